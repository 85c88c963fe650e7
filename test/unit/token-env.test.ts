/**
 * --token-env VAR: each client's entry sends `Authorization: Bearer` from VAR in the client's own
 * interpolation syntax (or refuses), nothing secret is ever written (the files are searched for
 * the token value set in the environment), VS Code's password prompt comes and goes with the
 * entry, and doctor's probe with the token (fixture server with a static token) reports the tool
 * count and never the token.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientById, CLIENTS } from '../../src/clients/index.js';
import { applyChange, planRemoval, planSetup, resolveTargets } from '../../src/engine/changes.js';
import { chooseEntry, isRefusal, judgeEntry } from '../../src/entries/expected-entry.js';
import { expectedEntry } from '../helpers/expected-entry.js';
import { checkForTokenReport, tokenEnvChecks, tokenProbe } from '../../src/doctor/token-probe.js';
import type { Platform } from '../../src/core/platform.js';
import { startIntercomFixture, type IntercomFixture } from '../fixtures/intercom-server.js';
import { fakePlatform, onDisk } from '../helpers/platform.js';

const VAR = 'INTERCOM_TOKEN';
const SSE = 'https://mcp.intercom.com/sse';
const HTTP = 'https://mcp.intercom.com/mcp';
const linux = fakePlatform('linux');
const mcpRemote = (url: string) => ['-y', 'mcp-remote', url, '--header', 'Authorization:${AUTH_HEADER}'];

/** Every token entry, by client and mode, written out by hand from each client's docs or source. */
const VSCODE_TOKEN = {
  native: { type: 'http', url: HTTP, headers: { Authorization: 'Bearer ${input:intercom-token}' } },
  bridge: { type: 'stdio', command: 'npx', args: mcpRemote(HTTP), env: { AUTH_HEADER: 'Bearer ${input:intercom-token}' } },
};

const GOLDEN: Record<string, { native?: object; bridge?: object; refused?: string }> = {
  cursor: {
    native: { url: HTTP, headers: { Authorization: `Bearer \${env:${VAR}}` } },
    bridge: { command: 'npx', args: mcpRemote(HTTP), env: { AUTH_HEADER: `Bearer \${env:${VAR}}` } },
  },
  windsurf: {
    native: { serverUrl: HTTP, headers: { Authorization: `Bearer \${env:${VAR}}` } },
    bridge: { command: 'npx', args: mcpRemote(HTTP), env: { AUTH_HEADER: `Bearer \${env:${VAR}}` } },
  },
  'windsurf-next': {
    native: { serverUrl: HTTP, headers: { Authorization: `Bearer \${env:${VAR}}` } },
    bridge: { command: 'npx', args: mcpRemote(HTTP), env: { AUTH_HEADER: `Bearer \${env:${VAR}}` } },
  },
  vscode: VSCODE_TOKEN,
  'vscode-insiders': VSCODE_TOKEN,
  'claude-code': { native: { type: 'http', url: HTTP, headers: { Authorization: `Bearer \${${VAR}}` } } },
  'gemini-cli': { native: { url: HTTP, type: 'http', headers: { Authorization: `Bearer \${${VAR}}` } } },
  codex: { native: { url: HTTP, bearer_token_env_var: VAR } },
  // Cline has no bridge (its CLI would turn it into Streamable HTTP); only its extension reads ${env:VAR}.
  cline: { native: { type: 'streamableHttp', url: HTTP, headers: { Authorization: `Bearer \${env:${VAR}}` } } },
  'roo-code': {
    native: { type: 'streamable-http', url: HTTP, headers: { Authorization: `Bearer \${env:${VAR}}` } },
    bridge: { command: 'npx', args: mcpRemote(HTTP), env: { AUTH_HEADER: `Bearer \${env:${VAR}}` } },
  },
  kiro: { native: { url: HTTP, headers: { Authorization: `Bearer \${${VAR}}` } } },
  'claude-desktop': { refused: 'Claude Desktop does not expand environment variables' },
  zed: { refused: 'Zed does not expand environment variables' },
  'lm-studio': { refused: 'LM Studio does not expand environment variables' },
  // The third wave.
  opencode: { native: { type: 'remote', url: HTTP, headers: { Authorization: `Bearer {env:${VAR}}` } } },
  'kilo-code': { native: { type: 'remote', url: HTTP, headers: { Authorization: `Bearer {env:${VAR}}` } } },
  // The very entry Claude Code gets: both read .mcp.json.
  'copilot-cli': { native: { type: 'http', url: HTTP, headers: { Authorization: `Bearer \${${VAR}}` } } },
  'qwen-code': { native: { httpUrl: HTTP, headers: { Authorization: `Bearer \${${VAR}}` } } },
  crush: { native: { type: 'http', url: HTTP, headers: { Authorization: `Bearer $${VAR}` } } },
  auggie: { refused: 'Auggie does not document environment variables' },
  droid: { refused: 'Droid does not document environment variables' },
  amp: { refused: 'Amp does not document environment variables' },
  devin: { refused: 'Devin documents no environment variables' },
  'visual-studio': { refused: 'Visual Studio does not document environment variables' },
  junie: { refused: 'Junie does not document environment variables' },
  warp: { refused: 'Warp does not expand environment variables' },
  antigravity: { refused: 'Antigravity does not expand environment variables' },
  goose: { refused: 'Goose keeps header values as written' },
  continue: { refused: 'Continue reads secrets as ${{ secrets.NAME }}' },
};

describe('token entries per client', () => {
  it('covers every client that has a config file', () => {
    expect(Object.keys(GOLDEN).sort()).toEqual(
      CLIENTS.filter((client) => client.shape)
        .map((client) => client.id)
        .sort(),
    );
  });

  it.each(Object.entries(GOLDEN))('%s', (id, golden) => {
    const client = clientById(id)!;
    for (const native of [true, false]) {
      const choice = chooseEntry(client, { url: HTTP, native, tokenEnv: VAR });
      if (golden.refused) {
        expect(isRefusal(choice) && choice.refused).toContain(golden.refused);
        continue;
      }
      // A client without the asked mode's token entry gets its other one.
      const expected = native ? (golden.native ?? golden.bridge) : (golden.bridge ?? golden.native);
      const entry = expectedEntry(client, linux, HTTP, native, { tokenEnv: VAR });
      expect(entry).toEqual(expected);
      expect(judgeEntry(client, linux, entry!).correct).toBe(true);
      expect(JSON.stringify(entry)).not.toMatch(/Bearer [A-Za-z0-9]{8,}/);
    }
  });

  it('uses another variable name wherever the name appears, and judges it correct too', () => {
    const entry = expectedEntry(clientById('cursor')!, linux, SSE, true, { tokenEnv: 'ACME_INTERCOM' });
    expect(entry).toEqual({ url: SSE, headers: { Authorization: 'Bearer ${env:ACME_INTERCOM}' } });
    expect(judgeEntry(clientById('cursor')!, linux, entry!).correct).toBe(true);
  });

  it("gives Codex Intercom's /mcp URL for an SSE endpoint (no SSE in Codex), in the same region", () => {
    const choice = chooseEntry(clientById('codex')!, { url: 'https://mcp.eu.intercom.com/sse', native: false, tokenEnv: VAR });
    expect(isRefusal(choice)).toBe(false);
    if (isRefusal(choice)) return;
    expect(choice.url).toBe('https://mcp.eu.intercom.com/mcp');
    expect(choice.notes.join(' ')).toContain('Streamable HTTP only');
    // A foreign SSE URL cannot be turned into /mcp: there is nothing Codex can do with a token then.
    expect(chooseEntry(clientById('codex')!, { url: 'http://127.0.0.1:9/sse', native: true, tokenEnv: VAR })).toMatchObject({
      refused: expect.stringContaining('Streamable HTTP only'),
    });
  });

  it('flags an entry that holds a token itself', () => {
    const verdict = judgeEntry(clientById('cursor')!, linux, { url: HTTP, headers: { Authorization: 'Bearer abcdefghijklmnopqrstuvwxyz123456' } });
    expect(verdict.correct).toBe(false);
    expect(verdict.problems.join(' ')).toContain('--token-env');
  });
});

// ---- on real files ---------------------------------------------------------------------------------

const SECRET = 'tok_live_5ecr3t_Value_That_Must_Never_Be_Written_0123456789';
let home: string;

function realPlatform(): Platform {
  const platform = fakePlatform('linux', { home, cwd: path.join(home, 'project'), env: { PATH: '/nonexistent', [VAR]: SECRET } });
  return onDisk(platform);
}

async function allFiles(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await allFiles(full)));
    else found.push(full);
  }
  return found;
}

beforeEach(async () => {
  home = await realpath(await mkdtemp(path.join(os.tmpdir(), 'ims-token-')));
  // Cline and Roo Code need an editor that has them.
  await mkdir(path.join(home, '.config', 'Code', 'User', 'globalStorage', 'saoudrizwan.claude-dev'), { recursive: true });
  await mkdir(path.join(home, '.config', 'Code', 'User', 'globalStorage', 'rooveterinaryinc.roo-cline'), { recursive: true });
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('setup --token-env writes no secret', () => {
  it.each([false, true])('in no client file (native: %s), and refuses the clients that cannot read a variable', async (native) => {
    const platform = realPlatform();
    process.env[VAR] = SECRET;
    try {
      const spec = { url: SSE, name: 'intercom', native, tokenEnv: VAR };
      const ids = CLIENTS.filter((client) => client.shape).map((client) => client.id);
      const planned = await Promise.all(resolveTargets(platform, ids, 'user').map((target) => planSetup(target, platform, spec)));
      const applied = await Promise.all(planned.map((change) => applyChange(change, spec, false)));
      const byId = Object.fromEntries(applied.map((change) => [change.client.id, change]));
      for (const id of ['claude-desktop', 'zed', 'lm-studio', 'auggie', 'droid', 'amp', 'devin', 'junie', 'warp', 'antigravity', 'goose', 'continue']) {
        expect(byId[id]).toMatchObject({ action: 'failed', error: expect.stringContaining('refusing') });
        expect(existsSync(byId[id]!.path!)).toBe(false);
      }
      const written = applied.filter((change) => change.action === 'created');
      expect(written.map((change) => change.client.id).sort()).toEqual(
        [
          'claude-code',
          'cline',
          'codex',
          'cursor',
          'gemini-cli',
          'kiro',
          'roo-code',
          'vscode',
          'vscode-insiders',
          'windsurf',
          'windsurf-next',
          'opencode',
          'kilo-code',
          'copilot-cli',
          'qwen-code',
          'crush',
        ].sort(),
      );
      const files = await allFiles(home);
      expect(files.length).toBeGreaterThanOrEqual(written.length);
      for (const file of files) {
        const text = await readFile(file, 'utf8');
        expect(text, file).not.toContain(SECRET);
        expect(text, file).not.toContain(SECRET.slice(0, 16));
      }
      // Every written entry names the variable (or VS Code's prompt for it).
      for (const change of written) {
        const text = await readFile(change.path!, 'utf8');
        expect(text.includes(VAR) || text.includes('${input:intercom-token}'), change.path).toBe(true);
      }
    } finally {
      delete process.env[VAR];
    }
  });
});

describe("VS Code's password prompt", () => {
  it('is added with the entry, kept once, and removed with it (unless another entry uses it)', async () => {
    const platform = realPlatform();
    const file = path.join(home, '.config', 'Code', 'User', 'mcp.json');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '{\n  // mine\n  "servers": {}\n}\n');
    const spec = { url: HTTP, name: 'intercom', native: true, tokenEnv: VAR };
    const [target] = resolveTargets(platform, ['vscode'], 'user');
    const first = await applyChange(await planSetup(target!, platform, spec), spec, false);
    expect(first.action).toBe('updated');
    expect(first.notes.join(' ')).toContain('password prompt');
    const text = await readFile(file, 'utf8');
    expect(text).toContain('// mine');
    const parsed = JSON.parse(text.replace('// mine', ''));
    expect(parsed).toEqual({
      servers: { intercom: { type: 'http', url: HTTP, headers: { Authorization: 'Bearer ${input:intercom-token}' } } },
      inputs: [{ type: 'promptString', id: 'intercom-token', description: `Intercom access token (the value of ${VAR})`, password: true }],
    });
    expect((await planSetup(target!, platform, spec)).action).toBe('unchanged');

    // The person deleted the prompt: setup puts it back.
    await writeFile(file, JSON.stringify({ servers: parsed.servers }, null, 2));
    expect((await applyChange(await planSetup(target!, platform, spec), spec, false)).action).toBe('updated');
    expect(JSON.parse(await readFile(file, 'utf8')).inputs).toHaveLength(1);

    const removed = await applyChange(await planRemoval(target!, platform, spec), spec, true);
    expect(removed.action).toBe('removed');
    // The file had `"servers": {}` before setup first changed it (its oldest backup): that stays.
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ servers: {} });
  });

  it('stays while another entry still refers to it', async () => {
    const platform = realPlatform();
    const file = path.join(home, '.config', 'Code', 'User', 'mcp.json');
    const other = { type: 'http', url: 'https://x.example/mcp', headers: { Authorization: 'Bearer ${input:intercom-token}' } };
    const input = { type: 'promptString', id: 'intercom-token', password: true };
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(
      file,
      JSON.stringify(
        { servers: { other, intercom: { type: 'http', url: HTTP, headers: { Authorization: 'Bearer ${input:intercom-token}' } } }, inputs: [input] },
        null,
        2,
      ),
    );
    const [target] = resolveTargets(platform, ['vscode'], 'user');
    const spec = { url: HTTP, name: 'intercom' };
    await applyChange(await planRemoval(target!, platform, spec), spec, true);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ servers: { other }, inputs: [input] });
  });
});

// ---- doctor --token-env: the probe ---------------------------------------------------------------------

const STATIC_TOKEN = 'fixture-static-token-0123456789abcdef';
let fixture: IntercomFixture;

beforeAll(async () => {
  fixture = await startIntercomFixture({ staticToken: STATIC_TOKEN });
});

afterAll(async () => {
  await fixture.close();
});

describe('the authenticated probe with a static token', () => {
  it.each(['mcp', 'sse'] as const)('over %s: initialize and tools/list answer, with the tool count', async (kind) => {
    const url = kind === 'mcp' ? fixture.mcpUrl : fixture.sseUrl;
    const report = await tokenProbe(url, STATIC_TOKEN, 5000);
    expect(report).toMatchObject({ ok: true, kind: 'ok', url });
    expect(report.tools).toBeGreaterThan(0);
    const check = checkForTokenReport(report, VAR);
    expect(check).toMatchObject({ id: 'auth.token', status: 'pass' });
    expect(check.message).toMatch(new RegExp(`the token in ${VAR} works: initialize and tools/list answered with \\d+ tools?`));
    expect(JSON.stringify({ report, check })).not.toContain(STATIC_TOKEN);
  });

  it('a wrong token fails with 401 and what to do, never the token', async () => {
    const wrong = 'wrong-token-abcdef0123456789';
    const report = await tokenProbe(fixture.mcpUrl, wrong, 5000);
    expect(report).toMatchObject({ ok: false, kind: 'unauthorized' });
    const check = checkForTokenReport(report, VAR);
    expect(check).toMatchObject({ status: 'fail', fix: expect.stringContaining(VAR) });
    expect(JSON.stringify({ report, check })).not.toContain(wrong);
  });

  it('reads the token from the variable; unset, it says so instead of probing', async () => {
    const secrets: string[] = [];
    const withToken = fakePlatform('linux', { env: { [VAR]: STATIC_TOKEN } });
    const checks = await tokenEnvChecks(withToken, [fixture.mcpUrl, fixture.sseUrl], VAR, 5000, { onSecret: (secret) => secrets.push(secret) });
    expect(checks.map((check) => check.status)).toEqual(['pass', 'pass']);
    expect(secrets).toEqual([STATIC_TOKEN]);
    expect(JSON.stringify(checks)).not.toContain(STATIC_TOKEN);

    const unset = await tokenEnvChecks(fakePlatform('linux'), [fixture.mcpUrl], VAR, 5000);
    expect(unset).toEqual([
      expect.objectContaining({ id: 'auth.token', status: 'warn', message: `${VAR} is not set here, so the token sign-in was not probed` }),
    ]);
  });

  it('an unreachable endpoint fails within the bound', async () => {
    const started = Date.now();
    const report = await tokenProbe('http://127.0.0.1:9/mcp', STATIC_TOKEN, 1000);
    expect(report.ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
