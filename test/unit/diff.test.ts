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

  // Issue 18 point 11: a diff's context can show another server's credential arguments.
  it('masks credentials given as arguments, also a value whose flag is on the line before (outside the diff)', () => {
    const before = [
      '{',
      '  "mcpServers": {',
      '    "db": {',
      '      "command": "npx",',
      '      "args": [',
      '        "--api-key",',
      '        "sk-live-abcdef123456",',
      '        "postgres://admin:hunter2pass@db.example/prod"',
      '      ]',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
    const after = before.replace('      ]\n    }\n', '      ]\n    },\n    "intercom": { "url": "https://mcp.intercom.com/sse" }\n');
    const text = shortDiff(before, after, 4)
      .map((line) => line.text)
      .join('\n');
    expect(text).toContain('"****"');
    expect(text).toContain('postgres://admin:****@db.example/prod');
    expect(text).not.toContain('sk-live-abcdef123456');
    expect(text).not.toContain('hunter2pass');
    // Only the value whose flag is on the line before is masked in the first context line.
    expect(shortDiff(before, after, 3)[0]).toEqual({ kind: ' ', text: '        "****",' });
  });
});
