import type { Options } from '../options.js';
import type { CommandContext } from './context.js';

export async function runDoctor(ctx: CommandContext, options: Options): Promise<number> {
  void ctx;
  void options;
  throw new Error('doctor is being built');
}
