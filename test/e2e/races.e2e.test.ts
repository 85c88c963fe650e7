/**
 * Concurrent writers on one config file: many runs of this tool at once, and a simulated Claude
 * Code rewriting ~/.claude.json in a loop while we write.
 *
 * The design (see SECURITY.md, "Concurrent writers"): a run takes `<file>.lock` with mkdir, the
 * proper-lockfile convention (stale after 10 s) that Claude Code itself uses for ~/.claude.json,
 * re-reads the file under the lock, writes a temp file beside it, checks that the file still holds
 * what it read, and renames; if the file changed (a writer that ignores the lock) it starts again
 * from the new content, up to 8 times.
 *
 * What holds, tested here:
 * - with writers that take the lock (this tool, Claude Code): no corrupt file at any moment, no
 *   lost key of anyone's, every entry as the last run for it left it;
 * - with a writer that ignores the lock: still no corrupt or partial file at any moment (both sides
 *   rename whole files), and a later run converges; a key can be lost when the other writer's
 *   rename lands between our last check and our rename (or ours between its read and its rename),
 *   which no protocol can prevent without that writer's cooperation. The test measures how often.
 */
import { execa } from 'execa';
import { parse, type ParseError } from 'jsonc-parser';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKUPS_KEPT } from '../../src/config/files.js';
import { ROOT, runCli, tempHome, type CliResult } from '../helpers/cli.js';

const REAL_CLAUDE_JSON = path.join(ROOT, 'test', 'fixtures', 'real-clients', 'claude-code-2.1.332.claude.json');
const FALLBACK_CLAUDE_JSON = `${JSON.stringify({ numStartups: 3, mcpServers: { linear: { type: 'sse', url: 'https://mcp.linear.app/sse' } } }, null, 2)}\n`;
const CURSOR_CONFIG =
  '// my servers\n{\n  "mcpServers": {\n    /* linear */ "linear": { "url": "https://mcp.linear.app/sse" }, // keep\n  },\n  "theme": "dark", // mine\n}\n';

async function claudeJson(): Promise<string> {
  return readFile(REAL_CLAUDE_JSON, 'utf8').catch(() => FALLBACK_CLAUDE_JSON);
}

function jsoncValue(text: string): Record<string, any> | undefined {
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: true });
  return errors.length === 0 && value && typeof value === 'object' ? value : undefined;
}

/**
 * Reads the file as fast as it can while the writers run: every read must be a whole document.
 * Synchronous reads, so nothing else in this process interleaves with one.
 */
function watchReads(file: string, strict: boolean) {
  let reads = 0;
  const bad: string[] = [];
  const timer = setInterval(() => {
    for (let i = 0; i < 5; i++) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        bad.push(`read failed: ${(error as Error).message}`);
        continue;
      }
      reads++;
      let ok: boolean;
      try {
        ok = strict ? typeof JSON.parse(text) === 'object' : jsoncValue(text) !== undefined;
      } catch {
        ok = false;
      }
      if (!ok) bad.push(`unparsable (${text.length} chars): ${JSON.stringify(text.slice(0, 80))}`);
    }
  }, 1);
  return {
    stop() {
      clearInterval(timer);
      return { reads, bad };
    },
  };
}

async function leftovers(dir: string, base: string) {
  const names = await readdir(dir);
  return {
    backups: names.filter((name) => name.startsWith(`${base}.intercom-mcp-setup-`) && name.endsWith('.bak')),
    temps: names.filter((name) => name.startsWith(`.${base}.intercom-mcp-setup-`) && name.endsWith('.tmp')),
    lock: names.includes(`${base}.lock`),
  };
}

function expectOk(results: CliResult[], label: string): void {
  for (const [index, result] of results.entries()) {
    expect(result.exitCode, `${label} #${index}: ${result.stderr}${result.stdout}`).toBe(0);
  }
}

/**
 * A stand-in for Claude Code: read ~/.claude.json, bump a counter, add a key of its own, write a
 * temp file and rename it over the file, again and again until SIGTERM. With `lock` it takes
 * `<path as named>.lock` like Claude Code 2.1.332 does (proper-lockfile, stale after 10 s); without,
 * it is a writer that ignores locks. It checks on every read that its earlier keys are still there.
 */
const CLAUDE_SIM = String.raw`
import fs from 'node:fs';
const [file, lockMode, minSleep, maxSleep] = process.argv.slice(1);
const lock = file + '.lock';
const target = fs.realpathSync(file);
let stop = false;
process.on('SIGTERM', () => { stop = true; });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const stats = { iterations: 0, corruptReads: 0, lost: [], lockWaits: 0, last: -1 };
const mine = new Set();
async function takeLock() {
  for (;;) {
    try { fs.mkdirSync(lock); return; } catch (error) { if (error.code !== 'EEXIST') throw error; }
    try { if (Date.now() - fs.statSync(lock).mtimeMs > 10000) { fs.rmdirSync(lock); continue; } } catch {}
    stats.lockWaits++;
    await sleep(5);
  }
}
for (let i = 0; !stop; i++) {
  if (lockMode === 'lock') await takeLock();
  try {
    let data;
    try { data = JSON.parse(fs.readFileSync(target, 'utf8')); } catch { stats.corruptReads++; continue; }
    data.projects ??= {};
    for (const key of mine) if (!Object.hasOwn(data.projects, key)) { stats.lost.push(key); mine.delete(key); }
    data.numStartups = i;
    const key = '/sim/' + i;
    data.projects[key] = { allowedTools: [], history: ['run ' + i] };
    mine.add(key);
    const temp = target + '.tmp.' + process.pid + '.' + i;
    fs.writeFileSync(temp, JSON.stringify(data, null, 2));
    fs.renameSync(temp, target);
    stats.iterations++;
    stats.last = i;
  } finally {
    if (lockMode === 'lock') fs.rmdirSync(lock);
  }
  await sleep(Number(minSleep) + Math.random() * (Number(maxSleep) - Number(minSleep)));
}
process.stdout.write(JSON.stringify(stats));
`;

interface SimStats {
  iterations: number;
  corruptReads: number;
  lost: string[];
  lockWaits: number;
  last: number;
}

function startClaudeSim(file: string, lock: boolean, sleepMs: [number, number]) {
  const child = spawn(process.execPath, ['--input-type=module', '-e', CLAUDE_SIM, file, lock ? 'lock' : 'nolock', String(sleepMs[0]), String(sleepMs[1])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    async stop(): Promise<SimStats> {
      child.kill('SIGTERM');
      await exited;
      if (!out) throw new Error(`the simulated Claude Code failed: ${err}`);
      return JSON.parse(out) as SimStats;
    },
  };
}

const names = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `race-${from + i}`);

describe('many runs of this tool at once on one file', () => {
  it('8 setups, then 12 mixed setups/removes/re-setups at once: every entry as its last run left it, comments and other servers intact, never a corrupt file', async () => {
    const home = await tempHome('ims-race-');
    const dir = path.join(home, '.cursor');
    const file = path.join(dir, 'mcp.json');
    await mkdir(dir);
    await writeFile(file, CURSOR_CONFIG);
    const watcher = watchReads(file, false);

    const first = await Promise.all(
      names(0, 8).map((name) => runCli(['--client', 'cursor', '--name', name, '--no-check', '--json'], { home, timeout: 40_000 })),
    );
    expectOk(first, 'setup');
    const afterFirst = jsoncValue(await readFile(file, 'utf8'))!;
    expect(Object.keys(afterFirst.mcpServers).sort()).toEqual(['linear', ...names(0, 8)].sort());

    const second = await Promise.all([
      ...names(0, 4).map((name) => runCli(['remove', '--client', 'cursor', '--name', name, '--json'], { home, timeout: 40_000 })),
      ...names(4, 8).map((name) => runCli(['--client', 'cursor', '--name', name, '--native', '--no-check', '--json'], { home, timeout: 40_000 })),
      ...names(8, 12).map((name) => runCli(['--client', 'cursor', '--name', name, '--no-check', '--json'], { home, timeout: 40_000 })),
    ]);
    expectOk(second, 'mixed');
    const { reads, bad } = watcher.stop();

    const text = await readFile(file, 'utf8');
    const value = jsoncValue(text)!;
    expect(value.theme).toBe('dark');
    expect(value.mcpServers.linear).toEqual({ url: 'https://mcp.linear.app/sse' });
    for (const name of names(0, 4)) expect(value.mcpServers[name]).toBeUndefined();
    for (const name of names(4, 8)) expect(value.mcpServers[name]).toEqual({ url: 'https://mcp.intercom.com/sse' });
    for (const name of names(8, 12)) expect(value.mcpServers[name]).toEqual({ command: 'npx', args: ['-y', 'mcp-remote', 'https://mcp.intercom.com/sse'] });
    for (const comment of ['// my servers', '/* linear */', '// keep', '// mine']) expect(text).toContain(comment);
    expect(bad, `${bad.length} bad reads of ${reads}`).toEqual([]);
    expect(reads).toBeGreaterThan(100);

    const left = await leftovers(dir, 'mcp.json');
    expect(left.lock).toBe(false);
    expect(left.temps).toEqual([]);
    // 20 writes, each backed up: the oldest (the file before any of them) and the newest three are kept.
    expect(left.backups.length).toBe(BACKUPS_KEPT + 1);
    expect(await readFile(path.join(dir, left.backups.sort()[0]!), 'utf8')).toBe(CURSOR_CONFIG);
    for (const backup of left.backups) expect(jsoncValue(await readFile(path.join(dir, backup), 'utf8'))).toBeDefined();
  }, 90_000);
});

describe('a simulated Claude Code rewriting ~/.claude.json while we write', () => {
  async function raceWithClaude(options: { lock: boolean; symlinked?: boolean; sleepMs: [number, number] }) {
    const home = await tempHome('ims-race-claude-');
    const file = path.join(home, '.claude.json');
    let real = file;
    if (options.symlinked) {
      real = path.join(home, 'dotfiles', 'claude.json');
      await mkdir(path.dirname(real));
      await writeFile(real, await claudeJson());
      await symlink(real, file);
    } else {
      await writeFile(file, await claudeJson());
    }
    const original = JSON.parse(await readFile(real, 'utf8'));
    const sim = startClaudeSim(file, options.lock, options.sleepMs);
    const watcher = watchReads(real, true);
    await new Promise((resolve) => setTimeout(resolve, 150)); // let it get going

    const cli = (args: string[]) => runCli(args, { home, timeout: 40_000 });
    const first = await Promise.all(names(0, 8).map((name) => cli(['--client', 'claude-code', '--name', name, '--no-check', '--json'])));
    const second = await Promise.all([
      ...names(0, 4).map((name) => cli(['remove', '--client', 'claude-code', '--name', name, '--json'])),
      ...names(4, 8).map((name) => cli(['--client', 'claude-code', '--name', name, '--transport', 'http', '--no-check', '--json'])),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stats = await sim.stop();
    const { reads, bad } = watcher.stop();
    const final = JSON.parse(await readFile(real, 'utf8'));
    return { home, file, real, original, stats, reads, bad, final, first, second };
  }

  function expectAllOfTheirs(final: any, original: any, stats: SimStats): void {
    for (const key of Object.keys(original)) if (!['mcpServers', 'numStartups', 'projects'].includes(key)) expect(final[key], key).toEqual(original[key]);
    for (const [name, entry] of Object.entries(original.mcpServers ?? {})) expect(final.mcpServers[name], name).toEqual(entry);
    expect(final.numStartups).toBe(stats.last);
    for (let i = 0; i <= stats.last; i++) expect(final.projects[`/sim/${i}`], `their key /sim/${i}`).toBeDefined();
  }

  function expectOurs(final: any): void {
    for (const name of names(0, 4)) expect(final.mcpServers[name], name).toBeUndefined();
    for (const name of names(4, 8)) expect(final.mcpServers[name], name).toEqual({ type: 'http', url: 'https://mcp.intercom.com/mcp' });
  }

  it('it takes <file>.lock (as Claude Code does): no corrupt read, no key of theirs lost, our entries as the last runs left them', async () => {
    const { stats, reads, bad, final, original, first, second } = await raceWithClaude({ lock: true, sleepMs: [1, 6] });
    expectOk(first, 'setup');
    expectOk(second, 'mixed');
    expect(stats.iterations).toBeGreaterThan(20);
    expect(stats.corruptReads).toBe(0);
    expect(stats.lost).toEqual([]);
    expect(bad).toEqual([]);
    expect(reads).toBeGreaterThan(100);
    expectAllOfTheirs(final, original, stats);
    expectOurs(final);
  }, 90_000);

  it('with ~/.claude.json a symlink into dotfiles, and the lock taken by the name (as Claude Code does): the same guarantees, and the link stays', async () => {
    const { stats, bad, final, original, first, second, file, real } = await raceWithClaude({ lock: true, symlinked: true, sleepMs: [1, 6] });
    expectOk(first, 'setup');
    expectOk(second, 'mixed');
    expect(stats.corruptReads).toBe(0);
    expect(stats.lost).toEqual([]);
    expect(bad).toEqual([]);
    expectAllOfTheirs(final, original, stats);
    expectOurs(final);
    const { lstat, readlink } = await import('node:fs/promises');
    expect((await lstat(file)).isSymbolicLink()).toBe(true);
    expect(await readlink(file)).toBe(real);
  }, 90_000);

  it('it ignores the lock: still never a corrupt or partial file; lost updates are possible and counted; a later run converges', async () => {
    const run = await raceWithClaude({ lock: false, sleepMs: [10, 40] });
    const { stats, reads, bad, home } = run;
    expect(stats.corruptReads).toBe(0);
    expect(bad).toEqual([]);
    expect(reads).toBeGreaterThan(100);
    // Our runs either succeed or give up with the one clear message after 8 attempts.
    for (const result of [...run.first, ...run.second]) {
      if (result.exitCode !== 0) expect(JSON.parse(result.stdout).results[0].error).toContain('keeps changing while we write it');
    }
    let ourLost = 0;
    for (const name of names(4, 8)) if (!run.final.mcpServers?.[name]) ourLost++;
    const theirLost =
      stats.lost.length +
      Array.from({ length: stats.last + 1 }, (_, i) => `/sim/${i}`).filter((key) => !run.final.projects?.[key] && !stats.lost.includes(key)).length;
    console.info(
      `no-lock race: ${stats.iterations} Claude writes, ${reads} reads (all whole); lost: ${theirLost} of theirs, ${ourLost} of our 4 final entries`,
    );
    // Once it is quiet, the same commands converge on the intended state.
    await Promise.all(names(0, 4).map((name) => runCli(['remove', '--client', 'claude-code', '--name', name, '--json'], { home })));
    await Promise.all(names(4, 8).map((name) => runCli(['--client', 'claude-code', '--name', name, '--transport', 'http', '--no-check', '--json'], { home })));
    expectOurs(JSON.parse(await readFile(run.real, 'utf8')));
  }, 90_000);
});

describe('the lock', () => {
  it('a stale lock (untouched for 10 s) is taken over at once', async () => {
    const home = await tempHome('ims-lock-');
    const file = path.join(home, '.claude.json');
    await writeFile(file, FALLBACK_CLAUDE_JSON);
    await mkdir(`${file}.lock`);
    const past = new Date(Date.now() - 30_000);
    await utimes(`${file}.lock`, past, past);
    const started = Date.now();
    const result = await runCli(['--client', 'claude-code', '--no-check', '--json'], { home });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(JSON.parse(await readFile(file, 'utf8')).mcpServers.intercom).toEqual({ type: 'sse', url: 'https://mcp.intercom.com/sse' });
    await expect(stat(`${file}.lock`)).rejects.toThrow();
  });

  it('a lock kept fresh by a live holder: waits 15 s, then exit 1 with a clear message and the file untouched', async () => {
    const home = await tempHome('ims-lock-');
    const file = path.join(home, '.claude.json');
    await writeFile(file, FALLBACK_CLAUDE_JSON);
    const lock = `${file}.lock`;
    await mkdir(lock);
    // The holder refreshes the lock's time like proper-lockfile does (every 5 s; here every 1 s).
    const holder = execa(
      process.execPath,
      ['-e', `setInterval(() => { const now = new Date(); require('fs').utimesSync(${JSON.stringify(lock)}, now, now); }, 1000)`],
      { reject: false },
    );
    try {
      const started = Date.now();
      const result = await runCli(['--client', 'claude-code', '--no-check', '--json'], { home, timeout: 30_000 });
      const waited = Date.now() - started;
      expect(result.exitCode).toBe(1);
      const row = JSON.parse(result.stdout).results[0];
      expect(row.action).toBe('failed');
      expect(row.error).toContain('is locked by another program');
      expect(row.error).toContain(lock);
      expect(waited).toBeGreaterThan(14_000);
      expect(await readFile(file, 'utf8')).toBe(FALLBACK_CLAUDE_JSON);
      expect((await readdir(home)).sort()).toEqual(['.claude.json', '.claude.json.lock']);
    } finally {
      holder.kill('SIGKILL');
      await holder;
      await rm(lock, { recursive: true, force: true });
    }
  }, 45_000);
});
