import fc from 'fast-check';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fastPosixPath, fastWin32Path, nativePath } from '../../src/config/fast-path.js';
import { propertySeed } from '../helpers/property-seed.js';

const SEED = propertySeed(20_261_206);

// Pieces chosen to hit every rule of both path flavours: empty, `.` and `..` components, both
// separators doubled or trailing, drive letters, UNC prefixes, colons, trailing dots and spaces.
const piece = fc.constantFrom(
  '',
  '.',
  '..',
  '...',
  'a',
  'home',
  'ana',
  '.config',
  'Code - Insiders',
  'x y',
  'b.',
  'c ',
  ' d',
  'é',
  '/',
  '//',
  '\\',
  '\\\\',
  'C:',
  'c:',
  'C:\\',
  'C:/',
  ':',
  'a:b',
  '\\\\server\\share',
  '//server/share',
  '~',
  '.cursor',
  'mcp.json',
);
const segment = fc.array(piece, { minLength: 1, maxLength: 5 }).map((pieces) => pieces.join(''));
const segments = fc.array(segment, { minLength: 0, maxLength: 5 });

// Clean segments as a client's paths are: these should all take the fast way.
const name = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9 ._-]{0,10}[A-Za-z0-9_]$/);
const posixHome = fc.array(name, { minLength: 1, maxLength: 4 }).map((names) => `/${names.join('/')}`);
const win32Home = fc
  .tuple(fc.constantFrom('C', 'D', 'c'), fc.array(name, { minLength: 1, maxLength: 4 }))
  .map(([drive, names]) => `${drive}:\\${names.join('\\')}`);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('fast-path', () => {
  it('joins exactly as node:path does, for posix and win32 (generated segments)', () => {
    fc.assert(
      fc.property(segments, (parts) => {
        expect(fastPosixPath.join(...parts)).toBe(path.posix.join(...parts));
        expect(fastWin32Path.join(...parts)).toBe(path.win32.join(...parts));
      }),
      { seed: SEED, numRuns: 20_000 },
    );
  });

  it('resolves exactly as node:path does (one segment, absolute or not, and several)', () => {
    fc.assert(
      fc.property(segments, (parts) => {
        for (const args of [parts.slice(0, 1), parts]) {
          expect(fastPosixPath.resolve(...args)).toBe(path.posix.resolve(...args));
          expect(fastWin32Path.resolve(...args)).toBe(path.win32.resolve(...args));
        }
      }),
      { seed: SEED, numRuns: 10_000 },
    );
    fc.assert(
      fc.property(posixHome, win32Home, (posix, win32) => {
        expect(fastPosixPath.resolve(posix)).toBe(path.posix.resolve(posix));
        expect(fastWin32Path.resolve(win32)).toBe(path.win32.resolve(win32));
      }),
      { seed: SEED },
    );
  });

  it('takes the fast way for clean paths, node:path for the rest', () => {
    const posixJoin = vi.spyOn(path.posix, 'join');
    const win32Join = vi.spyOn(path.win32, 'join');
    const posixResolve = vi.spyOn(path.posix, 'resolve');
    fc.assert(
      fc.property(posixHome, win32Home, fc.array(name, { maxLength: 3 }), (posix, win32, rest) => {
        expect(fastPosixPath.join(posix, ...rest)).toBe([posix, ...rest].join('/'));
        expect(fastWin32Path.join(win32, ...rest)).toBe([win32, ...rest].join('\\'));
        expect(fastPosixPath.resolve(posix)).toBe(posix);
      }),
      { seed: SEED },
    );
    expect(posixJoin).not.toHaveBeenCalled();
    expect(win32Join).not.toHaveBeenCalled();
    expect(posixResolve).not.toHaveBeenCalled();

    expect(fastPosixPath.join('/home/ana/', '.config')).toBe('/home/ana/.config');
    expect(fastPosixPath.join('/home/ana', '../bob')).toBe('/home/bob');
    expect(fastWin32Path.join('C:\\Users\\ana', 'AppData/Roaming')).toBe('C:\\Users\\ana\\AppData\\Roaming');
    expect(posixJoin).toHaveBeenCalledTimes(2);
    expect(win32Join).toHaveBeenCalledTimes(1);
  });

  it('keeps the rest of node:path', () => {
    expect(fastPosixPath.sep).toBe('/');
    expect(fastWin32Path.sep).toBe('\\');
    expect(fastWin32Path.dirname('C:\\Users\\ana\\.cursor\\mcp.json')).toBe('C:\\Users\\ana\\.cursor');
    expect(fastPosixPath.relative('/a/b', '/a/c')).toBe('../c');
    expect(nativePath.sep).toBe(path.sep);
  });
});
