import type { Platform } from '../core/platform.js';
import { detectByHints } from './detect.js';
import { absoluteEnvPath, extensionStorages } from './paths.js';
import type { ClientDescriptor, ConfigLocation } from './types.js';

const EXTENSION_ID = 'saoudrizwan.claude-dev';
const SETTINGS_FILE = 'cline_mcp_settings.json';

/** Cline's data folder: $CLINE_DATA_DIR, else ($CLINE_DIR or ~/.cline)/data (sdk/packages/shared/src/storage/paths.ts). */
function clineDataFolder(platform: Platform): string {
  const clineDir = absoluteEnvPath(platform, 'CLINE_DIR') ?? platform.path.join(platform.home, '.cline');
  return absoluteEnvPath(platform, 'CLINE_DATA_DIR') ?? platform.path.join(clineDir, 'data');
}

/** The settings file shared by the current Cline extension, its CLI and JetBrains plugin. */
function sharedSettings(platform: Platform): string {
  return absoluteEnvPath(platform, 'CLINE_MCP_SETTINGS_PATH') ?? platform.path.join(clineDataFolder(platform), 'settings', SETTINGS_FILE);
}

function locations(platform: Platform): ConfigLocation[] {
  const found: ConfigLocation[] = [];
  const shared = sharedSettings(platform);
  if (platform.exists(shared) || platform.exists(clineDataFolder(platform))) found.push({ path: shared, label: '~/.cline' });
  // Before mid-2026 each editor's copy of the extension kept its own file in its globalStorage;
  // those versions read it still, and newer ones migrate it once into the shared file.
  for (const { label, folder } of extensionStorages(platform, EXTENSION_ID)) {
    found.push({ path: platform.path.join(folder, 'settings', SETTINGS_FILE), label });
  }
  return found;
}

/**
 * Cline: `mcpServers` in cline_mcp_settings.json. Current versions read the one shared file in
 * ~/.cline/data/settings (apps/vscode/src/sdk/SdkController.ts); older ones a file in each
 * VS Code-family editor's globalStorage/saoudrizwan.claude-dev/settings. Both are written where
 * they exist. Remote entries: `{"type": "streamableHttp"|"sse", "url"}` (a bare url is SSE).
 * Cline (extension and CLI) signs in with OAuth itself, so it always gets its native entry:
 * the bridge is no good there, see CLI_REWRITES_BRIDGE.
 * Source: cline/cline sdk/packages/core/src/extensions/mcp/remote-proxy.ts — the exact
 * `{"command":"npx","args":["-y","mcp-remote",URL]}` (no env, no other args) is run as Streamable HTTP to URL.
 * Source: cline/cline sdk/packages/core/src/extensions/mcp/env-expansion.ts — the SDK behind the
 * CLI expands `${env:VAR}` only in a stdio server's `env`, never in a remote server's headers.
 */
export const cline: ClientDescriptor = {
  id: 'cline',
  label: 'Cline',
  shape: { format: 'json', serversKey: 'mcpServers' },
  configPath(platform, scope) {
    if (scope !== 'user') return undefined;
    return locations(platform)[0]?.path;
  },
  configLocations: (platform, scope) => (scope === 'user' ? locations(platform) : []),
  notFound: (platform, scope) =>
    scope === 'user'
      ? `Cline was not found (no ${clineDataFolder(platform)} and no ${EXTENSION_ID} storage in VS Code, VS Code Insiders, Cursor or Windsurf): install Cline, start it once, then run again`
      : 'Cline has no project-scope config file',
  detect(platform) {
    return detectByHints(platform, {
      folders: [clineDataFolder(platform), ...extensionStorages(platform, EXTENSION_ID).map(({ folder }) => folder)],
      commands: ['cline'],
    });
  },
  templates: { native: 'cline.native', nativeToken: 'cline.native-token' },
  transportNames: { sse: 'sse', http: 'streamableHttp' },
  nextStep: ({ tokenEnv, name }) =>
    tokenEnv
      ? `Start the editor with ${tokenEnv} in its environment, then open Cline → MCP Servers: ${name} connects. ${TOKEN_EXTENSION_ONLY}`
      : `Open Cline → MCP Servers (or run cline): ${name} asks you to authenticate; sign in to Intercom in the browser.`,
};

/** What the report says about a token entry for Cline. */
const TOKEN_EXTENSION_ONLY =
  'Only the Cline extension reads ${env:VAR} in headers; the cline CLI sends it as written, so in the CLI sign in in the browser instead (setup without --token-env).';

/** Why an mcp-remote entry is wrong for Cline, for list and doctor. */
export const CLI_REWRITES_BRIDGE =
  'the cline CLI runs this mcp-remote entry as its own Streamable HTTP connection to the URL (an /sse URL then fails); Cline signs in itself: use {"type": "streamableHttp", "url": …/mcp}';
