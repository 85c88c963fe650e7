/**
 * mcp-remote's OAuth cache: where it is, which of its files belong to Intercom, and how to delete
 * exactly those. This is the library behind `reset-auth`; it never prints, never prompts and never
 * reads `process.env` (the Platform and the inputs are passed in).
 *
 * What mcp-remote 0.15.1 does (read from node_modules/mcp-remote/dist/chunk-*.js):
 *
 * - Cache folder: `path.join(process.env.MCP_REMOTE_CONFIG_DIR || path.join(os.homedir(), '.mcp-auth'),
 *   'mcp-remote-v1')` (`getConfigDir`, CONFIG_STORE_VERSION = 1). Versions up to 0.3.x used
 *   `mcp-remote-<version>/`, so every `mcp-remote-*` folder of the base is looked at.
 * - Files: `<hash>_<name>` (`getConfigFilePath`): tokens.json, client_info.json,
 *   code_verifier[_<state>].txt, discovery_state_<state>.json, refresh_in_progress.json (lease
 *   `{pid, nonce, at}`), debug.log, and atomic-write leftovers `<hash>_<name>.<pid>.<ms>.tmp`;
 *   old versions also wrote lock.json (`{pid, port, timestamp}`).
 * - Hash (`getServerUrlHash`): md5 hex of `parts.join('|')` where parts starts as `[serverUrl]`
 *   (exactly as given on the command line, no normalisation) and then, each only when present and
 *   in this order: the `--resource` value, `JSON.stringify(authorizeParams, sortedKeys)` (from
 *   `--authorize-param k=v`), `JSON.stringify(headers, sortedKeys)` (from `--header`/`--header-file`,
 *   hashed BEFORE `${VAR}` substitution), the `--client-metadata-url`, the `--token-endpoint`
 *   (as `new URL(v).toString()`). With none of them it is md5(serverUrl).
 * - Callback port (`calculateDefaultPort`): `3335 + parseInt(hash.substring(0, 4), 16) % 45816`.
 * - tokens.json: the token response plus `expires_at` (epoch ms, written as
 *   `Date.now() + expires_in * 1000` at save time), `requested_scope`, `issuer`. Older versions
 *   stored only `expires_in` (seconds, relative to when the file was written).
 * - A lease is live when its pid is alive (`process.kill(pid, 0)`, EPERM counts as alive).
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import fsp from 'node:fs/promises';
import type { Stats } from 'node:fs';
import nodePath from 'node:path';
import { INTERCOM_STANDARD_URLS } from '../core/endpoint.js';
import type { HashOptions, McpRemoteInvocation } from '../entries/mcp-remote-args.js';
import { CliError, errorCode } from '../core/errors.js';
import { isPidAlive, readNamedFile } from '../config/files.js';
import { getEnv, type Platform } from '../core/platform.js';
import { nodeRequire } from '../core/node-require.js';

/** A cache file name as mcp-remote writes it: 32 lowercase hex digits, `_`, the rest. */
const CACHE_FILE_NAME = /^([0-9a-f]{32})_(.+)$/;

/** The folders of the base that hold cache files: `mcp-remote-v1`, `mcp-remote-0.1.2`, … */
const CACHE_FOLDER_NAME = /^mcp-remote-/;

// ---------------------------------------------------------------------------------------------
// Hash and port

/** node:crypto on first use: only a scan of an existing cache hashes (doctor without one loads none of it). */
function md5(text: string): string {
  return (nodeRequire('node:crypto') as typeof import('node:crypto')).createHash('md5').update(text).digest('hex');
}

function sortedJson(record: Record<string, string>): string {
  return JSON.stringify(record, Object.keys(record).sort());
}

/**
 * mcp-remote 0.15.1's `getServerUrlHash`, byte for byte: md5 of `[url, resource?, authorizeParams?,
 * headers?, clientMetadataUrl?, tokenEndpoint?].join('|')`, each optional part present only when
 * non-empty. `serverHash('https://mcp.intercom.com/sse') === '3ba49181314b058915c2a74135eeb199'`.
 */
export function serverHash(url: string, opts: HashOptions = {}): string {
  const parts = [url];
  if (opts.resource) parts.push(opts.resource);
  if (opts.authorizeParams && Object.keys(opts.authorizeParams).length > 0) parts.push(sortedJson(opts.authorizeParams));
  if (opts.headers && Object.keys(opts.headers).length > 0) parts.push(sortedJson(opts.headers));
  if (opts.clientMetadataUrl) parts.push(opts.clientMetadataUrl);
  if (opts.tokenEndpoint) parts.push(opts.tokenEndpoint);
  return md5(parts.join('|'));
}

/** The OAuth callback port mcp-remote derives from a hash when no port is given. */
export function callbackPort(hash: string): number {
  return 3335 + (parseInt(hash.substring(0, 4), 16) % 45816);
}

// ---------------------------------------------------------------------------------------------
// Targets: the hashes whose files belong to Intercom

/** One hash whose files are to be reset. `label` is the server URL; `detail` names the options (never header values). */
export interface CacheTarget {
  label: string;
  hash: string;
  detail?: string;
}

function hasOptions(inv: McpRemoteInvocation): boolean {
  return (
    Boolean(inv.resource) ||
    Object.keys(inv.authorizeParams).length > 0 ||
    Object.keys(inv.headers).length > 0 ||
    Boolean(inv.clientMetadataUrl) ||
    Boolean(inv.tokenEndpoint)
  );
}

function describeOptions(inv: McpRemoteInvocation): string {
  const parts: string[] = [];
  const headerNames = Object.keys(inv.headers);
  if (headerNames.length > 0) parts.push(`--header ${headerNames.sort().join(', ')}`);
  if (inv.resource) parts.push(`--resource ${inv.resource}`);
  const params = Object.keys(inv.authorizeParams);
  if (params.length > 0) parts.push(`--authorize-param ${params.sort().join(', ')}`);
  if (inv.clientMetadataUrl) parts.push(`--client-metadata-url ${inv.clientMetadataUrl}`);
  if (inv.tokenEndpoint) parts.push(`--token-endpoint ${inv.tokenEndpoint}`);
  return `with ${parts.join('; ')}`;
}

/**
 * The hashes to reset: the four standard Intercom URLs, each URL in `urls` (e.g. `--url`), and for
 * each invocation (the client entries the caller identified as Intercom) md5(url) plus, when the
 * entry passes options, the options hash. md5(url) is kept for such entries too because versions
 * before `--header`/`--resource` were hashed, and the old `mcp-remote-<version>` folders, used it.
 * Deduplicated by hash, first label wins. Invocations marked `invalid` or `incomplete` contribute
 * md5(url) only.
 */
export function intercomTargets(input: { invocations?: readonly McpRemoteInvocation[]; urls?: readonly string[] } = {}): CacheTarget[] {
  const targets: CacheTarget[] = [];
  const seen = new Set<string>();
  const add = (target: CacheTarget): void => {
    if (seen.has(target.hash)) return;
    seen.add(target.hash);
    targets.push(target);
  };
  for (const url of INTERCOM_STANDARD_URLS) add({ label: url, hash: serverHash(url) });
  for (const url of input.urls ?? []) add({ label: url, hash: serverHash(url) });
  for (const inv of input.invocations ?? []) {
    add({ label: inv.url, hash: serverHash(inv.url) });
    if (hasOptions(inv) && !inv.invalid && !inv.incomplete) {
      add({ label: inv.url, hash: serverHash(inv.url, inv), detail: describeOptions(inv) });
    }
  }
  return targets;
}

// ---------------------------------------------------------------------------------------------
// The cache base

export type CacheBaseProblem = 'relative' | 'root' | 'not-a-directory';

/** MCP_REMOTE_CONFIG_DIR (or the default) is not a folder reset-auth may act on. Exit code 1. */
export class CacheBaseError extends CliError {
  constructor(
    message: string,
    readonly problem: CacheBaseProblem,
    readonly base: string,
  ) {
    super(message);
    this.name = 'CacheBaseError';
  }
}

export interface CacheBase {
  /** Absolute, normalised path of the base as the user named it. */
  base: string;
  /** Where it came from. */
  source: 'MCP_REMOTE_CONFIG_DIR' | 'default';
  /** False when the folder does not exist: nothing to reset, not an error. */
  exists: boolean;
}

/**
 * The base folder mcp-remote uses: `$MCP_REMOTE_CONFIG_DIR` when set and non-empty (mcp-remote
 * uses `||`), else `<home>/.mcp-auth`. Throws CacheBaseError for a relative path (mcp-remote would
 * resolve it against the client's working folder, which is unknown here), for a filesystem root
 * (also when the path is a symlink to one) and for anything that exists but is not a folder.
 * A missing folder is fine (`exists: false`). The home folder itself is accepted: reset only ever
 * touches `mcp-remote-*` folders inside the base, never the base itself.
 */
export function resolveCacheBase(platform: Platform): CacheBase {
  const p = platform.path;
  const fromEnv = getEnv(platform, 'MCP_REMOTE_CONFIG_DIR');
  const source: CacheBase['source'] = fromEnv ? 'MCP_REMOTE_CONFIG_DIR' : 'default';
  const raw = fromEnv ? fromEnv : p.join(platform.home, '.mcp-auth');
  if (!p.isAbsolute(raw)) {
    throw new CacheBaseError(
      `MCP_REMOTE_CONFIG_DIR is a relative path (${JSON.stringify(raw)}); mcp-remote would resolve it against each client's working folder. Set it to an absolute path and run again.`,
      'relative',
      raw,
    );
  }
  const normalized = p.normalize(raw);
  const refuseRoot = (shown: string): CacheBaseError =>
    new CacheBaseError(
      `Refusing to use ${shown} as mcp-remote's cache folder: it is the root of the filesystem. Point MCP_REMOTE_CONFIG_DIR at the folder that holds the mcp-remote-* folders.`,
      'root',
      normalized,
    );
  if (p.parse(normalized).root === normalized) throw refuseRoot(normalized);
  const base = normalized.replace(/[\\/]+$/, '');
  let stats: Stats;
  try {
    stats = statSync(base);
  } catch (error) {
    if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return { base, source, exists: false };
    throw error;
  }
  if (!stats.isDirectory()) {
    throw new CacheBaseError(
      `${source === 'default' ? base : `MCP_REMOTE_CONFIG_DIR (${base})`} is not a folder. ${source === 'default' ? 'Move that file away' : 'Point MCP_REMOTE_CONFIG_DIR at a folder'} and run again.`,
      'not-a-directory',
      base,
    );
  }
  const real = realpathSync(base);
  if (nodePath.parse(real).root === real) throw refuseRoot(`${base} (a link to ${real})`);
  return { base, source, exists: true };
}

// ---------------------------------------------------------------------------------------------
// Scanning

type CacheFileKind = 'tokens' | 'client-info' | 'code-verifier' | 'discovery-state' | 'lock' | 'refresh-lease' | 'debug-log' | 'temp' | 'other';

function kindOf(rest: string): CacheFileKind {
  if (rest.endsWith('.tmp')) return 'temp';
  if (rest === 'tokens.json') return 'tokens';
  if (rest === 'client_info.json') return 'client-info';
  if (/^code_verifier(_.*)?\.txt$/.test(rest)) return 'code-verifier';
  if (/^discovery_state_.*\.json$/.test(rest)) return 'discovery-state';
  if (rest === 'lock.json') return 'lock';
  if (rest === 'refresh_in_progress.json') return 'refresh-lease';
  if (rest === 'debug.log') return 'debug-log';
  return 'other';
}

/** What can be said about a tokens.json without revealing it. */
export interface TokenInfo {
  /** False when the file could not be read or parsed (no details: parse errors can quote the file). */
  readable: boolean;
  /** Epoch ms when the access token expires, when known. */
  expiresAt?: number;
  /** `expires_at` (mcp-remote ≥ the version that stores it) or file mtime + `expires_in` (older versions). */
  expirySource?: 'expires_at' | 'mtime+expires_in';
  /** Whether a refresh token is stored (mcp-remote renews silently with one). Never the token. */
  hasRefreshToken: boolean;
}

/** A `lock.json` or `refresh_in_progress.json`. */
interface LockInfo {
  pid?: number;
  alive: boolean;
  /** `timestamp` (lock.json) or `at` (lease), epoch ms. */
  since?: number;
  /** lock.json's callback port. */
  port?: number;
  /** The holder's program when known (describeProcess: never its arguments). */
  process?: string;
}

type EntryType = 'file' | 'symlink' | 'directory' | 'other';

/** One entry directly inside a `mcp-remote-*` folder. */
export interface CacheEntry {
  /** `<base>/<folder>/<name>`, with the base as given. */
  path: string;
  folder: string;
  name: string;
  type: EntryType;
  /** The `<hash>` of a `<32 hex>_…` name. */
  hash?: string;
  kind?: CacheFileKind;
  /** The target this entry belongs to, when its hash is one. */
  target?: CacheTarget;
  tokens?: TokenInfo;
  lock?: LockInfo;
}

interface CacheFolder {
  name: string;
  path: string;
  entries: CacheEntry[];
}

interface SkippedFolder {
  name: string;
  path: string;
  reason: 'symlink' | 'not-a-directory' | 'unreadable';
  /** For a symlink: whether it resolves outside the base (or nowhere). */
  outsideBase?: boolean;
}

/** A live lock or lease: a sign-in or token refresh in progress for that hash. */
export interface ActiveLock {
  hash: string;
  target?: CacheTarget;
  path: string;
  pid: number;
  process?: string;
}

export interface CacheScan {
  base: string;
  exists: boolean;
  /** realpath of the base at scan time; deletion refuses to run if it changed. */
  realBase?: string;
  targets: CacheTarget[];
  /** Every real `mcp-remote-*` folder directly under the base. */
  folders: CacheFolder[];
  /** `mcp-remote-*` names that are not real folders (symlinks are never followed). */
  skippedFolders: SkippedFolder[];
  /** Other entries of the base; never touched, not even by `--all`. */
  otherTopLevel: string[];
  /** Live locks/leases of every hash (not only targets). */
  activeLocks: ActiveLock[];
}

export interface ScanOptions {
  /** Default: {@link isPidAlive}. */
  isPidAlive?: (pid: number) => boolean;
  /** Names the process holding a lock. Default: describeProcess (Linux's /proc/<pid>/cmdline). */
  describeProcess?: (pid: number) => string | undefined;
}

const MAX_READ_BYTES = 1024 * 1024;

function isCode(error: unknown, code: string): boolean {
  return errorCode(error) === code;
}

/**
 * The program a process runs, on Linux, else undefined: the file name of its executable, and for
 * node the file name of the script it runs (`node mcp-remote`), from /proc/<pid>/cmdline. Never
 * an argument after those, which can hold secrets (a header, a token). Not /proc/<pid>/comm: that
 * is the main thread's name, which Node 24 sets to `MainThread` and Node 26 to `node-MainThread`.
 */
export function describeProcess(pid: number): string | undefined {
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  let argv: string[];
  try {
    argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return undefined;
  }
  const fileName = (arg: string | undefined) => printable(arg?.slice(arg.lastIndexOf('/') + 1) ?? '');
  const program = fileName(argv[0]);
  if (!program) return undefined;
  const script = argv[1];
  if (/^node(?:js)?(?:\d+(?:\.\d+)*)?$/.test(program) && script && !script.startsWith('-')) return `${program} ${fileName(script)}`;
  return program;
}

/** A name another process chose, made safe to print on one line: no control characters, at most 64 characters. */
function printable(name: string): string {
  return name.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '?').slice(0, 64);
}

function finiteNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

async function readSmallJson(path: string, size: number): Promise<unknown> {
  if (size > MAX_READ_BYTES) return undefined;
  try {
    // The entry was lstat'ed as a regular file: never read through a link, nor a FIFO or device
    // swapped in since (opened non-blocking, fstat'ed, read up to the cap).
    return JSON.parse(readNamedFile(path, { maxBytes: MAX_READ_BYTES, noFollow: true })) as unknown;
  } catch {
    return undefined;
  }
}

function tokenInfo(data: unknown, mtimeMs: number): TokenInfo {
  if (typeof data !== 'object' || data === null) return { readable: false, hasRefreshToken: false };
  const record = data as Record<string, unknown>;
  const info: TokenInfo = {
    readable: true,
    hasRefreshToken: typeof record.refresh_token === 'string' && record.refresh_token.length > 0,
  };
  const expiresAt = finiteNumber(record.expires_at);
  const expiresIn = finiteNumber(record.expires_in);
  if (expiresAt !== undefined && expiresAt > 0) {
    info.expiresAt = expiresAt;
    info.expirySource = 'expires_at';
  } else if (expiresIn !== undefined && expiresIn > 0) {
    info.expiresAt = Math.round(mtimeMs + expiresIn * 1000);
    info.expirySource = 'mtime+expires_in';
  }
  return info;
}

function lockInfo(data: unknown, kind: 'lock' | 'refresh-lease', opts: Required<ScanOptions>): LockInfo {
  if (typeof data !== 'object' || data === null) return { alive: false };
  const record = data as Record<string, unknown>;
  const pid = record.pid;
  if (typeof pid !== 'number' || !Number.isSafeInteger(pid) || pid <= 0) return { alive: false };
  const info: LockInfo = { pid, alive: opts.isPidAlive(pid) };
  const since = finiteNumber(kind === 'lock' ? record.timestamp : record.at);
  if (since !== undefined) info.since = since;
  const port = finiteNumber(record.port);
  if (kind === 'lock' && port !== undefined) info.port = port;
  if (info.alive) {
    const name = opts.describeProcess(pid);
    if (name) info.process = name;
  }
  return info;
}

function typeOf(stats: Stats): EntryType {
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'directory';
  return 'other';
}

function isInside(parent: string, child: string): boolean {
  const rel = nodePath.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !nodePath.isAbsolute(rel);
}

/**
 * Lists every entry directly inside every `mcp-remote-*` folder of `base` (never following
 * symlinks: a `mcp-remote-*` symlink is reported in `skippedFolders`, a symlinked file is listed
 * with type `symlink` and never read), tagging each `<32 hex>_…` entry with its hash, kind and the
 * target it belongs to. For regular tokens.json files it reads the expiry and whether a refresh
 * token exists, and for lock.json / refresh_in_progress.json the pid and whether it is alive; no
 * field ever holds a token, a header value or file contents. A missing base gives `exists: false`.
 * Deletes nothing.
 */
export async function scanCache(base: string, targets: readonly CacheTarget[], opts: ScanOptions = {}): Promise<CacheScan> {
  const options: Required<ScanOptions> = {
    isPidAlive: opts.isPidAlive ?? isPidAlive,
    describeProcess: opts.describeProcess ?? describeProcess,
  };
  const scan: CacheScan = {
    base,
    exists: false,
    targets: [...targets],
    folders: [],
    skippedFolders: [],
    otherTopLevel: [],
    activeLocks: [],
  };
  let baseStats: Stats;
  try {
    baseStats = await fsp.stat(base);
  } catch (error) {
    if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return scan;
    throw error;
  }
  if (!baseStats.isDirectory()) throw new CacheBaseError(`${base} is not a folder.`, 'not-a-directory', base);
  const realBase = await fsp.realpath(base);
  if (nodePath.parse(realBase).root === realBase) {
    throw new CacheBaseError(`Refusing to use ${base} (${realBase}) as mcp-remote's cache folder: it is the root of the filesystem.`, 'root', base);
  }
  scan.exists = true;
  scan.realBase = realBase;

  const byHash = new Map(targets.map((t) => [t.hash, t] as const));
  const names = (await fsp.readdir(base)).sort();
  for (const folderName of names) {
    const folderPath = nodePath.join(base, folderName);
    if (!CACHE_FOLDER_NAME.test(folderName)) {
      scan.otherTopLevel.push(folderPath);
      continue;
    }
    let folderStats: Stats;
    try {
      folderStats = await fsp.lstat(folderPath);
    } catch {
      scan.skippedFolders.push({ name: folderName, path: folderPath, reason: 'unreadable' });
      continue;
    }
    if (folderStats.isSymbolicLink()) {
      let outsideBase = true;
      try {
        outsideBase = !isInside(realBase, await fsp.realpath(folderPath));
      } catch {
        // dangling: treat as outside
      }
      scan.skippedFolders.push({ name: folderName, path: folderPath, reason: 'symlink', outsideBase });
      continue;
    }
    if (!folderStats.isDirectory()) {
      scan.skippedFolders.push({ name: folderName, path: folderPath, reason: 'not-a-directory' });
      continue;
    }
    let entryNames: string[];
    try {
      entryNames = (await fsp.readdir(folderPath)).sort();
    } catch {
      scan.skippedFolders.push({ name: folderName, path: folderPath, reason: 'unreadable' });
      continue;
    }
    const folder: CacheFolder = { name: folderName, path: folderPath, entries: [] };
    for (const name of entryNames) {
      const path = nodePath.join(folderPath, name);
      let stats: Stats;
      try {
        stats = await fsp.lstat(path);
      } catch {
        continue; // vanished meanwhile
      }
      const entry: CacheEntry = { path, folder: folderName, name, type: typeOf(stats) };
      const match = CACHE_FILE_NAME.exec(name);
      if (match) {
        const hash = match[1] as string;
        entry.hash = hash;
        entry.kind = kindOf(match[2] as string);
        const target = byHash.get(hash);
        if (target) entry.target = target;
        if (entry.type === 'file') {
          if (entry.kind === 'tokens') {
            entry.tokens = tokenInfo(await readSmallJson(path, stats.size), stats.mtimeMs);
          } else if (entry.kind === 'lock' || entry.kind === 'refresh-lease') {
            entry.lock = lockInfo(await readSmallJson(path, stats.size), entry.kind, options);
            if (entry.lock.alive && entry.lock.pid !== undefined) {
              const active: ActiveLock = { hash, path, pid: entry.lock.pid };
              if (target) active.target = target;
              if (entry.lock.process) active.process = entry.lock.process;
              scan.activeLocks.push(active);
            }
          }
        }
      }
      folder.entries.push(entry);
    }
    scan.folders.push(folder);
  }
  return scan;
}

// ---------------------------------------------------------------------------------------------
// Planning and deleting

type KeepReason =
  /** Belongs to a server that is not a target (not with `--all`). */
  | 'other-server'
  /** Its hash has a live lock/lease and `force` is off. */
  | 'sign-in-in-progress'
  /** A symlink named like a cache file: never followed, and only removed (as a link) by `--all`. */
  | 'symlink'
  /** A folder, socket or other non-file entry. */
  | 'not-a-regular-file'
  /** Not a `<32 hex>_…` name (not with `--all`). */
  | 'unrecognised-name'
  /** A `mcp-remote-*` name that is a symlink or not a folder: never entered. */
  | 'skipped-folder'
  /** Outside every `mcp-remote-*` folder (listed only with `--all`). */
  | 'outside-mcp-remote-folders';

interface KeptEntry {
  path: string;
  reason: KeepReason;
  entry?: CacheEntry;
  /** For `sign-in-in-progress`: who holds it. */
  heldBy?: ActiveLock;
}

/** The entries of one hash in one folder, for the "grouped per server URL and folder" listing. */
export interface PlanGroup {
  hash: string;
  /** Undefined for other servers' files under `--all`. */
  target?: CacheTarget;
  folder: string;
  folderPath: string;
  remove: CacheEntry[];
  /** Entries of this hash kept because a sign-in is in progress (or they are symlinks). */
  keep: KeptEntry[];
  /** The tokens.json of this group, when there is a regular one: expiry, refresh token or not. */
  tokens?: TokenInfo;
  heldBy?: ActiveLock;
}

export interface ResetPlan {
  remove: CacheEntry[];
  keep: KeptEntry[];
  /** `--all` only: `mcp-remote-*` folders to remove once empty (rmdir, never recursive). */
  removeFolders: string[];
  groups: PlanGroup[];
}

export interface ResetOptions {
  /** Every entry of every real `mcp-remote-*` folder (regular files and symlinks-as-links), then those folders. */
  all?: boolean;
  /** Delete files whose hash has a live lock or lease too. */
  force?: boolean;
}

/**
 * Decides what a reset removes, without touching anything (what `--dry-run` shows).
 *
 * Default: regular files named `<32 hex>_…` whose hash is a target, directly inside a real
 * `mcp-remote-*` folder; every file of a hash with a live lock/lease is kept unless `force`.
 *
 * `all` ("the explicit equivalent of rm -rf ~/.mcp-auth", made safe): every regular file and every
 * symlink (removed as a link; its target is never touched) directly inside each real `mcp-remote-*`
 * folder, whatever its name or server, then each such folder once empty. Never removed, even with
 * `all`: the base itself, anything in it that is not a `mcp-remote-*` folder, `mcp-remote-*`
 * symlinks (not followed), sub-folders and other non-files, and files of a hash with a live lock
 * unless `force`. mcp-remote recreates its folder on the next start.
 */
export function planReset(scan: CacheScan, opts: ResetOptions = {}): ResetPlan {
  const plan: ResetPlan = { remove: [], keep: [], removeFolders: [], groups: [] };
  const heldBy = new Map<string, ActiveLock>();
  for (const lock of scan.activeLocks) if (!heldBy.has(lock.hash)) heldBy.set(lock.hash, lock);

  for (const skipped of scan.skippedFolders) plan.keep.push({ path: skipped.path, reason: 'skipped-folder' });

  for (const folder of scan.folders) {
    const groups = new Map<string, PlanGroup>();
    const groupFor = (entry: CacheEntry & { hash: string }): PlanGroup => {
      let group = groups.get(entry.hash);
      if (!group) {
        group = { hash: entry.hash, folder: folder.name, folderPath: folder.path, remove: [], keep: [] };
        if (entry.target) group.target = entry.target;
        const holder = heldBy.get(entry.hash);
        if (holder) group.heldBy = holder;
        groups.set(entry.hash, group);
      }
      return group;
    };
    let keepsSomething = false;
    for (const entry of folder.entries) {
      const keep = (reason: KeepReason, extra: Partial<KeptEntry> = {}): KeptEntry => {
        const kept: KeptEntry = { path: entry.path, reason, entry, ...extra };
        plan.keep.push(kept);
        keepsSomething = true;
        return kept;
      };
      const hash = entry.hash;
      const wanted = opts.all === true || (hash !== undefined && entry.target !== undefined);
      if (!wanted) {
        keep(hash === undefined ? 'unrecognised-name' : 'other-server');
        continue;
      }
      const group = hash !== undefined ? groupFor({ ...entry, hash }) : undefined;
      if (entry.type === 'directory' || entry.type === 'other') {
        const kept = keep('not-a-regular-file');
        group?.keep.push(kept);
        continue;
      }
      if (entry.type === 'symlink' && opts.all !== true) {
        const kept = keep('symlink');
        group?.keep.push(kept);
        continue;
      }
      const holder = hash !== undefined ? heldBy.get(hash) : undefined;
      if (holder && opts.force !== true) {
        const kept = keep('sign-in-in-progress', { heldBy: holder });
        group?.keep.push(kept);
        continue;
      }
      plan.remove.push(entry);
      if (group) {
        group.remove.push(entry);
        if (entry.kind === 'tokens' && entry.tokens) group.tokens = entry.tokens;
      }
    }
    for (const group of groups.values()) {
      if (!group.tokens) {
        const tokensEntry = [...group.remove, ...group.keep.map((k) => k.entry)].find((e) => e?.kind === 'tokens' && e.tokens);
        if (tokensEntry?.tokens) group.tokens = tokensEntry.tokens;
      }
      plan.groups.push(group);
    }
    if (opts.all === true && !keepsSomething) plan.removeFolders.push(folder.path);
  }
  if (opts.all === true) for (const path of scan.otherTopLevel) plan.keep.push({ path, reason: 'outside-mcp-remote-folders' });
  return plan;
}

/** The filesystem calls deletion uses; injectable for tests (e.g. a failing unlink). */
export interface ResetFs {
  lstat(path: string): Promise<Stats>;
  realpath(path: string): Promise<string>;
  unlink(path: string): Promise<void>;
  rmdir(path: string): Promise<void>;
}

const realFs: ResetFs = {
  lstat: (p) => fsp.lstat(p),
  realpath: (p) => fsp.realpath(p),
  unlink: (p) => fsp.unlink(p),
  rmdir: (p) => fsp.rmdir(p),
};

export interface DeleteResult {
  /** Paths removed (files, links with `all`, then emptied folders with `all`). */
  removed: string[];
  /** Paths listed by the scan that are still there (kept by the plan, or failed). */
  kept: string[];
  /** Per-path failures; the rest still proceeded. The caller exits 1 when non-empty. */
  errors: Array<{ path: string; code?: string; message: string }>;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Carries out {@link planReset}. Before each deletion it re-checks, with lstat/realpath, that the
 * base still resolves where it did at scan time, that the folder is a real directory directly in
 * that base (not a symlink), and that the entry is still a regular file named `<32 hex>_…` (with
 * `all`: a regular file or a symlink, removed as a link). Files that vanished meanwhile are neither
 * removed nor kept. A failure on one path is recorded in `errors` (that path goes to `kept`) and
 * the rest proceeds.
 */
export async function deleteCacheFiles(scan: CacheScan, opts: ResetOptions & { fs?: Partial<ResetFs> } = {}): Promise<DeleteResult> {
  const fs: ResetFs = { ...realFs, ...opts.fs };
  const plan = planReset(scan, opts);
  const result: DeleteResult = { removed: [], kept: plan.keep.map((k) => k.path), errors: [] };
  if (!scan.exists || scan.realBase === undefined) return result;
  const fail = (path: string, error: unknown): void => {
    const entry: DeleteResult['errors'][number] = { path, message: errorText(error) };
    const code = errorCode(error);
    if (code !== undefined) entry.code = code;
    result.errors.push(entry);
    result.kept.push(path);
  };

  let realBase: string;
  try {
    realBase = await fs.realpath(scan.base);
  } catch (error) {
    for (const entry of plan.remove) fail(entry.path, error);
    return result;
  }
  if (realBase !== scan.realBase) {
    const error = new Error(`${scan.base} now resolves to ${realBase}, not ${scan.realBase} as when it was scanned; nothing deleted`);
    for (const entry of plan.remove) fail(entry.path, error);
    return result;
  }

  // Re-checked before every deletion (not cached) to keep the window for a swapped folder small.
  const checkFolder = async (folderName: string): Promise<true | Error> => {
    let verdict: true | Error;
    const folderPath = nodePath.join(scan.base, folderName);
    try {
      const stats = await fs.lstat(folderPath);
      if (stats.isSymbolicLink() || !stats.isDirectory()) verdict = new Error(`${folderPath} is no longer a folder`);
      else if ((await fs.realpath(folderPath)) !== nodePath.join(realBase, folderName))
        verdict = new Error(`${folderPath} is not directly inside ${scan.base}`);
      else verdict = true;
    } catch (error) {
      verdict = error instanceof Error ? error : new Error(String(error));
    }
    return verdict;
  };

  for (const entry of plan.remove) {
    if (!CACHE_FOLDER_NAME.test(entry.folder) || entry.name.includes('/') || entry.name.includes('\\')) {
      fail(entry.path, new Error('not inside a mcp-remote-* folder'));
      continue;
    }
    if (entry.path !== nodePath.join(scan.base, entry.folder, entry.name)) {
      fail(entry.path, new Error('not directly inside a mcp-remote-* folder of the base'));
      continue;
    }
    const folderVerdict = await checkFolder(entry.folder);
    if (folderVerdict !== true) {
      fail(entry.path, folderVerdict);
      continue;
    }
    try {
      const stats = await fs.lstat(entry.path);
      const allowed = opts.all === true ? stats.isFile() || stats.isSymbolicLink() : stats.isFile() && CACHE_FILE_NAME.test(entry.name);
      if (!allowed) {
        fail(entry.path, new Error('no longer a regular cache file; left alone'));
        continue;
      }
      await fs.unlink(entry.path);
      result.removed.push(entry.path);
    } catch (error) {
      if (isCode(error, 'ENOENT')) continue; // already gone (mcp-remote cleaned it up)
      fail(entry.path, error);
    }
  }

  if (opts.all === true) {
    for (const folderPath of plan.removeFolders) {
      const folderName = nodePath.basename(folderPath);
      if ((await checkFolder(folderName)) !== true) {
        result.kept.push(folderPath);
        continue;
      }
      try {
        await fs.rmdir(folderPath); // only ever removes an empty folder
        result.removed.push(folderPath);
      } catch (error) {
        if (isCode(error, 'ENOENT')) continue;
        // ENOTEMPTY: a file failed above or appeared meanwhile; that file is what is reported.
        if (!isCode(error, 'ENOTEMPTY') && !isCode(error, 'EEXIST')) fail(folderPath, error);
        else result.kept.push(folderPath);
      }
    }
  }
  return result;
}
