import { getEnv, type Platform } from '../platform.js';

/** `%APPDATA%` on Windows (roaming), with the documented default when unset. */
export function windowsAppData(platform: Platform): string {
  return getEnv(platform, 'APPDATA') ?? platform.path.join(platform.home, 'AppData', 'Roaming');
}

/** `%LOCALAPPDATA%` on Windows, with the documented default when unset. */
export function windowsLocalAppData(platform: Platform): string {
  return getEnv(platform, 'LOCALAPPDATA') ?? platform.path.join(platform.home, 'AppData', 'Local');
}

/** `$XDG_CONFIG_HOME`, ignored when relative as the XDG spec says, else `~/.config`. */
export function xdgConfigHome(platform: Platform): string {
  const value = platform.env.XDG_CONFIG_HOME;
  if (value && platform.path.isAbsolute(value)) return value;
  return platform.path.join(platform.home, '.config');
}

/**
 * The folder where desktop apps keep their settings: Application Support on macOS,
 * %APPDATA% on Windows, $XDG_CONFIG_HOME on Linux.
 */
export function appConfigRoot(platform: Platform): string {
  switch (platform.os) {
    case 'darwin':
      return platform.path.join(platform.home, 'Library', 'Application Support');
    case 'win32':
      return windowsAppData(platform);
    default:
      return xdgConfigHome(platform);
  }
}

/** Places a macOS app bundle can be installed. */
export function macAppBundles(platform: Platform, bundle: string): string[] {
  if (platform.os !== 'darwin') return [];
  return [platform.path.join('/Applications', bundle), platform.path.join(platform.home, 'Applications', bundle)];
}

/** A path for messages: the home folder shown as `~`. */
export function displayPath(platform: Pick<Platform, 'home' | 'path'>, p: string): string {
  const { home, path } = platform;
  if (p === home) return '~';
  const prefix = home.endsWith(path.sep) ? home : home + path.sep;
  return p.startsWith(prefix) ? `~${path.sep}${p.slice(prefix.length)}` : p;
}
