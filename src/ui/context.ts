import type { Output } from './output.js';
import type { Platform } from '../core/platform.js';

/** What every command gets: the machine, the output, and whether a person can answer prompts. */
export interface CommandContext {
  platform: Platform;
  out: Output;
  /** stdin and stdout are both terminals: prompts are possible. */
  interactive: boolean;
}
