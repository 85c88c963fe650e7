import { statusMark } from '../ui/marks.js';
import type { Output } from '../ui/output.js';
import type { Check, CheckStatus } from './types.js';
import { plural } from '../ui/text.js';

/** flutter doctor's layout: a heading per group, a line per check, the fix under what is not passing. */
export function printChecks(out: Output, checks: Check[]): void {
  const groups = new Map<string, Check[]>();
  for (const check of checks) groups.set(check.group, [...(groups.get(check.group) ?? []), check]);
  for (const [group, members] of groups) {
    out.line(out.colors.bold(group));
    for (const check of members) {
      out.line(`  ${statusMark(check.status, out.colors, true)} ${check.message}`);
      if (check.fix && check.status !== 'pass') out.line(`      ${out.colors.cyan('→')} ${check.fix}`);
    }
    out.line('');
  }
}

export function summaryLine(checks: Check[]): string {
  const count = (status: CheckStatus) => checks.filter((check) => check.status === status).length;
  const failed = count('fail');
  const warned = count('warn');
  const parts = [`${failed} failed`, plural(warned, 'warning'), `${count('pass')} passed`];
  if (count('skip') > 0) parts.push(`${count('skip')} skipped`);
  const verdict = failed > 0 ? 'Problems found' : warned > 0 ? 'No failures, but see the warnings' : 'No issues found';
  return `${verdict}: ${parts.join(', ')}.`;
}

/** The --json shape: the contract scripts read. */
export function checksAsJson(checks: Check[]): { ok: boolean; checks: Array<Omit<Check, 'group'>> } {
  return {
    ok: !checks.some((check) => check.status === 'fail'),
    checks: checks.map(({ id, status, message, fix, url }) => ({ id, status, message, ...(fix && status !== 'pass' ? { fix } : {}), ...(url ? { url } : {}) })),
  };
}
