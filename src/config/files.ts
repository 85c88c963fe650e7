// Synchronous calls on purpose: a run does a few dozen small file operations, one after another.
// The promise API sends each through the thread pool and back (measured: 10+ ms a run), and
// loading node:fs/promises alone pulls in readline and the stream stack. The exceptions, with
// callbacks: fsync, and the lock folder's mkdir and rmdir (each said where it is done).
import {
  closeSync,
  constants,
  copyFileSync,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdir,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmdir,
  rmdirSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
// join/resolve without re-normalising clean paths (src/config/fast-path.ts says why).
import { nativePath as path } from './fast-path.js';

/** Larger config files are refused: no client writes one this big, and it is all read in memory. */
const MAX_CONFIG_BYTES = 64 * 1024 * 1024;
/**
 * How many of a file's newest backups are kept. Its oldest backup is kept too, whatever its age:
 * the file as it was before this program first changed it, which `undo` of an older run and a
 * person looking for their own file both need. The others, in between, are deleted.
 */
export const BACKUPS_KEPT = 3;
const TOOL_TAG = 'intercom-mcp-setup';
/** Same convention as the proper-lockfile package (`<file>.lock` folder, stale after 10 s). */
const LOCK_STALE_MS = 10_000;
const LOCK_WAIT_MS = 15_000;

/** A config file that cannot be read or written; the message names it and says what to do. */
export class ConfigFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

export interface FileSnapshot {
  /** The path as the client names it. */
  path: string;
  /** Where the bytes really are: the path with every symlink resolved. */
  target: string;
  /** Undefined when the file does not exist yet. */
  text?: string;
  stats?: Stats;
}

function describeErrno(error: NodeJS.ErrnoException, file: string, verb: string): ConfigFileError {
  switch (error.code) {
    case 'EACCES':
    case 'EPERM':
      return new ConfigFileError(file, `cannot ${verb} ${file}: permission denied; fix its permissions or run as its owner`);
    case 'EROFS':
      return new ConfigFileError(file, `cannot ${verb} ${file}: the file system is read-only`);
    case 'ELOOP':
      return new ConfigFileError(file, `cannot ${verb} ${file}: its symlinks form a loop; point the link at a real file`);
    case 'ENOTDIR':
      return new ConfigFileError(file, `cannot ${verb} ${file}: a parent of it is a file, not a folder`);
    case 'ENOSPC':
      return new ConfigFileError(file, `cannot ${verb} ${file}: the disk is full`);
    default:
      return new ConfigFileError(file, `cannot ${verb} ${file}: ${error.message}`);
  }
}

/** Follows symlinks to the file that holds the bytes; a dangling link or a loop is refused. */
function resolveTarget(file: string): string {
  let linkStats: Stats | undefined;
  try {
    linkStats = lstatSync(file, { throwIfNoEntry: false });
  } catch (error) {
    throw describeErrno(error as NodeJS.ErrnoException, file, 'read');
  }
  // A new file: its folder may be a symlink, which is fine to write through.
  if (!linkStats?.isSymbolicLink()) return file;
  try {
    return realpathSync(file);
  } catch (error) {
    const errno = error as NodeJS.ErrnoException;
    if (errno.code === 'ENOENT') {
      const pointsTo = quietly(() => readlinkSync(file)) ?? '?';
      throw new ConfigFileError(file, `${file} is a symlink to ${pointsTo}, which does not exist; fix or remove the link`);
    }
    throw describeErrno(errno, file, 'read');
  }
}

// ignoreBOM keeps a byte-order mark in the text, so it is written back as it was. Made on first
// use: only a file holding U+FFFD needs it, and making one would cost every other run time.
let strictUtf8: TextDecoder | undefined;

export interface ReadOptions {
  /**
   * The folder the file must stay inside, through every symlink (project scope: the project
   * folder). A project file is whatever the repository put there: `.mcp.json -> ../../.claude.json`
   * would make a project-scope edit change the user's own file while the report names the
   * repository's. A link that stays inside is followed as usual.
   */
  within?: string;
}

export async function readConfigFile(file: string, options: ReadOptions = {}): Promise<FileSnapshot> {
  return readConfigFileNow(file, options.within);
}

function isInside(child: string, folder: string): boolean {
  if (child === folder) return true;
  return child.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
}

/**
 * Refuses a file that leads out of `root`: the file itself resolved through its links, or for a
 * file not made yet, its nearest existing folder (`.cursor -> ~/.cursor` in a repository).
 */
function checkWithin(file: string, target: string, root: string): void {
  const realRoot = quietly(() => realpathSync(root)) ?? root;
  let existing = target;
  const missing: string[] = [];
  let real: string | undefined;
  while (real === undefined) {
    try {
      real = realpathSync(existing);
    } catch (error) {
      const errno = error as NodeJS.ErrnoException;
      if (errno.code !== 'ENOENT') throw describeErrno(errno, file, 'read');
      const parent = path.dirname(existing);
      if (parent === existing) return;
      missing.unshift(path.basename(existing));
      existing = parent;
    }
  }
  const resolved = missing.length > 0 ? path.join(real, ...missing) : real;
  if (isInside(resolved, realRoot)) return;
  throw new ConfigFileError(
    file,
    `${file} leads through a symlink to ${resolved}, outside the project folder ${realRoot}; refusing to change it for --scope project; replace the link with a file of the project's own`,
  );
}

function readConfigFileNow(file: string, within?: string): FileSnapshot {
  const target = resolveTarget(file);
  if (within !== undefined) checkWithin(file, target, within);
  let stats: Stats | undefined;
  try {
    stats = statSync(target, { throwIfNoEntry: false });
  } catch (error) {
    throw describeErrno(error as NodeJS.ErrnoException, file, 'read');
  }
  if (!stats) return { path: file, target };
  checkConfigStats(stats, file);
  let text: string;
  const fd = openRegular(target, file);
  try {
    // The file as opened: a FIFO or device swapped in after the stat is refused here, not read.
    stats = fstatSync(fd);
    checkConfigStats(stats, file);
    // Read straight into a string: Node frees its read buffer at once, where a Buffer of the
    // file's size would stay in memory until the next garbage collection (a large ~/.claude.json
    // then held three copies at the peak instead of two).
    text = readFileSync(fd, 'utf8');
  } catch (error) {
    if (error instanceof ConfigFileError) throw error;
    throw describeErrno(error as NodeJS.ErrnoException, file, 'read');
  } finally {
    closeSync(fd);
  }
  // That read turns bytes that are not UTF-8 into U+FFFD; a file with U+FFFD is read again as bytes
  // and checked, so a broken encoding is refused and never written back "repaired".
  if (text.includes('\uFFFD')) {
    const again = openRegular(target, file);
    try {
      checkConfigStats(fstatSync(again), file);
      text = (strictUtf8 ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })).decode(readFileSync(again));
    } catch (error) {
      if (error instanceof ConfigFileError) throw error;
      if (error instanceof TypeError) throw new ConfigFileError(file, `${file} is not valid UTF-8 text; fix its encoding and run again`);
      throw describeErrno(error as NodeJS.ErrnoException, file, 'read');
    } finally {
      closeSync(again);
    }
  }
  return { path: file, target, text, stats };
}

/** Only a regular file under the size limit is read; a folder, FIFO, socket or device is refused from its stat. */
function checkConfigStats(stats: Stats, file: string): void {
  if (stats.isDirectory()) throw new ConfigFileError(file, `${file} is a folder, not a file; move it away and run again`);
  if (!stats.isFile()) throw new ConfigFileError(file, `${file} is not a regular file (a pipe or device); refusing to touch it`);
  if (stats.size > MAX_CONFIG_BYTES) {
    throw new ConfigFileError(file, `${file} is larger than 64 MB (${Math.round(stats.size / 1048576)} MB); refusing to edit it`);
  }
}

/** Opens for reading without blocking: opening a FIFO that replaced the file after its stat returns at once. */
function openRegular(target: string, file: string): number {
  try {
    return openSync(target, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw describeErrno(error as NodeJS.ErrnoException, file, 'read');
  }
}

/** How much a file named by a config (a header file, a CA bundle, a token cache) may hold by default. */
const MAX_NAMED_FILE_BYTES = 1024 * 1024;
/** The largest backup oldestBackupText reads; a larger one counts as no backup. */
const MAX_BACKUP_READ_BYTES = 256 * 1024 * 1024;

export interface NamedFileOptions {
  /** Larger files are refused (default MAX_NAMED_FILE_BYTES). */
  maxBytes?: number;
  /** Refuse a symlink instead of following it (for files found by listing a folder). */
  noFollow?: boolean;
}

/**
 * Reads a small text file that a config or the environment names (mcp-remote's `--header-file`,
 * NODE_EXTRA_CA_CERTS, mcp-remote's cache files): such a path comes from a file anyone could have
 * written (a cloned repository's `.mcp.json`), so it may name a FIFO (an open would block
 * forever), a device (/dev/zero never ends) or something huge. It is stat'ed first and must be a
 * regular file under the cap; it is then opened non-blocking (a FIFO swapped in after the stat
 * cannot hang the open), and the opened file is checked again with fstat (the same file, still
 * regular) and read up to the cap, never further. Throws ConfigFileError naming the file.
 */
export function readNamedFile(file: string, options: NamedFileOptions = {}): string {
  const maxBytes = options.maxBytes ?? MAX_NAMED_FILE_BYTES;
  const refuse = (why: string) => new ConfigFileError(file, `${file} ${why}; not read`);
  let stats: Stats;
  try {
    stats = options.noFollow ? lstatSync(file) : statSync(file);
  } catch (error) {
    throw describeErrno(error as NodeJS.ErrnoException, file, 'read');
  }
  checkNamedStats(stats, maxBytes, refuse);
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (options.noFollow ? (constants.O_NOFOLLOW ?? 0) : 0));
  } catch (error) {
    throw describeErrno(error as NodeJS.ErrnoException, file, 'read');
  }
  try {
    const opened = fstatSync(fd);
    if (opened.ino !== stats.ino || opened.dev !== stats.dev) throw refuse('changed while it was opened');
    checkNamedStats(opened, maxBytes, refuse);
    // One byte more than the cap: a file that grew past it since the fstat is refused too.
    const buffer = Buffer.allocUnsafe(Math.min(maxBytes, opened.size) + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length === buffer.length) {
        if (length > maxBytes) throw refuse(`is larger than ${describeSize(maxBytes)}`);
        break;
      }
    }
    return buffer.toString('utf8', 0, length);
  } catch (error) {
    if (error instanceof ConfigFileError) throw error;
    throw describeErrno(error as NodeJS.ErrnoException, file, 'read');
  } finally {
    closeSync(fd);
  }
}

function checkNamedStats(stats: Stats, maxBytes: number, refuse: (why: string) => ConfigFileError): void {
  if (stats.isSymbolicLink()) throw refuse('is a symlink');
  if (stats.isDirectory()) throw refuse('is a folder, not a file');
  if (!stats.isFile()) throw refuse('is not a regular file (a pipe, socket or device)');
  if (stats.size > maxBytes) throw refuse(`is larger than ${describeSize(maxBytes)}`);
}

function describeSize(bytes: number): string {
  return bytes >= 1048576 ? `${Math.round(bytes / 1048576)} MB` : `${Math.round(bytes / 1024)} KB`;
}

let tempCounter = 0;

/**
 * pid + counter + random: unique among this process's temp files and unlikely to meet another's;
 * the file is created exclusively anyway. Not node:crypto, whose load costs every run milliseconds.
 */
function uniqueSuffix(): string {
  tempCounter += 1;
  return `${process.pid}-${tempCounter}-${Math.random().toString(16).slice(2, 8)}`;
}

/**
 * `date.toISOString()` (`2026-11-25T17:48:26.796Z`) from the UTC getters: toISOString's first call
 * in a process is slow (docs/performance.md, "toISOString").
 */
export function isoTime(date: Date): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}Z`;
}

/**
 * The time in UTC as `20261125T174826-796Z` (isoTime without its punctuation): fixed width, so
 * backup names sort in time order.
 */
export function timestamp(date = new Date()): string {
  return isoTime(date).replace(/[-:]/g, '').replace('.', '-');
}

/**
 * Keeps the current file next to itself as a backup, with its mode, and prunes the oldest backups.
 * The backup is a hard link to the file as it is: the new text is then renamed over the file's
 * name, never written into it, so the linked bytes stay the old ones, with nothing copied or
 * flushed (they are on disk already; docs/performance.md has what that saves on a large file).
 * Where a link cannot be made (FAT, some network shares), a copy.
 */
async function backUp(snapshot: FileSnapshot): Promise<string> {
  const { target, stats } = snapshot;
  const dir = path.dirname(target);
  const base = path.basename(target);
  let backup = path.join(dir, `${base}.${TOOL_TAG}-${timestamp()}.bak`);
  // Two writes of one file in the same millisecond: the second waits for the next one rather than
  // replace the first one's backup (which may be the oldest, the one always kept).
  for (let spins = 0; quietly(() => lstatSync(backup, { throwIfNoEntry: false })) !== undefined && spins < 1e6; spins++) {
    backup = path.join(dir, `${base}.${TOOL_TAG}-${timestamp()}.bak`);
  }
  try {
    linkSync(target, backup);
    // A link changes the file's ctime, which sameFileAs() reads as "someone else wrote it": take the
    // new stats when nothing else changed.
    const now = statSync(target);
    if (stats && now.ino === stats.ino && now.size === stats.size && now.mtimeMs === stats.mtimeMs) snapshot.stats = now;
    pruneBackups(dir, base);
    return backup;
  } catch {
    quietly(() => (statSync(backup).ino === stats?.ino ? unlinkSync(backup) : undefined));
  }
  // Copied under a temp name, flushed, then renamed: a run killed mid-copy used to leave a
  // partial backup under a backup's name (found by the crash tests, 320 KB of a 1.7 MB file),
  // which also counted as one of the three kept. Now it leaves a temp file, which the next run
  // deletes (removeStaleTemps), and a backup is always whole.
  const partial = path.join(dir, `${tempPrefix(target)}${uniqueSuffix()}.tmp`);
  try {
    copyFileSync(target, partial, constants.COPYFILE_EXCL);
    const fd = openSync(partial, 'r+');
    try {
      if (stats) fchmodSync(fd, stats.mode & 0o777);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, backup);
  } catch (error) {
    quietly(() => unlinkSync(partial));
    throw error;
  }
  pruneBackups(dir, base);
  return backup;
}

/**
 * The text of a file's oldest backup: the file as it was before this program first changed it
 * (pruning always keeps that one). Undefined when there is none or it cannot be read.
 */
export function oldestBackupText(target: string): string | undefined {
  const dir = path.dirname(target);
  const oldest = quietly(() => backupsOf(dir, path.basename(target)))?.[0];
  if (oldest === undefined) return undefined;
  try {
    // A backup as large as the largest ~/.claude.json seen, with room; a project's folder may hold anything.
    return readNamedFile(path.join(dir, oldest), { maxBytes: MAX_BACKUP_READ_BYTES, noFollow: true });
  } catch {
    return undefined;
  }
}

/** The names of the backups of `base` in `dir`, oldest first: names sort in time order (timestamp()). */
function backupsOf(dir: string, base: string): string[] {
  const prefix = `${base}.${TOOL_TAG}-`;
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && name.endsWith('.bak'))
    .sort();
}

/** Keeps the oldest backup (the file before this program first touched it) and the newest BACKUPS_KEPT. */
function pruneBackups(dir: string, base: string): void {
  const backups = backupsOf(dir, base);
  for (const old of backups.slice(1, Math.max(1, backups.length - BACKUPS_KEPT))) {
    quietly(() => unlinkSync(path.join(dir, old)));
  }
}

function tempPrefix(target: string): string {
  return `.${path.basename(target)}.${TOOL_TAG}-`;
}

/** Whether a process exists: `process.kill(pid, 0)`, EPERM meaning it exists but is not ours. */
export function isPidAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false; // 0 and negatives address process groups
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temp files that a killed run of this tool left next to the target; `writing` is this write's own. */
function removeStaleTemps(target: string, writing: string): void {
  const dir = path.dirname(target);
  const prefix = tempPrefix(target);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp') || name === writing) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (pid !== process.pid && isPidAlive(pid)) continue;
    quietly(() => unlinkSync(path.join(dir, name)));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A path as a POSIX shell (or, on Windows, PowerShell) reads it back when pasted. */
function shellQuote(value: string, os: NodeJS.Platform = process.platform): string {
  if (os === 'win32') return `'${value.replace(/'/g, "''")}'`;
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}

/** The command that removes a lock, for the message that refuses it. */
function removeCommand(lock: string, folder: boolean): string {
  if (process.platform === 'win32') return `Remove-Item -LiteralPath ${shellQuote(lock)}${folder ? ' -Recurse' : ''}`;
  return `${folder ? 'rm -r' : 'rm'} ${shellQuote(lock)}`;
}

/**
 * A `<file>.lock` that this program (or a client using proper-lockfile) could not have made: not a
 * folder (a symlink, dangling or not, a file, a FIFO), or a folder owned by another user. It is
 * refused at once, named, with the command that removes it: waiting could not end well, and
 * taking it over would mean deleting something that is not a lock.
 */
function refuseForeignLock(lock: string, held: Stats, target: string): void {
  const tail = `if no program is writing ${target}, remove it and run again; to remove it, run: `;
  if (held.isSymbolicLink()) {
    const to = quietly(() => readlinkSync(lock)) ?? '?';
    throw new ConfigFileError(target, `${lock} is a symlink (to ${to}), not a lock folder; ${tail}${removeCommand(lock, false)}`);
  }
  if (held.isFile()) throw new ConfigFileError(target, `${lock} is a file, not a lock folder; ${tail}${removeCommand(lock, false)}`);
  if (!held.isDirectory()) throw new ConfigFileError(target, `${lock} is a pipe, socket or device, not a lock folder; ${tail}${removeCommand(lock, false)}`);
  const uid = process.getuid?.();
  if (uid !== undefined && held.uid !== uid) {
    throw new ConfigFileError(
      target,
      `${lock} is a lock folder owned by another user (uid ${held.uid}), not taken over; if none of their programs is writing ${target}, have it removed (as its owner or root, run: ${process.platform === 'win32' ? removeCommand(lock, true) : `rmdir ${shellQuote(lock)}`})`,
    );
  }
}

/** How long to wait quietly on a live lock before saying so. */
const LOCK_QUIET_MS = 1_000;

/**
 * Takes the `<file>.lock` folder, the convention of proper-lockfile, so concurrent runs of this
 * tool (and programs using that convention) do not interleave their read-modify-write cycles.
 *
 * Nothing is ever removed recursively: the lock this run made is released with rmdir (if
 * something was put in it meanwhile, it stays, and the next run names it), and a stale lock
 * (untouched for 10 s) is taken over only when it is an empty folder of the invoking user,
 * with rmdir. A lock folder that holds anything, or that is not a folder this program could have
 * made, is refused at once, named, with the command that removes it. Waiting on a live lock is
 * said after a second (`onWait`).
 */
async function acquireLock(target: string, onWait?: (message: string) => void): Promise<() => Promise<void>> {
  const lock = `${target}.lock`;
  const started = Date.now();
  const deadline = started + LOCK_WAIT_MS;
  let told = false;
  for (;;) {
    // mkdir and rmdir in libuv's thread pool: making and removing a folder is the slowest step of a
    // small write, and a setup's files then take and release their locks side by side while the
    // main thread works out the next file's edit (docs/performance.md, "lock folders").
    const errno = await new Promise<NodeJS.ErrnoException | null>((resolve) => mkdir(lock, (error) => resolve(error)));
    if (!errno) return () => new Promise<void>((resolve) => rmdir(lock, () => resolve()));
    if (errno.code === 'ENOENT') return async () => undefined; // the folder itself is missing: nothing to race yet
    if (errno.code !== 'EEXIST') throw describeErrno(errno, target, 'lock');
    let held: Stats | undefined;
    try {
      held = lstatSync(lock, { throwIfNoEntry: false });
    } catch (error) {
      throw describeErrno(error as NodeJS.ErrnoException, target, 'lock');
    }
    if (!held) continue; // released in between
    refuseForeignLock(lock, held, target);
    const idle = Date.now() - held.mtimeMs;
    if (idle > LOCK_STALE_MS) {
      try {
        rmdirSync(lock);
      } catch (error) {
        const errno = error as NodeJS.ErrnoException;
        if (errno.code === 'ENOENT') continue;
        if (errno.code === 'ENOTEMPTY' || errno.code === 'EEXIST') {
          throw new ConfigFileError(
            target,
            `${lock} is a stale lock folder that is not empty (a lock holds nothing), so it is not taken over; look at what is in it, and if no program is writing ${target}, remove it and run again; to remove it, run: ${removeCommand(lock, true)}`,
          );
        }
        if (errno.code === 'ENOTDIR') continue; // replaced by something else meanwhile: looked at again
        throw describeErrno(errno, target, 'lock');
      }
      continue;
    }
    if (!told && Date.now() - started >= LOCK_QUIET_MS) {
      told = true;
      onWait?.(
        `waiting for ${lock} held by another program (changed ${Math.round(idle / 1000)} s ago; taken over when untouched for ${LOCK_STALE_MS / 1000} s, given up after ${LOCK_WAIT_MS / 1000} s)`,
      );
    }
    if (Date.now() > deadline) {
      throw new ConfigFileError(target, `${target} is locked by another program (${lock}); close it or try again in a moment`);
    }
    await sleep(25 + Math.random() * 50);
  }
}

export interface WriteOptions extends ReadOptions {
  /** Mode for a file that does not exist yet. */
  newFileMode: number;
  /** Told once, after a second, when the file's lock is held by another program and this run waits. */
  onWait?: (message: string) => void;
  /**
   * Called between the write steps ('locked', 'backup-written', 'temp-created', 'temp-written',
   * 'temp-synced', 'renamed'); tests use it to stop the process at each one.
   */
  onStep?: (step: string) => void | Promise<void>;
  /** False: no backup of the file as it is (undo puts back bytes it checked are its own). Default true. */
  backup?: boolean;
  /**
   * A new digest (SHA-256, say) for each write: it is fed the bytes as they are written and its
   * value is given back in WriteResult.written.digest. Made by the caller, so this module loads no
   * crypto for the runs that need none.
   */
  digest?: () => Digest;
}

export interface Digest {
  update(bytes: Uint8Array): void;
  /** The value of every byte given, as text (hex). */
  value(): string;
}

/** What one write did, for a later `undo`. */
export interface WrittenFile {
  /** Where the bytes are: the path with every symlink resolved. */
  target: string;
  /** The file did not exist before. */
  created: boolean;
  /** The mode the file has now (permission bits). */
  mode: number;
  /** The digest of the bytes written, when WriteOptions.digest was given. */
  digest?: string;
  /** The first folder this write created on the way to a new file (the highest one). */
  createdFolder?: string;
}

export interface WriteResult {
  kind: 'written' | 'unchanged';
  backup?: string;
  /** Present when kind is 'written'. */
  written?: WrittenFile;
}

/**
 * Read-modify-write of one config file, safe against crashes and concurrent writers:
 * the new text is computed from the file as it is right now (under the lock), written to a temp
 * file in the same folder, flushed, and renamed over the target, so the file is always either
 * the old or the new content. If the file changed between read and rename (a program that does
 * not take the lock), the cycle starts again from its new content.
 */
export async function updateConfigFile(
  file: string,
  computeText: (current: string | undefined, target: string) => string | SplicedText | undefined,
  options: WriteOptions,
): Promise<WriteResult> {
  const first = readConfigFileNow(file, options.within);
  // Work out the edit before touching anything: a file that is refused (it does not parse) or
  // needs nothing leaves no lock, temp file or new folder behind, not even a changed folder time.
  let pending: string | SplicedText | undefined = computeText(first.text, first.target);
  if (isNoChange(first, textOf(pending))) return { kind: 'unchanged' };
  const dir = path.dirname(first.target);
  let createdFolder: string | undefined;
  if (first.text === undefined) {
    try {
      createdFolder = mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw describeErrno(error as NodeJS.ErrnoException, dir, 'create the folder');
    }
  }
  // A symlinked config is locked both where the link is and where its target is: Claude Code
  // takes `<path as it names it>.lock` (proper-lockfile with an explicit lockfilePath, seen in
  // 2.1.332), other proper-lockfile users take `<real path>.lock`. Always in this order, so two
  // runs of this tool cannot deadlock.
  const lockPaths = [...new Set([path.resolve(file), path.resolve(first.target)])];
  const releases: Array<() => Promise<void>> = [];
  const release = async () => {
    for (const unlock of releases.reverse()) await unlock();
  };
  try {
    for (const lockPath of lockPaths) releases.push(await acquireLock(lockPath, options.onWait));
    await options.onStep?.('locked');
    for (let attempt = 0; attempt < 8; attempt++) {
      // The edit computed before the lock stands if the file is still the one it was made from;
      // otherwise (another writer got in first) it is made again from the file as it is now.
      const reuse = attempt === 0 && pending !== undefined && sameFileAs(first);
      const snapshot = reuse ? first : readConfigFileNow(file, options.within);
      const next = reuse ? pending! : computeText(snapshot.text, snapshot.target);
      pending = undefined;
      if (next === undefined || isNoChange(snapshot, textOf(next))) return { kind: 'unchanged' };
      const backup =
        snapshot.text !== undefined && options.backup !== false
          ? await backUp(snapshot).catch((error) => {
              throw describeErrno(error as NodeJS.ErrnoException, snapshot.target, 'back up');
            })
          : undefined;
      if (backup) await options.onStep?.('backup-written');
      const written = await writeBesideAndSwap(snapshot, next, options);
      if (written) {
        const created = snapshot.text === undefined;
        const file: WrittenFile = { target: snapshot.target, created, mode: written.mode };
        if (written.digest !== undefined) file.digest = written.digest;
        // Only a folder this run made, and only while the file it made is still the one in it.
        if (created && createdFolder !== undefined) file.createdFolder = createdFolder;
        return backup ? { kind: 'written', backup, written: file } : { kind: 'written', written: file };
      }
      if (backup) quietly(() => unlinkSync(backup));
    }
    throw new ConfigFileError(file, `${file} keeps changing while we write it; quit the program that is editing it and run again`);
  } finally {
    await release();
  }
}

export interface RemoveOptions extends ReadOptions {
  onWait?: (message: string) => void;
}

/**
 * Deletes a file this program created, under the same locks as updateConfigFile, only when
 * `isOurs` says its text is still what was written: 'kept' otherwise (a symlink put in its place
 * is kept too: the file made was a regular one), 'missing' when it is gone already. The check is
 * made again under the lock, and the file must not change between that check and the deletion.
 */
export async function removeConfigFile(file: string, isOurs: (text: string) => boolean, options: RemoveOptions = {}): Promise<'removed' | 'kept' | 'missing'> {
  const verdict = (): 'kept' | 'missing' | FileSnapshot => {
    let linkStats: Stats | undefined;
    try {
      linkStats = lstatSync(file, { throwIfNoEntry: false });
    } catch (error) {
      throw describeErrno(error as NodeJS.ErrnoException, file, 'read');
    }
    if (!linkStats) return 'missing';
    if (linkStats.isSymbolicLink()) return 'kept';
    const snapshot = readConfigFileNow(file, options.within);
    if (snapshot.text === undefined) return 'missing';
    return isOurs(snapshot.text) ? snapshot : 'kept';
  };
  const first = verdict();
  if (typeof first === 'string') return first;
  const releases: Array<() => Promise<void>> = [];
  try {
    releases.push(await acquireLock(path.resolve(file), options.onWait));
    for (let attempt = 0; attempt < 8; attempt++) {
      const now = attempt === 0 && sameFileAs(first) ? first : verdict();
      if (typeof now === 'string') return now;
      if (!unchangedSince(now)) continue;
      try {
        unlinkSync(file);
      } catch (error) {
        const errno = error as NodeJS.ErrnoException;
        if (errno.code === 'ENOENT') return 'missing';
        throw describeErrno(errno, file, 'delete');
      }
      return 'removed';
    }
    throw new ConfigFileError(file, `${file} keeps changing while we delete it; quit the program that is editing it and run again`);
  } finally {
    for (const unlock of releases.reverse()) await unlock();
  }
}

/**
 * Deletes the folders from the file's own up to `top` (a folder this program created, with the file
 * inside it), each only while it is empty: the first that holds anything stops it. Never recursive.
 */
export function removeEmptyFoldersAbove(file: string, top: string): void {
  const folder = path.dirname(file);
  if (!isInside(folder, top)) return;
  for (let current = folder; ; current = path.dirname(current)) {
    try {
      rmdirSync(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return;
    }
    if (current === top || path.dirname(current) === current) return;
  }
}

/**
 * Writes a small file of this program's own (its state) atomically: a temp file in the same folder,
 * flushed and renamed over the name, readable by the owner only (0600) in a folder made 0700. A
 * symlink in the file's place is replaced, never followed. The flush runs in libuv's thread pool:
 * a caller can print while the disk works, and awaits the promise before it exits.
 */
export async function writePrivateFile(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  try {
    // Usually there already: one lstat, not a mkdir() that fails with EEXIST (an exception) each run.
    if (!lstatSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
      mkdirSync(path.dirname(dir), { recursive: true });
      mkdirSync(dir, { mode: 0o700 });
    }
  } catch (error) {
    const errno = error as NodeJS.ErrnoException;
    if (errno.code !== 'EEXIST') throw describeErrno(errno, dir, 'create the folder');
  }
  const temp = path.join(dir, `${tempPrefix(file)}${uniqueSuffix()}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', 0o600);
    fchmodSync(fd, 0o600);
    writeInChunks(fd, [text], text.length);
    await fsyncInBackground(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, file);
  } catch (error) {
    if (fd !== undefined) quietly(() => closeSync(fd!));
    quietly(() => unlinkSync(temp));
    throw describeErrno(error as NodeJS.ErrnoException, file, 'write');
  }
}

/**
 * A new text given with the parts it was made of, in order (config/jsonc.ts splicedParts): a
 * large one is written part by part, so the whole new text is never copied into one string.
 */
export interface SplicedText {
  text: string;
  parts: readonly string[];
}

function textOf(next: string | SplicedText | undefined): string | undefined {
  return typeof next === 'object' ? next.text : next;
}

/**
 * What writeInChunks writes for this text: its parts where there are parts that make it up and
 * no part ends inside a surrogate pair (each part is encoded on its own); else the text.
 */
function partsToWrite(next: string | SplicedText): readonly string[] {
  if (typeof next === 'string') return [next];
  const { text, parts } = next;
  let length = 0;
  for (const part of parts) length += part.length;
  const splitsAPair = parts.some((part, at) => at < parts.length - 1 && endsInHighSurrogate(part, part.length));
  return length !== text.length || splitsAPair ? [text] : parts;
}

/** The new file's mode and digest once it is in place; undefined when the file changed meanwhile. */
async function writeBesideAndSwap(
  snapshot: FileSnapshot,
  next: string | SplicedText,
  options: WriteOptions,
): Promise<{ mode: number; digest?: string } | undefined> {
  const text = textOf(next)!;
  const { target, stats } = snapshot;
  const temp = path.join(path.dirname(target), `${tempPrefix(target)}${uniqueSuffix()}.tmp`);
  const mode = stats ? stats.mode & 0o7777 : options.newFileMode;
  const digest = options.digest?.();
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', mode);
    await options.onStep?.('temp-created');
    // A text of one chunk is hashed while its fsync runs (below); a longer one chunk by chunk.
    const hashLater = text.length <= WRITE_CHUNK;
    const oneChunk = writeInChunks(fd, hashLater ? [text] : partsToWrite(next), text.length, hashLater ? undefined : digest);
    await options.onStep?.('temp-written');
    fchmodSync(fd, mode); // the umask may have narrowed the mode given to open()
    if (stats && process.getuid?.() === 0 && stats.uid !== 0) quietly(() => fchownSync(fd!, stats.uid, stats.gid));
    // In libuv's thread pool: the files of one setup wait for their disks side by side, each
    // still under its lock and renamed only after its own fsync. Meanwhile this file's bytes are
    // hashed and the temp files a killed run left here are removed.
    const synced = fsyncInBackground(fd);
    if (hashLater) digest?.update(oneChunk);
    removeStaleTemps(target, path.basename(temp));
    await synced;
    closeSync(fd);
    fd = undefined;
    await options.onStep?.('temp-synced');
    if (!unchangedSince(snapshot)) {
      unlinkSync(temp);
      return undefined;
    }
    renameSync(temp, target);
    await options.onStep?.('renamed');
    return digest ? { mode, digest: digest.value() } : { mode };
  } catch (error) {
    if (fd !== undefined) quietly(() => closeSync(fd!));
    quietly(() => unlinkSync(temp));
    if (error instanceof ConfigFileError) throw error;
    throw describeErrno(error as NodeJS.ErrnoException, snapshot.path, 'write');
  }
}

/**
 * Nothing to write: no new text, the same text, or — a missing file is never created empty —
 * an empty text for a file that does not exist (removal plans '' for "no file").
 */
function isNoChange(snapshot: FileSnapshot, next: string | undefined): boolean {
  return next === undefined || next === snapshot.text || (snapshot.text === undefined && next === '');
}

/** The file is still the one the snapshot read: same inode, size and times (or still absent). */
function sameFileAs(snapshot: FileSnapshot): boolean {
  const now = quietly(() => statSync(snapshot.target, { throwIfNoEntry: false }));
  const before = snapshot.stats;
  if (!before || !now) return !before && !now;
  return now.ino === before.ino && now.size === before.size && now.mtimeMs === before.mtimeMs && now.ctimeMs === before.ctimeMs;
}

/** Files up to this size are compared byte for byte before the rename; larger ones by identity. */
const COMPARE_CONTENT_UP_TO = 1024 * 1024;

/**
 * Whether the file still holds what we read (another program may have rewritten it). A writer
 * that renames (Claude Code does) gives a new inode; one that rewrites in place changes the
 * modification time and usually the size. Small files are also compared byte for byte; a large
 * one is not read a second time, which would double the memory a heavy ~/.claude.json needs.
 */
function unchangedSince(snapshot: FileSnapshot): boolean {
  if (!sameFileAs(snapshot)) return false;
  if (!snapshot.stats || snapshot.stats.size > COMPARE_CONTENT_UP_TO) return true;
  const again = quietly(() => readConfigFileNow(snapshot.path));
  return again?.text === snapshot.text;
}

/**
 * Characters encoded and written at a time (exported for the test of its edges). Its buffer is
 * part of a large file's peak memory: docs/performance.md has the A/B that chose 64 K over 256 K.
 */
export const WRITE_CHUNK = 64 * 1024;

/**
 * Writes the texts (parts of one text of `length` code units) a chunk at a time through one
 * buffer: a Buffer of a large file's size (or one per chunk, each kept until the next garbage
 * collection) would double its memory. Returns the bytes of the last chunk: all of a text of one
 * chunk, which the caller may hash later.
 */
function writeInChunks(fd: number, texts: readonly string[], length: number, digest?: Digest): Uint8Array {
  // A chunk (WRITE_CHUNK code units, one more to keep a surrogate pair whole) is at most 3 bytes
  // per unit in UTF-8, and no more than the whole text. Buffer.write stops at a character that
  // does not fit, so a smaller buffer would drop the end of a chunk. Buffer.byteLength reads the
  // whole text (slow on a large file), so it is asked only of a text of one chunk.
  const scratch = Buffer.allocUnsafeSlow(length > WRITE_CHUNK ? 3 * (WRITE_CHUNK + 1) : Buffer.byteLength(texts[0] ?? '', 'utf8'));
  let lastChunk: Uint8Array = scratch.subarray(0, 0);
  for (const text of texts) {
    let start = 0;
    while (start < text.length) {
      let end = Math.min(start + WRITE_CHUNK, text.length);
      // Never split a surrogate pair: each half alone would be written as U+FFFD.
      if (end < text.length && endsInHighSurrogate(text, end)) end++;
      const bytes = scratch.write(text.slice(start, end), 0, 'utf8');
      digest?.update(scratch.subarray(0, bytes));
      let written = 0;
      while (written < bytes) written += writeSync(fd, scratch, written, bytes - written);
      start = end;
      lastChunk = scratch.subarray(0, bytes);
    }
  }
  return lastChunk;
}

/** Whether `text` up to `end` ends with the first half of a surrogate pair (encoded alone, U+FFFD). */
function endsInHighSurrogate(text: string, end: number): boolean {
  const last = text.charCodeAt(end - 1);
  return last >= 0xd800 && last <= 0xdbff;
}

function fsyncInBackground(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve())));
}

/** Runs a step whose failure changes nothing (cleanup, best-effort durability); undefined if it threw. */
function quietly<T>(step: () => T): T | undefined {
  try {
    return step();
  } catch {
    return undefined;
  }
}
