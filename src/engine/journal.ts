/**
 * The journal of the last run that changed files (setup, remove, doctor --fix): per file, what
 * `undo` needs to put it back — where it is, the backup that run made (or that the run created
 * it), and the SHA-256 of the bytes the run wrote, so undo touches only a file that still holds
 * exactly those. One file per user, replaced by each run that changes something; a run that
 * changes nothing leaves it alone. It holds paths and digests, never a file's text.
 */
import { windowsLocalAppData } from '../clients/paths.js';
import { ConfigFileError, isoTime, readNamedFile, writePrivateFile } from '../config/files.js';
import { CliError, errorMessage } from '../core/errors.js';
import type { Platform } from '../core/platform.js';
import type { CommandContext } from '../ui/context.js';
import type { ClientChange } from './changes.js';

const STATE_FOLDER = 'intercom-mcp-setup';
const JOURNAL_FILE = 'last-run.json';
const JOURNAL_VERSION = 1;
/** A journal of thousands of files is still far below this. */
const MAX_JOURNAL_BYTES = 4 * 1024 * 1024;

/** The runs that change files, as the journal and undo name them. */
export type JournalCommand = 'setup' | 'remove' | 'doctor --fix';

export interface JournalFile {
  /** The client's id and label (Cline in Cursor: `cline`, "Cline (Cursor)"). */
  client: string;
  label: string;
  scope: 'user' | 'project';
  /** The path as the client names it (what is shown, and locked) and where its bytes are. */
  path: string;
  target: string;
  /** The file did not exist before the run: undo deletes it. */
  created: boolean;
  /** The file as it was before the run (absent when created). */
  backup?: string;
  /** SHA-256 (hex) of the bytes the run wrote. */
  sha256: string;
  /** The file's mode after the run (permission bits). */
  mode: number;
  /** The highest folder the run created on the way to a created file: removed again while empty. */
  createdFolder?: string;
  /** Project scope: the folder the file must stay inside, through every symlink. */
  within?: string;
  /** Set once undo has dealt with it (put back, deleted, or kept because it changed since). */
  undone?: boolean;
}

export interface Journal {
  version: typeof JOURNAL_VERSION;
  command: JournalCommand;
  /** When the run wrote, ISO 8601 in UTC. */
  at: string;
  files: JournalFile[];
}

/**
 * The per-user folder for this program's state: `$XDG_STATE_HOME` (else `~/.local/state`) on
 * Linux, Application Support on macOS, `%LOCALAPPDATA%` on Windows.
 */
function stateFolder(platform: Platform): string {
  const { path } = platform;
  switch (platform.os) {
    case 'darwin':
      return path.join(platform.home, 'Library', 'Application Support', STATE_FOLDER);
    case 'win32':
      return path.join(windowsLocalAppData(platform), STATE_FOLDER);
    default: {
      // A relative XDG_STATE_HOME is ignored, as the XDG spec says.
      const xdg = platform.env.XDG_STATE_HOME;
      return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(platform.home, '.local', 'state'), STATE_FOLDER);
    }
  }
}

export function journalPath(platform: Platform): string {
  return platform.path.join(stateFolder(platform), JOURNAL_FILE);
}

/** The journal rows of the files a run wrote; a file written twice (two names for it) is one row. */
export function journalFiles(changes: readonly ClientChange[]): JournalFile[] {
  const byTarget = new Map<string, JournalFile[]>();
  for (const change of changes) {
    const { written, path } = change;
    if (!written?.digest || !path) continue;
    const row: JournalFile = {
      client: change.client.id,
      label: change.client.label,
      scope: change.scope,
      path,
      target: written.target,
      created: written.created,
      ...(change.backup ? { backup: change.backup } : {}),
      sha256: written.digest,
      mode: written.mode,
      ...(written.createdFolder ? { createdFolder: written.createdFolder } : {}),
      ...(change.within !== undefined ? { within: change.within } : {}),
    };
    byTarget.set(written.target, [...(byTarget.get(written.target) ?? []), row]);
  }
  return [...byTarget.values()].map((rows) => {
    if (rows.length === 1) return rows[0]!;
    // Written twice in one run: the earliest write knew the file from before the run (it created it,
    // or its backup is the oldest: backup names sort in time order), the latest left the bytes.
    const order = (row: JournalFile) => (row.created ? '' : (row.backup ?? '\uffff'));
    const sorted = [...rows].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
    const first = sorted[0]!;
    const last = sorted[sorted.length - 1]!;
    return { ...first, sha256: last.sha256, mode: last.mode };
  });
}

/**
 * Records what a run changed, for `undo`, replacing the journal of the run before. A run that
 * wrote nothing leaves that journal alone. A journal that cannot be written does not fail the run
 * (its files are written and backed up): it is said on stderr. The promise never rejects; a
 * caller may print its report while the journal is flushed, and awaits it before it returns.
 */
export async function recordRun(ctx: CommandContext, command: JournalCommand, changes: readonly ClientChange[]): Promise<void> {
  const files = journalFiles(changes);
  if (files.length === 0) return;
  const journal: Journal = { version: JOURNAL_VERSION, command, at: isoTime(new Date()), files };
  try {
    await saveJournal(ctx.platform, journal);
  } catch (error) {
    ctx.out.error(
      `warning: this run cannot be undone with "intercom-mcp-setup undo": ${errorMessage(error)} (the backups next to each file still hold what was there)`,
    );
  }
}

export function saveJournal(platform: Platform, journal: Journal): Promise<void> {
  return writePrivateFile(journalPath(platform), `${JSON.stringify(journal, null, 2)}\n`);
}

const isString = (value: unknown): value is string => typeof value === 'string';

function isJournalFile(value: unknown): value is JournalFile {
  if (!value || typeof value !== 'object') return false;
  const row = value as Record<string, unknown>;
  return (
    isString(row.client) &&
    isString(row.label) &&
    (row.scope === 'user' || row.scope === 'project') &&
    isString(row.path) &&
    isString(row.target) &&
    typeof row.created === 'boolean' &&
    (row.backup === undefined || isString(row.backup)) &&
    (row.created || isString(row.backup)) &&
    isString(row.sha256) &&
    /^[0-9a-f]{64}$/.test(row.sha256) &&
    typeof row.mode === 'number' &&
    (row.createdFolder === undefined || isString(row.createdFolder)) &&
    (row.within === undefined || isString(row.within)) &&
    (row.undone === undefined || typeof row.undone === 'boolean')
  );
}

/** The journal of the last run that changed files; undefined when there is none. */
export function readJournal(platform: Platform): Journal | undefined {
  const file = journalPath(platform);
  if (!platform.exists(file)) return undefined;
  let text: string;
  try {
    text = readNamedFile(file, { maxBytes: MAX_JOURNAL_BYTES, noFollow: true });
  } catch (error) {
    if (error instanceof ConfigFileError) throw new CliError(error.message);
    throw error;
  }
  const unreadable = new CliError(
    `${file} is not a journal this version can read, so there is nothing it can undo; the backups next to each file hold what was there (delete ${file} to start afresh)`,
  );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw unreadable;
  }
  const journal = value as Partial<Journal> | null;
  if (
    !journal ||
    typeof journal !== 'object' ||
    journal.version !== JOURNAL_VERSION ||
    !(journal.command === 'setup' || journal.command === 'remove' || journal.command === 'doctor --fix') ||
    !isString(journal.at) ||
    !Array.isArray(journal.files) ||
    !journal.files.every(isJournalFile)
  ) {
    throw unreadable;
  }
  return journal as Journal;
}
