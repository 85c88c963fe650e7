import { fileURLToPath } from 'node:url';
/**
 * The real Claude Code reads what we write. The pinned CLI (@anthropic-ai/claude-code 2.1.332 from
 * test/real-programs.json, installed on first use by test/helpers/real-programs.ts; these tests skip,
 * and .ci/run fails, when the registry cannot be reached) runs offline with HOME pointed at a temp folder:
 * `claude mcp get NAME` and `claude mcp list` parse ~/.claude.json and .mcp.json like the app does.
 */
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanEnv, runCli, tempHome } from '../helpers/cli.js';
import { binOf, realProgram } from '../helpers/real-programs.js';

const CLAUDE = await realProgram('claude');
const CLAUDE_VERSION = '2.1.332';
const FIXTURE = fileURLToPath(new URL('../fixtures/real-clients/claude-code-2.1.332.claude.json', import.meta.url));
const SSE_URL = 'https://mcp.intercom.com/sse';
const HTTP_URL = 'https://mcp.intercom.com/mcp';

/** What `claude mcp list` prints when it skips or doubts an entry (seen with 2.1.332). */
const CONFIG_WARNING = /diagnostics|\[Warning\]|\[Error\]|Has warnings|Skipped|no "type"|invalid MCP server config/i;

type JsonObject = Record<string, unknown>;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------

interface ClaudeRun {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  ms: number;
}

const timings: Array<{ args: string; ms: number }> = [];
let claudePath: string;

/** Runs the real `claude` with this HOME, no TTY, bounded connection attempts and time. */
async function claude(args: string[], options: { home: string; cwd?: string }): Promise<ClaudeRun> {
  const started = Date.now();
  const result = await execa(claudePath, args, {
    cwd: options.cwd ?? options.home,
    env: cleanEnv(options.home, {
      MCP_TIMEOUT: '2000',
      // No update checks, telemetry or other traffic that is not the MCP servers themselves.
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      DISABLE_AUTOUPDATER: '1',
    }),
    extendEnv: false,
    reject: false,
    input: '',
    timeout: 15_000,
  });
  const ms = Date.now() - started;
  timings.push({ args: args.join(' '), ms });
  if (result.timedOut) throw new Error(`claude ${args.join(' ')} did not finish within 15 s`);
  return { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr), ms };
}

/** runCli, run again if a concurrent rebuild had removed dist/ (an accident of the checkout, not of the CLI). */
async function setup(args: string[], options: { home: string; cwd?: string }) {
  for (let attempt = 1; ; attempt++) {
    const result = await runCli(['setup', ...args], { home: options.home, cwd: options.cwd, timeout: 20_000 });
    if (attempt >= 5 || !/Cannot find module '[^']*\/dist\//.test(String(result.stderr))) return result;
    await delay(500);
  }
}

async function readJson(file: string): Promise<JsonObject> {
  return JSON.parse(await readFile(file, 'utf8')) as JsonObject;
}

function expectReadable(run: ClaudeRun, name: string, transport: 'sse' | 'http', url: string): void {
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
  expect(run.stdout).toContain(`${name}:\n`);
  expect(run.stdout).toMatch(new RegExp(`^  Type: ${transport}$`, 'm'));
  expect(run.stdout).toMatch(new RegExp(`^  URL: ${url.replace(/[.]/g, '\\.')}$`, 'm'));
}

function expectListed(list: ClaudeRun, name: string, transport: 'sse' | 'http', url: string): void {
  expect(list.exitCode).toBe(0);
  expect(list.stdout).toContain(`${name}: ${url} (${transport === 'sse' ? 'SSE' : 'HTTP'})`);
  expect(list.stdout + list.stderr).not.toMatch(CONFIG_WARNING);
}

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  if (CLAUDE.skipped !== undefined) return; // the tests below skip, saying why
  // Fail loudly, with the reason, if the pinned Claude Code cannot run here.
  claudePath = binOf(CLAUDE);
  expect(existsSync(claudePath), `${claudePath} is missing`).toBe(true);
  const home = await tempHome('ims-claude-version-');
  try {
    const version = await claude(['--version'], { home });
    expect(version.exitCode, `claude --version failed: ${version.stderr}`).toBe(0);
    expect(version.stdout.trim()).toBe(`${CLAUDE_VERSION} (Claude Code)`);
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});

afterAll(() => {
  if (timings.length === 0) return;
  const total = timings.reduce((sum, run) => sum + run.ms, 0);
  const slowest = timings.reduce((a, b) => (b.ms > a.ms ? b : a));
  console.log(
    `claude: ${timings.length} runs, ${total} ms in all, mean ${Math.round(total / timings.length)} ms, slowest ${slowest.ms} ms (claude ${slowest.args})`,
  );
});

let home: string;

beforeEach(async () => {
  home = await tempHome('ims-claude-');
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe.skipIf(CLAUDE.skipped !== undefined)('Claude Code 2.1.332 reads what setup writes', () => {
  it('user scope, SSE by default: `claude mcp get intercom` shows Type sse and the URL', async () => {
    const result = await setup(['--client', 'claude-code', '--no-check'], { home });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(await readJson(path.join(home, '.claude.json'))).toEqual({ mcpServers: { intercom: { type: 'sse', url: SSE_URL } } });

    const get = await claude(['mcp', 'get', 'intercom'], { home });
    expectReadable(get, 'intercom', 'sse', SSE_URL);
    expect(get.stdout).toContain('Scope: User config (available in all your projects)');
    expectListed(await claude(['mcp', 'list'], { home }), 'intercom', 'sse', SSE_URL);
  });

  it('user scope with --transport http: Type http and the /mcp URL', async () => {
    const result = await setup(['--client', 'claude-code', '--transport', 'http', '--no-check'], { home });
    expect(result.exitCode).toBe(0);

    expectReadable(await claude(['mcp', 'get', 'intercom'], { home }), 'intercom', 'http', HTTP_URL);
    expectListed(await claude(['mcp', 'list'], { home }), 'intercom', 'http', HTTP_URL);
  });

  it('project scope: .mcp.json is read in that folder, pending approval until the person approves it', async () => {
    const project = path.join(home, 'work', 'project');
    await mkdir(project, { recursive: true });
    const result = await setup(['--client', 'claude-code', '--scope', 'project', '--no-check'], { home, cwd: project });
    expect(result.exitCode).toBe(0);
    expect(await readJson(path.join(project, '.mcp.json'))).toEqual({ mcpServers: { intercom: { type: 'sse', url: SSE_URL } } });
    expect(existsSync(path.join(home, '.claude.json'))).toBe(false); // the user file is not ours to touch here

    // Claude Code asks before it uses a shared .mcp.json server: our entry must not get around that.
    const get = await claude(['mcp', 'get', 'intercom'], { home, cwd: project });
    expectReadable(get, 'intercom', 'sse', SSE_URL);
    expect(get.stdout).toContain('Scope: Project config (shared via .mcp.json)');
    expect(get.stdout).toContain('Status: ⏸ Pending approval');
    const list = await claude(['mcp', 'list'], { home, cwd: project });
    expectListed(list, 'intercom', 'sse', SSE_URL);
    expect(list.stdout).toContain('Pending approval');

    // Not visible from another folder: it is the project's, not the user's.
    const elsewhere = await claude(['mcp', 'get', 'intercom'], { home });
    expect(elsewhere.exitCode).toBe(1);
    expect(elsewhere.stderr).toContain('No MCP server named "intercom"');

    // Approved as Claude Code records it (trusted folder + enabledMcpjsonServers), it connects to
    // our URL with SSE: offline that fails at DNS, which shows it tried the right host.
    const state = await readJson(path.join(home, '.claude.json'));
    state.projects = { ...(state.projects as JsonObject | undefined), [project]: { hasTrustDialogAccepted: true } };
    await writeFile(path.join(home, '.claude.json'), JSON.stringify(state, null, 2));
    await mkdir(path.join(project, '.claude'));
    await writeFile(path.join(project, '.claude', 'settings.local.json'), JSON.stringify({ enabledMcpjsonServers: ['intercom'] }));
    const approved = await claude(['mcp', 'get', 'intercom'], { home, cwd: project });
    expectReadable(approved, 'intercom', 'sse', SSE_URL);
    expect(approved.stdout).not.toContain('Pending approval');
    expect(approved.stdout).toMatch(/^ {2}Issue: SSE error: getaddrinfo (ENOTFOUND|EAI_AGAIN) mcp\.intercom\.com$/m);
  });

  it('keeps a server that Claude Code added itself, and all of its own state', async () => {
    const add = await claude(['mcp', 'add', '--scope', 'user', '--transport', 'http', 'other-server', 'https://example.invalid/mcp'], { home });
    expect(add.exitCode).toBe(0);
    expect(add.stdout).toContain('Added HTTP MCP server other-server with URL: https://example.invalid/mcp to user config');
    const file = path.join(home, '.claude.json');
    const beforeText = await readFile(file, 'utf8');
    const before = JSON.parse(beforeText) as JsonObject;

    const result = await setup(['--client', 'claude-code', '--no-check'], { home });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/Claude Code +updated +~\/\.claude\.json/);

    // Read before claude runs again: claude rewrites this file on every start.
    const after = await readJson(file);
    expect(after).toEqual({
      ...before,
      mcpServers: { 'other-server': { type: 'http', url: 'https://example.invalid/mcp' }, intercom: { type: 'sse', url: SSE_URL } },
    });
    const backups = (await readdir(home)).filter((name) => name.startsWith('.claude.json.') && name.endsWith('.bak'));
    expect(backups).toHaveLength(1);
    expect(await readFile(path.join(home, backups[0] ?? ''), 'utf8')).toBe(beforeText);

    const other = await claude(['mcp', 'get', 'other-server'], { home });
    expectReadable(other, 'other-server', 'http', 'https://example.invalid/mcp');
    expectReadable(await claude(['mcp', 'get', 'intercom'], { home }), 'intercom', 'sse', SSE_URL);
    const list = await claude(['mcp', 'list'], { home });
    expectListed(list, 'intercom', 'sse', SSE_URL);
    expectListed(list, 'other-server', 'http', 'https://example.invalid/mcp');

    // After claude has rewritten the file its own way, setup sees its entry and leaves it alone.
    const again = await setup(['--client', 'claude-code', '--no-check'], { home });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/Claude Code +already up to date/);
  });

  it('on the file Claude Code 2.1.332 wrote (fixture), adds intercom2 over HTTP and claude reads all three', async () => {
    const file = path.join(home, '.claude.json');
    await copyFile(FIXTURE, file);
    await chmod(file, 0o600); // as Claude Code creates it (the fixture copy is read-only)
    const before = await readJson(file);

    const result = await setup(['--client', 'claude-code', '--name', 'intercom2', '--transport', 'http', '--no-check'], { home });
    expect(result.exitCode).toBe(0);
    const after = await readJson(file);
    expect(after).toEqual({
      ...before,
      mcpServers: { ...(before.mcpServers as JsonObject), intercom2: { type: 'http', url: HTTP_URL } },
    });

    expectReadable(await claude(['mcp', 'get', 'intercom2'], { home }), 'intercom2', 'http', HTTP_URL);
    expectReadable(await claude(['mcp', 'get', 'intercom'], { home }), 'intercom', 'sse', SSE_URL);
    expectReadable(await claude(['mcp', 'get', 'intercom-http'], { home }), 'intercom-http', 'http', HTTP_URL);
    const list = await claude(['mcp', 'list'], { home });
    expectListed(list, 'intercom', 'sse', SSE_URL);
    expectListed(list, 'intercom-http', 'http', HTTP_URL);
    expectListed(list, 'intercom2', 'http', HTTP_URL);
  });

  it("a heavy user's 2 MB file (read by the large-file path): the entry added, every other byte kept, claude reads it", async () => {
    const file = path.join(home, '.claude.json');
    const fixture = await readJson(FIXTURE);
    const projects: JsonObject = {};
    for (let i = 0; JSON.stringify(projects).length < 2 * 1024 * 1024; i++) {
      const history = Array.from({ length: 20 }, (_, j) => ({ display: `fix the \u00e9t\u00e9 \u{1F600} report ${j} ${'x'.repeat(80)}`, pastedContents: {} }));
      projects[`/home/ana/work/p${i}`] = { allowedTools: [], history, mcpServers: { local: { command: 'node', args: ['s.js'] } }, lastCost: 0.12 };
    }
    const beforeText = JSON.stringify({ ...fixture, projects }, null, 2);
    await writeFile(file, beforeText, { mode: 0o600 });

    const result = await setup(['--client', 'claude-code', '--no-check'], { home });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const afterText = await readFile(file, 'utf8');
    // Only the servers object changed: the text before and after it is the same, byte for byte.
    const serversAt = beforeText.lastIndexOf('\n  "mcpServers": {');
    const serversEnd = beforeText.indexOf('\n  }', serversAt);
    expect(afterText.slice(0, serversAt)).toBe(beforeText.slice(0, serversAt));
    expect(afterText.endsWith(beforeText.slice(serversEnd))).toBe(true);
    expect(JSON.parse(afterText)).toEqual({
      ...fixture,
      projects,
      mcpServers: { ...(fixture.mcpServers as JsonObject), intercom: { type: 'sse', url: SSE_URL } },
    });
    expect((await setup(['--client', 'claude-code', '--no-check'], { home })).stdout).toMatch(/Claude Code +already up to date/);
    expect(await readFile(file, 'utf8')).toBe(afterText);

    expectReadable(await claude(['mcp', 'get', 'intercom'], { home }), 'intercom', 'sse', SSE_URL);
  });

  // Issue 18 point 3: a minified file was laid out anew in full, in quadratic time (1 MB 43 s, 2 MB
  // 146 s). No timing is asserted; the generous timeouts (50 s for the run, 60 s for the test) are
  // what quadratic work misses.
  it('a 2 MB minified file (one line): the entry goes on that line, every other byte kept, claude reads it', { timeout: 60_000 }, async () => {
    const file = path.join(home, '.claude.json');
    const fixture = await readJson(FIXTURE);
    const projects: JsonObject = {};
    for (let i = 0; JSON.stringify(projects).length < 2 * 1024 * 1024; i++) {
      const history = Array.from({ length: 20 }, (_, j) => ({ display: `fix the \u00e9t\u00e9 \u{1F600} report ${j} ${'x'.repeat(80)}`, pastedContents: {} }));
      projects[`/home/ana/work/p${i}`] = { allowedTools: [], history, mcpServers: { local: { command: 'node', args: ['s.js'] } }, lastCost: 0.12 };
    }
    const beforeText = JSON.stringify({ ...fixture, projects });
    expect(beforeText).not.toContain('\n');
    await writeFile(file, beforeText, { mode: 0o600 });

    const result = await runCli(['setup', '--client', 'claude-code', '--name', 'intercom2', '--transport', 'http', '--no-check'], { home, timeout: 50_000 });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const afterText = await readFile(file, 'utf8');
    // The servers object's closing brace gets the entry before it; nothing else changes.
    const servers = JSON.stringify(fixture.mcpServers);
    const close = beforeText.indexOf(`"mcpServers":${servers}`) + `"mcpServers":${servers}`.length - 1;
    expect(afterText).toBe(`${beforeText.slice(0, close)},"intercom2":{"type":"http","url":"${HTTP_URL}"}${beforeText.slice(close)}`);
    expect(
      (await runCli(['setup', '--client', 'claude-code', '--name', 'intercom2', '--transport', 'http', '--no-check'], { home, timeout: 50_000 })).stdout,
    ).toMatch(/Claude Code +already up to date/);
    expect((await runCli(['remove', '--client', 'claude-code', '--name', 'intercom2'], { home, timeout: 50_000 })).exitCode).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(beforeText);
    await writeFile(file, afterText, { mode: 0o600 });

    expectReadable(await claude(['mcp', 'get', 'intercom2'], { home }), 'intercom2', 'http', HTTP_URL);
  });

  it('a 2 MB file with a trailing comma deep inside: refused with its line and column, nothing written', async () => {
    const file = path.join(home, '.claude.json');
    const projects: JsonObject = {};
    for (let i = 0; i < 8000; i++)
      projects[`/home/ana/work/p${i}`] = { allowedTools: ['Bash(git status)'], history: [{ display: 'x'.repeat(200), pastedContents: {} }] };
    const text = JSON.stringify({ numStartups: 3, projects, mcpServers: {} }, null, 2).replace('"Bash(git status)"\n', '"Bash(git status)",\n');
    await writeFile(file, text, { mode: 0o600 });
    // jsonc-parser reports the bracket that follows the comma.
    const offset = text.indexOf(']', text.indexOf('"Bash(git status)",'));
    const line = text.slice(0, offset).split('\n').length;
    const column = offset - text.lastIndexOf('\n', offset);

    const result = await setup(['--client', 'claude-code', '--no-check'], { home });
    expect(result.exitCode).toBe(1);
    expect(result.stderr + result.stdout).toContain(`.claude.json:${line}:${column}: trailing commas are not allowed in this file`);
    expect(await readFile(file, 'utf8')).toBe(text);
    expect((await readdir(home)).filter((name) => name.endsWith('.bak'))).toEqual([]);
  });
});
