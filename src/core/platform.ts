import { existsSync, statSync } from 'node:fs';
import { isAbsolute, type PlatformPath } from 'node:path';
import { fastPosixPath, fastWin32Path } from '../config/fast-path.js';
import { CliError } from './errors.js';
import { nodeRequire } from './node-require.js';

export type OsName = 'darwin' | 'win32' | 'linux';

/**
 * The machine as a value. Everything that depends on the operating system, the environment,
 * the home folder or PATH reads it from here, so tests can describe a Mac or a Windows machine
 * while running on Linux.
 */
export interface Platform {
  os: OsName;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  cwd: string;
  /** Path functions of the described OS (win32 paths on a Windows platform, even on Linux). */
  path: PlatformPath;
  /** Whether a path exists (file or folder). Injected so detection is testable without real files. */
  exists(p: string): boolean;
  /** Whether a path is an existing regular file (or a link to one). */
  isFile(p: string): boolean;
  nodeVersion: string;
}

function normalizeOs(value: string): OsName {
  if (value === 'darwin' || value === 'win32') return value;
  return 'linux';
}

/** Reads an environment variable the way the OS does: case-insensitively on Windows. */
export function getEnv(platform: Pick<Platform, 'os' | 'env'>, name: string): string | undefined {
  const direct = platform.env[name];
  if (direct !== undefined || platform.os !== 'win32') return direct;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(platform.env)) {
    if (key.toLowerCase() === lower) return value;
  }
  return undefined;
}

/** HOME is missing or relative: exit code 1 (the platform is never guessed). */
export class HomeError extends CliError {}

/** Whether a path is a regular file on this machine (following symlinks). */
export function realIsFile(p: string): boolean {
  try {
    // throwIfNoEntry: a missing file is the common answer (PATH lookups), and an exception costs.
    return statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

/** The real machine this process runs on. HOME must be set and absolute (never guessed). */
export function currentPlatform(env: NodeJS.ProcessEnv = process.env): Platform {
  const osName = normalizeOs(process.platform);
  const homeVar = osName === 'win32' ? (env.USERPROFILE ?? env.HOME) : env.HOME;
  // node:os only where it is asked (Windows without USERPROFILE or HOME): its load costs every run.
  const home = homeVar ?? (osName === 'win32' ? (nodeRequire('node:os') as typeof import('node:os')).homedir() : undefined);
  if (!home) throw new HomeError('HOME is not set: set HOME to your home folder and run again.');
  if (!isAbsolute(home)) {
    throw new HomeError(`HOME is not an absolute path (${JSON.stringify(home)}): set HOME to your home folder and run again.`);
  }
  return {
    os: osName,
    env,
    home,
    cwd: process.cwd(),
    path: osName === 'win32' ? fastWin32Path : fastPosixPath,
    exists: existsSync,
    isFile: realIsFile,
    nodeVersion: process.versions.node,
  };
}

/** Finds an executable on the platform's PATH (with PATHEXT on Windows), like `which`. */
export function findOnPath(platform: Platform, command: string, accept: (file: string) => boolean = () => true): string | undefined {
  const pathVar = getEnv(platform, 'PATH') ?? '';
  const separator = platform.os === 'win32' ? ';' : ':';
  const extensions = platform.os === 'win32' ? (getEnv(platform, 'PATHEXT') ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean) : [''];
  // A folder named twice in PATH (common: node's own bin folder is often /usr/bin) is looked in once.
  const looked = new Set<string>();
  for (const dir of pathVar.split(separator)) {
    if (!dir) continue;
    for (const ext of extensions) {
      const candidate = platform.path.join(dir, command + ext);
      const key = platform.os === 'win32' ? candidate.toLowerCase() : candidate;
      if (looked.has(key)) continue;
      looked.add(key);
      if (platform.isFile(candidate) && accept(candidate)) return candidate;
    }
  }
  return undefined;
}
