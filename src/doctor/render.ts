import type { Output } from '../ui/output.js';
import type { Check, CheckStatus } from './types.js';

const MARKS: Record<CheckStatus, string> = { pass: '[✓]', warn: '[!]', fail: '[✗]', skip: '[-]' };

function mark(status: CheckStatus, out: Output): string {
  const { colors } = out;
  const text = MARKS[status];
  if (status === 'pass') return colors.green(text);
  if (status === 'warn') return colors.yellow(text);
  if (status === 'fail') return colors.red(text);
  return colors.dim(text);
}

/** flutter doctor's layout: a heading per group, a line per check, the fix under what is not passing. */
export function printChecks(out: Output, checks: Check[]): void {
  const groups = new Map<string, Check[]>();
  for (const check of checks) groups.set(check.group, [...(groups.get(check.group) ?? []), check]);
  for (const [group, members] of groups) {
    out.line(out.colors.bold(group));
    for (const check of members) {
      out.line(`  ${mark(check.status, out)} ${check.message}`);
      if (check.fix && check.status !== 'pass') out.line(`      ${out.colors.cyan('→')} ${check.fix}`);
    }
    out.line('');
  }
}

export function summaryLine(checks: Check[]): string {
  const count = (status: CheckStatus) => checks.filter((check) => check.status === status).length;
  const failed = count('fail');
  const warned = count('warn');
  const parts = [`${failed} failed`, `${warned} warning${warned === 1 ? '' : 's'}`, `${count('pass')} passed`];
  if (count('skip') > 0) parts.push(`${count('skip')} skipped`);
  const verdict = failed > 0 ? 'Problems found' : warned > 0 ? 'No failures, but see the warnings' : 'No issues found';
  return `${verdict}: ${parts.join(', ')}.`;
}

/** The --json shape: the contract scripts read. */
export function checksAsJson(checks: Check[]): { ok: boolean; checks: Array<Omit<Check, 'group'>> } {
  return {
    ok: !checks.some((check) => check.status === 'fail'),
    checks: checks.map(({ id, status, message, fix }) => ({ id, status, message, ...(fix && status !== 'pass' ? { fix } : {}) })),
  };
}

/** A one-line spinner on stderr while the checks run (only on a terminal). */
export function startSpinner(stream: NodeJS.WriteStream, text: string): () => void {
  if (!stream.isTTY) return () => undefined;
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  let index = 0;
  const timer = setInterval(() => {
    stream.write(`\r${frames[index++ % frames.length]} ${text}`);
  }, 80);
  return () => {
    clearInterval(timer);
    stream.write('\r\u001b[2K');
  };
}
