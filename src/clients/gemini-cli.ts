import type { Platform } from '../core/platform.js';
import { detectByHints } from './detect.js';
import { absoluteEnvPath } from './paths.js';
import type { ClientDescriptor } from './types.js';

/** Gemini CLI's home: $GEMINI_CLI_HOME when set (packages/core/src/utils/paths.ts homedir()), else ~. */
function geminiHome(platform: Platform): string {
  return absoluteEnvPath(platform, 'GEMINI_CLI_HOME') ?? platform.home;
}

/**
 * Gemini CLI (`@google/gemini-cli`): `~/.gemini/settings.json` (user) and `.gemini/settings.json`
 * in the project, servers under `mcpServers`. Remote entries are `{"url", "type": "sse"|"http"}`,
 * exactly what `gemini mcp add --transport sse|http` writes (0.61.0); it signs in with OAuth itself.
 * Every string in settings.json is expanded from the environment ($VAR, ${VAR}), so a token
 * entry says `Bearer ${VAR}`; for that reason there is no bridge token entry: Gemini would also
 * expand mcp-remote's own `${AUTH_HEADER}` placeholder when that variable happens to be set.
 */
export const geminiCli: ClientDescriptor = {
  id: 'gemini-cli',
  label: 'Gemini CLI',
  // Comments are stripped before JSON.parse; trailing commas are not accepted by Gemini itself.
  shape: { format: 'jsonc', serversKey: 'mcpServers' },
  configPath(platform, scope) {
    const root = scope === 'user' ? geminiHome(platform) : platform.cwd;
    return platform.path.join(root, '.gemini', 'settings.json');
  },
  detect(platform) {
    // Not ~/.gemini alone: Antigravity creates that folder too.
    return detectByHints(platform, {
      folders: [platform.path.join(geminiHome(platform), '.gemini', 'settings.json')],
      commands: ['gemini'],
    });
  },
  templates: {
    bridge: 'gemini-cli.bridge',
    native: 'gemini-cli.native',
    nativeToken: 'gemini-cli.native-token',
  },
  nextStep: ({ mode, tokenEnv, name }) => {
    if (tokenEnv) return `Start gemini with ${tokenEnv} set in its environment; /mcp list shows ${name} connected.`;
    return mode === 'native'
      ? `Start gemini in a trusted folder and run /mcp auth ${name} to sign in.`
      : 'Start gemini in a trusted folder; mcp-remote opens the browser to sign in to Intercom.';
  },
};
