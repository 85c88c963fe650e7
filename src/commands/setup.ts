import type { ClientDescriptor } from '../clients/index.js';
import { applyChange, detectedClients, planSetup, resolveTargets, resultRow, type ClientChange, type EntrySpec } from '../engine.js';
import { checkEndpointUrl, transportOfUrl } from '../endpoint.js';
import { UsageError } from '../errors.js';
import type { Options } from '../options.js';
import { printOutcome, printPlan } from '../report.js';
import type { CommandContext } from './context.js';

export function entrySpec(options: Options): EntrySpec {
  return { url: options.url, name: options.name, native: options.native };
}

/** Steps to show after writing, one per client that changed or needs something done by hand. */
export function nextStepsFor(changes: ClientChange[], url: string): Map<string, string> {
  const steps = new Map<string, string>();
  for (const change of changes) {
    const needsStep =
      change.action === 'created' || change.action === 'updated' || (change.action === 'skipped' && !change.client.shape);
    if (!needsStep) continue;
    steps.set(change.client.label, change.client.nextStep({ url, transport: transportOfUrl(url), mode: change.mode ?? 'bridge' }));
  }
  return steps;
}

function noClientsMessage(detected: ClientDescriptor[]): string {
  const found = detected.length > 0 ? `detected: ${detected.map((client) => client.id).join(', ')}` : 'no client detected';
  return `no terminal to ask which clients to set up (${found}); pass --client ID[,ID...], --client all, or --yes for every detected client`;
}

/** A --url that is not Intercom's would send the sign-in elsewhere: it needs an explicit yes. */
export function foreignUrlWarning(options: Options): string | undefined {
  const verdict = checkEndpointUrl(options.url);
  if (!verdict.foreignHost) return undefined;
  return `--url points at ${verdict.foreignHost}, which is not an Intercom host: the entry will send your sign-in there`;
}

export async function runSetup(ctx: CommandContext, options: Options): Promise<number> {
  const { platform, out } = ctx;
  if (options.clients.length === 0 && !options.yes) {
    if (!ctx.interactive) throw new UsageError(noClientsMessage(detectedClients(platform)));
    const { runSetupWizard } = await import('../wizard/setup-wizard.js');
    return runSetupWizard(ctx, options);
  }
  const warning = foreignUrlWarning(options);
  if (warning && !options.yes) throw new UsageError(`${warning}; pass --yes to write it anyway`);
  if (warning) out.error(`warning: ${warning}`);

  const targets = resolveTargets(platform, options.clients.length > 0 ? options.clients : ['all'], options.scope);
  if (targets.length === 0) {
    if (options.json) out.json({ results: [] });
    else out.line('No AI client was detected. Name one with --client (see "intercom-mcp-setup list").');
    return 1;
  }
  const spec = entrySpec(options);
  const planned = await Promise.all(targets.map((target) => planSetup(target, platform, spec)));
  if (options.dryRun) {
    if (options.json) out.json({ results: planned.map(resultRow), dryRun: true });
    else {
      out.line(out.colors.bold(`Dry run: nothing is written. Endpoint ${options.url}`));
      printPlan(out, platform, planned);
    }
    return planned.some((change) => change.action === 'failed') ? 1 : 0;
  }
  const applied = await Promise.all(planned.map((change) => applyChange(change, spec, false)));
  if (options.json) out.json({ results: applied.map(resultRow) });
  else printOutcome(out, platform, applied, nextStepsFor(applied, options.url));
  if (options.check && !options.json) {
    // Loaded only now: the network code is not needed to write files.
    const { runConnectivityCheck } = await import('./connectivity.js');
    await runConnectivityCheck(ctx, [options.url], options.timeoutMs);
  }
  return applied.some((change) => change.action === 'failed') ? 1 : 0;
}
