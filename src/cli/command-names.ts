import { COMMAND_NAMES, type CommandName } from '../core/options.js';

/** The command an argv runs (its first word when that is a command, else setup) and the arguments after it. */
export function splitCommand(argv: readonly string[]): { command: CommandName; named: boolean; rest: string[] } {
  const first = argv[0];
  const named = (COMMAND_NAMES as readonly string[]).includes(first ?? '');
  return { command: named ? (first as CommandName) : 'setup', named, rest: argv.slice(named ? 1 : 0) };
}

/** Help is asked for anywhere after the command, and answered from static text. */
export function asksForHelp(rest: readonly string[]): boolean {
  return rest.includes('--help') || rest.includes('-h');
}

/**
 * `help` as a command: the topic it asks for (`main`, or a command's name), null for a topic that
 * is no command, undefined when the argv is not `help …`.
 */
export function helpTopicOf(argv: readonly string[]): string | null | undefined {
  if (argv[0] !== 'help') return undefined;
  const topic = argv[1];
  if (topic === undefined || topic.startsWith('-')) return 'main';
  return (COMMAND_NAMES as readonly string[]).includes(topic) ? topic : null;
}

/** The version is asked for with no command named. */
export function asksForVersion(named: boolean, rest: readonly string[]): boolean {
  return !named && (rest.includes('--version') || rest.includes('-v'));
}

/**
 * The code-cache profile of an argv (src/startup/launcher.ts): the command, and the flags that
 * choose which of its code runs. A cache entry holds the functions its first run compiled, so a
 * `--dry-run` (diffs, no writes), `--json` or the wizard (setup with neither --client nor --yes)
 * would otherwise leave every later run of the other kind compiling its own functions afresh.
 * (--version and --help compile nothing through the cache.)
 */
export function cacheProfileOf(argv: readonly string[]): string {
  const { command, rest } = splitCommand(argv);
  const has = (...flags: string[]) => rest.some((arg) => flags.some((flag) => arg === flag || arg.startsWith(`${flag}=`)));
  let profile: string = command;
  if (command === 'setup' && !has('--client', '--yes', '-y')) profile += '+wizard';
  if (has('--dry-run')) profile += '+dry-run';
  if (has('--json')) profile += '+json';
  return profile;
}
