import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { getEnv, type Platform } from '../core/platform.js';

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

/** The folder names of the VS Code family's user data, under appConfigRoot, with a label each. */
const VSCODE_FAMILY: ReadonlyArray<{ label: string; dataFolder: string }> = [
  { label: 'VS Code', dataFolder: 'Code' },
  { label: 'VS Code Insiders', dataFolder: 'Code - Insiders' },
  { label: 'Cursor', dataFolder: 'Cursor' },
  { label: 'Windsurf', dataFolder: 'Windsurf' },
];

/** `<editor user data>/User` of one VS Code-family editor. */
export function editorUserFolder(platform: Platform, dataFolder: string): string {
  return platform.path.join(appConfigRoot(platform), dataFolder, 'User');
}

/**
 * Where an extension keeps its files in each VS Code-family editor that has it: the editor's
 * `User/globalStorage/<publisher.name>` folder (the id in lower case, as VS Code names it).
 */
export function extensionStorages(platform: Platform, extensionId: string): Array<{ label: string; folder: string }> {
  return VSCODE_FAMILY.map(({ label, dataFolder }) => ({
    label,
    folder: platform.path.join(editorUserFolder(platform, dataFolder), 'globalStorage', extensionId.toLowerCase()),
  })).filter(({ folder }) => platform.exists(folder));
}

/** An environment variable that names a folder: used only when it is set and absolute. */
export function absoluteEnvPath(platform: Platform, name: string): string | undefined {
  const value = getEnv(platform, name)?.trim();
  return value && platform.path.isAbsolute(value) ? value : undefined;
}

/** The names of the sub-folders of a folder (none when it cannot be read). */
export function subfolders(folder: string): string[] {
  // Asked first because the usual answer is "no such folder", and a thrown error costs more.
  if (!existsSync(folder)) return [];
  try {
    return readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

/** A file's text, or undefined when it cannot be read. */
export function readTextIfPresent(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
