import type { CommandContext } from '../ui/context.js';
import { CancelledError, CliError, UsageError, errorMessage } from '../core/errors.js';
import { parseOptions } from './options.js';
import type { CommandName, Options } from '../core/options.js';
import { Output, useColor } from '../ui/output.js';
import { currentPlatform, HomeError } from '../core/platform.js';
import { isTerminal, processStreams } from '../ui/stdio.js';

type CommandRunner = (ctx: CommandContext, options: Options) => Promise<number>;

const RUNNERS: Record<CommandName, () => Promise<CommandRunner>> = {
  setup: async () => (await import('../commands/setup.js')).runSetup,
  list: async () => (await import('../commands/list.js')).runList,
  remove: async () => (await import('../commands/remove.js')).runRemove,
  undo: async () => (await import('../commands/undo.js')).runUndo,
  doctor: async () => (await import('../commands/doctor.js')).runDoctor,
  'reset-auth': async () => (await import('../commands/reset-auth.js')).runResetAuth,
  login: async () => (await import('../commands/login.js')).runLogin,
  link: async () => (await import('../commands/link.js')).runLink,
};

/** Parses the options, builds the context, runs the command, and turns errors into exit codes. */
export async function run(command: string, argv: string[]): Promise<number> {
  const wantsJson = argv.includes('--json');
  const streams = processStreams();
  const out = new Output(streams, { json: wantsJson, color: !wantsJson && useColor(process.env, streams.stdout.isTTY) });
  try {
    const options = await parseOptions(command as CommandName, argv);
    const platform = currentPlatform();
    const interactive = isTerminal(0) && streams.stdout.isTTY === true;
    const runner = await RUNNERS[options.command]();
    return await runner({ platform, out, interactive }, options);
  } catch (error) {
    if (error instanceof CancelledError) return 130;
    if (error instanceof UsageError) {
      out.error(`intercom-mcp-setup: ${error.message}`);
      return 2;
    }
    if (error instanceof HomeError || error instanceof CliError) {
      out.error(`intercom-mcp-setup: ${error.message}`);
      return 1;
    }
    out.error(`intercom-mcp-setup: ${errorMessage(error)}`);
    return 1;
  }
}
