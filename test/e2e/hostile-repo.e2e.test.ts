/**
 * A cloned repository is hostile input (SECURITY.md, "Threat model"): its project files can name
 * other files, be symlinks out of the repository, and ship lock files. Issue 18, points 4-6.
 *
 * - Point 4: a `--header-file` named by a project `.mcp.json` that is a FIFO, `/dev/zero` or a
 *   symlink to one: doctor, list and reset-auth finish at once (today's bare read hung on the FIFO
 *   and read /dev/zero until memory ran out). Every run here is under a 1.5 GB address-space
 *   limit, so a regression fails instead of eating the machine.
 * - Point 5: a project file that is a symlink out of the project folder is refused for setup
 *   and remove, naming both paths; a symlink inside the project is followed.
 * - Point 6: a `<file>.lock` this program could not have made is refused at once, with the
 *   command that removes it; waiting on a live lock says so after a second.
 */
import { execa } from 'execa';
import { lstat, mkdir, readFile, readlink, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, cleanEnv, runCli, tempHome } from '../helpers/cli.js';

const SSE = 'https://mcp.intercom.com/sse';

async function write(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

/** The built CLI under an address-space limit (a read of /dev/zero must fail, not swap). */
async function runLimited(args: string[], home: string, cwd: string) {
  const started = Date.now();
  const result = await execa('prlimit', ['--as=1500000000', '--', process.execPath, CLI, ...args], {
    cwd,
    env: cleanEnv(home),
    extendEnv: false,
    reject: false,
    timeout: 10_000,
    input: '',
  });
  return { ...result, stdout: String(result.stdout), stderr: String(result.stderr), durationMs: Date.now() - started };
}

/** A home with a project whose .mcp.json names `headerFile` with mcp-remote's --header-file. */
async function projectNaming(headerFile: (project: string) => Promise<string>) {
  const home = await tempHome('ims-repo-');
  const project = path.join(home, 'repo');
  await mkdir(project);
  const file = await headerFile(project);
  await write(
    path.join(project, '.mcp.json'),
    `${JSON.stringify({ mcpServers: { intercom: { command: 'npx', args: ['-y', 'mcp-remote', SSE, '--header-file', file] } } }, null, 2)}\n`,
  );
  return { home, project, file };
}

describe('point 4: files a project config names are read safely', () => {
  const CASES: Array<[string, (project: string) => Promise<string>]> = [
    [
      'a FIFO',
      async (project) => {
        const fifo = path.join(project, 'headers.fifo');
        await execa('mkfifo', [fifo]);
        return fifo;
      },
    ],
    ['/dev/zero', async () => '/dev/zero'],
    [
      'a symlink to a FIFO',
      async (project) => {
        const fifo = path.join(project, 'real.fifo');
        await execa('mkfifo', [fifo]);
        await symlink(fifo, path.join(project, 'headers.txt'));
        return path.join(project, 'headers.txt');
      },
    ],
    [
      'a symlink to /dev/zero',
      async (project) => {
        await symlink('/dev/zero', path.join(project, 'headers.txt'));
        return path.join(project, 'headers.txt');
      },
    ],
  ];

  it.each(CASES)('--header-file naming %s: doctor, list and reset-auth finish at once', async (_label, make) => {
    const { home, project } = await projectNaming(make);
    for (const args of [
      ['doctor', '--offline', '--json'],
      ['list', '--json'],
      ['reset-auth', '--dry-run', '--json'],
    ]) {
      const result = await runLimited(args, home, project);
      expect(result.timedOut, `${args[0]} hung`).toBe(false);
      expect(result.signal ?? undefined, `${args[0]} was killed: ${result.stderr}`).toBeUndefined();
      expect([0, 1], `${args[0]}: ${result.stderr}`).toContain(result.exitCode);
      expect(result.stderr, args[0]).not.toMatch(/heap|out of memory|RangeError/i);
      expect(result.durationMs, args[0]).toBeLessThan(8_000);
    }
  });

  it('a regular header file is still read (its hash is the one reset-auth names)', async () => {
    const { home, project } = await projectNaming(async (dir) => {
      await write(path.join(dir, 'headers.txt'), 'X-Workspace: acme\n');
      return path.join(dir, 'headers.txt');
    });
    const result = await runLimited(['reset-auth', '--dry-run', '--json'], home, project);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).not.toContain('cannot be read');
  });
});

describe('point 5: a project file that is a symlink out of the project', () => {
  async function linkedOut() {
    const home = await tempHome('ims-repo-');
    const project = path.join(home, 'src', 'repo');
    await mkdir(project, { recursive: true });
    const user = path.join(home, '.claude.json');
    const userText = `${JSON.stringify({ numStartups: 3, mcpServers: { intercom: { type: 'sse', url: SSE }, mine: { command: 'mine' } } }, null, 2)}\n`;
    await writeFile(user, userText);
    await symlink('../../.claude.json', path.join(project, '.mcp.json'));
    return { home, project, user, userText };
  }

  it('setup, setup --dry-run and remove refuse it, naming the link and its target; the target is unchanged', async () => {
    const { home, project, user, userText } = await linkedOut();
    const link = path.join(project, '.mcp.json');
    for (const args of [
      ['--scope', 'project', '--client', 'claude-code', '--name', 'other', '--no-check', '--json'],
      ['--scope', 'project', '--client', 'claude-code', '--name', 'other', '--no-check', '--dry-run', '--json'],
      ['remove', '--scope', 'project', '--client', 'claude-code', '--json'],
      ['remove', '--scope', 'project', '--client', 'claude-code', '--dry-run', '--json'],
    ]) {
      const result = await runCli(args, { home, cwd: project });
      expect(result.exitCode, `${args.join(' ')}: ${result.stdout}`).toBe(1);
      const row = JSON.parse(result.stdout).results[0];
      expect(row.action).toBe('failed');
      expect(row.error).toContain(link);
      expect(row.error).toContain(user);
      expect(row.error).toContain('outside the project folder');
    }
    expect(await readFile(user, 'utf8')).toBe(userText);
    expect(await readlink(link)).toBe('../../.claude.json');
  });

  it('a project folder that is a symlink out of the project (.cursor -> ~/.cursor) is refused too, even for a new file', async () => {
    const home = await tempHome('ims-repo-');
    const project = path.join(home, 'repo');
    await mkdir(project);
    await mkdir(path.join(home, '.cursor'));
    await symlink(path.join(home, '.cursor'), path.join(project, '.cursor'));
    const result = await runCli(['--scope', 'project', '--client', 'cursor', '--no-check', '--json'], { home, cwd: project });
    expect(result.exitCode, result.stdout).toBe(1);
    expect(JSON.parse(result.stdout).results[0].error).toContain('outside the project folder');
    await expect(lstat(path.join(home, '.cursor/mcp.json'))).rejects.toThrow();
  });

  it('a symlink inside the project is followed: the entry lands in its target and the link stays', async () => {
    const home = await tempHome('ims-repo-');
    const project = path.join(home, 'repo');
    await write(path.join(project, 'config', 'mcp.json'), '{\n  "mcpServers": {}\n}\n');
    await symlink('config/mcp.json', path.join(project, '.mcp.json'));
    const setup = await runCli(['--scope', 'project', '--client', 'claude-code', '--no-check', '--json'], { home, cwd: project });
    expect(setup.exitCode, setup.stdout + setup.stderr).toBe(0);
    expect(JSON.parse(await readFile(path.join(project, 'config', 'mcp.json'), 'utf8')).mcpServers.intercom).toEqual({ type: 'sse', url: SSE });
    expect((await lstat(path.join(project, '.mcp.json'))).isSymbolicLink()).toBe(true);
    const remove = await runCli(['remove', '--scope', 'project', '--client', 'claude-code', '--json'], { home, cwd: project });
    expect(remove.exitCode, remove.stdout + remove.stderr).toBe(0);
    expect(JSON.parse(await readFile(path.join(project, 'config', 'mcp.json'), 'utf8')).mcpServers?.intercom).toBeUndefined();
    expect((await lstat(path.join(project, '.mcp.json'))).isSymbolicLink()).toBe(true);
  });
});

describe('point 6: a lock the repository ships', () => {
  async function projectWith(lock: (file: string) => Promise<void>) {
    const home = await tempHome('ims-repo-');
    const project = path.join(home, 'repo');
    const file = path.join(project, '.mcp.json');
    await write(file, '{\n  "mcpServers": {}\n}\n');
    await lock(`${file}.lock`);
    return { home, project, file, lock: `${file}.lock` };
  }

  it.each([
    ['a dangling symlink', (lock: string) => symlink('/nonexistent/held', lock), /is a symlink/],
    ['a symlink to a folder', async (lock: string) => symlink(path.dirname(lock), lock), /is a symlink/],
    ['a regular file', (lock: string) => writeFile(lock, 'pid 1\n'), /is a file/],
  ])('%s: refused at once, naming it and the command that removes it', async (_label, make, kind) => {
    const { home, project, file, lock } = await projectWith(make);
    const started = Date.now();
    const result = await runCli(['--scope', 'project', '--client', 'claude-code', '--no-check', '--json'], { home, cwd: project });
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(result.exitCode, result.stdout + result.stderr).toBe(1);
    const error: string = JSON.parse(result.stdout).results[0].error;
    expect(error).toContain(lock);
    expect(error).toMatch(kind);
    expect(error.split('\n')).toHaveLength(1);
    // The command it gives works when pasted, and then the run succeeds.
    const command = /run: (rm .*)$/.exec(error)?.[1];
    expect(command, error).toBeDefined();
    await execa('sh', ['-c', command!]);
    await expect(lstat(lock)).rejects.toThrow();
    const again = await runCli(['--scope', 'project', '--client', 'claude-code', '--no-check', '--json'], { home, cwd: project });
    expect(again.exitCode, again.stdout).toBe(0);
    expect(JSON.parse(await readFile(file, 'utf8')).mcpServers.intercom).toEqual({ type: 'sse', url: SSE });
  });

  it('a lock whose path needs quoting: the command still works when pasted', async () => {
    const home = await tempHome('ims-repo-');
    const project = path.join(home, "it's a $(repo) `x`");
    const file = path.join(project, '.mcp.json');
    await write(file, '{}\n');
    await symlink('/nonexistent', `${file}.lock`);
    const result = await runCli(['--scope', 'project', '--client', 'claude-code', '--no-check', '--json'], { home, cwd: project });
    const error: string = JSON.parse(result.stdout).results[0].error;
    const command = /run: (rm .*)$/.exec(error)?.[1];
    expect(command, error).toBeDefined();
    await execa('sh', ['-c', command!]);
    await expect(lstat(`${file}.lock`)).rejects.toThrow();
    expect((await lstat(file)).isFile()).toBe(true);
  });

  it('a live lock: says after a second that it waits and for what, then goes on when it is released', async () => {
    const { home, project, file, lock } = await projectWith((lock) => mkdir(lock));
    const release = setTimeout(() => void rm(lock, { recursive: true, force: true }), 2_500);
    try {
      const result = await runCli(['--scope', 'project', '--client', 'claude-code', '--no-check', '--json'], { home, cwd: project });
      expect(result.exitCode, result.stdout + result.stderr).toBe(0);
      expect(result.stderr).toContain(`waiting for ${lock}`);
      expect(result.stderr).toMatch(/held by /);
      expect(JSON.parse(await readFile(file, 'utf8')).mcpServers.intercom).toEqual({ type: 'sse', url: SSE });
    } finally {
      clearTimeout(release);
    }
  });

  it('a stale empty lock of ours is still taken over at once (removed with rmdir)', async () => {
    const { home, project, file, lock } = await projectWith(async (lock) => {
      await mkdir(lock);
      const past = new Date(Date.now() - 30_000);
      await utimes(lock, past, past);
    });
    const started = Date.now();
    const result = await runCli(['--scope', 'project', '--client', 'claude-code', '--no-check', '--json'], { home, cwd: project });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(JSON.parse(await readFile(file, 'utf8')).mcpServers.intercom).toEqual({ type: 'sse', url: SSE });
    await expect(lstat(lock)).rejects.toThrow();
  });
});
