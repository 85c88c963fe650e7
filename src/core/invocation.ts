/**
 * How this run was started, so that every command the program tells a person to run works as
 * printed. Run through npx (or `npm exec`), the bare name is gone once npx exits; run as
 * `node dist/cli.js` or from a folder that is not on PATH, it was never there. Only when the
 * name on PATH is this very program is the bare name right; everywhere else `npx <name>` is.
 */
import { realpathSync, statSync } from 'node:fs';
import { posix, win32 } from 'node:path';
import { COMMAND_NAMES } from './options.js';

export const PROGRAM = 'intercom-mcp-setup';

interface Invocation {
  env: Readonly<Record<string, string | undefined>>;
  /** The script node ran (process.argv[1]): dist/cli.js, or the bin link that points at it. */
  script: string | undefined;
  os: NodeJS.Platform;
}

function realpath(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

/** npm sets these for `npx` and `npm exec` (npm 7 to 11: npm_command=exec, npm_lifecycle_event=npx). */
function runThroughNpx(invocation: Invocation): boolean {
  const { env, script } = invocation;
  if (env.npm_command === 'exec' || env.npm_lifecycle_event === 'npx') return true;
  // npx's own cache, whatever the environment says (an npx that sets none of the above).
  return script !== undefined && /[\\/]_npx[\\/]/.test(script);
}

/**
 * Whether the first `intercom-mcp-setup` a shell finds on PATH is this program: the same file
 * once links are resolved (npm's bin link), or, on Windows, the npm shim of the package this
 * script belongs to (`<dir>\intercom-mcp-setup.cmd` beside `<dir>\node_modules\intercom-mcp-setup`).
 */
function nameOnPathIsThis(invocation: Invocation): boolean {
  const { env, script, os } = invocation;
  if (!script) return false;
  const self = realpath(script);
  if (!self) return false;
  const windows = os === 'win32';
  const join = windows ? win32.join : posix.join;
  const pathVar = (windows ? (env.PATH ?? env.Path) : env.PATH) ?? '';
  const extensions = windows ? (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean) : [''];
  for (const dir of pathVar.split(windows ? ';' : ':')) {
    if (!dir) continue;
    for (const ext of extensions) {
      const candidate = join(dir, PROGRAM + ext);
      if (!isFile(candidate)) continue;
      if (realpath(candidate) === self) return true;
      if (windows && realpath(join(dir, 'node_modules', PROGRAM, 'dist', 'cli.js')) === self) return true;
      return false; // the first one found is what a shell runs
    }
  }
  return false;
}

/** `npx intercom-mcp-setup`, or the bare name when that name on PATH is this program. */
function commandPrefixFor(invocation: Invocation): string {
  if (runThroughNpx(invocation)) return `npx ${PROGRAM}`;
  return nameOnPathIsThis(invocation) ? PROGRAM : `npx ${PROGRAM}`;
}

let prefix: string | undefined;

/** This process's prefix, worked out once (a few file stats), the first time a hint is built. */
export function commandPrefix(): string {
  return (prefix ??= commandPrefixFor({ env: process.env, script: process.argv[1], os: process.platform }));
}

/**
 * The one way a hint names a command: `command('doctor')` is `npx intercom-mcp-setup doctor` or
 * `intercom-mcp-setup doctor`, as this run was started. `command()` is the program alone.
 */
export function command(args = ''): string {
  return args ? `${commandPrefix()} ${args}` : commandPrefix();
}

/** The options that take a value, so a wrapped line keeps `--client cursor` with its command. */
export const VALUE_OPTIONS: readonly string[] = ['--client', '--scope', '--transport', '--region', '--url', '--name', '--timeout', '--token-env'];
/** The commands, as words that may follow the program's name in a hint. */
export const HINT_COMMANDS: readonly string[] = [...COMMAND_NAMES, 'help'];
