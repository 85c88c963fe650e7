import { COMMAND_NAMES } from '../core/options.js';
import { nearest } from '../core/suggest.js';
import { asksForHelp, asksForVersion, helpTopicOf, splitCommand } from './command-names.js';
import { processStreams } from '../ui/stdio.js';
import packageJson from '../../package.json' with { type: 'json' };

/** The code the entry loads only when it needs it (src/bin.ts loads it through the code cache). */
export interface EntryModules {
  run(): typeof import('./run.js');
  help(): typeof import('./help.js');
}

const COMMANDS = [...COMMAND_NAMES, 'help'];

function unknownCommand(word: string): string {
  const guess = nearest(word, COMMANDS);
  const hint = guess ? `did you mean "${guess}"? ` : '';
  return `intercom-mcp-setup: unknown command "${word}": ${hint}commands are ${COMMAND_NAMES.join(', ')}, help\n`;
}

/**
 * Argv → exit code. --version, `help` and unknown commands are answered here, --help from the
 * help text alone; every command is in `run`, loaded on demand. This file is part of dist/cli.js,
 * compiled on every run without a cache, so it stays small and imports nothing heavy.
 */
export async function main(argv: string[], modules: EntryModules): Promise<number> {
  const { command, named, rest } = splitCommand(argv);
  const first = argv[0];
  const topic = helpTopicOf(argv);
  if (topic === null) {
    processStreams().stderr.write(unknownCommand(argv[1] ?? ''));
    return 2;
  }
  // A word that is no command: a typo of one is answered here; anything else is left to the
  // options' reader, which knows the clients (`intercom-mcp-setup cursor` → did you mean --client cursor?).
  if (!named && topic === undefined && first !== undefined && !first.startsWith('-') && nearest(first, COMMANDS)) {
    processStreams().stderr.write(unknownCommand(first));
    return 2;
  }
  if (topic === undefined && asksForVersion(named, rest)) {
    processStreams().stdout.write(`${packageJson.version}\n`);
    return 0;
  }
  if (topic !== undefined || asksForHelp(rest)) {
    const stdout = processStreams().stdout;
    stdout.write(`${modules.help().helpText(topic ?? (named ? command : 'main'), stdout)}\n`);
    return 0;
  }
  return modules.run().run(command, rest);
}
