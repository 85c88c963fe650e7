/**
 * `undo`: puts back every file the last setup, remove or doctor --fix run changed, from the
 * backups that run made, and deletes the files it created — each only while it still holds
 * exactly what that run wrote (engine/undo.ts). A file changed since is kept, named, with the
 * backup that holds its earlier content.
 *
 * Behaviour (also in the help text):
 * - No journal, or everything in it undone already: "Nothing to undo", exit 0.
 * - `--dry-run`: list, change nothing; exit 1 when a file would be kept or cannot be undone.
 * - Without `--yes`: asks on a terminal (no: exit 0, Ctrl-C: 130, nothing changed). With no
 *   terminal, or with `--json` (which never asks), it lists and exits 2 without changing anything.
 * - `--json`: `{"results":[{"client","path","action","backup"?,"error"?}]}`, action `restored`,
 *   `removed`, `skipped` or `failed`; `"dryRun":true` when nothing was done on purpose.
 * - Exit 1 when a file was kept because it changed since, or could not be undone.
 * - Each file put back, deleted, or found as it was before is marked undone in the journal (undo
 *   is not recorded as a run of its own): a second undo finds nothing to undo. A file kept because
 *   it changed since, or that failed (a permission, say), is looked at again by the next undo,
 *   which changes it only if it then holds what the run wrote.
 */
import { displayPath } from '../clients/paths.js';
import { CliError, UsageError } from '../core/errors.js';
import type { Options } from '../core/options.js';
import { readJournal, saveJournal, type Journal, type JournalFile } from '../engine/journal.js';
import { planUndoFile, undoFiles, type UndoResult } from '../engine/undo.js';
import type { CommandContext } from '../ui/context.js';
import type { Colors } from '../ui/output.js';
import { cancelPrompts, fitToFrame, promptOutput } from '../ui/prompt-output.js';
import { plural } from '../ui/text.js';

/** `2026-05-03 14:22 UTC` from the journal's ISO time. */
function when(journal: Journal): string {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(journal.at) ? `${journal.at.slice(0, 10)} ${journal.at.slice(11, 16)} UTC` : journal.at;
}

/** A file kept because it changed since (or that failed): the results that make the exit code 1. */
const isProblem = (result: UndoResult) => result.action === 'failed' || (result.action === 'skipped' && result.error !== undefined);
const changes = (result: UndoResult) => result.action === 'restored' || result.action === 'removed';

function words(result: UndoResult, planned: boolean): string {
  switch (result.action) {
    case 'restored':
      return planned ? 'will restore' : 'restored';
    case 'removed':
      return planned ? 'will remove' : 'removed';
    case 'skipped':
      return result.error === undefined ? 'nothing to do' : planned ? 'will keep' : 'kept';
    case 'failed':
      return planned ? 'cannot undo' : 'failed';
  }
}

/** A green check means done: a change still to make is a bullet, as in setup's plan. */
function mark(result: UndoResult, colors: Colors, planned: boolean): string {
  if (result.action === 'failed') return colors.red('✗');
  if (result.action === 'skipped') return result.error === undefined ? colors.dim('-') : colors.yellow('!');
  return planned ? colors.cyan('•') : colors.green('✓');
}

function printResults(ctx: CommandContext, journal: Journal, results: readonly UndoResult[], planned: boolean): void {
  const { out, platform } = ctx;
  const { colors } = out;
  for (const result of results) {
    const { file } = result;
    const label = file.label.length >= 17 ? `${file.label} ` : file.label.padEnd(17);
    out.line(`${mark(result, colors, planned)} ${colors.bold(label)}${words(result, planned).padEnd(19)} ${displayPath(platform, file.path)}`);
    if (result.error !== undefined) out.line(`    ${result.action === 'failed' ? colors.red(result.error) : colors.yellow(result.error)}`);
    else if (result.note !== undefined) out.line(`    ${colors.dim(result.note)}`);
    else if (result.action === 'restored') out.line(`    ${colors.dim(`from ${displayPath(platform, file.backup!)}`)}`);
    else if (result.action === 'removed') out.line(`    ${colors.dim(`${journal.command} created it`)}`);
  }
}

function jsonRow(result: UndoResult): Record<string, string> {
  const { file } = result;
  return {
    client: file.client,
    path: file.path,
    action: result.action,
    ...(file.backup ? { backup: file.backup } : {}),
    ...(result.error !== undefined ? { error: result.error } : {}),
  };
}

/** Asks on the terminal: true to go on, false for no; Ctrl-C cancels (CancelledError, exit 130). */
async function confirmUndo(ctx: CommandContext, message: string): Promise<boolean> {
  const prompts = await import('@clack/prompts');
  const output = promptOutput(ctx.out);
  const answer = await prompts.confirm({ message: fitToFrame(ctx.out, message, output), initialValue: true, output });
  if (prompts.isCancel(answer)) cancelPrompts(prompts, 'Cancelled: nothing was changed.', output);
  return answer === true;
}

/** Marks the files dealt with as undone, in the journal as it is now (unless another run replaced it). */
async function markUndone(ctx: CommandContext, journal: Journal, results: readonly UndoResult[]): Promise<void> {
  const done = new Set(results.filter((result) => !isProblem(result)).map((result) => result.file.target));
  try {
    const current = readJournal(ctx.platform);
    if (!current || current.at !== journal.at || current.command !== journal.command) return;
    if (!current.files.some((file) => !file.undone && done.has(file.target))) return;
    const files: JournalFile[] = current.files.map((file) => (done.has(file.target) ? { ...file, undone: true } : file));
    await saveJournal(ctx.platform, { ...current, files });
  } catch (error) {
    ctx.out.error(
      `warning: could not mark the ${journal.command} run as undone: ${(error as Error).message}; a second undo finds each file as it was and changes nothing`,
    );
  }
}

export async function runUndo(ctx: CommandContext, options: Options): Promise<number> {
  const { out } = ctx;
  const journal = readJournal(ctx.platform);
  const pending = journal?.files.filter((file) => !file.undone) ?? [];
  if (!journal || pending.length === 0) {
    if (options.json) out.json({ results: [] });
    else if (!journal) out.line('Nothing to undo: no setup, remove or doctor --fix run has changed a file here.');
    else out.line(`Nothing to undo: the ${journal.command} run of ${when(journal)} is undone already.`);
    return 0;
  }
  const heading = `Undo the ${journal.command} run of ${when(journal)}: ${plural(pending.length, 'file')}`;
  const planned = await Promise.all(pending.map((file) => planUndoFile(journal, file)));
  const toChange = planned.filter(changes).length;

  if (options.dryRun || (!options.yes && toChange > 0 && (options.json || !ctx.interactive))) {
    if (options.json) out.json({ results: planned.map(jsonRow), dryRun: true });
    else {
      out.line(out.colors.bold(`${options.dryRun ? 'Dry run: nothing is changed. ' : ''}${heading}`));
      printResults(ctx, journal, planned, true);
    }
    if (options.dryRun) return planned.some(isProblem) ? 1 : 0;
    throw new UsageError(
      `nothing changed: ${options.json ? '--json never asks' : 'no terminal to ask on'}; run "intercom-mcp-setup undo --yes" to undo the ${plural(toChange, 'file')}${options.json ? '' : ' listed above'}`,
    );
  }

  if (!options.yes && toChange > 0) {
    out.line(out.colors.bold(heading));
    printResults(ctx, journal, planned, true);
    out.line();
    const answer = await confirmUndo(ctx, `Undo ${plural(toChange, 'change')}?`);
    if (!answer) {
      out.line('Nothing was changed.');
      return 0;
    }
    // The answer may come much later: undo only the run that was shown.
    const now = readJournal(ctx.platform);
    if (!now || now.at !== journal.at || now.command !== journal.command) {
      throw new CliError('another run changed files while you were asked, so nothing was undone; run undo again to see what it would undo now');
    }
  }

  const results = await undoFiles(journal, pending, { onWait: (message) => out.error(message) });
  await markUndone(ctx, journal, results);
  if (options.json) {
    out.json({ results: results.map(jsonRow) });
  } else {
    if (options.yes || toChange === 0) out.line(out.colors.bold(heading));
    printResults(ctx, journal, results, false);
    const kept = results.filter((result) => result.action === 'skipped' && result.error !== undefined).length;
    const failed = results.filter((result) => result.action === 'failed').length;
    const undone = results.filter(changes);
    out.line();
    if (kept > 0)
      out.line(out.colors.yellow(`${plural(kept, 'file')} kept as ${kept === 1 ? 'it is' : 'they are'}: changed since ${journal.command} (see above).`));
    if (failed > 0) out.line(out.colors.red(`${plural(failed, 'file')} could not be undone (see above); fix that and run "intercom-mcp-setup undo" again.`));
    if (undone.length > 0) {
      const labels = [...new Set(undone.map((result) => result.file.label))];
      out.line(
        `Restart ${labels.join(', ')} so ${labels.length === 1 ? 'it reads its' : 'they read their'} configuration as it was before ${journal.command}.`,
      );
    } else if (kept === 0 && failed === 0) {
      out.line(`Nothing to change: every file is already as it was before ${journal.command}.`);
    }
  }
  return results.some(isProblem) ? 1 : 0;
}
