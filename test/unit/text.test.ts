import { describe, expect, it } from 'vitest';
import { plural } from '../../src/ui/text.js';
import { summaryLine } from '../../src/doctor/render.js';
import { checksOf, type Check } from '../../src/doctor/types.js';

describe('plural (the one definition)', () => {
  it.each([
    [0, 'file', '0 files'],
    [1, 'file', '1 file'],
    [2, 'sign-in file', '2 sign-in files'],
    [1, 'warning', '1 warning'],
  ])('%d %s → %s', (n, word, expected) => {
    expect(plural(n, word)).toBe(expected);
  });

  it("doctor's summary counts its warnings with it", () => {
    const check = (status: Check['status']): Check => ({ id: status, group: 'g', status, message: 'm' });
    expect(summaryLine([check('warn'), check('pass')])).toBe('No failures, but see the warnings: 0 failed, 1 warning, 1 passed.');
    expect(summaryLine([check('warn'), check('warn'), check('fail'), check('skip')])).toBe('Problems found: 1 failed, 2 warnings, 0 passed, 1 skipped.');
  });
});

describe("doctor's check maker (one for every group)", () => {
  it('builds a check of its group, with a fix only when there is one', () => {
    const check = checksOf('Environment');
    expect(check('env.node', 'pass', 'Node.js 20')).toEqual({ id: 'env.node', group: 'Environment', status: 'pass', message: 'Node.js 20' });
    expect(check('env.npx', 'fail', 'npx is not on PATH', 'Install Node.js')).toEqual({
      id: 'env.npx',
      group: 'Environment',
      status: 'fail',
      message: 'npx is not on PATH',
      fix: 'Install Node.js',
    });
    expect(check('env.npx', 'warn', 'no fix', '')).not.toHaveProperty('fix');
  });
});
