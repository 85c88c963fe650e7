import { posix, win32, type PlatformPath } from 'node:path';

/**
 * node:path with a join() and resolve() that skip the per-character normalisation where it
 * cannot change anything: every segment is already clean (no empty, `.` or `..` component, no
 * doubled or trailing separator; on Windows no `/`, and a drive's `C:\` at the start of the first
 * segment only). Anything else goes to node:path itself, so the result is always
 * exactly node:path's (test/unit/fast-path.test.ts compares the two on generated segments).
 *
 * Why: a setup joins about a hundred paths (detection probes each client's folders), and
 * node:path normalises every joined string character by character. Run cold, that loop gets hot
 * enough for V8 to compile it with TurboFan (--trace-opt shows it), work that this file avoids on
 * setup, list and doctor (the A/B of two builds is in docs/performance.md).
 */

// A clean component is not `.` or `..` and holds no separator; components joined by one separator.
const POSIX_COMPONENT = String.raw`(?!\.\.?(?:/|$))[^/]+`;
const POSIX_FIRST = new RegExp(String.raw`^/?${POSIX_COMPONENT}(?:/${POSIX_COMPONENT})*$`);
const POSIX_REST = new RegExp(String.raw`^${POSIX_COMPONENT}(?:/${POSIX_COMPONENT})*$`);
const POSIX_ABSOLUTE = new RegExp(String.raw`^/${POSIX_COMPONENT}(?:/${POSIX_COMPONENT})*$`);

// Windows: `\` only (node:path rewrites a `/`), and the first segment starts at a drive's root:
// `\folder` (the current drive's) and `\\server\share` are left to node:path, whose resolve()
// reads them against the current folder.
const WIN32_COMPONENT = String.raw`(?!\.\.?(?:\\|$))[^\\/]+`;
const WIN32_FIRST = new RegExp(String.raw`^[A-Za-z]:\\${WIN32_COMPONENT}(?:\\${WIN32_COMPONENT})*$`);
const WIN32_REST = new RegExp(String.raw`^${WIN32_COMPONENT}(?:\\${WIN32_COMPONENT})*$`);

function fastPath(base: PlatformPath, separator: string, first: RegExp, rest: RegExp, absolute: RegExp): PlatformPath {
  const join = (...segments: string[]): string => {
    if (segments.length === 0 || !first.test(segments[0]!)) return base.join(...segments);
    for (let i = 1; i < segments.length; i++) if (!rest.test(segments[i]!)) return base.join(...segments);
    return segments.join(separator);
  };
  const resolve = (...segments: string[]): string => (segments.length === 1 && absolute.test(segments[0]!) ? segments[0]! : base.resolve(...segments));
  return { ...base, join, resolve };
}

export const fastPosixPath = fastPath(posix, '/', POSIX_FIRST, POSIX_REST, POSIX_ABSOLUTE);
export const fastWin32Path = fastPath(win32, '\\', WIN32_FIRST, WIN32_REST, WIN32_FIRST);

/** The fast path functions of the OS this process runs on. */
export const nativePath: PlatformPath = process.platform === 'win32' ? fastWin32Path : fastPosixPath;
