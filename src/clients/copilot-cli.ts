import type { Platform } from '../core/platform.js';
import { detectByHints } from './detect.js';
import { absoluteEnvPath } from './paths.js';
import type { ClientDescriptor } from './types.js';

/** The Copilot CLI's folder: $COPILOT_HOME, else ~/.copilot. */
function copilotHome(platform: Platform): string {
  return absoluteEnvPath(platform, 'COPILOT_HOME') ?? platform.path.join(platform.home, '.copilot');
}

/**
 * A project's servers: `.mcp.json` (the file Claude Code reads too), or `.github/mcp.json` when
 * only that one exists (the Copilot CLI reads it when there is no `.mcp.json`).
 */
function projectFile(platform: Platform): string {
  const root = platform.path.join(platform.cwd, '.mcp.json');
  const github = platform.path.join(platform.cwd, '.github', 'mcp.json');
  return !platform.exists(root) && platform.exists(github) ? github : root;
}

/**
 * GitHub Copilot CLI (`@github/copilot`): `mcpServers` in ~/.copilot/mcp-config.json ($COPILOT_HOME)
 * and a project's `.mcp.json` (else `.github/mcp.json`), read in trusted folders only. Remote
 * entries are `{"type": "http"|"sse", "url"}` (`tools` optional, all by default); it signs in with
 * OAuth itself, so it always gets that entry. Both files have other readers: `.mcp.json` is Claude
 * Code's project file and ~/.copilot/mcp-config.json is read by newer VS Code, so the entry is the
 * very one Claude Code gets (its templates), which every one of them reads; `${VAR}` in headers is
 * expanded by both CLIs.
 * Source: docs.github.com copilot-cli "add MCP servers" — ~/.copilot/mcp-config.json, .mcp.json or .github/mcp.json.
 * Verified: @github/copilot 1.0.102 `copilot mcp get` read `{"type":"http"|"sse","url"}` back (clients.md, third wave).
 */
export const copilotCli: ClientDescriptor = {
  id: 'copilot-cli',
  label: 'GitHub Copilot CLI',
  shape: { format: 'json', serversKey: 'mcpServers' },
  configPath(platform, scope) {
    if (scope === 'project') return projectFile(platform);
    return platform.path.join(copilotHome(platform), 'mcp-config.json');
  },
  detect(platform) {
    return detectByHints(platform, { folders: [copilotHome(platform)], commands: ['copilot'] });
  },
  templates: { native: 'claude-code.native', nativeToken: 'claude-code.native-token' },
  nextStep: ({ name, scope, tokenEnv }) => {
    const trust = scope === 'project' ? "Trust this folder when copilot asks (it reads a project's servers only then). " : '';
    if (tokenEnv) return `${trust}Start copilot with ${tokenEnv} set; /mcp shows ${name} connected.`;
    return `${trust}Start copilot: ${name} opens the browser to sign in to Intercom the first time it connects (copilot mcp get ${name} shows the entry).`;
  },
};
