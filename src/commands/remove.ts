import { allTargets, applyChange, planRemoval, resolveTargets, resultRow, type ClientChange, type Target } from '../engine/changes.js';
import { UsageError } from '../core/errors.js';
import { recordRun } from '../engine/journal.js';
import type { Options } from '../core/options.js';
import { printPlan, printResults } from '../engine/report.js';
import type { CommandContext } from '../ui/context.js';

/**
 * A client with no config file has nothing to remove: said so, instead of the setup advice its
 * descriptor gives (install the client, start it once), which makes no sense for a removal.
 */
function nothingToRemove(change: ClientChange): ClientChange {
  if (change.action !== 'skipped' || change.path || !change.client.shape) return change;
  return { ...change, notes: [`nothing to remove: ${change.client.label} has no ${change.scope}-scope config file here`] };
}

export async function runRemove(ctx: CommandContext, options: Options): Promise<number> {
  const { platform, out } = ctx;
  if (options.clients.length === 0) {
    throw new UsageError('remove needs --client ID[,ID...] (or --client all): it removes only the Intercom entry from those clients');
  }
  const all = options.clients.includes('all');
  // `all` looks in every client's file, detected or not (an entry left behind is still removed),
  // and reports only the files that hold an Intercom entry, or that could not be read.
  const targets: Target[] = all ? allTargets(platform, options.scope) : resolveTargets(platform, options.clients, options.scope);
  const spec = { name: options.name, url: options.url };
  const everyPlan = (await Promise.all(targets.map((target) => planRemoval(target, platform, spec)))).map(nothingToRemove);
  const planned = all ? everyPlan.filter((change) => change.action === 'removed' || change.action === 'failed') : everyPlan;
  if (all && planned.length === 0) {
    if (options.json) out.json({ results: [], ...(options.dryRun ? { dryRun: true } : {}) });
    else out.line(`Nothing to remove: no client has an Intercom entry (${everyPlan.filter((change) => change.path).length} config files looked at).`);
    return 0;
  }
  const results = options.dryRun
    ? planned
    : await Promise.all(planned.map((change) => applyChange(change, spec, true, { onWait: (message) => out.error(message) })));
  if (!options.dryRun) await recordRun(ctx, 'remove', results);
  if (options.json) out.json({ results: results.map(resultRow), ...(options.dryRun ? { dryRun: true } : {}) });
  else if (options.dryRun) printPlan(out, platform, results, true);
  else printResults(out, platform, results, true);
  return results.some((change) => change.action === 'failed') ? 1 : 0;
}
