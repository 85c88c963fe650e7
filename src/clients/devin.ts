import type { Platform } from '../core/platform.js';
import { detectByHints } from './detect.js';
import { windowsAppData } from './paths.js';
import type { ClientDescriptor } from './types.js';

/** Devin's config folder: %APPDATA%\devin on Windows, ~/.config/devin elsewhere (the docs name no XDG variable). */
function devinConfigFolder(platform: Platform): string {
  if (platform.os === 'win32') return platform.path.join(windowsAppData(platform), 'devin');
  return platform.path.join(platform.home, '.config', 'devin');
}

/**
 * Devin Desktop (Windsurf renamed, Cognition 2026): its default agent, Devin Local, is the agent
 * harness of Devin for Terminal and reads that harness's config: `mcpServers` in
 * ~/.config/devin/config.json (%APPDATA%\devin\config.json on Windows) and a project's
 * .devin/config.json (JSONC). A remote server is `{"url"}` (Streamable HTTP, falling back to SSE;
 * `"transport": "sse"` forces SSE); it signs in with OAuth itself (`devin mcp login`). Cascade, the
 * older agent, still reads ~/.codeium/windsurf/mcp_config.json: that file is the `windsurf` client.
 * Source: docs.windsurf.com/windsurf/devin-local — "Devin Local is our next-generation agent harness shared with Devin for Terminal".
 * Source: docs.devin.ai/cli/extensibility/mcp/configuration — `devin mcp add -s user` writes ~/.config/devin/config.json
 * (%APPDATA%\devin\config.json on Windows), project .devin/config.json; remote `url`, optional `"transport": "sse"`, `headers`.
 */
export const devin: ClientDescriptor = {
  id: 'devin',
  label: 'Devin Local (Devin Desktop, Devin for Terminal)',
  shape: { format: 'jsonc', serversKey: 'mcpServers' },
  configPath(platform, scope) {
    if (scope === 'project') return platform.path.join(platform.cwd, '.devin', 'config.json');
    return platform.path.join(devinConfigFolder(platform), 'config.json');
  },
  detect(platform) {
    return detectByHints(platform, {
      folders: [devinConfigFolder(platform)],
      commands: ['devin'],
    });
  },
  templates: { bridge: 'devin.bridge', native: { http: 'devin.native-http', sse: 'devin.native-sse' } },
  tokenUnsupported:
    'Devin documents no environment variables in config.json (it keeps secrets in .devin/config.local.json), so the token itself would have to be written there; refusing. Use its browser sign-in instead (--native, without --token-env).',
  nextStep: ({ mode, name }) =>
    mode === 'native'
      ? `Run: devin mcp login ${name}   (signs in in the browser); Devin Desktop's agent panel then lists ${name}.`
      : `Start Devin Desktop (Devin Local) or devin: ${name} starts and mcp-remote opens the browser to sign in.`,
};
