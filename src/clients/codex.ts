import type { Platform } from '../core/platform.js';
import { detectByHints } from './detect.js';
import type { ClientDescriptor } from './types.js';

/**
 * Codex's folder: $CODEX_HOME when set and not empty (a relative value is taken from the working
 * folder, as Codex canonicalizes it), else ~/.codex (codex-rs find_codex_home).
 */
export function codexHome(platform: Platform): string {
  const value = platform.env.CODEX_HOME?.trim();
  if (value) return platform.path.resolve(platform.cwd, value);
  return platform.path.join(platform.home, '.codex');
}

/**
 * OpenAI Codex CLI (`@openai/codex`): `$CODEX_HOME/config.toml`, one `[mcp_servers.<name>]`
 * table per server (codex-rs/core/src/config/types.rs RawMcpServerConfig): `url` (+
 * `bearer_token_env_var`) for Streamable HTTP, `command`/`args` for stdio. Codex has no SSE
 * client, so its native entry always uses /mcp; an /sse URL that is not Intercom's keeps the bridge.
 */
export const codex: ClientDescriptor = {
  id: 'codex',
  label: 'Codex',
  // Codex ignores tables it does not know, such as [mcpServers] copied from a JSON client.
  shape: { format: 'toml', serversKey: 'mcp_servers', ignoredKeys: ['mcpServers'] },
  configPath(platform, scope) {
    if (scope !== 'user') return undefined;
    return platform.path.join(codexHome(platform), 'config.toml');
  },
  detect(platform) {
    return detectByHints(platform, { folders: [codexHome(platform)], commands: ['codex'] });
  },
  templates: { bridge: 'codex.bridge', native: 'codex.native', nativeToken: 'codex.native-token' },
  nativeTransports: ['http'],
  nextStep: ({ mode, tokenEnv, name }) => {
    if (tokenEnv) return `Start codex with ${tokenEnv} set; it sends it as the bearer token (codex mcp list shows "Bearer token").`;
    return mode === 'native'
      ? `Run: codex mcp login ${name}   (signs in in the browser), then start codex.`
      : 'Start codex; mcp-remote opens the browser to sign in to Intercom.';
  },
};
