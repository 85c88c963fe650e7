#!/usr/bin/env node
// The benchmark (not a test): start-up and setup time against bare `node -e 0` measured in the
// same run, the peers' --help as a baseline, package sizes, and setup on a large ~/.claude.json.
// Usage: npm run bench [-- --runs N] [-- --skip-peers] [-- --skip-scale]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { claudeJsonOfSize } from './claude-json.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = path.join(ROOT, 'dist', 'cli.js');
const OUT = path.join(ROOT, 'bench', 'out');
const CACHE = path.join(ROOT, 'bench', '.cache');
const { values: flags } = parseArgs({
  // 61 pairs: the setup row sits close to its target, and the median of fewer pairs moved across
  // it from one run to the next on an idle machine (docs/performance.md).
  options: { runs: { type: 'string', default: '61' }, 'skip-peers': { type: 'boolean' }, 'skip-scale': { type: 'boolean' } },
});
const RUNS = Number(flags.runs);
const TARGETS = { start: 1.3, setup: 1.6 };
mkdirSync(OUT, { recursive: true });

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function timeOnce(command, args, options = {}) {
  options.before?.();
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env: options.env ?? process.env, cwd: options.cwd });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && !options.allowFailure) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${String(result.stderr).slice(0, 400)}`);
  }
  return ms;
}

/** Runs the command and the baseline alternately, so both see the same machine load. */
function measure(label, command, args, options = {}) {
  const times = [];
  const baseline = [];
  const ratios = [];
  timeOnce(command, args, options); // warm the file cache (and write the code cache, as a first run does)
  for (let i = 0; i < RUNS; i++) {
    // Same environment as the command: NODE_EXTRA_CA_CERTS, say, costs node tens of ms at start-up.
    baseline.push(timeOnce(process.execPath, ['-e', '0'], { env: options.env }));
    times.push(timeOnce(command, args, options));
    ratios.push(times[i] / baseline[i]);
  }
  // The ratio is the median of each run over the baseline run just before it: on a shared machine
  // whole stretches run 30% slower, and two medians taken apart can fall in different stretches.
  return { label, ms: median(times), baselineMs: median(baseline), ratio: median(ratios) };
}

function homeWithSixClients() {
  const home = mkdtempSync(path.join(os.tmpdir(), 'ims-bench-'));
  for (const dir of ['.cursor', '.codeium/windsurf', '.config/Code/User', '.config/Code - Insiders/User', '.config/Claude', '.claude']) {
    mkdirSync(path.join(home, dir), { recursive: true });
  }
  writeFileSync(path.join(home, '.claude.json'), JSON.stringify({ numStartups: 12, mcpServers: {} }, null, 2));
  return home;
}

// A temp folder of the bench's own, so the code cache is the one each command's first run here
// writes (as after a user's first run), not what earlier test runs of this checkout left.
const BENCH_TMP = mkdtempSync(path.join(os.tmpdir(), 'ims-bench-tmp-'));

function cliEnv(home) {
  return { HOME: home, PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`, NO_COLOR: '1', CI: 'true', TMPDIR: BENCH_TMP };
}

/** Removes what setup wrote, so every timed run really writes (outside the timing). */
function resetHome(home) {
  for (const file of [
    '.cursor/mcp.json',
    '.codeium/windsurf/mcp_config.json',
    '.config/Code/User/mcp.json',
    '.config/Code - Insiders/User/mcp.json',
    '.config/Claude/claude_desktop_config.json',
  ]) {
    rmSync(path.join(home, file), { force: true });
  }
  for (const dir of ['', '.cursor', '.codeium/windsurf', '.config/Code/User', '.config/Code - Insiders/User', '.config/Claude']) {
    for (const name of readdirSync(path.join(home, dir))) if (name.endsWith('.bak')) rmSync(path.join(home, dir, name));
  }
  writeFileSync(path.join(home, '.claude.json'), JSON.stringify({ numStartups: 12, mcpServers: {} }, null, 2));
}

async function startFixture() {
  const { build } = await import('esbuild');
  const outfile = path.join(OUT, 'fixture.mjs');
  await build({
    entryPoints: [path.join(ROOT, 'test/fixtures/intercom-server.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
  });
  // In a process of its own: the timing loop blocks this one's event loop (spawnSync).
  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const { startIntercomFixture } = await import(${JSON.stringify(outfile)}); const f = await startIntercomFixture(); console.log(f.mcpUrl);`,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const mcpUrl = await new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(String(chunk).trim()));
    child.once('exit', (code) => reject(new Error(`fixture exited ${code}`)));
  });
  return { mcpUrl, close: () => child.kill() };
}

function du(dir) {
  return Number(execFileSync('du', ['-sb', dir]).toString().split('\t')[0]);
}

function countPackages(prefix) {
  const out = spawnSync('npm', ['ls', '--all', '--parseable', '--prefix', prefix], { encoding: 'utf8' }).stdout;
  return out.split('\n').filter((line) => line.includes('node_modules')).length;
}

function installInto(name, spec) {
  const prefix = path.join(CACHE, name);
  if (!existsSync(path.join(prefix, 'node_modules'))) {
    mkdirSync(prefix, { recursive: true });
    writeFileSync(path.join(prefix, 'package.json'), '{"private":true}');
    execFileSync('npm', ['install', spec, '--prefix', prefix, '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { stdio: 'inherit' });
  }
  return prefix;
}

function packInfo(spec, cwd) {
  const out = execFileSync('npm', ['pack', spec, '--dry-run', '--json', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_ignore_scripts: 'true' },
  });
  const [info] = JSON.parse(out);
  return { tarball: info.size, unpacked: info.unpackedSize };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(0)} kB`;
const mb = (bytes) => `${(bytes / 1048576).toFixed(1)} MB`;
const lines = [];
const say = (text = '') => {
  lines.push(text);
  console.log(text);
};

// ---- start-up and setup -----------------------------------------------------------------------
const home = homeWithSixClients();
const env = cliEnv(home);
const rows = [
  measure('--version', process.execPath, [CLI, '--version'], { env }),
  measure('--help', process.execPath, [CLI, '--help'], { env }),
  measure('list --json', process.execPath, [CLI, 'list', '--json'], { env }),
  measure('setup --client all --yes --dry-run', process.execPath, [CLI, '--client', 'all', '--yes', '--dry-run', '--no-check'], {
    env,
    before: () => resetHome(home),
  }),
  measure('setup --client all --yes (writes 6 files)', process.execPath, [CLI, '--client', 'all', '--yes', '--no-check'], {
    env,
    before: () => resetHome(home),
  }),
  // The same file-system work in a bare script: the part of the setup time no implementation avoids.
  measure('floor: the same writes in a bare script', process.execPath, [path.join(ROOT, 'bench', 'floor-setup.cjs')], { env, before: () => resetHome(home) }),
  // What the first run after an install pays: the same, without the code cache (src/startup/launcher.ts).
  measure('same, first run (no code cache)', process.execPath, [CLI, '--client', 'all', '--yes', '--no-check'], {
    env: { ...env, INTERCOM_MCP_SETUP_CODE_CACHE: '0' },
    before: () => resetHome(home),
  }),
  measure('doctor --offline --json', process.execPath, [CLI, 'doctor', '--offline', '--json'], { env, allowFailure: true }),
];
const fixture = await startFixture();
rows.push(measure('doctor --json (loopback fixture)', process.execPath, [CLI, 'doctor', '--json', '--url', fixture.mcpUrl], { env, allowFailure: true }));

let peers = [];
if (!flags['skip-peers']) {
  const installMcp = installInto('install-mcp', 'install-mcp');
  const smithery = installInto('smithery', '@smithery/cli');
  peers = [
    {
      name: 'install-mcp',
      prefix: installMcp,
      row: measure('install-mcp --help (peer)', path.join(installMcp, 'node_modules/.bin/install-mcp'), ['--help'], { env, allowFailure: true }),
    },
    {
      name: '@smithery/cli',
      prefix: smithery,
      row: measure('@smithery/cli --help (peer)', path.join(smithery, 'node_modules/.bin/smithery'), ['--help'], { env, allowFailure: true }),
    },
  ];
  rows.push(...peers.map((peer) => peer.row));
}
fixture.close();

say(`intercom-mcp-setup benchmark — ${new Date().toISOString()} — node ${process.version}, ${os.cpus().length} cores, ${RUNS} runs each (medians)`);
say('');
say('| command | median | node -e 0 (same run) | ratio (median of paired runs) | target |');
say('|---|---|---|---|---|');
for (const row of rows) {
  const target =
    row.label.startsWith('--version') || row.label.startsWith('--help')
      ? TARGETS.start
      : row.label.startsWith('setup --client all --yes (')
        ? TARGETS.setup
        : undefined;
  const verdict = target ? `${target}× ${row.ratio <= target ? 'pass' : 'MISS'}` : '';
  say(`| ${row.label} | ${row.ms.toFixed(1)} ms | ${row.baselineMs.toFixed(1)} ms | ${row.ratio.toFixed(2)}× | ${verdict} |`);
}

// ---- package size -------------------------------------------------------------------------------
say('');
say('| package | tarball | unpacked | installed packages | installed size |');
say('|---|---|---|---|---|');
const ours = packInfo('.', ROOT);
const oursTgz = execFileSync('npm', ['pack', '--json', '--pack-destination', OUT, '--loglevel=error'], {
  cwd: ROOT,
  encoding: 'utf8',
  env: { ...process.env, npm_config_ignore_scripts: 'true' },
});
const oursPrefix = path.join(OUT, 'ours-install');
rmSync(oursPrefix, { recursive: true, force: true });
mkdirSync(oursPrefix, { recursive: true });
writeFileSync(path.join(oursPrefix, 'package.json'), '{"private":true}');
execFileSync('npm', [
  'install',
  path.join(OUT, JSON.parse(oursTgz)[0].filename),
  '--prefix',
  oursPrefix,
  '--no-audit',
  '--no-fund',
  '--offline',
  '--loglevel=error',
]);
say(`| intercom-mcp-setup | ${kb(ours.tarball)} | ${kb(ours.unpacked)} | ${countPackages(oursPrefix)} | ${mb(du(path.join(oursPrefix, 'node_modules')))} |`);
for (const peer of peers) {
  const info = packInfo(peer.name, OUT);
  say(`| ${peer.name} | ${kb(info.tarball)} | ${kb(info.unpacked)} | ${countPackages(peer.prefix)} | ${mb(du(path.join(peer.prefix, 'node_modules')))} |`);
}

// ---- scale: a large ~/.claude.json -----------------------------------------------------------
if (!flags['skip-scale']) {
  say('');
  say(
    "| ~/.claude.json | setup time | per MB | peak RSS | (peak RSS − baseline) / file size | extra peak RSS per extra MB (from the row above) | private memory − baseline, / file size | Node's own code pages − baseline |",
  );
  say('|---|---|---|---|---|---|---|---|');
  const rssReporter = path.join(OUT, 'rss-reporter.cjs');
  // Peak RSS, and on Linux what RSS is made of at exit: private (anonymous) memory, and pages
  // mapped from files — Node's executable, whose code a run touches (node:crypto's modules, V8's
  // optimizing compiler) and every other node process shares. The split is read at exit, which is
  // the peak when VmHWM equals VmRSS there (reported otherwise).
  writeFileSync(
    rssReporter,
    [
      "process.on('exit', () => {",
      '  const fs = require("fs");',
      '  let split = {};',
      '  try {',
      '    const status = fs.readFileSync("/proc/self/status", "utf8");',
      '    const kb = (key) => Number(new RegExp(key + ":\\\\s+(\\\\d+)").exec(status)[1]) * 1024;',
      '    split = { anon: kb("RssAnon"), file: kb("RssFile"), peakAtExit: kb("VmHWM") === kb("VmRSS") };',
      '  } catch {}',
      '  fs.writeSync(3, JSON.stringify({ peak: process.resourceUsage().maxRSS * 1024, ...split }));',
      '});',
      '',
    ].join('\n'),
  );
  /** Median time and highest peak RSS (and its split) of setup for Claude Code on this ~/.claude.json text, over 3 runs. */
  const setupOn = (text) => {
    const scaleHome = mkdtempSync(path.join(os.tmpdir(), 'ims-scale-'));
    const file = path.join(scaleHome, '.claude.json');
    const times = [];
    const worst = { peak: 0, anon: 0, file: 0, peakAtExit: true };
    for (let i = 0; i < 3; i++) {
      writeFileSync(file, text);
      for (const name of readdirSync(scaleHome)) if (name.endsWith('.bak')) rmSync(path.join(scaleHome, name));
      const started = process.hrtime.bigint();
      const result = spawnSync(process.execPath, ['--require', rssReporter, CLI, '--client', 'claude-code', '--no-check', '--json'], {
        env: cliEnv(scaleHome),
        stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
      });
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (result.status !== 0) throw new Error(`setup on ${mb(text.length)} failed: ${result.stderr}`);
      const run = JSON.parse(result.output[3]);
      worst.peak = Math.max(worst.peak, run.peak);
      worst.anon = Math.max(worst.anon, run.anon ?? 0);
      worst.file = Math.max(worst.file, run.file ?? 0);
      if (run.peakAtExit === false) worst.peakAtExit = false;
    }
    rmSync(scaleHome, { recursive: true, force: true });
    return { ms: median(times), ...worst, bytes: Buffer.byteLength(text) };
  };
  // The same command on a ~/.claude.json of a few lines: what node and the CLI need whatever the size.
  const baseline = setupOn(JSON.stringify({ numStartups: 3, mcpServers: {} }, null, 2));
  const verdict = (ratio) => `${ratio.toFixed(2)}× ${ratio < 4 ? 'pass' : 'MISS (target < 4×)'}`;
  const split = (run) =>
    run.anon && baseline.anon
      ? `${((run.anon - baseline.anon) / run.bytes).toFixed(2)}×${run.peakAtExit ? '' : ' (peak not at exit)'} | ${mb(run.file - baseline.file)}`
      : 'n/a | n/a';
  const row = (label, run, previous) => {
    // Not the target (that is the column before): what each further MB costs, where a fixed cost
    // such as V8's optimising compiler shows as a jump.
    const slope = previous ? `${((run.peak - previous.peak) / (run.bytes - previous.bytes)).toFixed(2)}×` : '';
    say(
      `| ${label} | ${run.ms.toFixed(0)} ms | ${(run.ms / (run.bytes / 1048576)).toFixed(1)} ms | ${mb(run.peak)} | ${verdict((run.peak - baseline.peak) / run.bytes)} | ${slope} | ${split(run)} |`,
    );
  };
  let previous = baseline;
  for (const sizeMb of [1, 2, 3, 5, 10, 50]) {
    const run = setupOn(claudeJsonOfSize(sizeMb * 1048576));
    row(mb(run.bytes), run, previous);
    previous = run;
  }
  // Claude Code writes a servers object with nothing in it as `"mcpServers": {}`, on one line.
  row(`${mb(previous.bytes)}, \`"mcpServers": {}\``, setupOn(claudeJsonOfSize(50 * 1048576, { emptyServers: true })));
  // Minified (one line, as some tools write it): the entry is spliced into that line (issue 18 point 3).
  previous = undefined;
  for (const sizeMb of [1, 10, 50]) {
    const run = setupOn(claudeJsonOfSize(sizeMb * 1048576, { minified: true }));
    row(`${mb(run.bytes)}, minified (one line)`, run, previous);
    previous = run;
  }
  say(
    `(baseline: ${mb(baseline.peak)} peak RSS${baseline.anon ? `, of which ${mb(baseline.anon)} private and ${mb(baseline.file)} mapped from files` : ''}, ${baseline.ms.toFixed(0)} ms, for the same setup on a ~/.claude.json of a few lines)`,
  );
}

writeFileSync(path.join(OUT, 'report.md'), `${lines.join('\n')}\n`);
console.log(`\nreport written to ${path.relative(ROOT, path.join(OUT, 'report.md'))}`);
rmSync(home, { recursive: true, force: true });
rmSync(BENCH_TMP, { recursive: true, force: true });
