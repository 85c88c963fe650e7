/**
 * Goose and Continue: YAML configs (config/yaml.ts through engine/yaml-plan.ts). Paths per OS,
 * detection, the golden entries, and the edits on real files: comments, order and other keys
 * survive, an unparsable file is refused with line:column and left byte-identical, a second run
 * changes nothing, and remove takes out only our entry.
 */
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { clientById, CLIENTS } from '../../src/clients/index.js';
import type { Platform } from '../../src/core/platform.js';
import { applyChange, planRemoval, planSetup, resolveTargets } from '../../src/engine/changes.js';
import { clientStatuses } from '../../src/engine/status.js';
import { judgeEntry } from '../../src/entries/expected-entry.js';
import { expectedEntry } from '../helpers/expected-entry.js';
import { findIntercomEntries } from '../../src/entries/intercom-entries.js';
import { fakePlatform, onDisk } from '../helpers/platform.js';

const SSE = 'https://mcp.intercom.com/sse';
const HTTP = 'https://mcp.intercom.com/mcp';
const WIN_ENV = { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' };

describe('paths and detection', () => {
  it.each([
    [
      'goose',
      '/home/ana/.config/goose/config.yaml',
      '/Users/ana/.config/goose/config.yaml',
      'C:\\Users\\ana\\AppData\\Roaming\\Block\\goose\\config\\config.yaml',
    ],
    ['continue', '/home/ana/.continue/config.yaml', '/Users/ana/.continue/config.yaml', 'C:\\Users\\ana\\.continue\\config.yaml'],
  ])('%s: Linux %s, macOS %s, Windows %s; no project file', (id, linux, mac, windows) => {
    const client = clientById(id)!;
    expect(client.configPath(fakePlatform('linux'), 'user')).toBe(linux);
    expect(client.configPath(fakePlatform('darwin'), 'user')).toBe(mac);
    expect(client.configPath(fakePlatform('win32', { env: WIN_ENV }), 'user')).toBe(windows);
    expect(client.configPath(fakePlatform('linux'), 'project')).toBeUndefined();
  });

  it('honours XDG_CONFIG_HOME for Goose and CONTINUE_GLOBAL_DIR for Continue', () => {
    expect(clientById('goose')!.configPath(fakePlatform('linux', { env: { XDG_CONFIG_HOME: '/xdg' } }), 'user')).toBe('/xdg/goose/config.yaml');
    expect(clientById('continue')!.configPath(fakePlatform('linux', { env: { CONTINUE_GLOBAL_DIR: '/c' } }), 'user')).toBe('/c/config.yaml');
  });

  it.each([
    ['goose', '/home/ana/.config/goose', 'goose'],
    ['continue', '/home/ana/.continue', 'cn'],
  ])('%s from %s, and only it, or from %s on PATH', (id, folder, command) => {
    const byFolder = fakePlatform('linux', { existing: [folder] });
    expect(CLIENTS.filter((client) => client.detect(byFolder).detected).map((client) => client.id)).toEqual([id]);
    const byCommand = fakePlatform('linux', { env: { PATH: '/opt/bin' }, existing: [`/opt/bin/${command}`] });
    expect(clientById(id)!.detect(byCommand).detected).toBe(true);
  });
});

describe('golden entries', () => {
  const goose = (url: string) => ({ enabled: true, type: 'streamable_http', name: 'intercom', uri: url, timeout: 300 });
  it.each([
    // Goose has no SSE client: always Intercom's /mcp, whatever was asked.
    ['goose', SSE, false, goose(HTTP)],
    ['goose', HTTP, false, goose(HTTP)],
    ['goose', SSE, true, goose(HTTP)],
    ['goose', 'https://mcp.eu.intercom.com/sse', true, goose('https://mcp.eu.intercom.com/mcp')],
    ['continue', SSE, false, { name: 'intercom', command: 'npx', args: ['-y', 'mcp-remote', SSE] }],
    ['continue', HTTP, false, { name: 'intercom', command: 'npx', args: ['-y', 'mcp-remote', HTTP] }],
    ['continue', SSE, true, { name: 'intercom', type: 'sse', url: SSE }],
    ['continue', HTTP, true, { name: 'intercom', type: 'streamable-http', url: HTTP }],
  ])('%s %s native=%s', (id, url, native, expected) => {
    const client = clientById(id)!;
    for (const osName of ['linux', 'darwin'] as const) {
      const entry = expectedEntry(client, fakePlatform(osName), url, native);
      expect(entry).toEqual(expected);
      expect(judgeEntry(client, fakePlatform(osName), entry!).correct).toBe(true);
    }
  });

  it("Continue's bridge runs through cmd /c on Windows; Goose's entry is the same everywhere", () => {
    const windows = fakePlatform('win32', { env: WIN_ENV });
    expect(expectedEntry(clientById('continue')!, windows, SSE, false)).toEqual({
      name: 'intercom',
      command: 'cmd',
      args: ['/c', 'npx', '-y', 'mcp-remote', SSE],
    });
    expect(expectedEntry(clientById('goose')!, windows, SSE, false)).toEqual(goose(HTTP));
  });

  it('names the entry after --name, inside it too', () => {
    expect(expectedEntry(clientById('continue')!, fakePlatform('linux'), HTTP, true, { name: 'intercom-eu' })).toEqual({
      name: 'intercom-eu',
      type: 'streamable-http',
      url: HTTP,
    });
  });

  it('refuses --token-env, and a foreign SSE URL for Goose', () => {
    expect(expectedEntry(clientById('goose')!, fakePlatform('linux'), HTTP, true, { tokenEnv: 'T' })).toBeUndefined();
    expect(expectedEntry(clientById('continue')!, fakePlatform('linux'), HTTP, true, { tokenEnv: 'T' })).toBeUndefined();
    expect(expectedEntry(clientById('goose')!, fakePlatform('linux'), 'https://example.test/sse', true)).toBeUndefined();
  });

  it('judges Continue\'s "type: http" wrong (it is not a type Continue reads)', () => {
    expect(judgeEntry(clientById('continue')!, fakePlatform('linux'), { name: 'intercom', type: 'http', url: HTTP }).correct).toBe(false);
  });
});

// ---- on real files ---------------------------------------------------------------------------------

let home: string;

function realPlatform(): Platform {
  return onDisk(fakePlatform('linux', { home, cwd: path.join(home, 'project'), env: { PATH: '/nonexistent' } }));
}

async function write(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

beforeEach(async () => {
  home = await realpath(await mkdtemp(path.join(os.tmpdir(), 'ims-yaml-')));
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const SPEC = { url: SSE, name: 'intercom', native: false };

async function run(ids: string[], platform: Platform, removing = false, spec = SPEC) {
  const targets = resolveTargets(platform, ids, 'user');
  const planned = await Promise.all(targets.map((target) => (removing ? planRemoval(target, platform, spec) : planSetup(target, platform, spec))));
  return Promise.all(planned.map((change) => applyChange(change, spec, removing)));
}

const GOOSE_FILE = `# goose settings
GOOSE_PROVIDER: anthropic   # the provider
GOOSE_MODEL: claude-sonnet-4
extensions:
  developer:
    bundled: true
    enabled: true
    name: developer
    timeout: 300
    type: builtin
`;

const CONTINUE_FILE = `name: My Config   # mine
version: 1.0.0
schema: v1
models:
  - name: Claude
    provider: anthropic
    model: claude-sonnet-4
mcpServers:
  # the linear server
  - name: linear
    type: streamable-http
    url: https://mcp.linear.app/mcp
`;

describe('engine: Goose and Continue on real files', () => {
  it('Goose: adds the extension beside the others, keeps comments, then unchanged, then remove takes out only it', async () => {
    const platform = realPlatform();
    const file = path.join(home, '.config', 'goose', 'config.yaml');
    await write(file, GOOSE_FILE);
    const [change] = await run(['goose'], platform);
    expect(change).toMatchObject({ action: 'updated', path: file, mode: 'native' });
    expect(change!.notes.join(' ')).toContain('Streamable HTTP only');
    const text = await readFile(file, 'utf8');
    expect(text.startsWith(GOOSE_FILE)).toBe(true);
    expect(parse(text).extensions.intercom).toEqual({ enabled: true, type: 'streamable_http', name: 'intercom', uri: HTTP, timeout: 300 });
    expect((await run(['goose'], platform))[0]!.action).toBe('unchanged');
    expect(await readFile(file, 'utf8')).toBe(text);
    const [status] = await clientStatuses(clientById('goose')!, platform, { scope: 'user', name: 'intercom', url: SSE });
    expect(status).toMatchObject({ configured: true, correct: true });
    expect((await run(['goose'], platform, true))[0]!.action).toBe('removed');
    expect(await readFile(file, 'utf8')).toBe(GOOSE_FILE);
  });

  it('Continue: appends to the mcpServers list, keeps comments and order; list, reset-auth and remove find it', async () => {
    const platform = realPlatform();
    const file = path.join(home, '.continue', 'config.yaml');
    await write(file, CONTINUE_FILE);
    const [change] = await run(['continue'], platform);
    expect(change).toMatchObject({ action: 'updated', path: file, mode: 'bridge' });
    const text = await readFile(file, 'utf8');
    expect(text.startsWith(CONTINUE_FILE)).toBe(true);
    expect(parse(text).mcpServers).toEqual([
      { name: 'linear', type: 'streamable-http', url: 'https://mcp.linear.app/mcp' },
      { name: 'intercom', command: 'npx', args: ['-y', 'mcp-remote', SSE] },
    ]);
    expect((await run(['continue'], platform))[0]!.action).toBe('unchanged');
    const [status] = await clientStatuses(clientById('continue')!, platform, { scope: 'user', name: 'intercom', url: SSE });
    expect(status).toMatchObject({ configured: true, correct: true });
    const found = (await findIntercomEntries(platform, { name: 'intercom' })).filter((entry) => entry.client.id === 'continue');
    expect(found.map((entry) => entry.invocation?.url)).toEqual([SSE]);
    // --native replaces the item in its place.
    const [native] = await run(['continue'], platform, false, { ...SPEC, native: true, url: HTTP });
    expect(native!.action).toBe('updated');
    expect(parse(await readFile(file, 'utf8')).mcpServers[1]).toEqual({ name: 'intercom', type: 'streamable-http', url: HTTP });
    expect((await run(['continue'], platform, true))[0]!.action).toBe('removed');
    expect(await readFile(file, 'utf8')).toBe(CONTINUE_FILE);
  });

  it('creates a config.yaml that each client reads back as YAML', async () => {
    const platform = realPlatform();
    await mkdir(path.join(home, '.continue'), { recursive: true });
    await mkdir(path.join(home, '.config', 'goose'), { recursive: true });
    const changes = await run(['goose', 'continue'], platform);
    expect(changes.map((change) => change.action)).toEqual(['created', 'created']);
    expect(parse(await readFile(path.join(home, '.config', 'goose', 'config.yaml'), 'utf8'))).toEqual({
      extensions: { intercom: { enabled: true, type: 'streamable_http', name: 'intercom', uri: HTTP, timeout: 300 } },
    });
    expect(parse(await readFile(path.join(home, '.continue', 'config.yaml'), 'utf8'))).toEqual({
      mcpServers: [{ name: 'intercom', command: 'npx', args: ['-y', 'mcp-remote', SSE] }],
    });
  });

  it('refuses a config.yaml that does not parse, with line and column, and leaves it byte-identical', async () => {
    const platform = realPlatform();
    const file = path.join(home, '.continue', 'config.yaml');
    const broken = 'name: x\nmcpServers:\n  - name: a\n    url: [unclosed\n';
    await write(file, broken);
    const [change] = await run(['continue'], platform);
    expect(change!.action).toBe('failed');
    expect(change!.error).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: .+; fix the file there and run again \\(it was not changed\\)$`),
    );
    expect(await readFile(file, 'utf8')).toBe(broken);
  });

  it('refuses a servers key of the wrong kind, naming its line', async () => {
    const platform = realPlatform();
    const file = path.join(home, '.continue', 'config.yaml');
    const text = 'name: x\nmcpServers:\n  linear:\n    url: https://mcp.linear.app/mcp\n';
    await write(file, text);
    const [change] = await run(['continue'], platform);
    expect(change).toMatchObject({ action: 'failed' });
    expect(change!.error).toContain(`${file}:2:1: "mcpServers" is not a list`);
    expect(await readFile(file, 'utf8')).toBe(text);
  });
});
