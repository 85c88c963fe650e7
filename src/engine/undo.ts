/**
 * Undo of the last run that changed files (the journal, ./journal.ts): each file is put back from
 * the backup that run made, or deleted when the run created it — only when it still holds exactly
 * the bytes that run wrote (their SHA-256), checked again under the file's lock by the same safe
 * writer setup uses (atomic, mode kept, symlinks followed). A file changed since is kept as it is.
 */
import { readConfigFile, removeConfigFile, removeEmptyFoldersAbove, updateConfigFile } from '../config/files.js';
import { describeFailure } from './changes.js';
import { sha256OfText } from './digest.js';
import type { Journal, JournalFile } from './journal.js';

type UndoAction = 'restored' | 'removed' | 'skipped' | 'failed';

export interface UndoResult {
  file: JournalFile;
  action: UndoAction;
  /**
   * Why it is skipped or failed, in one line. A skip without one harms nothing (the file is
   * already as it was before the run, or already gone); a skip with one is a file kept because it
   * changed since, and the line names the backup that holds its earlier content.
   */
  error?: string;
  /** A skip that harms nothing: what was found. */
  note?: string;
}

export interface UndoHooks {
  onWait?: (message: string) => void;
}

/** What a file holds now, against what the run wrote and what was there before. */
type Found = 'ours' | 'before' | 'changed' | 'missing';

function compare(text: string | undefined, file: JournalFile, before: string | undefined): Found {
  if (text === undefined) return 'missing';
  if (before !== undefined && text === before) return 'before';
  return sha256OfText(text) === file.sha256 ? 'ours' : 'changed';
}

function within(file: JournalFile): { within?: string } {
  return file.within !== undefined ? { within: file.within } : {};
}

function changedSince(file: JournalFile, command: string, found: 'changed' | 'missing'): string {
  if (file.created) return `${file.path} changed since ${command} created it, so it is kept as it is (there was no file before ${command})`;
  const what = found === 'missing' ? 'was deleted' : 'changed';
  return `${file.path} ${what} since ${command} wrote it, so it is ${found === 'missing' ? 'not put back' : 'kept as it is'}; its content from before ${command} is in ${file.backup}`;
}

/** The backup's text; a missing one is a failure that names it. */
async function backupText(file: JournalFile, command: string): Promise<string | UndoResult> {
  try {
    const snapshot = await readConfigFile(file.backup!);
    if (snapshot.text !== undefined) return snapshot.text;
    return { file, action: 'failed', error: `the backup ${command} made of ${file.path} is gone (${file.backup}), so it is kept as it is` };
  } catch (error) {
    return { file, action: 'failed', error: describeFailure(error, file.backup!) };
  }
}

function verdict(file: JournalFile, command: string, found: Found, done: UndoAction): UndoResult {
  switch (found) {
    case 'ours':
      return { file, action: done };
    case 'before':
      return { file, action: 'skipped', note: `already as it was before ${command}` };
    case 'missing':
      return file.created ? { file, action: 'skipped', note: 'already gone' } : { file, action: 'skipped', error: changedSince(file, command, found) };
    case 'changed':
      return { file, action: 'skipped', error: changedSince(file, command, found) };
  }
}

/** What undo would do to one file, writing nothing. */
export async function planUndoFile(journal: Journal, file: JournalFile): Promise<UndoResult> {
  const { command } = journal;
  try {
    const snapshot = await readConfigFile(file.path, within(file));
    // A created file that is now a symlink is not the file the run made.
    if (file.created && snapshot.text !== undefined && snapshot.target !== file.path)
      return { file, action: 'skipped', error: changedSince(file, command, 'changed') };
    if (file.created) return verdict(file, command, compare(snapshot.text, file, undefined), 'removed');
    const before = await backupText(file, command);
    const found = compare(snapshot.text, file, typeof before === 'string' ? before : undefined);
    if (found === 'ours' && typeof before !== 'string') return before;
    return verdict(file, command, found, 'restored');
  } catch (error) {
    return { file, action: 'failed', error: describeFailure(error, file.path) };
  }
}

async function undoFile(journal: Journal, file: JournalFile, hooks: UndoHooks): Promise<UndoResult> {
  const { command } = journal;
  const wait = hooks.onWait ? { onWait: hooks.onWait } : {};
  try {
    if (file.created) {
      const outcome = await removeConfigFile(file.path, (text) => sha256OfText(text) === file.sha256, { ...within(file), ...wait });
      if (outcome === 'removed') return { file, action: 'removed' };
      return verdict(file, command, outcome === 'missing' ? 'missing' : 'changed', 'removed');
    }
    const before = await backupText(file, command);
    let found = 'missing' as Found;
    const result = await updateConfigFile(
      file.path,
      (current) => {
        found = compare(current, file, typeof before === 'string' ? before : undefined);
        return found === 'ours' && typeof before === 'string' ? before : undefined;
      },
      // No backup of what is replaced: it is byte for byte what the run wrote.
      { newFileMode: file.mode, backup: false, ...within(file), ...wait },
    );
    if (found === 'ours' && typeof before !== 'string') return before;
    if (found === 'ours' && result.kind !== 'written') return { file, action: 'failed', error: `${file.path} could not be put back; run undo again` };
    return verdict(file, command, found, 'restored');
  } catch (error) {
    return { file, action: 'failed', error: describeFailure(error, file.path) };
  }
}

/**
 * Undoes the files given (those of the journal not undone yet), one after another, then deletes
 * the folders the run created for the files deleted, each only while empty.
 */
export async function undoFiles(journal: Journal, files: readonly JournalFile[], hooks: UndoHooks = {}): Promise<UndoResult[]> {
  const results: UndoResult[] = [];
  for (const file of files) results.push(await undoFile(journal, file, hooks));
  for (const result of results) {
    const { createdFolder, target } = result.file;
    if (result.action === 'removed' && createdFolder !== undefined) removeEmptyFoldersAbove(target, createdFolder);
  }
  return results;
}
