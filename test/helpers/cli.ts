import { execa } from 'execa';
import { mkdtemp, realpath } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = path.join(ROOT, 'dist', 'cli.js');

/** A fresh home folder; realpath so macOS-style /tmp symlinks never confuse path assertions. */
export async function tempHome(prefix = 'ims-home-'): Promise<string> {
  return realpath(await mkdtemp(path.join(os.tmpdir(), prefix)));
}

/** The environment of a person with this home and nothing else: no inherited config dirs. */
export function cleanEnv(home: string, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    HOME: home,
    // Only node and the system tools: npm puts node_modules/.bin on PATH for tests.
    PATH: [path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter),
    CI: 'true',
    NO_COLOR: '1',
    // Lines are wrapped to 80 columns when stdout is not a terminal, unless COLUMNS says otherwise:
    // the suites read whole lines; the wrapping itself is tested with COLUMNS unset (first-run.e2e).
    COLUMNS: '1000',
    XDG_CONFIG_HOME: undefined,
    XDG_STATE_HOME: undefined,
    APPDATA: undefined,
    LOCALAPPDATA: undefined,
    CLAUDE_CONFIG_DIR: undefined,
    MCP_REMOTE_CONFIG_DIR: undefined,
    ...extra,
  };
}

/** Runs the built CLI as a person would, with no TTY and bounded in time. */
export interface CliResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  durationMs: number;
}

export async function runCli(
  args: string[],
  options: { home: string; env?: Record<string, string | undefined>; cwd?: string; input?: string; timeout?: number },
): Promise<CliResult> {
  const started = Date.now();
  const result = await execa(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? options.home,
    env: cleanEnv(options.home, options.env),
    extendEnv: false,
    reject: false,
    timeout: options.timeout ?? 20_000,
    input: options.input ?? '',
    stripFinalNewline: false,
  });
  return {
    exitCode: result.exitCode,
    stdout: String(result.stdout),
    stderr: String(result.stderr),
    timedOut: result.timedOut,
    durationMs: Date.now() - started,
  };
}
