import { describe, expect, it } from 'vitest';
import { clientById, CLIENTS } from '../../src/clients/index.js';
import { fakePlatform } from '../helpers/platform.js';

function pathOf(id: string, platform: ReturnType<typeof fakePlatform>, scope: 'user' | 'project' = 'user') {
  const client = clientById(id);
  if (!client) throw new Error(`no client ${id}`);
  return client.configPath(platform, scope);
}

describe('config paths on Linux', () => {
  const linux = fakePlatform('linux');
  it.each([
    ['cursor', '/home/ana/.cursor/mcp.json'],
    ['windsurf', '/home/ana/.codeium/windsurf/mcp_config.json'],
    ['vscode', '/home/ana/.config/Code/User/mcp.json'],
    ['vscode-insiders', '/home/ana/.config/Code - Insiders/User/mcp.json'],
    ['claude-desktop', '/home/ana/.config/Claude/claude_desktop_config.json'],
    ['claude-code', '/home/ana/.claude.json'],
  ])('%s → %s', (id, expected) => {
    expect(pathOf(id, linux)).toBe(expected);
  });

  it('honours an absolute XDG_CONFIG_HOME and ignores a relative one', () => {
    expect(pathOf('vscode', fakePlatform('linux', { env: { XDG_CONFIG_HOME: '/xdg' } }))).toBe('/xdg/Code/User/mcp.json');
    expect(pathOf('claude-desktop', fakePlatform('linux', { env: { XDG_CONFIG_HOME: 'rel' } }))).toBe('/home/ana/.config/Claude/claude_desktop_config.json');
  });

  it('puts Claude Code state in CLAUDE_CONFIG_DIR when set', () => {
    expect(pathOf('claude-code', fakePlatform('linux', { env: { CLAUDE_CONFIG_DIR: '/cfg/claude' } }))).toBe('/cfg/claude/.claude.json');
  });

  it.each([
    ['cursor', '/home/ana/project/.cursor/mcp.json'],
    ['vscode', '/home/ana/project/.vscode/mcp.json'],
    ['vscode-insiders', '/home/ana/project/.vscode/mcp.json'],
    ['claude-code', '/home/ana/project/.mcp.json'],
    ['windsurf', undefined],
    ['claude-desktop', undefined],
    ['claude-ai', undefined],
  ])('project scope of %s → %s', (id, expected) => {
    expect(pathOf(id, linux, 'project')).toBe(expected);
  });
});

describe('config paths on macOS', () => {
  const mac = fakePlatform('darwin');
  it.each([
    ['cursor', '/Users/ana/.cursor/mcp.json'],
    ['windsurf', '/Users/ana/.codeium/windsurf/mcp_config.json'],
    ['vscode', '/Users/ana/Library/Application Support/Code/User/mcp.json'],
    ['vscode-insiders', '/Users/ana/Library/Application Support/Code - Insiders/User/mcp.json'],
    ['claude-desktop', '/Users/ana/Library/Application Support/Claude/claude_desktop_config.json'],
    ['claude-code', '/Users/ana/.claude.json'],
  ])('%s → %s', (id, expected) => {
    expect(pathOf(id, mac)).toBe(expected);
  });
});

describe('config paths on Windows', () => {
  const env = { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' };
  const windows = fakePlatform('win32', { env });
  it.each([
    ['cursor', 'C:\\Users\\ana\\.cursor\\mcp.json'],
    ['windsurf', 'C:\\Users\\ana\\.codeium\\windsurf\\mcp_config.json'],
    ['vscode', 'C:\\Users\\ana\\AppData\\Roaming\\Code\\User\\mcp.json'],
    ['vscode-insiders', 'C:\\Users\\ana\\AppData\\Roaming\\Code - Insiders\\User\\mcp.json'],
    ['claude-desktop', 'C:\\Users\\ana\\AppData\\Roaming\\Claude\\claude_desktop_config.json'],
    ['claude-code', 'C:\\Users\\ana\\.claude.json'],
  ])('%s → %s', (id, expected) => {
    expect(pathOf(id, windows)).toBe(expected);
  });

  it('prefers the Microsoft Store Claude Desktop folder when it exists', () => {
    const store = 'C:\\Users\\ana\\AppData\\Local\\Packages\\Claude_pzs8sxrjxfjjc';
    const platform = fakePlatform('win32', { env, existing: [store] });
    expect(pathOf('claude-desktop', platform)).toBe(`${store}\\LocalCache\\Roaming\\Claude\\claude_desktop_config.json`);
  });

  it('uses a custom APPDATA and the default when it is unset', () => {
    expect(pathOf('vscode', fakePlatform('win32', { env: { APPDATA: 'D:\\Roam' } }))).toBe('D:\\Roam\\Code\\User\\mcp.json');
    expect(pathOf('vscode', fakePlatform('win32'))).toBe('C:\\Users\\ana\\AppData\\Roaming\\Code\\User\\mcp.json');
  });
});

describe('detection', () => {
  it('finds nothing on an empty machine', () => {
    const platform = fakePlatform('linux');
    expect(CLIENTS.filter((client) => client.detect(platform).detected)).toEqual([]);
  });

  it.each([
    ['cursor', '/home/ana/.cursor'],
    ['windsurf', '/home/ana/.codeium/windsurf'],
    ['vscode', '/home/ana/.config/Code/User'],
    ['vscode-insiders', '/home/ana/.config/Code - Insiders/User'],
    ['claude-desktop', '/home/ana/.config/Claude'],
    ['claude-code', '/home/ana/.claude.json'],
  ])('%s from its folder %s, and only it', (id, folder) => {
    const platform = fakePlatform('linux', { existing: [folder] });
    expect(CLIENTS.filter((client) => client.detect(platform).detected).map((client) => client.id)).toEqual([id]);
    expect(clientById(id)?.detect(platform).evidence).toContain('exists');
  });

  it('finds commands on PATH', () => {
    const platform = fakePlatform('linux', { env: { PATH: '/opt/bin:/usr/bin' }, existing: ['/usr/bin/claude', '/opt/bin/code'] });
    const found = CLIENTS.filter((client) => client.detect(platform).detected).map((client) => client.id);
    expect(found).toEqual(['vscode', 'claude-code']);
    expect(clientById('claude-code')?.detect(platform).evidence).toBe('claude on PATH (/usr/bin/claude)');
  });

  it('finds Windows commands through PATHEXT and macOS apps in /Applications', () => {
    const windows = fakePlatform('win32', { env: { Path: 'C:\\Tools', PATHEXT: '.EXE;.CMD' }, existing: ['C:\\Tools\\cursor.CMD'] });
    expect(clientById('cursor')?.detect(windows).detected).toBe(true);
    const mac = fakePlatform('darwin', { existing: ['/Applications/Claude.app'] });
    expect(clientById('claude-desktop')?.detect(mac)).toEqual({ detected: true, evidence: '/Applications/Claude.app installed' });
  });

  it('never detects claude.ai (a web app)', () => {
    expect(clientById('claude-ai')?.detect(fakePlatform('linux', { existing: ['/home/ana/.claude'] })).detected).toBe(false);
  });
});

describe("detection ignores client CLIs that are only some package's dependency", () => {
  it('a claude in a node_modules/.bin folder on PATH is not Claude Code', () => {
    const bin = '/home/ana/src/app/node_modules/.bin';
    const platform = fakePlatform('linux', { env: { PATH: `${bin}:/usr/bin` }, existing: [`${bin}/claude`, `${bin}/codex`] });
    expect(CLIENTS.filter((client) => client.detect(platform).detected)).toEqual([]);
  });

  it('the same CLI installed globally is detected, even behind a node_modules/.bin one', () => {
    const bin = '/home/ana/src/app/node_modules/.bin';
    const platform = fakePlatform('linux', { env: { PATH: `${bin}:/usr/local/bin:/usr/bin` }, existing: [`${bin}/claude`, '/usr/local/bin/claude'] });
    expect(clientById('claude-code')?.detect(platform)).toEqual({ detected: true, evidence: 'claude on PATH (/usr/local/bin/claude)' });
  });
});
