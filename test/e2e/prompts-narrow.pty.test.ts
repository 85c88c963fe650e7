/**
 * Issue 17 point 8 for the confirmations outside the wizard: `reset-auth` and `undo` on a real
 * terminal (tmux, built CLI) 60 columns wide. No line is wider than 60, no word is broken in two,
 * and a question that wraps continues under its own text inside clack's frame (`│  text`), as the
 * wizard's questions do; the answered question and the cancel line too.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/cli.js';
import { H_MCP, H_OTHER, H_SSE } from '../helpers/mcp-remote-cache.js';
import { startIntercomFixture } from '../fixtures/intercom-server.js';
import { TmuxTerminal, cliTerminals, expectCleanScreen } from '../helpers/tmux-terminal.js';

const WIDTH = 60;

/** `intercom-mcp-setup <args>` in a terminal WIDTH columns wide, started in HOME. */
const startCli = cliTerminals({ width: WIDTH, height: 40 });

/** The screen without the lines tmux adds once the program has exited. */
async function screenOf(t: TmuxTerminal): Promise<string> {
  return (await t.screen({ history: true }))
    .split('\n')
    .filter((line) => !line.startsWith('Pane is dead'))
    .join('\n');
}

/**
 * The lines of the question that starts with `start`, up to its answer line: the first after
 * clack's mark (◆ asking, ◇ answered, ■ cancelled), the rest after its bar.
 */
function questionLines(screen: string, start: string): string[] {
  const lines = screen.split('\n');
  const first = lines.findIndex((line) => /^[◆◇■] {2}/.test(line) && line.slice(3).startsWith(start));
  expect(first, `"${start}" on the screen:\n${screen}`).toBeGreaterThanOrEqual(0);
  const question = [lines[first]!];
  for (const line of lines.slice(first + 1)) {
    if (/^│ {2}(?:[●○] (?:Yes|No)|Yes$|No$)/.test(line) || !line.startsWith('│')) break;
    question.push(line);
  }
  return question;
}

/** The question's text as written: its lines joined, the frame taken off. */
const textOf = (lines: string[]) => lines.map((line) => line.slice(3)).join(' ');

function expectWrappedInFrame(screen: string, start: string, text: string): void {
  expectCleanScreen(screen, WIDTH);
  const lines = questionLines(screen, start);
  expect(lines.length, lines.join('\n')).toBeGreaterThan(1); // it had to wrap: the test tests something
  // Each continuation under the text: the bar, two spaces, then a word (not a space clack broke at).
  for (const line of lines.slice(1)) expect(line, lines.join('\n')).toMatch(/^│ {2}\S/);
  expect(textOf(lines)).toBe(text);
}

/** An mcp-remote cache with three Intercom sign-in files and one of another server. */
async function signInCache(home: string): Promise<string> {
  const folder = path.join(home, '.mcp-auth', 'mcp-remote-v1');
  await mkdir(folder, { recursive: true });
  const later = Date.now() + 3 * 86_400_000;
  await writeFile(path.join(folder, `${H_SSE}_tokens.json`), JSON.stringify({ access_token: 'SECRET-ACCESS-PTY', expires_at: later }));
  await writeFile(path.join(folder, `${H_SSE}_client_info.json`), JSON.stringify({ client_id: 'c' }));
  await writeFile(path.join(folder, `${H_MCP}_tokens.json`), JSON.stringify({ access_token: 'SECRET-ACCESS-PTY', expires_at: later }));
  await writeFile(path.join(folder, `${H_OTHER}_tokens.json`), JSON.stringify({ access_token: 'SECRET-OTHER-PTY' }));
  return folder;
}

describe.skipIf(!existsSync('/usr/bin/tmux') && !existsSync('/usr/local/bin/tmux'))(`confirmations at ${WIDTH} columns (tmux, built CLI)`, () => {
  it('reset-auth: the question wraps at word boundaries inside the frame, asked and answered', async () => {
    const home = await tempHome('ims-narrow-');
    const folder = await signInCache(home);
    const question = 'Delete 3 files? You will sign in to Intercom again on the next connection.';
    const terminal = await startCli(home, ['reset-auth']);
    expectWrappedInFrame(await terminal.waitFor('Delete 3 files?'), 'Delete 3 files?', question);
    await terminal.press('Enter');
    expect(await terminal.exitStatus()).toBe(0);
    await terminal.waitFor('Deleted', { history: true });
    expectWrappedInFrame(await screenOf(terminal), 'Delete 3 files?', question);
    expect(await readdir(folder)).toEqual([`${H_OTHER}_tokens.json`]);
  });

  it('reset-auth --all: the warning question wraps inside the frame; Ctrl-C deletes nothing and exits 130', async () => {
    const home = await tempHome('ims-narrow-');
    const folder = await signInCache(home);
    const before = (await readdir(folder)).sort();
    const terminal = await startCli(home, ['reset-auth', '--all']);
    const question = 'Sign out of EVERY server mcp-remote uses (not only Intercom) by deleting 4 files?';
    expectWrappedInFrame(await terminal.waitFor('Sign out of EVERY'), 'Sign out of EVERY', question);
    await terminal.press('C-c');
    expect(await terminal.exitStatus()).toBe(130);
    const screen = await terminal.waitFor('Cancelled: nothing was deleted.', { history: true });
    expectCleanScreen(screen, WIDTH);
    expect((await readdir(folder)).sort()).toEqual(before);
  });

  it("the wizard's sign-in question (after the check found Intercom) wraps inside the frame; No writes no sign-in", async () => {
    const fixture = await startIntercomFixture();
    try {
      const home = await tempHome('ims-narrow-');
      // Claude Desktop: a client that reaches Intercom through the mcp-remote bridge, so signing in is offered.
      await mkdir(path.join(home, '.config', 'Claude'), { recursive: true });
      const terminal = await startCli(home, ['--url', fixture.sseUrl]);
      await terminal.waitFor('Which clients should connect to Intercom?');
      await terminal.press('Enter');
      await terminal.waitFor('Write this change?');
      await terminal.press('Enter');
      const question = 'Sign in to Intercom now? (opens your browser once; the bridge entries then reuse the sign-in)';
      expectWrappedInFrame(await terminal.waitFor('Sign in to Intercom now?', { timeout: 20_000 }), 'Sign in to Intercom now?', question);
      await terminal.press('Right');
      await terminal.press('Enter');
      expect(await terminal.exitStatus()).toBe(0);
      const screen = await screenOf(terminal);
      expectWrappedInFrame(screen, 'Sign in to Intercom now?', question);
      expect(existsSync(path.join(home, '.mcp-auth'))).toBe(false);
    } finally {
      await fixture.close();
    }
  });

  it('undo: the list and the question fit in 60 columns, every word whole', async () => {
    const home = await tempHome('ims-narrow-');
    const cursor = path.join(home, '.cursor', 'mcp.json');
    await mkdir(path.dirname(cursor), { recursive: true });
    await writeFile(cursor, '{ "mcpServers": {} }\n');
    const setup = await runCli(['--client', 'cursor,windsurf', '--no-check'], { home });
    expect(setup.exitCode, setup.stderr).toBe(0);
    const terminal = await startCli(home, ['undo']);
    const screen = await terminal.waitFor('Undo 2 changes?');
    expectCleanScreen(screen, WIDTH);
    // The list's long row wraps under its second column, the path whole on its line.
    expect(screen.replace(/\s+/g, ' ')).toContain('• Devin Desktop Cascade (Windsurf) will remove ~/.codeium/windsurf/mcp_config.json');
    expect(screen).toMatch(/^ +~\/\.codeium\/windsurf\/mcp_config\.json$/m);
    await terminal.press('Enter');
    expect(await terminal.exitStatus()).toBe(0);
    const done = await terminal.waitFor('Restart', { history: true });
    expectCleanScreen(done, WIDTH);
    expect(done.replace(/\s+/g, ' ')).toContain('Restart Cursor, Devin Desktop Cascade (Windsurf) so they read their configuration as it was before setup.');
    expect(await readFile(cursor, 'utf8')).toBe('{ "mcpServers": {} }\n');
  });
});
