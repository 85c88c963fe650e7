import { parseDocument } from '../config/jsonc.js';
import type { Platform } from '../core/platform.js';
import { detectByHints } from './detect.js';
import { extensionStorages, readTextIfPresent } from './paths.js';
import type { ClientDescriptor, ConfigLocation } from './types.js';

const EXTENSION_ID = 'rooveterinaryinc.roo-cline';

/**
 * The editor's `roo-cline.customStoragePath` setting: when it names an absolute folder, Roo keeps
 * its settings there instead of in globalStorage. The editor's settings.json is JSONC; one that
 * cannot be read or parsed leaves the default (as Roo falls back to it).
 * Source: RooCodeInc/Roo-Code src/utils/storage.ts — getStorageBasePath reads
 * `roo-cline.customStoragePath`, and getSettingsDirectoryPath is `<base>/settings`.
 */
function customStoragePath(platform: Platform, storageFolder: string): string | undefined {
  // <editor>/User/globalStorage/<id> → <editor>/User/settings.json
  const settingsFile = platform.path.join(platform.path.dirname(platform.path.dirname(storageFolder)), 'settings.json');
  const text = readTextIfPresent(settingsFile);
  if (text === undefined) return undefined;
  try {
    const value = parseDocument(text, 'jsonc').root['roo-cline.customStoragePath'];
    return typeof value === 'string' && value.trim() !== '' && platform.path.isAbsolute(value.trim()) ? value.trim() : undefined;
  } catch {
    return undefined;
  }
}

function userLocations(platform: Platform): ConfigLocation[] {
  return extensionStorages(platform, EXTENSION_ID).map(({ label, folder }) => ({
    path: platform.path.join(customStoragePath(platform, folder) ?? folder, 'settings', 'mcp_settings.json'),
    label,
  }));
}

/**
 * Roo Code: `mcpServers` in `<editor>/User/globalStorage/rooveterinaryinc.roo-cline/settings/
 * mcp_settings.json` for each VS Code-family editor that has it (or under the editor's
 * `roo-cline.customStoragePath`), and `.roo/mcp.json` in a
 * project (src/services/mcp/McpHub.ts). Roo cannot sign in with OAuth, so it keeps the bridge;
 * with a token (it expands `${env:VAR}`) a native `{"type": "streamable-http"|"sse", "url",
 * "headers"}` entry works too.
 */
export const rooCode: ClientDescriptor = {
  id: 'roo-code',
  label: 'Roo Code',
  shape: { format: 'json', serversKey: 'mcpServers' },
  configPath(platform, scope) {
    if (scope === 'project') return platform.path.join(platform.cwd, '.roo', 'mcp.json');
    return userLocations(platform)[0]?.path;
  },
  configLocations: (platform, scope) => (scope === 'project' ? [{ path: platform.path.join(platform.cwd, '.roo', 'mcp.json') }] : userLocations(platform)),
  notFound: (_platform, scope) =>
    scope === 'user'
      ? `Roo Code was not found (no ${EXTENSION_ID} storage in VS Code, VS Code Insiders, Cursor or Windsurf): install it, start it once, then run again (or use --scope project)`
      : undefined,
  detect(platform) {
    return detectByHints(platform, { folders: extensionStorages(platform, EXTENSION_ID).map(({ folder }) => folder) });
  },
  templates: { bridge: 'roo-code.bridge', bridgeToken: 'roo-code.bridge-token', nativeToken: 'roo-code.native-token' },
  nativeUnsupported:
    'Roo Code cannot sign in to a remote server itself (no OAuth), so it keeps the mcp-remote bridge; with --token-env it can use the native entry.',
  transportNames: { sse: 'sse', http: 'streamable-http' },
  nextStep: ({ tokenEnv, name }) =>
    tokenEnv
      ? `Start the editor with ${tokenEnv} in its environment, then open Roo Code → MCP Servers: ${name} connects.`
      : `Open Roo Code → MCP Servers: ${name} starts and mcp-remote opens the browser to sign in.`,
};
