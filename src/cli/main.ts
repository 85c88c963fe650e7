import { COMMAND_NAMES } from '../core/options.js';
import { asksForHelp, asksForVersion, splitCommand } from './command-names.js';
import { processStreams } from '../ui/stdio.js';
import packageJson from '../../package.json' with { type: 'json' };

/** The code the entry loads only when it needs it (src/bin.ts loads it through the code cache). */
export interface EntryModules {
  run(): typeof import('./run.js');
  help(): typeof import('./help.js');
}

/**
 * Argv → exit code. --version and unknown commands are answered here, --help from the help
 * text alone; every command is in `run`, loaded on demand. This file is part of dist/cli.js,
 * compiled on every run without a cache, so it stays small and imports nothing heavy.
 */
export async function main(argv: string[], modules: EntryModules): Promise<number> {
  const { command, named, rest } = splitCommand(argv);
  const first = argv[0];
  if (!named && first !== undefined && !first.startsWith('-')) {
    processStreams().stderr.write(`intercom-mcp-setup: unknown command "${first}"; commands are ${COMMAND_NAMES.join(', ')} (see --help)\n`);
    return 2;
  }
  if (asksForVersion(named, rest)) {
    processStreams().stdout.write(`${packageJson.version}\n`);
    return 0;
  }
  if (asksForHelp(rest)) {
    const { HELP } = modules.help();
    processStreams().stdout.write(`${named ? HELP[command] : HELP.main}\n`);
    return 0;
  }
  return modules.run().run(command, rest);
}
