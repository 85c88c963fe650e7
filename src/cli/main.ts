import { COMMAND_NAMES } from '../core/options.js';
import { nearest } from '../core/suggest.js';
import { asksForHelp, asksForVersion, helpTopicOf, splitCommand } from './command-names.js';
import { processStreams } from '../ui/stdio.js';
import packageJson from '../../package.json' with { type: 'json' };

declare const __TOOL_VERSION__: string | undefined;

/**
 * The version, given by the build (scripts/build.mjs defines __TOOL_VERSION__): dist/cli.js then
 * holds neither package.json nor the code to read it. The sources read package.json.
 */
const VERSION = typeof __TOOL_VERSION__ === 'string' ? __TOOL_VERSION__ : packageJson.version;

/** The code the entry loads only when it needs it (src/bin.ts loads it through the code cache). */
export interface EntryModules {
  run(): typeof import('./run.js');
  help(): typeof import('./help.js');
}

const COMMANDS = [...COMMAND_NAMES, 'help'];

/** The unknown-command line, said through run.js's Output (masked: a pasted token is a word too). */
function unknownCommand(word: string): string {
  const guess = nearest(word, COMMANDS);
  const hint = guess ? `did you mean "${guess}"? ` : '';
  return `unknown command "${word}": ${hint}commands are ${COMMAND_NAMES.join(', ')}, help`;
}

/**
 * Argv → exit code. --version and `help` are answered here, --help from the help text alone;
 * every command is in `run`, loaded on demand, and so is the line for an unknown command, which
 * echoes what was typed: run.js's Output masks and wraps it. The version and the help texts are
 * the program's own (nothing typed, read or inherited is in them) and are written as they are:
 * masking them would only slow --help (docs/performance.md, "Not masked"). This file is part
 * of dist/cli.js, compiled on every run without a cache, so it stays small and imports nothing heavy.
 */
export async function main(argv: string[], modules: EntryModules): Promise<number> {
  const { command, named, rest } = splitCommand(argv);
  const first = argv[0];
  const topic = helpTopicOf(argv);
  if (topic === null) return modules.run().refuse(unknownCommand(argv[1] ?? ''));
  // A word that is no command: a typo of one is answered here; anything else is left to the
  // options' reader, which knows the clients (`intercom-mcp-setup cursor` → did you mean --client cursor?).
  if (!named && topic === undefined && first !== undefined && !first.startsWith('-') && nearest(first, COMMANDS)) {
    return modules.run().refuse(unknownCommand(first));
  }
  if (topic === undefined && asksForVersion(named, rest)) {
    processStreams().stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (topic !== undefined || asksForHelp(rest)) {
    const stdout = processStreams().stdout;
    stdout.write(`${modules.help().helpText(topic ?? (named ? command : 'main'), stdout)}\n`);
    return 0;
  }
  return modules.run().run(command, rest);
}
