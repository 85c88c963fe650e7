/**
 * The code cache of dist/cli.js (src/startup/launcher.ts): written under the temp folder on the first run,
 * used by the next, never in HOME, never trusted when the folder is not the user's own, and never
 * able to change what a run does.
 */
import { execa } from 'execa';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
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
    for (const args of [
      ['--client', 'cursor', '--dry-run', '--no-check'],
      ['--client', 'cursor', '--no-check'],
    ]) {
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
      const result = await execa(process.execPath, [cli, 'list', '--json'], {
        cwd: home,
        env: cleanEnv(home, { TMPDIR: tmp }),
        extendEnv: false,
        reject: false,
      });
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

/**
 * Another user on the machine (nobody, uid 65534) against a root run, as in a security review:
 * cached code is code, so a cache entry this run did not write, or one written for other code,
 * must never run. The attacker's entries are made the simplest way: by running, as nobody, a copy
 * of the installation whose pack was changed in place to code of the same length (with the same
 * name and modification time), which then writes a file as whoever runs it.
 */
describe.skipIf(process.platform !== 'linux' || uid !== 0)('code cache: another user on the machine (as nobody, uid 65534)', () => {
  const NOBODY = ['--reuid=65534', '--regid=65534', '--clear-groups'];
  const INJECTED = 'process.env.IMS_PWNED&&require("fs").writeFileSync(process.env.IMS_PWNED,"ran");';

  /** A copy of the built CLI that nobody can read and run. */
  async function installCopy(): Promise<string> {
    const install = await tempDir('ims-cache-install-');
    await cp(path.join(ROOT, 'dist'), path.join(install, 'dist'), { recursive: true });
    await cp(path.join(ROOT, 'templates'), path.join(install, 'templates'), { recursive: true });
    await execa('chmod', ['-R', 'a+rX', install]);
    return install;
  }

  /** The pack, and the same pack with INJECTED run first: same length, name and modification time. */
  async function packVariants(install: string) {
    const dir = path.join(install, 'dist', 'chunks');
    const file = path.join(
      dir,
      (await readdir(dir)).find((name) => name.startsWith('pack-'))!,
    );
    const genuine = await readFile(file, 'utf8');
    const { mtime } = await stat(file);
    const header = 'function (exports, require, module, __filename, __dirname) {';
    let tampered = genuine.split(header).join('function(exports,require,module,__filename,__dirname){');
    const room = genuine.length - tampered.length - INJECTED.length;
    expect(room).toBeGreaterThanOrEqual(0);
    tampered = tampered.replace('"run.js": function(exports,require,module,__filename,__dirname){', `$&${INJECTED}${';'.repeat(room)}`);
    expect(Buffer.byteLength(tampered)).toBe(Buffer.byteLength(genuine));
    const put = async (text: string) => {
      await writeFile(file, text);
      await utimes(file, mtime, mtime);
    };
    return { useTampered: () => put(tampered), useGenuine: () => put(genuine) };
  }

  function runAs(user: string[], install: string, env: Record<string, string>, home: string) {
    return execa('setpriv', [...user, process.execPath, path.join(install, 'dist', 'cli.js'), 'list', '--json'], {
      cwd: home,
      env: cleanEnv(home, env),
      extendEnv: false,
      reject: false,
      timeout: 20_000,
    });
  }

  /** nobody's cache for the tampered pack, made by nobody in a folder of nobody's: the `intercom-mcp-setup-65534` folder. */
  async function forgedCache(install: string): Promise<string> {
    const pack = await packVariants(install);
    const parent = await tempDir('ims-cache-forge-');
    await chmod(parent, 0o755);
    const under = path.join(parent, 'nobody');
    const home = await tempDir('ims-cache-nobody-');
    await execa('chown', ['65534:65534', home]);
    await mkdir(under);
    await execa('chown', ['65534:65534', under]);
    await pack.useTampered();
    const made = await runAs(NOBODY, install, { TMPDIR: under }, home);
    await pack.useGenuine();
    expect(made.exitCode, String(made.stderr)).toBe(0);
    const forged = path.join(under, 'intercom-mcp-setup-65534');
    expect((await cacheEntries(forged)).length).toBeGreaterThan(0);
    return forged;
  }

  // Swaps the cache folder for nobody's right after the run has checked it (the race, made certain).
  const SWAP_HOOK = `
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
const lstatSync = fs.lstatSync;
let tried = false;
fs.lstatSync = function (file, ...rest) {
  const result = lstatSync.call(this, file, ...rest);
  if (!tried && file === process.env.IMS_SWAP_BASE) {
    tried = true;
    try {
      execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'sh', '-c', 'mv "$0" "$0.old" && mv "$1" "$0"', file, process.env.IMS_SWAP_WITH], { stdio: 'ignore' });
      fs.writeFileSync(process.env.IMS_SWAP_LOG, 'swapped');
    } catch {
      fs.writeFileSync(process.env.IMS_SWAP_LOG, 'refused');
    }
  }
  return result;
};
`;

  it.each([
    ['a temp folder another user owns (sudo -E)', 0o700, '65534:65534'],
    ['a temp folder others can write, without the sticky bit', 0o777, '0:0'],
  ])('%s: no cache is used or written there, and a cache swapped in after the check does not run', async (_label, mode, owner) => {
    const install = await installCopy();
    const tmp = await tempDir('ims-cache-shared-');
    await execa('chown', [owner, tmp]);
    await chmod(tmp, mode);
    const forged = await forgedCache(install);
    const home = await tempHome('ims-cache-home-');
    made.push(home);
    const expected = await runAs([], install, { INTERCOM_MCP_SETUP_CODE_CACHE: '0' }, home);

    const base = path.join(tmp, 'intercom-mcp-setup-0');
    const first = await runAs([], install, { TMPDIR: tmp }, home);
    expect(first.stdout).toBe(expected.stdout);
    expect(await cacheEntries(base)).toEqual([]);

    const hook = path.join(home, 'swap.cjs');
    await writeFile(hook, SWAP_HOOK);
    const pwned = path.join(home, 'pwned');
    const swapLog = path.join(home, 'swap.log');
    const env = { TMPDIR: tmp, NODE_OPTIONS: `--require ${hook}`, IMS_SWAP_BASE: base, IMS_SWAP_WITH: forged, IMS_SWAP_LOG: swapLog, IMS_PWNED: pwned };
    const second = await runAs([], install, env, home);
    expect(second.exitCode, String(second.stderr)).toBe(0);
    expect(second.stdout).toBe(expected.stdout);
    expect(await readFile(pwned, 'utf8').catch(() => 'not run')).toBe('not run');
  });

  it('a temp folder with the sticky bit (as /tmp): the cache is used, and nobody cannot swap it', async () => {
    const install = await installCopy();
    const tmp = await tempDir('ims-cache-sticky-');
    await chmod(tmp, 0o1777);
    const forged = await forgedCache(install);
    const home = await tempHome('ims-cache-home-');
    made.push(home);
    const base = path.join(tmp, 'intercom-mcp-setup-0');
    expect((await runAs([], install, { TMPDIR: tmp }, home)).exitCode).toBe(0);
    const written = await filesUnder(base);
    expect([...written.keys()].filter((name) => name.endsWith('.v8'))).toHaveLength(1);

    const hook = path.join(home, 'swap.cjs');
    await writeFile(hook, SWAP_HOOK);
    const pwned = path.join(home, 'pwned');
    const swapLog = path.join(home, 'swap.log');
    const env = { TMPDIR: tmp, NODE_OPTIONS: `--require ${hook}`, IMS_SWAP_BASE: base, IMS_SWAP_WITH: forged, IMS_SWAP_LOG: swapLog, IMS_PWNED: pwned };
    expect((await runAs([], install, env, home)).exitCode).toBe(0);
    expect(await readFile(swapLog, 'utf8')).toBe('refused');
    expect(await readFile(pwned, 'utf8').catch(() => 'not run')).toBe('not run');
    expect([...(await filesUnder(base)).entries()]).toEqual([...written.entries()]); // used, not written again
  });

  it.each([
    ['owned by another user', async (file: string) => void (await execa('chown', ['65534:65534', file]))],
    ['writable by others', (file: string) => chmod(file, 0o666)],
  ])('an entry %s is not used, and is written again', async (_label, spoil) => {
    const home = await tempHome('ims-cache-home-');
    made.push(home);
    const tmp = await tempDir('ims-cache-tmp-');
    const expected = await listJson(home, tmp);
    const base = path.join(tmp, `intercom-mcp-setup-${uid}`);
    const [entry] = await cacheEntries(base);
    const file = path.join(base, entry!);
    await spoil(file);
    const before = await stat(file);
    expect(await listJson(home, tmp)).toBe(expected);
    const after = await stat(file);
    expect(after.ino).not.toBe(before.ino);
    expect(after.uid).toBe(uid);
    expect(after.mode & 0o777).toBe(0o600);
  });

  it('an entry made for other code of the same length, name and time is not used', async () => {
    const install = await installCopy();
    const pack = await packVariants(install);
    const tmp = await tempDir('ims-cache-tmp-');
    const home = await tempHome('ims-cache-home-');
    made.push(home);
    const expected = await runAs([], install, { INTERCOM_MCP_SETUP_CODE_CACHE: '0' }, home);
    await pack.useTampered();
    expect((await runAs([], install, { TMPDIR: tmp }, home)).exitCode).toBe(0); // writes the entry of the other code
    await pack.useGenuine();
    const pwned = path.join(home, 'pwned');
    const result = await runAs([], install, { TMPDIR: tmp, IMS_PWNED: pwned }, home);
    expect(result.stdout).toBe(expected.stdout);
    expect(await readFile(pwned, 'utf8').catch(() => 'not run')).toBe('not run');
  });
});

describe('code cache: a relative temp folder', () => {
  it('TMPDIR=. (a checkout, say) is not used: nothing is written where the command runs', async () => {
    const home = await tempHome('ims-cache-home-');
    made.push(home);
    const expected = await runCli(['list', '--json'], { home, env: { INTERCOM_MCP_SETUP_CODE_CACHE: '0' } });
    const result = await runCli(['list', '--json'], { home, env: { TMPDIR: '.' } });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toBe(expected.stdout);
    expect(await readdir(home)).toEqual([]);
  });
});
