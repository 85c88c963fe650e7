/**
 * A second local user who can write to a shared project folder (issue 18, points 6 and 7). The
 * built CLI runs as `nobody` (uid 65534): root ignores permission bits and owns everything here,
 * so only an unprivileged run shows what the tool does with a lock someone else planted.
 *
 * - A stale lock is taken over only when it is an empty folder owned by the invoking user, and
 *   then with rmdir: a planted tree (with a symlink to a folder of files) is refused, named, and
 *   left as it is; so is a stale lock folder owned by another user.
 */
import { execa } from 'execa';
import { chmod, cp, lstat, mkdir, readdir, readFile, readlink, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, ROOT, tempHome } from '../helpers/cli.js';

const NOBODY = 65534;
const SSE = 'https://mcp.intercom.com/sse';

/** A home (0755) with a copy of the built CLI that nobody can run, and a project folder owned by nobody. */
async function sharedProject() {
  const home = await tempHome('ims-second-user-');
  await chmod(home, 0o755);
  const install = path.join(home, 'install');
  await cp(path.join(ROOT, 'dist'), path.join(install, 'dist'), { recursive: true });
  await cp(path.join(ROOT, 'templates'), path.join(install, 'templates'), { recursive: true });
  await execa('chmod', ['-R', 'a+rX', install]);
  const project = path.join(home, 'project');
  const file = path.join(project, '.mcp.json');
  await mkdir(project);
  await writeFile(file, '{\n  "mcpServers": {}\n}\n');
  await execa('chown', ['-R', `${NOBODY}:${NOBODY}`, project]);
  return { home, install, project, file, lock: `${file}.lock` };
}

async function runAsNobody(install: string, home: string, cwd: string, args: string[]) {
  const started = Date.now();
  const result = await execa(
    'setpriv',
    [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, path.join(install, 'dist/cli.js'), ...args],
    {
      env: cleanEnv(home),
      extendEnv: false,
      reject: false,
      cwd,
      timeout: 25_000,
    },
  );
  return { ...result, stdout: String(result.stdout), stderr: String(result.stderr), durationMs: Date.now() - started };
}

async function makeStale(target: string): Promise<void> {
  const past = new Date(Date.now() - 60_000);
  await execa('touch', ['-h', '-d', past.toISOString(), target]);
  await utimes(target, past, past).catch(() => undefined);
}

const SETUP = ['--scope', 'project', '--client', 'claude-code', '--no-check', '--json'];

describe('point 7: a stale lock is never removed recursively', () => {
  it('a planted lock tree with a symlink to a folder of files: refused and named; the tree and the files survive', async () => {
    const { home, install, project, file, lock } = await sharedProject();
    // The folder of files the link points at: nobody could delete them, so only the tool's restraint keeps them.
    const victim = path.join(home, 'victim');
    await mkdir(victim);
    for (const name of ['a.txt', 'b.txt', 'c.txt']) await writeFile(path.join(victim, name), `keep ${name}\n`);
    await mkdir(path.join(lock, 'sub'), { recursive: true });
    await writeFile(path.join(lock, 'sub', 'inner.txt'), 'planted\n');
    await symlink(victim, path.join(lock, 'sub', 'swapped'));
    await symlink(victim, path.join(lock, 'link'));
    await execa('chown', ['-R', '-h', `${NOBODY}:${NOBODY}`, victim, lock]);
    await makeStale(path.join(lock, 'sub'));
    await makeStale(lock);

    const result = await runAsNobody(install, home, project, SETUP);
    expect(result.exitCode, result.stdout + result.stderr).toBe(1);
    const error: string = JSON.parse(result.stdout).results[0].error;
    expect(error).toContain(lock);
    expect(error).toContain('not empty');
    expect(error.split('\n')).toHaveLength(1);
    expect(result.durationMs).toBeLessThan(8_000);
    // Everything is still there: the planted tree, its links, and the files they point at.
    expect((await readdir(victim)).sort()).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(await readFile(path.join(victim, 'a.txt'), 'utf8')).toBe('keep a.txt\n');
    expect((await readdir(lock)).sort()).toEqual(['link', 'sub']);
    expect(await readlink(path.join(lock, 'link'))).toBe(victim);
    expect((await readdir(path.join(lock, 'sub'))).sort()).toEqual(['inner.txt', 'swapped']);
    expect(await readFile(file, 'utf8')).toBe('{\n  "mcpServers": {}\n}\n');
  });

  it('a stale lock folder owned by another user (root here): refused at once and named, not removed', async () => {
    const { home, install, project, file, lock } = await sharedProject();
    await mkdir(lock); // owned by root: someone else's
    await makeStale(lock);
    const result = await runAsNobody(install, home, project, SETUP);
    expect(result.exitCode, result.stdout + result.stderr).toBe(1);
    const error: string = JSON.parse(result.stdout).results[0].error;
    expect(error).toContain(lock);
    expect(error).toContain('owned by another user');
    expect(result.durationMs).toBeLessThan(8_000);
    expect((await lstat(lock)).isDirectory()).toBe(true);
    expect(await readFile(file, 'utf8')).toBe('{\n  "mcpServers": {}\n}\n');
  });

  it('a live lock folder owned by another user: refused at once (not a wait of 15 s)', async () => {
    const { home, install, project, lock } = await sharedProject();
    await mkdir(lock);
    const result = await runAsNobody(install, home, project, SETUP);
    expect(result.exitCode, result.stdout + result.stderr).toBe(1);
    expect(JSON.parse(result.stdout).results[0].error).toContain(lock);
    expect(result.durationMs).toBeLessThan(8_000);
    expect((await lstat(lock)).isDirectory()).toBe(true);
  });

  it('a stale empty lock folder of the invoking user is taken over (rmdir) and the entry written', async () => {
    const { home, install, project, file, lock } = await sharedProject();
    await mkdir(lock);
    await execa('chown', [`${NOBODY}:${NOBODY}`, lock]);
    await makeStale(lock);
    const result = await runAsNobody(install, home, project, SETUP);
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expect(JSON.parse(await readFile(file, 'utf8')).mcpServers.intercom).toEqual({ type: 'sse', url: SSE });
    await expect(lstat(lock)).rejects.toThrow();
  });
});
