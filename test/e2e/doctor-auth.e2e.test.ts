/**
 * doctor's authenticated probe, end to end: after a real sign-in (the built CLI's `login`, which
 * runs the real mcp-remote-client 0.15.1 against the loopback fixture with a stub browser that
 * completes the flow), doctor sends initialize + tools/list with the stored token and reports the
 * tool count; once the fixture revokes every token, the same check warns and names login (and
 * reset-auth then login). The tokens never appear in its output.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntercomFixture, type IntercomFixture } from '../fixtures/intercom-server.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { installApprovingBrowser } from '../helpers/fake-browser.js';

interface DoctorJson {
  ok: boolean;
  checks: Array<{ id: string; status: string; message: string; fix?: string }>;
}

const CLIENT_JS = path.join(ROOT, 'node_modules', 'mcp-remote', 'dist', 'client.js');

let fixture: IntercomFixture;
let work: string;
let home: string;
let cache: string;
let env: Record<string, string | undefined>;

function secrets(): string[] {
  const folder = path.join(cache, 'mcp-remote-v1');
  return readdirSync(folder)
    .filter((name) => name.endsWith('_tokens.json'))
    .flatMap((name) => {
      const tokens = JSON.parse(readFileSync(path.join(folder, name), 'utf8')) as Record<string, unknown>;
      return [tokens.access_token, tokens.refresh_token].filter((value): value is string => typeof value === 'string');
    });
}

async function doctor(args: string[]) {
  return runCli(['doctor', ...args, '--timeout', '3000'], { home, env, timeout: 30_000 });
}

beforeAll(async () => {
  fixture = await startIntercomFixture();
  work = await realpath(await mkdtemp(path.join(os.tmpdir(), 'ims-doctor-auth-')));
  home = path.join(work, 'home');
  cache = path.join(work, 'mcp-auth');
  const bin = path.join(work, 'bin');
  await mkdir(home, { recursive: true });
  await mkdir(bin);
  await installApprovingBrowser(bin);
  env = {
    PATH: [bin, path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter),
    BROWSER: path.join(bin, 'fake-browser'),
    MCP_REMOTE_CONFIG_DIR: cache,
    INTERCOM_MCP_SETUP_MCP_REMOTE_CLIENT: CLIENT_JS,
  };
  // The entries the clients use, and one sign-in for each endpoint.
  for (const url of [fixture.mcpUrl, fixture.sseUrl]) {
    const setup = await runCli(['--client', url === fixture.mcpUrl ? 'cursor' : 'windsurf', '--url', url, '--no-check', '--login'], {
      home,
      env,
      timeout: 60_000,
    });
    expect(setup.exitCode, setup.stderr).toBe(0);
  }
  expect(fixture.stats.authorizations).toBe(2);
}, 120_000);

afterAll(async () => {
  await fixture?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('doctor with tokens in the cache', () => {
  it('reports the tool count of each endpoint in use from a real initialize + tools/list; tokens never printed', async () => {
    // (doctor checks the Intercom endpoints the configs use; these loopback ones are named with --url.)
    const before = fixture.stats.mcpRequests;
    const outputs: string[] = [];
    for (const url of [fixture.mcpUrl, fixture.sseUrl]) {
      const result = await doctor(['--json', '--url', url]);
      outputs.push(result.stdout, result.stderr);
      const report = JSON.parse(result.stdout) as DoctorJson;
      const probes = report.checks.filter((check) => check.id === 'auth.probe');
      expect(probes).toEqual([{ id: 'auth.probe', status: 'pass', message: `${url}: signed in; initialize and tools/list answered with 6 tools` }]);
    }
    expect(fixture.stats.mcpRequests).toBeGreaterThan(before);
    expect(fixture.stats.refreshes).toBe(0);

    const human = await doctor(['--url', fixture.mcpUrl]);
    expect(human.stdout).toMatch(
      /Auth cache \(mcp-remote\)\n(?:.*\n)*? {2}\[✓\] http:\/\/127\.0\.0\.1:\d+\/mcp: signed in; initialize and tools\/list answered with 6 tools/,
    );
    const tokens = secrets();
    expect(tokens.length).toBe(4);
    for (const output of [...outputs, human.stdout, human.stderr]) for (const token of tokens) expect(output).not.toContain(token);
  }, 60_000);

  it('--offline sends nothing', async () => {
    const before = fixture.stats.requests;
    const result = await doctor(['--json', '--offline', '--url', fixture.mcpUrl]);
    const report = JSON.parse(result.stdout) as DoctorJson;
    expect(report.checks.some((check) => check.id === 'auth.probe')).toBe(false);
    expect(fixture.stats.requests).toBe(before);
  }, 30_000);

  it('after the workspace revoked every token: a warning naming login (and reset-auth then login)', async () => {
    const tokens = secrets();
    fixture.revokeAllTokens();
    const result = await doctor(['--json', '--url', fixture.mcpUrl]);
    const report = JSON.parse(result.stdout) as DoctorJson;
    const probe = report.checks.find((check) => check.id === 'auth.probe');
    expect(probe).toMatchObject({ status: 'warn' });
    expect(probe?.message).toBe(
      `${fixture.mcpUrl}: the stored sign-in was refused (401: invalid_token): the access token expired or was revoked; mcp-remote tries its refresh token on the next start, and asks to sign in if that is refused too`,
    );
    // Run as node dist/cli.js, not through a name on PATH: the hints say npx (issue 17 point 4).
    expect(probe?.fix).toBe('npx intercom-mcp-setup login (if it still fails: npx intercom-mcp-setup reset-auth, then npx intercom-mcp-setup login)');
    expect(fixture.stats.refreshes).toBe(0);
    for (const output of [result.stdout, result.stderr]) for (const token of tokens) expect(output).not.toContain(token);

    // login signs in again and the warning goes.
    const again = await runCli(['login', '--url', fixture.mcpUrl], { home, env, timeout: 60_000 });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toContain('✓ Signed in to Intercom');
    const after = JSON.parse((await doctor(['--json', '--url', fixture.mcpUrl])).stdout) as DoctorJson;
    expect(after.checks.find((check) => check.id === 'auth.probe')).toMatchObject({ status: 'pass' });
    expect(existsSync(path.join(cache, 'mcp-remote-v1'))).toBe(true);
  }, 90_000);
});
