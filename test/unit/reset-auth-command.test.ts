import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CacheBaseError } from '../../src/auth/auth-cache.js';
import { describeTokens, displayUrl, roughDuration } from '../../src/auth/auth-cache-text.js';
import { runResetAuth } from '../../src/commands/reset-auth.js';
import { failed } from '../../src/cli/run.js';
import { parseOptions } from '../../src/cli/options.js';
import { Output } from '../../src/ui/output.js';
import type { Platform } from '../../src/core/platform.js';
import { fakePlatform, onDisk } from '../helpers/platform.js';
import { EU_MCP, H_EU_MCP, H_MCP, H_OTHER, H_SSE, MCP, md5, OTHER, SSE } from '../helpers/mcp-remote-cache.js';

// The confirmation prompt, replaced so tests can answer it. Only loaded when a prompt is shown.
const prompts = vi.hoisted(() => {
  const CANCEL = Symbol('clack:cancel');
  return {
    CANCEL,
    answer: true as boolean | symbol,
    /** Runs while the question is on screen (e.g. a sign-in starts meanwhile). */
    whileAsking: undefined as undefined | (() => Promise<void>),
    messages: [] as string[],
  };
});
vi.mock('@clack/prompts', () => {
  return {
    confirm: vi.fn(async (opts: { message: string }) => {
      prompts.messages.push(opts.message);
      await prompts.whileAsking?.();
      return prompts.answer;
    }),
    isCancel: (value: unknown) => value === prompts.CANCEL,
    cancel: vi.fn(),
  };
});

const LOCAL = 'http://127.0.0.1:4321/mcp';
const H_LOCAL = md5(LOCAL);
// What mcp-remote hashes for `mcp-remote URL --header Authorization:${AUTH_HEADER}`: the value before substitution.
const H_MCP_HEADER = md5(`${MCP}|{"Authorization":"\${AUTH_HEADER}"}`);
const H_SSE_RESOURCE = md5(`${SSE}|https://mcp.intercom.com/`);

const SECRETS = ['SECRET-ACCESS-1', 'SECRET-REFRESH-1', 'SECRET-ACCESS-OTHER', 'SECRET-CLIENT-SECRET', 'SECRET-HEADER-VALUE'];
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Helpers

const tempDirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const dir of tempDirs) await fsp.rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
beforeEach(() => {
  prompts.answer = true;
  prompts.whileAsking = undefined;
  prompts.messages.length = 0;
});

async function tempHome(): Promise<string> {
  const dir = await fsp.realpath(await fsp.mkdtemp(path.join(os.tmpdir(), 'reset-auth-cmd-')));
  tempDirs.push(dir);
  return dir;
}

async function writeTree(base: string, files: Record<string, unknown>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(base, rel);
    await fsp.mkdir(path.dirname(file), { recursive: true });
    await fsp.writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
}

async function listTree(base: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      out.push(path.relative(base, full));
      if (entry.isDirectory()) await walk(full);
    }
  };
  if (existsSync(base)) await walk(base);
  return out.sort();
}

interface Machine {
  home: string;
  project: string;
  /** The cache base: `<home>/.mcp-auth` unless MCP_REMOTE_CONFIG_DIR is set. */
  base: string;
  platform: Platform;
}

async function machine(env: Record<string, string> = {}): Promise<Machine> {
  const home = await tempHome();
  const project = path.join(home, 'project');
  await fsp.mkdir(project, { recursive: true });
  const fullEnv: Record<string, string | undefined> = { HOME: home, ...env };
  const platform: Platform = { ...onDisk(fakePlatform('linux', { home, cwd: project })), env: fullEnv, nodeVersion: process.versions.node };
  return { home, project, base: env.MCP_REMOTE_CONFIG_DIR ?? path.join(home, '.mcp-auth'), platform };
}

/** Every stdout and stderr byte of every run, to prove no secret ever leaves. */
const everything: string[] = [];

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `throws`: the error the command throws, as it throws it (else handled as cli/run.ts does). */
async function resetAuth(m: Machine, argv: string[], opts: { interactive?: boolean; throws?: boolean } = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const options = await parseOptions('reset-auth', argv);
  const out = new Output(
    { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } },
    { json: options.json, color: false },
  );
  // As cli/run.ts runs a command: an error it throws ends the run with its line and exit code.
  const running = runResetAuth({ platform: m.platform, out, interactive: opts.interactive ?? false }, options);
  const code = await (opts.throws ? running : running.catch((error: unknown) => failed(out, error)));
  everything.push(stdout, stderr);
  return { code, stdout, stderr };
}

/** Intercom's files in the current and an old layout, next to another server's. */
async function standardCache(base: string): Promise<void> {
  await writeTree(base, {
    [`mcp-remote-v1/${H_SSE}_tokens.json`]: {
      access_token: 'SECRET-ACCESS-1',
      refresh_token: 'SECRET-REFRESH-1',
      token_type: 'Bearer',
      expires_in: 3600,
      expires_at: Date.now() + 3 * DAY,
    },
    [`mcp-remote-v1/${H_SSE}_client_info.json`]: { client_id: 'abc', client_secret: 'SECRET-CLIENT-SECRET' },
    [`mcp-remote-v1/${H_SSE}_code_verifier.txt`]: 'verifier',
    [`mcp-remote-v1/${H_MCP}_tokens.json`]: { access_token: 'SECRET-ACCESS-1', expires_at: Date.now() - 2 * 3_600_000 },
    [`mcp-remote-v1/${H_OTHER}_tokens.json`]: { access_token: 'SECRET-ACCESS-OTHER', expires_at: Date.now() + DAY },
    [`mcp-remote-v1/${H_OTHER}_client_info.json`]: { client_id: 'other' },
    'mcp-remote-v1/README.txt': 'not a cache file',
    [`mcp-remote-0.1.37/${H_EU_MCP}_tokens.json`]: { access_token: 'SECRET-ACCESS-1', expires_in: 3600 },
    [`mcp-remote-0.1.37/${H_OTHER}_tokens.json`]: { access_token: 'SECRET-ACCESS-OTHER' },
    'unrelated.txt': 'keep me',
  });
}

const INTERCOM_FILES = [
  `mcp-remote-0.1.37/${H_EU_MCP}_tokens.json`,
  `mcp-remote-v1/${H_MCP}_tokens.json`,
  `mcp-remote-v1/${H_SSE}_client_info.json`,
  `mcp-remote-v1/${H_SSE}_code_verifier.txt`,
  `mcp-remote-v1/${H_SSE}_tokens.json`,
];
const OTHER_FILES = [
  `mcp-remote-0.1.37/${H_OTHER}_tokens.json`,
  `mcp-remote-v1/${H_OTHER}_client_info.json`,
  `mcp-remote-v1/${H_OTHER}_tokens.json`,
  'mcp-remote-v1/README.txt',
  'unrelated.txt',
];

const abs = (m: Machine, rels: string[]): string[] => rels.map((rel) => path.join(m.base, rel)).sort();

/** A process that stays alive until killed; its /proc comm is "node". */
async function livePid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  children.push(child);
  if (child.pid === undefined) throw new Error('no pid');
  await new Promise((resolve) => setTimeout(resolve, 50));
  return child.pid;
}

// ---------------------------------------------------------------------------------------------

describe('reset-auth: what it deletes', () => {
  it("deletes Intercom's files in every mcp-remote-* folder and keeps other servers'", async () => {
    const m = await machine();
    await standardCache(m.base);
    const result = await resetAuth(m, ['--yes']);
    expect(result.code).toBe(0);
    const left = await listTree(m.base);
    for (const file of INTERCOM_FILES) expect(left).not.toContain(file);
    for (const file of OTHER_FILES) expect(left).toContain(file);
    // Grouped per server URL, then folder, with expiry, and what to do next.
    expect(result.stdout).toContain(`Intercom sign-ins in ~/.mcp-auth:`);
    expect(result.stdout).toMatch(new RegExp(`${SSE}\\n    mcp-remote-v1/  access token expires in 3 days; a refresh token is stored\\n`));
    expect(result.stdout).toMatch(new RegExp(`${MCP}\\n    mcp-remote-v1/  access token expired 2 hours ago\\n`));
    expect(result.stdout).toContain(`${EU_MCP}\n    mcp-remote-0.1.37/`);
    expect(result.stdout).toContain(`delete ${H_SSE}_tokens.json`);
    expect(result.stdout).not.toContain(H_OTHER);
    expect(result.stdout).toContain('Left alone: 3 files of 1 other server.');
    expect(result.stdout).toContain("✓ Deleted 5 files of Intercom's sign-in.");
    expect(result.stdout).toMatch(/Restart .*\n.*next connection to Intercom opens your browser/);
    expect(result.stderr).toBe('');
  });

  it("deletes the --header variant's files when a client config passes --header", async () => {
    const m = await machine();
    await standardCache(m.base);
    await writeTree(m.base, {
      [`mcp-remote-v1/${H_MCP_HEADER}_tokens.json`]: { access_token: 'SECRET-ACCESS-1' },
      [`mcp-remote-v1/${H_MCP_HEADER}_client_info.json`]: { client_id: 'x' },
    });
    // Before any config names it, the header variant is another server's: kept.
    await resetAuth(m, ['--yes']);
    expect(await listTree(m.base)).toContain(`mcp-remote-v1/${H_MCP_HEADER}_tokens.json`);

    await writeTree(m.home, {
      '.cursor/mcp.json': {
        mcpServers: {
          intercom: {
            command: 'npx',
            args: ['-y', 'mcp-remote@0.15.1', MCP, '--header', 'Authorization:${AUTH_HEADER}'],
            env: { AUTH_HEADER: 'Bearer SECRET-HEADER-VALUE' },
          },
          linear: { command: 'npx', args: ['-y', 'mcp-remote', OTHER, '--header', 'Authorization:${AUTH_HEADER}'] },
        },
      },
    });
    const result = await resetAuth(m, ['--yes']);
    expect(result.code).toBe(0);
    const left = await listTree(m.base);
    expect(left).not.toContain(`mcp-remote-v1/${H_MCP_HEADER}_tokens.json`);
    expect(left).not.toContain(`mcp-remote-v1/${H_MCP_HEADER}_client_info.json`);
    for (const file of OTHER_FILES) expect(left).toContain(file);
    expect(result.stdout).toContain(`${MCP} with --header Authorization\n    mcp-remote-v1/`);
    expect(result.stdout).toContain('Restart Cursor');
  });

  it("reads project-scope configs and VS Code's misplaced mcpServers key; skips unparsable configs", async () => {
    const m = await machine();
    await writeTree(m.base, {
      [`mcp-remote-v1/${H_SSE_RESOURCE}_tokens.json`]: { access_token: 'SECRET-ACCESS-1' },
      [`mcp-remote-v1/${H_OTHER}_tokens.json`]: { access_token: 'SECRET-ACCESS-OTHER' },
    });
    await writeTree(m.project, {
      '.vscode/mcp.json': `// comments are fine here\n{ "mcpServers": { "intercom": { "command": "npx", "args": ["mcp-remote", "${SSE}", "--resource", "https://mcp.intercom.com/"] } }, }`,
    });
    await writeTree(m.home, {
      '.config/Claude/claude_desktop_config.json': '{ this is not JSON',
      '.codeium/windsurf/mcp_config.json': '[1, 2',
    });
    const result = await resetAuth(m, ['--yes']);
    expect(result.code).toBe(0);
    expect(await listTree(m.base)).toEqual(['mcp-remote-v1', `mcp-remote-v1/${H_OTHER}_tokens.json`]);
    expect(result.stdout).toContain(`${SSE} with --resource https://mcp.intercom.com/`);
    expect(result.stderr).toBe('');
  });

  it('adds --url (and a config entry that passes it with --header) to what is reset', async () => {
    const m = await machine();
    const H_LOCAL_HEADER = md5(`${LOCAL}|{"X-Tenant":"acme"}`);
    await standardCache(m.base);
    await writeTree(m.base, {
      [`mcp-remote-v1/${H_LOCAL}_tokens.json`]: { access_token: 'SECRET-ACCESS-1' },
      [`mcp-remote-v1/${H_LOCAL_HEADER}_tokens.json`]: { access_token: 'SECRET-ACCESS-1' },
    });
    await writeTree(m.home, {
      '.claude.json': { mcpServers: { staging: { type: 'stdio', command: 'npx', args: ['mcp-remote', LOCAL, '--header', 'X-Tenant: acme'] } } },
    });
    const without = await resetAuth(m, ['--yes']);
    expect(without.code).toBe(0);
    expect(await listTree(m.base)).toEqual(expect.arrayContaining([`mcp-remote-v1/${H_LOCAL}_tokens.json`, `mcp-remote-v1/${H_LOCAL_HEADER}_tokens.json`]));

    const withUrl = await resetAuth(m, ['--yes', '--url', LOCAL]);
    expect(withUrl.code).toBe(0);
    const left = await listTree(m.base);
    expect(left).not.toContain(`mcp-remote-v1/${H_LOCAL}_tokens.json`);
    expect(left).not.toContain(`mcp-remote-v1/${H_LOCAL_HEADER}_tokens.json`);
    for (const file of OTHER_FILES) expect(left).toContain(file);
    expect(withUrl.stdout).toContain(`${LOCAL}\n    mcp-remote-v1/`);
    expect(withUrl.stdout).toContain(`${LOCAL} with --header X-Tenant\n`);
  });

  it('points out an Intercom entry that keeps its sign-in in its own MCP_REMOTE_CONFIG_DIR', async () => {
    const m = await machine();
    await standardCache(m.base);
    const own = path.join(m.home, 'elsewhere');
    await writeTree(m.home, {
      '.cursor/mcp.json': { mcpServers: { intercom: { command: 'npx', args: ['-y', 'mcp-remote', SSE], env: { MCP_REMOTE_CONFIG_DIR: own } } } },
    });
    const result = await resetAuth(m, ['--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Note: an Intercom entry sets MCP_REMOTE_CONFIG_DIR=${own}; run again with that variable set to reset its cache too.`);
  });

  it("--all removes every server's files and the emptied folders, but nothing outside mcp-remote-* folders", async () => {
    const m = await machine();
    await standardCache(m.base);
    const result = await resetAuth(m, ['--all', '--yes']);
    expect(result.code).toBe(0);
    expect(await listTree(m.base)).toEqual(['unrelated.txt']);
    expect(result.stdout).toContain('signs you out of every server');
    expect(result.stdout).toContain(`another server (files ${H_OTHER.slice(0, 8)}…)`);
    expect(result.stdout).toContain('delete README.txt');
  });

  it('--all asks a confirmation that says it signs out every server', async () => {
    const m = await machine();
    await standardCache(m.base);
    prompts.answer = false;
    const declined = await resetAuth(m, ['--all'], { interactive: true });
    expect(declined.code).toBe(130);
    expect(prompts.messages).toHaveLength(1);
    expect(prompts.messages[0]).toMatch(/Sign out of EVERY server mcp-remote uses \(not only Intercom\)/);
    expect(await listTree(m.base)).toEqual(expect.arrayContaining([...INTERCOM_FILES, ...OTHER_FILES]));

    prompts.answer = true;
    const accepted = await resetAuth(m, ['--all'], { interactive: true });
    expect(accepted.code).toBe(0);
    expect(await listTree(m.base)).toEqual(['unrelated.txt']);
  });
});

describe('reset-auth: when it deletes nothing', () => {
  it('--dry-run lists and deletes nothing', async () => {
    const m = await machine();
    await standardCache(m.base);
    const before = await listTree(m.base);
    const result = await resetAuth(m, ['--dry-run']);
    expect(result.code).toBe(0);
    expect(await listTree(m.base)).toEqual(before);
    expect(result.stdout).toContain(`would delete ${H_SSE}_tokens.json`);
    expect(result.stdout).toContain('Dry run: nothing deleted. Run without --dry-run to delete 5 files.');
    expect(prompts.messages).toHaveLength(0);
  });

  it('without a terminal and without --yes: lists, deletes nothing, exit 2', async () => {
    const m = await machine();
    await standardCache(m.base);
    const before = await listTree(m.base);
    const result = await resetAuth(m, []);
    expect(result.code).toBe(2);
    expect(await listTree(m.base)).toEqual(before);
    expect(result.stdout).toContain(`delete ${H_SSE}_tokens.json`);
    expect(result.stderr).toMatch(/nothing deleted: no terminal to ask on; run again with --yes/);
    expect(prompts.messages).toHaveLength(0);
  });

  it('on a terminal: asks; Ctrl-C or "no" exits 130 and deletes nothing; "yes" deletes', async () => {
    const m = await machine();
    await standardCache(m.base);
    const before = await listTree(m.base);

    prompts.answer = prompts.CANCEL;
    const cancelled = await resetAuth(m, [], { interactive: true });
    expect(cancelled.code).toBe(130);
    // Said by the prompt's cancel line; no error line of its own.
    expect(cancelled.stderr).toBe('');
    expect(await listTree(m.base)).toEqual(before);

    prompts.answer = false;
    expect((await resetAuth(m, [], { interactive: true })).code).toBe(130);
    expect(await listTree(m.base)).toEqual(before);
    expect(prompts.messages[0]).toBe('Delete 5 files? You will sign in to Intercom again on the next connection.');

    prompts.answer = true;
    expect((await resetAuth(m, [], { interactive: true })).code).toBe(0);
    expect(await listTree(m.base)).toEqual(expect.not.arrayContaining([INTERCOM_FILES[0]]));
    expect(prompts.messages).toHaveLength(3);
  });

  it('--yes never asks, even on a terminal', async () => {
    const m = await machine();
    await standardCache(m.base);
    expect((await resetAuth(m, ['--yes'], { interactive: true })).code).toBe(0);
    expect(prompts.messages).toHaveLength(0);
  });

  it('a missing cache is "nothing to reset", exit 0', async () => {
    const m = await machine();
    const result = await resetAuth(m, []);
    expect(result).toEqual({ code: 0, stdout: 'Nothing to reset: ~/.mcp-auth does not exist, so mcp-remote holds no sign-in here.\n', stderr: '' });
    const json = await resetAuth(m, ['--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ removed: [], kept: [] });
  });

  it('a cache without Intercom files is "nothing to reset", exit 0, even without --yes', async () => {
    const m = await machine();
    await writeTree(m.base, { [`mcp-remote-v1/${H_OTHER}_tokens.json`]: { access_token: 'SECRET-ACCESS-OTHER' } });
    const result = await resetAuth(m, []);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Nothing to reset: no Intercom sign-in in ~/.mcp-auth.\n  Left alone: 1 file of 1 other server.\n');
    expect(await listTree(m.base)).toEqual(['mcp-remote-v1', `mcp-remote-v1/${H_OTHER}_tokens.json`]);
  });

  it('refuses MCP_REMOTE_CONFIG_DIR=/ and one that is a file', async () => {
    const root = await machine({ MCP_REMOTE_CONFIG_DIR: '/' });
    await expect(resetAuth(root, ['--yes'], { throws: true })).rejects.toThrow(CacheBaseError);
    await expect(resetAuth(root, ['--yes'], { throws: true })).rejects.toThrow(/root of the filesystem/);
    const m = await machine();
    const file = path.join(m.home, 'a-file');
    await fsp.writeFile(file, 'x');
    const fileBase = await machine({ MCP_REMOTE_CONFIG_DIR: file });
    await expect(resetAuth(fileBase, ['--yes'], { throws: true })).rejects.toThrow(/is not a folder/);
    expect(await fsp.readFile(file, 'utf8')).toBe('x');
  });

  it('uses MCP_REMOTE_CONFIG_DIR when set', async () => {
    const m = await machine();
    const custom = path.join(m.home, 'custom-cache');
    const withEnv = await machine({ MCP_REMOTE_CONFIG_DIR: custom });
    await standardCache(custom);
    await standardCache(path.join(withEnv.home, '.mcp-auth'));
    const result = await resetAuth(withEnv, ['--yes']);
    expect(result.code).toBe(0);
    expect(await listTree(custom)).not.toContain(INTERCOM_FILES[0]);
    expect(await listTree(path.join(withEnv.home, '.mcp-auth'))).toContain(INTERCOM_FILES[0]);
  });
});

describe('reset-auth: sign-in in progress', () => {
  it('keeps files of a hash with a live lock and says which process holds it; --force deletes them', async () => {
    const m = await machine();
    await standardCache(m.base);
    const pid = await livePid();
    await writeTree(m.base, { [`mcp-remote-v1/${H_SSE}_refresh_in_progress.json`]: { pid, nonce: 'n', at: Date.now() } });

    const result = await resetAuth(m, ['--yes']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`a sign-in is in progress, held by pid ${pid} (node): finish or quit it, or run again with --force`);
    expect(result.stdout).toContain(`keep ${H_SSE}_tokens.json (sign-in in progress)`);
    expect(result.stdout).toContain(`Kept ${SSE} in mcp-remote-v1/: a sign-in is in progress, held by pid ${pid} (node).`);
    let left = await listTree(m.base);
    expect(left).toContain(`mcp-remote-v1/${H_SSE}_tokens.json`);
    expect(left).toContain(`mcp-remote-v1/${H_SSE}_refresh_in_progress.json`);
    expect(left).not.toContain(`mcp-remote-v1/${H_MCP}_tokens.json`);

    const forced = await resetAuth(m, ['--yes', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(`held by pid ${pid} (node): deleted anyway (--force)`);
    left = await listTree(m.base);
    expect(left).not.toContain(`mcp-remote-v1/${H_SSE}_tokens.json`);
    expect(left).not.toContain(`mcp-remote-v1/${H_SSE}_refresh_in_progress.json`);
  });

  it('looks again after the confirmation: a sign-in started while asking is protected', async () => {
    const m = await machine();
    await standardCache(m.base);
    const pid = await livePid();
    prompts.whileAsking = async () => {
      await writeTree(m.base, { [`mcp-remote-v1/${H_SSE}_refresh_in_progress.json`]: { pid, nonce: 'n', at: Date.now() } });
    };
    const result = await resetAuth(m, [], { interactive: true });
    expect(result.code).toBe(0);
    const left = await listTree(m.base);
    expect(left).toContain(`mcp-remote-v1/${H_SSE}_tokens.json`);
    expect(left).toContain(`mcp-remote-v1/${H_SSE}_refresh_in_progress.json`);
    expect(left).not.toContain(`mcp-remote-v1/${H_MCP}_tokens.json`);
    expect(result.stdout).toContain(`Kept ${SSE} in mcp-remote-v1/: a sign-in is in progress, held by pid ${pid} (node).`);
  });

  it('a dead pid is no sign-in in progress', async () => {
    const m = await machine();
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await new Promise((resolve) => child.on('exit', resolve));
    await writeTree(m.base, {
      [`mcp-remote-0.1.0/${H_SSE}_lock.json`]: { pid: child.pid, port: 3456, timestamp: Date.now() },
      [`mcp-remote-0.1.0/${H_SSE}_tokens.json`]: { access_token: 'SECRET-ACCESS-1' },
    });
    const result = await resetAuth(m, ['--yes']);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('held by');
    expect(await listTree(m.base)).toEqual(['mcp-remote-0.1.0']);
  });
});

describe('reset-auth: safety', () => {
  it('never follows a symlink out of the cache base', async () => {
    const m = await machine();
    const outside = path.join(m.home, 'outside');
    await writeTree(outside, {
      [`${H_SSE}_tokens.json`]: { access_token: 'SECRET-ACCESS-1' },
      'precious.txt': 'keep',
    });
    await writeTree(m.base, { [`mcp-remote-v1/${H_MCP}_tokens.json`]: { access_token: 'SECRET-ACCESS-1' } });
    await fsp.symlink(outside, path.join(m.base, 'mcp-remote-evil'));
    await fsp.symlink(path.join(outside, `${H_SSE}_tokens.json`), path.join(m.base, 'mcp-remote-v1', `${H_SSE}_tokens.json`));

    const result = await resetAuth(m, ['--yes']);
    expect(result.code).toBe(0);
    expect(await listTree(outside)).toEqual([`${H_SSE}_tokens.json`, 'precious.txt']);
    expect(await listTree(m.base)).toEqual(['mcp-remote-evil', 'mcp-remote-v1', `mcp-remote-v1/${H_SSE}_tokens.json`]);
    expect(result.stdout).toContain(`keep ${H_SSE}_tokens.json (a symlink, never followed)`);
    expect(result.stdout).toContain('Skipped ~/.mcp-auth/mcp-remote-evil: a symlink pointing outside the cache folder, never followed.');

    // --all removes the link itself, never what it points at, and never enters the linked folder.
    const all = await resetAuth(m, ['--all', '--yes']);
    expect(all.code).toBe(0);
    expect(await listTree(outside)).toEqual([`${H_SSE}_tokens.json`, 'precious.txt']);
    expect(await listTree(m.base)).toEqual(['mcp-remote-evil']);
  });

  it('reports a file it cannot delete, deletes the rest, exit 1', async () => {
    const m = await machine();
    await standardCache(m.base);
    const locked = path.join(m.base, `mcp-remote-v1/${H_SSE}_tokens.json`);
    const realUnlink = fsp.unlink.bind(fsp);
    vi.spyOn(fsp, 'unlink').mockImplementation(async (p) => {
      if (p === locked) throw Object.assign(new Error(`EACCES: permission denied, unlink '${locked}'`), { code: 'EACCES' });
      return realUnlink(p);
    });
    const result = await resetAuth(m, ['--yes']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`intercom-mcp-setup: could not delete ~/.mcp-auth/mcp-remote-v1/${H_SSE}_tokens.json: permission denied (EACCES)\n`);
    const left = await listTree(m.base);
    expect(left).toContain(`mcp-remote-v1/${H_SSE}_tokens.json`);
    for (const file of INTERCOM_FILES.filter((f) => !f.endsWith(`${H_SSE}_tokens.json`))) expect(left).not.toContain(file);
    expect(result.stdout).toContain('Deleted 4 files');
    expect(result.stdout).toContain('1 file could not be deleted');

    const json = await resetAuth(m, ['--yes', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({ removed: [], kept: expect.arrayContaining([locked]) });
  });
});

describe('reset-auth --json', () => {
  it('prints exactly {"removed":[paths],"kept":[paths]} and nothing else on stdout', async () => {
    const m = await machine();
    await standardCache(m.base);
    const result = await resetAuth(m, ['--json', '--yes']);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as { removed: string[]; kept: string[] };
    expect(Object.keys(parsed)).toEqual(['removed', 'kept']);
    expect([...parsed.removed].sort()).toEqual(abs(m, INTERCOM_FILES));
    expect([...parsed.kept].sort()).toEqual(
      abs(
        m,
        OTHER_FILES.filter((f) => f !== 'unrelated.txt'),
      ),
    );
    expect(result.stderr).toBe('');
  });

  it('never prompts: without --yes it prints the listing with "wouldRemove", deletes nothing, exit 2', async () => {
    const m = await machine();
    await standardCache(m.base);
    const before = await listTree(m.base);
    const result = await resetAuth(m, ['--json'], { interactive: true });
    expect(result.code).toBe(2);
    expect(prompts.messages).toHaveLength(0);
    expect(await listTree(m.base)).toEqual(before);
    const parsed = JSON.parse(result.stdout) as { removed: string[]; kept: string[]; wouldRemove: string[] };
    expect(Object.keys(parsed)).toEqual(['removed', 'kept', 'wouldRemove']);
    expect(parsed.removed).toEqual([]);
    expect([...parsed.wouldRemove].sort()).toEqual(abs(m, INTERCOM_FILES));
    expect([...parsed.kept].sort()).toEqual(abs(m, [...INTERCOM_FILES, ...OTHER_FILES.filter((f) => f !== 'unrelated.txt')]).sort());
    expect(result.stderr).toMatch(/^intercom-mcp-setup: nothing deleted: --json never asks; run again with --yes/);
  });

  it('--dry-run --json: the same listing, exit 0', async () => {
    const m = await machine();
    await standardCache(m.base);
    const result = await resetAuth(m, ['--json', '--dry-run']);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as { removed: string[]; wouldRemove: string[] };
    expect(parsed.removed).toEqual([]);
    expect([...parsed.wouldRemove].sort()).toEqual(abs(m, INTERCOM_FILES));
    expect(result.stderr).toBe('');
    expect(await listTree(m.base)).toEqual(expect.arrayContaining(INTERCOM_FILES));
  });

  it('--all --json lists emptied folders as removed', async () => {
    const m = await machine();
    await standardCache(m.base);
    const result = await resetAuth(m, ['--json', '--all', '--yes']);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as { removed: string[]; kept: string[] };
    expect([...parsed.removed].sort()).toEqual(
      abs(m, [...INTERCOM_FILES, ...OTHER_FILES.filter((f) => f !== 'unrelated.txt'), 'mcp-remote-v1', 'mcp-remote-0.1.37']),
    );
    expect(parsed.kept).toEqual([path.join(m.base, 'unrelated.txt')]);
  });
});

describe('reset-auth: output helpers', () => {
  it('says expiry in rough words', () => {
    expect(roughDuration(3 * DAY - 5000)).toBe('3 days');
    expect(roughDuration(2 * 3_600_000)).toBe('2 hours');
    expect(roughDuration(60_000)).toBe('1 minute');
    expect(roughDuration(10_000)).toBe('less than a minute');
    const now = Date.now();
    expect(describeTokens({ readable: true, hasRefreshToken: false, expiresAt: now + 3 * DAY }, now)).toBe('access token expires in 3 days');
    expect(describeTokens({ readable: true, hasRefreshToken: true, expiresAt: now - 2 * 3_600_000 }, now)).toBe(
      'access token expired 2 hours ago; a refresh token is stored',
    );
    expect(describeTokens({ readable: false, hasRefreshToken: false }, now)).toBe('tokens file unreadable');
    expect(describeTokens(undefined, now)).toBeUndefined();
  });

  it('masks query values of URLs it shows', () => {
    expect(displayUrl('https://mcp.example.com/sse?key=SECRET-HEADER-VALUE')).toBe('https://mcp.example.com/sse?key=****');
    expect(displayUrl(SSE)).toBe(SSE);
  });

  it('no token, client secret or header value ever appeared in any output', () => {
    expect(everything.length).toBeGreaterThan(20);
    const all = everything.join('\n');
    for (const secret of SECRETS) expect(all).not.toContain(secret);
  });
});
