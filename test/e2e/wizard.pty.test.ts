/**
 * The setup wizard driven in a real pseudo-terminal: tmux runs the BUILT CLI (`node dist/cli.js`,
 * from a copy of dist/ taken once per suite) in a detached session of a fixed size on a server of
 * its own; `send-keys` types, `capture-pane` reads the screen. Every step waits (bounded) for the
 * text it expects instead of sleeping a fixed time.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse as parseJsonc } from 'jsonc-parser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, cleanEnv, runCli, tempHome } from '../helpers/cli.js';

const execFileAsync = promisify(execFile);

const SSE_URL = 'https://mcp.intercom.com/sse';
const HTTP_URL = 'https://mcp.intercom.com/mcp';
const bridge = (url: string) => ({ command: 'npx', args: ['-y', 'mcp-remote', url] });

/** A cursor config as a person keeps it: a comment and a server that is not ours. */
const CURSOR_CONFIG = `{
  // my servers
  "mcpServers": {
    "other": { "command": "other-mcp", "args": [] }
  }
}
`;

// ---------------------------------------------------------------------------------------------
// The tmux driver
// ---------------------------------------------------------------------------------------------

interface CaptureOptions {
  /** Keep escape sequences (colours and attributes), as `capture-pane -e`. */
  escapes?: boolean;
  /** Include the scrollback, not only the visible screen. */
  history?: boolean;
  /** Join lines the terminal wrapped, to see the lines as the program wrote them. */
  join?: boolean;
}

/** Text, a pattern, a test, or several of them that must all hold on the same screen. */
type Expectation = string | RegExp | ((screen: string) => boolean) | Expectation[];

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

class TmuxTerminal {
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
    // file as $0 and the command as "$@", so nothing needs shell quoting.
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
async function copyBuild(into: string): Promise<string> {
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
async function runCliSettled(...args: Parameters<typeof runCli>): ReturnType<typeof runCli> {
  for (let attempt = 1; ; attempt++) {
    const result = await runCli(...args);
    if (attempt >= 5 || !/Cannot find module '[^']*\/dist\//.test(String(result.stderr))) return result;
    await delay(500);
  }
}

let buildDir: string;
let cliPath: string;

beforeAll(async () => {
  buildDir = await mkdtemp(path.join(os.tmpdir(), 'ims-wiz-build-'));
  cliPath = await copyBuild(buildDir);
});

afterAll(async () => {
  await rm(buildDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Screen checks
// ---------------------------------------------------------------------------------------------

const SGR = /\u001b\[([0-9;:]*)m/g;

/** SGR sequences that set a foreground or background colour (not bold, dim, resets…). */
function colourSequences(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(SGR)) {
    const params = (match[1] ?? '').split(/[;:]/).map(Number);
    const colour = params.some(
      (p) => (p >= 30 && p <= 38) || (p >= 40 && p <= 48) || (p >= 90 && p <= 97) || (p >= 100 && p <= 107),
    );
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

function expectCleanScreen(screen: string, width: number): void {
  expect(garbageIn(screen)).toEqual([]);
  const wide = screen.split('\n').filter((line) => [...line].length > width);
  expect(wide).toEqual([]);
}

/** `text` followed by the answer line that the prompt leaves once it is answered. */
function answered(question: string, answer: string): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`◇  ${escape(question)}\\n│  ${escape(answer)}\\n`);
}

function count(screen: string, text: string): number {
  return screen.split(text).length - 1;
}

// ---------------------------------------------------------------------------------------------
// The fixture: a home with Cursor and Windsurf, a project folder, and the wizard started in it
// ---------------------------------------------------------------------------------------------

/** Every file of the home and the project, with its bytes: to prove that nothing was written. */
async function snapshot(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  async function walk(folder: string): Promise<void> {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(full);
      else files.set(path.relative(root, full), (await readFile(full)).toString('base64'));
    }
  }
  await walk(home);
  await walk(project);
  return files;
}

let root: string;
let home: string;
let project: string;
let terminal: TmuxTerminal | undefined;

beforeEach(async () => {
  root = await tempHome('ims-wiz-');
  home = path.join(root, 'home');
  project = path.join(root, 'project');
  await mkdir(path.join(home, '.cursor'), { recursive: true });
  await mkdir(path.join(home, '.codeium', 'windsurf'), { recursive: true });
  await mkdir(project);
  await writeFile(path.join(home, '.cursor', 'mcp.json'), CURSOR_CONFIG);
});

afterEach(async () => {
  await terminal?.kill();
  terminal = undefined;
  await rm(root, { recursive: true, force: true });
});

async function startWizard(options: { width?: number; height?: number; env?: Record<string, string | undefined> } = {}) {
  terminal = await TmuxTerminal.start({
    dir: root,
    cwd: project,
    // A person's terminal: no CI, a colour-capable TERM; PATH without node_modules/.bin.
    env: cleanEnv(home, { CI: undefined, TERM: 'xterm-256color', LANG: 'C.UTF-8', ...options.env }),
    command: [process.execPath, cliPath, '--no-check'],
    width: options.width ?? 100,
    height: options.height ?? 40,
  });
  return terminal;
}

const cursorFile = () => path.join(home, '.cursor', 'mcp.json');
const windsurfFile = () => path.join(home, '.codeium', 'windsurf', 'mcp_config.json');

const CLIENTS_QUESTION = 'Which clients should connect to Intercom?';
const SCOPE_QUESTION = 'Where should the entry go?';
const ENDPOINT_QUESTION = 'Which Intercom endpoint?';
const CONFIRM_QUESTION = 'Write these 2 changes?';
/** The last line of a select or multiselect frame: the whole frame is on screen. */
const FOOTER = /Enter: confirm\n└/;

// ---------------------------------------------------------------------------------------------

describe('setup wizard in a real terminal (tmux, built CLI)', () => {
  it('walks clients → scope → endpoint → plan → confirm and writes both files, without colour under NO_COLOR', async () => {
    const t = await startWizard({ env: { NO_COLOR: '1' } });
    const noColour = async () => expect(colourSequences(await t.screen({ escapes: true, history: true }))).toEqual([]);

    // 1. Clients: both detected ones preselected with their evidence; the others unselected.
    let screen = await t.waitFor('↑/↓ to navigate • Space: select • Enter: confirm');
    expect(screen).toContain(`◆  ${CLIENTS_QUESTION}`);
    expect(screen).toMatch(/^│  ◼ Cursor \(~\/\.cursor exists\)$/m);
    expect(screen).toMatch(/^│  ◼ Devin Desktop Cascade \(Windsurf\) \(~\/\.codeium\/windsurf exists\)$/m);
    for (const label of ['VS Code', 'VS Code Insiders', 'Claude Desktop', 'Claude Code', 'claude.ai']) {
      expect(screen).toMatch(new RegExp(`^│  ◻ ${label.replace('.', '\\.')}$`, 'm'));
    }
    await noColour();

    // Down twice: VS Code is focused and its hint says it was not found.
    await t.press('Down', 'Down');
    screen = await t.waitFor(/^│  ◻ VS Code \(not found\)$/m);
    // Space selects it, Space again unselects it.
    await t.press('Space');
    await t.waitFor(/^│  ◼ VS Code \(not found\)$/m);
    await t.press('Space');
    await t.waitFor(/^│  ◻ VS Code \(not found\)$/m);
    // Up to Windsurf: the hint of the unfocused VS Code goes; toggle Windsurf off and on again.
    await t.press('Up');
    await t.waitFor(/^│  ◻ VS Code$/m);
    await t.press('Space');
    screen = await t.waitFor([/^│  ◻ Devin Desktop Cascade \(Windsurf\) \(~\/\.codeium\/windsurf exists\)$/m, FOOTER]);
    expect(screen).toMatch(/^│  ◼ Cursor \(~\/\.cursor exists\)$/m);
    await t.press('Space');
    await t.waitFor(/^│  ◼ Devin Desktop Cascade \(Windsurf\) \(~\/\.codeium\/windsurf exists\)$/m);
    await t.press('Up', 'Enter');

    // 2. Scope: asked because Cursor has a project file; user scope is the default.
    screen = await t.waitFor([`◆  ${SCOPE_QUESTION}`, FOOTER]);
    expect(screen).toMatch(answered(CLIENTS_QUESTION, 'Cursor, Devin Desktop Cascade (Windsurf)'));
    expect(screen).toContain('│  ● For me, in every project (user scope)');
    expect(screen).toContain(`│  ○ Only this project (${project})`);
    await t.press('Down');
    screen = await t.waitFor([`│  ● Only this project (${project}) (Cursor; others stay user scope)`, FOOTER]);
    expect(screen).toContain('│  ○ For me, in every project');
    await t.press('Up');
    await t.waitFor('│  ● For me, in every project (user scope)');
    await noColour();
    await t.press('Enter');

    // 3. Endpoint: SSE (Intercom's guide) preselected, Streamable HTTP offered.
    screen = await t.waitFor([`◆  ${ENDPOINT_QUESTION}`, FOOTER]);
    expect(screen).toMatch(answered(SCOPE_QUESTION, 'For me, in every project'));
    expect(screen).toContain(`│  ● SSE  ${SSE_URL} (as in Intercom's setup guide)`);
    expect(screen).toContain(`│  ○ Streamable HTTP  ${HTTP_URL}`);
    await t.press('Enter');

    // 4. Plan and confirmation: each file with the diff of its mcp-remote entry; nothing written yet.
    await t.waitFor(`◆  ${CONFIRM_QUESTION}`);
    screen = await t.waitFor('│  ● Yes / ○ No', { history: true, join: true });
    expect(screen).toMatch(answered(ENDPOINT_QUESTION, `SSE  ${SSE_URL}`));
    expect(screen).toMatch(/^│  ✓ Cursor +will update +~\/\.cursor\/mcp\.json$/m);
    expect(screen).toMatch(/^│ +\/\/ my servers$/m); // context line: the comment stays
    expect(screen).toMatch(/^│ +\+ +"intercom": \{$/m);
    expect(screen).toMatch(/^│  ✓ Devin Desktop Cascade \(Windsurf\) +will create +~\/\.codeium\/windsurf\/mcp_config\.json$/m);
    expect(count(screen, '+         "mcp-remote",')).toBe(2);
    expect(count(screen, `+         "${SSE_URL}"`)).toBe(2);
    expect(await readFile(cursorFile(), 'utf8')).toBe(CURSOR_CONFIG);
    expect(existsSync(windsurfFile())).toBe(false);
    await noColour();

    // 5. Yes: both written, backup named, next steps, no connectivity check (--no-check).
    await t.press('Enter');
    screen = await t.waitFor('└  Done.', { history: true, join: true });
    expect(await t.exitStatus()).toBe(0);
    expect(screen).toMatch(answered(CONFIRM_QUESTION, 'Yes'));
    expect(screen).toMatch(/^◆  ✓ Cursor +updated +~\/\.cursor\/mcp\.json$/m);
    expect(screen).toMatch(/^│  backup: ~\/\.cursor\/mcp\.json\.intercom-mcp-setup-[0-9TZ-]+\.bak$/m);
    expect(screen).toMatch(/^◆  ✓ Devin Desktop Cascade \(Windsurf\) +created +~\/\.codeium\/windsurf\/mcp_config\.json$/m);
    expect(screen).toContain('Next steps');
    expect(screen).toContain('Cursor: Restart Cursor');
    expect(screen).not.toContain('reachable');
    await noColour();

    // The files: Cursor keeps its comment and its other server; Windsurf's file is created.
    const cursorText = await readFile(cursorFile(), 'utf8');
    expect(cursorText).toContain('// my servers');
    expect(parseJsonc(cursorText)).toEqual({ mcpServers: { other: { command: 'other-mcp', args: [] }, intercom: bridge(SSE_URL) } });
    expect(JSON.parse(await readFile(windsurfFile(), 'utf8'))).toEqual({ mcpServers: { intercom: bridge(SSE_URL) } });
    const backups = (await readdir(path.join(home, '.cursor'))).filter((name) => name.endsWith('.bak'));
    expect(backups).toHaveLength(1);
    expect(await readFile(path.join(home, '.cursor', backups[0] ?? ''), 'utf8')).toBe(CURSOR_CONFIG);
    expect(existsSync(path.join(project, '.cursor'))).toBe(false);
  });

  it('Ctrl-C at the confirmation exits 130 and leaves every file byte-identical', async () => {
    const before = await snapshot();
    const beforeMtime = (await stat(cursorFile())).mtimeMs;
    const t = await startWizard({ env: { NO_COLOR: '1' } });
    await t.waitFor(`◆  ${CLIENTS_QUESTION}`);
    await t.press('Enter');
    await t.waitFor(`◆  ${SCOPE_QUESTION}`);
    await t.press('Enter');
    await t.waitFor(`◆  ${ENDPOINT_QUESTION}`);
    await t.press('Enter');
    await t.waitFor('│  ● Yes / ○ No');
    await t.press('C-c');
    const screen = await t.waitFor('└  Cancelled: no file was changed.');
    expect(await t.exitStatus()).toBe(130);
    expect(screen).toContain(`■  ${CONFIRM_QUESTION}`);
    expect(screen).not.toMatch(/updated|created +~/);
    // Same files, same bytes, nothing added (no backup, no temp file).
    expect(await snapshot()).toEqual(before);
    expect((await stat(cursorFile())).mtimeMs).toBe(beforeMtime);
  });

  it('renders cleanly in a narrow 60-column terminal (project scope, Streamable HTTP)', async () => {
    const width = 60;
    const t = await startWizard({ width, env: { NO_COLOR: '1' } });
    let screen = await t.waitFor([`◆  ${CLIENTS_QUESTION}`, FOOTER]);
    // Moving around redraws the prompt in place: one question, one footer, no leftovers.
    await t.press('Down', 'Down', 'Down', 'Up');
    screen = await t.waitFor([/^│  ◻ VS Code \(not found\)$/m, /^│  ◻ VS Code Insiders$/m, FOOTER]);
    expectCleanScreen(screen, width);
    expectCleanScreen(await t.screen({ join: true }), width); // the prompt wraps its own lines
    expect(count(screen, CLIENTS_QUESTION)).toBe(1);
    expect(count(screen, 'Enter: confirm')).toBe(1);
    await t.press('Enter');

    await t.waitFor([`◆  ${SCOPE_QUESTION}`, FOOTER]);
    await t.press('Down');
    screen = await t.waitFor(['● Only this project', FOOTER]);
    expectCleanScreen(screen, width);
    expect(count(screen, SCOPE_QUESTION)).toBe(1);
    // The joined screen reads as one sentence even though it is wrapped to 60 columns.
    expect((await t.screen({ join: true })).replace(/ *\n│ {2,3}/g, ' ')).toContain(`Only this project (${project}) (Cursor; others stay user scope)`);
    await t.press('Enter');

    await t.waitFor([`◆  ${ENDPOINT_QUESTION}`, FOOTER]);
    // The SSE hint is wider than 60 columns: the prompt wraps it, and the redraws stay clean.
    await t.press('Down', 'Up', 'Down');
    screen = await t.waitFor(['● Streamable HTTP', FOOTER]);
    expectCleanScreen(screen, width);
    expectCleanScreen(await t.screen({ join: true }), width);
    expect(count(screen, ENDPOINT_QUESTION)).toBe(1);
    expect(count(screen, '○ SSE')).toBe(1);
    expect(count(screen, '● Streamable HTTP')).toBe(1);
    expect(count(screen, 'Enter: confirm')).toBe(1);
    await t.press('Enter');

    // In a narrow terminal each plan heading puts its path on a line of its own.
    screen = await t.waitFor('│  ● Yes / ○ No');
    expectCleanScreen(screen, width);
    const plan = await t.screen({ history: true });
    expect(plan).toContain('│  ✓ Devin Desktop Cascade (Windsurf) will create\n│    ~/.codeium/windsurf/mcp_config.json');
    expect(plan).toContain('│  ✓ Cursor will create\n│    ');
    for (const line of plan.split('\n').filter((text) => text.includes('will create'))) expect(line.length).toBeLessThanOrEqual(width);
    expect(count(plan, `+         "${HTTP_URL}"`)).toBe(2);
    await t.press('Enter');

    await t.waitFor('└  Done.');
    expect(await t.exitStatus()).toBe(0);
    expectCleanScreen(await t.screen({ history: true }), width);

    // Project scope for Cursor (the home file untouched), user scope for Windsurf.
    expect(await readFile(cursorFile(), 'utf8')).toBe(CURSOR_CONFIG);
    expect(JSON.parse(await readFile(path.join(project, '.cursor', 'mcp.json'), 'utf8'))).toEqual({ mcpServers: { intercom: bridge(HTTP_URL) } });
    expect(JSON.parse(await readFile(windsurfFile(), 'utf8'))).toEqual({ mcpServers: { intercom: bridge(HTTP_URL) } });
  });

  it.each([
    { name: 'a colour TERM on a TTY', env: { NO_COLOR: undefined }, colour: true },
    { name: 'FORCE_COLOR=1 even with TERM=dumb', env: { NO_COLOR: undefined, FORCE_COLOR: '1', TERM: 'dumb' }, colour: true },
    { name: 'NO_COLOR=1 over FORCE_COLOR=1', env: { NO_COLOR: '1', FORCE_COLOR: '1' }, colour: false },
  ])('colour with $name: $colour; Ctrl-C at the first prompt exits 130', async ({ env, colour }) => {
    const before = await snapshot();
    const t = await startWizard({ env });
    await t.waitFor(`◆  ${CLIENTS_QUESTION}`);
    await t.waitFor('Enter: confirm');
    const escaped = await t.screen({ escapes: true });
    if (colour) {
      expect(colourSequences(escaped).length).toBeGreaterThan(0);
      expect(escaped).toMatch(/\u001b\[32m◼/); // the selected boxes are green
    } else {
      expect(colourSequences(escaped)).toEqual([]);
    }
    await t.press('C-c');
    await t.waitFor('Cancelled: no file was changed.');
    expect(await t.exitStatus()).toBe(130);
    expect(await snapshot()).toEqual(before);
  });

  it('without a TTY, exits 2 at once and names the detected clients', async () => {
    const started = Date.now();
    const result = await runCliSettled([], { home, cwd: project, timeout: 10_000 });
    const elapsed = Date.now() - started;
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('no terminal to ask which clients to set up (detected: cursor, windsurf)');
    expect(result.stderr).toContain('--client');
    expect(elapsed).toBeLessThan(5_000); // no prompt waiting for input that never comes
    expect(await readFile(cursorFile(), 'utf8')).toBe(CURSOR_CONFIG);
    expect(existsSync(windsurfFile())).toBe(false);
  });
});
