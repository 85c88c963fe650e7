/**
 * A person's first run of the wizard, in a real terminal (tmux running the built CLI), for each
 * promise of issue 17: --dry-run writes nothing, --json never prompts, other servers' secrets never
 * show, the region question, what is already set up, the short plan, NO_COLOR and narrow
 * terminals, the check after writing in a line or two, the next steps last, and No at the
 * confirmation.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanEnv, tempHome } from '../helpers/cli.js';
import { answered, colourSequences, copyBuild, count, expectCleanScreen, runCliSettled, TmuxTerminal } from '../helpers/tmux-terminal.js';

const SSE_URL = 'https://mcp.intercom.com/sse';
const bridge = (url: string) => ({ command: 'npx', args: ['-y', 'mcp-remote', url] });

const CURSOR_CONFIG = `{
  // my servers
  "mcpServers": {
    "other": { "command": "other-mcp", "args": [] }
  }
}
`;

const CLIENTS_QUESTION = 'Which clients should connect to Intercom?';
const SCOPE_QUESTION = 'Where should the entry go?';
const REGION_QUESTION = 'Where is your Intercom workspace?';
const FOOTER = /Enter: confirm\n└/;

let buildDir: string;
let cliPath: string;

beforeAll(async () => {
  buildDir = await mkdtemp(path.join(os.tmpdir(), 'ims-wiz1-build-'));
  cliPath = await copyBuild(buildDir);
});

afterAll(async () => {
  await rm(buildDir, { recursive: true, force: true });
});

let root: string;
let home: string;
let project: string;
let terminal: TmuxTerminal | undefined;

beforeEach(async () => {
  root = await tempHome('ims-wiz1-');
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

interface Start {
  args?: string[];
  width?: number;
  height?: number;
  env?: Record<string, string | undefined>;
}

async function start(options: Start = {}): Promise<TmuxTerminal> {
  await terminal?.kill();
  terminal = await TmuxTerminal.start({
    dir: root,
    cwd: project,
    env: cleanEnv(home, { CI: undefined, TERM: 'xterm-256color', LANG: 'C.UTF-8', NO_COLOR: '1', ...options.env }),
    command: [process.execPath, cliPath, ...(options.args ?? ['--no-check'])],
    width: options.width ?? 100,
    height: options.height ?? 50,
  });
  return terminal;
}

/**
 * Every entry under a folder: its kind, and for a file its bytes' hash and its mode; for a
 * folder, its mode. Anything created, removed or changed — a file, a folder, a lock, a backup,
 * a temp file — shows as a difference.
 */
async function tree(folder: string): Promise<string[]> {
  const lines: string[] = [];
  async function walk(dir: string): Promise<void> {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      const stats = await lstat(full);
      const rel = path.relative(folder, full);
      if (entry.isDirectory()) {
        lines.push(`d ${rel} ${stats.mode.toString(8)}`);
        await walk(full);
      } else if (entry.isSymbolicLink()) lines.push(`l ${rel}`);
      else
        lines.push(
          `f ${rel} ${stats.mode.toString(8)} ${createHash('sha256')
            .update(await readFile(full))
            .digest('hex')}`,
        );
    }
  }
  await walk(folder);
  return lines;
}

/** The home and the project folder as listed by `tree` (the tmux sockets live beside them). */
async function everything(): Promise<string[]> {
  return [...(await tree(home)).map((line) => `home: ${line}`), ...(await tree(project)).map((line) => `project: ${line}`)];
}

/** A capture's lines as the program left them: no trailing blanks, no tmux "Pane is dead" line. */
function shown(screen: string): string {
  return screen
    .split('\n')
    .filter((line) => !line.startsWith('Pane is dead'))
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\s+$/, '');
}

/** Lines the program wrapped inside clack's frame, read as the sentences they are. */
function unwrapped(screen: string): string {
  return screen.replace(/\n│ {2}(?=\S)/g, ' ');
}

/** A loopback port nothing listens on: connecting is refused at once. */
async function refusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Answers the questions with their defaults: clients, scope, region. */
async function acceptDefaults(t: TmuxTerminal, questions = [CLIENTS_QUESTION, SCOPE_QUESTION, REGION_QUESTION]): Promise<void> {
  for (const question of questions) {
    await t.waitFor([`◆  ${question}`, FOOTER]);
    await t.press('Enter');
  }
}

/** The words on a screen without clack's frame and marks: what wrapping may move but never cut. */
function words(screen: string): string[] {
  return shown(screen)
    .split(/\s+/)
    .filter((word) => word && !/^[│┌└◇◆●○◼◻›•▲■─╮╯├┐┘╭╰]+$/.test(word))
    .sort();
}

const cursorFile = () => path.join(home, '.cursor', 'mcp.json');
const windsurfFile = () => path.join(home, '.codeium', 'windsurf', 'mcp_config.json');

describe('1. --dry-run in the wizard', () => {
  it('asks its questions, shows the plan and the diffs, says "Dry run: nothing written", exits 0 and changes nothing under HOME', async () => {
    const before = await everything();
    const t = await start({ args: ['--dry-run', '--no-check'] });
    await acceptDefaults(t);
    const screen = await t.waitFor('└  Dry run: nothing written.', { history: true, join: true });
    expect(await t.exitStatus()).toBe(0);
    expect(screen).toMatch(/^│  • Cursor +will update +~\/\.cursor\/mcp\.json$/m);
    expect(screen).toMatch(/^│  • Devin Desktop Cascade \(Windsurf\) +will create +~\/\.codeium\/windsurf\/mcp_config\.json$/m);
    expect(count(screen, `+         "${SSE_URL}"`)).toBe(2);
    expect(screen).not.toContain('Write these');
    expect(screen).not.toContain('Yes / ○ No');
    expect(await everything()).toEqual(before);
  });
});

describe('2. --json never prompts', () => {
  it('without --client and --yes, on a terminal: exit 2 and one line naming --client and --yes', async () => {
    const before = await everything();
    const t = await start({ args: ['--json'] });
    expect(await t.exitStatus()).toBe(2);
    const lines = (await t.screen({ history: true })).split('\n').filter((line) => line.trim() !== '' && !line.startsWith('Pane is dead'));
    expect(lines).toEqual(['intercom-mcp-setup: --json never asks: pass --client ID[,ID...] or --yes']);
    expect(await everything()).toEqual(before);
  });

  it('without a terminal: the same line, exit 2, nothing on stdout', async () => {
    const result = await runCliSettled(['--json'], { home, cwd: project });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('intercom-mcp-setup: --json never asks: pass --client ID[,ID...] or --yes\n');
  });

  it('with --client on a terminal: JSON only, no question, no connectivity check', async () => {
    const t = await start({ args: ['--json', '--client', 'windsurf', '--url', `http://127.0.0.1:${await refusedPort()}/sse`] });
    expect(await t.exitStatus()).toBe(0);
    const screen = await t.screen({ history: true, join: true });
    const json = screen.slice(screen.indexOf('{'), screen.lastIndexOf('}') + 1);
    expect(JSON.parse(json).results.map((row: { client: string; action: string }) => [row.client, row.action])).toEqual([['windsurf', 'created']]);
    expect(screen).not.toMatch(/◆|reach/);
  });

  it('the wizard honours --no-check: no check after writing', async () => {
    const t = await start({ args: ['--no-check', '--url', `http://127.0.0.1:${await refusedPort()}/sse`] });
    await acceptDefaults(t, [CLIENTS_QUESTION, SCOPE_QUESTION]);
    await t.waitFor('● Yes / ○ No');
    await t.press('Enter');
    const screen = await t.waitFor('└  Done.', { history: true, join: true });
    expect(await t.exitStatus()).toBe(0);
    expect(screen).not.toMatch(/reach|Checking/);
  });
});

describe("3. other servers' secrets never show", () => {
  const GITHUB_TOKEN = 'ghp_R3alLooking0nlyForTh1sTest0000000000';
  const LINEAR_KEY = 'lin_api_R3alLooking0nlyForTh1sTest00000000';

  it("a GitHub token in ~/.claude.json and a Linear key in Cursor's headers: not on the screen, not in the scrollback, with or without colour", async () => {
    await writeFile(
      path.join(home, '.claude.json'),
      `${JSON.stringify({ numStartups: 3, mcpServers: { github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: GITHUB_TOKEN } } } }, null, 2)}\n`,
    );
    await writeFile(
      cursorFile(),
      `{\n  "mcpServers": {\n    "linear": {\n      "url": "https://mcp.linear.app/sse",\n      "headers": { "Authorization": "Bearer ${LINEAR_KEY}" }\n    }\n  }\n}\n`,
    );
    for (const env of [{ NO_COLOR: '1' }, { NO_COLOR: undefined }]) {
      const t = await start({ args: ['--dry-run', '--no-check'], env });
      await t.waitFor([`◆  ${CLIENTS_QUESTION}`, FOOTER]);
      // Claude Code is detected from ~/.claude.json: all three are preselected.
      await t.waitFor(/◼ Claude Code/);
      await t.press('Enter');
      await acceptDefaults(t, [SCOPE_QUESTION, REGION_QUESTION]);
      const screen = await t.waitFor('└  Dry run: nothing written.', { history: true });
      const coloured = await t.screen({ history: true, escapes: true });
      expect(await t.exitStatus()).toBe(0);
      // The diffs are there, around the other servers' entries, masked.
      expect(screen).toContain('"GITHUB_PERSONAL_ACCESS_TOKEN": "****"');
      expect(screen).toContain('"Authorization": "Bearer ****"');
      for (const text of [screen, coloured]) {
        expect(text).not.toContain(GITHUB_TOKEN);
        expect(text).not.toContain(LINEAR_KEY);
        expect(text).not.toMatch(/ghp_[A-Za-z0-9]{6}|lin_api_[A-Za-z0-9]{6}/);
      }
    }
  });
});

describe('5. where the workspace lives, not protocol names', () => {
  it('asks US / EU / Australia; EU writes the EU endpoint, as SSE for the bridge', async () => {
    const t = await start();
    await acceptDefaults(t, [CLIENTS_QUESTION, SCOPE_QUESTION]);
    let screen = await t.waitFor([`◆  ${REGION_QUESTION}`, FOOTER]);
    expect(screen).not.toMatch(/Streamable HTTP|SSE/);
    await t.press('Down');
    await t.waitFor('● app.eu.intercom.com — Europe');
    await t.press('Enter');
    screen = await t.waitFor('● Yes / ○ No', { history: true, join: true });
    expect(screen).toMatch(answered(REGION_QUESTION, 'app.eu.intercom.com — Europe'));
    expect(screen).toContain("Intercom endpoint: https://mcp.eu.intercom.com/sse, as in Intercom's setup guide");
    await t.press('Enter');
    await t.waitFor('└  Done.');
    expect(await t.exitStatus()).toBe(0);
    expect(JSON.parse(await readFile(windsurfFile(), 'utf8'))).toEqual({ mcpServers: { intercom: bridge('https://mcp.eu.intercom.com/sse') } });
  });

  it('Australia: says plainly it is not supported and stops before writing', async () => {
    const before = await everything();
    const t = await start();
    await acceptDefaults(t, [CLIENTS_QUESTION, SCOPE_QUESTION]);
    await t.waitFor([`◆  ${REGION_QUESTION}`, FOOTER]);
    await t.press('Down', 'Down');
    await t.waitFor('● app.au.intercom.com — Australia (not supported yet)');
    await t.press('Enter');
    const screen = await t.waitFor('└  Stopped: Australian workspaces are not supported.', { join: true });
    expect(await t.exitStatus()).toBe(1);
    expect(screen).toContain("Intercom's MCP server does not support workspaces hosted in Australia");
    expect(screen).toContain('Nothing was written.');
    expect(screen).not.toContain('Write these');
    expect(await everything()).toEqual(before);
  });

  it('--region skips the question; a client that reads /mcp itself gets Streamable HTTP, with why in one line', async () => {
    await writeFile(path.join(home, '.claude.json'), '{}\n');
    const t = await start({ args: ['--region', 'eu', '--no-check'] });
    await t.waitFor([`◆  ${CLIENTS_QUESTION}`, FOOTER]);
    // Only Claude Code (it signs in itself; detected from ~/.claude.json): unselect Cursor and Windsurf.
    await t.press('Space', 'Down', 'Space', 'Down', 'Down', 'Down', 'Down');
    await t.waitFor([/› ◼ Claude Code/, /◻ Cursor/, /◻ Devin Desktop Cascade \(Windsurf\)/]);
    await t.press('Enter');
    await t.waitFor([`◆  ${SCOPE_QUESTION}`, FOOTER]);
    await t.press('Enter');
    const screen = await t.waitFor('● Yes / ○ No', { history: true, join: true });
    expect(screen).not.toContain(REGION_QUESTION);
    expect(unwrapped(screen)).toContain(
      'Intercom endpoint: https://mcp.eu.intercom.com/mcp, Streamable HTTP, which Intercom recommends: Claude Code connects to it directly.',
    );
    await t.press('Enter');
    await t.waitFor('└  Done.');
    expect(await t.exitStatus()).toBe(0);
    const written = JSON.parse(await readFile(path.join(home, '.claude.json'), 'utf8'));
    expect(written.mcpServers.intercom).toEqual({ type: 'http', url: 'https://mcp.eu.intercom.com/mcp' });
  });
});

describe('6. what is already done', () => {
  it('a client with a correct Intercom entry is marked and not preselected', async () => {
    await writeFile(cursorFile(), `${JSON.stringify({ mcpServers: { intercom: bridge(SSE_URL) } }, null, 2)}\n`);
    const t = await start();
    const screen = await t.waitFor([`◆  ${CLIENTS_QUESTION}`, FOOTER]);
    expect(screen).toMatch(/^│  › ◻ Cursor — already set up \(~\/\.cursor exists\)$/m);
    await t.press('Down');
    await t.waitFor(/^│ {4}◻ Cursor — already set up$/m);
    expect(screen).toMatch(/^│ {4}◼ Devin Desktop Cascade \(Windsurf\) \(~\/\.codeium\/windsurf exists\)$/m);
  });

  it('a rerun on a machine where every client found is set up says so, offers nothing to write, exits 0', async () => {
    await writeFile(cursorFile(), `${JSON.stringify({ mcpServers: { intercom: bridge(SSE_URL) } }, null, 2)}\n`);
    await writeFile(windsurfFile(), `${JSON.stringify({ mcpServers: { intercom: bridge('https://mcp.eu.intercom.com/mcp') } }, null, 2)}\n`);
    const before = await everything();
    const t = await start();
    const screen = await t.waitFor('└  Nothing to do.', { join: true });
    expect(await t.exitStatus()).toBe(0);
    expect(unwrapped(screen)).toContain(
      'Intercom is already set up in every client found here: Cursor (~/.cursor/mcp.json), Devin Desktop Cascade (Windsurf) (~/.codeium/windsurf/mcp_config.json).',
    );
    expect(screen).not.toMatch(/Which clients|Write these|will (create|update)/);
    expect(await everything()).toEqual(before);
  });
});

describe('7. a short plan before the long diff', () => {
  it('diffs that do not fit the screen are printed above the plan; the plan and the question stay on screen', async () => {
    const t = await start({ height: 24 });
    await acceptDefaults(t);
    const visible = await t.waitFor('● Yes / ○ No');
    expect(visible).toMatch(/^│  • Cursor +will update +~\/\.cursor\/mcp\.json$/m);
    expect(visible).toMatch(/^│  • Devin Desktop Cascade \(Windsurf\) +will create/m);
    expect(visible).toContain('printed above: scroll up to read them');
    expect(visible).toContain('◆  Write these 2 changes?');
    const all = await t.screen({ history: true, join: true });
    expect(all.indexOf('// my servers')).toBeGreaterThan(-1);
    expect(all.indexOf('// my servers')).toBeLessThan(all.indexOf('• Cursor'));
    await t.press('C-c');
    expect(await t.exitStatus()).toBe(130);
  });
});

describe('8. NO_COLOR and narrow terminals', () => {
  it('with NO_COLOR the focused row is marked by a character: ↓ between two selected rows changes the screen', async () => {
    const t = await start();
    const first = await t.waitFor([`◆  ${CLIENTS_QUESTION}`, FOOTER]);
    expect(colourSequences(await t.screen({ escapes: true }))).toEqual([]);
    await t.press('Down');
    const second = await t.waitFor(/› ◼ Devin Desktop Cascade \(Windsurf\)/);
    expect(second).not.toBe(first);
    expect(first).toMatch(/^│  › ◼ Cursor/m);
    expect(second).toMatch(/^│ {4}◼ Cursor/m);
    // The other lists show the focused row by its radio button.
    await t.press('Up', 'Enter');
    const scope = await t.waitFor([`◆  ${SCOPE_QUESTION}`, FOOTER]);
    await t.press('Down');
    expect(await t.waitFor('● Only this project')).not.toBe(scope);
  });

  it('at 60 columns: no line wider than 60 and no word cut in two (the same words as at 100 columns)', async () => {
    const run = async (width: number) => {
      const t = await start({ width, height: 80, args: ['--dry-run', '--no-check'] });
      await acceptDefaults(t);
      await t.waitFor('└  Dry run: nothing written.');
      expect(await t.exitStatus()).toBe(0);
      return t.screen({ history: true });
    };
    const wide = await run(100);
    const narrow = await run(60);
    expectCleanScreen(narrow, 60);
    expect(words(narrow)).toEqual(words(wide));
    // The program wrapped every line itself: the terminal wrapped none (joining them changes nothing).
    expect(shown(await terminal!.screen({ history: true, join: true }))).toBe(shown(narrow));
  });

  it('--help at 60 columns: no line wider than 60, the same words as without a terminal', async () => {
    const t = await start({ width: 60, height: 200, args: ['--help'] });
    expect(await t.exitStatus()).toBe(0);
    const screen = (await t.screen({ history: true }))
      .split('\n')
      .filter((line) => !line.startsWith('Pane is dead'))
      .join('\n');
    expectCleanScreen(screen, 60);
    expect(shown(await t.screen({ history: true, join: true }))).toBe(shown(screen));
    const piped = await runCliSettled(['--help'], { home, env: { COLUMNS: undefined } });
    expect(piped.stdout.split('\n').every((line) => [...line].length <= 80)).toBe(true);
    expect(words(screen)).toEqual(words(piped.stdout));
    expect(screen).toContain('npx intercom-mcp-setup --client cursor');
  });
});

describe('9 and 10. the check after writing, then the next steps, last', () => {
  it('Intercom unreachable: two lines inside the frame (written, what failed, the doctor command), no table, next steps after', async () => {
    const port = await refusedPort();
    const url = `http://127.0.0.1:${port}/sse`;
    const t = await start({ args: ['--url', url, '--timeout', '2000'] });
    await acceptDefaults(t, [CLIENTS_QUESTION, SCOPE_QUESTION]);
    await t.waitFor('● Yes / ○ No');
    await t.press('Enter');
    const screen = await t.waitFor('└  Done.', { history: true, join: true, timeout: 20_000 });
    expect(await t.exitStatus()).toBe(0);
    expect(screen).toContain(`▲  Intercom cannot be reached from here: Connection refused by 127.0.0.1:${port} (ECONNREFUSED)`);
    expect(screen).toContain('│  The configuration is written; when you are online, check again with:');
    expect(screen).toContain('npx intercom-mcp-setup doctor');
    expect(screen).not.toMatch(/\[✗\]|\[-\]|Network \(|DNS|TLS: skipped/);
    // Inside the frame: every line from the check on starts with a frame character.
    const tail = screen
      .slice(screen.indexOf('▲  Intercom cannot be reached'))
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('Pane is dead'));
    for (const line of tail) expect(line).toMatch(/^[│▲◇●◆└├]/);
    // The next steps come after the check, and only the frame's end after them.
    expect(screen.indexOf('Next steps')).toBeGreaterThan(screen.indexOf('Intercom cannot be reached'));
    const afterSteps = screen
      .slice(screen.indexOf('Next steps'))
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('Pane is dead'));
    expect(afterSteps.at(-1)).toBe('└  Done.');
    expect(afterSteps.join('\n')).not.toMatch(/cannot|fail/i);
  });
});

describe('No at the confirmation', () => {
  it('exits 0 with "Nothing was written." (Ctrl-C stays 130), every file as it was', async () => {
    const before = await everything();
    const t = await start();
    await acceptDefaults(t);
    await t.waitFor('● Yes / ○ No');
    await t.press('Right');
    await t.waitFor('○ Yes / ● No');
    await t.press('Enter');
    const screen = await t.waitFor('└  Nothing was written.');
    expect(await t.exitStatus()).toBe(0);
    expect(screen).toMatch(answered('Write these 2 changes?', 'No'));
    expect(await everything()).toEqual(before);
    expect(existsSync(windsurfFile())).toBe(false);
  });
});
