import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import type { Writable } from 'node:stream';
import { CancelledError } from '../../src/core/errors.js';
import { Output } from '../../src/ui/output.js';
import { cancelPrompts, fitToFrame, promptOutput, stripColour } from '../../src/ui/prompt-output.js';

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

function capture(color: boolean) {
  const written = { stdout: '', stderr: '' };
  const out = new Output(
    { stdout: { write: (text: string) => (written.stdout += text), isTTY: true }, stderr: { write: (text: string) => (written.stderr += text) } },
    { json: false, color },
  );
  const terminal = Object.assign(new EventEmitter(), { columns: 100, rows: 30 });
  return { out, written, terminal };
}

const write = (stream: Writable, text: string) => new Promise<void>((resolve, reject) => stream.write(text, (error) => (error ? reject(error) : resolve())));

describe('promptOutput: the prompts write through Output', () => {
  it('masks a secret in what the prompt library draws', async () => {
    const { out, written, terminal } = capture(true);
    const stream = promptOutput(out, terminal);
    await write(stream, '│  {\n│    "Authorization": "Bearer lin_api_abc123def456ghi789",\n│  }\n');
    expect(written.stdout).toBe('│  {\n│    "Authorization": "Bearer ****",\n│  }\n');
    expect(written.stdout).not.toContain('lin_api_abc123');
  });

  it('masks the secrets Output was told of, and drops colours (only) when colour is off', async () => {
    const { out, written, terminal } = capture(false);
    out.addSecret('tok-0123456789');
    const stream = promptOutput(out, terminal);
    await write(stream, '\u001b[2K\u001b[32m◆\u001b[39m  token tok-0123456789 \u001b[1mbold\u001b[22m');
    expect(written.stdout).toBe('\u001b[2K◆  token **** \u001b[1mbold\u001b[22m');
  });

  it('keeps colours when colour is on, and is a terminal of the given size that follows resizes', async () => {
    const { out, written, terminal } = capture(true);
    const stream = promptOutput(out, terminal) as Writable & { columns?: number; rows?: number; isTTY?: boolean };
    await write(stream, '\u001b[32m◆\u001b[39m  Which clients?');
    expect(written.stdout).toBe('\u001b[32m◆\u001b[39m  Which clients?');
    expect([stream.isTTY, stream.columns, stream.rows]).toEqual([true, 100, 30]);
    let resized = 0;
    stream.on('resize', () => resized++);
    terminal.columns = 60;
    terminal.emit('resize');
    expect([resized, stream.columns]).toEqual([1, 60]);
    expect(written.stderr).toBe('');
  });
});

describe('cancelPrompts: the one way a prompt flow cancels', () => {
  it("shows the library's cancel line, then throws CancelledError (exit 130, no line of its own)", () => {
    const { out, terminal } = capture(false);
    const output = promptOutput(out, terminal);
    const shown: Array<[string | undefined, unknown]> = [];
    const prompts = { cancel: (message?: string, options?: { output?: Writable }) => void shown.push([message, options?.output]) };
    let thrown: unknown;
    try {
      cancelPrompts(prompts, 'Cancelled: no file was changed.', output);
    } catch (error) {
      thrown = error;
    }
    expect(shown).toEqual([['Cancelled: no file was changed.', output]]);
    expect(thrown).toBeInstanceOf(CancelledError);
    expect((thrown as CancelledError).exitCode).toBe(130);
    expect((thrown as CancelledError).message).toBe('');
  });

  it('wraps a long cancel line inside the frame: continuations under its text, after the 3 columns of "└  "', () => {
    const { out } = capture(false);
    const terminal = Object.assign(new EventEmitter(), { columns: 30, rows: 30 });
    const output = promptOutput(out, terminal);
    const shown: string[] = [];
    expect(() =>
      cancelPrompts(
        { cancel: (message?: string) => void shown.push(message ?? '') },
        'Cancelled: nothing was deleted, and nothing else changed either.',
        output,
      ),
    ).toThrow(CancelledError);
    expect(shown[0]!.split('\n')).toEqual(['Cancelled: nothing was', '   deleted, and nothing else', '   changed either.']);
  });
});

describe('fitToFrame: a question for the frame, masked and wrapped to what the frame leaves', () => {
  it('wraps to the columns less the 3 of the frame, masks, and keeps a command whole', () => {
    const { out } = capture(false);
    const text = fitToFrame(out, 'Delete it? Authorization: Bearer abcdef123456 then run npx intercom-mcp-setup doctor --fix to check', { columns: 40 });
    const lines = text.split('\n');
    expect(lines.every((line) => [...line].length <= 37)).toBe(true);
    expect(text).toContain('Bearer ****');
    expect(lines).toContain('npx intercom-mcp-setup doctor --fix');
  });
});
