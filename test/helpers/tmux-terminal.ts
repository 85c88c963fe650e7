/**
 * A real terminal for the wizard's tests: tmux runs the BUILT CLI in a detached session of a fixed
 * size on a server of its own; `send-keys` types, `capture-pane` reads the screen. Every step waits
 * (bounded) for the text it expects instead of sleeping a fixed time. Shared by the pty suites.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect } from 'vitest';
import { CLI, ROOT, cleanEnv, runCli } from './cli.js';

const execFileAsync = promisify(execFile);

// ---------------------------------------------------------------------------------------------
// The tmux driver
// ---------------------------------------------------------------------------------------------

export interface CaptureOptions {
  /** Keep escape sequences (colours and attributes), as `capture-pane -e`. */
  escapes?: boolean;
  /** Include the scrollback, not only the visible screen. */
  history?: boolean;
  /** Join lines the terminal wrapped, to see the lines as the program wrote them. */
  join?: boolean;
}

/** Text, a pattern, a test, or several of them that must all hold on the same screen. */
export type Expectation = string | RegExp | ((screen: string) => boolean) | Expectation[];

function matches(screen: string, expected: Expectation): boolean {
  if (Array.isArray(expected)) return expected.every((one) => matches(screen, one));
  if (typeof expected === 'string') return screen.includes(expected);
  if (expected instanceof RegExp) return expected.test(screen);
  return expected(screen);
}

function explain(expected: Expectation): string {
  return Array.isArray(expected) ? expected.map(explain).join(' and ') : String(expected);
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class TmuxTerminal {
  private constructor(
    private readonly socket: string,
    private readonly config: string,
    private readonly tmuxEnv: NodeJS.ProcessEnv,
    private readonly exitFile: string,
  ) {}

  /**
   * Starts `command` in a detached session of `width`×`height` on a server of its own
   * (`-L <unique socket>`, sockets in `dir`), with `env` as the program's whole environment.
   * The pane stays after the program exits so its last screen can be read; the exit status is
   * written to a file by a small sh wrapper (tmux's own #{pane_dead_status} is sometimes never set).
   */
  static async start(options: {
    dir: string;
    cwd: string;
    env: Record<string, string | undefined>;
    command: string[];
    width: number;
    height: number;
  }): Promise<TmuxTerminal> {
    const config = path.join(options.dir, 'tmux.conf');
    await writeFile(config, ['set -g remain-on-exit on', 'set -g status off', 'set -g history-limit 10000', ''].join('\n'));
    const socket = `ims-${process.pid}-${randomBytes(4).toString('hex')}`;
    const exitFile = path.join(options.dir, `${socket}.exit`);
    const tmuxEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, TMUX_TMPDIR: options.dir, LANG: 'C.UTF-8' };
    const terminal = new TmuxTerminal(socket, config, tmuxEnv, exitFile);
    const programEnv = Object.entries(options.env)
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([key, value]) => `${key}=${value}`);
    // Several arguments after the options: tmux runs them directly. The wrapper gets the exit
    // file as $0 and the command as "$@", so nothing needs shell quoting. (When the program
    // ends, tmux 3.3 scrolls the screen up to write "Pane is dead" at the bottom: a short output
    // is then in the scrollback, read with `history`.)
    const wrapper = 'code=0; "$@" || code=$?; printf "%s" "$code" > "$0"';
    await terminal.tmux([
      'new-session',
      '-d',
      '-s',
      'w',
      '-x',
      String(options.width),
      '-y',
      String(options.height),
      '-c',
      options.cwd,
      '/bin/sh',
      '-c',
      wrapper,
      exitFile,
      '/usr/bin/env',
      '-i',
      ...programEnv,
      ...options.command,
    ]);
    return terminal;
  }

  async tmux(args: string[]): Promise<string> {
    // -u: the terminal is UTF-8 whatever the locale; -f: no user configuration.
    const { stdout } = await execFileAsync('tmux', ['-u', '-L', this.socket, '-f', this.config, ...args], {
      env: this.tmuxEnv,
      timeout: 5_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  }

  async screen(options: CaptureOptions = {}): Promise<string> {
    const args = ['capture-pane', '-p', '-t', 'w'];
    if (options.escapes) args.push('-e');
    if (options.join) args.push('-J');
    if (options.history) args.push('-S', '-');
    return this.tmux(args);
  }

  /** Sends keys by tmux name: Down, Up, Space, Enter, C-c… */
  async press(...keys: string[]): Promise<void> {
    await this.tmux(['send-keys', '-t', 'w', ...keys]);
  }

  /** Polls the screen until it shows what is expected; fails with the last screen after `timeout`. */
  async waitFor(expected: Expectation, options: CaptureOptions & { timeout?: number } = {}): Promise<string> {
    const deadline = Date.now() + (options.timeout ?? 10_000);
    let screen = '';
    for (;;) {
      screen = await this.screen(options);
      if (matches(screen, expected)) return screen;
      if (Date.now() > deadline) {
        throw new Error(`the terminal never showed ${explain(expected)}; last screen:\n${screen}`);
      }
      await delay(40);
    }
  }

  /** The program's exit status, once it has exited. */
  async exitStatus(timeout = 10_000): Promise<number> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const status = await readFile(this.exitFile, 'utf8').catch(() => '');
      if (/^\d+$/.test(status)) return Number(status);
      if (Date.now() > deadline) throw new Error(`the program did not exit within ${timeout} ms:\n${await this.screen()}`);
      await delay(40);
    }
  }

  async kill(): Promise<void> {
    await this.tmux(['kill-server']).catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// A stable copy of the build
// ---------------------------------------------------------------------------------------------

/**
 * dist/ as the global setup built it, copied with templates/ into a folder of this suite (the
 * layout of the installed package). Anyone running vitest in this checkout rebuilds dist/ with
 * `rm -rf dist` + esbuild, and a wizard run that loads its chunks in that window would fail
 * with "Cannot find module"; the copy is immune. Retries until every chunk import resolves.
 */
export async function copyBuild(into: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    await rm(into, { recursive: true, force: true });
    try {
      await cp(path.join(ROOT, 'dist'), path.join(into, 'dist'), { recursive: true });
      await cp(path.join(ROOT, 'templates'), path.join(into, 'templates'), { recursive: true });
      const missing = await missingImports(path.join(into, 'dist'));
      if (missing.length === 0 && existsSync(path.join(into, 'dist', 'cli.js'))) return path.join(into, 'dist', 'cli.js');
      if (attempt >= 40) throw new Error(`dist/ is incomplete: ${missing.join(', ')}`);
    } catch (error) {
      if (attempt >= 40) throw error;
    }
    await delay(250);
  }
}

async function missingImports(dist: string): Promise<string[]> {
  const missing: string[] = [];
  const files = (await readdir(dist, { recursive: true })).filter((file) => file.endsWith('.js'));
  // Each module's text under the path its imports are relative to. A pack (scripts/build.mjs) holds
  // modules as `"chunks/x.js": function (…) {` entries (and `"run.js": …`), not files.
  const modules = new Map<string, string>();
  const packed = new Set<string>();
  for (const file of files) {
    const text = await readFile(path.join(dist, file), 'utf8');
    const entries = [...text.matchAll(/^"([\w/-]+\.js)": function \(/gm)];
    if (entries.length === 0) modules.set(file, text);
    entries.forEach((entry, i) => {
      const name = entry[1] ?? '';
      packed.add(path.join(dist, name));
      modules.set(name, text.slice(entry.index, entries[i + 1]?.index ?? text.length));
    });
  }
  // dist/cli.js loads dist/run.js and dist/help.js by name.
  for (const name of ['run.js', 'help.js']) if (!existsSync(path.join(dist, name)) && !packed.has(path.join(dist, name))) missing.push(name);
  for (const [file, text] of modules) {
    for (const match of text.matchAll(/["'](\.\.?\/[^"'\s]+\.js)["']/g)) {
      const target = path.resolve(path.dirname(path.join(dist, file)), match[1] ?? '');
      if (!existsSync(target) && !packed.has(target)) missing.push(path.relative(dist, target));
    }
  }
  return missing;
}

/** runCli, run again if a concurrent rebuild had removed dist/ (an accident of the checkout, not of the CLI). */
export async function runCliSettled(...args: Parameters<typeof runCli>): ReturnType<typeof runCli> {
  for (let attempt = 1; ; attempt++) {
    const result = await runCli(...args);
    if (attempt >= 5 || !/Cannot find module '[^']*\/dist\//.test(String(result.stderr))) return result;
    await delay(500);
  }
}

// ---------------------------------------------------------------------------------------------
// Screen checks
// ---------------------------------------------------------------------------------------------

const SGR = /\u001b\[([0-9;:]*)m/g;

/** SGR sequences that set a foreground or background colour (not bold, dim, resets…). */
export function colourSequences(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(SGR)) {
    const params = (match[1] ?? '').split(/[;:]/).map(Number);
    const colour = params.some((p) => (p >= 30 && p <= 38) || (p >= 40 && p <= 48) || (p >= 90 && p <= 97) || (p >= 100 && p <= 107));
    if (colour) found.push(JSON.stringify(match[0]));
  }
  return found;
}

/** Text a terminal should never show: escape characters or the remains of a sequence. */
function garbageIn(screen: string): string[] {
  const problems: string[] = [];
  if (screen.includes('\u001b')) problems.push('an ESC character');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f\u009b]/.test(screen)) problems.push('a control character');
  if (screen.includes('\ufffd')) problems.push('a replacement character (broken UTF-8)');
  for (const fragment of screen.match(/\[\?\d+[hl]|\[\d*;?\d*[ABCDEFGHJKST]\b|\[[0-9;]+m/g) ?? []) {
    problems.push(`the fragment "${fragment}"`);
  }
  return problems;
}

export function expectCleanScreen(screen: string, width: number): void {
  expect(garbageIn(screen)).toEqual([]);
  const wide = screen.split('\n').filter((line) => [...line].length > width);
  expect(wide).toEqual([]);
}

/** `text` followed by the answer line that the prompt leaves once it is answered. */
export function answered(question: string, answer: string): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`◇  ${escape(question)}\\n│  ${escape(answer)}\\n`);
}

export function count(screen: string, text: string): number {
  return screen.split(text).length - 1;
}

/**
 * The starter of a test file's terminals: `start(home, args)` runs the built CLI
 * (`intercom-mcp-setup <args>`) in a terminal of `width`×`height`, in HOME, with a colour
 * terminal's environment, its tmux folder `<home>-tmux`. After each test every terminal started is
 * killed and its folder removed (call this at the top of the file: it registers the afterEach).
 */
export function cliTerminals(size: { width: number; height: number }): (home: string, args: string[]) => Promise<TmuxTerminal> {
  const started: TmuxTerminal[] = [];
  const dirs = new Set<string>();
  afterEach(async () => {
    for (const terminal of started.splice(0)) await terminal.kill();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    dirs.clear();
  });
  return async (home, args) => {
    const dir = path.join(home, '..', `${path.basename(home)}-tmux`);
    await mkdir(dir, { recursive: true });
    dirs.add(dir);
    const terminal = await TmuxTerminal.start({
      dir,
      cwd: home,
      env: cleanEnv(home, { CI: undefined, TERM: 'xterm-256color', LANG: 'C.UTF-8' }),
      command: [process.execPath, CLI, ...args],
      ...size,
    });
    started.push(terminal);
    return terminal;
  };
}
