import { describe, expect, it } from 'vitest';
import { clientById } from '../../src/clients/index.js';
import { endpointUrl } from '../../src/core/endpoint.js';
import { CLIENTS, type ClientDescriptor } from '../../src/clients/index.js';
import type { JsonObject } from '../../src/config/json-types.js';
import { clientOwnedKeys, updateEntry } from '../../src/entries/entry-keys.js';
import { judgeEntry } from '../../src/entries/expected-entry.js';
import { expectedEntry } from '../helpers/expected-entry.js';
import { fakePlatform } from '../helpers/platform.js';

const bridge = (url: string) => ({ command: 'npx', args: ['-y', 'mcp-remote', url] });

/** The golden entries, written out by hand from clients.md and the seed guide. */
const GOLDEN: Record<string, { bridge: (url: string, type: string) => object; native: (url: string, type: string) => object }> = {
  cursor: { bridge, native: (url) => ({ url }) },
  windsurf: { bridge, native: (url) => ({ serverUrl: url }) },
  vscode: { bridge: (url) => ({ type: 'stdio', ...bridge(url) }), native: (url, type) => ({ type, url }) },
  'vscode-insiders': { bridge: (url) => ({ type: 'stdio', ...bridge(url) }), native: (url, type) => ({ type, url }) },
  // Claude Desktop has no native remote entry: --native keeps the bridge.
  'claude-desktop': { bridge, native: bridge },
  // Claude Code signs in itself: always its native entry.
  'claude-code': { bridge: (url, type) => ({ type, url }), native: (url, type) => ({ type, url }) },
};

const cases = Object.keys(GOLDEN).flatMap((client) =>
  (['bridge', 'native'] as const).flatMap((mode) =>
    (['sse', 'http'] as const).flatMap((transport) => (['us', 'eu'] as const).map((region) => ({ client, mode, transport, region }))),
  ),
);

describe('golden entries (client × mode × transport × region)', () => {
  it.each(cases)('$client $mode $transport $region', ({ client, mode, transport, region }) => {
    const url = endpointUrl(region, transport);
    const descriptor = clientById(client)!;
    const entry = expectedEntry(descriptor, fakePlatform('linux'), url, mode === 'native');
    expect(entry).toEqual(GOLDEN[client]![mode](url, transport));
    expect(judgeEntry(descriptor, fakePlatform('linux'), entry!).correct).toBe(true);
  });

  it('uses the URLs Intercom documents', () => {
    expect(endpointUrl('us', 'sse')).toBe('https://mcp.intercom.com/sse');
    expect(endpointUrl('us', 'http')).toBe('https://mcp.intercom.com/mcp');
    expect(endpointUrl('eu', 'sse')).toBe('https://mcp.eu.intercom.com/sse');
    expect(endpointUrl('eu', 'http')).toBe('https://mcp.eu.intercom.com/mcp');
  });

  it.each(['cursor', 'windsurf', 'claude-desktop'])('wraps the %s bridge in cmd /c on Windows', (client) => {
    const url = endpointUrl('us', 'sse');
    expect(expectedEntry(clientById(client)!, fakePlatform('win32'), url, false)).toEqual({
      command: 'cmd',
      args: ['/c', 'npx', '-y', 'mcp-remote', url],
    });
  });

  it("keeps VS Code's type on Windows and leaves native entries alone", () => {
    const url = endpointUrl('us', 'http');
    expect(expectedEntry(clientById('vscode')!, fakePlatform('win32'), url, false)).toEqual({
      type: 'stdio',
      command: 'cmd',
      args: ['/c', 'npx', '-y', 'mcp-remote', url],
    });
    expect(expectedEntry(clientById('cursor')!, fakePlatform('win32'), url, true)).toEqual({ url });
  });
});

describe('judging existing entries', () => {
  const linux = fakePlatform('linux');
  const url = 'https://mcp.intercom.com/sse';

  it('accepts a pinned mcp-remote', () => {
    expect(judgeEntry(clientById('cursor')!, linux, { command: 'npx', args: ['-y', 'mcp-remote@0.15.1', url] }).correct).toBe(true);
  });

  it.each([
    ['cursor', { type: 'Command', command: `npx -y mcp-remote ${url}` }, 'one string'],
    ['claude-code', { url }, 'no "type"'],
    ['windsurf', { url }, 'serverUrl'],
    ['claude-desktop', { url }, 'cannot use a "url"'],
    ['cursor', { command: 'npx', args: ['-y', 'mcp-remote', 'https://mcp.example.com/sse'] }, 'not one of Intercom'],
    ['cursor', { command: 'npx', args: ['-y', 'mcp-remote', url, '--header', 'Authorization: Bearer x'] }, 'space'],
  ])('%s: %j is wrong (%s)', (client, entry, reason) => {
    const verdict = judgeEntry(clientById(client)!, linux, entry);
    expect(verdict.correct).toBe(false);
    expect(verdict.problems.join(' ')).toContain(reason);
  });

  it('flags a bare npx bridge on Windows', () => {
    const verdict = judgeEntry(clientById('cursor')!, fakePlatform('win32'), bridge(url));
    expect(verdict.correct).toBe(false);
    expect(verdict.problems.join(' ')).toContain('cmd');
  });
});

describe("the keys setup owns in an entry: every template's, so a change of mode leaves nothing of the old one", () => {
  const linux = fakePlatform('linux');
  const USER = { env: { HTTPS_PROXY: 'http://proxy.corp:8080' }, autoApprove: ['search'], 'x-note': 1 };
  /** Every entry a client can get: bridge or native, with or without a token, SSE or Streamable HTTP. */
  const entriesOf = (client: ClientDescriptor) => {
    const entries: JsonObject[] = [];
    for (const url of ['https://mcp.intercom.com/sse', 'https://mcp.intercom.com/mcp']) {
      for (const native of [false, true]) {
        for (const tokenEnv of [undefined, 'INTERCOM_TOKEN']) {
          const entry = expectedEntry(client, linux, url, native, { tokenEnv });
          if (entry && !entries.some((other) => JSON.stringify(other) === JSON.stringify(entry))) entries.push(entry);
        }
      }
    }
    return entries;
  };

  it.each(CLIENTS.filter((client) => client.shape).map((client) => [client.id, client] as const))('%s', (_id, client) => {
    const owned = clientOwnedKeys(client);
    const entries = entriesOf(client);
    expect(entries.length).toBeGreaterThan(0);
    for (const from of entries) {
      for (const to of entries) {
        // From one entry to another: exactly the other (a default such as Goose's enabled is the same in both).
        expect(updateEntry(from, to, () => owned).value, `${JSON.stringify(from)} → ${JSON.stringify(to)}`).toEqual(to);
        // With the person's keys: the other, and those keys (their env holding our token key next to theirs).
        const env = to.env && typeof to.env === 'object' ? { ...USER.env, ...to.env } : USER.env;
        const updated = updateEntry({ ...from, ...USER }, to, () => owned).value;
        expect(updated).toEqual({ ...to, ...USER, env });
        // Codex alone refuses `env` in a URL server's table (and then loads no config): toml-plan.ts takes it out there.
        const refusedByCodex = client.id === 'codex' && typeof updated.url === 'string';
        const verdict = judgeEntry(client, linux, updated);
        expect(verdict.correct, JSON.stringify(updated)).toBe(!refusedByCodex);
        if (refusedByCodex) expect(verdict.problems[0]).toContain('Codex refuses "env" in a URL server');
      }
    }
  });

  it("judges an entry with the person's keys by its endpoint keys only, and says when it is turned off", () => {
    const linux = fakePlatform('linux');
    const url = 'https://mcp.intercom.com/sse';
    const extra = { env: { HTTPS_PROXY: 'http://proxy.corp:8080' }, autoApprove: ['search'], timeout: 60, 'x-note': 1 };
    expect(judgeEntry(clientById('cursor')!, linux, { ...bridge(url), ...extra })).toEqual({ correct: true, problems: [] });
    expect(judgeEntry(clientById('cursor')!, linux, { ...bridge(url), disabled: true })).toEqual({ correct: true, problems: [], disabled: 'disabled' });
    expect(judgeEntry(clientById('codex')!, linux, { url: 'https://mcp.intercom.com/mcp', enabled: false })).toMatchObject({
      correct: true,
      disabled: 'enabled',
    });
    expect(judgeEntry(clientById('cursor')!, linux, { ...bridge('https://evil.example/sse'), disabled: true })).toMatchObject({
      correct: false,
      disabled: 'disabled',
    });
  });
});
