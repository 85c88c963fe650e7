import { describe, expect, it } from 'vitest';
import { shortDiff } from '../../src/engine/diff.js';

describe('shortDiff', () => {
  it('shows only the changed lines with two lines of context', () => {
    const before = ['{', '  "a": 1,', '  "b": 2,', '  "c": 3,', '  "d": 4', '}', ''].join('\n');
    const after = before.replace('"c": 3', '"c": 30');
    expect(shortDiff(before, after)).toEqual([
      { kind: ' ', text: '  "a": 1,' },
      { kind: ' ', text: '  "b": 2,' },
      { kind: '-', text: '  "c": 3,' },
      { kind: '+', text: '  "c": 30,' },
      { kind: ' ', text: '  "d": 4' },
      { kind: ' ', text: '}' },
    ]);
  });

  it('shows a new file as added lines only, without a blank tail', () => {
    expect(shortDiff('', '{\n  "a": 1\n}\n')).toEqual([
      { kind: '+', text: '{' },
      { kind: '+', text: '  "a": 1' },
      { kind: '+', text: '}' },
    ]);
  });

  it('is empty when nothing changes, CRLF or not', () => {
    expect(shortDiff('{\r\n}\r\n', '{\n}\n')).toEqual([]);
  });
});
