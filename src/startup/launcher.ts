/**
 * dist/cli.js: loads the bundle (dist/run.js, dist/help.js and their chunks) with a V8 code cache.
 *
 * Why: a run spends more time compiling JavaScript than running it. V8 parses every chunk a
 * command needs, then compiles each function again on its first call (zod's schema builders,
 * jsonc-parser, the engine). Node 22 offers module.enableCompileCache() for this; Node 20, which
 * this tool supports, does not, so the same thing is done here with node:vm's cachedData, for our
 * own files only. Measured in `npm run bench`: about 20 ms of a 110 ms setup.
 *
 * The cache lives where Node 22 keeps its own, under the temp folder (which the system empties),
 * never in HOME: a folder `intercom-mcp-setup-<uid>` that must be ours, not a symlink, and closed
 * to others, else it is not used (cached code is code: another user must not be able to plant it).
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
import { closeSync, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
// Named imports: a default import of a built-in costs esbuild's interop a copy of all its exports.
import { tmpdir } from 'node:os';
import { basename, dirname, join, sep } from 'node:path';
import { Script } from 'node:vm';

declare const __TOOL_VERSION__: string;

type ChunkModule = { exports: unknown };
type NodeRequireFn = (id: string) => unknown;

interface Compiled {
  file: string;
  script: Script;
  cacheFile?: string;
  /** The cache was missing or rejected: write one at exit. */
  stale: boolean;
}

const CACHE_OFF = process.env.INTERCOM_MCP_SETUP_CODE_CACHE === '0';

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
    const base = join(tmpdir(), `intercom-mcp-setup-${uid ?? 'user'}`);
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

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
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
        for (const entry of stale) writeCache(entry.cacheFile!, entry.script.createCachedData());
        pruneEntries(found, new Set(compiled.map((entry) => dirname(entry.file))));
      });
    }
    return found;
  }

  /** Compiles a file of the bundle with its cache entry and runs it: a module function, or a pack's table of them. */
  function compile(file: string, wrap: (source: string) => string): unknown {
    const dir = openCacheDir();
    const fd = openSync(file, 'r');
    let source: string;
    let cacheFile: string | undefined;
    try {
      const stats = fstatSync(fd);
      source = readFileSync(fd, 'utf8');
      if (dir) cacheFile = join(dir, entryName(file, stats));
    } finally {
      closeSync(fd);
    }
    const cachedData = cacheFile ? readCache(cacheFile) : undefined;
    const script = new Script(wrap(source), { filename: file, cachedData });
    compiled.push({ file, script, cacheFile, stale: cachedData === undefined || script.cachedDataRejected === true });
    return script.runInThisContext();
  }

  /** The chunk's function from its pack, the pack compiled on first use; undefined for a chunk in no pack. */
  function packedFunction(file: string): ModuleFunction | undefined {
    if (!file.startsWith(bundleDir + sep)) return undefined;
    const key = file.slice(bundleDir.length + 1).split(sep).join('/');
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
    const fn = packedFunction(file) ?? (compile(file, (source) => `(function (exports, require, module, __filename, __dirname) { ${source.replace(/^#!.*/, '')}\n})`) as ModuleFunction);
    const module: ChunkModule = { exports: {} };
    modules.set(file, module);
    const folder = dirname(file);
    const localRequire = (id: string) => (id.startsWith('./') || id.startsWith('../') ? load(resolveSibling(folder, id)) : nodeRequire(id));
    fn.call(module.exports, module.exports, localRequire, module, file, folder);
    return module.exports;
  }

  return load;
}
