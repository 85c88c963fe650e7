/**
 * Hostile inputs: config paths that are not files, files too big, not UTF-8 or nested to break a
 * recursive parser, a missing or relative HOME, and --url/--name values built to smuggle
 * something into a config. Each gets a clear one-line error, and nothing on disk changes.
 * (The simpler cases — a dangling symlink, a folder, invalid UTF-8, --url with a password or a
 * foreign host, --name ../evil — are in setup.e2e.test.ts.)
 */
import { execa } from 'execa';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { lstat, mkdir, open, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome, type CliResult } from '../helpers/cli.js';

interface Entry {
  type: string;
  mode: number;
  size: number;
  mtimeMs: number;
  ino: number;
  link?: string;
  hash?: string;
}

/** Everything under a folder, without following links or opening anything that is not a regular file. */
async function snapshot(root: string): Promise<Map<string, Entry>> {
  const entries = new Map<string, Entry>();
  async function walk(dir: string): Promise<void> {
    for (const name of (await readdir(dir)).sort()) {
      const full = path.join(dir, name);
      const stats = await lstat(full);
      const type = stats.isSymbolicLink()
        ? 'link'
        : stats.isDirectory()
          ? 'dir'
          : stats.isFile()
            ? 'file'
            : stats.isFIFO()
              ? 'fifo'
              : stats.isSocket()
                ? 'socket'
                : 'other';
      const entry: Entry = { type, mode: stats.mode, size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino };
      if (type === 'link') entry.link = await readlink(full);
      if (type === 'file')
        entry.hash = createHash('sha256')
          .update(await readFile(full))
          .digest('hex');
      entries.set(path.relative(root, full), entry);
      if (type === 'dir') await walk(full);
    }
  }
  await walk(root);
  return entries;
}

function jsonRows(result: CliResult): Array<Record<string, string>> {
  return (JSON.parse(result.stdout) as { results: Array<Record<string, string>> }).results;
}

/** Runs setup, remove, list and doctor on a home; each must fail cleanly (or report) and leave it as it was. */
async function expectRefusedEverywhere(home: string, client: string, words: RegExp): Promise<void> {
  const before = await snapshot(home);
  const started = Date.now();
  const setup = await runCli(['--client', client, '--no-check', '--json'], { home, timeout: 15_000 });
  expect(setup.timedOut, 'setup hung').toBe(false);
  expect(setup.exitCode, setup.stderr).toBe(1);
  const [row] = jsonRows(setup);
  expect(row!.action).toBe('failed');
  expect(row!.error).toMatch(words);
  expect(String(row!.error).split('\n')).toHaveLength(1);

  const human = await runCli(['--client', client, '--no-check'], { home, timeout: 15_000 });
  expect(human.exitCode).toBe(1);
  expect(human.stdout).toMatch(words);

  const remove = await runCli(['remove', '--client', client, '--json'], { home, timeout: 15_000 });
  expect(remove.exitCode).toBe(1);
  expect(jsonRows(remove)[0]!.error).toMatch(words);

  const list = await runCli(['list', '--client', client, '--json'], { home, timeout: 15_000 });
  expect(list.timedOut, 'list hung').toBe(false);
  expect(list.exitCode).toBe(0);
  expect(JSON.parse(list.stdout).clients[0].error).toMatch(words);

  const doctor = await runCli(['doctor', '--offline', '--client', client, '--json'], { home, timeout: 15_000 });
  expect(doctor.timedOut, 'doctor hung').toBe(false);
  expect(doctor.stdout + doctor.stderr).toMatch(words);

  expect(Date.now() - started, 'the refusals took too long').toBeLessThan(30_000);
  expect(await snapshot(home)).toEqual(before);
}

describe('config paths that are not regular files', () => {
  it('a FIFO: refused without ever opening it (an open would block forever)', async () => {
    const home = await tempHome('ims-hostile-');
    await mkdir(path.join(home, '.cursor'));
    await execa('mkfifo', [path.join(home, '.cursor/mcp.json')]);
    await expectRefusedEverywhere(home, 'cursor', /not a regular file/);
  });

  it('a symlink to a FIFO, to /dev/zero and to /dev/urandom: refused at once', async () => {
    const home = await tempHome('ims-hostile-');
    await execa('mkfifo', [path.join(home, 'pipe')]);
    await mkdir(path.join(home, '.cursor'));
    await symlink(path.join(home, 'pipe'), path.join(home, '.cursor/mcp.json'));
    await mkdir(path.join(home, '.codeium/windsurf'), { recursive: true });
    await symlink('/dev/zero', path.join(home, '.codeium/windsurf/mcp_config.json'));
    await mkdir(path.join(home, '.config/Claude'), { recursive: true });
    await symlink('/dev/urandom', path.join(home, '.config/Claude/claude_desktop_config.json'));
    await expectRefusedEverywhere(home, 'cursor', /not a regular file/);
    await expectRefusedEverywhere(home, 'windsurf', /not a regular file/);
    await expectRefusedEverywhere(home, 'claude-desktop', /not a regular file/);
  });

  it('a Unix socket', async () => {
    const home = await tempHome('ims-hostile-');
    await mkdir(path.join(home, '.cursor'));
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(home, '.cursor/mcp.json'), resolve));
    try {
      await expectRefusedEverywhere(home, 'cursor', /not a regular file/);
    } finally {
      server.close();
    }
  });

  it('a symlink loop', async () => {
    const home = await tempHome('ims-hostile-');
    await mkdir(path.join(home, '.cursor'));
    await symlink(path.join(home, 'b.json'), path.join(home, '.cursor/mcp.json'));
    await symlink(path.join(home, '.cursor/mcp.json'), path.join(home, 'b.json'));
    await expectRefusedEverywhere(home, 'cursor', /symlinks form a loop/);
  });

  it('a symlink to a folder, and a parent that is a file', async () => {
    const home = await tempHome('ims-hostile-');
    await mkdir(path.join(home, 'somewhere'));
    await mkdir(path.join(home, '.cursor'));
    await symlink(path.join(home, 'somewhere'), path.join(home, '.cursor/mcp.json'));
    await expectRefusedEverywhere(home, 'cursor', /is a folder, not a file/);
    await writeFile(path.join(home, '.codeium'), 'not a folder');
    const before = await snapshot(home);
    const result = await runCli(['--client', 'windsurf', '--no-check', '--json'], { home });
    expect(result.exitCode).toBe(1);
    expect(jsonRows(result)[0]!.error).toMatch(/a parent of it is a file, not a folder/);
    expect(await snapshot(home)).toEqual(before);
  });
});

describe('file contents', () => {
  it('a file over 64 MB (65 MB of spaces around a small object) is refused before it is read', async () => {
    const home = await tempHome('ims-hostile-');
    const file = path.join(home, '.cursor/mcp.json');
    await mkdir(path.dirname(file));
    const handle = await open(file, 'w');
    const spaces = Buffer.alloc(1024 * 1024, 0x20);
    await handle.write('{"mcpServers": {}, "padding": true');
    for (let i = 0; i < 65; i++) await handle.write(spaces);
    await handle.write('}\n');
    await handle.close();
    try {
      await expectRefusedEverywhere(home, 'cursor', /larger than 64 MB/);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  it('invalid UTF-8 of every kind (overlong, surrogate, cut off, UTF-16 with its BOM, Latin-1) is refused', async () => {
    const home = await tempHome('ims-hostile-');
    const variants: Array<[string, Buffer]> = [
      ['overlong', Buffer.from([0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d])],
      ['surrogate', Buffer.from([0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x3a, 0x31, 0x7d])],
      ['cut off', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe2, 0x82])],
      ['utf-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a": 1}', 'utf16le')])],
      ['latin-1', Buffer.from('{"caf\xe9": 1}', 'latin1')],
    ];
    for (const [label, bytes] of variants) {
      await mkdir(path.join(home, '.cursor'), { recursive: true });
      await writeFile(path.join(home, '.cursor/mcp.json'), bytes);
      try {
        await expectRefusedEverywhere(home, 'cursor', /not valid UTF-8/);
      } catch (error) {
        throw new Error(`${label}: ${(error as Error).message}`);
      }
    }
  });

  it.each([
    ['100 000 [', `{"a": ${'['.repeat(100_000)}`],
    ['100 000 [ and ]', `{"a": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
    ['50 000 nested objects', `{${'"a":{'.repeat(50_000)}${'}'.repeat(50_000)}}`],
    ['a root of 100 000 [', '['.repeat(100_000)],
  ])('nesting deep enough to break a recursive parser (%s): refused with the line and column, no stack overflow', async (_label, text) => {
    const home = await tempHome('ims-hostile-');
    await mkdir(path.join(home, '.cursor'));
    await writeFile(path.join(home, '.cursor/mcp.json'), text);
    await mkdir(path.join(home, '.config/Claude'), { recursive: true });
    await writeFile(path.join(home, '.config/Claude/claude_desktop_config.json'), text);
    await expectRefusedEverywhere(home, 'cursor', /mcp\.json:1:\d+: nested more than 512 levels deep|nested more than 512 levels deep/);
    await expectRefusedEverywhere(home, 'claude-desktop', /nested more than 512 levels deep/);
    const result = await runCli(['--client', 'cursor', '--no-check'], { home });
    expect(result.stdout + result.stderr).not.toMatch(/Maximum call stack|RangeError/);
  });
});

describe.concurrent('the environment', () => {
  it.each([
    ['unset', undefined, 'HOME is not set'],
    ['empty', '', 'HOME is not set'],
    ['relative', 'relative/home', 'HOME is not an absolute path ("relative/home")'],
    ['dot', '.', 'HOME is not an absolute path (".")'],
  ])('HOME %s: exit 1 with one line, for every command, nothing written', async (_label, value, message) => {
    const cwd = await tempHome('ims-hostile-cwd-');
    for (const args of [
      ['--client', 'cursor', '--no-check'],
      ['--client', 'cursor', '--json', '--no-check'],
      ['list'],
      ['remove', '--client', 'cursor'],
      ['doctor', '--offline'],
    ]) {
      const result = await runCli(args, { home: cwd, cwd, env: { HOME: value } });
      expect(result.exitCode, `${args.join(' ')}: ${result.stderr}`).toBe(1);
      expect(result.stderr).toBe(`intercom-mcp-setup: ${message}: set HOME to your home folder and run again.\n`);
      expect(result.stdout).toBe('');
    }
    expect(await readdir(cwd)).toEqual([]);
  });
});

// Each case is its own CLI processes in its own home: run them side by side.
describe.concurrent('option values built to smuggle something in', () => {
  const URLS: Array<[string, string, string]> = [
    ['CR LF and a header', 'https://mcp.intercom.com/sse\r\nAuthorization: Bearer x', 'spaces or control characters'],
    ['LF', 'https://mcp.intercom.com/sse\n--header', 'spaces or control characters'],
    ['a space and an extra argument', 'https://mcp.intercom.com/sse --allow-http', 'spaces or control characters'],
    ['a tab', 'https://mcp.intercom.com/\tsse', 'spaces or control characters'],
    ['DEL', 'https://mcp.intercom.com/sse\u007f', 'spaces or control characters'],
    ['a non-breaking space', 'https://mcp.intercom.com/sse\u00a0x', 'spaces or control characters'],
    ['a line separator', 'https://mcp.intercom.com/sse\u2028x', 'spaces or control characters'],
    ['file:', 'file:///etc/passwd', 'the scheme file: is not allowed'],
    ['javascript:', 'javascript:alert(1)', 'the scheme javascript: is not allowed'],
    ['data:', 'data:text/plain,hi', 'the scheme data: is not allowed'],
    ['a user name smuggled before @', 'https://mcp.intercom.com@evil.example/sse', 'user name or password'],
    ['a lookalike host, no --yes', 'https://mcp.intercom.com.evil.example/sse', 'not an Intercom host'],
    ['a host that only ends in intercom.com', 'https://evilintercom.com/sse', 'not an Intercom host'],
    ['an IP address', 'https://203.0.113.7/sse', 'not an Intercom host'],
    ['not a URL', 'mcp.intercom.com/sse', 'not a valid URL'],
    // Issue 18 point 9: Windows gets `cmd /c npx … <url>`, where cmd.exe reads these as operators.
    ['& and a command (cmd.exe)', 'https://mcp.intercom.com/sse&calc.exe', 'cmd.exe'],
    ['| (cmd.exe)', 'https://mcp.intercom.com/sse|calc', 'cmd.exe'],
    ['^ (cmd.exe)', 'https://mcp.intercom.com/s^se', 'cmd.exe'],
    ['%VAR% (cmd.exe)', 'https://mcp.intercom.com/sse?x=%USERPROFILE%', 'cmd.exe'],
    ['< (cmd.exe)', 'https://mcp.intercom.com/sse<in', 'cmd.exe'],
    ['> (cmd.exe)', 'https://mcp.intercom.com/sse>out', 'cmd.exe'],
    ['a double quote (cmd.exe)', 'https://mcp.intercom.com/sse"&calc', 'cmd.exe'],
    ['parentheses (cmd.exe)', 'https://mcp.intercom.com/sse(x)', 'cmd.exe'],
    ['! (cmd.exe delayed expansion)', 'https://mcp.intercom.com/sse!PATH!', 'cmd.exe'],
    ['a backtick', 'https://mcp.intercom.com/sse`id`', 'cmd.exe'],
    ['a backslash before @ (another parser reads evil.example as the host)', 'https://mcp.intercom.com\\@evil.example/sse', 'backslash'],
    ['a backslash', 'https://mcp.intercom.com\\sse', 'backslash'],
    ['?token= in the query', 'https://mcp.intercom.com/sse?token=abc123', 'credential'],
    ['?access_token= in the query', 'https://mcp.intercom.com/mcp?access_token=abc123', 'credential'],
    ['?key= in the query', 'https://mcp.intercom.com/mcp?key=abc123', 'credential'],
    ['?api_key= in the query', 'https://mcp.intercom.com/mcp?api_key=abc123', 'credential'],
    ['?client_secret= in the query', 'https://mcp.intercom.com/mcp?client_secret=abc123', 'credential'],
    ['?password= in the query', 'https://mcp.intercom.com/mcp?Password=abc123', 'credential'],
  ];

  it.each(URLS)('--url with %s: exit 2, nothing written', async (_label, url, message) => {
    const home = await tempHome('ims-hostile-');
    const commands = [
      ['--url', url, '--client', 'cursor', '--no-check'],
      ['remove', '--url', url, '--client', 'cursor'],
      ['list', '--url', url],
      ['doctor', '--offline', '--url', url],
    ];
    for (const args of commands) {
      // Only setup writes the URL into a config, so only setup asks for --yes.
      if (message === 'not an Intercom host' && args[0] !== '--url') continue;
      const result = await runCli(args, { home });
      expect(result.exitCode, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
    expect(await readdir(home)).toEqual([]);
  });

  it.each([
    ['an explicit default port', 'https://mcp.intercom.com:443/sse', 'https://mcp.intercom.com/sse'],
    ['an upper-case scheme and host', 'HTTPS://MCP.INTERCOM.COM/mcp', 'https://mcp.intercom.com/mcp'],
    ['dot segments', 'https://mcp.intercom.com/a/../sse', 'https://mcp.intercom.com/sse'],
    // Intercom's host without /sse or /mcp is refused (issue 17, test/e2e/usage-words.e2e.test.ts): another host shows it.
    ['no path', 'http://127.0.0.1:8080', 'http://127.0.0.1:8080/'],
  ])('--url with %s: the entry gets the normalised URL (new URL(raw).href)', async (_label, url, written) => {
    const home = await tempHome('ims-hostile-');
    const result = await runCli(['--url', url, '--client', 'cursor', '--native', '--no-check', '--json'], { home });
    expect(result.exitCode, result.stderr).toBe(0);
    const config = JSON.parse(await readFile(path.join(home, '.cursor/mcp.json'), 'utf8'));
    expect(config.mcpServers.intercom.url).toBe(written);
  });

  it('a non-Intercom host is written only with --yes, and then with a warning', async () => {
    const home = await tempHome('ims-hostile-');
    const refused = await runCli(['--url', 'https://mcp.intercom.com.evil.example/sse', '--client', 'cursor', '--no-check'], { home });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('pass --yes to write it anyway');
    expect(await readdir(home)).toEqual([]);
    const accepted = await runCli(['--url', 'https://mcp.intercom.com.evil.example/sse', '--client', 'cursor', '--no-check', '--yes'], { home });
    expect(accepted.exitCode).toBe(0);
    expect(accepted.stderr).toContain('warning: --url points at mcp.intercom.com.evil.example, which is not an Intercom host');
  });

  it.each([
    ['a slash', 'a/b'],
    ['a backslash', 'a\\b'],
    ['..', 'a..b'],
    ['a leading dot', '.hidden'],
    ['a double quote', 'a"b'],
    ['a single quote', "a'b"],
    ['a backtick', 'a`id`'],
    ['a dollar', 'a$HOME'],
    ['a space', 'a b'],
    ['a tab', 'a\tb'],
    ['a newline', 'a\nb'],
    ['a carriage return', 'a\rb'],
    ['an escape character', 'a\u001b[31mred'],
    ['a DEL', 'a\u007f'],
    ['a zero-width space', 'a\u200bb'],
    ['a lookalike letter', 'intercоm'],
    ['nothing', ''],
    ['65 characters', 'a'.repeat(65)],
  ])('--name with %s: exit 2 naming the rule, nothing written', async (_label, name) => {
    const home = await tempHome('ims-hostile-');
    for (const command of [[], ['remove'], ['list'], ['doctor', '--offline']]) {
      const args = [...command, '--name', name, ...(command.length === 0 || command[0] === 'remove' ? ['--client', 'cursor'] : [])];
      const result = await runCli(args, { home });
      expect(result.exitCode, `${JSON.stringify(args)}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(/--name must/);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
    expect(await readdir(home)).toEqual([]);
  });
});

describe('doctor flags entries in files whose URL --url would refuse (issue 18 point 9)', () => {
  it('cmd.exe operators, a backslash before @ and a credential in the query: one check each, naming the file and the entry', async () => {
    const home = await tempHome('ims-hostile-');
    const file = path.join(home, '.cursor/mcp.json');
    await mkdir(path.dirname(file));
    const servers = {
      intercom: { command: 'npx', args: ['-y', 'mcp-remote', 'https://mcp.intercom.com/sse&calc.exe'] },
      'intercom-b': { command: 'npx', args: ['-y', 'mcp-remote', 'https://mcp.intercom.com\\@evil.example/sse'] },
      'intercom-c': { url: 'https://mcp.intercom.com/mcp?token=abc123secret' },
      fine: { url: 'https://mcp.intercom.com/mcp' },
    };
    await writeFile(file, `${JSON.stringify({ mcpServers: servers }, null, 2)}\n`);
    const result = await runCli(['doctor', '--offline', '--client', 'cursor', '--json'], { home });
    expect(result.exitCode).toBe(1);
    const checks = (JSON.parse(result.stdout) as { checks: Array<{ id: string; status: string; message: string }> }).checks;
    const flagged = checks.filter((check) => check.id.startsWith('entry-url'));
    expect(flagged.map((check) => check.status)).toEqual(['fail', 'fail', 'fail']);
    const [amp, backslash, token] = flagged.map((check) => check.message);
    for (const message of [amp, backslash, token]) expect(message).toContain('~/.cursor/mcp.json');
    expect(amp).toContain('"intercom"');
    expect(amp).toContain('cmd.exe');
    expect(backslash).toContain('"intercom-b"');
    expect(backslash).toContain('backslash');
    expect(token).toContain('"intercom-c"');
    expect(token).toContain('credential');
    expect(result.stdout).not.toContain('abc123secret');
    // Doctor probes none of them: their host is not what another program would read.
    const human = await runCli(['doctor', '--offline', '--client', 'cursor'], { home });
    expect(human.stdout).not.toContain('Network (https://mcp.intercom.com/sse&calc.exe)');
    expect(human.stdout).not.toContain('evil.example/sse)');
  });
});
