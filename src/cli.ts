import { asksForHelp, asksForVersion, COMMAND_NAMES, splitCommand } from './command-names.js';
import { HELP } from './help.js';
import { processStreams } from './stdio.js';
import packageJson from '../package.json' with { type: 'json' };

/**
 * Entry point: --version and --help are answered from static text, before anything else loads;
 * every command is loaded on demand.
 */
async function main(argv: string[]): Promise<number> {
  const { stdout, stderr } = processStreams();
  const { command, named, rest } = splitCommand(argv);
  const first = argv[0];
  if (!named && first !== undefined && !first.startsWith('-')) {
    stderr.write(`intercom-mcp-setup: unknown command "${first}"; commands are ${COMMAND_NAMES.join(', ')} (see --help)\n`);
    return 2;
  }
  if (asksForVersion(named, rest)) {
    stdout.write(`${packageJson.version}\n`);
    return 0;
  }
  if (asksForHelp(rest)) {
    stdout.write(`${named ? HELP[command] : HELP.main}\n`);
    return 0;
  }
  const { run } = await import('./run.js');
  return run(command, rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`intercom-mcp-setup: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
