import { describe, expect, it } from 'vitest';
import { stripColour } from '../../src/ui/prompt-output.js';

describe('stripColour (NO_COLOR for the prompts)', () => {
  it.each([
    ['\u001b[32m✓\u001b[39m', '✓'],
    ['\u001b[1;32mbold green\u001b[22;39m', '\u001b[1mbold green\u001b[22m'],
    ['\u001b[2;9mYes\u001b[29;22m', '\u001b[2;9mYes\u001b[29;22m'],
    ['\u001b[38;5;208morange\u001b[39m', 'orange'],
    ['\u001b[38;2;1;2;3;1mrgb bold\u001b[0m', '\u001b[1mrgb bold\u001b[0m'],
    ['\u001b[7minverse\u001b[27m', '\u001b[7minverse\u001b[27m'],
    ['\u001b[?25l\u001b[2Kcursor moves stay', '\u001b[?25l\u001b[2Kcursor moves stay'],
  ])('%j → %j', (input, expected) => {
    expect(stripColour(input)).toBe(expected);
  });
});
