import { displayPath } from '../clients/paths.js';
import { shortDiff } from './diff.js';
import type { ClientChange } from './changes.js';
import { statusMark } from '../ui/marks.js';
import type { Colors, Output } from '../ui/output.js';
import type { Platform } from '../core/platform.js';

const ACTION_WORDS: Record<ClientChange['action'], { done: string; planned: string }> = {
  created: { done: 'created', planned: 'will create' },
  updated: { done: 'updated', planned: 'will update' },
  unchanged: { done: 'already up to date', planned: 'already up to date' },
  removed: { done: 'removed', planned: 'will remove the entry from' },
  skipped: { done: 'skipped', planned: 'skipped' },
  failed: { done: 'failed', planned: 'cannot change' },
};

function symbol(change: ClientChange, colors: Colors): string {
  return statusMark(change.action === 'failed' ? 'fail' : change.action === 'skipped' ? 'skip' : 'pass', colors);
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

/**
 * `✓ Cursor           updated             ~/.cursor/mcp.json`, in columns; where that would not
 * fit in `width` (a narrow terminal), the path goes on a line of its own.
 */
export function changeHeading(change: ClientChange, platform: Platform, colors: Colors, planned: boolean, width = Infinity): string {
  const words = ACTION_WORDS[change.action];
  const action = planned ? words.planned : words.done;
  const where = change.path ? displayPath(platform, change.path) : '';
  const label = change.client.label.length >= 17 ? `${change.client.label} ` : change.client.label.padEnd(17);
  const wide = `${label}${action.padEnd(19)} ${where}`.trimEnd();
  if (wide.length + 2 <= width) {
    return `${symbol(change, colors)} ${colors.bold(label)}${action.padEnd(19)} ${where}`.trimEnd();
  }
  return `${symbol(change, colors)} ${colors.bold(change.client.label)} ${action}${where ? `\n  ${where}` : ''}`;
}

/** The plan: per client, the file and the exact lines that will change. */
export function printPlan(out: Output, platform: Platform, changes: ClientChange[]): void {
  const { colors } = out;
  for (const change of changes) {
    out.line(changeHeading(change, platform, colors, true));
    if (change.error) out.line(`    ${colors.red(change.error)}`);
    for (const note of change.notes) out.line(`    ${colors.dim(note)}`);
    for (const line of renderDiff(change, colors)) out.line(line);
  }
}

/** What was done, then what the person does next. */
export function printOutcome(out: Output, platform: Platform, changes: ClientChange[], nextSteps: Map<string, string>): void {
  const { colors } = out;
  for (const change of changes) {
    out.line(changeHeading(change, platform, colors, false));
    if (change.error) out.line(`    ${colors.red(change.error)}`);
    if (change.backup) out.line(`    ${colors.dim(`backup: ${displayPath(platform, change.backup)}`)}`);
    for (const note of change.notes) out.line(`    ${colors.dim(note)}`);
  }
  if (nextSteps.size > 0) {
    out.line('');
    out.line(colors.bold('Next steps'));
    for (const [label, step] of nextSteps) out.line(`  ${colors.cyan(label)}: ${step}`);
  }
}
