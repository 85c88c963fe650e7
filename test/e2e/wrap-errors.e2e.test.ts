/**
 * Issue 17 points 3, 4 and 8 off a terminal (built CLI, stdout and stderr pipes): errors wrap at
 * word boundaries like every other line, to 80 columns or COLUMNS, and keep a command, a URL or a
 * path whole; --json stays data, never wrapped; and the lines the entry (dist/cli.js) answers by
 * itself, an unknown command and an unexpected error, go through the masking writer too.
 */
import { execa } from 'execa';
import { cp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, cleanEnv, runCli, tempHome } from '../helpers/cli.js';

/** No COLUMNS: the width of a run whose output is not a terminal. */
const AT_80 = { COLUMNS: undefined };
const AT_60 = { COLUMNS: '60' };
/** Whole lines, as the other suites read them (test/helpers/cli.ts). */
const UNWRAPPED = { COLUMNS: '1000' };

/** A GitHub token's shape (made up): typed where a command goes, it must never be echoed. */
const GITHUB_TOKEN = 'ghp_0123456789abcdefghijklmnopqrstuvwxyz0123';

/** Lines wider than `width` that are more than one word (an unbreakable word may run past). */
function tooWide(text: string, width: number): string[] {
  return text.split('\n').filter((line) => [...line].length > width && !/^ *\S+$/.test(line));
}

/** The words of a text in order: wrapping may change the spaces between them, never the words. */
const words = (text: string) => text.trim().split(/\s+/);

async function write(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

const tempDirs: string[] = [];
afterAll(async () => {
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

/** A home whose path is long, so that paths in errors are wider than a line. */
async function deepHome(): Promise<string> {
  const base = await tempHome('ims-wrap-');
  tempDirs.push(base);
  const home = path.join(base, 'a-folder-with-a-rather-long-name', 'and-another-one-below-it-as-deep');
  await mkdir(home, { recursive: true });
  return home;
}

describe('errors wrap at word boundaries when stderr is not a terminal', () => {
  // Each: the arguments, a home to set up, and a piece of the error.
  const cases: Array<{ name: string; args: string[]; setup?: (home: string) => Promise<void>; says: string; code: number; deep?: boolean }> = [
    {
      name: 'an unparsable config file (file:line:column)',
      args: ['--client', 'cursor'],
      setup: (home) => write(path.join(home, '.cursor', 'mcp.json'), '{\n  "mcpServers": {\n    "x": { ,, }\n  }\n}\n'),
      says: 'mcp.json:3:12: expected a value',
      code: 1,
    },
    {
      name: 'a usage error (--region against --url)',
      args: ['--client', 'cursor', '--region', 'eu', '--url', 'https://mcp.intercom.com/sse'],
      says: '--region eu contradicts --url https://mcp.intercom.com/sse',
      code: 2,
    },
    { name: 'an unknown option, with the nearest one', args: ['--clinet', 'cursor'], says: "unknown option '--clinet': did you mean '--client'?", code: 2 },
    { name: 'an unknown command, with the nearest one', args: ['doctr'], says: 'unknown command "doctr": did you mean "doctor"?', code: 2 },
    {
      name: 'a journal that cannot be read (a path wider than the line)',
      args: ['undo'],
      setup: (home) => write(path.join(home, '.local', 'state', 'intercom-mcp-setup', 'last-run.json'), 'not json\n'),
      says: 'is not a journal this version can read',
      code: 1,
      deep: true,
    },
  ];

  it.each(cases)('$name: no line over 80 (COLUMNS unset) or 60 (COLUMNS=60), the same words as unwrapped', async ({ args, setup, says, code, deep }) => {
    // (A path wider than the line is cut after a `/` on stdout, see src/ui/wrap.ts; on stderr it is kept whole.)
    const home = deep ? await deepHome() : await tempHome('ims-wrap-');
    tempDirs.push(home);
    await setup?.(home);
    const whole = await runCli(args, { home, env: UNWRAPPED });
    expect(whole.exitCode).toBe(code);
    const output = `${whole.stdout}${whole.stderr}`;
    expect(output.replace(/\s+/g, ' ')).toContain(says);
    // Without a wrap a line is wider than 60 somewhere: what follows tests something.
    expect(tooWide(output, 60).length).toBeGreaterThan(0);
    for (const [env, width] of [
      [AT_80, 80],
      [AT_60, 60],
    ] as const) {
      const result = await runCli(args, { home, env });
      expect(result.exitCode).toBe(code);
      for (const stream of ['stdout', 'stderr'] as const) {
        expect(tooWide(result[stream], width), `${stream} at ${width}`).toEqual([]);
        expect(words(result[stream]), `${stream} at ${width}`).toEqual(words(whole[stream]));
      }
    }
  });

  it('keeps a path (file:line:column) whole on stderr, on a line of its own when it is wider than the line', async () => {
    const home = await deepHome();
    const journal = path.join(home, '.local', 'state', 'intercom-mcp-setup', 'last-run.json');
    await write(journal, 'not json\n');
    expect([...journal].length).toBeGreaterThan(80);
    const result = await runCli(['undo'], { home, env: AT_80 });
    // Named twice (what it is, then "delete it"): each time whole, alone on its line.
    expect(result.stderr.split('\n').filter((line) => line === journal)).toHaveLength(2);
    expect(result.stderr).toMatch(/^intercom-mcp-setup:/);
  });

  it('never breaks a command it names: "intercom-mcp-setup undo --yes" stays on one line at 60 columns', async () => {
    const home = await tempHome();
    tempDirs.push(home);
    const setup = await runCli(['--client', 'cursor', '--no-check'], { home });
    expect(setup.exitCode, setup.stderr).toBe(0);
    const result = await runCli(['undo'], { home, env: AT_60 });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.split('\n').length).toBeGreaterThan(2);
    expect(result.stderr).toContain('"intercom-mcp-setup undo --yes"');
    expect(tooWide(result.stderr, 60)).toEqual([]);
  });

  it('--json is data: never wrapped, however narrow COLUMNS is', async () => {
    const home = await deepHome();
    await write(path.join(home, '.cursor', 'mcp.json'), '{\n  "mcpServers": {\n    "x": { ,, }\n  }\n}\n');
    const result = await runCli(['--client', 'cursor', '--json'], { home, env: { COLUMNS: '30' } });
    expect(result.exitCode).toBe(1);
    const parsed = JSON.parse(result.stdout) as { results: Array<{ error?: string }> };
    expect(result.stdout).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
    expect(parsed.results[0]?.error).toContain('mcp.json:3:12: expected a value');
    expect(tooWide(result.stdout, 30).length).toBeGreaterThan(0);
  });
});

describe('what the entry answers by itself goes through the masking writer', () => {
  it.each([
    ['typed where a command goes', [GITHUB_TOKEN]],
    ['asked for as a help topic', ['help', GITHUB_TOKEN]],
  ])('a token %s is masked, and the line is wrapped', async (_label, args) => {
    const home = await tempHome();
    tempDirs.push(home);
    const result = await runCli(args, { home, env: AT_80 });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).not.toContain(GITHUB_TOKEN.slice(4, 16));
    expect(result.stderr).toMatch(/^intercom-mcp-setup: unknown command "ghp_\*\*\*\*": commands are/);
    expect(tooWide(result.stderr, 80)).toEqual([]);
    expect(await readdir(home)).toEqual([]);
  });

  it('a typo of a command: the nearest one, wrapped to 80 columns (the line is 145 wide)', async () => {
    const home = await tempHome();
    tempDirs.push(home);
    const result = await runCli(['help', 'doctr'], { home, env: AT_80 });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.replace(/\s+/g, ' ')).toBe(
      'intercom-mcp-setup: unknown command "doctr": did you mean "doctor"? commands are setup, list, remove, undo, doctor, reset-auth, login, link, help ',
    );
    expect(tooWide(result.stderr, 80)).toEqual([]);
  });

  it('an unexpected error: its message masked, wrapped; and masked still when the bundle cannot be loaded', async () => {
    const dir = await tempHome('ims-broken-build-');
    tempDirs.push(dir);
    await cp(path.join(ROOT, 'dist'), path.join(dir, 'dist'), { recursive: true });
    await cp(path.join(ROOT, 'templates'), path.join(dir, 'templates'), { recursive: true });
    // A broken install whose error message carries credentials (as a server's text or a file's could).
    await writeFile(
      path.join(dir, 'dist', 'help.js'),
      `throw new Error(${JSON.stringify(`the help text could not be read, Authorization: Bearer s3cr3t-value-0123456789 and ${GITHUB_TOKEN} in it`)});\n`,
    );
    const run = () =>
      execa(process.execPath, [path.join(dir, 'dist', 'cli.js'), '--help'], { cwd: dir, env: cleanEnv(dir, AT_80), extendEnv: false, reject: false });
    const broken = await run();
    expect(broken.exitCode).toBe(1);
    expect(broken.stderr).toMatch(/^intercom-mcp-setup: unexpected error: the help text could not be read/);
    expect(broken.stderr).toContain('Bearer ****');
    expect(broken.stderr).toContain('ghp_****');
    expect(broken.stderr).not.toMatch(/s3cr3t|ghp_0123/);
    expect(tooWide(broken.stderr, 80)).toEqual([]);

    // Without the bundle (dist/run.js's pack and chunks), what has a credential's shape is masked still.
    await rm(path.join(dir, 'dist', 'chunks'), { recursive: true, force: true });
    const bare = await run();
    expect(bare.exitCode).toBe(1);
    expect(bare.stderr).toMatch(/^intercom-mcp-setup: unexpected error: the help text could not be read/);
    expect(bare.stderr).not.toContain(GITHUB_TOKEN);
    expect(bare.stderr).toContain('ghp_****');
  });
});
