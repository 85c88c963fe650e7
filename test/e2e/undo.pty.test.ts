/**
 * `undo` on a real terminal (tmux, built CLI): it lists what it will do and asks; yes undoes,
 * no changes nothing and exits 0, Ctrl-C changes nothing and exits 130.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, cleanEnv, runCli, tempHome } from '../helpers/cli.js';

const execFileAsync = promisify(execFile);
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const CURSOR_TEXT = '{\n  // mine\n  "mcpServers": {}\n}\n';

/** One program in a detached tmux session of its own; its exit status lands in a file. */
class Terminal {
  private constructor(
    private readonly socket: string,
    private readonly dir: string,
  ) {}

  static async start(home: string, args: string[]): Promise<Terminal> {
    const dir = path.join(home, '..', `${path.basename(home)}-tmux`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'tmux.conf'), 'set -g remain-on-exit on\nset -g status off\n');
    const terminal = new Terminal(`ims-undo-${process.pid}-${randomBytes(4).toString('hex')}`, dir);
    const env = Object.entries(cleanEnv(home, { CI: undefined, TERM: 'xterm-256color', LANG: 'C.UTF-8' }))
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([key, value]) => `${key}=${value}`);
    const wrapper = 'code=0; "$@" || code=$?; printf "%s" "$code" > "$0"';
    await terminal.tmux([
      'new-session',
      '-d',
      '-s',
      'w',
      '-x',
      '100',
      '-y',
      '40',
      '-c',
      home,
      '/bin/sh',
      '-c',
      wrapper,
      path.join(dir, 'exit'),
      '/usr/bin/env',
      '-i',
      ...env,
      process.execPath,
      CLI,
      ...args,
    ]);
    return terminal;
  }

  async tmux(args: string[]): Promise<string> {
    const { stdout } = await execFileAsync('tmux', ['-u', '-L', this.socket, '-f', path.join(this.dir, 'tmux.conf'), ...args], {
      env: { PATH: process.env.PATH, TMUX_TMPDIR: this.dir, LANG: 'C.UTF-8' },
      timeout: 5_000,
    });
    return stdout;
  }

  async waitFor(text: string, timeout = 10_000): Promise<string> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const screen = await this.tmux(['capture-pane', '-p', '-t', 'w']);
      if (screen.includes(text)) return screen;
      if (Date.now() > deadline) throw new Error(`the terminal never showed ${JSON.stringify(text)}; last screen:\n${screen}`);
      await delay(40);
    }
  }

  async press(...keys: string[]): Promise<void> {
    await this.tmux(['send-keys', '-t', 'w', ...keys]);
  }

  async exitStatus(timeout = 10_000): Promise<number> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const status = await readFile(path.join(this.dir, 'exit'), 'utf8').catch(() => '');
      if (/^\d+$/.test(status)) return Number(status);
      if (Date.now() > deadline) throw new Error(`the program did not exit within ${timeout} ms`);
      await delay(40);
    }
  }

  async kill(): Promise<void> {
    await this.tmux(['kill-server']).catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}

let terminal: Terminal | undefined;
afterEach(async () => {
  await terminal?.kill();
  terminal = undefined;
});

async function afterSetup() {
  const home = await tempHome('ims-undo-pty-');
  const cursor = path.join(home, '.cursor', 'mcp.json');
  await mkdir(path.dirname(cursor));
  await writeFile(cursor, CURSOR_TEXT);
  const setup = await runCli(['--client', 'cursor,windsurf', '--no-check'], { home });
  expect(setup.exitCode, setup.stderr).toBe(0);
  const windsurf = path.join(home, '.codeium', 'windsurf', 'mcp_config.json');
  return { home, cursor, windsurf, written: await readFile(cursor, 'utf8') };
}

describe.skipIf(!existsSync('/usr/bin/tmux') && !existsSync('/usr/local/bin/tmux'))('undo on a terminal (tmux, built CLI)', () => {
  it('lists, asks, and on yes puts everything back', async () => {
    const { home, cursor, windsurf } = await afterSetup();
    terminal = await Terminal.start(home, ['undo']);
    const screen = await terminal.waitFor('Undo 2 changes?');
    expect(screen).toMatch(/• Cursor +will restore +~\/\.cursor\/mcp\.json/);
    expect(screen).not.toMatch(/✓.*will/); // a check means done, never "will do"
    expect(screen).toMatch(/• Devin Desktop Cascade \(Windsurf\) +will remove +~\/\.codeium\/windsurf\/mcp_config\.json/);
    await terminal.press('Enter');
    expect(await terminal.exitStatus()).toBe(0);
    expect(await terminal.waitFor('Restart Cursor, Devin Desktop Cascade (Windsurf)')).toMatch(/✓ Cursor +restored/);
    expect(await readFile(cursor, 'utf8')).toBe(CURSOR_TEXT);
    expect(existsSync(windsurf)).toBe(false);
  });

  it('no changes nothing and exits 0; Ctrl-C changes nothing and exits 130', async () => {
    const { home, cursor, windsurf, written } = await afterSetup();
    terminal = await Terminal.start(home, ['undo']);
    await terminal.waitFor('Undo 2 changes?');
    await terminal.press('Right', 'Enter');
    expect(await terminal.exitStatus()).toBe(0);
    await terminal.waitFor('Nothing was changed.');
    expect(await readFile(cursor, 'utf8')).toBe(written);
    expect(existsSync(windsurf)).toBe(true);
    await terminal.kill();

    terminal = await Terminal.start(home, ['undo']);
    await terminal.waitFor('Undo 2 changes?');
    await terminal.press('C-c');
    expect(await terminal.exitStatus()).toBe(130);
    await terminal.waitFor('Cancelled: nothing was changed.');
    expect(await readFile(cursor, 'utf8')).toBe(written);
    expect(existsSync(windsurf)).toBe(true);
  });
});
