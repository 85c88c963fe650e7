/**
 * login's library (src/auth/login.ts) and doctor's authenticated probe (src/doctor/auth-probe.ts):
 * reading mcp-remote-client's stderr, naming the failed step, choosing the binary, the process
 * handling (deadline, cancel, cleanup) with a fake mcp-remote-client, and the probe against the
 * in-process Intercom fixture.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serverHash } from '../../src/auth/auth-cache.js';
import { authProbeChecks } from '../../src/doctor/auth-probe.js';
import { probeWithToken } from '../../src/auth/probe.js';
import type { IntercomEntry } from '../../src/entries/intercom-entries.js';
import {
  classifyFailure,
  describeWait,
  escapeForCmdShim,
  failureLine,
  hasDisplay,
  mcpRemoteClientCommand,
  MCP_REMOTE_CLIENT_ENV,
  packageForUrl,
  readTranscript,
  regionOfDescription,
  signIn,
  type ClientCommand,
  type FailureContext,
} from '../../src/auth/login.js';
import { currentPlatform, type Platform } from '../../src/core/platform.js';
import { REDIRECT_ALLOWLIST_DESCRIPTION, regionMismatchDescription, startIntercomFixture, type IntercomFixture } from '../fixtures/intercom-server.js';
import { fakePlatform } from '../helpers/platform.js';

// ---------------------------------------------------------------------------------------------
// What mcp-remote-client 0.15.1 printed against the fixture (recorded, shortened)

const AUTHORIZE_URL =
  'http://127.0.0.1:39945/authorize?response_type=code&client_id=fixture-client-c2&code_challenge=zLy&code_challenge_method=S256&redirect_uri=http%3A%2F%2Flocalhost%3A16139%2Foauth%2Fcallback&state=efab';

const HEAD = `[12715] Using callback port derived from the server URL: 16139
[12715] Discovering OAuth server configuration...
[12715] Initializing auth coordination on-demand
[12715] OAuth callback server running at http://127.0.0.1:16139
[12715] This instance is running the sign-in for this server (callback port 16139)
[12715] [12715] Connecting to remote server: http://127.0.0.1:39945/mcp
[12715] Using transport strategy: http-first
`;
const AUTHORIZE = `[12715] \nPlease authorize this client by visiting:\n${AUTHORIZE_URL}\n\n`;

const SUCCESS = `${HEAD}${AUTHORIZE}[12715] Auth code received, resolving promise
[12715] Browser opened automatically.
[12715] Authentication required. Initializing auth...
[12715] Authentication required. Waiting for authorization...
[12715] Completing authorization...
[12715] Recursively reconnecting for reason: authentication-needed
[12715] Connected to remote server using StreamableHTTPClientTransport
[12715] Connected successfully!
[12715] Requesting tools list...
[12715] Received message: {
  "jsonrpc": "2.0",
  "id": 2,
  "result": {
    "tools": [
      {
        "name": "ignored-from-the-raw-message"
      }
    ]
  }
}
[12715] Tools: {
  "tools": [
    {
      "name": "search",
      "inputSchema": {
        "type": "object"
      }
    },
    {
      "name": "fetch"
    }
  ]
}
[12715] Requesting resource list...
[12715] Error requesting resources list: ProtocolError2: Method not found
[12715] Exiting OK...
`;

const REGISTRATION_REFUSED = `${HEAD}[13026] Connection error: RegistrationRejectedError: Dynamic Client Registration rejected (HTTP 400): {"error":"invalid_redirect_uri","error_description":"${REDIRECT_ALLOWLIST_DESCRIPTION}"}
  status: 400,
  body: '{"error":"invalid_redirect_uri"}',
  submittedMetadata: {
    redirect_uris: [ 'http://localhost:41531/oauth/callback' ],
    token_endpoint_auth_method: 'none',
    client_name: 'MCP CLI Client',
  }
}
[13026] Fatal error: RegistrationRejectedError: Dynamic Client Registration rejected (HTTP 400): {"error":"invalid_redirect_uri"}
`;

const TOKEN_REFUSED = `${HEAD}${AUTHORIZE}[13051] Auth code received, resolving promise
[13051] Browser opened automatically.
[13051] Completing authorization...
[13051] Authorization error: OAuthError2: The authorization code was refused: the workspace admin has disabled this app
    at OAuthError2.fromResponse (file:///work/main/node_modules/mcp-remote/dist/chunk-KJCT2FXL.js:15604:12)
    at async runClient (file:///work/main/node_modules/mcp-remote/dist/client.js:113:23) {
  code: 'invalid_grant',
  errorUri: undefined
}
[13051] Fatal error: OAuthError2: The authorization code was refused: the workspace admin has disabled this app
`;

const REGION = `${HEAD}${AUTHORIZE}[13103] Authorization failed: access_denied - ${regionMismatchDescription('eu')}
[13103] Browser opened automatically.
[13103] Authentication required. Waiting for authorization...
`;

const HEADLESS = `${HEAD}${AUTHORIZE}[13848] Trying /usr/bin/xdg-open to open the browser...
[13848] Trying gio to open the browser...
[13848] Could not open a browser automatically. Please copy and paste the URL above into your browser.
[13848] Authentication required. Waiting for authorization...
`;

const US_URL = 'https://mcp.intercom.com/sse';
const NPX: ClientCommand = {
  command: 'npx',
  args: ['-y', '--package=mcp-remote', 'mcp-remote-client'],
  display: 'npx -y --package=mcp-remote mcp-remote-client',
  source: 'npx',
};

function context(extra: Partial<FailureContext> = {}): FailureContext {
  return { url: US_URL, timeoutMs: 120_000, timedOut: false, headless: false, command: NPX, exitCode: 1, ...extra };
}

describe('readTranscript: what mcp-remote-client said', () => {
  it('follows a successful sign-in: port, URL, browser, callback, connection, the tool names from "Tools:"', () => {
    const t = readTranscript(SUCCESS);
    expect(t).toMatchObject({
      callbackPort: 16139,
      authorizeUrl: AUTHORIZE_URL,
      browserOpened: true,
      callbackReached: true,
      exchanging: true,
      connected: true,
      finishedOk: true,
      anotherInstance: false,
    });
    expect(t.toolNames).toEqual(['search', 'fetch']);
    expect(t.fatal).toBeUndefined();
  });

  it('reads each failure', () => {
    expect(readTranscript(REGISTRATION_REFUSED).registrationRefused).toEqual({
      status: 400,
      error: 'invalid_redirect_uri',
      description: REDIRECT_ALLOWLIST_DESCRIPTION,
      redirectUri: 'http://localhost:41531/oauth/callback',
      raw: expect.stringContaining('invalid_redirect_uri'),
    });
    expect(readTranscript(TOKEN_REFUSED).exchangeError).toEqual({
      message: 'The authorization code was refused: the workspace admin has disabled this app',
      code: 'invalid_grant',
    });
    expect(readTranscript(REGION).authorizationFailed).toEqual({ error: 'access_denied', description: regionMismatchDescription('eu') });
    expect(readTranscript(HEADLESS)).toMatchObject({ browserOpened: false, callbackReached: false });
    expect(readTranscript('npm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/mcp-remote').npmError).toBe('E404');
  });

  it('survives partial output: nothing is claimed before it is said', () => {
    const partial = readTranscript(`${HEAD}[1] \nPlease authorize this client by visiting:\n`);
    expect(partial.authorizeUrl).toBeUndefined();
    expect(partial.callbackPort).toBe(16139);
    const cut = readTranscript(SUCCESS.slice(0, SUCCESS.indexOf('"name": "fetch"')));
    expect(cut.toolNames).toBeUndefined();
    expect(cut.connected).toBe(true);
  });
});

describe('classifyFailure: which step failed, and what to do', () => {
  it('registration refused names Intercom\u2019s redirect allow-list', () => {
    const failure = classifyFailure(readTranscript(REGISTRATION_REFUSED), context());
    expect(failure.step).toBe('registration');
    expect(failure.message).toContain('http://localhost:41531/oauth/callback');
    expect(failure.message).toContain('invalid_redirect_uri');
    expect(failure.message).toContain('allow-list');
    expect(failure.fix).toContain('reset-auth');
    const line = failureLine(failure);
    expect(line).toMatch(/^login failed: registration refused: /);
    expect(line).not.toContain('\n');
  });

  it('token exchange refused, region mismatch, a refusal in the browser', () => {
    expect(classifyFailure(readTranscript(TOKEN_REFUSED), context())).toMatchObject({ step: 'token', message: expect.stringContaining('(invalid_grant)') });
    const region = classifyFailure(readTranscript(REGION), context({ url: 'https://mcp.intercom.com/mcp' }));
    expect(region.step).toBe('region');
    expect(region.fix).toContain('intercom-mcp-setup login --region eu --transport http');
    const declined = readTranscript(`${HEAD}${AUTHORIZE}[1] Authorization failed: access_denied - The user denied access\n`);
    expect(classifyFailure(declined, context())).toMatchObject({ step: 'authorization' });
    // The same EU answer on the EU endpoint is not a region mismatch.
    expect(classifyFailure(readTranscript(REGION), context({ url: 'https://mcp.eu.intercom.com/sse' })).step).toBe('authorization');
  });

  it('after the deadline: browser not opened, callback never reached, exchange stuck, never started', () => {
    const headless = classifyFailure(readTranscript(HEADLESS), context({ timedOut: true, timeoutMs: 4000 }));
    expect(headless.step).toBe('browser');
    expect(headless.message).toContain('within 4 s');
    expect(headless.fix).toContain('ssh -L 16139:localhost:16139');
    const noDisplay = classifyFailure(readTranscript(`${HEAD}${AUTHORIZE}`), context({ timedOut: true, headless: true }));
    expect(noDisplay).toMatchObject({ step: 'browser', message: expect.stringContaining('no display') });
    const opened = classifyFailure(readTranscript(`${HEAD}${AUTHORIZE}[1] Browser opened automatically.\n`), context({ timedOut: true }));
    expect(opened.step).toBe('callback');
    expect(opened.message).toContain('http://localhost:16139/oauth/callback within 2 minutes');
    const stuck = classifyFailure(readTranscript(`${HEAD}${AUTHORIZE}[1] Auth code received\n[1] Completing authorization...\n`), context({ timedOut: true }));
    expect(stuck.step).toBe('token');
    expect(classifyFailure(readTranscript(''), context({ timedOut: true })).message).toContain('npm registry');
    const sibling = classifyFailure(readTranscript('[1] Another instance is running the sign-in for this server on port 16139\n'), context({ timedOut: true }));
    expect(sibling).toMatchObject({ step: 'callback', message: expect.stringContaining('another mcp-remote') });
  });

  it('could not start, npm failed, could not connect', () => {
    expect(classifyFailure(readTranscript(''), context({ spawnError: 'ENOENT' }))).toMatchObject({ step: 'start', message: expect.stringContaining('ENOENT') });
    expect(classifyFailure(readTranscript('npm error code ENOTFOUND\n'), context())).toMatchObject({
      step: 'start',
      message: expect.stringContaining('ENOTFOUND'),
    });
    const fatal = classifyFailure(readTranscript(`${HEAD}[1] Fatal error: TypeError: fetch failed\n`), context());
    expect(fatal).toMatchObject({ step: 'connect', message: expect.stringContaining('fetch failed') });
  });

  it('regionOfDescription reads EU, US and AU wording, and nothing else', () => {
    expect(regionOfDescription(regionMismatchDescription('eu'))).toBe('eu');
    expect(regionOfDescription(regionMismatchDescription('us'))).toBe('us');
    expect(regionOfDescription('Workspace region is AU (app.au.intercom.com)')).toBe('au');
    expect(regionOfDescription('The user denied access')).toBeUndefined();
  });
});

describe('which mcp-remote-client runs', () => {
  it('npx with the entries\u2019 package by default; the override variable when set (absolute only)', () => {
    expect(mcpRemoteClientCommand(fakePlatform('linux'))).toMatchObject({
      command: 'npx',
      args: ['-y', '--package=mcp-remote', 'mcp-remote-client'],
      source: 'npx',
    });
    expect(mcpRemoteClientCommand(fakePlatform('darwin'), 'mcp-remote@0.15.1').args).toEqual(['-y', '--package=mcp-remote@0.15.1', 'mcp-remote-client']);
    const script = mcpRemoteClientCommand(fakePlatform('linux', { env: { [MCP_REMOTE_CLIENT_ENV]: '/opt/mcp-remote/dist/client.js' } }));
    expect(script).toMatchObject({ command: process.execPath, args: ['/opt/mcp-remote/dist/client.js'], source: 'override' });
    const bin = mcpRemoteClientCommand(fakePlatform('linux', { env: { [MCP_REMOTE_CLIENT_ENV]: '/usr/local/bin/mcp-remote-client' } }));
    expect(bin).toMatchObject({ command: '/usr/local/bin/mcp-remote-client', args: [] });
    expect(() => mcpRemoteClientCommand(fakePlatform('linux', { env: { [MCP_REMOTE_CLIENT_ENV]: 'bin/client.js' } }))).toThrow(/absolute path/);
    expect(() => mcpRemoteClientCommand(fakePlatform('linux'), 'evil; rm -rf /')).toThrow(/package spec/);
  });

  it('on Windows: npm\u2019s npx-cli.js with node when it is there, else npx.cmd through cmd.exe with escaped arguments', () => {
    const node = 'C:\\Program Files\\nodejs\\node.exe';
    const npxCli = 'C:\\Program Files\\nodejs\\node_modules\\npm\\bin\\npx-cli.js';
    const direct = mcpRemoteClientCommand(fakePlatform('win32'), 'mcp-remote', node, (p) => p === npxCli);
    expect(direct).toMatchObject({ command: node, args: [npxCli, '-y', '--package=mcp-remote', 'mcp-remote-client'] });
    expect(mcpRemoteClientCommand(fakePlatform('win32'), 'mcp-remote', node, () => false)).toMatchObject({ command: 'npx.cmd', cmdShim: true });
    expect(escapeForCmdShim('https://mcp.intercom.com/sse')).toBe('^^^"https://mcp.intercom.com/sse^^^"');
    expect(escapeForCmdShim('a&b %PATH%')).toBe('^^^"a^^^&b^^^ ^^^%PATH^^^%^^^"');
  });

  it('packageForUrl follows a pinned bridge entry for the URL, and names entries stored under another key', () => {
    const entry = (args: string[], configDir?: string): IntercomEntry =>
      ({
        ...(configDir ? { configDir } : {}),
        client: { id: 'cursor', label: 'Cursor' },
        scope: 'user',
        path: '/h/.cursor/mcp.json',
        entry: { container: 'mcpServers', name: 'intercom', value: { command: 'npx', args } },
        url: args.find((arg) => arg.startsWith('https://')),
        invocation: {
          url: args.find((arg) => arg.startsWith('https://')) ?? '',
          headers: args.includes('--header') ? { Authorization: 'Bearer ${T}' } : {},
          authorizeParams: {},
          headerFiles: [],
        },
      }) as unknown as IntercomEntry;
    expect(packageForUrl([entry(['-y', 'mcp-remote', US_URL])], US_URL)).toMatchObject({ spec: 'mcp-remote', otherKeys: [] });
    expect(packageForUrl([entry(['-y', 'mcp-remote@0.15.1', US_URL])], US_URL).spec).toBe('mcp-remote@0.15.1');
    expect(packageForUrl([entry(['-y', 'mcp-remote@0.15.1', 'https://mcp.eu.intercom.com/sse'])], US_URL).spec).toBe('mcp-remote');
    expect(packageForUrl([entry(['-y', 'mcp-remote', US_URL, '--header', 'Authorization: Bearer ${T}'])], US_URL).otherKeys).toHaveLength(1);
    // The entries' own cache folder is where login must sign in; two different ones: neither.
    expect(packageForUrl([entry(['-y', 'mcp-remote', US_URL], '/srv/auth')], US_URL).configDir).toBe('/srv/auth');
    expect(packageForUrl([entry(['-y', 'mcp-remote', US_URL], '/srv/auth'), entry(['-y', 'mcp-remote', US_URL])], US_URL).configDir).toBeUndefined();
  });

  it('hasDisplay: macOS and Windows always; Linux with DISPLAY, WAYLAND_DISPLAY or BROWSER', () => {
    expect(hasDisplay(fakePlatform('darwin'))).toBe(true);
    expect(hasDisplay(fakePlatform('win32'))).toBe(true);
    expect(hasDisplay(fakePlatform('linux'))).toBe(false);
    expect(hasDisplay(fakePlatform('linux', { env: { DISPLAY: ':0' } }))).toBe(true);
    expect(hasDisplay(fakePlatform('linux', { env: { WAYLAND_DISPLAY: 'wayland-0' } }))).toBe(true);
    expect(hasDisplay(fakePlatform('linux', { env: { BROWSER: 'w3m' } }))).toBe(true);
    expect(describeWait(120_000)).toBe('2 minutes');
    expect(describeWait(60_000)).toBe('1 minute');
    expect(describeWait(4500)).toBe('5 s');
  });
});

// ---------------------------------------------------------------------------------------------
// signIn's process handling, with a fake mcp-remote-client

describe('signIn with a fake mcp-remote-client', () => {
  let work: string;
  beforeAll(async () => {
    work = await realpath(await mkdtemp(path.join(os.tmpdir(), 'ims-login-unit-')));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  /** A script that prints `stderr`, writes its pid and a PKCE verifier file, then waits forever (or exits). */
  async function fake(name: string, stderr: string, exitCode?: number): Promise<{ platform: Platform; pidFile: string; cache: string }> {
    const dir = path.join(work, name);
    const cache = path.join(dir, 'auth');
    await mkdir(path.join(cache, 'mcp-remote-v1'), { recursive: true });
    const pidFile = path.join(dir, 'pid');
    const script = path.join(dir, 'client.mjs');
    await writeFile(
      script,
      `import { writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
const url = process.argv[2];
const hash = createHash('md5').update(url).digest('hex');
writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));
writeFileSync(process.env.MCP_REMOTE_CONFIG_DIR + '/mcp-remote-v1/' + hash + '_code_verifier_' + process.pid + '.txt', 'v');
process.stderr.write(${JSON.stringify(stderr)});
${exitCode === undefined ? 'setInterval(() => {}, 1000);' : `process.exit(${exitCode});`}
`,
    );
    const platform = currentPlatform({ HOME: dir, PATH: process.env.PATH, DISPLAY: ':0', MCP_REMOTE_CONFIG_DIR: cache, [MCP_REMOTE_CLIENT_ENV]: script });
    return { platform, pidFile, cache };
  }

  function alive(pid: number): boolean {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  it('stops at the deadline, kills the client, removes the verifier it left, and names the step', async () => {
    const { platform, pidFile, cache } = await fake('deadline', `${HEAD}${AUTHORIZE}[1] Browser opened automatically.\n`);
    const events: string[] = [];
    const started = Date.now();
    const result = await signIn({ platform, url: 'http://127.0.0.1:9/mcp', timeoutMs: 1500, onEvent: (event) => events.push(event.type) });
    expect(Date.now() - started).toBeLessThan(6000);
    expect(result.ok).toBe(false);
    if (result.ok || result.cancelled) throw new Error('expected a failure');
    expect(result.failure.step).toBe('callback');
    expect(events).toEqual(['started', 'authorize', 'browser']);
    const pid = Number(await readFile(pidFile, 'utf8'));
    expect(alive(pid)).toBe(false);
    expect(await readdir(path.join(cache, 'mcp-remote-v1'))).toEqual([]);
  });

  it('cancels on abort (Ctrl-C) and kills the client', async () => {
    const { platform, pidFile } = await fake('cancel', `${HEAD}${AUTHORIZE}`);
    const controller = new AbortController();
    const running = signIn({
      platform,
      url: 'http://127.0.0.1:9/mcp',
      timeoutMs: 30_000,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'authorize') controller.abort();
      },
    });
    const result = await running;
    expect(result).toMatchObject({ ok: false, cancelled: true });
    expect(alive(Number(await readFile(pidFile, 'utf8')))).toBe(false);
  });

  it('does not wait for the deadline once the browser came back refused (mcp-remote may hang)', async () => {
    const { platform } = await fake('refused', REGION);
    const started = Date.now();
    const result = await signIn({ platform, url: 'https://mcp.intercom.com/sse', timeoutMs: 30_000 });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result).toMatchObject({ ok: false, failure: { step: 'region' } });
  });

  it('succeeds on exit 0 after "Connected successfully!" with the tool count from its tools/list', async () => {
    const { platform } = await fake('ok', SUCCESS, 0);
    const result = await signIn({ platform, url: 'http://127.0.0.1:9/mcp', timeoutMs: 10_000 });
    expect(result).toMatchObject({ ok: true, tools: 2, toolNames: ['search', 'fetch'], alreadySignedIn: false, hash: serverHash('http://127.0.0.1:9/mcp') });
    // No tokens.json was written by the fake: the result says so instead of pointing at one.
    expect(result.ok && result.tokensFile).toBeFalsy();
  });

  it('reports a binary that cannot be started', async () => {
    const platform = currentPlatform({
      HOME: work,
      PATH: process.env.PATH,
      MCP_REMOTE_CONFIG_DIR: path.join(work, 'none'),
      [MCP_REMOTE_CLIENT_ENV]: path.join(work, 'missing-client'),
    });
    const result = await signIn({ platform, url: 'http://127.0.0.1:9/mcp', timeoutMs: 5000 });
    expect(result).toMatchObject({ ok: false, failure: { step: 'start', message: expect.stringContaining('ENOENT') } });
  });
});

// ---------------------------------------------------------------------------------------------
// The authenticated probe against the fixture

const STATIC_TOKEN = 'static-intercom-token-for-the-probe';

describe('authenticated probe (doctor)', () => {
  let fixture: IntercomFixture;
  let work: string;
  beforeAll(async () => {
    fixture = await startIntercomFixture({ staticToken: STATIC_TOKEN });
    work = await realpath(await mkdtemp(path.join(os.tmpdir(), 'ims-probe-unit-')));
  });
  afterAll(async () => {
    await fixture.close();
    await rm(work, { recursive: true, force: true });
  });
  afterEach(() => fixture.setMode('ok'));

  it('initialize + tools/list over Streamable HTTP and legacy SSE', async () => {
    for (const url of [fixture.mcpUrl, fixture.sseUrl]) {
      const outcome = await probeWithToken(url, STATIC_TOKEN, 3000);
      expect(outcome).toMatchObject({ kind: 'ok', tools: 6, serverName: 'intercom-fixture' });
    }
  });

  it('401 for a token the server does not know; bounded when the server hangs; HTML is not MCP', async () => {
    expect(await probeWithToken(fixture.mcpUrl, 'nope', 3000)).toMatchObject({ kind: 'unauthorized', detail: 'invalid_token' });
    expect(await probeWithToken(fixture.sseUrl, 'nope', 3000)).toMatchObject({ kind: 'unauthorized' });
    fixture.setMode('hang', 'mcp');
    const started = Date.now();
    expect(await probeWithToken(fixture.sseUrl, STATIC_TOKEN, 500)).toMatchObject({ kind: 'network', detail: expect.stringContaining('within 500 ms') });
    expect(Date.now() - started).toBeLessThan(3000);
    fixture.setMode('html200', 'mcp');
    expect(await probeWithToken(fixture.mcpUrl, STATIC_TOKEN, 3000)).toMatchObject({ kind: 'http' });
  });

  it('never sends the token to another origin named by the SSE endpoint event', async () => {
    const seen: Array<string | undefined> = [];
    const elsewhere = http.createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(202).end();
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    const otherPort = (elsewhere.address() as { port: number }).port;
    const stream = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(`event: endpoint\ndata: http://localhost:${otherPort}/steal\n\n`);
    });
    await new Promise<void>((resolve) => stream.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(stream.address() as { port: number }).port}/sse`;
      expect(await probeWithToken(url, STATIC_TOKEN, 2000)).toMatchObject({ kind: 'protocol', detail: expect.stringContaining('another origin') });
      expect(seen).toEqual([]);
    } finally {
      stream.closeAllConnections();
      await new Promise((resolve) => stream.close(resolve));
      await new Promise((resolve) => elsewhere.close(resolve));
    }
  });

  async function cacheWith(name: string, url: string, tokens: Record<string, unknown>): Promise<Platform> {
    const base = path.join(work, name);
    await mkdir(path.join(base, 'mcp-remote-v1'), { recursive: true });
    await writeFile(path.join(base, 'mcp-remote-v1', `${serverHash(url)}_tokens.json`), JSON.stringify(tokens));
    return currentPlatform({ HOME: work, MCP_REMOTE_CONFIG_DIR: base });
  }

  it('authProbeChecks: pass with the tool count, warn naming login for a refused token, skip an expired one with a refresh token', async () => {
    const secrets: string[] = [];
    const good = await cacheWith('good', fixture.mcpUrl, { access_token: STATIC_TOKEN, refresh_token: 'REFRESH-1', expires_at: Date.now() + 3_600_000 });
    const [pass] = await authProbeChecks(good, [fixture.mcpUrl], 3000, { onSecret: (s) => secrets.push(s) });
    expect(pass).toMatchObject({ id: 'auth.probe', status: 'pass', message: expect.stringContaining('6 tools') });
    expect(secrets).toEqual([STATIC_TOKEN, 'REFRESH-1']);

    const revoked = await cacheWith('revoked', fixture.sseUrl, { access_token: 'REVOKED-TOKEN', expires_at: Date.now() + 3_600_000 });
    const [warn] = await authProbeChecks(revoked, [fixture.sseUrl], 3000);
    expect(warn).toMatchObject({ status: 'warn', fix: expect.stringContaining('intercom-mcp-setup login') });
    expect(warn?.fix).toContain('reset-auth');
    expect(warn?.message).toContain('401');

    const expired = await cacheWith('expired', fixture.mcpUrl, { access_token: 'OLD', refresh_token: 'R', expires_at: Date.now() - 7_200_000 });
    expect((await authProbeChecks(expired, [fixture.mcpUrl], 3000))[0]).toMatchObject({
      status: 'skip',
      message: expect.stringContaining('expired 2 hours ago'),
    });
    const dead = await cacheWith('dead', fixture.mcpUrl, { access_token: 'OLD', expires_at: Date.now() - 7_200_000 });
    expect((await authProbeChecks(dead, [fixture.mcpUrl], 3000))[0]).toMatchObject({ status: 'warn', fix: expect.stringContaining('login') });

    for (const check of [pass, warn]) expect(JSON.stringify(check)).not.toMatch(/static-intercom-token|REVOKED-TOKEN|REFRESH-1/);
    // No tokens stored for an endpoint: no probe check at all.
    expect(await authProbeChecks(good, ['https://mcp.intercom.com/sse'], 3000)).toEqual([]);
    expect(await authProbeChecks(currentPlatform({ HOME: work, MCP_REMOTE_CONFIG_DIR: path.join(work, 'absent') }), [fixture.mcpUrl], 3000)).toEqual([]);
    expect(existsSync(path.join(work, 'absent'))).toBe(false);
  });
});
