import type { Platform } from '../core/platform.js';
import { detectByHints } from './detect.js';
import type { ClientDescriptor } from './types.js';

/** Claude Code keeps its state file in CLAUDE_CONFIG_DIR when that is set, else in the home folder. */
function stateFolder(platform: Platform): string {
  const configDir = platform.env.CLAUDE_CONFIG_DIR;
  return configDir && platform.path.isAbsolute(configDir) ? configDir : platform.home;
}

export const claudeCode: ClientDescriptor = {
  id: 'claude-code',
  label: 'Claude Code',
  shape: { format: 'json', serversKey: 'mcpServers', perProjectKey: 'projects' },
  configPath(platform, scope) {
    if (scope === 'project') return platform.path.join(platform.cwd, '.mcp.json');
    return platform.path.join(stateFolder(platform), '.claude.json');
  },
  detect(platform) {
    return detectByHints(platform, {
      folders: [platform.path.join(platform.home, '.claude'), platform.path.join(stateFolder(platform), '.claude.json')],
      commands: ['claude'],
    });
  },
  // Claude Code runs the OAuth sign-in itself, so it always gets its native remote entry.
  // It expands `${VAR}` in url, headers, command, args and env of its MCP servers.
  templates: { native: 'claude-code.native', nativeToken: 'claude-code.native-token' },
  nextStep: ({ name, scope, tokenEnv }) =>
    tokenEnv
      ? `Start claude from an environment where ${tokenEnv} is set; ${name} connects with that token (no browser sign-in).`
      : scope === 'project'
        ? `Start claude in this project and approve the ${name} server from .mcp.json when it asks, then run /mcp, pick ${name} and choose "Authenticate".`
        : `In Claude Code, run /mcp, pick ${name} and choose "Authenticate" to sign in.`,
};
