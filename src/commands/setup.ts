import type { ClientDescriptor } from '../clients/index.js';
import { applyChange, detectedClients, planSetup, resolveTargets, resultRow, type ClientChange, type EntrySpec } from '../engine/changes.js';
import { checkEndpointUrl, transportOfUrl } from '../core/endpoint.js';
import { UsageError } from '../core/errors.js';
import type { LoginResult } from '../auth/login.js';
import type { Options } from '../cli/options.js';
import { printOutcome, printPlan } from '../engine/report.js';
import type { CommandContext } from '../ui/context.js';

export function entrySpec(options: Options): EntrySpec {
  return { url: options.url, name: options.name, native: options.native, ...(options.tokenEnv ? { tokenEnv: options.tokenEnv } : {}) };
}

/** Steps to show after writing, one per client that changed or needs something done by hand. */
export function nextStepsFor(changes: ClientChange[], url: string, name: string): Map<string, string> {
  const steps = new Map<string, string>();
  for (const change of changes) {
    const needsStep =
      change.action === 'created' || change.action === 'updated' || (change.action === 'skipped' && !change.client.shape);
    if (!needsStep) continue;
    steps.set(change.client.label, change.client.nextStep({ url, transport: transportOfUrl(url), mode: change.mode ?? 'bridge', name, scope: change.scope, ...(change.tokenEnv ? { tokenEnv: change.tokenEnv } : {}) }));
  }
  return steps;
}

/** The entries in place after writing: bridges (mcp-remote, signed in by `login`) and the clients' own. */
export function entriesByMode(changes: ClientChange[]): { bridge: ClientChange[]; native: ClientChange[] } {
  const inPlace = changes.filter((change) => change.client.shape && ['created', 'updated', 'unchanged'].includes(change.action));
  return {
    bridge: inPlace.filter((change) => (change.mode ?? 'bridge') === 'bridge'),
    native: inPlace.filter((change) => change.mode === 'native'),
  };
}

/** Native entries keep their tokens in the client: what to say instead of signing in for them. */
export function nativeSignInNote(native: ClientChange[]): string {
  const labels = [...new Set(native.map((change) => change.client.label))];
  const one = labels.length === 1;
  return `${labels.join(', ')} ${one ? 'uses its' : 'use their'} own entry and ${one ? 'keeps its' : 'keep their'} own sign-in: ${one ? 'it opens' : 'each opens'} the browser the first time ${one ? 'it connects' : 'they connect'}; login only signs in the mcp-remote bridge entries.`;
}

/** --login after writing: signs in once for the bridge entries, says why not otherwise. */
async function loginAfterSetup(ctx: CommandContext, options: Options, applied: ClientChange[], reachable: boolean): Promise<{ result?: LoginResult; skipped?: string }> {
  const { bridge, native } = entriesByMode(applied);
  const { out } = ctx;
  if (native.length > 0) out.line(nativeSignInNote(native));
  if (bridge.length === 0) return { skipped: 'no mcp-remote bridge entry is in place, so there is nothing to sign in for here' };
  if (!reachable) return { skipped: 'Intercom is not reachable (see the checks above): fix that, then run intercom-mcp-setup login' };
  const { LOGIN_DEFAULT_TIMEOUT_MS } = await import('../auth/login.js');
  const { signInWithProgress, terminalUi } = await import('./login.js');
  const ui = terminalUi(ctx);
  ui.info(`Signing in to Intercom for ${bridge.map((change) => change.client.label).join(', ')} (--login)…`);
  return { result: await signInWithProgress(ctx, { url: options.url, timeoutMs: LOGIN_DEFAULT_TIMEOUT_MS, ui }) };
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
    const { runSetupWizard } = await import('./setup-wizard.js');
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
  // Without a preview, each file is read once, when it is written (see planSetup's deferRead).
  const planned = await Promise.all(targets.map((target) => planSetup(target, platform, spec, { deferRead: !options.dryRun })));
  if (options.dryRun) {
    if (options.json) out.json({ results: planned.map(resultRow), dryRun: true });
    else {
      out.line(out.colors.bold(`Dry run: nothing is written. Endpoint ${options.url}`));
      printPlan(out, platform, planned);
    }
    return planned.some((change) => change.action === 'failed') ? 1 : 0;
  }
  const applied = await Promise.all(planned.map((change) => applyChange(change, spec, false)));
  const failed = applied.some((change) => change.action === 'failed');
  if (options.json) {
    if (!options.login) {
      out.json({ results: applied.map(resultRow) });
      return failed ? 1 : 0;
    }
    const login = await loginAfterSetup(ctx, options, applied, true);
    const { resultJson, exitCodeOf, failureLineOf } = await import('./login.js');
    out.json({ results: applied.map(resultRow), login: login.result ? resultJson(login.result) : { skipped: login.skipped } });
    const failure = login.result ? failureLineOf(login.result) : undefined;
    if (failure) out.error(failure);
    const loginCode = login.result ? exitCodeOf(login.result) : 0;
    return loginCode === 130 ? 130 : failed || loginCode !== 0 ? 1 : 0;
  }
  printOutcome(out, platform, applied, nextStepsFor(applied, options.url, options.name));
  let reachable = true;
  if (options.check) {
    // Loaded only now: the network code is not needed to write files.
    const { runConnectivityCheck } = await import('../doctor/connectivity.js');
    reachable = await runConnectivityCheck(ctx, [options.url], options.timeoutMs);
  }
  if (!options.login) return failed ? 1 : 0;
  const login = await loginAfterSetup(ctx, options, applied, reachable);
  if (!login.result) {
    out.line(`Not signing in (--login): ${login.skipped}.`);
    return failed ? 1 : 0;
  }
  const { reportLogin, exitCodeOf } = await import('./login.js');
  reportLogin(ctx, login.result, false);
  const loginCode = exitCodeOf(login.result);
  return loginCode === 130 ? 130 : failed || loginCode !== 0 ? 1 : 0;
}
