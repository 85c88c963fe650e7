import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Output } from '../../src/ui/output.js';
import { createSpinner } from '../../src/ui/spinner.js';
import { statusMark } from '../../src/ui/marks.js';
import { terminalUi } from '../../src/auth/sign-in.js';

function capture(options: { stderrTTY: boolean; json?: boolean; color?: boolean }) {
  const written = { stdout: '', stderr: '' };
  const out = new Output(
    {
      stdout: { write: (text: string) => (written.stdout += text) },
      stderr: { write: (text: string) => (written.stderr += text), isTTY: options.stderrTTY },
    },
    { json: options.json ?? false, color: options.color ?? false },
  );
  return { out, written };
}

describe('the one spinner', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('draws frames on a terminal, masked, and clears its line when stopped', () => {
    const { out, written } = capture({ stderrTTY: true });
    out.addSecret('s3cr3t-token');
    const spinner = createSpinner(out);
    expect(spinner.shown).toBe(true);
    spinner.update('Waiting with s3cr3t-token and Authorization: Bearer lin_api_abc123');
    expect(written.stderr).toBe('\r\u001b[2K⠋ Waiting with **** and Authorization: Bearer ****');
    vi.advanceTimersByTime(80);
    expect(written.stderr.endsWith('\r\u001b[2K⠙ Waiting with **** and Authorization: Bearer ****')).toBe(true);
    spinner.stop();
    expect(written.stderr.endsWith('\r\u001b[2K')).toBe(true);
    const length = written.stderr.length;
    vi.advanceTimersByTime(500);
    expect(written.stderr).toHaveLength(length);
    expect(written.stdout).toBe('');
  });

  it('prints lines above itself: clears, prints, draws again', () => {
    const { out, written } = capture({ stderrTTY: true });
    const spinner = createSpinner(out);
    spinner.above(() => out.line('before it starts'));
    expect(written.stderr).toBe('');
    spinner.update('Working');
    written.stderr = '';
    spinner.above(() => out.error('a note'));
    expect(written.stderr).toBe('\r\u001b[2Ka note\n\r\u001b[2K⠙ Working');
    spinner.stop();
  });

  it.each([
    ['stderr is not a terminal', { stderrTTY: false }],
    ['--json', { stderrTTY: true, json: true }],
  ])('writes nothing when %s', (_why, options) => {
    const { out, written } = capture(options);
    const spinner = createSpinner(out);
    expect(spinner.shown).toBe(false);
    spinner.update('Checking your setup…');
    vi.advanceTimersByTime(400);
    spinner.above(() => out.error('a line'));
    spinner.stop();
    expect(written.stderr).toBe('a line\n');
    expect(written.stdout).toBe('');
  });

  it('colours its frame cyan only when colour is on', () => {
    const { out, written } = capture({ stderrTTY: true, color: true });
    const spinner = createSpinner(out);
    spinner.update('Working');
    spinner.stop();
    expect(written.stderr).toContain('\u001b[36m⠋\u001b[39m Working');
  });
});

describe('status marks', () => {
  it('are one set, coloured by status, bracketed for doctor', () => {
    const plain = capture({ stderrTTY: false }).out.colors;
    const ansi = capture({ stderrTTY: false, color: true }).out.colors;
    expect((['pass', 'warn', 'fail', 'skip'] as const).map((status) => statusMark(status, plain))).toEqual(['✓', '!', '✗', '-']);
    expect(statusMark('fail', plain, true)).toBe('[✗]');
    expect(statusMark('pass', ansi)).toBe('\u001b[32m✓\u001b[39m');
    expect(statusMark('warn', ansi, true)).toBe('\u001b[33m[!]\u001b[39m');
    expect(statusMark('skip', ansi)).toBe('\u001b[2m-\u001b[22m');
  });
});

describe("login's progress (terminalUi) uses the one spinner", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const context = (out: Output) => ({ out, platform: {} as never, interactive: false });

  it('on a terminal: lines go above the spinner, masked; stopping clears it', () => {
    const { out, written } = capture({ stderrTTY: true });
    const ui = terminalUi(context(out));
    ui.spin('Waiting for you to approve access in the browser… 1:59 left (Ctrl-C cancels)');
    ui.info('visit https://example.test/authorize?code=abc123&state=x');
    ui.stopSpin();
    expect(written.stdout).toBe('visit https://example.test/authorize?code=****&state=x\n');
    expect(written.stderr).toBe(
      '\r\u001b[2K⠋ Waiting for you to approve access in the browser… 1:59 left (Ctrl-C cancels)' +
        '\r\u001b[2K' +
        '\r\u001b[2K⠙ Waiting for you to approve access in the browser… 1:59 left (Ctrl-C cancels)' +
        '\r\u001b[2K',
    );
  });

  it('without a terminal: each phase once as a plain line, no countdown, nothing on stderr', () => {
    const { out, written } = capture({ stderrTTY: false });
    const ui = terminalUi(context(out));
    ui.spin('Starting mcp-remote-client… 2:00 left (Ctrl-C cancels)');
    ui.spin('Starting mcp-remote-client… 1:59 left (Ctrl-C cancels)');
    ui.spin('Connected; listing the workspace’s tools… 1:58 left (Ctrl-C cancels)');
    ui.stopSpin();
    expect(written.stdout).toBe('Starting mcp-remote-client…\nConnected; listing the workspace’s tools…\n');
    expect(written.stderr).toBe('');
  });
});
