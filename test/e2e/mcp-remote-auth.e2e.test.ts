/**
 * The real program: mcp-remote 0.15.1 (node_modules/.bin/mcp-remote) signs in to the loopback
 * Intercom-like fixture through OAuth (dynamic registration, authorize, PKCE token), proxies MCP
 * over stdio, reuses its cached tokens on the next start, and — after the built CLI's
 * `reset-auth --yes --url <that URL>` removed exactly that server's files — asks to sign in again.
 *
 * The "browser" is a stub: BROWSER (used by the xdg-open script bundled with the `open` package)
 * and `xdg-open`/`gio`/`x-www-browser`/`sensible-browser` first on PATH all point at a script that
 * only logs the URL. The test plays the browser: it reads "Please authorize this client by
 * visiting:" and the URL on the next line from mcp-remote's stderr, fetches it without following
 * redirects (the fixture approves at once with a 302 to mcp-remote's loopback callback), then
 * fetches that Location.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startIntercomFixture, type IntercomFixture } from '../fixtures/intercom-server.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(repoRoot, 'dist', 'cli.js');
const mcpRemoteBin = path.join(repoRoot, 'node_modules', '.bin', 'mcp-remote');
const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

const AUTHORIZE_LINE = /Please authorize this client by visiting:\s*\n(\S+)/;
const STEP_TIMEOUT_MS = 30_000;
const OTHER_SERVER_HASH = md5('https://mcp.linear.app/sse');

let fixture: IntercomFixture;
let work: string;
let home: string;
let cacheDir: string;
let binDir: string;
let browserLog: string;

const sessions = new Set<Session>();

// ---------------------------------------------------------------------------------------------
// Helpers

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function childEnv(): Record<string, string> {
  return {
    HOME: home,
    PATH: `${binDir}:${path.dirname(process.execPath)}:/usr/bin:/bin`,
    MCP_REMOTE_CONFIG_DIR: cacheDir,
    BROWSER: path.join(binDir, 'fake-browser'),
    NO_COLOR: '1',
    CI: 'true',
  };
}

/** One mcp-remote process driven by an MCP client over stdio. */
class Session {
  readonly client = new Client({ name: 'mcp-remote-auth-e2e', version: '1.0.0' });
  readonly transport: StdioClientTransport;
  stderr = '';
  readonly connected: Promise<void>;
  readonly startedAt = Date.now();
  private readonly listeners = new Set<() => void>();

  constructor(readonly url: string) {
    this.transport = new StdioClientTransport({
      command: mcpRemoteBin,
      args: [url],
      env: childEnv(),
      cwd: work,
      stderr: 'pipe',
    });
    this.transport.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
      for (const listener of this.listeners) listener();
    });
    sessions.add(this);
    // connect() spawns mcp-remote and sends initialize; mcp-remote answers it only once it is
    // connected to the server (after a sign-in when one is needed).
    this.connected = this.client.connect(this.transport, { timeout: 60_000 });
    this.connected.catch(() => undefined);
  }

  /** Resolves with the match once stderr matches, rejects after `ms`. */
  waitForStderr(pattern: RegExp, ms: number): Promise<RegExpMatchArray> {
    return withTimeout(
      new Promise<RegExpMatchArray>((resolve) => {
        const check = (): void => {
          const match = this.stderr.match(pattern);
          if (match) {
            this.listeners.delete(check);
            resolve(match);
          }
        };
        this.listeners.add(check);
        check();
      }),
      ms,
      `mcp-remote stderr to match ${pattern}; it said:\n${this.stderr}`,
    );
  }

  /** Plays the browser: the authorize URL, then the loopback callback it redirects to. */
  async signIn(): Promise<{ authorizeUrl: string; callback: string; callbackStatus: number }> {
    const match = await this.waitForStderr(AUTHORIZE_LINE, STEP_TIMEOUT_MS);
    const authorizeUrl = match[1] as string;
    expect(authorizeUrl.startsWith(`${fixture.url}/authorize?`)).toBe(true);
    const approval = await fetch(authorizeUrl, { redirect: 'manual', signal: AbortSignal.timeout(STEP_TIMEOUT_MS) });
    expect(approval.status).toBe(302);
    const callback = approval.headers.get('location');
    if (!callback) throw new Error('the fixture did not redirect to the callback');
    const callbackUrl = new URL(callback);
    expect(['localhost', '127.0.0.1']).toContain(callbackUrl.hostname);
    expect(callbackUrl.searchParams.get('code')).toBeTruthy();
    const answer = await fetch(callback, { redirect: 'manual', signal: AbortSignal.timeout(STEP_TIMEOUT_MS) });
    await answer.arrayBuffer();
    return { authorizeUrl, callback: `${callbackUrl.origin}${callbackUrl.pathname}`, callbackStatus: answer.status };
  }

  async ready(): Promise<void> {
    await withTimeout(this.connected, 60_000, `mcp-remote to answer initialize; it said:\n${this.stderr}`);
    if (process.env.E2E_VERBOSE) process.stderr.write(`--- ready after ${Date.now() - this.startedAt} ms\n`);
  }

  async close(): Promise<void> {
    sessions.delete(this);
    // E2E_VERBOSE=1 shows what mcp-remote said and how long the session took to get ready.
    if (process.env.E2E_VERBOSE) process.stderr.write(`--- mcp-remote ${this.url} (${Date.now() - this.startedAt} ms)\n${this.stderr}\n`);
    const pid = this.transport.pid;
    await withTimeout(this.client.close(), 10_000, 'closing the MCP client').catch(() => undefined);
    if (pid !== null && pid !== undefined) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

/** The cache files of one hash (names only), in the layout mcp-remote 0.15.1 uses. */
function cacheFiles(hash: string): string[] {
  const folder = path.join(cacheDir, 'mcp-remote-v1');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.startsWith(`${hash}_`))
    .sort();
}

function allCacheFiles(): string[] {
  const folder = path.join(cacheDir, 'mcp-remote-v1');
  return existsSync(folder) ? readdirSync(folder).sort() : [];
}

async function resetAuth(args: string[]) {
  const result = await execa(process.execPath, [cli, 'reset-auth', ...args], {
    cwd: work,
    env: childEnv(),
    extendEnv: false,
    reject: false,
    timeout: 30_000,
    stdin: 'ignore',
  });
  return { code: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr) };
}

async function useTools(session: Session): Promise<void> {
  const { tools } = await session.client.listTools(undefined, { timeout: STEP_TIMEOUT_MS });
  const names = tools.map((tool) => tool.name);
  expect(names).toEqual(expect.arrayContaining(['search', 'fetch', 'search_conversations', 'get_conversation', 'search_contacts', 'get_contact']));
  const result = await session.client.callTool({ name: 'search', arguments: { query: 'refund policy' } }, undefined, { timeout: STEP_TIMEOUT_MS });
  expect(result.isError).not.toBe(true);
  expect(result.content).toEqual([{ type: 'text', text: 'fixture result for: refund policy' }]);
}

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" first`);
  if (!existsSync(mcpRemoteBin)) throw new Error(`${mcpRemoteBin} is missing`);
  const version = JSON.parse(readFileSync(path.join(repoRoot, 'node_modules/mcp-remote/package.json'), 'utf8')).version;
  expect(version).toBe('0.15.1');

  work = await fsp.realpath(await fsp.mkdtemp(path.join(os.tmpdir(), 'mcp-remote-auth-e2e-')));
  home = path.join(work, 'home');
  cacheDir = path.join(work, 'mcp-auth');
  binDir = path.join(work, 'bin');
  browserLog = path.join(work, 'browser.log');
  await fsp.mkdir(home, { recursive: true });
  await fsp.mkdir(binDir, { recursive: true });
  const stub = `#!/bin/sh\nprintf '%s\\n' "$*" >> '${browserLog}'\nexit 0\n`;
  for (const name of ['fake-browser', 'xdg-open', 'gio', 'x-www-browser', 'sensible-browser', 'www-browser']) {
    await fsp.writeFile(path.join(binDir, name), stub, { mode: 0o755 });
  }
  fixture = await startIntercomFixture();
});

afterEach(async () => {
  for (const session of [...sessions]) await session.close();
});

afterAll(async () => {
  for (const session of [...sessions]) await session.close();
  await fixture?.close();
  if (work) await fsp.rm(work, { recursive: true, force: true });
});

describe('mcp-remote 0.15.1 against the Intercom fixture, and reset-auth', () => {
  for (const transport of ['mcp', 'sse'] as const) {
    it(
      `${transport === 'mcp' ? 'Streamable HTTP (/mcp)' : 'legacy SSE (/sse)'}: sign in, reuse the tokens, reset only this server, sign in again`,
      async () => {
        const url = transport === 'mcp' ? fixture.mcpUrl : fixture.sseUrl;
        const hash = md5(url);
        const stats = fixture.stats;

        // 1. First start: no tokens, so mcp-remote asks to sign in.
        const registrations0 = stats.registrations;
        const authorizations0 = stats.authorizations;
        const first = new Session(url);
        const signIn = await first.signIn();
        expect(signIn.callbackStatus).toBe(200);
        await first.ready();
        await useTools(first);
        expect(stats.registrations).toBe(registrations0 + 1);
        expect(stats.authorizations).toBe(authorizations0 + 1);
        expect(first.stderr).toMatch(/Browser opened automatically\./);
        expect(readFileSync(browserLog, 'utf8')).toContain(`${fixture.url}/authorize?`);
        await first.close();

        // The tokens are cached under md5(url), exactly as reset-auth computes it.
        const files = cacheFiles(hash);
        expect(files).toEqual(expect.arrayContaining([`${hash}_client_info.json`, `${hash}_tokens.json`]));
        const tokens = JSON.parse(readFileSync(path.join(cacheDir, 'mcp-remote-v1', `${hash}_tokens.json`), 'utf8')) as Record<string, unknown>;
        expect(typeof tokens.access_token).toBe('string');
        expect(typeof tokens.expires_at).toBe('number');

        // 2. Second start, before any reset: the cached tokens are reused, no sign-in.
        const second = new Session(url);
        await second.ready();
        await useTools(second);
        expect(second.stderr).not.toMatch(AUTHORIZE_LINE);
        expect(stats.registrations).toBe(registrations0 + 1);
        expect(stats.authorizations).toBe(authorizations0 + 1);
        await second.close();

        // 3. reset-auth --url removes exactly this server's files.
        const planted = path.join(cacheDir, 'mcp-remote-v1', `${OTHER_SERVER_HASH}_tokens.json`);
        await fsp.writeFile(planted, JSON.stringify({ access_token: 'OTHER-SERVER-TOKEN', expires_at: Date.now() + 3_600_000 }));
        const before = allCacheFiles();
        const dryRun = await resetAuth(['--dry-run', '--url', url]);
        expect(dryRun.code, dryRun.stderr).toBe(0);
        expect(dryRun.stdout).toContain(`${url}\n    mcp-remote-v1/  access token expires in 1 hour`);
        expect(allCacheFiles()).toEqual(before);

        const reset = await resetAuth(['--yes', '--json', '--url', url]);
        expect(reset.code, reset.stderr).toBe(0);
        expect(reset.stderr).toBe('');
        const report = JSON.parse(reset.stdout) as { removed: string[]; kept: string[] };
        expect(report.removed.map((p) => path.basename(p)).sort()).toEqual(before.filter((name) => name.startsWith(`${hash}_`)));
        expect(cacheFiles(hash)).toEqual([]);
        expect(allCacheFiles()).toEqual(before.filter((name) => !name.startsWith(`${hash}_`)));
        expect(existsSync(planted)).toBe(true);
        for (const output of [dryRun.stdout, dryRun.stderr, reset.stdout]) {
          expect(output).not.toContain(tokens.access_token as string);
          expect(output).not.toContain('OTHER-SERVER-TOKEN');
        }
        await fsp.rm(planted);

        // 4. Third start, after the reset: mcp-remote registers and asks to sign in again.
        const third = new Session(url);
        await third.signIn();
        await third.ready();
        await useTools(third);
        expect(stats.registrations).toBe(registrations0 + 2);
        expect(stats.authorizations).toBe(authorizations0 + 2);
        await third.close();
        expect(cacheFiles(hash)).toEqual(expect.arrayContaining([`${hash}_tokens.json`]));
      },
      180_000,
    );
  }
});
