import { existsSync } from 'node:fs';
import path from 'node:path';
import { realIsFile, type OsName, type Platform } from '../../src/core/platform.js';

/**
 * A described machine: any OS, any home, any env, with a set of paths that "exist".
 * Lets macOS and Windows paths and detection be tested on Linux.
 */
export function fakePlatform(os: OsName, options: { home?: string; cwd?: string; env?: Record<string, string>; existing?: string[] } = {}): Platform {
  const pathApi = os === 'win32' ? path.win32 : path.posix;
  const home = options.home ?? (os === 'win32' ? 'C:\\Users\\ana' : os === 'darwin' ? '/Users/ana' : '/home/ana');
  const existing = new Set(options.existing ?? []);
  return {
    os,
    env: { HOME: home, ...options.env },
    home,
    cwd: options.cwd ?? pathApi.join(home, 'project'),
    path: pathApi,
    exists: (p) => existing.has(p),
    isFile: (p) => existing.has(p),
    nodeVersion: '20.20.2',
  };
}

/** The same machine, its paths looked up on the real disk (a temp home the test wrote). */
export function onDisk(platform: Platform): Platform {
  return { ...platform, exists: existsSync, isFile: realIsFile };
}
