/**
 * dist/cli.js: loads the bundle (dist/run.js, dist/help.js and their chunks) with a V8 code cache.
 *
 * Why: a run spends more time compiling JavaScript than running it. V8 parses every chunk a
 * command needs, then compiles each function again on its first call (jsonc-parser, the engine,
 * the report). An entry written at the end of a run holds the bytecode of every function that
 * run compiled, so the next run of its kind compiles next to nothing. Node 22's
 * module.enableCompileCache() is not the same: it writes its entry right after a module loads,
 * before the functions that are compiled on first call, and saves much less (docs/performance.md
 * has the numbers on Node 20, 22, 24 and 26). So this is done here with node:vm's cachedData,
 * for our own files only.
 *
 * The cache lives under the temp folder (which the system empties), never in HOME: a folder
 * `intercom-mcp-setup-<uid>` that must be ours, not a symlink, and closed to others, inside a
 * temp folder that is an absolute path where nobody else can rename or replace what we checked
 * (onlyOursAbove), else it is not used, silently (cached code is code: another user must not be
 * able to plant it). Each entry is checked on the open file (ours, closed to others) and holds
 * the source it was compiled from, compared before use (bindEntry).
 * One subfolder per tool version, V8 version, architecture, installation and profile (the command
 * and the flags that choose its code: cacheProfileOf), so each cache holds the functions such a
 * run runs. Entries are keyed by file name (chunk names carry a content hash), size and
 * modification time; V8 checks the rest and rejects what does not fit, and a rejected or missing
 * entry is written again at the end of a run that went its whole way (not a usage error or a
 * cancel; temp file + rename), which also deletes the entries of earlier builds. Anything that
 * fails here only means no cache: the program runs the same.
 *
 * INTERCOM_MCP_SETUP_CODE_CACHE=0 turns it off.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
// Named imports: a default import of a built-in costs esbuild's interop a copy of all its exports.
import { basename, dirname, isAbsolute, join, sep } from 'node:path';
import { Script } from 'node:vm';
import { nodeRequire } from '../core/node-require.js';

declare const __TOOL_VERSION__: string;

type ChunkModule = { exports: unknown };
type NodeRequireFn = (id: string) => unknown;

interface Compiled {
  file: string;
  /** The file's bytes, which its cache entry holds too (bindEntry). */
  source: Buffer;
  script: Script;
  cacheFile?: string;
  /** The cache was missing or rejected: write one at exit. */
  stale: boolean;
}

const CACHE_OFF = process.env.INTERCOM_MCP_SETUP_CODE_CACHE === '0';

/**
 * os.tmpdir(), without loading node:os (docs/performance.md) where its answer is plain: on
 * POSIX it is TMPDIR, TMP, TEMP or /tmp, without a trailing slash, read only when the process is not
 * set-user-ID (Node's safeGetenv); elsewhere, and for such a process, node:os answers.
 */
export function temporaryFolder(): string {
  if (process.platform === 'win32' || process.getuid?.() !== process.geteuid?.() || process.getgid?.() !== process.getegid?.()) {
    return (nodeRequire('node:os') as typeof import('node:os')).tmpdir();
  }
  const { TMPDIR, TMP, TEMP } = process.env;
  const folder = TMPDIR || TMP || TEMP || '/tmp';
  return folder.length > 1 && folder.endsWith('/') ? folder.slice(0, -1) : folder;
}

/** FNV-1a, 32 bits: names an installation's folder in the cache without loading node:crypto. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * The cache folder for this run, or undefined when there is none we can trust. One per
 * installation (the bundle's folder): two copies of the same version, used in turn, would
 * otherwise delete each other's entries (pruneEntries).
 */
function cacheDir(profile: string, bundleDir: string): string | undefined {
  if (CACHE_OFF) return undefined;
  try {
    const uid = process.getuid?.();
    const tmp = temporaryFolder();
    // A relative TMPDIR (`TMPDIR=.`) is wherever the command runs: a checkout someone else wrote.
    if (!isAbsolute(tmp)) return undefined;
    if (uid !== undefined && !onlyOursAbove(tmp, uid)) return undefined;
    const base = join(tmp, `intercom-mcp-setup-${uid ?? 'user'}`);
    let stats = lstatSync(base, { throwIfNoEntry: false });
    if (!stats) {
      mkdirSync(base, { mode: 0o700 });
      stats = lstatSync(base);
    }
    if (uid !== undefined && (!stats.isDirectory() || stats.uid !== uid || (stats.mode & 0o077) !== 0)) return undefined;
    const version = typeof __TOOL_VERSION__ === 'string' ? __TOOL_VERSION__ : 'dev';
    const dir = join(base, `${version}-v8-${process.versions.v8}-${process.arch}-${shortHash(bundleDir)}`, profile);
    // Usually there already: one stat, not mkdir's validation and its failed mkdir() plus stat.
    if (!lstatSync(dir, { throwIfNoEntry: false })?.isDirectory()) mkdirSync(dir, { recursive: true, mode: 0o700 });
    return dir;
  } catch {
    return undefined;
  }
}

/**
 * Whether nobody but us (and root) can rename or replace anything on the way to `dir`: each folder
 * from the root down, as given and as resolved, is owned by us or root, and one that others can
 * write has the sticky bit (as /tmp has: there only an entry's owner can rename or delete it).
 * Else the cache folder, checked once, could be swapped for another user's before its files are
 * opened (a shared project folder as TMPDIR, or a TMPDIR that another user owns, as under `sudo -E`).
 */
function onlyOursAbove(dir: string, uid: number): boolean {
  for (const path of new Set([dir, realpathSync.native(dir)])) {
    for (let folder = path; ; folder = dirname(folder)) {
      const stats = statSync(folder);
      if (!stats.isDirectory() || (stats.uid !== uid && stats.uid !== 0)) return false;
      if ((stats.mode & 0o022) !== 0 && (stats.mode & 0o1000) === 0) return false;
      if (dirname(folder) === folder) break;
    }
  }
  return true;
}

const ENTRY_MAGIC = Buffer.from('IMS-CC1\n');
const ENTRY_HEADER = ENTRY_MAGIC.length + 4;

/**
 * An entry is the source it was compiled from, then V8's cached data: `IMS-CC1\n`, the source's
 * length (4 bytes), the source's bytes, the cached data. V8 checks a cache against the source's
 * length only, so without this an entry made for other code of the same length (a file changed
 * in place with its size and time kept, as npm's fixed install times allow) would run that
 * code's functions. The bytes are compared whole: a hash of them costs more to compute on each
 * run (node:crypto's load, or a loop in JavaScript) than a comparison (memcmp).
 */
function bindEntry(source: Buffer, cachedData: Buffer): Buffer {
  const header = Buffer.alloc(ENTRY_HEADER);
  ENTRY_MAGIC.copy(header);
  header.writeUInt32LE(source.length, ENTRY_MAGIC.length);
  return Buffer.concat([header, source, cachedData]);
}

/**
 * The cached data of the entry for `source`, or undefined: no entry, an entry for other source,
 * or a file that is not a regular file of ours closed to others (checked on the open file, so
 * what is checked is what is read; a symlink is not followed).
 */
function readCache(file: string, source: Buffer): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    const stats = fstatSync(fd);
    const uid = process.getuid?.();
    if (!stats.isFile() || (uid !== undefined && (stats.uid !== uid || (stats.mode & 0o022) !== 0))) return undefined;
    const entry = readFileSync(fd);
    const end = ENTRY_HEADER + source.length;
    if (entry.length <= end || !entry.subarray(0, ENTRY_MAGIC.length).equals(ENTRY_MAGIC)) return undefined;
    if (entry.readUInt32LE(ENTRY_MAGIC.length) !== source.length || !entry.subarray(ENTRY_HEADER, end).equals(source)) return undefined;
    return entry.subarray(end);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function writeCache(file: string, data: Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, data, { mode: 0o600, flag: 'wx' });
    renameSync(temp, file);
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // nothing was written
    }
  }
}

/** The cache entry's name for a file of the bundle: its name, size and modification time. */
function entryName(file: string, stats: { size: number; mtimeMs: number }): string {
  return `${basename(file)}-${stats.size}-${Math.trunc(stats.mtimeMs)}.v8`;
}

/**
 * Deletes the entries no file of the bundle matches any more (an earlier build or install of the
 * same version): done only by a run that wrote the cache, so the usual run pays nothing for it.
 */
function pruneEntries(dir: string, bundleFolders: ReadonlySet<string>): void {
  try {
    const live = new Set<string>();
    for (const folder of bundleFolders) {
      for (const name of readdirSync(folder)) {
        if (!name.endsWith('.js')) continue;
        const stats = statSync(join(folder, name), { throwIfNoEntry: false });
        if (stats?.isFile()) live.add(entryName(name, stats));
      }
    }
    for (const name of readdirSync(dir)) {
      if (name.endsWith('.v8') && !live.has(name)) unlinkSync(join(dir, name));
    }
  } catch {
    // a cache that keeps an old entry is still a cache
  }
}

/** `./chunks/x.js` from a folder: plain concatenation (path.join, run cold, costs more than the file read). */
function resolveSibling(folder: string, id: string): string {
  if (id.startsWith('./') && !id.includes('..')) return folder + sep + id.slice(2).split('/').join(sep);
  return join(folder, id);
}

/** A CommonJS module's function, as Node wraps a file and as a pack holds one. */
type ModuleFunction = (exports: unknown, require: (id: string) => unknown, module: ChunkModule, filename: string, dirname: string) => void;

/**
 * A require() for the bundle's own files (relative paths) that compiles them with the code cache;
 * everything else (node: built-ins) goes to Node's require. `packed` maps a chunk (its path in the
 * bundle, with `/`) to the pack that holds it (scripts/build.mjs): one file, read and compiled
 * once, for the dozen chunks a file command needs.
 */
export function createChunkLoader(
  nodeRequire: NodeRequireFn,
  profile: string,
  bundleDir: string,
  packed: Readonly<Record<string, string>> = {},
): (file: string) => unknown {
  const modules = new Map<string, ChunkModule>();
  const packedFunctions = new Map<string, ModuleFunction>();
  const compiled: Compiled[] = [];
  // Found on the first compile: a run that loads nothing (--version) does not look for it.
  let dir: string | undefined | null = null;

  function openCacheDir(): string | undefined {
    if (dir !== null) return dir;
    dir = cacheDir(profile, bundleDir);
    const found = dir;
    if (found) {
      process.once('exit', (code) => {
        // An entry holds what its run compiled: a usage error (2) or a cancelled wizard (130) stopped
        // early, and its entries would leave the usual run compiling most of its code each time. A
        // run that found a problem (1: doctor's findings, a file refused) ran its whole path.
        if (code !== 0 && code !== 1) return;
        const stale = compiled.filter((entry) => entry.stale && entry.cacheFile);
        if (stale.length === 0) return;
        for (const entry of stale) writeCache(entry.cacheFile!, bindEntry(entry.source, entry.script.createCachedData()));
        pruneEntries(found, new Set(compiled.map((entry) => dirname(entry.file))));
      });
    }
    return found;
  }

  /** Compiles a file of the bundle with its cache entry and runs it: a module function, or a pack's table of them. */
  function compile(file: string, wrap: (source: string) => string): unknown {
    const dir = openCacheDir();
    const fd = openSync(file, 'r');
    let source: Buffer;
    let cacheFile: string | undefined;
    try {
      const stats = fstatSync(fd);
      source = readFileSync(fd);
      if (dir) cacheFile = join(dir, entryName(file, stats));
    } finally {
      closeSync(fd);
    }
    const cachedData = cacheFile ? readCache(cacheFile, source) : undefined;
    const script = new Script(wrap(source.toString('utf8')), { filename: file, cachedData });
    compiled.push({ file, source, script, cacheFile, stale: cachedData === undefined || script.cachedDataRejected === true });
    return script.runInThisContext();
  }

  /** The chunk's function from its pack, the pack compiled on first use; undefined for a chunk in no pack. */
  function packedFunction(file: string): ModuleFunction | undefined {
    if (!file.startsWith(bundleDir + sep)) return undefined;
    const key = file
      .slice(bundleDir.length + 1)
      .split(sep)
      .join('/');
    const pack = packed[key];
    if (!pack) return undefined;
    if (!packedFunctions.has(file)) {
      const table = compile(resolveSibling(bundleDir, `./${pack}`), (source) => source) as Record<string, ModuleFunction>;
      for (const [name, fn] of Object.entries(table)) packedFunctions.set(resolveSibling(bundleDir, `./${name}`), fn);
    }
    return packedFunctions.get(file);
  }

  function load(file: string): unknown {
    const known = modules.get(file);
    if (known) return known.exports;
    // The wrapper Node's CommonJS loader uses; the shebang line is not JavaScript.
    const fn =
      packedFunction(file) ??
      (compile(file, (source) => `(function (exports, require, module, __filename, __dirname) { ${source.replace(/^#!.*/, '')}\n})`) as ModuleFunction);
    const module: ChunkModule = { exports: {} };
    modules.set(file, module);
    const folder = dirname(file);
    const localRequire = (id: string) => (id.startsWith('./') || id.startsWith('../') ? load(resolveSibling(folder, id)) : nodeRequire(id));
    fn.call(module.exports, module.exports, localRequire, module, file, folder);
    return module.exports;
  }

  return load;
}
