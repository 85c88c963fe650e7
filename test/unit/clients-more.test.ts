/**
 * The second wave of clients: config paths per OS (with the environment variables each client
 * honours), detection, the golden entries (client × mode × transport × region), what list and
 * doctor judge correct, and the engine end to end on real files: TOML for Codex, one row per file
 * for Cline and Roo Code in several editors and for VS Code profiles.
 */
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientById, CLIENTS, configLocations } from '../../src/clients/index.js';
import type { Scope } from '../../src/clients/types.js';
import { clientStatuses } from '../../src/engine/status.js';
import { endpointUrl } from '../../src/core/endpoint.js';
import { allTargets, applyChange, planRemoval, planSetup, resolveTargets, resultRow } from '../../src/engine/changes.js';
import { judgeEntry } from '../../src/entries/expected-entry.js';
import { expectedEntry } from '../helpers/expected-entry.js';
import { findIntercomEntries } from '../../src/entries/intercom-entries.js';
import type { Platform } from '../../src/core/platform.js';
import { fakePlatform, onDisk } from '../helpers/platform.js';

const NEW_IDS = ['gemini-cli', 'codex', 'zed', 'cline', 'roo-code', 'kiro', 'lm-studio', 'windsurf-next'];

function pathOf(id: string, platform: Platform, scope: Scope = 'user') {
  return clientById(id)!.configPath(platform, scope);
}

const WIN_ENV = { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' };

describe('config paths', () => {
  it.each([
    ['gemini-cli', '/home/ana/.gemini/settings.json', '/Users/ana/.gemini/settings.json', 'C:\\Users\\ana\\.gemini\\settings.json'],
    ['codex', '/home/ana/.codex/config.toml', '/Users/ana/.codex/config.toml', 'C:\\Users\\ana\\.codex\\config.toml'],
    ['zed', '/home/ana/.config/zed/settings.json', '/Users/ana/.config/zed/settings.json', 'C:\\Users\\ana\\AppData\\Roaming\\Zed\\settings.json'],
    ['kiro', '/home/ana/.kiro/settings/mcp.json', '/Users/ana/.kiro/settings/mcp.json', 'C:\\Users\\ana\\.kiro\\settings\\mcp.json'],
    ['lm-studio', '/home/ana/.lmstudio/mcp.json', '/Users/ana/.lmstudio/mcp.json', 'C:\\Users\\ana\\.lmstudio\\mcp.json'],
    [
      'windsurf-next',
      '/home/ana/.codeium/windsurf-next/mcp_config.json',
      '/Users/ana/.codeium/windsurf-next/mcp_config.json',
      'C:\\Users\\ana\\.codeium\\windsurf-next\\mcp_config.json',
    ],
  ])('%s: Linux %s, macOS %s, Windows %s', (id, linux, mac, windows) => {
    expect(pathOf(id, fakePlatform('linux'))).toBe(linux);
    expect(pathOf(id, fakePlatform('darwin'))).toBe(mac);
    expect(pathOf(id, fakePlatform('win32', { env: WIN_ENV }))).toBe(windows);
  });

  it.each([
    ['gemini-cli', '/home/ana/project/.gemini/settings.json'],
    ['zed', '/home/ana/project/.zed/settings.json'],
    ['kiro', '/home/ana/project/.kiro/settings/mcp.json'],
    ['roo-code', '/home/ana/project/.roo/mcp.json'],
    // Read only when the project is trusted; the next step says so.
    ['codex', '/home/ana/project/.codex/config.toml'],
    ['cline', undefined],
    ['lm-studio', undefined],
    ['windsurf-next', undefined],
  ])('project scope of %s → %s', (id, expected) => {
    expect(pathOf(id, fakePlatform('linux'), 'project')).toBe(expected);
  });

  it("honours each client's own variables", () => {
    expect(pathOf('codex', fakePlatform('linux', { env: { CODEX_HOME: '/srv/codex' } }))).toBe('/srv/codex/config.toml');
    // Codex canonicalizes a relative CODEX_HOME from the working folder.
    expect(pathOf('codex', fakePlatform('linux', { env: { CODEX_HOME: 'rel/codex' } }))).toBe('/home/ana/project/rel/codex/config.toml');
    expect(pathOf('gemini-cli', fakePlatform('linux', { env: { GEMINI_CLI_HOME: '/g' } }))).toBe('/g/.gemini/settings.json');
    expect(pathOf('zed', fakePlatform('linux', { env: { XDG_CONFIG_HOME: '/xdg' } }))).toBe('/xdg/zed/settings.json');
    expect(pathOf('zed', fakePlatform('linux', { env: { FLATPAK_XDG_CONFIG_HOME: '/flat', XDG_CONFIG_HOME: '/xdg' } }))).toBe('/flat/zed/settings.json');
    // On macOS Zed uses ~/.config/zed whatever XDG_CONFIG_HOME says.
    expect(pathOf('zed', fakePlatform('darwin', { env: { XDG_CONFIG_HOME: '/xdg' } }))).toBe('/Users/ana/.config/zed/settings.json');
  });
});

describe('Cline and Roo Code: one file per editor that has the extension', () => {
  const cline = clientById('cline')!;
  const roo = clientById('roo-code')!;
  const linuxStorage = (editor: string, id: string) => `/home/ana/.config/${editor}/User/globalStorage/${id}`;

  it('finds nothing, and says so, where neither is installed', () => {
    const platform = fakePlatform('linux');
    expect(configLocations(cline, platform, 'user')).toEqual([]);
    expect(cline.configPath(platform, 'user')).toBeUndefined();
    expect(cline.notFound?.(platform, 'user')).toContain('Cline was not found');
    expect(configLocations(roo, platform, 'user')).toEqual([]);
    expect(roo.notFound?.(platform, 'user')).toContain('Roo Code was not found');
  });

  it("lists the shared ~/.cline file first, then each editor's legacy file", () => {
    const platform = fakePlatform('linux', {
      existing: ['/home/ana/.cline/data', linuxStorage('Code', 'saoudrizwan.claude-dev'), linuxStorage('Cursor', 'saoudrizwan.claude-dev')],
    });
    expect(configLocations(cline, platform, 'user')).toEqual([
      { path: '/home/ana/.cline/data/settings/cline_mcp_settings.json', label: '~/.cline' },
      { path: `${linuxStorage('Code', 'saoudrizwan.claude-dev')}/settings/cline_mcp_settings.json`, label: 'VS Code' },
      { path: `${linuxStorage('Cursor', 'saoudrizwan.claude-dev')}/settings/cline_mcp_settings.json`, label: 'Cursor' },
    ]);
    expect(cline.detect(platform)).toEqual({ detected: true, evidence: '~/.cline/data exists' });
  });

  it('honours CLINE_MCP_SETTINGS_PATH, CLINE_DATA_DIR and CLINE_DIR', () => {
    const explicit = fakePlatform('linux', { env: { CLINE_MCP_SETTINGS_PATH: '/etc/cline.json' }, existing: ['/etc/cline.json'] });
    expect(configLocations(cline, explicit, 'user')[0]?.path).toBe('/etc/cline.json');
    const data = fakePlatform('linux', { env: { CLINE_DATA_DIR: '/d' }, existing: ['/d'] });
    expect(configLocations(cline, data, 'user')[0]?.path).toBe('/d/settings/cline_mcp_settings.json');
    const dir = fakePlatform('linux', { env: { CLINE_DIR: '/c' }, existing: ['/c/data'] });
    expect(configLocations(cline, dir, 'user')[0]?.path).toBe('/c/data/settings/cline_mcp_settings.json');
  });

  it('finds Roo Code in every VS Code-family editor, on each OS', () => {
    const id = 'rooveterinaryinc.roo-cline';
    const linux = fakePlatform('linux', { existing: [linuxStorage('Code - Insiders', id), linuxStorage('Windsurf', id)] });
    expect(configLocations(roo, linux, 'user')).toEqual([
      { path: `${linuxStorage('Code - Insiders', id)}/settings/mcp_settings.json`, label: 'VS Code Insiders' },
      { path: `${linuxStorage('Windsurf', id)}/settings/mcp_settings.json`, label: 'Windsurf' },
    ]);
    const macStorage = `/Users/ana/Library/Application Support/Cursor/User/globalStorage/${id}`;
    expect(configLocations(roo, fakePlatform('darwin', { existing: [macStorage] }), 'user')).toEqual([
      { path: `${macStorage}/settings/mcp_settings.json`, label: 'Cursor' },
    ]);
    const winStorage = `C:\\Users\\ana\\AppData\\Roaming\\Code\\User\\globalStorage\\${id}`;
    expect(configLocations(roo, fakePlatform('win32', { env: WIN_ENV, existing: [winStorage] }), 'user')).toEqual([
      { path: `${winStorage}\\settings\\mcp_settings.json`, label: 'VS Code' },
    ]);
    expect(configLocations(roo, linux, 'project')).toEqual([{ path: '/home/ana/project/.roo/mcp.json' }]);
  });
});

describe('detection', () => {
  it.each([
    ['gemini-cli', '/home/ana/.gemini/settings.json'],
    ['codex', '/home/ana/.codex'],
    ['zed', '/home/ana/.config/zed'],
    ['cline', '/home/ana/.config/Code/User/globalStorage/saoudrizwan.claude-dev'],
    ['roo-code', '/home/ana/.config/Cursor/User/globalStorage/rooveterinaryinc.roo-cline'],
    ['kiro', '/home/ana/.kiro'],
    ['lm-studio', '/home/ana/.lmstudio'],
    ['windsurf-next', '/home/ana/.codeium/windsurf-next'],
  ])('%s from %s, and only it', (id, folder) => {
    const platform = fakePlatform('linux', { existing: [folder] });
    expect(CLIENTS.filter((client) => client.detect(platform).detected).map((client) => client.id)).toEqual([id]);
  });

  it('does not take ~/.gemini alone for Gemini CLI (Antigravity makes it too)', () => {
    expect(clientById('gemini-cli')!.detect(fakePlatform('linux', { existing: ['/home/ana/.gemini'] })).detected).toBe(false);
  });

  it.each([
    ['gemini-cli', 'gemini'],
    ['codex', 'codex'],
    ['zed', 'zeditor'],
    ['cline', 'cline'],
    ['kiro', 'kiro-cli'],
    ['lm-studio', 'lms'],
    ['windsurf-next', 'windsurf-next'],
  ])('%s from the command %s on PATH', (id, command) => {
    const platform = fakePlatform('linux', { env: { PATH: '/opt/bin' }, existing: [`/opt/bin/${command}`] });
    expect(clientById(id)!.detect(platform)).toEqual({ detected: true, evidence: `${command} on PATH (/opt/bin/${command})` });
  });

  it('finds the macOS apps', () => {
    for (const [id, app] of [
      ['zed', 'Zed.app'],
      ['kiro', 'Kiro.app'],
      ['lm-studio', 'LM Studio.app'],
      ['windsurf-next', 'Windsurf - Next.app'],
    ] as const) {
      expect(clientById(id)!.detect(fakePlatform('darwin', { existing: [`/Applications/${app}`] })).detected).toBe(true);
    }
  });
});

// ---- golden entries ---------------------------------------------------------------------------------

const bridge = (url: string) => ({ command: 'npx', args: ['-y', 'mcp-remote', url] });
const mcpOf = (url: string) => url.replace(/\/sse$/, '/mcp');

/** Written out by hand from each client's docs or source (see the client modules). */
const GOLDEN: Record<string, { bridge: (url: string, type: string) => object; native: (url: string, type: string) => object }> = {
  'gemini-cli': { bridge, native: (url, type) => ({ url, type }) },
  // No SSE in Codex: its native entry always uses /mcp.
  codex: { bridge, native: (url) => ({ url: mcpOf(url) }) },
  zed: { bridge, native: (url) => ({ url: mcpOf(url) }) },
  // Cline signs in itself, and its CLI runs a bare mcp-remote entry as Streamable HTTP to the URL:
  // always its native entry.
  cline: {
    bridge: (url, type) => ({ type: type === 'http' ? 'streamableHttp' : 'sse', url }),
    native: (url, type) => ({ type: type === 'http' ? 'streamableHttp' : 'sse', url }),
  },
  // No OAuth in Roo Code: --native keeps the bridge.
  'roo-code': { bridge, native: bridge },
  kiro: { bridge, native: (url) => ({ url }) },
  'lm-studio': { bridge, native: (url) => ({ url }) },
  'windsurf-next': { bridge, native: (url) => ({ serverUrl: url }) },
};

const goldenCases = Object.keys(GOLDEN).flatMap((client) =>
  (['bridge', 'native'] as const).flatMap((mode) =>
    (['sse', 'http'] as const).flatMap((transport) => (['us', 'eu'] as const).map((region) => ({ client, mode, transport, region }))),
  ),
);

describe('golden entries (client × mode × transport × region)', () => {
  it.each(goldenCases)('$client $mode $transport $region', ({ client, mode, transport, region }) => {
    const url = endpointUrl(region, transport);
    const descriptor = clientById(client)!;
    const entry = expectedEntry(descriptor, fakePlatform('linux'), url, mode === 'native');
    expect(entry).toEqual(GOLDEN[client]![mode](url, transport));
    expect(judgeEntry(descriptor, fakePlatform('linux'), entry!).correct).toBe(true);
  });

  it.each(NEW_IDS.filter((id) => id !== 'cline'))('%s gets cmd /c for the bridge on Windows', (id) => {
    const url = endpointUrl('us', 'sse');
    expect(expectedEntry(clientById(id)!, fakePlatform('win32'), url, false)).toEqual({ command: 'cmd', args: ['/c', 'npx', '-y', 'mcp-remote', url] });
  });
});

describe('judging what the real clients wrote', () => {
  const linux = fakePlatform('linux');
  it("accepts Gemini CLI 0.61.0's own entries (fixture) and reads a bare url as not ours", () => {
    const gemini = clientById('gemini-cli')!;
    expect(judgeEntry(gemini, linux, { url: 'https://mcp.intercom.com/sse', type: 'sse' }).correct).toBe(true);
    expect(judgeEntry(gemini, linux, { url: 'https://mcp.intercom.com/mcp', type: 'http' }).correct).toBe(true);
    expect(judgeEntry(gemini, linux, bridge('https://mcp.intercom.com/sse')).correct).toBe(true);
  });

  it('a Codex entry with a key of the other transport is wrong, whatever else it holds: Codex would load no config', () => {
    const codex = clientById('codex')!;
    const url = { url: 'https://mcp.intercom.com/mcp', env: { HTTPS_PROXY: 'http://proxy:8080' } };
    expect(judgeEntry(codex, linux, url)).toMatchObject({
      correct: false,
      problems: ['Codex refuses "env" in a URL server (streamable_http) and then loads no configuration at all'],
    });
    const command = { ...bridge('https://mcp.intercom.com/sse'), http_headers: { X: '1' }, bearer_token_env_var: 'T' };
    expect(judgeEntry(codex, linux, command).problems[0]).toBe(
      'Codex refuses "bearer_token_env_var", "http_headers" in a command server (stdio) and then loads no configuration at all',
    );
    // The same keys are a person's own in a client that takes them.
    expect(judgeEntry(clientById('cursor')!, linux, { ...bridge('https://mcp.intercom.com/sse'), env: { HTTPS_PROXY: 'http://proxy:8080' } }).correct).toBe(
      true,
    );
  });

  it("accepts Codex 0.169.0's own entries (fixture) except the SSE one, and says why", () => {
    const codex = clientById('codex')!;
    expect(judgeEntry(codex, linux, { url: 'https://mcp.intercom.com/mcp' }).correct).toBe(true);
    expect(judgeEntry(codex, linux, { url: 'https://mcp.intercom.com/mcp', bearer_token_env_var: 'INTERCOM_TOKEN' }).correct).toBe(true);
    const sse = judgeEntry(codex, linux, { url: 'https://mcp.intercom.com/sse' });
    expect(sse.correct).toBe(false);
    expect(sse.problems.join(' ')).toContain('Streamable HTTP only');
  });

  it.each([
    ['windsurf-next', { url: 'https://mcp.intercom.com/sse' }, 'serverUrl'],
    ['roo-code', { type: 'streamable-http', url: 'https://mcp.intercom.com/mcp' }, 'no OAuth'],
    ['cline', { type: 'http', url: 'https://mcp.intercom.com/mcp' }, '"type": "streamableHttp"'],
    ['zed', { url: 'https://mcp.intercom.com/sse' }, 'Streamable HTTP only'],
  ])('%s: %j is wrong (%s)', (id, entry, reason) => {
    const verdict = judgeEntry(clientById(id)!, linux, entry);
    expect(verdict.correct).toBe(false);
    expect(verdict.problems.join(' ')).toContain(reason);
  });
});

// ---- the engine on real files ---------------------------------------------------------------------------

let home: string;

function realPlatform(env: Record<string, string> = {}): Platform {
  const platform = fakePlatform('linux', { home, cwd: path.join(home, 'project'), env: { PATH: '/nonexistent', ...env } });
  return onDisk(platform);
}

async function write(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

beforeEach(async () => {
  home = await realpath(await mkdtemp(path.join(os.tmpdir(), 'ims-more-')));
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const SPEC = { url: 'https://mcp.intercom.com/sse', name: 'intercom', native: false };

async function setup(ids: string[], platform: Platform, spec = SPEC, scope: Scope = 'user') {
  const planned = await Promise.all(resolveTargets(platform, ids, scope).map((target) => planSetup(target, platform, spec)));
  return Promise.all(planned.map((change) => applyChange(change, spec, false)));
}

describe('engine: setup, list and remove on real files', () => {
  it("writes Codex's TOML next to what is there, then removes it, giving back the same bytes", async () => {
    const platform = realPlatform();
    const file = path.join(home, '.codex', 'config.toml');
    const original = '# my Codex\nmodel = "o3"\n\n[mcp_servers.linear]\nurl = "https://mcp.linear.app/mcp"\n';
    await write(file, original);
    const [change] = await setup(['codex'], platform, { ...SPEC, native: true });
    expect(resultRow(change!)).toMatchObject({ client: 'codex', action: 'updated', path: file });
    expect(change!.notes.join(' ')).toContain('Streamable HTTP only');
    expect(await readFile(file, 'utf8')).toBe(`${original}\n[mcp_servers.intercom]\nurl = "https://mcp.intercom.com/mcp"\n`);
    expect((await setup(['codex'], platform, { ...SPEC, native: true }))[0]!.action).toBe('unchanged');

    const [status] = await clientStatuses(clientById('codex')!, platform, { scope: 'user', name: 'intercom', url: SSE_URL });
    expect(status).toMatchObject({ configured: true, correct: true, path: file });

    const removed = await applyChange(await planRemoval({ client: clientById('codex')!, scope: 'user' }, platform, SPEC), SPEC, true);
    expect(removed.action).toBe('removed');
    expect(await readFile(file, 'utf8')).toBe(original);
  });

  it('refuses a config.toml that does not parse, with line and column, and leaves it byte-identical', async () => {
    const platform = realPlatform();
    const file = path.join(home, '.codex', 'config.toml');
    const broken = 'model = "o3"\n[mcp_servers.x]\nurl = = "y"\n';
    await write(file, broken);
    const [change] = await setup(['codex'], platform);
    expect(change!.action).toBe('failed');
    expect(change!.error).toBe(
      `${file}:3:7: expected a value (a string in quotes, a number, true, false, a date, [ or {); fix the file there and run again (it was not changed)`,
    );
    expect(await readFile(file, 'utf8')).toBe(broken);
  });

  it('writes Cline in the shared file and in each editor that has it: one row each, same id', async () => {
    const platform = realPlatform();
    const storage = (editor: string) => path.join(home, '.config', editor, 'User', 'globalStorage', 'saoudrizwan.claude-dev');
    await mkdir(path.join(home, '.cline', 'data'), { recursive: true });
    await mkdir(storage('Code'), { recursive: true });
    await write(path.join(storage('Cursor'), 'settings', 'cline_mcp_settings.json'), '{"mcpServers":{"other":{"command":"x","args":[]}}}');
    const changes = await setup(['cline'], platform, { ...SPEC, native: true, url: 'https://mcp.intercom.com/mcp' });
    expect(changes.map(resultRow)).toEqual([
      { client: 'cline', scope: 'user', path: path.join(home, '.cline', 'data', 'settings', 'cline_mcp_settings.json'), action: 'created' },
      { client: 'cline', scope: 'user', path: path.join(storage('Code'), 'settings', 'cline_mcp_settings.json'), action: 'created' },
      {
        client: 'cline',
        scope: 'user',
        path: path.join(storage('Cursor'), 'settings', 'cline_mcp_settings.json'),
        action: 'updated',
        backup: expect.any(String),
      },
    ]);
    expect(changes.map((change) => change.client.label)).toEqual(['Cline (~/.cline)', 'Cline (VS Code)', 'Cline (Cursor)']);
    const cursorFile = JSON.parse(await readFile(path.join(storage('Cursor'), 'settings', 'cline_mcp_settings.json'), 'utf8'));
    expect(cursorFile).toEqual({
      mcpServers: { other: { command: 'x', args: [] }, intercom: { type: 'streamableHttp', url: 'https://mcp.intercom.com/mcp' } },
    });

    const statuses = await clientStatuses(clientById('cline')!, platform, { scope: 'user', name: 'intercom', url: SSE_URL });
    expect(statuses.map((status) => [status.client.id, status.configured, status.correct])).toEqual([
      ['cline', true, true],
      ['cline', true, true],
      ['cline', true, true],
    ]);
    const found = await findIntercomEntries(platform, { name: 'intercom' });
    expect(found.filter((entry) => entry.client.id === 'cline')).toHaveLength(3);

    const removed = await Promise.all(
      resolveTargets(platform, ['cline'], 'user').map(async (target) => applyChange(await planRemoval(target, platform, SPEC), SPEC, true)),
    );
    expect(removed.map((change) => change.action)).toEqual(['removed', 'removed', 'removed']);
    expect(JSON.parse(await readFile(path.join(storage('Cursor'), 'settings', 'cline_mcp_settings.json'), 'utf8'))).toEqual({
      mcpServers: { other: { command: 'x', args: [] } },
    });
  });

  it('skips Cline and Roo Code with the reason when no editor has them', async () => {
    const changes = await setup(['cline', 'roo-code'], realPlatform());
    expect(changes.map((change) => [change.client.id, change.action])).toEqual([
      ['cline', 'skipped'],
      ['roo-code', 'skipped'],
    ]);
    expect(changes[1]!.notes[0]).toContain('Roo Code was not found');
  });

  it('writes each VS Code profile that keeps its own mcp.json, and not the ones that share the default', async () => {
    const platform = realPlatform();
    const user = path.join(home, '.config', 'Code', 'User');
    await mkdir(path.join(user, 'profiles', '-5a1b2c3d'), { recursive: true });
    await mkdir(path.join(user, 'profiles', '4f00d'), { recursive: true });
    await mkdir(path.join(user, 'profiles', 'deleted'), { recursive: true });
    await write(
      path.join(user, 'globalStorage', 'storage.json'),
      JSON.stringify({
        userDataProfiles: [
          { location: '-5a1b2c3d', name: 'Work' },
          { location: { $mid: 1, path: path.join(user, 'profiles', '4f00d'), scheme: 'file' }, name: 'Shared', useDefaultFlags: { mcp: true } },
        ],
      }),
    );
    const changes = await setup(['vscode'], platform);
    expect(changes.map((change) => [change.client.label, change.path, change.action])).toEqual([
      ['VS Code', path.join(user, 'mcp.json'), 'created'],
      ['VS Code (profile Work)', path.join(user, 'profiles', '-5a1b2c3d', 'mcp.json'), 'created'],
    ]);
    expect(JSON.parse(await readFile(path.join(user, 'profiles', '-5a1b2c3d', 'mcp.json'), 'utf8'))).toEqual({
      servers: { intercom: { type: 'stdio', ...bridge(SSE_URL) } },
    });
    const rows = (await clientStatuses(clientById('vscode')!, platform, { scope: 'user', name: 'intercom', url: SSE_URL })).map((status) => status.path);
    expect(rows).toEqual([path.join(user, 'mcp.json'), path.join(user, 'profiles', '-5a1b2c3d', 'mcp.json')]);
    // Without storage.json every profile folder counts.
    await rm(path.join(user, 'globalStorage', 'storage.json'));
    expect(configLocations(clientById('vscode')!, platform, 'user').map((location) => location.label)).toEqual([
      undefined,
      'profile -5a1b2c3d',
      'profile 4f00d',
      'profile deleted',
    ]);
  });

  it("writes Zed's context_servers into its JSONC settings, keeping comments and other settings", async () => {
    const platform = realPlatform();
    const file = path.join(home, '.config', 'zed', 'settings.json');
    await write(file, '// Zed settings\n{\n  "theme": "One Dark", // mine\n  "context_servers": {},\n}\n');
    await setup(['zed'], platform, { ...SPEC, native: true });
    const text = await readFile(file, 'utf8');
    expect(text).toContain('// Zed settings');
    expect(text).toContain('"theme": "One Dark", // mine');
    // An empty object on one line takes the entry on that line: nothing else in the file moves.
    expect(text).toBe('// Zed settings\n{\n  "theme": "One Dark", // mine\n  "context_servers": {"intercom": {"url": "https://mcp.intercom.com/mcp"}},\n}\n');
  });

  it('allTargets (remove --client all) covers every file of every client', async () => {
    const platform = realPlatform();
    await mkdir(path.join(home, '.config', 'Code', 'User', 'globalStorage', 'rooveterinaryinc.roo-cline'), { recursive: true });
    await mkdir(path.join(home, '.config', 'Cursor', 'User', 'globalStorage', 'rooveterinaryinc.roo-cline'), { recursive: true });
    const roo = allTargets(platform, 'user').filter((target) => target.client.id === 'roo-code');
    expect(roo.map((target) => target.client.label)).toEqual(['Roo Code (VS Code)', 'Roo Code (Cursor)']);
    expect(allTargets(platform, 'user').some((target) => target.client.id === 'claude-ai')).toBe(false);
  });
});

const SSE_URL = 'https://mcp.intercom.com/sse';
