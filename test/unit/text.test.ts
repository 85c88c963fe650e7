import { describe, expect, it } from 'vitest';
import { plural } from '../../src/ui/text.js';
import { summaryLine } from '../../src/doctor/render.js';
import type { Check } from '../../src/doctor/types.js';

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
