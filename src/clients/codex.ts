import type { JsonObject } from '../config/json-types.js';
import type { Platform } from '../core/platform.js';
import { detectByHints } from './detect.js';
import type { ClientDescriptor } from './types.js';

/**
 * Codex's folder: $CODEX_HOME when set and not empty (a relative value is taken from the working
 * folder, as Codex canonicalizes it), else ~/.codex (codex-rs find_codex_home).
 */
function codexHome(platform: Platform): string {
  const value = platform.env.CODEX_HOME?.trim();
  if (value) return platform.path.resolve(platform.cwd, value);
  return platform.path.join(platform.home, '.codex');
}

/**
 * Keys Codex 0.169 accepts for one transport only (checked with the real `codex mcp list`): a URL
 * server's table (streamable_http) with `command`, `args`, `env`, `env_vars` or `cwd`, or a
 * command's (stdio) with `url`, `bearer_token_env_var`, `http_headers` or `env_http_headers`,
 * makes it load no config at all ("env is not supported for streamable_http").
 */
const COMMAND_ONLY = ['command', 'args', 'env', 'env_vars', 'cwd'];
const URL_ONLY = ['url', 'bearer_token_env_var', 'http_headers', 'env_http_headers'];

/** The keys an entry's transport (its `url`, else its `command`) makes Codex refuse: all it could hold of the other's. */
export function codexOtherTransportKeys(entry: JsonObject): readonly string[] {
  return Object.hasOwn(entry, 'url') ? COMMAND_ONLY : Object.hasOwn(entry, 'command') ? URL_ONLY : [];
}

/**
 * OpenAI Codex CLI (`@openai/codex`): `$CODEX_HOME/config.toml` (user) and `.codex/config.toml`
 * in a project, one `[mcp_servers.<name>]`
 * table per server (codex-rs/core/src/config/types.rs RawMcpServerConfig): `url` (+
 * `bearer_token_env_var`) for Streamable HTTP, `command`/`args` for stdio. Codex has no SSE
 * client, so its native entry always uses /mcp; an /sse URL that is not Intercom's keeps the bridge.
 * Source: openai/codex issue #10389 and codex config docs — a project's .codex/config.toml is read only
 * when the project is trusted (`[projects."<abs path>"] trust_level = "trusted"` in the user config).
 */
export const codex: ClientDescriptor = {
  id: 'codex',
  label: 'Codex',
  // Codex ignores tables it does not know, such as [mcpServers] copied from a JSON client.
  shape: { format: 'toml', serversKey: 'mcp_servers', ignoredKeys: ['mcpServers'] },
  configPath(platform, scope) {
    if (scope === 'project') return platform.path.join(platform.cwd, '.codex', 'config.toml');
    return platform.path.join(codexHome(platform), 'config.toml');
  },
  detect(platform) {
    return detectByHints(platform, { folders: [codexHome(platform)], commands: ['codex'] });
  },
  templates: { bridge: 'codex.bridge', native: 'codex.native', nativeToken: 'codex.native-token' },
  nativeTransports: ['http'],
  nextStep: (context) => {
    const { mode, tokenEnv, name } = context;
    const trust = context.scope === 'project' ? `${trustStep(context.path)} ` : '';
    if (tokenEnv) return `${trust}Start codex with ${tokenEnv} set; it sends it as the bearer token (codex mcp list shows "Bearer token").`;
    return mode === 'native'
      ? `${trust}Run: codex mcp login ${name}   (signs in in the browser), then start codex.`
      : `${trust}Start codex; mcp-remote opens the browser to sign in to Intercom.`;
  },
};

/** Codex ignores a project's .codex/config.toml until the project is trusted. */
function trustStep(configPath: string | undefined): string {
  const project = configPath?.replace(/[\\/]\.codex[\\/]config\.toml$/, '');
  const where = project && project !== configPath ? `[projects."${project.replaceAll('\\', '\\\\')}"]` : '[projects."<this folder>"]';
  return `Codex reads .codex/config.toml only in a trusted project: trust this folder when codex asks, or add ${where} trust_level = "trusted" to ~/.codex/config.toml.`;
}
