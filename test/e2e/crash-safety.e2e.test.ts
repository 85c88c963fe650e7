/**
 * Crash safety of the config writer: a writer killed with SIGKILL at any point leaves the config
 * as it was or as it was meant to become, never partial or empty; what it leaves behind (a temp
 * file, a lock folder, a backup) is cleaned up or ignored by the next run, and backups are whole.
 *
 * Two ways to kill: at each named write step, through a harness (test/fixtures/crash-writer.ts,
 * bundled here with esbuild so no test hook ships in the CLI) that SIGKILLs itself there; and the
 * real CLI killed from outside at the moment its backup or temp file appears in the folder.
 */
import { build } from 'esbuild';
import { execa } from 'execa';
import { parse, type ParseError } from 'jsonc-parser';
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUPS_KEPT, updateConfigFile } from '../../src/config/files.js';
import { planEntryRemoval, planEntryUpsert, type EntryRequest } from '../../src/engine/json-plan.js';
import { CLI, ROOT, cleanEnv, runCli, tempHome } from '../helpers/cli.js';

const URL = 'https://mcp.intercom.com/sse';
const ENTRY = { command: 'npx', args: ['-y', 'mcp-remote', URL] };
const REQUEST: EntryRequest = { shape: { format: 'jsonc', serversKey: 'mcpServers' }, name: 'intercom', extraUrls: [URL] };
/** A Cursor config with what people have in theirs: comments, CRLF, tabs, a trailing comma, a BOM. */
const ORIGINAL =
  '\uFEFF// my servers\r\n{\r\n\t"mcpServers": {\r\n\t\t"linear": { "url": "https://mcp.linear.app/sse" }, // keep me\r\n\t},\r\n\t/* the rest */ "theme": "dark",\r\n}\r\n';
const WITH_ENTRY = planEntryUpsert(ORIGINAL, REQUEST, ENTRY).text;
const STEPS_WITH_BACKUP = ['locked', 'backup-written', 'temp-created', 'temp-written', 'temp-synced', 'renamed'] as const;
const STEPS_NEW_FILE = ['locked', 'temp-created', 'temp-written', 'temp-synced', 'renamed'] as const;

let harness: string;
let harnessDir: string;

beforeAll(async () => {
  harnessDir = await mkdtemp(path.join(os.tmpdir(), 'ims-crash-harness-'));
  harness = path.join(harnessDir, 'crash-writer.mjs');
  await build({
    entryPoints: [path.join(ROOT, 'test/fixtures/crash-writer.ts')],
    outfile: harness,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
});

afterAll(async () => {
  await rm(harnessDir, { recursive: true, force: true });
});

async function runHarness(file: string, step: string, mode: 'setup' | 'remove' = 'setup') {
  return execa(process.execPath, [harness, file, step, mode], { reject: false, timeout: 20_000 });
}

/** What a writer left in the config's folder, by kind. */
async function leftovers(dir: string, base = 'mcp.json') {
  const names = await readdir(dir);
  return {
    backups: names.filter((name) => name.startsWith(`${base}.intercom-mcp-setup-`) && name.endsWith('.bak')).sort(),
    temps: names.filter((name) => name.startsWith(`.${base}.intercom-mcp-setup-`) && name.endsWith('.tmp')),
    lock: names.includes(`${base}.lock`),
  };
}

async function readIfExists(file: string): Promise<string | undefined> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}

/** proper-lockfile's rule: a lock untouched for 10 s is stale. Moving its time back stands in for the wait. */
async function ageLock(lock: string): Promise<void> {
  const past = new Date(Date.now() - 60_000);
  await utimes(lock, past, past).catch(() => undefined);
}

function parsesAsJsonc(text: string): boolean {
  const errors: ParseError[] = [];
  parse(text.replace(/^\uFEFF/, ''), errors, { allowTrailingComma: true });
  return errors.length === 0;
}

describe('SIGKILL at every write step (harness)', () => {
  const cases = [
    ...STEPS_WITH_BACKUP.map((step) => ({ step, mode: 'setup' as const, what: 'an existing file', before: ORIGINAL as string | undefined, after: WITH_ENTRY })),
    ...STEPS_WITH_BACKUP.map((step) => ({
      step,
      mode: 'remove' as const,
      what: 'an existing file',
      before: WITH_ENTRY as string | undefined,
      after: planEntryRemoval(WITH_ENTRY, REQUEST).text,
    })),
    ...STEPS_NEW_FILE.map((step) => ({
      step,
      mode: 'setup' as const,
      what: 'a new file',
      before: undefined,
      after: planEntryUpsert(undefined, REQUEST, ENTRY).text,
    })),
  ];

  it.each(cases)('$mode of $what killed at $step: old or new content, then the next run finishes the job', async ({ step, mode, before, after }) => {
    const home = await tempHome('ims-crash-');
    const dir = path.join(home, '.cursor');
    const file = path.join(dir, 'mcp.json');
    await mkdir(dir, { recursive: true });
    if (before !== undefined) {
      await writeFile(file, before);
      await chmod(file, 0o640);
    }

    const killed = await runHarness(file, step, mode);
    expect(killed.signal, `the writer was meant to die at ${step}: ${killed.stdout}${killed.stderr}`).toBe('SIGKILL');

    const now = await readIfExists(file);
    expect(now).toBe(step === 'renamed' ? after : before);
    if (now !== undefined) expect((await stat(file)).mode & 0o777).toBe(before === undefined ? 0o600 : 0o640);
    const left = await leftovers(dir);
    expect(left.lock).toBe(true); // killed while holding it
    for (const backup of left.backups) {
      expect(await readFile(path.join(dir, backup), 'utf8')).toBe(before);
      expect((await stat(path.join(dir, backup))).mode & 0o777).toBe(0o640);
    }
    expect(left.backups.length).toBe(step === 'locked' || before === undefined ? 0 : 1);
    expect(left.temps.length).toBe(step.startsWith('temp-') ? 1 : 0);

    // The next run: the real CLI, once the dead writer's lock has gone stale.
    await ageLock(`${file}.lock`);
    const args = mode === 'setup' ? ['--client', 'cursor', '--no-check', '--json'] : ['remove', '--client', 'cursor', '--json'];
    const next = await runCli(args, { home });
    expect(next.exitCode, next.stderr).toBe(0);
    const row = JSON.parse(next.stdout).results[0];
    expect(row.action).toBe(step === 'renamed' ? 'unchanged' : mode === 'setup' ? (before === undefined ? 'created' : 'updated') : 'removed');
    expect(await readFile(file, 'utf8')).toBe(after);
    const cleaned = await leftovers(dir);
    // A run with nothing to write takes no lock, so a dead writer's stale lock stays until the
    // next writer (this tool, Claude Code, any proper-lockfile user) takes it over at once.
    expect(cleaned.lock).toBe(row.action === 'unchanged');
    expect(cleaned.temps).toEqual([]);
    expect(cleaned.backups.length).toBeLessThanOrEqual(3);
    for (const backup of cleaned.backups) expect(await readFile(path.join(dir, backup), 'utf8')).toBe(before);
  });

  it('a lock left by a killed writer is taken over once it is 10 s old (no backdating here)', async () => {
    const home = await tempHome('ims-crash-');
    const file = path.join(home, '.cursor', 'mcp.json');
    await mkdir(path.dirname(file));
    await writeFile(file, ORIGINAL);
    const killed = await runHarness(file, 'locked');
    expect(killed.signal).toBe('SIGKILL');
    const started = Date.now();
    const next = await runCli(['--client', 'cursor', '--no-check', '--json'], { home, timeout: 30_000 });
    const waited = Date.now() - started;
    expect(next.exitCode, next.stderr).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(WITH_ENTRY);
    expect(waited).toBeGreaterThan(8_000);
    expect(waited).toBeLessThan(20_000);
  }, 45_000);

  it("leftover temp files: a dead writer's are deleted by the next write, a live one's are left alone, and nothing reads either", async () => {
    const home = await tempHome('ims-crash-');
    const dir = path.join(home, '.cursor');
    const file = path.join(dir, 'mcp.json');
    await mkdir(dir);
    await writeFile(file, ORIGINAL);
    // A pid that is certainly dead: a child that has exited.
    const dead = await execa(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      const deadTemp = path.join(dir, `.mcp.json.intercom-mcp-setup-${dead.stdout}-deadbeef.tmp`);
      const liveTemp = path.join(dir, `.mcp.json.intercom-mcp-setup-${live.pid}-cafebabe.tmp`);
      await writeFile(deadTemp, '{"half": ');
      await writeFile(liveTemp, '{"busy": ');
      const listed = await runCli(['list', '--json', '--client', 'cursor'], { home });
      expect(JSON.parse(listed.stdout).clients[0]).toMatchObject({ client: 'cursor', configured: false });
      const result = await runCli(['--client', 'cursor', '--no-check', '--json'], { home });
      expect(result.exitCode, result.stderr).toBe(0);
      expect(await readFile(file, 'utf8')).toBe(WITH_ENTRY);
      const names = await readdir(dir);
      expect(names).not.toContain(path.basename(deadTemp));
      expect(names).toContain(path.basename(liveTemp));
    } finally {
      live.kill('SIGKILL');
    }
  });
});

describe('a file that goes away between the plan and the write', () => {
  it('a removal planned for a file that was then deleted does not bring it back empty', async () => {
    const home = await tempHome('ims-crash-');
    const file = path.join(home, '.cursor', 'mcp.json');
    await mkdir(path.dirname(file));
    // What engine.ts's applyChange hands the writer for a removal: the plan's text, '' for no file.
    const result = await updateConfigFile(file, (current) => planEntryRemoval(current, REQUEST).text, { newFileMode: 0o600 });
    expect(result.kind).toBe('unchanged');
    expect(await readdir(path.dirname(file))).toEqual([]);
  });
});

describe('SIGKILL of the real CLI at the moment it writes (timing)', () => {
  /** A big config (a few MB), so that copying and writing it take long enough to be interrupted. */
  function bigConfig(): string {
    const projects = Array.from(
      { length: 5_000 },
      (_, i) =>
        `    // project ${i}\r\n    "p${i}": { "command": "node", "args": ["server-${i}.js", "--port", "${3000 + i}"], "env": { "TOKEN_FILE": "~/secret-${i}" } },`,
    ).join('\r\n');
    return `// big\r\n{\r\n  "mcpServers": {\r\n${projects}\r\n    "last": { "url": "https://mcp.linear.app/sse" }\r\n  },\r\n}\r\n`;
  }

  it('killed 14 times as its backup or temp file appears (or at a random moment): the config is always whole, backups too, and a last run cleans up', async () => {
    const home = await tempHome('ims-crash-timing-');
    const dir = path.join(home, '.cursor');
    const file = path.join(dir, 'mcp.json');
    await mkdir(dir);
    const base = bigConfig();
    await writeFile(file, base);
    // Every text a finished run can leave: setup and remove, back and forth, until nothing new.
    const known = new Set([base]);
    for (let text = base, i = 0; i < 4; i++) {
      text = planEntryUpsert(text, REQUEST, ENTRY).text;
      known.add(text);
      text = planEntryRemoval(text, REQUEST).text;
      known.add(text);
    }
    const hasEntry = (text: string) => parse(text).mcpServers?.intercom !== undefined;
    const outcomes: string[] = [];
    let interrupted = 0;

    for (let round = 0; round < 14; round++) {
      const removing = hasEntry(await readFile(file, 'utf8'));
      const args = removing ? ['remove', '--client', 'cursor', '--json'] : ['--client', 'cursor', '--no-check', '--json'];
      const trigger = round % 4 === 3 ? 'random' : round % 2 === 0 ? '.bak' : '.tmp';
      const child = spawn(process.execPath, [CLI, ...args], { env: cleanEnv(home) as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, signal) => resolve({ code, signal })),
      );
      const kill = () => child.kill('SIGKILL');
      const watcher = watch(dir, (_event, name) => {
        if (trigger !== 'random' && name?.endsWith(trigger)) {
          const delay = Math.random() * 3;
          if (delay < 1) kill();
          else setTimeout(kill, delay);
        }
      });
      const timer = trigger === 'random' ? setTimeout(kill, 150 + Math.random() * 900) : undefined;
      const { signal } = await exited;
      watcher.close();
      clearTimeout(timer);
      if (signal === 'SIGKILL') interrupted++;
      outcomes.push(`${trigger}:${signal ?? 'exit'}`);

      const now = await readFile(file, 'utf8');
      expect(known.has(now), `round ${round}: the config is neither the old nor the new text (${now.length} chars)`).toBe(true);
      const left = await leftovers(dir);
      for (const backup of left.backups) {
        const text = await readFile(path.join(dir, backup), 'utf8');
        expect(known.has(text), `round ${round}: backup ${backup} is partial (${text.length} of ${base.length}+ chars)`).toBe(true);
        expect(parsesAsJsonc(text)).toBe(true);
      }
      // The oldest and the newest three are kept; a run killed between its backup and the pruning leaves one more, until a run completes.
      await ageLock(`${file}.lock`);
    }

    expect(interrupted, outcomes.join(' ')).toBeGreaterThanOrEqual(7);
    const last = await runCli(['--client', 'cursor', '--no-check', '--json'], { home, timeout: 30_000 });
    expect(last.exitCode, last.stderr).toBe(0);
    const final = await readFile(file, 'utf8');
    expect(known.has(final) && hasEntry(final)).toBe(true);
    // A run with nothing to write takes no lock and sweeps nothing; one that writes does both.
    const removal = await runCli(['remove', '--client', 'cursor', '--json'], { home, timeout: 30_000 });
    expect(removal.exitCode).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(planEntryRemoval(final, REQUEST).text);
    const after = await leftovers(dir);
    expect(after.lock).toBe(false);
    expect(after.temps).toEqual([]);
    expect(after.backups.length).toBeLessThanOrEqual(BACKUPS_KEPT + 1);
    for (const backup of after.backups) expect(known.has(await readFile(path.join(dir, backup), 'utf8'))).toBe(true);
    // The oldest is the file as it was before the first run: kept whatever happened since.
    expect(await readFile(path.join(dir, after.backups[0]!), 'utf8')).toBe(base);
  }, 120_000);
});

/**
 * What makes a write survive a power cut: the new text reaches the disk (fsync of the temp file,
 * finished) before the rename makes it the config. A preloaded hook in the real CLI logs, in
 * order, the temp files it opens, the fsyncs that complete and the renames; fsync runs in the
 * background (the six files of one setup overlap), so the order is checked per file.
 */
const DURABILITY_HOOK = `
const fs = require('node:fs');
const log = (line) => fs.appendFileSync(process.env.IMS_WRITE_LOG, line + '\\n');
const open = fs.openSync;
fs.openSync = function (file, flags, ...rest) {
  const fd = open.call(this, file, flags, ...rest);
  if (String(file).endsWith('.tmp')) log('open ' + fd + ' ' + file);
  return fd;
};
const fsync = fs.fsync;
fs.fsync = function (fd, callback) {
  return fsync.call(this, fd, (error) => { if (!error) log('synced ' + fd); callback(error); });
};
const fsyncSync = fs.fsyncSync;
fs.fsyncSync = function (fd) { fsyncSync.call(this, fd); log('synced ' + fd); };
const close = fs.closeSync;
fs.closeSync = function (fd) { close.call(this, fd); log('closed ' + fd); };
const rename = fs.renameSync;
fs.renameSync = function (from, to) { rename.call(this, from, to); log('renamed ' + from + ' ' + to); };
`;

describe('durability', () => {
  it('every config is renamed into place only after its temp file was fsynced and closed (setup of six clients)', async () => {
    const home = await tempHome('ims-durable-');
    for (const dir of ['.cursor', '.codeium/windsurf', '.config/Code/User', '.config/Claude', '.claude'])
      await mkdir(path.join(home, dir), { recursive: true });
    await writeFile(path.join(home, '.cursor/mcp.json'), ORIGINAL);
    await writeFile(path.join(home, '.claude.json'), '{"numStartups": 1}\n');
    const hook = path.join(home, 'durability-hook.cjs');
    const log = path.join(home, 'writes.log');
    await writeFile(hook, DURABILITY_HOOK);
    await writeFile(log, '');
    const result = await runCli(['--client', 'all', '--yes', '--no-check'], { home, env: { NODE_OPTIONS: `--require ${hook}`, IMS_WRITE_LOG: log } });
    expect(result.exitCode, result.stderr).toBe(0);

    const events = (await readFile(log, 'utf8')).trim().split('\n');
    const renames = events.filter((line) => line.startsWith('renamed ') && line.endsWith('.json'));
    expect(renames.map((line) => path.relative(home, line.split(' ').at(-1)!)).sort()).toEqual(
      // The five configs, and undo's journal of the run (written the same way: fsynced, then renamed).
      [
        '.claude.json',
        '.codeium/windsurf/mcp_config.json',
        '.config/Claude/claude_desktop_config.json',
        '.config/Code/User/mcp.json',
        '.cursor/mcp.json',
        '.local/state/intercom-mcp-setup/last-run.json',
      ].sort(),
    );
    for (const rename of renames) {
      const [, temp] = rename.split(' ');
      const renamedAt = events.indexOf(rename);
      const openedAt = events.findIndex((line) => line.startsWith('open ') && line.endsWith(` ${temp}`));
      expect(openedAt, `${temp} was opened`).toBeGreaterThan(-1);
      const fd = events[openedAt]!.split(' ')[1];
      // The fd's first sync and close after the open (fd numbers are reused once closed).
      const syncedAt = events.indexOf(`synced ${fd}`, openedAt);
      const closedAt = events.indexOf(`closed ${fd}`, openedAt);
      expect(syncedAt, `${temp}: fsync finished before the rename`).toBeGreaterThan(openedAt);
      expect(syncedAt).toBeLessThan(renamedAt);
      expect(closedAt).toBeGreaterThan(syncedAt);
      expect(closedAt).toBeLessThan(renamedAt);
    }
    await rm(home, { recursive: true, force: true });
  });
});
