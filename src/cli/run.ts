import type { CommandContext } from '../ui/context.js';
import { UsageError, UserError, errorMessage } from '../core/errors.js';
import { parseOptions } from './options.js';
import type { CommandName, Options } from '../core/options.js';
import { Output, useColor } from '../ui/output.js';
import { currentPlatform } from '../core/platform.js';
import { isTerminal, processStreams } from '../ui/stdio.js';

type CommandRunner = (ctx: CommandContext, options: Options) => Promise<number>;

// Each loads its command only when it runs (named, so that unused-code checks see what is used).
const RUNNERS: Record<CommandName, () => Promise<CommandRunner>> = {
  setup: () => import('../commands/setup.js').then(({ runSetup }) => runSetup),
  list: () => import('../commands/list.js').then(({ runList }) => runList),
  remove: () => import('../commands/remove.js').then(({ runRemove }) => runRemove),
  undo: () => import('../commands/undo.js').then(({ runUndo }) => runUndo),
  doctor: () => import('../commands/doctor.js').then(({ runDoctor }) => runDoctor),
  'reset-auth': () => import('../commands/reset-auth.js').then(({ runResetAuth }) => runResetAuth),
  login: () => import('../commands/login.js').then(({ runLogin }) => runLogin),
  link: () => import('../commands/link.js').then(({ runLink }) => runLink),
};

/** Parses the options, builds the context, runs the command; an error ends the run with its exit code. */
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
    return failed(out, error);
  }
}

/**
 * What an error that escapes a command does: its line on stderr and its exit code (see
 * core/errors.ts); a cancellation has no line, it was said where the user was asked. An error no
 * one expected prints its message and exits 1.
 */
export function failed(out: Output, error: unknown): number {
  const expected = error instanceof UserError;
  const message = errorMessage(error);
  if (message !== '' || !expected) out.error(`intercom-mcp-setup: ${message}`);
  return expected ? error.exitCode : 1;
}

/** Output for a line said before or after any command runs: no --json, no colour on stderr. */
function plainOutput(): Output {
  return new Output(processStreams(), { json: false, color: false });
}

/**
 * A usage error src/cli/main.ts finds before any command runs (an unknown command): its line
 * through Output, masked and wrapped like every other (what was typed can be a token), exit 2.
 */
export function refuse(message: string): number {
  return failed(plainOutput(), new UsageError(message));
}

/** An error that escaped everything (src/bin.ts): `unexpected error: …` through Output, exit 1. */
export function unexpected(error: unknown): number {
  plainOutput().error(`intercom-mcp-setup: unexpected error: ${errorMessage(error)}`);
  return 1;
}

/** For src/bin.ts, which ends the process at once when every line of the run is out. */
export { everyWriteIsOut } from '../ui/stdio.js';
