/**
 * Drives a stdio MCP bridge (the real mcp-remote, started exactly as a client config says) against
 * the loopback Intercom fixture, playing the browser for the OAuth sign-in.
 *
 * The "browser" is a stub: BROWSER (used by the xdg-open script bundled with the `open` package)
 * and `xdg-open`/`gio`/`x-www-browser`/`sensible-browser` first on PATH all point at a script that
 * only logs the URL. The test plays the browser: it reads "Please authorize this client by
 * visiting:" and the URL on the next line from mcp-remote's stderr, fetches it without following
 * redirects (the fixture approves at once with a 302 to mcp-remote's loopback callback), then
 * fetches that Location.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { startIntercomFixture, type IntercomFixture } from '../fixtures/intercom-server.js';
import { BROWSER_NAMES } from './fake-browser.js';

export const AUTHORIZE_LINE = /Please authorize this client by visiting:\s*\n(\S+)/;
const STEP_TIMEOUT_MS = 30_000;

/** A temp world: home, mcp-remote cache, stub browser, and the fixture server. */
export class BridgeWorld {
  readonly sessions = new Set<Session>();
  private constructor(
    readonly work: string,
    readonly home: string,
    readonly cacheDir: string,
    readonly binDir: string,
    readonly browserLog: string,
    readonly fixture: IntercomFixture,
  ) {}

  static async create(prefix: string): Promise<BridgeWorld> {
    const work = await fsp.realpath(await fsp.mkdtemp(path.join(os.tmpdir(), prefix)));
    const home = path.join(work, 'home');
    const binDir = path.join(work, 'bin');
    const browserLog = path.join(work, 'browser.log');
    await fsp.mkdir(home, { recursive: true });
    await fsp.mkdir(binDir, { recursive: true });
    const stub = `#!/bin/sh\nprintf '%s\\n' "$*" >> '${browserLog}'\nexit 0\n`;
    for (const name of BROWSER_NAMES) {
      await fsp.writeFile(path.join(binDir, name), stub, { mode: 0o755 });
    }
    return new BridgeWorld(work, home, path.join(work, 'mcp-auth'), binDir, browserLog, await startIntercomFixture());
  }

  /** What a client gives the bridge: no npm network (npx resolves the pinned dev dependency). */
  env(): Record<string, string> {
    return {
      HOME: this.home,
      PATH: `${this.binDir}:${path.dirname(process.execPath)}:/usr/bin:/bin`,
      MCP_REMOTE_CONFIG_DIR: this.cacheDir,
      BROWSER: path.join(this.binDir, 'fake-browser'),
      NO_COLOR: '1',
      CI: 'true',
      npm_config_offline: 'true',
      npm_config_update_notifier: 'false',
    };
  }

  async closeSessions(): Promise<void> {
    for (const session of [...this.sessions]) await session.close();
  }

  async dispose(): Promise<void> {
    await this.closeSessions();
    await this.fixture.close();
    await fsp.rm(this.work, { recursive: true, force: true });
  }
}

/** initialize has happened; tools/list returns the fixture's tools and search answers. */
export async function useTools(session: Session): Promise<void> {
  const { tools } = await session.client.listTools(undefined, { timeout: STEP_TIMEOUT_MS });
  const names = tools.map((tool) => tool.name);
  expect(names).toEqual(expect.arrayContaining(['search', 'fetch', 'search_conversations', 'get_conversation', 'search_contacts', 'get_contact']));
  const result = await session.client.callTool({ name: 'search', arguments: { query: 'refund policy' } }, undefined, { timeout: STEP_TIMEOUT_MS });
  expect(result.isError).not.toBe(true);
  expect(result.content).toEqual([{ type: 'text', text: 'fixture result for: refund policy' }]);
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** One mcp-remote process driven by an MCP client over stdio. */
export class Session {
  readonly client = new Client({ name: 'mcp-remote-auth-e2e', version: '1.0.0' });
  readonly transport: StdioClientTransport;
  stderr = '';
  readonly connected: Promise<void>;
  readonly startedAt = Date.now();
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly world: BridgeWorld,
    readonly launch: { command: string; args: string[]; cwd: string },
  ) {
    this.transport = new StdioClientTransport({
      command: launch.command,
      args: launch.args,
      env: world.env(),
      cwd: launch.cwd,
      stderr: 'pipe',
    });
    this.transport.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
      for (const listener of this.listeners) listener();
    });
    this.world.sessions.add(this);
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
    expect(authorizeUrl.startsWith(`${this.world.fixture.url}/authorize?`)).toBe(true);
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
    this.world.sessions.delete(this);
    // E2E_VERBOSE=1 shows what mcp-remote said and how long the session took to get ready.
    if (process.env.E2E_VERBOSE)
      process.stderr.write(`--- ${this.launch.command} ${this.launch.args.join(' ')} (${Date.now() - this.startedAt} ms)\n${this.stderr}\n`);
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
