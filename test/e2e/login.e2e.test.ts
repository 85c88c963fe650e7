/**
 * `login` end to end: the built CLI runs the real mcp-remote-client 0.15.1 (through
 * INTERCOM_MCP_SETUP_MCP_REMOTE_CLIENT instead of npx) against the loopback Intercom fixture, in
 * a temp HOME with a temp MCP_REMOTE_CONFIG_DIR. The browser is a stub: BROWSER and
 * xdg-open/gio/x-www-browser/sensible-browser/www-browser first on PATH run a script that really
 * completes the flow (fetches the authorize URL without following it, then fetches the loopback
 * callback it redirects to) — or, for the failure cases, does nothing.
 *
 * It proves that login writes the same cache files as the bridge (same names under the same
 * md5(url) key, same JSON keys, same redirect URI), that the real mcp-remote started from the
 * entry setup wrote then connects without a new registration or authorization at the fixture,
 * that each failure produces its one line, and that no token text appears in any output.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regionMismatchDescription, startIntercomFixture, type IntercomFixture } from '../fixtures/intercom-server.js';
import { withTimeout } from '../helpers/bridge.js';
import { CLI, cleanEnv, ROOT, runCli, type CliResult } from '../helpers/cli.js';
import { BROWSER_NAMES, installApprovingBrowser } from '../helpers/fake-browser.js';

const CLIENT_JS = path.join(ROOT, 'node_modules', 'mcp-remote', 'dist', 'client.js');
const PROXY_BIN = path.join(ROOT, 'node_modules', '.bin', 'mcp-remote');
const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

let work: string;
/** Stubs that complete the sign-in. */
let completingBin: string;
/** Stubs that do nothing (the browser "opened" but the person never came back). */
let idleBin: string;
let browserLog: string;
const fixtures: IntercomFixture[] = [];

async function fixture(options: Parameters<typeof startIntercomFixture>[0] = {}): Promise<IntercomFixture> {
  const started = await startIntercomFixture(options);
  fixtures.push(started);
  return started;
}

interface Person {
  home: string;
  cache: string;
}

async function person(name: string): Promise<Person> {
  const home = path.join(work, name, 'home');
  const cache = path.join(work, name, 'mcp-auth');
  await mkdir(home, { recursive: true });
  return { home, cache };
}

/** The environment of a person on a desktop whose browser is `bin`'s stub. */
function desktopEnv(who: Person, bin: string = completingBin): Record<string, string | undefined> {
  return {
    PATH: [bin, path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter),
    BROWSER: path.join(bin, 'fake-browser'),
    MCP_REMOTE_CONFIG_DIR: who.cache,
    INTERCOM_MCP_SETUP_MCP_REMOTE_CLIENT: CLIENT_JS,
  };
}

function login(who: Person, args: string[], env: Record<string, string | undefined> = desktopEnv(who)): Promise<CliResult> {
  return runCli(['login', ...args], { home: who.home, env, timeout: 60_000 });
}

function cacheFiles(who: Person, hash: string): string[] {
  const folder = path.join(who.cache, 'mcp-remote-v1');
  return existsSync(folder)
    ? readdirSync(folder)
        .filter((name) => name.startsWith(`${hash}_`))
        .sort()
    : [];
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** Every token the cache holds, to prove none of them is ever printed. */
function storedSecrets(who: Person): string[] {
  const folder = path.join(who.cache, 'mcp-remote-v1');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('_tokens.json'))
    .flatMap((name) => {
      const tokens = readJson(path.join(folder, name));
      return [tokens.access_token, tokens.refresh_token].filter((value): value is string => typeof value === 'string');
    });
}

function expectNoTokens(who: Person, ...outputs: string[]): void {
  const secrets = storedSecrets(who);
  for (const output of outputs) for (const secret of secrets) expect(output).not.toContain(secret);
}

/**
 * Starts the real mcp-remote 0.15.1 the way a client starts the entry: its args after the
 * mcp-remote token, with the pinned binary instead of npx. Returns what it printed once an MCP
 * client connected through it and listed the tools.
 */
async function runBridge(
  who: Person,
  entry: { command: string; args: string[] },
  env: Record<string, string | undefined>,
): Promise<{ stderr: string; tools: string[] }> {
  expect(entry.command).toBe('npx');
  const at = entry.args.findIndex((arg) => /^mcp-remote(@.*)?$/.test(arg));
  expect(at).toBeGreaterThan(-1);
  const transport = new StdioClientTransport({
    command: PROXY_BIN,
    args: entry.args.slice(at + 1),
    env: Object.fromEntries(Object.entries({ ...cleanEnv(who.home, env) }).filter((pair): pair is [string, string] => pair[1] !== undefined)),
    cwd: who.home,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'login-e2e-client', version: '1.0.0' });
  try {
    await withTimeout(client.connect(transport, { timeout: 45_000 }), 50_000, `the bridge to connect; it said:\n${stderr}`);
    const { tools } = await client.listTools(undefined, { timeout: 20_000 });
    return { stderr, tools: tools.map((tool) => tool.name) };
  } finally {
    const pid = transport.pid;
    await withTimeout(client.close(), 10_000, 'closing').catch(() => undefined);
    if (pid) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }
}

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  expect(JSON.parse(readFileSync(path.join(ROOT, 'node_modules/mcp-remote/package.json'), 'utf8')).version).toBe('0.15.1');
  work = await realpath(await mkdtemp(path.join(os.tmpdir(), 'ims-login-e2e-')));
  completingBin = path.join(work, 'bin-completing');
  idleBin = path.join(work, 'bin-idle');
  browserLog = path.join(work, 'browser.log');
  await mkdir(completingBin);
  await mkdir(idleBin);
  await installApprovingBrowser(completingBin, browserLog);
  const idle = `#!/bin/sh\nprintf '%s\\n' "$*" >> '${browserLog}'\nexit 0\n`;
  for (const name of BROWSER_NAMES) {
    await writeFile(path.join(idleBin, name), idle);
    await chmod(path.join(idleBin, name), 0o755);
  }
});

afterAll(async () => {
  await Promise.all(fixtures.map((started) => started.close()));
  if (work) await rm(work, { recursive: true, force: true });
});

describe('login (built CLI, real mcp-remote-client, loopback fixture, stub browser)', () => {
  it('signs in like the bridge: same cache files and key; the real mcp-remote from the written entry then reuses them', async () => {
    const server = await fixture();
    const url = server.mcpUrl;
    const hash = md5(url);
    const ana = await person('ana');
    const env = desktopEnv(ana);

    // The entry the clients will run.
    const setup = await runCli(['--client', 'cursor', '--url', url, '--no-check'], { home: ana.home, env });
    expect(setup.exitCode, setup.stderr).toBe(0);
    const entry = (readJson(path.join(ana.home, '.cursor', 'mcp.json')).mcpServers as Record<string, { command: string; args: string[] }>).intercom!;
    expect(entry).toEqual({ command: 'npx', args: ['-y', 'mcp-remote', url] });

    // 1. login: one registration, one authorization, tokens under md5(url).
    const signedIn = await login(ana, ['--url', url]);
    expect(signedIn.exitCode, signedIn.stderr).toBe(0);
    expect(signedIn.stdout).toContain(`Signing in to Intercom at ${url}`);
    expect(signedIn.stdout).toContain('Opening your browser to sign in to Intercom. If it does not open, visit:');
    expect(signedIn.stdout).toContain(`  ${server.url}/authorize?`);
    expect(signedIn.stdout).toMatch(
      new RegExp(
        `✓ Signed in to Intercom at ${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 6 tools available \\(search, fetch, search_conversations, get_conversation, search_contacts, get_contact\\)\\.`,
      ),
    );
    expect(signedIn.stdout).toContain(`(key ${hash})`);
    expect(signedIn.stderr).toBe('');
    expect(server.stats).toMatchObject({ registrations: 1, authorizations: 1, tokenIssued: 1 });
    expect(cacheFiles(ana, hash)).toEqual([`${hash}_client_info.json`, `${hash}_tokens.json`]);
    expect(readFileSync(browserLog, 'utf8')).toContain(`${server.url}/authorize?`);

    // 2. The bridge's own sign-in, in another cache, writes the same files: names, keys, redirect URI.
    const bob = await person('bob');
    const bridgeSignIn = await runBridge(bob, entry, desktopEnv(bob));
    expect(bridgeSignIn.stderr).toContain('Please authorize this client by visiting:');
    expect(cacheFiles(bob, hash)).toEqual(cacheFiles(ana, hash));
    for (const name of ['client_info.json', 'tokens.json']) {
      const ours = readJson(path.join(ana.cache, 'mcp-remote-v1', `${hash}_${name}`));
      const theirs = readJson(path.join(bob.cache, 'mcp-remote-v1', `${hash}_${name}`));
      expect(Object.keys(ours).sort(), name).toEqual(Object.keys(theirs).sort());
    }
    const ourClient = readJson(path.join(ana.cache, 'mcp-remote-v1', `${hash}_client_info.json`));
    const theirClient = readJson(path.join(bob.cache, 'mcp-remote-v1', `${hash}_client_info.json`));
    expect(ourClient.redirect_uris).toEqual(theirClient.redirect_uris);
    // The one documented difference: the name each mode registers under.
    expect([ourClient.client_name, theirClient.client_name]).toEqual(['MCP CLI Client', 'MCP CLI Proxy']);
    const { client_name: _a, client_id: _b, client_id_issued_at: _c, ...ourRest } = ourClient;
    const { client_name: _d, client_id: _e, client_id_issued_at: _f, ...theirRest } = theirClient;
    expect(ourRest).toEqual(theirRest);
    const registrationsBefore = server.stats.registrations;
    const authorizationsBefore = server.stats.authorizations;

    // 3. Ana's client starts the written entry: no new registration or authorization, tools work.
    const bridge = await runBridge(ana, entry, env);
    expect(bridge.tools).toHaveLength(6);
    expect(bridge.stderr).not.toContain('Please authorize this client');
    expect(server.stats.registrations).toBe(registrationsBefore);
    expect(server.stats.authorizations).toBe(authorizationsBefore);

    // 4. login again: already signed in, no browser.
    const again = await login(ana, ['--url', url]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toContain(`✓ Already signed in to Intercom at ${url}: 6 tools available`);
    expect(again.stdout).not.toContain('/authorize?');
    expect(server.stats.authorizations).toBe(authorizationsBefore);

    expectNoTokens(ana, signedIn.stdout, signedIn.stderr, again.stdout, again.stderr, setup.stdout, setup.stderr);
  }, 180_000);

  it('legacy SSE with --json: one JSON object on stdout, progress on stderr, no token text', async () => {
    const server = await fixture();
    const who = await person('json');
    const result = await login(who, ['--url', server.sseUrl, '--json']);
    expect(result.exitCode, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ ok: true, url: server.sseUrl, tools: 6, alreadySignedIn: false, hash: md5(server.sseUrl) });
    expect(report.tokensFile).toBe(path.join(who.cache, 'mcp-remote-v1', `${md5(server.sseUrl)}_tokens.json`));
    expect(result.stderr).toContain('Opening your browser');
    expect(storedSecrets(who).length).toBeGreaterThan(0);
    expectNoTokens(who, result.stdout, result.stderr);
  }, 60_000);

  it('registration refused: one line naming Intercom\u2019s redirect allow-list, exit 1', async () => {
    const server = await fixture({ refuseRegistration: true });
    const who = await person('refused');
    const result = await login(who, ['--url', server.mcpUrl]);
    expect(result.exitCode).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^login failed: registration refused: Intercom refused to register mcp-remote's redirect URI http:\/\/localhost:\d+\/oauth\/callback \(invalid_redirect_uri: ".*allow-list.*"\): Intercom only accepts loopback/,
    );
    expect(lines[0]).toContain('reset-auth');
    expect(result.durationMs).toBeLessThan(20_000);
  }, 60_000);

  it('token exchange refused: one line, exit 1, no tokens stored', async () => {
    const server = await fixture({ tokenError: true });
    const who = await person('token');
    const result = await login(who, ['--url', server.sseUrl]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^login failed: token exchange refused: Intercom did not accept the authorization code \(invalid_grant\): "The authorization code was refused/,
    );
    expect(server.stats).toMatchObject({ authorizations: 1, tokenIssued: 0 });
    expect(cacheFiles(who, md5(server.sseUrl)).filter((name) => name.endsWith('_tokens.json'))).toEqual([]);
  }, 60_000);

  it('region mismatch: the workspace is in the EU, the endpoint is not: says which region to use', async () => {
    const server = await fixture({ workspaceRegion: 'eu' });
    const who = await person('region');
    const result = await login(who, ['--url', server.mcpUrl, '--timeout', '30000']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(
      `login failed: region mismatch: the workspace you signed in to is not served by ${server.mcpUrl}: Intercom said "${regionMismatchDescription('eu')}"`,
    );
    expect(result.stderr).toContain('intercom-mcp-setup login --region eu --transport http');
    // mcp-remote can miss the refusal and wait forever: login does not wait for its deadline.
    expect(result.durationMs).toBeLessThan(20_000);
  }, 60_000);

  it('no display and no BROWSER: prints the URL to open; after --timeout, "browser not opened"', async () => {
    const server = await fixture();
    const who = await person('headless');
    const env = {
      PATH: [path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter),
      MCP_REMOTE_CONFIG_DIR: who.cache,
      INTERCOM_MCP_SETUP_MCP_REMOTE_CLIENT: CLIENT_JS,
      DISPLAY: undefined,
      WAYLAND_DISPLAY: undefined,
      BROWSER: undefined,
    };
    const result = await login(who, ['--url', server.mcpUrl, '--timeout', '4000'], env);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('No display here, so no browser can open. To sign in, open this URL in a browser on this computer:');
    expect(result.stdout).toMatch(new RegExp(`\\n  ${server.url.replace(/[.:/]/g, '\\$&')}/authorize\\?\\S+\\n`));
    expect(result.stdout).toMatch(/over SSH, forward the callback port first: ssh -L (\d+):localhost:\1/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^login failed: browser not opened: no browser could be opened here \(no display: DISPLAY, WAYLAND_DISPLAY and BROWSER are unset\), and the sign-in URL printed above was not completed within 4 s; /,
    );
    expect(result.durationMs).toBeLessThan(15_000);
    expect(server.stats.authorizations).toBe(0);
    // Nothing of the abandoned flow is left but the registration, as the bridge would leave it.
    expect(cacheFiles(who, md5(server.mcpUrl))).toEqual([`${md5(server.mcpUrl)}_client_info.json`]);
  }, 60_000);

  it('a browser that never comes back: "callback never reached" after --timeout', async () => {
    const server = await fixture();
    const who = await person('idle');
    const result = await login(who, ['--url', server.sseUrl, '--timeout', '3000'], desktopEnv(who, idleBin));
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(
      /^login failed: callback never reached: the browser never came back to http:\/\/localhost:\d+\/oauth\/callback within 3 s; finish the sign-in in the browser tab/,
    );
    expect(result.durationMs).toBeLessThan(15_000);
  }, 60_000);

  it('Ctrl-C while waiting cancels cleanly: exit 130, the callback port is free again', async () => {
    const server = await fixture();
    const who = await person('ctrl-c');
    const child = execa(process.execPath, [CLI, 'login', '--url', server.mcpUrl], {
      cwd: who.home,
      env: cleanEnv(who.home, desktopEnv(who, idleBin)),
      extendEnv: false,
      reject: false,
      timeout: 60_000,
    });
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    await withTimeout(
      new Promise<void>((resolve) => {
        const check = (): void => {
          if (/Waiting for you to approve access in the browser/.test(stdout)) resolve();
          else setTimeout(check, 50);
        };
        check();
      }),
      30_000,
      `login to wait for the browser; it said:\n${stdout}`,
    );
    const port = Number(/localhost%3A(\d+)%2Foauth/.exec(stdout)?.[1]);
    expect(port).toBeGreaterThan(0);
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(130);
    expect(String(result.stderr)).toContain('Cancelled: the sign-in did not finish; run npx intercom-mcp-setup login to try again.');
    // The cancellation was said once, by login: no error line after it.
    expect(String(result.stderr)).not.toContain('intercom-mcp-setup:');
    // mcp-remote-client is gone with it: its callback port can be bound again.
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        const probe = net.createServer();
        probe.once('error', reject);
        probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
      }),
      5000,
      'binding the callback port',
    );
  }, 60_000);
});

describe('setup --login', () => {
  it('signs in once after writing a bridge entry; native entries say they sign in themselves', async () => {
    const server = await fixture();
    const who = await person('setup-login');
    const env = desktopEnv(who);
    const bridged = await runCli(['--client', 'cursor', '--url', server.mcpUrl, '--no-check', '--login'], { home: who.home, env, timeout: 60_000 });
    expect(bridged.exitCode, bridged.stderr).toBe(0);
    expect(bridged.stdout).toContain('Signing in to Intercom for Cursor (--login)');
    expect(bridged.stdout).toContain(`✓ Signed in to Intercom at ${server.mcpUrl}: 6 tools available`);
    expect(server.stats.authorizations).toBe(1);
    expect(cacheFiles(who, md5(server.mcpUrl))).toEqual([`${md5(server.mcpUrl)}_client_info.json`, `${md5(server.mcpUrl)}_tokens.json`]);

    const native = await runCli(['--client', 'vscode', '--native', '--url', server.mcpUrl, '--no-check', '--login'], { home: who.home, env, timeout: 60_000 });
    expect(native.exitCode, native.stderr).toBe(0);
    expect(native.stdout).toContain('VS Code uses its own entry and keeps its own sign-in');
    expect(native.stdout).toContain('Not signing in (--login): no mcp-remote bridge entry is in place');
    expect(server.stats.authorizations).toBe(1);

    const json = await runCli(['--client', 'windsurf', '--url', server.mcpUrl, '--no-check', '--login', '--json'], { home: who.home, env, timeout: 60_000 });
    expect(json.exitCode, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as { results: unknown[]; login: Record<string, unknown> };
    expect(report.results).toHaveLength(1);
    expect(report.login).toMatchObject({ ok: true, tools: 6, alreadySignedIn: true });
    expectNoTokens(who, bridged.stdout, bridged.stderr, native.stdout, json.stdout, json.stderr);
  }, 120_000);

  it('exits 1 with the one line when the sign-in fails after writing', async () => {
    const server = await fixture({ tokenError: true });
    const who = await person('setup-login-fail');
    const result = await runCli(['--client', 'cursor', '--url', server.sseUrl, '--no-check', '--login'], {
      home: who.home,
      env: desktopEnv(who),
      timeout: 60_000,
    });
    expect(result.exitCode).toBe(1);
    expect(existsSync(path.join(who.home, '.cursor', 'mcp.json'))).toBe(true);
    expect(result.stderr).toMatch(/^login failed: token exchange refused: /m);
    expect(await readFile(path.join(who.home, '.cursor', 'mcp.json'), 'utf8')).toContain(server.sseUrl);
  }, 60_000);
});
