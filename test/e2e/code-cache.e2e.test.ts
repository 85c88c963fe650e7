/**
 * The code cache of dist/cli.js (src/startup/launcher.ts): written under the temp folder on the first run,
 * used by the next, never in HOME, never trusted when the folder is not the user's own, and never
 * able to change what a run does.
 */
import { execa } from 'execa';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, ROOT, cleanEnv, runCli, tempHome } from '../helpers/cli.js';

const uid = process.getuid?.() ?? 0;
const made: string[] = [];

afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Every file under a folder, with its size and modification time. */
async function filesUnder(dir: string): Promise<Map<string, { size: number; mtimeMs: number; mode: number }>> {
  const found = new Map<string, { size: number; mtimeMs: number; mode: number }>();
  let names: string[];
  try {
    names = await readdir(dir, { recursive: true });
  } catch {
    return found;
  }
  for (const name of names) {
    const info = await stat(path.join(dir, name));
    if (info.isFile()) found.set(name, { size: info.size, mtimeMs: info.mtimeMs, mode: info.mode & 0o777 });
  }
  return found;
}

/** The cache entries under a folder (paths relative to it). */
async function cacheEntries(dir: string): Promise<string[]> {
  return [...(await filesUnder(dir)).keys()].filter((name) => name.endsWith('.v8'));
}

async function listJson(home: string, tmp: string, extra: Record<string, string> = {}) {
  const result = await runCli(['list', '--json'], { home, env: { TMPDIR: tmp, ...extra } });
  expect(result.exitCode, result.stderr).toBe(0);
  return result.stdout;
}

describe('code cache', () => {
  it('is written to the temp folder on the first run, closed to others, and reused by the next', async () => {
    const home = await tempHome('ims-cache-home-');
    made.push(home);
    const tmp = await tempDir('ims-cache-tmp-');
    const uncached = await listJson(home, tmp, { INTERCOM_MCP_SETUP_CODE_CACHE: '0' });
    expect(await readdir(tmp)).toEqual([]);

    expect(await listJson(home, tmp)).toBe(uncached);
    const base = path.join(tmp, `intercom-mcp-setup-${uid}`);
    expect((await stat(base)).mode & 0o777).toBe(0o700);
    const first = await filesUnder(base);
    const entries = [...first.keys()].filter((name) => name.endsWith('.v8'));
    // list compiles one file of the bundle, the pack of the file commands' code (dist/cli.js is Node's).
    expect(entries.map((name) => path.basename(path.dirname(name)))).toEqual(['list+json']);
    expect(entries.map((name) => path.basename(name))).toEqual([expect.stringMatching(/^pack-[\w-]+\.js-\d+-\d+\.v8$/)]);
    for (const [name, info] of first) expect(info.mode, name).toBe(0o600);

    expect(await listJson(home, tmp)).toBe(uncached);
    const second = await filesUnder(base);
    // Accepted, so not written again: same files, same times.
    expect([...second.entries()]).toEqual([...first.entries()]);
    expect(await readdir(home)).toEqual([]);
  });

  it('a dry run and a write keep entries of their own, so neither compiles what the other skipped', async () => {
    const home = await tempHome('ims-cache-home-');
    made.push(home);
    const tmp = await tempDir('ims-cache-tmp-');
    await mkdir(path.join(home, '.cursor'));
    for (const args of [['--client', 'cursor', '--dry-run', '--no-check'], ['--client', 'cursor', '--no-check']]) {
      const result = await runCli(args, { home, env: { TMPDIR: tmp } });
      expect(result.exitCode, result.stderr).toBe(0);
    }
    const entries = await cacheEntries(path.join(tmp, `intercom-mcp-setup-${uid}`));
    const profiles = new Set(entries.filter((name) => path.basename(name).startsWith('pack-')).map((name) => path.basename(path.dirname(name))));
    expect([...profiles].sort()).toEqual(['setup', 'setup+dry-run']);
  });

  it('a run stopped by a usage error writes no entry; one that runs through, even to exit 1, does', async () => {
    const home = await tempHome('ims-cache-home-');
    made.push(home);
    const tmp = await tempDir('ims-cache-tmp-');
    const failed = await runCli(['list', '--json', '--client', 'no-such-client'], { home, env: { TMPDIR: tmp } });
    expect(failed.exitCode).toBe(2);
    const base = path.join(tmp, `intercom-mcp-setup-${uid}`);
    expect(await cacheEntries(base)).toEqual([]);
    // Exit 1 (a file refused) ran the whole path: its entries are worth keeping.
    await mkdir(path.join(home, '.cursor'));
    await writeFile(path.join(home, '.cursor', 'mcp.json'), '{ "mcpServers": { ');
    const refused = await runCli(['--client', 'cursor', '--no-check'], { home, env: { TMPDIR: tmp } });
    expect(refused.exitCode).toBe(1);
    const entries = await cacheEntries(base);
    expect(entries.some((name) => name.includes(`${path.sep}setup${path.sep}pack-`))).toBe(true);
  });

  it('a damaged entry is rejected, does not change the result, and is written again', async () => {
    const home = await tempHome('ims-cache-home-');
    made.push(home);
    const tmp = await tempDir('ims-cache-tmp-');
    const expected = await listJson(home, tmp);
    const base = path.join(tmp, `intercom-mcp-setup-${uid}`);
    const entries = await cacheEntries(base);
    const garbage = Buffer.alloc(4096, 0x5a);
    for (const name of entries) await writeFile(path.join(base, name), garbage);

    expect(await listJson(home, tmp)).toBe(expected);
    for (const name of entries) expect((await readFile(path.join(base, name))).equals(garbage), name).toBe(false);
  });

  it('entries of an earlier build are deleted by the next run that writes the cache, not by every run', async () => {
    const home = await tempHome('ims-cache-home-');
    made.push(home);
    const tmp = await tempDir('ims-cache-tmp-');
    await listJson(home, tmp);
    const base = path.join(tmp, `intercom-mcp-setup-${uid}`);
    const entries = await cacheEntries(base);
    const profile = path.dirname(path.join(base, entries[0]!));
    const old = path.join(profile, 'chunk-OLDBUILD.js-1234-1700000000000.v8');
    await writeFile(old, 'old');

    await listJson(home, tmp); // everything cached: nothing written, nothing pruned
    expect(await readFile(old, 'utf8')).toBe('old');

    await rm(path.join(base, entries[0]!)); // one entry missing: this run writes
    await listJson(home, tmp);
    const after = await cacheEntries(base);
    expect(after.sort()).toEqual(entries.sort());
  });

  it('two installations of the same version, used in turn, keep their own entries', async () => {
    const home = await tempHome('ims-cache-home-');
    made.push(home);
    const tmp = await tempDir('ims-cache-tmp-');
    const second = await tempDir('ims-cache-install-');
    await cp(path.join(ROOT, 'dist'), path.join(second, 'dist'), { recursive: true });
    await symlink(path.join(ROOT, 'templates'), path.join(second, 'templates'));
    const runFrom = async (cli: string) => {
      const result = await execa(process.execPath, [cli, 'list', '--json'], { cwd: home, env: cleanEnv(home, { TMPDIR: tmp }), extendEnv: false, reject: false });
      expect(result.exitCode, String(result.stderr)).toBe(0);
    };
    const base = path.join(tmp, `intercom-mcp-setup-${uid}`);
    await runFrom(CLI);
    await runFrom(path.join(second, 'dist', 'cli.js'));
    const both = await filesUnder(base);
    await runFrom(CLI);
    await runFrom(path.join(second, 'dist', 'cli.js'));
    expect([...(await filesUnder(base)).entries()]).toEqual([...both.entries()]);
    expect(new Set([...both.keys()].map((name) => name.split(path.sep)[0])).size).toBe(2);
  });

  it('is not used when the folder is open to other users', async () => {
    const home = await tempHome('ims-cache-home-');
    made.push(home);
    const tmp = await tempDir('ims-cache-tmp-');
    const base = path.join(tmp, `intercom-mcp-setup-${uid}`);
    await mkdir(base);
    await chmod(base, 0o777);
    const expected = await listJson(home, tmp, { INTERCOM_MCP_SETUP_CODE_CACHE: '0' });
    expect(await listJson(home, tmp)).toBe(expected);
    expect(await readdir(base)).toEqual([]);
  });

  it('is not used when the folder is a symlink (someone else may own what it points to)', async () => {
    const home = await tempHome('ims-cache-home-');
    made.push(home);
    const tmp = await tempDir('ims-cache-tmp-');
    const elsewhere = await tempDir('ims-cache-elsewhere-');
    await chmod(elsewhere, 0o700);
    await symlink(elsewhere, path.join(tmp, `intercom-mcp-setup-${uid}`));
    await listJson(home, tmp);
    expect(await readdir(elsewhere)).toEqual([]);
  });

  it('a temp folder that cannot be used only means no cache', async () => {
    const home = await tempHome('ims-cache-home-');
    made.push(home);
    const tmp = await tempDir('ims-cache-tmp-');
    const expected = await listJson(home, tmp, { INTERCOM_MCP_SETUP_CODE_CACHE: '0' });
    expect(await listJson(home, path.join(tmp, 'missing', 'folder'))).toBe(expected);
    const file = path.join(tmp, 'a-file');
    await writeFile(file, '');
    expect(await listJson(home, file)).toBe(expected);
    expect((await readdir(tmp)).sort()).toEqual(['a-file']);
  });

  it('INTERCOM_MCP_SETUP_CODE_CACHE=0 writes nothing', async () => {
    const home = await tempHome('ims-cache-home-');
    made.push(home);
    const tmp = await tempDir('ims-cache-tmp-');
    await listJson(home, tmp, { INTERCOM_MCP_SETUP_CODE_CACHE: '0' });
    const result = await runCli(['--client', 'cursor', '--yes', '--no-check', '--json'], { home, env: { TMPDIR: tmp, INTERCOM_MCP_SETUP_CODE_CACHE: '0' } });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(await readdir(tmp)).toEqual([]);
  });
});
