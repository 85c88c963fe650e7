/**
 * What we write works in the program that runs it: for every client whose entry starts the
 * mcp-remote bridge, setup writes the entry in a temp HOME, the test reads it back from the file
 * and launches exactly its command and args (`npx -y mcp-remote URL`, offline: npx resolves the
 * pinned mcp-remote dev dependency), then speaks MCP to it over stdio: initialize, tools/list and
 * a tools/call of `search` against the loopback Intercom fixture, after an OAuth sign-in played
 * without a browser. For each transport: the first start signs in, the second reuses the cached
 * tokens, and after the built CLI's `reset-auth` the next start asks to sign in again.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'jsonc-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AUTHORIZE_LINE, BridgeWorld, Session, useTools } from '../helpers/bridge.js';
import { ROOT, runCli } from '../helpers/cli.js';

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');
const OTHER_SERVER_HASH = md5('https://mcp.linear.app/sse');

/** Where each bridge client's entry lands (Linux paths), and the key of its servers object. */
const BRIDGE_CLIENTS = [
  { id: 'cursor', file: '.cursor/mcp.json', key: 'mcpServers' },
  { id: 'windsurf', file: '.codeium/windsurf/mcp_config.json', key: 'mcpServers' },
  { id: 'vscode', file: '.config/Code/User/mcp.json', key: 'servers' },
  { id: 'claude-desktop', file: '.config/Claude/claude_desktop_config.json', key: 'mcpServers' },
] as const;

let world: BridgeWorld;

beforeAll(async () => {
  const version = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/mcp-remote/package.json'), 'utf8')).version;
  expect(version).toBe('0.15.1');
  world = await BridgeWorld.create('ims-bridge-');
});
afterEach(async () => {
  await world.closeSessions();
});
afterAll(async () => {
  await world?.dispose();
});

/** Runs setup for one client and returns the entry exactly as written in its file. */
async function writtenEntry(client: (typeof BRIDGE_CLIENTS)[number], url: string): Promise<{ command: string; args: string[]; type?: string }> {
  const result = await runCli(['--client', client.id, '--url', url, '--no-check', '--json'], { home: world.home });
  expect(result.exitCode, result.stderr).toBe(0);
  const config = parse(await fsp.readFile(path.join(world.home, client.file), 'utf8'));
  return config[client.key].intercom;
}

/** The bridge started the way the client starts it, from the project folder so npx finds the pinned package. */
function launch(entry: { command: string; args: string[] }): Session {
  return new Session(world, { command: entry.command, args: entry.args, cwd: ROOT });
}

function cacheFiles(hash: string): string[] {
  const folder = path.join(world.cacheDir, 'mcp-remote-v1');
  return existsSync(folder)
    ? readdirSync(folder)
        .filter((name) => name.startsWith(`${hash}_`))
        .sort()
    : [];
}

async function resetAuth(args: string[]) {
  return runCli(['reset-auth', ...args], { home: world.home, env: world.env() });
}

describe('the written bridge entries start a working mcp-remote', () => {
  for (const transport of ['http', 'sse'] as const) {
    it(`${transport}: each client's entry connects; tokens are reused; reset-auth makes it ask again`, async () => {
      const url = transport === 'http' ? world.fixture.mcpUrl : world.fixture.sseUrl;
      const hash = md5(url);
      const stats = world.fixture.stats;
      const registrations0 = stats.registrations;

      const entries = [];
      for (const client of BRIDGE_CLIENTS) entries.push({ client, entry: await writtenEntry(client, url) });
      for (const { client, entry } of entries) {
        expect(entry.command, client.id).toBe('npx');
        expect(entry.args, client.id).toEqual(['-y', 'mcp-remote', url]);
        if (client.id === 'vscode') expect(entry.type).toBe('stdio');
      }

      // 1. The first client's bridge signs in through the (played) browser.
      const first = launch(entries[0]!.entry);
      const signIn = await first.signIn();
      expect(signIn.callbackStatus).toBe(200);
      await first.ready();
      await useTools(first);
      expect(stats.registrations).toBe(registrations0 + 1);
      await first.close();
      expect(cacheFiles(hash)).toEqual(expect.arrayContaining([`${hash}_client_info.json`, `${hash}_tokens.json`]));

      // 2. Every other client's entry starts and reuses the cached tokens: no sign-in asked.
      for (const { client, entry } of entries.slice(1)) {
        const session = launch(entry);
        await session.ready();
        await useTools(session);
        expect(session.stderr, client.id).not.toMatch(AUTHORIZE_LINE);
        await session.close();
      }
      expect(stats.registrations).toBe(registrations0 + 1);

      // 3. reset-auth removes exactly this server's sign-in.
      const planted = path.join(world.cacheDir, 'mcp-remote-v1', `${OTHER_SERVER_HASH}_tokens.json`);
      await fsp.writeFile(planted, JSON.stringify({ access_token: 'OTHER-SERVER-TOKEN', expires_at: Date.now() + 3_600_000 }));
      const tokens = JSON.parse(readFileSync(path.join(world.cacheDir, 'mcp-remote-v1', `${hash}_tokens.json`), 'utf8'));
      const reset = await resetAuth(['--yes', '--json', '--url', url]);
      expect(reset.exitCode, reset.stderr).toBe(0);
      expect(JSON.parse(reset.stdout).removed.length).toBeGreaterThan(0);
      expect(cacheFiles(hash)).toEqual([]);
      expect(existsSync(planted)).toBe(true);
      expect(reset.stdout + reset.stderr).not.toContain(tokens.access_token);
      await fsp.rm(planted);

      // 4. After the reset, the bridge asks to sign in again.
      const again = launch(entries[0]!.entry);
      await again.signIn();
      await again.ready();
      await useTools(again);
      expect(stats.registrations).toBe(registrations0 + 2);
      await again.close();
    }, 240_000);
  }
});
