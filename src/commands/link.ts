import { CliError } from '../errors.js';
import type { Options } from '../options.js';
import type { CommandContext } from './context.js';

export async function runLink(ctx: CommandContext, options: Options): Promise<number> {
  void ctx;
  void options;
  throw new CliError('link is not available in this version yet');
}
