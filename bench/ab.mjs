#!/usr/bin/env node
// A/B of two builds (not a test): is a change worth its code? Each side is a git commit (built
// into .ab/<commit>/, git-ignored) or a folder holding a built dist/. The two are run alternately
// in one loop, each run right after a run of `node -e 0`, so both sides and the baseline see the
// same machine load; the result is the median of the paired differences. Optionally, callgrind's
// instruction counts of each side, which do not depend on the load (docs/performance.md).
//
// Usage: node bench/ab.mjs --a <commit|folder> --b <commit|folder> [--runs 31] [--callgrind 3]
//          [--command setup --command list ...]   (default: every command below)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string' },
    runs: { type: 'string', default: '31' },
    callgrind: { type: 'string', default: '0' },
    command: { type: 'string', multiple: true },
    node: { type: 'string', default: process.execPath },
  },
});
if (!flags.a || !flags.b) throw new Error('usage: node bench/ab.mjs --a <commit|folder> --b <commit|folder> [--runs N] [--callgrind N] [--command NAME]');
const RUNS = Number(flags.runs);
const CALLGRIND_RUNS = Number(flags.callgrind);
const NODE = flags.node;

const CLIENT_DIRS = ['.cursor', '.codeium/windsurf', '.config/Code/User', '.config/Code - Insiders/User', '.config/Claude', '.claude'];
const WRITTEN = [
  '.cursor/mcp.json',
  '.codeium/windsurf/mcp_config.json',
  '.config/Code/User/mcp.json',
  '.config/Code - Insiders/User/mcp.json',
  '.config/Claude/claude_desktop_config.json',
];
const COMMANDS = {
  version: { args: ['--version'] },
  help: { args: ['--help'] },
  list: { args: ['list', '--json'] },
  'dry-run': { args: ['--client', 'all', '--yes', '--dry-run', '--no-check'], reset: true },
  setup: { args: ['--client', 'all', '--yes', '--no-check'], reset: true },
  'doctor-offline': { args: ['doctor', '--offline', '--json'], allowFailure: true },
};
const chosen = flags.command ?? Object.keys(COMMANDS);
for (const name of chosen) if (!COMMANDS[name]) throw new Error(`unknown command ${name}: choose from ${Object.keys(COMMANDS).join(', ')}`);

/** A folder with dist/cli.js built from `side`: the folder itself, or the commit built into .ab/. */
function prepare(side) {
  if (existsSync(path.join(side, 'dist', 'cli.js'))) return path.resolve(side);
  const commit = execFileSync('git', ['rev-parse', '--verify', `${side}^{commit}`], { cwd: ROOT, encoding: 'utf8' }).trim();
  const dir = path.join(ROOT, '.ab', commit.slice(0, 12));
  if (!existsSync(path.join(dir, 'dist', 'cli.js'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C "${dir}"`], { cwd: ROOT });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: dir, stdio: 'inherit' });
  }
  return dir;
}

const median = (values) => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function makeHome() {
  const home = mkdtempSync(path.join(os.tmpdir(), 'ims-ab-'));
  for (const dir of CLIENT_DIRS) mkdirSync(path.join(home, dir), { recursive: true });
  resetHome(home);
  return home;
}

function resetHome(home) {
  for (const file of WRITTEN) rmSync(path.join(home, file), { force: true });
  for (const dir of ['', ...CLIENT_DIRS]) {
    for (const name of readdirSync(path.join(home, dir))) if (name.endsWith('.bak')) rmSync(path.join(home, dir, name));
  }
  writeFileSync(path.join(home, '.claude.json'), JSON.stringify({ numStartups: 12, mcpServers: {} }, null, 2));
}

/** One side: its CLI, a home and a temp folder (so its code cache) of its own. */
function side(label, dir) {
  const home = makeHome();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ims-ab-tmp-'));
  const env = { HOME: home, PATH: `${path.dirname(NODE)}:/usr/bin:/bin`, NO_COLOR: '1', CI: 'true', TMPDIR: tmp };
  return { label, dir, cli: path.join(dir, 'dist', 'cli.js'), home, tmp, env };
}

// The CPU time of a run (all its threads, user + system, from the hook to its exit): unlike the
// wall time, it leaves out the time spent waiting for a core, which a shared machine adds at random.
const CPU_HOOK = path.join(mkdtempSync(path.join(os.tmpdir(), 'ims-ab-hook-')), 'cpu.cjs');
writeFileSync(CPU_HOOK, "process.on('exit', () => { const u = process.cpuUsage(); require('fs').writeSync(3, String((u.user + u.system) / 1000)); });\n");

function timeOnce(args, env, allowFailure = false) {
  const started = process.hrtime.bigint();
  const result = spawnSync(NODE, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe'], env });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && !(allowFailure && result.status === 1))
    throw new Error(`${args.join(' ')} exited ${result.status}: ${String(result.stderr).slice(0, 400)}`);
  return { ms, cpu: Number(String(result.output[3])) };
}

function runSide(s, command) {
  if (command.reset) resetHome(s.home);
  return timeOnce(['--require', CPU_HOOK, s.cli, ...command.args], s.env, command.allowFailure);
}

/**
 * Instructions executed, as callgrind counts them, with V8 on one thread and fixed seeds: the
 * count then repeats to about 0.01% (on two threads it varies by several %, with the timing of
 * background compiles and garbage collection). The work of the background threads is counted
 * too, on the main thread, so this is CPU work, not wall time.
 */
const CALLGRIND_NODE_FLAGS = ['--single-threaded', '--hash-seed=1', '--random-seed=1'];
function instructions(args, env) {
  const result = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', NODE, ...CALLGRIND_NODE_FLAGS, ...args], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const match = /Collected : (\d+)/.exec(result.stderr);
  if (!match) throw new Error(`callgrind: ${result.stderr.slice(-400)}`);
  return Number(match[1]);
}

const a = side('A', prepare(flags.a));
const b = side('B', prepare(flags.b));
const ms = (value) => `${value >= 0 ? '+' : ''}${value.toFixed(2)} ms`;
console.log(
  `A/B — ${new Date().toISOString()} — node ${execFileSync(NODE, ['--version'], { encoding: 'utf8' }).trim()}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}, ${RUNS} pairs each`,
);
console.log(`A: ${flags.a} (${a.dir})`);
console.log(`B: ${flags.b} (${b.dir})`);
console.log('');
console.log(
  '| command | A median | B median | node -e 0 | A ratio | B ratio | B − A (median of pairs) | B − A (ratios × baseline) | B − A CPU time (median of pairs) |' +
    (CALLGRIND_RUNS ? ' A instr. | B instr. | B − A instr. (≈ ms) |' : ''),
);
console.log('|---|---|---|---|---|---|---|---|---|' + (CALLGRIND_RUNS ? '---|---|---|' : ''));

let baselineIr;
let baselineFastest;
if (CALLGRIND_RUNS) {
  baselineIr = median(Array.from({ length: CALLGRIND_RUNS }, () => instructions(['-e', '0'], a.env)));
  // Its fastest run: the closest this shared machine comes to an idle one.
  baselineFastest = Math.min(...Array.from({ length: 21 }, () => timeOnce(['-e', '0'], a.env).ms));
}

for (const name of chosen) {
  const command = COMMANDS[name];
  // Warm the file cache and write each side's code cache, as a user's first run does.
  for (let i = 0; i < 2; i++) for (const s of [a, b]) runSide(s, command);
  const times = { A: [], B: [] };
  const ratios = { A: [], B: [] };
  const baselines = [];
  const diffs = [];
  const cpuDiffs = [];
  for (let i = 0; i < RUNS; i++) {
    const order = i % 2 ? [a, b] : [b, a];
    const pair = {};
    const cpu = {};
    for (const s of order) {
      const base = timeOnce(['-e', '0'], s.env).ms;
      const t = runSide(s, command);
      baselines.push(base);
      times[s.label].push(t.ms);
      ratios[s.label].push(t.ms / base);
      pair[s.label] = t.ms - base;
      cpu[s.label] = t.cpu;
    }
    diffs.push(pair.B - pair.A);
    cpuDiffs.push(cpu.B - cpu.A);
  }
  const baseline = median(baselines);
  const [ra, rb] = [median(ratios.A), median(ratios.B)];
  let row = `| ${name} | ${median(times.A).toFixed(1)} ms | ${median(times.B).toFixed(1)} ms | ${baseline.toFixed(1)} ms | ${ra.toFixed(3)}× | ${rb.toFixed(3)}× | ${ms(median(diffs))} | ${ms((rb - ra) * baseline)} | ${ms(median(cpuDiffs))} |`;
  if (CALLGRIND_RUNS) {
    // A temp folder of their own: V8 rejects a code cache written under other flags.
    const count = (s) => {
      const env = { ...s.env, TMPDIR: mkdtempSync(path.join(os.tmpdir(), 'ims-ab-cg-')) };
      const one = () => {
        if (command.reset) resetHome(s.home);
        return instructions([s.cli, ...command.args], env);
      };
      one(); // writes the code cache
      const counts = Array.from({ length: CALLGRIND_RUNS }, one);
      rmSync(env.TMPDIR, { recursive: true, force: true });
      return median(counts);
    };
    const [ia, ib] = [count(a), count(b)];
    row += ` ${(ia / 1e6).toFixed(2)} M | ${(ib / 1e6).toFixed(2)} M | ${((ib - ia) / 1e6).toFixed(2)} M (${ms(((ib - ia) / baselineIr) * baselineFastest)}) |`;
  }
  console.log(row);
}
if (CALLGRIND_RUNS)
  console.log(`\n(≈ ms: the instructions at node -e 0's rate: ${(baselineIr / 1e6).toFixed(1)} M in its fastest run here, ${baselineFastest.toFixed(1)} ms)`);
for (const s of [a, b]) {
  rmSync(s.home, { recursive: true, force: true });
  rmSync(s.tmp, { recursive: true, force: true });
}
