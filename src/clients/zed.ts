import type { Platform } from '../core/platform.js';
import { detectByHints } from './detect.js';
import { absoluteEnvPath, macAppBundles, windowsAppData, windowsLocalAppData, xdgConfigHome } from './paths.js';
import type { ClientDescriptor } from './types.js';

/**
 * Zed's config folder (crates/paths/src/paths.rs config_dir): %APPDATA%\Zed on Windows,
 * $FLATPAK_XDG_CONFIG_HOME or $XDG_CONFIG_HOME (default ~/.config) + /zed on Linux, and
 * ~/.config/zed on macOS whatever XDG says.
 */
function zedConfigFolder(platform: Platform): string {
  switch (platform.os) {
    case 'win32':
      return platform.path.join(windowsAppData(platform), 'Zed');
    case 'darwin':
      return platform.path.join(platform.home, '.config', 'zed');
    default:
      return platform.path.join(absoluteEnvPath(platform, 'FLATPAK_XDG_CONFIG_HOME') ?? xdgConfigHome(platform), 'zed');
  }
}

/**
 * Zed: `context_servers` in its settings.json (JSONC), or `.zed/settings.json` in a project.
 * A remote server is `{"url"}` (optional `headers`), spoken as Streamable HTTP only (its
 * transport has no legacy SSE client); Zed signs in with OAuth itself. Stdio servers are
 * `{"command", "args", "env"}`. Settings strings are not expanded from the environment.
 */
export const zed: ClientDescriptor = {
  id: 'zed',
  label: 'Zed',
  shape: { format: 'jsonc', serversKey: 'context_servers' },
  configPath(platform, scope) {
    if (scope === 'project') return platform.path.join(platform.cwd, '.zed', 'settings.json');
    return platform.path.join(zedConfigFolder(platform), 'settings.json');
  },
  detect(platform) {
    return detectByHints(platform, {
      folders: [zedConfigFolder(platform)],
      commands: ['zed', 'zeditor'],
      installs: [
        ...macAppBundles(platform, 'Zed.app'),
        ...(platform.os === 'win32' ? [platform.path.join(windowsLocalAppData(platform), 'Programs', 'Zed')] : []),
      ],
    });
  },
  templates: { bridge: 'zed.bridge', native: 'zed.native' },
  nativeTransports: ['http'],
  tokenUnsupported:
    'Zed does not expand environment variables in settings.json, so the token itself would have to be written there; refusing. Use its browser sign-in instead (--native, without --token-env).',
  nextStep: ({ mode, name }) =>
    mode === 'native'
      ? `In Zed open the Agent panel settings: ${name} is listed under MCP servers; choose Authenticate to sign in.`
      : `In Zed open the Agent panel settings: ${name} starts, and mcp-remote opens the browser to sign in.`,
};
