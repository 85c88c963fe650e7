/**
 * The real client programs (Claude Code, Gemini CLI, Codex, OpenCode, …) that the e2e tests run,
 * installed on first use instead of being dev dependencies (they are ~2 GB together).
 *
 * `realProgram(name)` installs the package pinned in test/real-programs.json (exact version, plus
 * the platform packages named there) with npm from the registry into
 * `<cache>/<package>@<version>[,<platform package>@<version>]/`, where `<cache>` is
 * INTERCOM_MCP_SETUP_PROGRAMS_CACHE or `<repo>/.cache/real-programs` (git-ignored), and returns the
 * path of its bin. The next run finds the folder and starts nothing.
 *
 * vitest runs test files in parallel: one install per folder runs at a time, under a lock file
 * (`<folder>.lock`, holding the installer's pid; a lock whose process is gone is taken over). A
 * folder counts as installed only when its marker (`real-program.json`, written last) is there: an
 * install that was killed half-way is removed and done again.
 *
 * When the registry cannot be reached (and nothing is cached), the program is returned as skipped
 * with the reason; the test skips and says so, and the skip is appended to the file named by
 * INTERCOM_MCP_SETUP_SKIPPED_PROGRAMS, which .ci/run reads to fail the run. Any other failure
 * (a version that does not exist, a failed install script) throws with npm's output.
 */
import { execa } from 'execa';
import { existsSync, readFileSync } from 'node:fs';
import { appendFile, mkdir, open, readFile, realpath, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PINNED = path.join(ROOT, 'test', 'real-programs.json');
const MARKER = 'real-program.json';
const INSTALL_TIMEOUT_MS = 15 * 60_000;
const LOCK_WAIT_MS = 20 * 60_000;

interface ProgramSpec {
  package: string;
  version: string;
  /** The command, in node_modules/.bin; none for a library (config-yaml). */
  bin?: string;
  /** Platform packages npm does not pick itself, by `${process.platform}-${process.arch}`. */
  platform?: Record<string, Record<string, string>>;
}

/** The programs test/real-programs.json pins (checked against it when this module loads). */
export const PROGRAM_NAMES = [
  'claude',
  'gemini',
  'codex',
  'opencode',
  'copilot',
  'qwen',
  'kilo',
  'auggie',
  'droid',
  'amp',
  'cline',
  'cn',
  'config-yaml',
] as const;
export type ProgramName = (typeof PROGRAM_NAMES)[number];

const programs = (JSON.parse(readFileSync(PINNED, 'utf8')) as { programs: Record<string, ProgramSpec> }).programs;
if (Object.keys(programs).sort().join() !== [...PROGRAM_NAMES].sort().join()) {
  throw new Error(`test/real-programs.json pins ${Object.keys(programs).join(', ')}; real-programs.ts knows ${PROGRAM_NAMES.join(', ')}`);
}

interface InstalledProgram {
  name: string;
  version: string;
  /** The program's command (realpath of node_modules/.bin/<bin>); '' for a library. */
  bin: string;
  /** The installed package's own folder (node_modules/<package>). */
  packageDir: string;
  /** The install folder (the cache's <package>@<version>), for what a program keeps beside itself. */
  dir: string;
  skipped?: undefined;
}

interface SkippedProgram {
  name: string;
  version: string;
  bin?: undefined;
  packageDir?: undefined;
  dir?: undefined;
  /** Why: the registry could not be reached, with npm's own words. */
  skipped: string;
}

export type RealProgram = InstalledProgram | SkippedProgram;

export interface RealProgramOptions {
  /** Default: INTERCOM_MCP_SETUP_PROGRAMS_CACHE, else <repo>/.cache/real-programs. */
  cacheDir?: string;
  /** Where a skip is recorded. Default: INTERCOM_MCP_SETUP_SKIPPED_PROGRAMS (nothing when unset). */
  skippedFile?: string;
  /** Extra environment for npm (the tests of this helper point the registry elsewhere). */
  npmEnv?: Record<string, string>;
}

export function pinnedProgram(name: string): ProgramSpec {
  const spec = programs[name];
  if (!spec) throw new Error(`${name} is not in test/real-programs.json (known: ${Object.keys(programs).join(', ')})`);
  return spec;
}

export function programsCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.INTERCOM_MCP_SETUP_PROGRAMS_CACHE;
  return dir ? path.resolve(dir) : path.join(ROOT, '.cache', 'real-programs');
}

/** What npm installs for this program here: the package, then this platform's named packages. */
export function packagesFor(spec: ProgramSpec, platform = `${process.platform}-${process.arch}`): string[] {
  const extra = Object.entries(spec.platform?.[platform] ?? {}).map(([name, version]) => `${name}@${version}`);
  return [`${spec.package}@${spec.version}`, ...extra];
}

/** `@kilocode/cli@7.7.7,@kilocode/cli-linux-x64@7.7.7` → `@kilocode+cli@7.7.7,@kilocode+cli-linux-x64@7.7.7`. */
export function folderFor(packages: string[]): string {
  return packages.map((spec) => spec.replace('/', '+')).join(',');
}

/** npm's words when it could not reach the registry (DNS, refused, reset, timed out, a proxy's 5xx). */
const UNREACHABLE = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ESOCKETTIMEDOUT|ENETUNREACH|EHOSTUNREACH|ENETDOWN|ERR_SOCKET_TIMEOUT|E50[234])\b/;

const memo = new Map<string, Promise<RealProgram>>();

/** The pinned program, installed on first use; see the file's comment. */
export function realProgram(name: ProgramName, options: RealProgramOptions = {}): Promise<RealProgram> {
  const key = JSON.stringify([name, options]);
  let result = memo.get(key);
  if (!result) {
    result = installProgram(name, options);
    memo.set(key, result);
    // A failed install is not remembered: the next caller tries again.
    result.catch(() => memo.delete(key));
  }
  return result;
}

/** Several programs, installed at most `concurrency` at a time (each install is an npm of its own). */
export async function realPrograms<N extends ProgramName>(names: readonly N[], concurrency = 3): Promise<Record<N, RealProgram>> {
  const result = {} as Record<N, RealProgram>;
  const queue = [...names];
  const worker = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) result[name] = await realProgram(name);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, names.length) }, worker));
  return result;
}

/** The program's bin, or an error saying why it is not there (for code that runs only when it is). */
export function binOf(program: RealProgram): string {
  if (program.skipped !== undefined) throw new Error(`${program.name} ${program.version} was skipped: ${program.skipped}`);
  return program.bin;
}

/** The install itself, not remembered in this process (realProgram remembers it): for the helper's own tests. */
export async function installProgram(name: ProgramName, options: RealProgramOptions = {}): Promise<RealProgram> {
  const spec = pinnedProgram(name);
  const packages = packagesFor(spec);
  const cache = options.cacheDir ?? programsCacheDir();
  const dir = path.join(cache, folderFor(packages));
  const found = await installed(name, spec, dir);
  if (found) return found;

  await mkdir(cache, { recursive: true });
  const release = await lock(`${dir}.lock`);
  try {
    const again = await installed(name, spec, dir);
    if (again) return again;
    // Whatever is there was left by an install that did not finish.
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    // allowScripts: npm 11 asks for install scripts to be approved (it still runs them, with a
    // warning); these packages' postinstall puts the platform binary in place.
    const allowScripts = Object.fromEntries(packages.map((spec) => [spec, true]));
    const manifest = { private: true, description: `${name} for the e2e tests of intercom-mcp-setup`, allowScripts };
    await writeFile(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const started = Date.now();
    const npm = await execa(
      'npm',
      ['install', '--prefix', dir, '--save-exact', '--include=optional', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline', ...packages],
      { cwd: dir, env: npmEnv(options.npmEnv), extendEnv: false, reject: false, all: true, timeout: INSTALL_TIMEOUT_MS, input: '' },
    );
    const output = String(npm.all ?? '').trim();
    if (npm.exitCode !== 0 || npm.timedOut) {
      await rm(dir, { recursive: true, force: true });
      const match = UNREACHABLE.exec(output);
      if (match && !npm.timedOut) return skip(name, spec, `the npm registry could not be reached (${match[1]}): ${npmReason(output)}`, options);
      throw new Error(
        `npm install ${packages.join(' ')} ${npm.timedOut ? `did not finish within ${INSTALL_TIMEOUT_MS / 60_000} min` : `failed (exit ${npm.exitCode})`}:\n${output}`,
      );
    }
    const ms = Date.now() - started;
    const program = await located(name, spec, dir);
    if (!program)
      throw new Error(
        `npm installed ${packages.join(' ')} into ${dir} but ${spec.bin ? `node_modules/.bin/${spec.bin}` : spec.package} is not there:\n${output}`,
      );
    const bytes = await sizeOf(dir);
    await writeFile(path.join(dir, MARKER), `${JSON.stringify({ packages, installedMs: ms, bytes, node: process.version }, null, 2)}\n`);
    console.log(`real-programs: installed ${packages.join(' ')} in ${(ms / 1000).toFixed(1)} s, ${(bytes / 1024 / 1024).toFixed(0)} MB (${dir})`);
    return program;
  } finally {
    await release();
  }
}

/** The program if its folder is complete (the marker is written last). */
async function installed(name: string, spec: ProgramSpec, dir: string): Promise<InstalledProgram | undefined> {
  if (!existsSync(path.join(dir, MARKER))) return undefined;
  const program = await located(name, spec, dir);
  if (!program) throw new Error(`${dir} is marked installed but ${spec.bin ?? spec.package} is missing from it: remove that folder`);
  return program;
}

async function located(name: string, spec: ProgramSpec, dir: string): Promise<InstalledProgram | undefined> {
  const packageDir = path.join(dir, 'node_modules', ...spec.package.split('/'));
  if (!existsSync(path.join(packageDir, 'package.json'))) return undefined;
  const version = (JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  if (version !== spec.version) throw new Error(`${packageDir} is version ${version}, not the pinned ${spec.version}`);
  if (!spec.bin) return { name, version, bin: '', packageDir, dir };
  const link = path.join(dir, 'node_modules', '.bin', spec.bin);
  if (!existsSync(link)) return undefined;
  return { name, version, bin: await realpath(link), packageDir, dir };
}

async function skip(name: string, spec: ProgramSpec, reason: string, options: RealProgramOptions): Promise<SkippedProgram> {
  const file = options.skippedFile ?? process.env.INTERCOM_MCP_SETUP_SKIPPED_PROGRAMS;
  if (file) await appendFile(file, `${name} (${spec.package}@${spec.version}): ${reason}\n`);
  console.warn(`real-programs: SKIPPING the tests that need ${name} ${spec.version}: ${reason}`);
  return { name, version: spec.version, skipped: reason };
}

/** npm's own sentence for the failure: the failed request where it names one. */
function npmReason(text: string): string {
  const lines = text.split('\n').filter((line) => /\S/.test(line) && !/A complete log of this run/.test(line));
  const why = lines.find((line) => /request to .* failed/.test(line)) ?? lines.find((line) => UNREACHABLE.test(line)) ?? lines.at(-1) ?? '';
  return why.replace(/^npm (error|ERR!) /, '');
}

/** The test run's environment without what `npm test` set for the project itself (its prefix, its package). */
function npmEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (
      /^npm_(config_(prefix|local_prefix|global|save.*|package_lock.*|dry_run|ignore_scripts|omit|include|only|production)|lifecycle_|package_|command$)/i.test(
        key,
      )
    )
      continue;
    env[key] = value;
  }
  return { ...env, npm_config_update_notifier: 'false', ...extra };
}

async function sizeOf(dir: string): Promise<number> {
  const du = await execa('du', ['-sk', dir], { reject: false });
  return du.exitCode === 0 ? Number(String(du.stdout).split(/\s/)[0]) * 1024 : 0;
}

/** An exclusive lock file holding our pid; waits for another live installer, takes over from a dead one. */
async function lock(file: string): Promise<() => Promise<void>> {
  const token = `${process.pid} ${Math.random().toString(36).slice(2)}`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(token);
      await handle.close();
      return async () => {
        // Only our own lock: never one that was taken over after ours was judged stale.
        if ((await readFile(file, 'utf8').catch(() => '')) === token) await unlink(file).catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
    const age = Date.now() - ((await stat(file).catch(() => undefined))?.mtimeMs ?? Date.now());
    if ((Number.isInteger(holder) && holder > 0 && !alive(holder)) || (!Number.isInteger(holder) && age > 10_000)) {
      await unlink(file).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline) throw new Error(`${file} is still held by process ${holder} after ${LOCK_WAIT_MS / 60_000} min`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
