import { allTargets, applyChange, planRemoval, resolveTargets, resultRow, type Target } from '../engine/changes.js';
import { UsageError } from '../core/errors.js';
import { recordRun } from '../engine/journal.js';
import type { Options } from '../core/options.js';
import { printOutcome, printPlan } from '../engine/report.js';
import type { CommandContext } from '../ui/context.js';

export async function runRemove(ctx: CommandContext, options: Options): Promise<number> {
  const { platform, out } = ctx;
  if (options.clients.length === 0) {
    throw new UsageError('remove needs --client ID[,ID...] (or --client all): it removes only the Intercom entry from those clients');
  }
  // `all` here is every client's file, detected or not: an entry left behind is still removed.
  const targets: Target[] = options.clients.includes('all') ? allTargets(platform, options.scope) : resolveTargets(platform, options.clients, options.scope);
  const spec = { name: options.name, url: options.url };
  const planned = await Promise.all(targets.map((target) => planRemoval(target, platform, spec)));
  const results = options.dryRun ? planned : await Promise.all(planned.map((change) => applyChange(change, spec, true, { onWait: (message) => out.error(message) })));
  if (!options.dryRun) recordRun(ctx, 'remove', results);
  if (options.json) out.json({ results: results.map(resultRow), ...(options.dryRun ? { dryRun: true } : {}) });
  else if (options.dryRun) printPlan(out, platform, results);
  else printOutcome(out, platform, results, new Map());
  return results.some((change) => change.action === 'failed') ? 1 : 0;
}
