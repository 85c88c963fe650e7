import { fileURLToPath } from 'node:url';
/**
 * The real Gemini CLI and Codex read what we write. The pinned CLIs (test/real-programs.json,
 * installed on first use by test/helpers/real-programs.ts; these tests skip, and .ci/run fails,
 * when the registry cannot be reached) run offline in a temp HOME:
 * - gemini (@google/gemini-cli 0.61.0), GEMINI_CLI_NO_RELAUNCH=true: `gemini mcp
 *   list` parses ~/.gemini/settings.json (and the project's .gemini/settings.json) with its own
 *   schema and prints "Invalid configuration" for an entry it does not accept; it prints on stderr.
 *   In an untrusted folder it lists servers without starting them; with
 *   GEMINI_CLI_TRUST_WORKSPACE=true it connects, which the token test uses against the fixture.
 * - codex (@openai/codex 0.169.0), CODEX_HOME=<temp>/codex: `codex mcp get NAME
 *   --json` and `codex mcp list --json` parse config.toml with Codex's own TOML reader.
 * Every call is bounded in time and measured.
 */
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientById } from '../../src/clients/index.js';
import { applyChange, planSetup } from '../../src/engine/changes.js';
import { currentPlatform } from '../../src/core/platform.js';
import { startIntercomFixture, type IntercomFixture } from '../fixtures/intercom-server.js';
import { cleanEnv, runCli, tempHome } from '../helpers/cli.js';
import { binOf, realProgram } from '../helpers/real-programs.js';

const GEMINI = await realProgram('gemini');
const CODEX = await realProgram('codex');
const GEMINI_FIXTURE = fileURLToPath(new URL('../fixtures/real-clients/gemini-cli-0.61.0.settings.json', import.meta.url));
const CODEX_FIXTURE = fileURLToPath(new URL('../fixtures/real-clients/codex-0.169.0.config.toml', import.meta.url));
const SSE = 'https://mcp.intercom.com/sse';
const HTTP = 'https://mcp.intercom.com/mcp';
const TIMEOUT_MS = 45_000;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const timings: Array<{ tool: string; args: string; ms: number }> = [];

interface Run {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  /** stdout and stderr together (Gemini prints its list on stderr). */
  all: string;
}

async function runTool(
  tool: 'gemini' | 'codex',
  bin: string,
  args: string[],
  options: { home: string; cwd?: string; env?: Record<string, string | undefined> },
): Promise<Run> {
  const started = Date.now();
  const result = await execa(bin, args, {
    cwd: options.cwd ?? options.home,
    env: cleanEnv(options.home, options.env),
    extendEnv: false,
    reject: false,
    input: '',
    timeout: TIMEOUT_MS,
    all: true,
  });
  timings.push({ tool, args: args.join(' '), ms: Date.now() - started });
  if (result.timedOut) throw new Error(`${tool} ${args.join(' ')} did not finish within ${TIMEOUT_MS} ms`);
  return { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr), all: String(result.all) };
}

let geminiPath: string;
let codexPath: string;
let home: string;

const codexHome = () => path.join(home, 'codex');
const gemini = (args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}) =>
  runTool('gemini', geminiPath, args, { home, cwd: options.cwd, env: { GEMINI_CLI_NO_RELAUNCH: 'true', ...options.env } });
const codex = (args: string[]) => runTool('codex', codexPath, args, { home, env: { CODEX_HOME: codexHome() } });

/** Our CLI, run again if a concurrent rebuild had removed dist/ (an accident of the checkout). */
async function setup(args: string[], options: { cwd?: string } = {}) {
  for (let attempt = 1; ; attempt++) {
    const result = await runCli(['setup', ...args, '--no-check'], { home, cwd: options.cwd, env: { CODEX_HOME: codexHome() } });
    if (attempt >= 5 || !/Cannot find module '[^']*\/dist\//.test(result.stderr)) return result;
    await delay(500);
  }
}

async function remove(args: string[]) {
  return runCli(['remove', ...args], { home, env: { CODEX_HOME: codexHome() } });
}

/** A line of `gemini mcp list`: "○ intercom: URL (type) - Disabled". */
function geminiListed(run: Run, name: string, target: string, type: string): void {
  expect(run.all).toMatch(new RegExp(`^[○✓✗] ${name}: ${target.replace(/[.?*+()[\]]/g, '\\$&')} \\(${type}\\) - `, 'm'));
}

function expectGeminiHappy(run: Run): void {
  expect(run.exitCode).toBe(0);
  expect(run.all).not.toContain('Invalid configuration');
  expect(run.all).not.toMatch(/error/i);
}

interface CodexServer {
  name: string;
  enabled: boolean;
  transport: { type: string; url?: string; command?: string; args?: string[]; bearer_token_env_var?: string | null; env?: Record<string, string> | null };
}

async function codexGet(name: string): Promise<CodexServer> {
  const run = await codex(['mcp', 'get', name, '--json']);
  expect(run.exitCode, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as CodexServer;
}

beforeAll(async () => {
  // A program the registry could not give is skipped below, saying why.
  if (GEMINI.skipped === undefined) {
    geminiPath = binOf(GEMINI);
    expect(existsSync(geminiPath), `${geminiPath} is missing`).toBe(true);
  }
  if (CODEX.skipped === undefined) {
    codexPath = binOf(CODEX);
    expect(existsSync(codexPath), `${codexPath} is missing`).toBe(true);
  }
  home = await tempHome('ims-versions-');
  await mkdir(codexHome());
  try {
    if (GEMINI.skipped === undefined) {
      const g = await gemini(['--version']);
      expect(g.stdout.trim()).toBe('0.61.0');
    }
    if (CODEX.skipped === undefined) {
      const c = await codex(['--version']);
      expect(c.stdout.trim()).toBe('codex-cli 0.169.0');
    }
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});

afterAll(() => {
  for (const tool of ['gemini', 'codex']) {
    const runs = timings.filter((run) => run.tool === tool);
    if (runs.length === 0) continue;
    const total = runs.reduce((sum, run) => sum + run.ms, 0);
    const slowest = runs.reduce((a, b) => (b.ms > a.ms ? b : a));
    console.log(
      `${tool}: ${runs.length} runs, ${total} ms in all, mean ${Math.round(total / runs.length)} ms, slowest ${slowest.ms} ms (${tool} ${slowest.args})`,
    );
  }
});

beforeEach(async () => {
  home = await tempHome('ims-gc-');
  // Codex requires CODEX_HOME to exist when it is set.
  await mkdir(codexHome());
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

// ---- Gemini CLI ---------------------------------------------------------------------------------------

// Each gemini start costs about 2 s alone and up to 10 s with other suites running on 2 cores.
const SLOW = { timeout: 120_000 };

describe.skipIf(GEMINI.skipped !== undefined)('Gemini CLI 0.61.0 reads what setup writes', SLOW, () => {
  it('the bridge (default), its native SSE entry and its native HTTP entry', async () => {
    expect((await setup(['--client', 'gemini-cli'])).exitCode).toBe(0);
    expect((await setup(['--client', 'gemini-cli', '--native', '--name', 'intercom-sse'])).exitCode).toBe(0);
    expect((await setup(['--client', 'gemini-cli', '--native', '--transport', 'http', '--name', 'intercom-http'])).exitCode).toBe(0);
    expect(JSON.parse(await readFile(path.join(home, '.gemini', 'settings.json'), 'utf8'))).toEqual({
      mcpServers: {
        intercom: { command: 'npx', args: ['-y', 'mcp-remote', SSE] },
        'intercom-sse': { url: SSE, type: 'sse' },
        'intercom-http': { url: HTTP, type: 'http' },
      },
    });
    const list = await gemini(['mcp', 'list']);
    expectGeminiHappy(list);
    geminiListed(list, 'intercom', `npx -y mcp-remote ${SSE}`, 'stdio');
    geminiListed(list, 'intercom-sse', SSE, 'sse');
    geminiListed(list, 'intercom-http', HTTP, 'http');
  });

  it("project scope: the project's .gemini/settings.json, read in that folder", async () => {
    const project = path.join(home, 'work', 'app');
    await mkdir(project, { recursive: true });
    expect((await setup(['--client', 'gemini-cli', '--scope', 'project', '--native', '--transport', 'http'], { cwd: project })).exitCode).toBe(0);
    expect(existsSync(path.join(home, '.gemini', 'settings.json'))).toBe(false);
    const list = await gemini(['mcp', 'list'], { cwd: project });
    expectGeminiHappy(list);
    geminiListed(list, 'intercom', HTTP, 'http');
    expect((await gemini(['mcp', 'list'])).all).not.toContain('intercom');
  });

  it('keeps the servers Gemini added itself; both are listed; remove takes only ours', async () => {
    const add = await gemini(['mcp', 'add', '-s', 'user', '--transport', 'http', 'other-server', 'https://example.invalid/mcp']);
    expect(add.exitCode).toBe(0);
    expect(add.all).toContain('MCP server "other-server" added to user settings. (http)');
    const file = path.join(home, '.gemini', 'settings.json');
    const theirs = await readFile(file, 'utf8');

    expect((await setup(['--client', 'gemini-cli', '--native'])).exitCode).toBe(0);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      mcpServers: { 'other-server': { url: 'https://example.invalid/mcp', type: 'http' }, intercom: { url: SSE, type: 'sse' } },
    });
    const list = await gemini(['mcp', 'list']);
    expectGeminiHappy(list);
    geminiListed(list, 'other-server', 'https://example.invalid/mcp', 'http');
    geminiListed(list, 'intercom', SSE, 'sse');

    expect((await remove(['--client', 'gemini-cli'])).exitCode).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(theirs);
    const after = await gemini(['mcp', 'list']);
    geminiListed(after, 'other-server', 'https://example.invalid/mcp', 'http');
    expect(after.all).not.toContain('intercom');
  });

  it('on the file Gemini CLI 0.61.0 wrote (fixture), adds intercom2 and gemini lists all four', async () => {
    const file = path.join(home, '.gemini', 'settings.json');
    await mkdir(path.dirname(file));
    await copyFile(GEMINI_FIXTURE, file);
    await chmod(file, 0o600);
    const before = JSON.parse(await readFile(file, 'utf8')) as { mcpServers: object };
    expect((await setup(['--client', 'gemini-cli', '--native', '--transport', 'http', '--name', 'intercom2'])).exitCode).toBe(0);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ mcpServers: { ...before.mcpServers, intercom2: { url: HTTP, type: 'http' } } });
    const list = await gemini(['mcp', 'list']);
    expectGeminiHappy(list);
    geminiListed(list, 'intercom', SSE, 'sse');
    geminiListed(list, 'intercom-http', HTTP, 'http');
    geminiListed(list, 'intercom-remote', `npx -y mcp-remote ${SSE}`, 'stdio');
    geminiListed(list, 'intercom2', HTTP, 'http');
    // And list/doctor of ours judge Gemini's own entries correct.
    const ours = await runCli(['list', '--client', 'gemini-cli', '--json'], { home });
    expect(JSON.parse(ours.stdout)).toEqual({ clients: [expect.objectContaining({ client: 'gemini-cli', configured: true, correct: true })] });
  });
});

describe.skipIf(GEMINI.skipped !== undefined)('Gemini CLI connects with the token entry (fixture server with a static token)', SLOW, () => {
  let fixture: IntercomFixture;
  const TOKEN = 'gemini-e2e-static-token-0123456789';

  beforeAll(async () => {
    fixture = await startIntercomFixture({ staticToken: TOKEN });
  });

  afterAll(async () => {
    await fixture.close();
  });

  /** Writes the --token-env entry through the engine (what setup --token-env writes). */
  async function writeTokenEntry(url: string, name: string): Promise<void> {
    const platform = { ...currentPlatform({ ...process.env, HOME: home }), cwd: home };
    const spec = { url, name, native: true, tokenEnv: 'INTERCOM_TOKEN' };
    const change = await applyChange(await planSetup({ client: clientById('gemini-cli')!, scope: 'user' }, platform, spec), spec, false);
    expect(change.action).toBe('created');
  }

  it.each(['mcp', 'sse'] as const)('over %s: "Connected" with the right token, "Disconnected" with a wrong one; no token in the file', async (kind) => {
    const url = kind === 'mcp' ? fixture.mcpUrl : fixture.sseUrl;
    await writeTokenEntry(url, 'intercom');
    const text = await readFile(path.join(home, '.gemini', 'settings.json'), 'utf8');
    expect(JSON.parse(text)).toEqual({
      mcpServers: { intercom: { url, type: kind === 'mcp' ? 'http' : 'sse', headers: { Authorization: 'Bearer ${INTERCOM_TOKEN}' } } },
    });
    expect(text).not.toContain(TOKEN);
    const trusted = { GEMINI_CLI_TRUST_WORKSPACE: 'true' };
    const good = await gemini(['mcp', 'list'], { env: { ...trusted, INTERCOM_TOKEN: TOKEN } });
    expect(good.all).not.toContain('Invalid configuration');
    expect(good.all).toContain(`✓ intercom: ${url} (${kind === 'mcp' ? 'http' : 'sse'}) - Connected`);
    const bad = await gemini(['mcp', 'list'], { env: { ...trusted, INTERCOM_TOKEN: 'wrong-token' } });
    expect(bad.all).toContain(`✗ intercom: ${url} (${kind === 'mcp' ? 'http' : 'sse'}) - Disconnected`);
  });
});

// ---- Codex -----------------------------------------------------------------------------------------

describe.skipIf(CODEX.skipped !== undefined)('Codex 0.169.0 reads what setup writes', SLOW, () => {
  it('the bridge by default: a stdio server running mcp-remote', async () => {
    const result = await setup(['--client', 'codex', '--json']);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).results).toEqual([{ client: 'codex', scope: 'user', path: path.join(codexHome(), 'config.toml'), action: 'created' }]);
    expect(await readFile(path.join(codexHome(), 'config.toml'), 'utf8')).toBe(
      `[mcp_servers.intercom]\ncommand = "npx"\nargs = ["-y", "mcp-remote", "${SSE}"]\n`,
    );
    const server = await codexGet('intercom');
    expect(server).toMatchObject({ name: 'intercom', enabled: true, transport: { type: 'stdio', command: 'npx', args: ['-y', 'mcp-remote', SSE] } });
  });

  it.each([[[]], [['--transport', 'http']], [['--region', 'eu']]])('--native %j: Streamable HTTP at /mcp, whatever the transport asked', async (extra) => {
    const result = await setup(['--client', 'codex', '--native', ...extra]);
    expect(result.exitCode).toBe(0);
    const expected = extra.includes('eu') ? 'https://mcp.eu.intercom.com/mcp' : HTTP;
    if (!extra.includes('http')) expect(result.stdout).toContain('Codex speaks Streamable HTTP only');
    const server = await codexGet('intercom');
    expect(server.transport).toMatchObject({ type: 'streamable_http', url: expected, bearer_token_env_var: null });
  });

  it('the token entry: bearer_token_env_var, which Codex reads itself', async () => {
    const platform = { ...currentPlatform({ ...process.env, HOME: home, CODEX_HOME: codexHome() }), cwd: home };
    const spec = { url: SSE, name: 'intercom', native: false, tokenEnv: 'INTERCOM_TOKEN' };
    const change = await applyChange(await planSetup({ client: clientById('codex')!, scope: 'user' }, platform, spec), spec, false);
    expect(change.action).toBe('created');
    const server = await codexGet('intercom');
    expect(server.transport).toMatchObject({ type: 'streamable_http', url: HTTP, bearer_token_env_var: 'INTERCOM_TOKEN' });
    const list = await codex(['mcp', 'list']);
    expect(list.stdout).toMatch(/^intercom +https:\/\/mcp\.intercom\.com\/mcp +INTERCOM_TOKEN +enabled +Bearer token/m);
  });

  it('keeps the servers Codex added itself, byte for byte; both are listed; remove gives back its file', async () => {
    expect((await codex(['mcp', 'add', 'other', '--url', 'https://example.invalid/mcp'])).exitCode).toBe(0);
    expect((await codex(['mcp', 'add', 'local', '--env', 'A=B', '--', 'npx', '-y', 'some-server'])).exitCode).toBe(0);
    const file = path.join(codexHome(), 'config.toml');
    const theirs = await readFile(file, 'utf8');

    expect((await setup(['--client', 'codex', '--native'])).exitCode).toBe(0);
    const ours = await readFile(file, 'utf8');
    expect(ours).toBe(`${theirs}\n[mcp_servers.intercom]\nurl = "${HTTP}"\n`);
    const list = JSON.parse((await codex(['mcp', 'list', '--json'])).stdout) as CodexServer[];
    expect(list.map((server) => server.name).sort()).toEqual(['intercom', 'local', 'other']);
    expect(list.find((server) => server.name === 'local')?.transport).toMatchObject({ command: 'npx', env: { A: 'B' } });

    // Codex itself adds after us; our table stays valid between theirs.
    expect((await codex(['mcp', 'add', 'later', '--url', 'https://later.invalid/mcp'])).exitCode).toBe(0);
    expect((await setup(['--client', 'codex', '--native'])).stdout).toMatch(/Codex +already up to date/);

    expect((await remove(['--client', 'codex'])).exitCode).toBe(0);
    const after = JSON.parse((await codex(['mcp', 'list', '--json'])).stdout) as CodexServer[];
    expect(after.map((server) => server.name).sort()).toEqual(['later', 'local', 'other']);
    expect((await readFile(file, 'utf8')).startsWith(theirs)).toBe(true);
  });

  it('on the file Codex 0.169.0 wrote (fixture), adds intercom2 and Codex reads all five', async () => {
    const file = path.join(codexHome(), 'config.toml');
    await copyFile(CODEX_FIXTURE, file);
    await chmod(file, 0o600);
    const fixtureText = await readFile(file, 'utf8');
    expect((await setup(['--client', 'codex', '--native', '--name', 'intercom2'])).exitCode).toBe(0);
    expect((await readFile(file, 'utf8')).startsWith(fixtureText)).toBe(true);
    expect((await codexGet('intercom2')).transport).toMatchObject({ type: 'streamable_http', url: HTTP });
    expect((await codexGet('intercom')).transport).toMatchObject({ type: 'streamable_http', url: HTTP });
    expect((await codexGet('intercom-remote')).transport).toMatchObject({ type: 'stdio', command: 'npx' });
    expect((await codexGet('intercom-tok')).transport).toMatchObject({ bearer_token_env_var: 'INTERCOM_TOKEN' });
    const names = (JSON.parse((await codex(['mcp', 'list', '--json'])).stdout) as CodexServer[]).map((server) => server.name).sort();
    expect(names).toEqual(['intercom', 'intercom-remote', 'intercom-sse', 'intercom-tok', 'intercom2']);
    // list of ours: the fixture's "intercom" is correct for Codex.
    const ourList = JSON.parse((await runCli(['list', '--client', 'codex', '--json'], { home, env: { CODEX_HOME: codexHome() } })).stdout);
    expect(ourList.clients).toEqual([expect.objectContaining({ client: 'codex', configured: true, correct: true })]);
  });

  it('refuses a config.toml Codex cannot read either: same line and column, file untouched', async () => {
    const file = path.join(codexHome(), 'config.toml');
    const broken = 'model = "o3"\n[mcp_servers.x]\nurl = = "y"\n';
    await writeFile(file, broken);
    const ours = await setup(['--client', 'codex', '--json']);
    expect(ours.exitCode).toBe(1);
    const row = JSON.parse(ours.stdout).results[0];
    expect(row).toMatchObject({ client: 'codex', action: 'failed' });
    expect(row.error).toContain(`${file}:3:7:`);
    expect(await readFile(file, 'utf8')).toBe(broken);
    const theirs = await codex(['mcp', 'list']);
    expect(theirs.all).toContain('config.toml:3:7:');
  });
});
