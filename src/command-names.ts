/** The commands, in the order --help lists them; a first argument that is none of them is setup's. */
export const COMMAND_NAMES = ['setup', 'list', 'remove', 'doctor', 'reset-auth', 'login', 'link'] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

/** The command an argv runs: its first word when that is a command, else setup. */
export function commandOf(argv: readonly string[]): CommandName {
  const first = argv[0];
  return (COMMAND_NAMES as readonly string[]).includes(first ?? '') ? (first as CommandName) : 'setup';
}

/**
 * The code-cache profile of an argv (src/launcher.ts): the command, and the flags that choose which
 * of its code runs. A cache entry holds the functions its first run compiled, so a `--dry-run`
 * (diffs, no writes), `--json`, `--help` or the wizard (setup with neither --client nor --yes)
 * would otherwise leave every later run of the other kind compiling its own functions afresh.
 */
export function cacheProfileOf(argv: readonly string[]): string {
  const command = commandOf(argv);
  const has = (...flags: string[]) => argv.some((arg) => flags.some((flag) => arg === flag || arg.startsWith(`${flag}=`)));
  if (has('--help', '-h')) return `${command}+help`;
  if (command === 'setup' && argv[0] !== 'setup' && has('--version', '-v')) return 'version';
  let profile: string = command;
  if (command === 'setup' && !has('--client', '--yes', '-y')) profile += '+wizard';
  if (has('--dry-run')) profile += '+dry-run';
  if (has('--json')) profile += '+json';
  return profile;
}
