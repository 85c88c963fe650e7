/**
 * The setup wizard driven in a real pseudo-terminal: tmux runs the BUILT CLI (`node dist/cli.js`,
 * from a copy of dist/ taken once per suite) in a detached session of a fixed size on a server of
 * its own; `send-keys` types, `capture-pane` reads the screen. Every step waits (bounded) for the
 * text it expects instead of sleeping a fixed time.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanEnv, tempHome } from '../helpers/cli.js';
import { answered, colourSequences, copyBuild, count, expectCleanScreen, runCliSettled, TmuxTerminal } from '../helpers/tmux-terminal.js';

const SSE_URL = 'https://mcp.intercom.com/sse';
const bridge = (url: string) => ({ command: 'npx', args: ['-y', 'mcp-remote', url] });

/** A cursor config as a person keeps it: a comment and a server that is not ours. */
const CURSOR_CONFIG = `{
  // my servers
  "mcpServers": {
    "other": { "command": "other-mcp", "args": [] }
  }
}
`;

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

async function startWizard(options: { width?: number; height?: number; env?: Record<string, string | undefined>; args?: string[] } = {}) {
  terminal = await TmuxTerminal.start({
    dir: root,
    cwd: project,
    // A person's terminal: no CI, a colour-capable TERM; PATH without node_modules/.bin.
    env: cleanEnv(home, { CI: undefined, TERM: 'xterm-256color', LANG: 'C.UTF-8', ...options.env }),
    command: [process.execPath, cliPath, '--no-check', ...(options.args ?? [])],
    width: options.width ?? 100,
    height: options.height ?? 40,
  });
  return terminal;
}

const cursorFile = () => path.join(home, '.cursor', 'mcp.json');
const windsurfFile = () => path.join(home, '.codeium', 'windsurf', 'mcp_config.json');

const CLIENTS_QUESTION = 'Which clients should connect to Intercom?';
const SCOPE_QUESTION = 'Where should the entry go?';
const REGION_QUESTION = 'Where is your Intercom workspace?';
const CONFIRM_QUESTION = 'Write these 2 changes?';
/** The last line of a select or multiselect frame: the whole frame is on screen. */
const FOOTER = /Enter: confirm\n└/;

// ---------------------------------------------------------------------------------------------

describe('setup wizard in a real terminal (tmux, built CLI)', () => {
  it('walks clients → scope → region → plan → confirm and writes both files, without colour under NO_COLOR', async () => {
    const t = await startWizard({ env: { NO_COLOR: '1' } });
    const noColour = async () => expect(colourSequences(await t.screen({ escapes: true, history: true }))).toEqual([]);

    // 1. Clients: both detected ones preselected with their evidence; the others unselected; the
    // pointer on the first row.
    let screen = await t.waitFor('↑/↓ to navigate • Space: select • Enter: confirm');
    expect(screen).toContain(`◆  ${CLIENTS_QUESTION}`);
    expect(screen).toMatch(/^│  › ◼ Cursor \(~\/\.cursor exists\)$/m);
    expect(screen).toMatch(/^│ {4}◼ Devin Desktop Cascade \(Windsurf\) \(~\/\.codeium\/windsurf exists\)$/m);
    for (const label of ['VS Code', 'VS Code Insiders', 'Claude Desktop', 'Claude Code', 'claude.ai']) {
      expect(screen).toMatch(new RegExp(`^│ {4}◻ ${label.replace('.', '\\.')}$`, 'm'));
    }
    await noColour();

    // Down twice: VS Code is focused and its hint says it was not found.
    await t.press('Down', 'Down');
    screen = await t.waitFor(/^│  › ◻ VS Code \(not found\)$/m);
    // Space selects it, Space again unselects it.
    await t.press('Space');
    await t.waitFor(/^│  › ◼ VS Code \(not found\)$/m);
    await t.press('Space');
    await t.waitFor(/^│  › ◻ VS Code \(not found\)$/m);
    // Up to Windsurf: the hint of the unfocused VS Code goes; toggle Windsurf off and on again.
    await t.press('Up');
    await t.waitFor(/^│ {4}◻ VS Code$/m);
    await t.press('Space');
    screen = await t.waitFor([/^│  › ◻ Devin Desktop Cascade \(Windsurf\) \(~\/\.codeium\/windsurf exists\)$/m, FOOTER]);
    expect(screen).toMatch(/^│ {4}◼ Cursor \(~\/\.cursor exists\)$/m);
    await t.press('Space');
    await t.waitFor(/^│  › ◼ Devin Desktop Cascade \(Windsurf\) \(~\/\.codeium\/windsurf exists\)$/m);
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

    // 3. Region: where the workspace lives, US first; no question about protocols.
    screen = await t.waitFor([`◆  ${REGION_QUESTION}`, FOOTER]);
    expect(screen).toMatch(answered(SCOPE_QUESTION, 'For me, in every project'));
    expect(screen).toContain('│  ● app.intercom.com — United States');
    expect(screen).toContain('│  ○ app.eu.intercom.com — Europe');
    expect(screen).toContain('│  ○ app.au.intercom.com — Australia (not supported yet)');
    expect(screen).not.toMatch(/Streamable HTTP {2}|SSE {2}/);
    await t.press('Enter');

    // 4. Plan and confirmation: one line per file, then each file's diff; nothing written yet.
    await t.waitFor(`◆  ${CONFIRM_QUESTION}`);
    screen = await t.waitFor('│  ● Yes / ○ No', { history: true, join: true });
    expect(screen).toMatch(answered(REGION_QUESTION, 'app.intercom.com — United States'));
    expect(screen).toContain(`Intercom endpoint: ${SSE_URL}, as in Intercom's setup guide`);
    expect(screen).toMatch(/^│  • Cursor +will update +~\/\.cursor\/mcp\.json$/m);
    expect(screen).toMatch(/^│  • Devin Desktop Cascade \(Windsurf\) +will create +~\/\.codeium\/windsurf\/mcp_config\.json$/m);
    expect(screen).not.toMatch(/✓.*will/); // a check means done, never "will do"
    expect(screen).toMatch(/^│ +\/\/ my servers$/m); // context line: the comment stays
    expect(screen).toMatch(/^│ +\+ +"intercom": \{$/m);
    expect(count(screen, '+         "mcp-remote",')).toBe(2);
    expect(count(screen, `+         "${SSE_URL}"`)).toBe(2);
    // The short plan comes before the diffs: they fit the 40 rows.
    expect(screen.indexOf('• Devin Desktop Cascade (Windsurf)')).toBeLessThan(screen.indexOf('// my servers'));
    expect(await readFile(cursorFile(), 'utf8')).toBe(CURSOR_CONFIG);
    expect(existsSync(windsurfFile())).toBe(false);
    await noColour();

    // 5. Yes: both written (each named once, with its backup), next steps last, no check (--no-check).
    await t.press('Enter');
    screen = await t.waitFor('└  Done.', { history: true, join: true });
    expect(await t.exitStatus()).toBe(0);
    expect(screen).toMatch(answered(CONFIRM_QUESTION, 'Yes'));
    expect(screen).toMatch(/^◆  ✓ Cursor +updated +~\/\.cursor\/mcp\.json$/m);
    expect(screen).toMatch(/^│ {4}backup: ~\/\.cursor\/mcp\.json\.intercom-mcp-setup-[0-9TZ-]+\.bak$/m);
    expect(screen).toMatch(/^│  ✓ Devin Desktop Cascade \(Windsurf\) +created +~\/\.codeium\/windsurf\/mcp_config\.json$/m);
    expect(count(screen, 'Devin Desktop Cascade (Windsurf) created')).toBe(1);
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
    await t.waitFor(`◆  ${REGION_QUESTION}`);
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

  it('renders cleanly in a narrow 60-column terminal (project scope, EU, --transport http)', async () => {
    const width = 60;
    const EU_HTTP_URL = 'https://mcp.eu.intercom.com/mcp';
    const t = await startWizard({ width, env: { NO_COLOR: '1' }, args: ['--transport', 'http'] });
    let screen = await t.waitFor([`◆  ${CLIENTS_QUESTION}`, FOOTER]);
    // Moving around redraws the prompt in place: one question, one footer, no leftovers.
    await t.press('Down', 'Down', 'Down', 'Up');
    screen = await t.waitFor([/^│  › ◻ VS Code \(not found\)$/m, /^│ {4}◻ VS Code Insiders$/m, FOOTER]);
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

    // --transport http answers nothing about the region: that question is still asked.
    await t.waitFor([`◆  ${REGION_QUESTION}`, FOOTER]);
    await t.press('Down', 'Up', 'Down');
    screen = await t.waitFor(['● app.eu.intercom.com — Europe', FOOTER]);
    expectCleanScreen(screen, width);
    expectCleanScreen(await t.screen({ join: true }), width);
    expect(count(screen, 'Where is your Intercom workspace?')).toBe(1);
    expect(count(screen, '○ app.intercom.com')).toBe(1);
    expect(count(screen, 'Enter: confirm')).toBe(1);
    await t.press('Enter');

    // In a narrow terminal each plan heading puts its path on a line of its own.
    screen = await t.waitFor('│  ● Yes / ○ No');
    expectCleanScreen(screen, width);
    const plan = await t.screen({ history: true });
    expect(plan).toContain(`Intercom endpoint: ${EU_HTTP_URL}`);
    expect(plan).toContain('│  • Devin Desktop Cascade (Windsurf) will create\n│    ~/.codeium/windsurf/mcp_config.json');
    expect(plan).toContain('│  • Cursor will create\n│    ');
    for (const line of plan.split('\n').filter((text) => text.includes('will create'))) expect(line.length).toBeLessThanOrEqual(width);
    expect(count(plan, `+         "${EU_HTTP_URL}"`)).toBe(2);
    await t.press('Enter');

    await t.waitFor('└  Done.');
    expect(await t.exitStatus()).toBe(0);
    expectCleanScreen(await t.screen({ history: true }), width);

    // Project scope for Cursor (the home file untouched), user scope for Windsurf.
    expect(await readFile(cursorFile(), 'utf8')).toBe(CURSOR_CONFIG);
    expect(JSON.parse(await readFile(path.join(project, '.cursor', 'mcp.json'), 'utf8'))).toEqual({ mcpServers: { intercom: bridge(EU_HTTP_URL) } });
    expect(JSON.parse(await readFile(windsurfFile(), 'utf8'))).toEqual({ mcpServers: { intercom: bridge(EU_HTTP_URL) } });
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
