/**
 * test/helpers/real-programs.ts: the pinned client programs, installed on first use into a cache.
 * These tests install the smallest pinned package (@continuedev/config-yaml, 10 MB) from the npm
 * registry into temp caches; "the registry cannot be reached" is a registry at a closed port of
 * 127.0.0.1.
 */
import { createServer } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { folderFor, installProgram, packagesFor, pinnedProgram, PROGRAM_NAMES, programsCacheDir } from '../helpers/real-programs.js';

const PINNED = JSON.parse(readFileSync(new URL('../real-programs.json', import.meta.url), 'utf8')) as {
  programs: Record<string, { package: string; version: string }>;
};
const FOLDER = folderFor(packagesFor(pinnedProgram('config-yaml')));

let scratch: string;

beforeEach(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'ims-programs-'));
});

afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A port of 127.0.0.1 where nothing listens (taken, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function unreachableRegistry(): Promise<Record<string, string>> {
  // Its own npm cache too: the machine's cache must not answer for the registry.
  return { npm_config_registry: `http://127.0.0.1:${await closedPort()}/`, npm_config_fetch_retries: '0', npm_config_cache: path.join(scratch, 'npm-cache') };
}

describe('the pinned list', () => {
  it('pins every program to an exact version and names the platform packages as name -> exact version', () => {
    expect(Object.keys(PINNED.programs).sort()).toEqual([...PROGRAM_NAMES].sort());
    for (const name of PROGRAM_NAMES) {
      const spec = pinnedProgram(name);
      expect(spec.version, name).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
      for (const extra of Object.values(spec.platform ?? {})) for (const version of Object.values(extra)) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    }
    expect(packagesFor(pinnedProgram('droid'), 'linux-x64')).toEqual(['@factory/cli@0.225.1', '@factory/cli-linux-x64@0.225.2']);
    expect(packagesFor(pinnedProgram('droid'), 'darwin-arm64')).toEqual(['@factory/cli@0.225.1']);
    expect(folderFor(['@kilocode/cli@7.7.7', '@kilocode/cli-linux-x64@7.7.7'])).toBe('@kilocode+cli@7.7.7,@kilocode+cli-linux-x64@7.7.7');
  });

  it('the cache is <repo>/.cache/real-programs unless INTERCOM_MCP_SETUP_PROGRAMS_CACHE says otherwise', () => {
    expect(programsCacheDir({})).toBe(path.join(fileURLToPath(new URL('../..', import.meta.url)), '.cache', 'real-programs'));
    expect(programsCacheDir({ INTERCOM_MCP_SETUP_PROGRAMS_CACHE: '/srv/shared/programs' })).toBe('/srv/shared/programs');
  });
});

describe('installing on first use', { timeout: 180_000 }, () => {
  it('installs into <cache>/<package>@<version>, then reuses it without npm (the registry gone)', async () => {
    const cacheDir = path.join(scratch, 'cache');
    const first = await installProgram('config-yaml', { cacheDir });
    expect(first.skipped).toBeUndefined();
    expect(first.packageDir).toBe(path.join(cacheDir, '@continuedev+config-yaml@1.42.0', 'node_modules', '@continuedev', 'config-yaml'));
    expect(JSON.parse(await readFile(path.join(first.packageDir ?? '', 'package.json'), 'utf8')).version).toBe('1.42.0');
    const marker = JSON.parse(await readFile(path.join(cacheDir, FOLDER, 'real-program.json'), 'utf8'));
    expect(marker).toMatchObject({ packages: ['@continuedev/config-yaml@1.42.0'] });
    expect(marker.bytes).toBeGreaterThan(1_000_000);
    expect(await readdir(cacheDir)).toEqual([FOLDER]); // no lock, no half-done folder left

    const again = await installProgram('config-yaml', { cacheDir, npmEnv: await unreachableRegistry() });
    expect(again).toEqual(first);
  });

  it('two installs at once into one cache: one waits for the other, both get the same install', async () => {
    const cacheDir = path.join(scratch, 'cache');
    const [a, b] = await Promise.all([installProgram('config-yaml', { cacheDir }), installProgram('config-yaml', { cacheDir })]);
    expect(a.skipped).toBeUndefined();
    expect(b).toEqual(a);
    expect(await readdir(cacheDir)).toEqual([FOLDER]);
  });

  it('takes over the lock of an installer that died, and redoes the folder it left half-done', async () => {
    const cacheDir = path.join(scratch, 'cache');
    const dir = path.join(cacheDir, FOLDER);
    await mkdir(path.join(dir, 'node_modules', 'half'), { recursive: true });
    // A pid that is not running: the highest a Linux kernel hands out, plus one.
    await writeFile(`${dir}.lock`, '4194305 dead');
    const program = await installProgram('config-yaml', { cacheDir });
    expect(program.skipped).toBeUndefined();
    expect(existsSync(path.join(dir, 'node_modules', 'half'))).toBe(false);
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it('the registry unreachable: skipped, with the reason, recorded in the skipped file; nothing left in the cache', async () => {
    const cacheDir = path.join(scratch, 'cache');
    const skippedFile = path.join(scratch, 'skipped.txt');
    const program = await installProgram('config-yaml', { cacheDir, skippedFile, npmEnv: await unreachableRegistry() });
    expect(program.bin).toBeUndefined();
    expect(program.skipped).toMatch(/^the npm registry could not be reached \(ECONNREFUSED\): /);
    expect(await readFile(skippedFile, 'utf8')).toBe(`config-yaml (@continuedev/config-yaml@1.42.0): ${program.skipped}\n`);
    expect(await readdir(cacheDir)).toEqual([]);
  });

  it("any other npm failure (a version the registry does not have) throws with npm's output", async () => {
    const cacheDir = path.join(scratch, 'cache');
    const spec = pinnedProgram('config-yaml'); // the helper's own parsed entry
    const pinned = spec.version;
    spec.version = '0.0.0-does-not-exist';
    try {
      await expect(installProgram('config-yaml', { cacheDir })).rejects.toThrow(
        /npm install @continuedev\/config-yaml@0\.0\.0-does-not-exist failed \(exit \d+\):[\s\S]*(ETARGET|E404|No matching version)/,
      );
    } finally {
      spec.version = pinned;
    }
    expect(await readdir(cacheDir)).toEqual([]);
  });
});
