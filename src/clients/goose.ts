import type { Platform } from '../core/platform.js';
import { detectByHints } from './detect.js';
import { windowsAppData, xdgConfigHome } from './paths.js';
import type { ClientDescriptor } from './types.js';

/** Goose's config folder: %APPDATA%\Block\goose\config on Windows, $XDG_CONFIG_HOME/goose (~/.config/goose) elsewhere. */
function gooseFolder(platform: Platform): string {
  if (platform.os === 'win32') return platform.path.join(windowsAppData(platform), 'Block', 'goose', 'config');
  return platform.path.join(xdgConfigHome(platform), 'goose');
}

/**
 * Goose (Block): `extensions.<name>` in config.yaml. A remote extension is
 * `{enabled: true, type: streamable_http, name, uri, timeout}`; Goose signs in with OAuth itself.
 * It has no SSE client any more, so the entry always uses Intercom's /mcp URL; there is no bridge
 * entry here (Goose's stdio extensions use `cmd`, and its streamable_http is what it recommends).
 * Source: block/goose crates/goose/src/agents/extension.rs — ExtensionConfig::StreamableHttp {name, uri, envs, env_keys,
 * headers, timeout, …}, `enabled` beside it; block.github.io/goose docs "Configuration Files" — ~/.config/goose/config.yaml,
 * %APPDATA%\Block\goose\config\config.yaml on Windows.
 */
export const goose: ClientDescriptor = {
  id: 'goose',
  label: 'Goose',
  shape: { format: 'yaml', serversKey: 'extensions' },
  configPath(platform, scope) {
    if (scope !== 'user') return undefined;
    return platform.path.join(gooseFolder(platform), 'config.yaml');
  },
  detect(platform) {
    return detectByHints(platform, { folders: [gooseFolder(platform)], commands: ['goose'] });
  },
  templates: { native: 'goose.native' },
  nativeTransports: ['http'],
  tokenUnsupported:
    'Goose keeps header values as written in config.yaml (secrets go in its keyring), so the token itself would have to be written there; refusing. Use its browser sign-in instead (without --token-env).',
  nextStep: ({ name }) => `Start goose (or Goose Desktop): the ${name} extension opens the browser to sign in to Intercom the first time it connects.`,
};
