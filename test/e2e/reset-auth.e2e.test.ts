/**
 * `reset-auth` through the built CLI (dist/cli.js, built by `npm run build`), as a subprocess with
 * no terminal, in a temporary HOME.
 */
import { existsSync } from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { H_MCP, H_OTHER, H_SSE, MCP, SSE } from '../helpers/mcp-remote-cache.js';

const SECRETS = ['SECRET-ACCESS-E2E', 'SECRET-REFRESH-E2E', 'SECRET-OTHER-E2E'];

const INTERCOM_FILES = [`mcp-remote-v1/${H_MCP}_tokens.json`, `mcp-remote-v1/${H_SSE}_client_info.json`, `mcp-remote-v1/${H_SSE}_tokens.json`];
const OTHER_FILES = [`mcp-remote-v1/${H_OTHER}_tokens.json`];

const tempDirs: string[] = [];
const outputs: string[] = [];

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
});
afterAll(async () => {
  for (const dir of tempDirs) await fsp.rm(dir, { recursive: true, force: true });
});

async function tempHome(): Promise<string> {
  const dir = await fsp.realpath(await fsp.mkdtemp(path.join(os.tmpdir(), 'reset-auth-e2e-')));
  tempDirs.push(dir);
  return dir;
}

async function cache(home: string): Promise<string> {
  const base = path.join(home, '.mcp-auth');
  const files: Record<string, unknown> = {
    [`mcp-remote-v1/${H_SSE}_tokens.json`]: {
      access_token: 'SECRET-ACCESS-E2E',
      refresh_token: 'SECRET-REFRESH-E2E',
      expires_in: 3600,
      expires_at: Date.now() + 3 * 86_400_000,
    },
    [`mcp-remote-v1/${H_SSE}_client_info.json`]: { client_id: 'c' },
    [`mcp-remote-v1/${H_MCP}_tokens.json`]: { access_token: 'SECRET-ACCESS-E2E', expires_at: Date.now() - 7_200_000 },
    [`mcp-remote-v1/${H_OTHER}_tokens.json`]: { access_token: 'SECRET-OTHER-E2E' },
  };
  for (const [rel, content] of Object.entries(files)) {
    await fsp.mkdir(path.dirname(path.join(base, rel)), { recursive: true });
    await fsp.writeFile(path.join(base, rel), JSON.stringify(content));
  }
  return base;
}

async function listTree(base: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
      out.push(path.relative(base, path.join(dir, entry.name)));
      if (entry.isDirectory()) await walk(path.join(dir, entry.name));
    }
  };
  if (existsSync(base)) await walk(base);
  return out.sort();
}

async function cliRun(home: string, args: string[], env: Record<string, string> = {}) {
  const result = await execa(process.execPath, [CLI, 'reset-auth', ...args], {
    cwd: home,
    // COLUMNS: whole lines, not wrapped to 80 columns (as test/helpers/cli.ts).
    env: { PATH: [path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter), HOME: home, CI: 'true', NO_COLOR: '1', COLUMNS: '1000', ...env },
    extendEnv: false,
    reject: false,
    timeout: 30_000,
    stdin: 'ignore',
  });
  outputs.push(String(result.stdout), String(result.stderr));
  return { code: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr) };
}

describe('reset-auth (built CLI, no terminal)', () => {
  it('--dry-run lists per server URL and folder, deletes nothing, exit 0', async () => {
    const home = await tempHome();
    const base = await cache(home);
    const before = await listTree(base);
    const result = await cliRun(home, ['--dry-run']);
    expect(result.code, result.stderr).toBe(0);
    expect(await listTree(base)).toEqual(before);
    expect(result.stdout).toContain('Intercom sign-ins in ~/.mcp-auth:');
    expect(result.stdout).toContain(`${SSE}\n    mcp-remote-v1/  access token expires in 3 days; a refresh token is stored`);
    expect(result.stdout).toContain(`${MCP}\n    mcp-remote-v1/  access token expired 2 hours ago`);
    expect(result.stdout).toContain(`would delete ${H_SSE}_tokens.json`);
    expect(result.stdout).toContain('Dry run: nothing deleted.');
    expect(result.stderr).toBe('');
  });

  it('without --yes: lists, deletes nothing, exit 2', async () => {
    const home = await tempHome();
    const base = await cache(home);
    const before = await listTree(base);
    const result = await cliRun(home, []);
    expect(result.code, result.stderr).toBe(2);
    expect(await listTree(base)).toEqual(before);
    expect(result.stdout).toContain(`delete ${H_SSE}_tokens.json`);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('run again with --yes');
  });

  it("--yes deletes Intercom's files only and says what to do next", async () => {
    const home = await tempHome();
    const base = await cache(home);
    const result = await cliRun(home, ['--yes']);
    expect(result.code, result.stderr).toBe(0);
    expect(await listTree(base)).toEqual(['mcp-remote-v1', ...OTHER_FILES]);
    expect(result.stdout).toContain("Deleted 3 files of Intercom's sign-in.");
    expect(result.stdout).toContain('next connection to Intercom opens your browser');
    expect(result.stderr).toBe('');

    const again = await cliRun(home, ['--yes']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Nothing to reset: no Intercom sign-in in ~/.mcp-auth.');
  });

  it('--json --yes prints one JSON object and nothing else on stdout', async () => {
    const home = await tempHome();
    const base = await cache(home);
    const result = await cliRun(home, ['--json', '--yes']);
    expect(result.code, result.stderr).toBe(0);
    const parsed = JSON.parse(result.stdout) as { removed: string[]; kept: string[] };
    expect(Object.keys(parsed)).toEqual(['removed', 'kept']);
    expect([...parsed.removed].sort()).toEqual(INTERCOM_FILES.map((f) => path.join(base, f)).sort());
    expect(parsed.kept).toEqual(OTHER_FILES.map((f) => path.join(base, f)));
    expect(result.stderr).toBe('');
  });

  it('--json without --yes: the listing with "wouldRemove", nothing deleted, exit 2', async () => {
    const home = await tempHome();
    const base = await cache(home);
    const result = await cliRun(home, ['--json']);
    expect(result.code, result.stderr).toBe(2);
    const parsed = JSON.parse(result.stdout) as { removed: string[]; wouldRemove: string[] };
    expect(parsed.removed).toEqual([]);
    expect([...parsed.wouldRemove].sort()).toEqual(INTERCOM_FILES.map((f) => path.join(base, f)).sort());
    expect(await listTree(base)).toEqual(expect.arrayContaining(INTERCOM_FILES));
  });

  it('--all --yes removes every server, keeps what is outside mcp-remote-* folders', async () => {
    const home = await tempHome();
    const base = await cache(home);
    await fsp.writeFile(path.join(base, 'notes.txt'), 'mine');
    const result = await cliRun(home, ['--all', '--yes']);
    expect(result.code, result.stderr).toBe(0);
    expect(await listTree(base)).toEqual(['notes.txt']);
  });

  it('a missing cache is nothing to reset, exit 0', async () => {
    const home = await tempHome();
    const result = await cliRun(home, ['--yes']);
    expect(result).toEqual({ code: 0, stdout: 'Nothing to reset: ~/.mcp-auth does not exist, so mcp-remote holds no sign-in here.', stderr: '' });
    const json = await cliRun(home, ['--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ removed: [], kept: [] });
  });

  it('refuses MCP_REMOTE_CONFIG_DIR=/ with one line, exit 1', async () => {
    const home = await tempHome();
    for (const args of [['--yes'], ['--all', '--yes', '--force'], ['--json', '--yes']]) {
      const result = await cliRun(home, args, { MCP_REMOTE_CONFIG_DIR: '/' });
      expect(result.code, result.stderr).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/^intercom-mcp-setup: Refusing to use \/ as mcp-remote's cache folder: it is the root of the filesystem/);
    }
  });

  it('refuses MCP_REMOTE_CONFIG_DIR pointing at a file (or a link to /) with one line, exit 1', async () => {
    const home = await tempHome();
    const file = path.join(home, 'not-a-folder');
    await fsp.writeFile(file, 'keep me');
    const result = await cliRun(home, ['--yes', '--all'], { MCP_REMOTE_CONFIG_DIR: file });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`intercom-mcp-setup: MCP_REMOTE_CONFIG_DIR (${file}) is not a folder. Point MCP_REMOTE_CONFIG_DIR at a folder and run again.`);
    expect(await fsp.readFile(file, 'utf8')).toBe('keep me');

    const link = path.join(home, 'root-link');
    await fsp.symlink('/', link);
    const linked = await cliRun(home, ['--yes', '--all'], { MCP_REMOTE_CONFIG_DIR: link });
    expect(linked.code, linked.stderr).toBe(1);
    expect(linked.stderr.split('\n')).toHaveLength(1);
    expect(linked.stderr).toContain('root of the filesystem');
  });

  it('uses MCP_REMOTE_CONFIG_DIR when set', async () => {
    const home = await tempHome();
    const elsewhere = await tempHome();
    const base = await cache(elsewhere);
    const result = await cliRun(home, ['--yes'], { MCP_REMOTE_CONFIG_DIR: base });
    expect(result.code, result.stderr).toBe(0);
    expect(await listTree(base)).toEqual(['mcp-remote-v1', ...OTHER_FILES]);
  });

  it('--help describes the command; an unknown option is a usage error', async () => {
    const home = await tempHome();
    const help = await cliRun(home, ['--help']);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain('reset-auth — clear Intercom');
    expect(help.stdout).toContain('wouldRemove');
    const bad = await cliRun(home, ['--client', 'cursor']);
    expect(bad.code, bad.stderr).toBe(2);
  });

  it('never printed a token', () => {
    const all = outputs.join('\n');
    expect(outputs.length).toBeGreaterThan(10);
    for (const secret of SECRETS) expect(all).not.toContain(secret);
  });
});
