import { displayPath } from '../clients/paths.js';
import { shortDiff } from './diff.js';
import type { ClientChange } from './changes.js';
import { statusMark } from '../ui/marks.js';
import type { Colors, Output } from '../ui/output.js';
import type { Platform } from '../core/platform.js';

const ACTION_WORDS: Record<ClientChange['action'], { done: string; planned: string; removing?: string }> = {
  created: { done: 'created', planned: 'will create' },
  updated: { done: 'updated', planned: 'will update' },
  unchanged: { done: 'already up to date', planned: 'already up to date', removing: 'nothing to remove' },
  removed: { done: 'removed', planned: 'will remove the entry from' },
  skipped: { done: 'skipped', planned: 'skipped' },
  failed: { done: 'failed', planned: 'cannot change' },
};

/** How a heading reads: a plan (nothing done yet) or a result; setup's words or remove's. */
export interface HeadingStyle {
  planned: boolean;
  removing?: boolean;
}

/**
 * The mark before a heading (ui/marks.ts's). A check means done (or nothing to do): a change that
 * is only planned gets a bullet, never a check.
 */
function symbol(change: ClientChange, colors: Colors, style: HeadingStyle): string {
  switch (change.action) {
    case 'failed':
      return statusMark('fail', colors);
    case 'skipped':
      return statusMark('skip', colors);
    case 'unchanged':
      return statusMark(style.removing ? 'skip' : 'pass', colors);
    default:
      return style.planned ? colors.cyan('•') : statusMark('pass', colors);
  }
}

/** The diff of one planned change, indented, with colour where the terminal has it. */
export function renderDiff(change: ClientChange, colors: Colors, maxLines = 40): string[] {
  if (change.after === undefined || change.after === (change.before ?? '')) return [];
  const lines = shortDiff(change.before ?? '', change.after);
  const shown = lines.slice(0, maxLines).map((line) => {
    const text = `${line.kind} ${line.text}`;
    if (line.kind === '+') return `    ${colors.green(text)}`;
    if (line.kind === '-') return `    ${colors.red(text)}`;
    return `    ${colors.dim(text)}`;
  });
  if (lines.length > maxLines) shown.push(`    ${colors.dim(`… ${lines.length - maxLines} more lines`)}`);
  return shown;
}

/** The words of a change's action: "will update", "updated", "nothing to remove"… */
function actionWords(change: ClientChange, style: HeadingStyle): string {
  const words = ACTION_WORDS[change.action];
  if (style.removing && words.removing) return words.removing;
  return style.planned ? words.planned : words.done;
}

/**
 * `✓ Cursor           updated             ~/.cursor/mcp.json`, in columns; where that would not
 * fit in `width` (a narrow terminal), the path goes on a line of its own.
 */
export function changeHeading(change: ClientChange, platform: Platform, colors: Colors, style: HeadingStyle, width = Infinity): string {
  const action = actionWords(change, style);
  const where = change.path ? displayPath(platform, change.path) : '';
  const label = change.client.label.length >= 17 ? `${change.client.label} ` : change.client.label.padEnd(17);
  const wide = `${label}${action.padEnd(19)} ${where}`.trimEnd();
  const mark = symbol(change, colors, style);
  if (wide.length + 2 <= width) {
    return `${mark} ${colors.bold(label)}${action.padEnd(19)} ${where}`.trimEnd();
  }
  return `${mark} ${colors.bold(change.client.label)} ${action}${where ? `\n  ${where}` : ''}`;
}

/** The plan: per client, the file and the exact lines that will change. */
export function printPlan(out: Output, platform: Platform, changes: ClientChange[], removing = false): void {
  const { colors } = out;
  for (const change of changes) {
    out.line(changeHeading(change, platform, colors, { planned: true, removing }, out.width));
    if (change.error) out.line(`    ${colors.red(change.error)}`);
    for (const note of change.notes) out.line(`    ${colors.dim(note)}`);
    for (const line of renderDiff(change, colors)) out.line(line);
  }
}

/** What was done, file by file: the backup of each changed file, the notes, the errors. */
export function printResults(out: Output, platform: Platform, changes: ClientChange[], removing = false): void {
  const { colors } = out;
  // One write for the block, not one a line.
  const lines: string[] = [];
  for (const change of changes) {
    lines.push(changeHeading(change, platform, colors, { planned: false, removing }, out.width));
    if (change.error) lines.push(`    ${colors.red(change.error)}`);
    if (change.backup) lines.push(`    ${colors.dim(`backup: ${displayPath(platform, change.backup)}`)}`);
    for (const note of change.notes) lines.push(`    ${colors.dim(note)}`);
  }
  if (lines.length > 0) out.line(lines.join('\n'));
}

/** What the person does next: the last thing a run prints. */
export function printNextSteps(out: Output, nextSteps: Map<string, string>): void {
  if (nextSteps.size === 0) return;
  const { colors } = out;
  const lines = ['', colors.bold('Next steps')];
  for (const [label, step] of nextSteps) lines.push(`  ${colors.cyan(label)}: ${step}`);
  out.line(lines.join('\n'));
}

/** The files a run wrote: created or updated ones (removed ones for remove). */
export function writtenChanges(changes: ClientChange[]): ClientChange[] {
  return changes.filter((change) => change.action === 'created' || change.action === 'updated' || change.action === 'removed');
}
