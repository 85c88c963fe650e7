/**
 * The third wave of clients (issue 19) and the fixes to the second: config paths per OS and scope
 * (with each client's own variables), detection, the golden entries each one gets (default run,
 * --transport http, --native, on Linux, macOS and Windows), and the engine on real files.
 * Every golden entry is written out by hand from the source cited in the client's module.
 */
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientById, CLIENTS, configLocations } from '../../src/clients/index.js';
import type { Scope } from '../../src/clients/types.js';
import type { OsName, Platform } from '../../src/core/platform.js';
import { applyChange, planRemoval, planSetup, resolveTargets } from '../../src/engine/changes.js';
import { nextStepsFor } from '../../src/engine/next-steps.js';
import { clientStatuses } from '../../src/engine/status.js';
import { judgeEntry } from '../../src/entries/expected-entry.js';
import { expectedEntry } from '../helpers/expected-entry.js';
import { findIntercomEntries } from '../../src/entries/intercom-entries.js';
import { fakePlatform, onDisk } from '../helpers/platform.js';

const SSE = 'https://mcp.intercom.com/sse';
const HTTP = 'https://mcp.intercom.com/mcp';
const WIN_ENV = { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' };
const THIRD_WAVE = [
  'devin',
  'opencode',
  'copilot-cli',
  'qwen-code',
  'kilo-code',
  'auggie',
  'droid',
  'amp',
  'crush',
  'visual-studio',
  'junie',
  'warp',
  'antigravity',
  'goose',
  'continue',
];

function platformFor(osName: OsName, options: Parameters<typeof fakePlatform>[1] = {}): Platform {
  return fakePlatform(osName, osName === 'win32' ? { ...options, env: { ...WIN_ENV, ...options.env } } : options);
}

function pathOf(id: string, platform: Platform, scope: Scope = 'user') {
  return clientById(id)!.configPath(platform, scope);
}

describe('the count of clients', () => {
  it("is above every peer's (add-mcp knows 22), and every id is unique", () => {
    expect(CLIENTS.length).toBeGreaterThan(22);
    expect(new Set(CLIENTS.map((client) => client.id)).size).toBe(CLIENTS.length);
    for (const id of THIRD_WAVE) expect(clientById(id), id).toBeDefined();
  });
});

describe('config paths', () => {
  it.each([
    ['devin', '/home/ana/.config/devin/config.json', '/Users/ana/.config/devin/config.json', 'C:\\Users\\ana\\AppData\\Roaming\\devin\\config.json'],
    ['opencode', '/home/ana/.config/opencode/opencode.json', '/Users/ana/.config/opencode/opencode.json', 'C:\\Users\\ana\\.config\\opencode\\opencode.json'],
    ['kilo-code', '/home/ana/.config/kilo/kilo.json', '/Users/ana/.config/kilo/kilo.json', 'C:\\Users\\ana\\.config\\kilo\\kilo.json'],
    ['copilot-cli', '/home/ana/.copilot/mcp-config.json', '/Users/ana/.copilot/mcp-config.json', 'C:\\Users\\ana\\.copilot\\mcp-config.json'],
    ['qwen-code', '/home/ana/.qwen/settings.json', '/Users/ana/.qwen/settings.json', 'C:\\Users\\ana\\.qwen\\settings.json'],
    ['auggie', '/home/ana/.augment/settings.json', '/Users/ana/.augment/settings.json', 'C:\\Users\\ana\\.augment\\settings.json'],
    ['droid', '/home/ana/.factory/mcp.json', '/Users/ana/.factory/mcp.json', 'C:\\Users\\ana\\.factory\\mcp.json'],
    ['amp', '/home/ana/.config/amp/settings.json', '/Users/ana/.config/amp/settings.json', 'C:\\Users\\ana\\.config\\amp\\settings.json'],
    ['crush', '/home/ana/.config/crush/crush.json', '/Users/ana/.config/crush/crush.json', 'C:\\Users\\ana\\AppData\\Local\\crush\\crush.json'],
    ['visual-studio', undefined, undefined, 'C:\\Users\\ana\\.mcp.json'],
    ['junie', '/home/ana/.junie/mcp/mcp.json', '/Users/ana/.junie/mcp/mcp.json', 'C:\\Users\\ana\\.junie\\mcp\\mcp.json'],
    ['warp', '/home/ana/.warp/.mcp.json', '/Users/ana/.warp/.mcp.json', 'C:\\Users\\ana\\.warp\\.mcp.json'],
    [
      'antigravity',
      '/home/ana/.gemini/antigravity/mcp_config.json',
      '/Users/ana/.gemini/antigravity/mcp_config.json',
      'C:\\Users\\ana\\.gemini\\antigravity\\mcp_config.json',
    ],
  ])('%s: Linux %s, macOS %s, Windows %s', (id, linux, mac, windows) => {
    expect(pathOf(id, platformFor('linux'))).toBe(linux);
    expect(pathOf(id, platformFor('darwin'))).toBe(mac);
    expect(pathOf(id, platformFor('win32'))).toBe(windows);
  });

  it.each([
    ['devin', '/home/ana/project/.devin/config.json'],
    ['opencode', '/home/ana/project/opencode.json'],
    ['kilo-code', '/home/ana/project/kilo.json'],
    ['copilot-cli', '/home/ana/project/.mcp.json'],
    ['qwen-code', '/home/ana/project/.qwen/settings.json'],
    ['auggie', '/home/ana/project/.augment/settings.json'],
    ['droid', '/home/ana/project/.factory/mcp.json'],
    ['amp', '/home/ana/project/.amp/settings.json'],
    ['crush', '/home/ana/project/crush.json'],
    ['visual-studio', '/home/ana/project/.mcp.json'],
    ['junie', '/home/ana/project/.junie/mcp/mcp.json'],
    ['warp', '/home/ana/project/.warp/.mcp.json'],
    ['antigravity', undefined],
    ['codex', '/home/ana/project/.codex/config.toml'],
  ])('project scope of %s → %s', (id, expected) => {
    expect(pathOf(id, platformFor('linux'), 'project')).toBe(expected);
  });

  it('prefers the file that is there: .jsonc, .opencode/, .github/mcp.json, .crush.json', () => {
    const existing = [
      '/home/ana/.config/opencode/opencode.jsonc',
      '/home/ana/project/.opencode/opencode.jsonc',
      '/home/ana/project/.github/mcp.json',
      '/home/ana/project/.crush.json',
      '/home/ana/.config/amp/settings.jsonc',
    ];
    const platform = platformFor('linux', { existing });
    expect(pathOf('opencode', platform)).toBe('/home/ana/.config/opencode/opencode.jsonc');
    expect(pathOf('opencode', platform, 'project')).toBe('/home/ana/project/.opencode/opencode.jsonc');
    expect(pathOf('copilot-cli', platform, 'project')).toBe('/home/ana/project/.github/mcp.json');
    expect(pathOf('crush', platform, 'project')).toBe('/home/ana/project/.crush.json');
    expect(pathOf('amp', platform)).toBe('/home/ana/.config/amp/settings.jsonc');
    // With both, the Copilot CLI reads .mcp.json.
    const both = platformFor('linux', { existing: ['/home/ana/project/.mcp.json', '/home/ana/project/.github/mcp.json'] });
    expect(pathOf('copilot-cli', both, 'project')).toBe('/home/ana/project/.mcp.json');
  });

  it("honours each client's own variables", () => {
    const env = (vars: Record<string, string>) => platformFor('linux', { env: vars });
    expect(pathOf('opencode', env({ OPENCODE_CONFIG_DIR: '/oc' }))).toBe('/oc/opencode.json');
    expect(pathOf('opencode', env({ OPENCODE_CONFIG: '/etc/oc.json', OPENCODE_CONFIG_DIR: '/oc' }))).toBe('/etc/oc.json');
    expect(pathOf('opencode', env({ XDG_CONFIG_HOME: '/xdg' }))).toBe('/xdg/opencode/opencode.json');
    expect(pathOf('kilo-code', env({ KILO_CONFIG_DIR: '/k' }))).toBe('/k/kilo.json');
    expect(pathOf('kilo-code', env({ KILO_CONFIG: '/k/my.jsonc' }))).toBe('/k/my.jsonc');
    expect(pathOf('copilot-cli', env({ COPILOT_HOME: '/cp' }))).toBe('/cp/mcp-config.json');
    expect(pathOf('qwen-code', env({ QWEN_HOME: '/q' }))).toBe('/q/settings.json');
    // Qwen resolves a relative QWEN_HOME from the working folder.
    expect(pathOf('qwen-code', env({ QWEN_HOME: 'rel' }))).toBe('/home/ana/project/rel/settings.json');
    expect(pathOf('droid', env({ FACTORY_HOME_OVERRIDE: '/f' }))).toBe('/f/.factory/mcp.json');
    expect(pathOf('amp', env({ AMP_SETTINGS_FILE: '/a/amp.json' }))).toBe('/a/amp.json');
    expect(pathOf('amp', env({ XDG_CONFIG_HOME: '/xdg' }))).toBe('/xdg/amp/settings.json');
    expect(pathOf('crush', env({ CRUSH_GLOBAL_CONFIG: '/c' }))).toBe('/c/crush.json');
    expect(pathOf('crush', env({ XDG_CONFIG_HOME: '/xdg' }))).toBe('/xdg/crush/crush.json');
    // A relative value is not a folder anyone can find: ignored.
    expect(pathOf('copilot-cli', env({ COPILOT_HOME: 'rel' }))).toBe('/home/ana/.copilot/mcp-config.json');
  });

  it('says why Visual Studio has no user file outside Windows', () => {
    expect(clientById('visual-studio')!.notFound?.(platformFor('linux'), 'user')).toContain('Windows only');
    expect(clientById('visual-studio')!.notFound?.(platformFor('win32'), 'user')).toBeUndefined();
  });
});

describe('detection', () => {
  it.each([
    ['devin', '/home/ana/.config/devin'],
    ['opencode', '/home/ana/.config/opencode'],
    ['kilo-code', '/home/ana/.config/kilo'],
    ['copilot-cli', '/home/ana/.copilot'],
    ['qwen-code', '/home/ana/.qwen'],
    ['auggie', '/home/ana/.augment'],
    ['droid', '/home/ana/.factory'],
    ['amp', '/home/ana/.config/amp'],
    ['crush', '/home/ana/.config/crush'],
    ['junie', '/home/ana/.junie'],
    ['warp', '/home/ana/.warp'],
    ['antigravity', '/home/ana/.gemini/antigravity'],
  ])('%s from %s, and only it', (id, folder) => {
    const platform = platformFor('linux', { existing: [folder] });
    expect(CLIENTS.filter((client) => client.detect(platform).detected).map((client) => client.id)).toEqual([id]);
  });

  it.each([
    ['devin', 'devin'],
    ['opencode', 'opencode'],
    ['kilo-code', 'kilo'],
    ['copilot-cli', 'copilot'],
    ['qwen-code', 'qwen'],
    ['auggie', 'auggie'],
    ['droid', 'droid'],
    ['amp', 'amp'],
    ['crush', 'crush'],
    ['junie', 'junie'],
    ['antigravity', 'agy'],
  ])('%s from the command %s on PATH', (id, command) => {
    const platform = platformFor('linux', { env: { PATH: '/opt/bin' }, existing: [`/opt/bin/${command}`] });
    expect(clientById(id)!.detect(platform)).toEqual({ detected: true, evidence: `${command} on PATH (/opt/bin/${command})` });
  });

  it("finds Devin Desktop's folder on Windows, and Visual Studio on Windows only", () => {
    expect(clientById('devin')!.detect(platformFor('win32', { existing: ['C:\\Users\\ana\\AppData\\Roaming\\devin'] })).detected).toBe(true);
    const vs = 'C:\\Program Files\\Microsoft Visual Studio';
    expect(clientById('visual-studio')!.detect(platformFor('win32', { existing: [vs] }))).toEqual({ detected: true, evidence: `${vs} installed` });
    expect(clientById('visual-studio')!.detect(platformFor('linux', { existing: ['/home/ana/.mcp.json'] })).detected).toBe(false);
  });

  it('does not take ~/.gemini alone for Antigravity or Gemini CLI', () => {
    const platform = platformFor('linux', { existing: ['/home/ana/.gemini'] });
    expect(CLIENTS.filter((client) => client.detect(platform).detected)).toEqual([]);
  });
});

// ---- golden entries ---------------------------------------------------------------------------------

const bridge = (url: string) => ({ command: 'npx', args: ['-y', 'mcp-remote', url] });
const stdioBridge = (url: string) => ({ type: 'stdio', ...bridge(url) });
type Golden = { bridge: (url: string, transport: 'sse' | 'http') => object; native: (url: string, transport: 'sse' | 'http') => object };

/** Written out by hand from the sources cited in each client module. */
const GOLDEN: Record<string, Golden> = {
  devin: { bridge, native: (url, t) => (t === 'http' ? { url } : { url, transport: 'sse' }) },
  opencode: { bridge: (url) => ({ type: 'local', command: ['npx', '-y', 'mcp-remote', url] }), native: (url) => ({ type: 'remote', url }) },
  'kilo-code': { bridge: (url) => ({ type: 'local', command: ['npx', '-y', 'mcp-remote', url] }), native: (url) => ({ type: 'remote', url }) },
  // Shared with Claude Code (.mcp.json) and newer VS Code (~/.copilot/mcp-config.json): always this entry.
  'copilot-cli': { bridge: (url, t) => ({ type: t, url }), native: (url, t) => ({ type: t, url }) },
  // Qwen reads {"url", "type": "http"} as SSE: Streamable HTTP is httpUrl.
  'qwen-code': { bridge, native: (url, t) => (t === 'http' ? { httpUrl: url } : { url }) },
  auggie: { bridge: stdioBridge, native: (url, t) => ({ type: t, url }) },
  // A bare {"url"} is stdio to Droid: the type is always there.
  droid: { bridge: stdioBridge, native: (url, t) => ({ type: t, url }) },
  amp: { bridge, native: (url) => ({ url }) },
  // Crush's OAuth is for HTTP only: its native entry is always /mcp.
  crush: { bridge: stdioBridge, native: (url) => ({ type: 'http', url: url.replace(/\/sse$/, '/mcp'), oauth: true }) },
  'visual-studio': { bridge: stdioBridge, native: (url, t) => ({ type: t, url }) },
  // Stdio only: --native keeps the bridge.
  junie: { bridge, native: bridge },
  warp: { bridge, native: (url) => ({ url }) },
  antigravity: { bridge, native: (url) => ({ serverUrl: url }) },
  // Fixes: Cline always native; LM Studio unchanged.
  cline: {
    bridge: (url, t) => ({ type: t === 'http' ? 'streamableHttp' : 'sse', url }),
    native: (url, t) => ({ type: t === 'http' ? 'streamableHttp' : 'sse', url }),
  },
};

/** What Windows gets: the same entry, its bridge through `cmd /c`. */
function onWindows(entry: Record<string, unknown>): Record<string, unknown> {
  if (Array.isArray(entry.command)) return { ...entry, command: ['cmd', '/c', ...entry.command] };
  if (entry.command === 'npx') return { ...entry, command: 'cmd', args: ['/c', 'npx', ...(entry.args as string[])] };
  return entry;
}

const goldenCases = Object.keys(GOLDEN).flatMap((client) =>
  (['bridge', 'native'] as const).flatMap((mode) =>
    (['sse', 'http'] as const).flatMap((transport) => (['linux', 'darwin', 'win32'] as const).map((osName) => ({ client, mode, transport, osName }))),
  ),
);

describe('golden entries (client × default/--native × --transport × OS)', () => {
  it.each(goldenCases)('$client $mode $transport $osName', ({ client, mode, transport, osName }) => {
    const url = transport === 'http' ? HTTP : SSE;
    const descriptor = clientById(client)!;
    const platform = platformFor(osName);
    const golden = GOLDEN[client]![mode](url, transport) as Record<string, unknown>;
    const entry = expectedEntry(descriptor, platform, url, mode === 'native');
    expect(entry).toEqual(osName === 'win32' ? onWindows(golden) : golden);
    expect(judgeEntry(descriptor, platform, entry!).correct).toBe(true);
  });

  it("gives the EU region's own URLs", () => {
    expect(expectedEntry(clientById('qwen-code')!, platformFor('linux'), 'https://mcp.eu.intercom.com/mcp', true)).toEqual({
      httpUrl: 'https://mcp.eu.intercom.com/mcp',
    });
    expect(expectedEntry(clientById('crush')!, platformFor('linux'), 'https://mcp.eu.intercom.com/sse', true)).toEqual({
      type: 'http',
      url: 'https://mcp.eu.intercom.com/mcp',
      oauth: true,
    });
  });

  it("keeps Crush on the bridge for an SSE URL that is not Intercom's (no /mcp to go to)", () => {
    expect(expectedEntry(clientById('crush')!, platformFor('linux'), 'https://example.test/sse', true, {})).toEqual(stdioBridge('https://example.test/sse'));
  });
});

describe('judging entries written by hand', () => {
  const linux = platformFor('linux');
  it.each([
    ['qwen-code', { url: HTTP, type: 'http' }],
    ['droid', { url: HTTP }],
    ['opencode', { url: HTTP }],
    ['cline', bridge(SSE)],
    ['copilot-cli', { url: HTTP }],
    ['antigravity', { url: HTTP }],
  ])('%s: %j is not what it reads', (id, entry) => {
    expect(judgeEntry(clientById(id)!, linux, entry).correct).toBe(false);
  });

  it("says why Cline's old bridge entry is wrong", () => {
    expect(judgeEntry(clientById('cline')!, linux, bridge(SSE)).problems.join(' ')).toContain('cline CLI runs this mcp-remote entry');
  });

  it("accepts a pinned mcp-remote in OpenCode's command list", () => {
    expect(judgeEntry(clientById('opencode')!, linux, { type: 'local', command: ['npx', '-y', 'mcp-remote@0.1.38', SSE] }).correct).toBe(true);
  });
});

// ---- next steps -------------------------------------------------------------------------------------

describe('next steps', () => {
  const step = (id: string, extra: Partial<Parameters<NonNullable<ReturnType<typeof clientById>>['nextStep']>[0]> = {}) =>
    clientById(id)!.nextStep({ url: HTTP, transport: 'http', mode: 'native', name: 'intercom', scope: 'user', ...extra });

  it('Codex project scope says the project must be trusted, with its path', () => {
    const text = step('codex', { scope: 'project', path: '/home/ana/project/.codex/config.toml' });
    expect(text).toContain('[projects."/home/ana/project"] trust_level = "trusted"');
    expect(step('codex')).not.toContain('trust');
  });

  it('Cline with a token says only the extension reads ${env:VAR}', () => {
    expect(step('cline', { tokenEnv: 'INTERCOM_TOKEN' })).toContain('Only the Cline extension reads ${env:VAR}');
  });

  it("LM Studio's native entry promises no browser sign-in", () => {
    expect(step('lm-studio')).not.toMatch(/sign in to Intercom in the browser/);
    expect(step('lm-studio')).toContain('documents no sign-in');
  });

  it("Amp's project servers need approving; the Copilot CLI's a trusted folder", () => {
    expect(step('amp', { scope: 'project' })).toContain('amp mcp approve intercom');
    expect(step('copilot-cli', { scope: 'project' })).toContain('Trust this folder');
  });

  it('the engine passes the written path to the step', () => {
    const change = {
      client: clientById('codex')!,
      scope: 'project' as const,
      path: '/w/p/.codex/config.toml',
      action: 'created' as const,
      notes: [],
      mode: 'native' as const,
    };
    expect(nextStepsFor([change], HTTP, 'intercom').get('Codex')).toContain('[projects."/w/p"]');
  });
});

// ---- the engine on real files ---------------------------------------------------------------------------

let home: string;

function realPlatform(env: Record<string, string> = {}): Platform {
  return onDisk(fakePlatform('linux', { home, cwd: path.join(home, 'project'), env: { PATH: '/nonexistent', ...env } }));
}

async function write(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

beforeEach(async () => {
  home = await realpath(await mkdtemp(path.join(os.tmpdir(), 'ims-third-')));
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const SPEC = { url: SSE, name: 'intercom', native: false };

async function setup(ids: string[], platform: Platform, spec: { url: string; name: string; native: boolean; tokenEnv?: string } = SPEC, scope: Scope = 'user') {
  const planned = await Promise.all(resolveTargets(platform, ids, scope).map((target) => planSetup(target, platform, spec)));
  return Promise.all(planned.map((change) => applyChange(change, spec, false)));
}

async function remove(ids: string[], platform: Platform, scope: Scope = 'user') {
  const planned = await Promise.all(resolveTargets(platform, ids, scope).map((target) => planRemoval(target, platform, SPEC)));
  return Promise.all(planned.map((change) => applyChange(change, SPEC, true)));
}

describe('engine: setup, list and remove on real files', () => {
  it('OpenCode: keeps comments and other servers in opencode.jsonc, then gives back the same bytes', async () => {
    const platform = realPlatform();
    const file = path.join(home, '.config', 'opencode', 'opencode.jsonc');
    const original =
      '{\n  // mine\n  "$schema": "https://opencode.ai/config.json",\n  "mcp": {\n    "linear": { "type": "remote", "url": "https://mcp.linear.app/mcp" },\n  },\n}\n';
    await write(file, original);
    const [change] = await setup(['opencode'], platform);
    expect(change).toMatchObject({ action: 'updated', path: file });
    const text = await readFile(file, 'utf8');
    expect(text).toContain('// mine');
    expect(text).toContain('"linear": { "type": "remote", "url": "https://mcp.linear.app/mcp" }');
    expect(text).toContain('"command": [\n        "npx",\n        "-y",\n        "mcp-remote",\n        "https://mcp.intercom.com/sse"\n      ]');
    expect((await setup(['opencode'], platform))[0]!.action).toBe('unchanged');
    const [status] = await clientStatuses(clientById('opencode')!, platform, { scope: 'user', name: 'intercom', url: SSE });
    expect(status).toMatchObject({ configured: true, correct: true });
    // reset-auth finds the bridge inside OpenCode's command list.
    const found = (await findIntercomEntries(platform, { name: 'intercom' })).filter((entry) => entry.client.id === 'opencode');
    expect(found.map((entry) => [entry.url, entry.invocation?.url])).toEqual([[SSE, SSE]]);
    expect((await remove(['opencode'], platform))[0]!.action).toBe('removed');
    expect(await readFile(file, 'utf8')).toBe(original);
  });

  it('Amp: writes under the one key "amp.mcpServers", not a nested object', async () => {
    const platform = realPlatform();
    const file = path.join(home, '.config', 'amp', 'settings.json');
    await write(file, '{\n  "amp.notifications.enabled": false\n}\n');
    await setup(['amp'], platform, { ...SPEC, native: true, url: HTTP });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ 'amp.notifications.enabled': false, 'amp.mcpServers': { intercom: { url: HTTP } } });
    const [status] = await clientStatuses(clientById('amp')!, platform, { scope: 'user', name: 'intercom', url: HTTP });
    expect(status).toMatchObject({ configured: true, correct: true });
  });

  it('a project .mcp.json shared by Claude Code and the Copilot CLI gets one entry that suits both', async () => {
    const platform = realPlatform();
    const file = path.join(home, 'project', '.mcp.json');
    await write(file, '{\n  "mcpServers": {\n    "linear": { "type": "http", "url": "https://mcp.linear.app/mcp" }\n  }\n}\n');
    const changes = await setup(['claude-code', 'copilot-cli', 'visual-studio'], platform, { ...SPEC, url: HTTP }, 'project');
    expect(changes.map((change) => [change.client.id, change.path, change.action])).toEqual([
      ['claude-code', file, 'updated'],
      ['copilot-cli', file, 'unchanged'],
      ['visual-studio', file, 'updated'],
    ]);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      mcpServers: { linear: { type: 'http', url: 'https://mcp.linear.app/mcp' }, intercom: { type: 'http', url: HTTP } },
      servers: { intercom: stdioBridge(HTTP) },
    });
    for (const id of ['claude-code', 'copilot-cli', 'visual-studio']) {
      const [status] = await clientStatuses(clientById(id)!, platform, { scope: 'project', name: 'intercom', url: HTTP });
      expect(status, id).toMatchObject({ configured: true, correct: true });
    }
  });

  it('Cline: an old bridge entry is replaced by the native one (its CLI would POST to /sse)', async () => {
    const platform = realPlatform();
    const file = path.join(home, '.cline', 'data', 'settings', 'cline_mcp_settings.json');
    await write(file, JSON.stringify({ mcpServers: { intercom: bridge(SSE), other: { command: 'x', args: [] } } }, null, 2));
    const [before] = await clientStatuses(clientById('cline')!, platform, { scope: 'user', name: 'intercom', url: SSE });
    expect(before).toMatchObject({ configured: true, correct: false });
    const [change] = await setup(['cline'], platform, { ...SPEC, url: HTTP });
    expect(change!.action).toBe('updated');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      mcpServers: { intercom: { type: 'streamableHttp', url: HTTP }, other: { command: 'x', args: [] } },
    });
  });

  it("Roo Code: follows the editor's roo-cline.customStoragePath (settings.json is JSONC)", async () => {
    const platform = realPlatform();
    const user = path.join(home, '.config', 'Code', 'User');
    await mkdir(path.join(user, 'globalStorage', 'rooveterinaryinc.roo-cline'), { recursive: true });
    const custom = path.join(home, 'roo-data');
    await write(path.join(user, 'settings.json'), `{\n  // where Roo keeps its files\n  "roo-cline.customStoragePath": ${JSON.stringify(custom)},\n}\n`);
    const roo = clientById('roo-code')!;
    expect(configLocations(roo, platform, 'user')).toEqual([{ path: path.join(custom, 'settings', 'mcp_settings.json'), label: 'VS Code' }]);
    const [change] = await setup(['roo-code'], platform);
    expect(change).toMatchObject({ action: 'created', path: path.join(custom, 'settings', 'mcp_settings.json') });
    // An unreadable or relative setting leaves the default folder.
    await write(path.join(user, 'settings.json'), '{ "roo-cline.customStoragePath": "relative/dir" }');
    expect(configLocations(roo, platform, 'user')[0]!.path).toBe(
      path.join(user, 'globalStorage', 'rooveterinaryinc.roo-cline', 'settings', 'mcp_settings.json'),
    );
    await write(path.join(user, 'settings.json'), '{ broken');
    expect(configLocations(roo, platform, 'user')[0]!.path).toBe(
      path.join(user, 'globalStorage', 'rooveterinaryinc.roo-cline', 'settings', 'mcp_settings.json'),
    );
  });

  it('LM Studio: the home pointer, then ~/.cache/lm-studio, then ~/.lmstudio', async () => {
    const lm = clientById('lm-studio')!;
    expect(lm.configPath(realPlatform(), 'user')).toBe(path.join(home, '.lmstudio', 'mcp.json'));
    await mkdir(path.join(home, '.cache', 'lm-studio'), { recursive: true });
    expect(lm.configPath(realPlatform(), 'user')).toBe(path.join(home, '.cache', 'lm-studio', 'mcp.json'));
    const moved = path.join(home, 'models-disk', 'lmstudio');
    await write(path.join(home, '.lmstudio-home-pointer'), `${moved}\n`);
    expect(lm.configPath(realPlatform(), 'user')).toBe(path.join(moved, 'mcp.json'));
    expect(lm.detect(onDisk(realPlatform()))).toEqual({ detected: false, evidence: '' });
    await mkdir(moved, { recursive: true });
    expect(lm.detect(realPlatform()).detected).toBe(true);
    expect(lm.configPath(realPlatform({ LMSTUDIO_HOME: '/srv/lms' }), 'user')).toBe('/srv/lms/mcp.json');
  });

  it('Codex project scope writes .codex/config.toml in the project', async () => {
    const platform = realPlatform();
    const [change] = await setup(['codex'], platform, { ...SPEC, native: true }, 'project');
    const file = path.join(home, 'project', '.codex', 'config.toml');
    expect(change).toMatchObject({ action: 'created', path: file });
    expect(await readFile(file, 'utf8')).toBe(`[mcp_servers.intercom]\nurl = "${HTTP}"\n`);
  });

  it('Qwen Code and Crush write a token entry that names the variable only', async () => {
    const platform = realPlatform();
    await setup(['qwen-code', 'crush'], platform, { ...SPEC, url: HTTP, tokenEnv: 'INTERCOM_TOKEN' });
    expect(JSON.parse(await readFile(path.join(home, '.qwen', 'settings.json'), 'utf8'))).toEqual({
      mcpServers: { intercom: { httpUrl: HTTP, headers: { Authorization: 'Bearer ${INTERCOM_TOKEN}' } } },
    });
    expect(JSON.parse(await readFile(path.join(home, '.config', 'crush', 'crush.json'), 'utf8'))).toEqual({
      mcp: { intercom: { type: 'http', url: HTTP, headers: { Authorization: 'Bearer $INTERCOM_TOKEN' } } },
    });
    for (const id of ['qwen-code', 'crush']) {
      const [status] = await clientStatuses(clientById(id)!, platform, { scope: 'user', name: 'intercom', url: HTTP });
      expect(status, id).toMatchObject({ configured: true, correct: true });
    }
  });
});
