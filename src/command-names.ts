/** The commands, in the order --help lists them; a first argument that is none of them is setup's. */
export const COMMAND_NAMES = ['setup', 'list', 'remove', 'doctor', 'reset-auth', 'login', 'link'] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

/** The command an argv runs: its first word when that is a command, else setup. */
export function commandOf(argv: readonly string[]): CommandName {
  const first = argv[0];
  return (COMMAND_NAMES as readonly string[]).includes(first ?? '') ? (first as CommandName) : 'setup';
}
