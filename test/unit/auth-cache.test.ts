import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CacheBaseError,
  callbackPort,
  deleteCacheFiles,
  intercomTargets,
  describeProcess,
  planReset,
  resolveCacheBase,
  scanCache,
  serverHash,
  type CacheTarget,
} from '../../src/auth/auth-cache.js';
import { isPidAlive } from '../../src/config/files.js';
import { INTERCOM_STANDARD_URLS as INTERCOM_URLS } from '../../src/core/endpoint.js';
import { isIntercomUrl, parseMcpRemoteArgs } from '../../src/entries/mcp-remote-args.js';
import type { Platform } from '../../src/core/platform.js';
import { fakePlatform, onDisk } from '../helpers/platform.js';
import { ROOT } from '../helpers/cli.js';
import { EU_MCP, EU_SSE, H_EU_MCP, H_MCP, H_OTHER, H_SSE, MCP, md5, SSE } from '../helpers/mcp-remote-cache.js';

const SECRETS = ['SECRET-ACCESS-TOKEN-1', 'SECRET-REFRESH-TOKEN-1', 'SECRET-ACCESS-OLD', 'SECRET-CLIENT-SECRET', 'SECRET-HEADER-VALUE'];

const tempDirs: string[] = [];
async function tempDir(prefix = 'auth-cache-'): Promise<string> {
  const dir = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), prefix)));
  tempDirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of tempDirs) await fs.rm(dir, { recursive: true, force: true });
});

/** Writes files given as { 'folder/name': content }; content objects are JSON. */
async function writeTree(base: string, files: Record<string, unknown>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(base, rel);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
}

function platformWith(env: Record<string, string | undefined>, home: string, osName: Platform['os'] = 'linux'): Platform {
  // This env exactly (fakePlatform would add HOME), and this Node.
  return { ...onDisk(fakePlatform(osName, { home, cwd: home })), env, nodeVersion: process.versions.node };
}

/** A pid that certainly belonged to a process and no longer does. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  const pid = child.pid;
  await new Promise<void>((resolve) => child.on('exit', () => resolve()));
  if (pid === undefined) throw new Error('no pid');
  return pid;
}

const FUTURE = Date.UTC(2031, 0, 2, 3, 4, 5);

/** The layout most tests use: three storage folders, Intercom's files next to another server's. */
async function standardCache(): Promise<string> {
  const base = await tempDir();
  await writeTree(base, {
    // mcp-remote 0.0.22: tokens without expires_at
    [`mcp-remote-0.0.22/${H_SSE}_tokens.json`]: { access_token: 'SECRET-ACCESS-OLD', token_type: 'Bearer', expires_in: 3600 },
    [`mcp-remote-0.0.22/${H_SSE}_client_info.json`]: { client_id: 'abc', client_secret: 'SECRET-CLIENT-SECRET', redirect_uris: [] },
    [`mcp-remote-0.0.22/${H_OTHER}_tokens.json`]: { access_token: 'other-access', expires_in: 100 },
    [`mcp-remote-0.1.2/${H_EU_MCP}_tokens.json`]: { access_token: 'SECRET-ACCESS-OLD', expires_in: 60 },
    [`mcp-remote-0.1.2/${H_EU_MCP}_code_verifier.txt`]: 'verifier',
    // current layout
    [`mcp-remote-v1/${H_SSE}_tokens.json`]: {
      access_token: 'SECRET-ACCESS-TOKEN-1',
      refresh_token: 'SECRET-REFRESH-TOKEN-1',
      token_type: 'Bearer',
      expires_in: 3600,
      expires_at: FUTURE,
    },
    [`mcp-remote-v1/${H_SSE}_client_info.json`]: { client_id: 'abc', client_secret: 'SECRET-CLIENT-SECRET', redirect_uris: [] },
    [`mcp-remote-v1/${H_SSE}_code_verifier_state123.txt`]: 'verifier',
    [`mcp-remote-v1/${H_SSE}_discovery_state_state123.json`]: { authorizationServerUrl: 'https://mcp.intercom.com' },
    [`mcp-remote-v1/${H_MCP}_debug.log`]: 'log line\n',
    [`mcp-remote-v1/${H_SSE}_tokens.json.4242.1700000000000.tmp`]: '{}',
    [`mcp-remote-v1/${H_OTHER}_tokens.json`]: { access_token: 'other-access', expires_at: FUTURE },
    [`mcp-remote-v1/${H_OTHER}_client_info.json`]: { client_id: 'other' },
    'mcp-remote-v1/README.txt': 'not a cache file',
    'unrelated.txt': 'keep me',
  });
  const old = new Date('2024-01-01T00:00:00Z');
  await fs.utimes(path.join(base, `mcp-remote-0.0.22/${H_SSE}_tokens.json`), old, old);
  return base;
}

function assertNoSecrets(value: unknown): void {
  const text = JSON.stringify(value);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

async function listTree(base: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      out.push(path.relative(base, full));
      if (entry.isDirectory()) await walk(full);
    }
  };
  await walk(base);
  return out.sort();
}

// ---------------------------------------------------------------------------------------------

describe('serverHash and callbackPort', () => {
  it('matches the known md5 of the US SSE URL', () => {
    expect(serverHash(SSE)).toBe('3ba49181314b058915c2a74135eeb199');
    expect(serverHash(SSE, {})).toBe('3ba49181314b058915c2a74135eeb199');
    expect(serverHash(`${SSE}/`)).not.toBe('3ba49181314b058915c2a74135eeb199');
  });

  it('joins only the options that are present, headers as sorted-key JSON', () => {
    expect(serverHash(SSE, { headers: { b: '2', a: '1' } })).toBe(md5(`${SSE}|{"a":"1","b":"2"}`));
    expect(serverHash(SSE, { resource: 'https://r/' })).toBe(md5(`${SSE}|https://r/`));
    expect(serverHash(SSE, { resource: 'https://r/', headers: { A: 'x' } })).toBe(md5(`${SSE}|https://r/|{"A":"x"}`));
    expect(serverHash(SSE, { resource: '', headers: {} })).toBe(md5(SSE));
  });

  it('derives the callback port from the first four hex digits', () => {
    expect(callbackPort('3ba49181314b058915c2a74135eeb199')).toBe(3335 + (0x3ba4 % 45816));
    expect(callbackPort('ffff0000000000000000000000000000')).toBe(3335 + (0xffff % 45816));
  });

  it('lists the four standard URLs', () => {
    expect([...INTERCOM_URLS]).toEqual([SSE, MCP, EU_SSE, EU_MCP]);
    expect(isIntercomUrl(EU_MCP)).toBe(true);
    expect(isIntercomUrl('https://intercom.com.evil.example/sse')).toBe(false);
    expect(isIntercomUrl('not a url')).toBe(false);
  });
});

describe("agreement with mcp-remote's own parseCommandLineArgs", () => {
  type Parsed = { serverUrlHash: string; callbackPort: number };
  let parseCommandLineArgs: (args: string[], usage: string) => Promise<Parsed>;
  let configDir: string;
  const savedEnv = process.env.MCP_REMOTE_CONFIG_DIR;

  beforeAll(async () => {
    const dist = path.join(ROOT, 'node_modules/mcp-remote/dist');
    const version = JSON.parse(readFileSync(path.join(dist, '../package.json'), 'utf8')).version;
    expect(version).toBe('0.15.1');
    const chunk = readdirSync(dist).find(
      (name) => /^chunk-.*\.js$/.test(name) && readFileSync(path.join(dist, name), 'utf8').includes('function getServerUrlHash('),
    );
    if (!chunk) throw new Error('mcp-remote chunk with getServerUrlHash not found');
    const mod = (await import(pathToFileURL(path.join(dist, chunk)).href)) as { parseCommandLineArgs?: typeof parseCommandLineArgs };
    if (!mod.parseCommandLineArgs) throw new Error('parseCommandLineArgs is not exported');
    parseCommandLineArgs = mod.parseCommandLineArgs;
    configDir = await tempDir('mcp-remote-own-');
    // mcp-remote logs every option it parses to stderr.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // mcp-remote reads/creates its config folder while parsing: keep it in a temp dir.
    process.env.MCP_REMOTE_CONFIG_DIR = configDir;
  });
  afterAll(() => {
    vi.restoreAllMocks();
    if (savedEnv === undefined) delete process.env.MCP_REMOTE_CONFIG_DIR;
    else process.env.MCP_REMOTE_CONFIG_DIR = savedEnv;
  });

  const headerFile = path.join(os.tmpdir(), `auth-cache-headers-${process.pid}.txt`);
  afterEach(async () => {
    await fs.rm(headerFile, { force: true });
  });

  const cases: Array<[string, string[]]> = [
    ['plain US SSE', [SSE]],
    ['plain EU MCP', [EU_MCP]],
    ['trailing slash', [`${MCP}/`]],
    ['header with a ${VAR} placeholder', [SSE, '--header', 'Authorization:${AUTH_HEADER}']],
    ['header with a space after the colon', [MCP, '--header', 'Authorization: Bearer SECRET-HEADER-VALUE']],
    ['two headers, unsorted', [MCP, '--header', 'X-Zeta:1', '--header', 'X-Alpha:2']],
    ['repeated header: last wins', [MCP, '--header', 'A:1', '--header', 'A:2']],
    ['malformed header is ignored', [MCP, '--header', 'no colon here']],
    ['header before the URL', ['--header', 'A:1', SSE]],
    ['resource', [MCP, '--resource', 'https://mcp.intercom.com/']],
    ['resource with spaces trimmed', [MCP, '--resource', '  https://mcp.intercom.com/mcp  ']],
    ['empty resource', [MCP, '--resource', '']],
    ['resource disabled', [MCP, '--resource', 'https://mcp.intercom.com/', '--disable-resource-parameter']],
    ['resource and header', [EU_SSE, '--resource', 'https://mcp.eu.intercom.com/', '--header', 'Authorization:${T}']],
    ['authorize params', [MCP, '--authorize-param', 'prompt=consent', '--authorize-param', 'audience=x']],
    ['client metadata url', [MCP, '--client-metadata-url', 'https://example.com/client.json']],
    ['invalid client metadata url is ignored', [MCP, '--client-metadata-url', 'https://example.com/']],
    ['token endpoint normalised', [MCP, '--client-credentials', '--token-endpoint', 'https://auth.example.com']],
    ['callback port and flags do not change the hash', [SSE, '9876', '--transport', 'sse-only', '--allow-http']],
    ['localhost over http', ['http://localhost:8080/mcp']],
  ];

  it.each(cases)('%s', async (_name, args) => {
    const theirs = await parseCommandLineArgs([...args], 'usage');
    const ours = parseMcpRemoteArgs(['-y', 'mcp-remote@0.15.1', ...args]);
    expect(ours).toBeDefined();
    expect(ours?.invalid).toBeUndefined();
    expect(serverHash(ours!.url, ours)).toBe(theirs.serverUrlHash);
    if (!args.includes('9876')) expect(callbackPort(theirs.serverUrlHash)).toBe(theirs.callbackPort);
  });

  it('header files, with readFile', async () => {
    await fs.writeFile(headerFile, '# comment\nAuthorization: Bearer ${TOKEN}\n\nX-Org:intercom\nbad line\n');
    const args = [SSE, '--header', 'X-Org:cli', '--header-file', headerFile];
    const theirs = await parseCommandLineArgs([...args], 'usage');
    const ours = parseMcpRemoteArgs(['mcp-remote', ...args], { readFile: (p) => readFileSync(p, 'utf8') });
    expect(serverHash(ours!.url, ours)).toBe(theirs.serverUrlHash);
    const blind = parseMcpRemoteArgs(['mcp-remote', ...args]);
    expect(blind?.incomplete).toMatch(/header/);
  });
});

describe('parseMcpRemoteArgs', () => {
  it('finds mcp-remote in the usual entry shapes', () => {
    const shapes: Array<[string[], string | undefined]> = [
      [['-y', 'mcp-remote', SSE], 'npx'],
      [['/c', 'npx', '-y', 'mcp-remote@0.15.1', SSE], 'cmd'],
      [['-y', '-p', 'mcp-remote@0.15.1', 'mcp-remote', SSE], 'npx'],
      [['--package=mcp-remote', 'mcp-remote', SSE], 'npx'],
      [[SSE], 'mcp-remote'],
      [[SSE], '/usr/local/bin/mcp-remote'],
      [[SSE], 'C:\\Users\\Jane Doe\\AppData\\Roaming\\npm\\mcp-remote.cmd'],
      [['/opt/lib/node_modules/mcp-remote/dist/proxy.js', SSE], 'node'],
      [['dlx', 'mcp-remote@latest', SSE], 'pnpm'],
      [[], `npx -y mcp-remote ${SSE}`],
      [['/c', `npx -y mcp-remote ${SSE}`], 'cmd'],
    ];
    for (const [args, command] of shapes) {
      const parsed = parseMcpRemoteArgs(args, command === undefined ? {} : { command });
      expect(parsed?.url, JSON.stringify({ args, command })).toBe(SSE);
    }
  });

  it('extracts headers and resource', () => {
    const parsed = parseMcpRemoteArgs(['-y', 'mcp-remote', SSE, '--header', 'Authorization:${AUTH_HEADER}', '--resource', 'https://mcp.intercom.com/']);
    expect(parsed).toMatchObject({ url: SSE, headers: { Authorization: '${AUTH_HEADER}' }, resource: 'https://mcp.intercom.com/' });
  });

  it('returns undefined when the entry does not run mcp-remote or has no URL', () => {
    expect(parseMcpRemoteArgs(['-y', '@intercom/mcp-server'], { command: 'npx' })).toBeUndefined();
    expect(parseMcpRemoteArgs(['-y', 'mcp-remote-fork', SSE], { command: 'npx' })).toBeUndefined();
    expect(parseMcpRemoteArgs(['-y', 'mcp-remote'], { command: 'npx' })).toBeUndefined();
    expect(parseMcpRemoteArgs(['-y', 'mcp-remote', '--debug', SSE], { command: 'npx' })).toBeUndefined();
  });

  it('marks arguments mcp-remote would refuse', () => {
    expect(parseMcpRemoteArgs(['mcp-remote', SSE, '--authorize-param', 'state=x'])?.invalid).toMatch(/state/);
    expect(parseMcpRemoteArgs(['mcp-remote', SSE, '--resource', 'not-a-uri'])?.invalid).toMatch(/resource/);
    expect(parseMcpRemoteArgs(['mcp-remote', SSE, '--token-endpoint', 'https://a.example'])?.invalid).toMatch(/client-credentials/);
    expect(parseMcpRemoteArgs(['mcp-remote', 'http://example.com/mcp'])?.invalid).toMatch(/allow-http/);
  });
});

describe('intercomTargets', () => {
  it('always has the four standard URLs, then --url, then config entries with their option variants', () => {
    const inv = parseMcpRemoteArgs(['-y', 'mcp-remote', SSE, '--header', 'Authorization:Bearer SECRET-HEADER-VALUE'])!;
    const custom = parseMcpRemoteArgs(['-y', 'mcp-remote', 'https://mcp.intercom.com/mcp/', '--resource', 'https://mcp.intercom.com/'])!;
    const targets = intercomTargets({ invocations: [inv, custom], urls: ['https://staging.intercom.test/mcp', SSE] });
    const hashes = targets.map((t) => t.hash);
    expect(hashes.slice(0, 4)).toEqual(INTERCOM_URLS.map(md5));
    expect(hashes).toContain(md5('https://staging.intercom.test/mcp'));
    expect(hashes).toContain(md5(`${SSE}|{"Authorization":"Bearer SECRET-HEADER-VALUE"}`));
    expect(hashes).toContain(md5('https://mcp.intercom.com/mcp/'));
    expect(hashes).toContain(md5('https://mcp.intercom.com/mcp/|https://mcp.intercom.com/'));
    expect(new Set(hashes).size).toBe(hashes.length);
    const variant = targets.find((t) => t.hash === md5(`${SSE}|{"Authorization":"Bearer SECRET-HEADER-VALUE"}`));
    expect(variant).toMatchObject({ label: SSE, detail: 'with --header Authorization' });
    assertNoSecrets(targets);
  });

  it('adds only md5(url) for entries whose options hash is unknowable', () => {
    const inv = parseMcpRemoteArgs(['mcp-remote', 'https://x.intercom.com/mcp', '--header-file', '/nope', '--header', 'A:b'])!;
    const targets = intercomTargets({ invocations: [inv] });
    expect(targets).toHaveLength(5);
    expect(targets[4]).toEqual({ label: 'https://x.intercom.com/mcp', hash: md5('https://x.intercom.com/mcp') });
  });
});

describe('resolveCacheBase', () => {
  it('defaults to ~/.mcp-auth and treats a missing folder as nothing to reset', async () => {
    const home = await tempDir();
    expect(resolveCacheBase(platformWith({}, home))).toEqual({ base: path.join(home, '.mcp-auth'), source: 'default', exists: false });
    expect(resolveCacheBase(platformWith({ MCP_REMOTE_CONFIG_DIR: '' }, home)).source).toBe('default');
    await fs.mkdir(path.join(home, '.mcp-auth'));
    expect(resolveCacheBase(platformWith({}, home)).exists).toBe(true);
  });

  it('uses MCP_REMOTE_CONFIG_DIR (case-insensitively on Windows), normalised', async () => {
    const dir = await tempDir();
    expect(resolveCacheBase(platformWith({ MCP_REMOTE_CONFIG_DIR: `${dir}/./` }, '/nonexistent-home'))).toEqual({
      base: dir,
      source: 'MCP_REMOTE_CONFIG_DIR',
      exists: true,
    });
    const win = resolveCacheBase(platformWith({ mcp_remote_config_dir: 'D:\\auth\\' }, 'C:\\Users\\jane', 'win32'));
    expect(win).toMatchObject({ base: 'D:\\auth', source: 'MCP_REMOTE_CONFIG_DIR' });
  });

  it('accepts the home folder itself (only mcp-remote-* folders are ever touched)', async () => {
    const home = await tempDir();
    expect(resolveCacheBase(platformWith({ MCP_REMOTE_CONFIG_DIR: home }, home)).base).toBe(home);
  });

  it('refuses the filesystem root, also spelled differently or through a link', async () => {
    const dir = await tempDir();
    await fs.symlink('/', path.join(dir, 'root-link'));
    const cases: Array<[Record<string, string>, Platform['os']]> = [
      [{ MCP_REMOTE_CONFIG_DIR: '/' }, 'linux'],
      [{ MCP_REMOTE_CONFIG_DIR: '//' }, 'linux'],
      [{ MCP_REMOTE_CONFIG_DIR: '/tmp/..' }, 'linux'],
      [{ MCP_REMOTE_CONFIG_DIR: path.join(dir, 'root-link') }, 'linux'],
      [{ MCP_REMOTE_CONFIG_DIR: 'C:\\' }, 'win32'],
      [{ MCP_REMOTE_CONFIG_DIR: 'C:\\Users\\..' }, 'win32'],
    ];
    for (const [env, osName] of cases) {
      let error: unknown;
      try {
        resolveCacheBase(platformWith(env, osName === 'win32' ? 'C:\\Users\\jane' : dir, osName));
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(env)).toBeInstanceOf(CacheBaseError);
      expect((error as CacheBaseError).problem).toBe('root');
      expect((error as CacheBaseError).exitCode).toBe(1);
    }
  });

  it('refuses a file and a relative path', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'a-file');
    await fs.writeFile(file, 'x');
    expect(() => resolveCacheBase(platformWith({ MCP_REMOTE_CONFIG_DIR: file }, dir))).toThrow(/not a folder/);
    expect(() => resolveCacheBase(platformWith({ MCP_REMOTE_CONFIG_DIR: 'relative/auth' }, dir))).toThrow(CacheBaseError);
    // the default base being a file is refused too
    await fs.writeFile(path.join(dir, '.mcp-auth'), 'x');
    expect(() => resolveCacheBase(platformWith({}, dir))).toThrow(CacheBaseError);
  });
});

describe('scanCache', () => {
  it('finds Intercom files in every mcp-remote-* folder and keeps other servers', async () => {
    const base = await standardCache();
    const scan = await scanCache(base, intercomTargets(), { isPidAlive: () => false });
    expect(scan.exists).toBe(true);
    expect(scan.folders.map((f) => f.name)).toEqual(['mcp-remote-0.0.22', 'mcp-remote-0.1.2', 'mcp-remote-v1']);
    expect(scan.otherTopLevel).toEqual([path.join(base, 'unrelated.txt')]);
    const plan = planReset(scan);
    const removed = plan.remove.map((e) => path.relative(base, e.path)).sort();
    expect(removed).toEqual(
      [
        `mcp-remote-0.0.22/${H_SSE}_client_info.json`,
        `mcp-remote-0.0.22/${H_SSE}_tokens.json`,
        `mcp-remote-0.1.2/${H_EU_MCP}_code_verifier.txt`,
        `mcp-remote-0.1.2/${H_EU_MCP}_tokens.json`,
        `mcp-remote-v1/${H_MCP}_debug.log`,
        `mcp-remote-v1/${H_SSE}_client_info.json`,
        `mcp-remote-v1/${H_SSE}_code_verifier_state123.txt`,
        `mcp-remote-v1/${H_SSE}_discovery_state_state123.json`,
        `mcp-remote-v1/${H_SSE}_tokens.json`,
        `mcp-remote-v1/${H_SSE}_tokens.json.4242.1700000000000.tmp`,
      ].sort(),
    );
    const kept = Object.fromEntries(plan.keep.map((k) => [path.relative(base, k.path), k.reason]));
    expect(kept).toEqual({
      [`mcp-remote-0.0.22/${H_OTHER}_tokens.json`]: 'other-server',
      [`mcp-remote-v1/${H_OTHER}_tokens.json`]: 'other-server',
      [`mcp-remote-v1/${H_OTHER}_client_info.json`]: 'other-server',
      'mcp-remote-v1/README.txt': 'unrecognised-name',
    });
    // grouped per server URL and folder
    const groups = plan.groups.map((g) => [g.target?.label, g.folder, g.remove.length]);
    expect(groups).toEqual([
      [SSE, 'mcp-remote-0.0.22', 2],
      [EU_MCP, 'mcp-remote-0.1.2', 2],
      [MCP, 'mcp-remote-v1', 1],
      [SSE, 'mcp-remote-v1', 5],
    ]);
  });

  it('reads token expiry (expires_at, or mtime + expires_in for old versions) and never the tokens', async () => {
    const base = await standardCache();
    const scan = await scanCache(base, intercomTargets(), { isPidAlive: () => false });
    const plan = planReset(scan);
    const v1 = plan.groups.find((g) => g.folder === 'mcp-remote-v1' && g.hash === H_SSE);
    expect(v1?.tokens).toEqual({ readable: true, expiresAt: FUTURE, expirySource: 'expires_at', hasRefreshToken: true });
    const old = plan.groups.find((g) => g.folder === 'mcp-remote-0.0.22' && g.hash === H_SSE);
    expect(old?.tokens).toEqual({
      readable: true,
      expiresAt: Date.parse('2024-01-01T00:00:00Z') + 3600 * 1000,
      expirySource: 'mtime+expires_in',
      hasRefreshToken: false,
    });
    const result = await deleteCacheFiles(scan, { force: false });
    for (const value of [scan, plan, result]) assertNoSecrets(value);
  });

  it('reports an unreadable tokens.json without quoting it', async () => {
    const base = await tempDir();
    await writeTree(base, { [`mcp-remote-v1/${H_SSE}_tokens.json`]: '{"access_token":"SECRET-ACCESS-TOKEN-1", broken' });
    const scan = await scanCache(base, intercomTargets());
    expect(scan.folders[0]?.entries[0]?.tokens).toEqual({ readable: false, hasRefreshToken: false });
    assertNoSecrets(scan);
  });

  it('a missing base is nothing to reset', async () => {
    const base = path.join(await tempDir(), 'does-not-exist');
    const scan = await scanCache(base, intercomTargets());
    expect(scan).toMatchObject({ exists: false, folders: [], skippedFolders: [] });
    expect(planReset(scan, { all: true })).toEqual({ remove: [], keep: [], removeFolders: [], groups: [] });
    expect(await deleteCacheFiles(scan, { all: true })).toEqual({ removed: [], kept: [], errors: [] });
  });

  it('refuses a base that is a file', async () => {
    const file = path.join(await tempDir(), 'file');
    await fs.writeFile(file, 'x');
    await expect(scanCache(file, intercomTargets())).rejects.toBeInstanceOf(CacheBaseError);
  });
});

describe('deleteCacheFiles', () => {
  it('deletes exactly the Intercom files and returns {removed, kept}', async () => {
    const base = await standardCache();
    const scan = await scanCache(base, intercomTargets(), { isPidAlive: () => false });
    const result = await deleteCacheFiles(scan);
    expect(result.errors).toEqual([]);
    expect(result.removed).toHaveLength(10);
    expect(result.kept.map((p) => path.relative(base, p)).sort()).toEqual(
      [
        'mcp-remote-v1/README.txt',
        `mcp-remote-0.0.22/${H_OTHER}_tokens.json`,
        `mcp-remote-v1/${H_OTHER}_client_info.json`,
        `mcp-remote-v1/${H_OTHER}_tokens.json`,
      ].sort(),
    );
    expect(await listTree(base)).toEqual(
      [
        'mcp-remote-0.0.22',
        `mcp-remote-0.0.22/${H_OTHER}_tokens.json`,
        'mcp-remote-0.1.2',
        'mcp-remote-v1',
        'mcp-remote-v1/README.txt',
        `mcp-remote-v1/${H_OTHER}_client_info.json`,
        `mcp-remote-v1/${H_OTHER}_tokens.json`,
        'unrelated.txt',
      ].sort(),
    );
    // other servers' files are untouched
    expect(JSON.parse(await fs.readFile(path.join(base, `mcp-remote-v1/${H_OTHER}_tokens.json`), 'utf8')).access_token).toBe('other-access');
    // a second run finds nothing of Intercom's
    const again = planReset(await scanCache(base, intercomTargets()));
    expect(again.remove).toEqual([]);
  });

  it('planReset alone (dry run) deletes nothing', async () => {
    const base = await standardCache();
    const before = await listTree(base);
    const scan = await scanCache(base, intercomTargets());
    planReset(scan);
    planReset(scan, { all: true, force: true });
    expect(await listTree(base)).toEqual(before);
  });

  it('deletes the header/resource variant only when it is a target', async () => {
    const base = await tempDir();
    const inv = parseMcpRemoteArgs(['-y', 'mcp-remote', SSE, '--header', 'Authorization:${AUTH_HEADER}'])!;
    const variant = serverHash(inv.url, inv);
    await writeTree(base, { [`mcp-remote-v1/${variant}_tokens.json`]: { access_token: 'SECRET-ACCESS-TOKEN-1' } });
    const without = planReset(await scanCache(base, intercomTargets()));
    expect(without.remove).toEqual([]);
    const withEntry = await deleteCacheFiles(await scanCache(base, intercomTargets({ invocations: [inv] })));
    expect(withEntry.removed).toEqual([path.join(base, `mcp-remote-v1/${variant}_tokens.json`)]);
  });

  it('keeps every file of a server whose sign-in is in progress (live pid) unless forced', async () => {
    const base = await standardCache();
    await writeTree(base, {
      [`mcp-remote-v1/${H_SSE}_refresh_in_progress.json`]: { pid: process.pid, nonce: 'n', at: Date.now() },
    });
    const scan = await scanCache(base, intercomTargets(), { describeProcess: () => 'node' });
    expect(scan.activeLocks).toEqual([
      {
        hash: H_SSE,
        target: { label: SSE, hash: H_SSE },
        path: path.join(base, `mcp-remote-v1/${H_SSE}_refresh_in_progress.json`),
        pid: process.pid,
        process: 'node',
      },
    ]);
    const plan = planReset(scan);
    const held = plan.keep.filter((k) => k.reason === 'sign-in-in-progress');
    // all of the SSE hash's files in every folder, including the lease itself
    expect(held.map((k) => path.relative(base, k.path)).sort()).toEqual(
      [
        `mcp-remote-0.0.22/${H_SSE}_client_info.json`,
        `mcp-remote-0.0.22/${H_SSE}_tokens.json`,
        `mcp-remote-v1/${H_SSE}_client_info.json`,
        `mcp-remote-v1/${H_SSE}_code_verifier_state123.txt`,
        `mcp-remote-v1/${H_SSE}_discovery_state_state123.json`,
        `mcp-remote-v1/${H_SSE}_refresh_in_progress.json`,
        `mcp-remote-v1/${H_SSE}_tokens.json`,
        `mcp-remote-v1/${H_SSE}_tokens.json.4242.1700000000000.tmp`,
      ].sort(),
    );
    expect(held.every((k) => k.heldBy?.pid === process.pid)).toBe(true);
    expect(plan.groups.find((g) => g.hash === H_SSE)?.heldBy?.pid).toBe(process.pid);

    const soft = await deleteCacheFiles(scan);
    expect(soft.removed.map((p) => path.basename(p)).sort()).toEqual([`${H_EU_MCP}_code_verifier.txt`, `${H_EU_MCP}_tokens.json`, `${H_MCP}_debug.log`].sort());
    expect(existsSync(path.join(base, `mcp-remote-v1/${H_SSE}_tokens.json`))).toBe(true);

    const forced = await deleteCacheFiles(await scanCache(base, intercomTargets()), { force: true });
    expect(forced.removed).toHaveLength(8);
    expect(existsSync(path.join(base, `mcp-remote-v1/${H_SSE}_refresh_in_progress.json`))).toBe(false);
  });

  it('an old lock.json with a live pid blocks too; a dead pid does not', async () => {
    const base = await tempDir();
    const dead = await deadPid();
    expect(isPidAlive(dead)).toBe(false);
    await writeTree(base, {
      [`mcp-remote-0.1.2/${H_SSE}_lock.json`]: { pid: dead, port: 18603, timestamp: Date.now() },
      [`mcp-remote-0.1.2/${H_SSE}_tokens.json`]: { access_token: 'x' },
      [`mcp-remote-v1/${H_MCP}_lock.json`]: { pid: process.pid, port: 5000, timestamp: 1 },
      [`mcp-remote-v1/${H_MCP}_tokens.json`]: { access_token: 'y' },
    });
    const scan = await scanCache(base, intercomTargets());
    const deadLock = scan.folders[0]?.entries.find((e) => e.kind === 'lock');
    expect(deadLock?.lock).toEqual({ pid: dead, alive: false, since: expect.any(Number), port: 18603 });
    const liveLock = scan.folders[1]?.entries.find((e) => e.kind === 'lock');
    expect(liveLock?.lock).toMatchObject({ pid: process.pid, alive: true, since: 1, port: 5000 });
    const result = await deleteCacheFiles(scan);
    expect(result.removed.map((p) => path.relative(base, p)).sort()).toEqual([`mcp-remote-0.1.2/${H_SSE}_lock.json`, `mcp-remote-0.1.2/${H_SSE}_tokens.json`]);
    expect(result.kept.map((p) => path.relative(base, p)).sort()).toEqual([`mcp-remote-v1/${H_MCP}_lock.json`, `mcp-remote-v1/${H_MCP}_tokens.json`]);
  });

  it('isPidAlive: own pid alive, dead pid and process-group pids not', async () => {
    expect(isPidAlive(process.pid)).toBe(true);
    expect(isPidAlive(await deadPid())).toBe(false);
    for (const pid of [0, -1, Number.NaN, 1.5]) expect(isPidAlive(pid)).toBe(false);
  });

  it('never enters a mcp-remote-* folder that is a symlink out of the base', async () => {
    const base = await standardCache();
    const outside = await tempDir('outside-');
    await writeTree(outside, { [`${H_SSE}_tokens.json`]: { access_token: 'outside' }, 'precious.txt': 'keep' });
    await fs.symlink(outside, path.join(base, 'mcp-remote-0.2.0'));
    await fs.symlink(path.join(base, 'mcp-remote-v1'), path.join(base, 'mcp-remote-inside-link'));
    const scan = await scanCache(base, intercomTargets());
    expect(scan.skippedFolders).toEqual([
      { name: 'mcp-remote-0.2.0', path: path.join(base, 'mcp-remote-0.2.0'), reason: 'symlink', outsideBase: true },
      { name: 'mcp-remote-inside-link', path: path.join(base, 'mcp-remote-inside-link'), reason: 'symlink', outsideBase: false },
    ]);
    for (const all of [false, true]) {
      const result = await deleteCacheFiles(await scanCache(base, intercomTargets()), { all, force: true });
      expect(result.errors).toEqual([]);
      expect(result.kept).toContain(path.join(base, 'mcp-remote-0.2.0'));
      expect(result.removed.some((p) => p.startsWith(outside))).toBe(false);
    }
    expect(await listTree(outside)).toEqual([`${H_SSE}_tokens.json`, 'precious.txt']);
    expect((await fs.lstat(path.join(base, 'mcp-remote-0.2.0'))).isSymbolicLink()).toBe(true);
  });

  it('never follows a cache-named file symlink; --all removes the link only', async () => {
    const base = await tempDir();
    const outside = await tempDir('outside-');
    const target = path.join(outside, 'target.json');
    await fs.writeFile(target, JSON.stringify({ access_token: 'SECRET-ACCESS-TOKEN-1', expires_at: FUTURE }));
    await writeTree(base, { [`mcp-remote-v1/${H_SSE}_client_info.json`]: { client_id: 'a' } });
    const link = path.join(base, `mcp-remote-v1/${H_SSE}_tokens.json`);
    await fs.symlink(target, link);

    const scan = await scanCache(base, intercomTargets());
    const entry = scan.folders[0]?.entries.find((e) => e.path === link);
    expect(entry).toMatchObject({ type: 'symlink', hash: H_SSE, kind: 'tokens' });
    expect(entry?.tokens).toBeUndefined(); // not read through the link
    assertNoSecrets(scan);

    const targeted = await deleteCacheFiles(scan);
    expect(targeted.removed).toEqual([path.join(base, `mcp-remote-v1/${H_SSE}_client_info.json`)]);
    expect(targeted.kept).toEqual([link]);
    expect(planReset(scan).keep).toEqual([expect.objectContaining({ path: link, reason: 'symlink' })]);
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);

    const all = await deleteCacheFiles(await scanCache(base, intercomTargets()), { all: true });
    expect(all.removed).toEqual([link, path.join(base, 'mcp-remote-v1')]);
    expect(existsSync(path.join(base, 'mcp-remote-v1'))).toBe(false);
    expect(JSON.parse(await fs.readFile(target, 'utf8')).expires_at).toBe(FUTURE);
  });

  it('--all empties and removes every mcp-remote-* folder, keeps the base and unrelated files', async () => {
    const base = await standardCache();
    await fs.mkdir(path.join(base, 'mcp-remote-0.1.2', 'subfolder'));
    await writeTree(base, { 'mcp-remote-0.1.2/subfolder/x.txt': 'x', 'my-notes/a.txt': 'a' });
    const scan = await scanCache(base, intercomTargets());
    const result = await deleteCacheFiles(scan, { all: true });
    expect(result.errors).toEqual([]);
    expect(result.removed).toContain(path.join(base, 'mcp-remote-v1'));
    expect(result.removed).toContain(path.join(base, 'mcp-remote-0.0.22'));
    expect(result.removed).toContain(path.join(base, `mcp-remote-v1/${H_OTHER}_tokens.json`));
    expect(result.removed).toContain(path.join(base, 'mcp-remote-v1/README.txt'));
    expect(result.kept.sort()).toEqual([path.join(base, 'mcp-remote-0.1.2/subfolder'), path.join(base, 'my-notes'), path.join(base, 'unrelated.txt')].sort());
    expect(await listTree(base)).toEqual([
      'mcp-remote-0.1.2',
      'mcp-remote-0.1.2/subfolder',
      'mcp-remote-0.1.2/subfolder/x.txt',
      'my-notes',
      'my-notes/a.txt',
      'unrelated.txt',
    ]);
    // groups still name Intercom's URLs; other servers' groups have no target
    const plan = planReset(scan, { all: true });
    expect(plan.groups.some((g) => g.hash === H_OTHER && g.target === undefined)).toBe(true);
  });

  it('--all still respects a live lock of any server unless forced', async () => {
    const base = await tempDir();
    await writeTree(base, {
      [`mcp-remote-v1/${H_OTHER}_tokens.json`]: { access_token: 'o' },
      [`mcp-remote-v1/${H_OTHER}_refresh_in_progress.json`]: { pid: process.pid, nonce: 'n', at: Date.now() },
      [`mcp-remote-v1/${H_SSE}_tokens.json`]: { access_token: 'i' },
    });
    const result = await deleteCacheFiles(await scanCache(base, intercomTargets()), { all: true });
    expect(result.removed).toEqual([path.join(base, `mcp-remote-v1/${H_SSE}_tokens.json`)]);
    expect(result.kept).toHaveLength(2);
    expect(existsSync(path.join(base, 'mcp-remote-v1'))).toBe(true);
    const forced = await deleteCacheFiles(await scanCache(base, intercomTargets()), { all: true, force: true });
    expect(forced.removed).toHaveLength(3);
    expect(await listTree(base)).toEqual([]);
  });

  it('a cache-named folder is kept, not recursed into', async () => {
    const base = await tempDir();
    await writeTree(base, { [`mcp-remote-v1/${H_SSE}_tokens.json/inner.txt`]: 'x' });
    const result = await deleteCacheFiles(await scanCache(base, intercomTargets()), { force: true });
    expect(result).toEqual({ removed: [], kept: [path.join(base, `mcp-remote-v1/${H_SSE}_tokens.json`)], errors: [] });
    expect(existsSync(path.join(base, `mcp-remote-v1/${H_SSE}_tokens.json/inner.txt`))).toBe(true);
  });

  it('reports a per-file failure and carries on (injected unlink)', async () => {
    const base = await standardCache();
    const scan = await scanCache(base, intercomTargets());
    const victim = path.join(base, `mcp-remote-v1/${H_SSE}_tokens.json`);
    const result = await deleteCacheFiles(scan, {
      fs: {
        unlink: async (p) => {
          if (p === victim) throw Object.assign(new Error(`EACCES: permission denied, unlink '${p}'`), { code: 'EACCES' });
          await fs.unlink(p);
        },
      },
    });
    expect(result.errors).toEqual([{ path: victim, code: 'EACCES', message: expect.stringContaining('permission denied') }]);
    expect(result.removed).toHaveLength(9);
    expect(result.kept).toContain(victim);
    expect(existsSync(victim)).toBe(true);
  });

  it('reports a file that changed type after the scan (real EISDIR-like case) and carries on', async () => {
    const base = await standardCache();
    const scan = await scanCache(base, intercomTargets());
    const swapped = path.join(base, `mcp-remote-v1/${H_SSE}_client_info.json`);
    await fs.rm(swapped);
    await fs.mkdir(swapped);
    const result = await deleteCacheFiles(scan);
    expect(result.errors.map((e) => e.path)).toEqual([swapped]);
    expect(result.removed).toHaveLength(9);
    expect((await fs.stat(swapped)).isDirectory()).toBe(true);
  });

  it('refuses to delete through a folder swapped for a symlink after the scan', async () => {
    const base = await standardCache();
    const scan = await scanCache(base, intercomTargets());
    const outside = await tempDir('outside-');
    await fs.cp(path.join(base, 'mcp-remote-v1'), outside, { recursive: true });
    await fs.rename(path.join(base, 'mcp-remote-v1'), path.join(base, 'moved-away'));
    await fs.symlink(outside, path.join(base, 'mcp-remote-v1'));
    const before = await listTree(outside);
    const result = await deleteCacheFiles(scan, { all: true, force: true });
    expect(await listTree(outside)).toEqual(before);
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors.every((e) => e.path.startsWith(path.join(base, 'mcp-remote-v1')))).toBe(true);
    // the other folders were still processed
    expect(existsSync(path.join(base, 'mcp-remote-0.0.22'))).toBe(false);
  });

  it('refuses to delete when the base itself now resolves elsewhere', async () => {
    const parent = await tempDir();
    const real = path.join(parent, 'real');
    await writeTree(real, { [`mcp-remote-v1/${H_SSE}_tokens.json`]: {} });
    const base = path.join(parent, 'base');
    await fs.symlink(real, base);
    const scan = await scanCache(base, intercomTargets());
    const other = path.join(parent, 'other');
    await writeTree(other, { [`mcp-remote-v1/${H_SSE}_tokens.json`]: {} });
    await fs.rm(base);
    await fs.symlink(other, base);
    const result = await deleteCacheFiles(scan);
    expect(result.removed).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(existsSync(path.join(other, `mcp-remote-v1/${H_SSE}_tokens.json`))).toBe(true);
  });

  it('target labels are what the listing groups by', async () => {
    const targets: CacheTarget[] = [{ label: 'https://custom.intercom.com/sse', hash: md5('https://custom.intercom.com/sse') }];
    const base = await tempDir();
    await writeTree(base, { [`mcp-remote-v1/${targets[0]!.hash}_tokens.json`]: { expires_at: FUTURE } });
    const plan = planReset(await scanCache(base, targets));
    expect(plan.groups).toMatchObject([{ target: targets[0], folder: 'mcp-remote-v1', tokens: { expiresAt: FUTURE } }]);
  });
});

describe.skipIf(process.platform !== 'linux')("describeProcess (the lock holder's name)", () => {
  const children: ReturnType<typeof spawn>[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill();
  });
  /** A live child running `args` under this node; resolves once it runs its own code. */
  async function running(args: string[]): Promise<number> {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(child);
    await new Promise((resolve) => child.stdout!.once('data', resolve));
    return child.pid!;
  }
  const WAIT = 'process.stdout.write("up"); setTimeout(() => {}, 60000)';

  it('names the program and its script, never an argument and never the thread (Node 24+: MainThread)', async () => {
    const dir = await tempDir();
    const script = path.join(dir, 'node_modules', '.bin', 'mcp-remote');
    await fs.mkdir(path.dirname(script), { recursive: true });
    await fs.writeFile(script, WAIT);
    const pid = await running([script, 'https://mcp.intercom.com/sse', '--header', 'Authorization:Bearer SECRET-HEADER-VALUE']);
    expect(describeProcess(pid)).toBe(`${path.basename(process.execPath)} mcp-remote`);
    expect(describeProcess(await running(['-e', WAIT]))).toBe(path.basename(process.execPath));
  });

  it('a name with control characters is printed as one plain line', async () => {
    const dir = await tempDir();
    const script = path.join(dir, 'evil\x1b[2J\nname');
    await fs.writeFile(script, WAIT);
    expect(describeProcess(await running([script]))).toBe(`${path.basename(process.execPath)} evil?[2J?name`);
  });

  it('no such process: no name', () => {
    expect(describeProcess(0)).toBeUndefined();
    expect(describeProcess(2 ** 31)).toBeUndefined();
  });
});
