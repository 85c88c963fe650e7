import type { ClientDescriptor } from '../clients/index.js';
import { applyChange, detectedClients, entrySpec, planSetup, resolveTargets, resultRow, type ClientChange } from '../engine/changes.js';
import { entriesByMode, nativeSignInNote, nextStepsFor } from '../engine/next-steps.js';
import { foreignUrlWarning } from '../core/endpoint.js';
import { UsageError } from '../core/errors.js';
import type { LoginResult } from '../auth/login.js';
import { recordRun } from '../engine/journal.js';
import type { Options } from '../core/options.js';
import { printOutcome, printPlan } from '../engine/report.js';
import type { CommandContext } from '../ui/context.js';

/** --login after writing: signs in once for the bridge entries, says why not otherwise. */
async function loginAfterSetup(ctx: CommandContext, options: Options, applied: ClientChange[], reachable: boolean): Promise<{ result?: LoginResult; skipped?: string }> {
  const { bridge, native } = entriesByMode(applied);
  const { out } = ctx;
  if (native.length > 0) out.line(nativeSignInNote(native));
  if (bridge.length === 0) return { skipped: 'no mcp-remote bridge entry is in place, so there is nothing to sign in for here' };
  if (!reachable) return { skipped: 'Intercom is not reachable (see the checks above): fix that, then run intercom-mcp-setup login' };
  const { LOGIN_DEFAULT_TIMEOUT_MS } = await import('../auth/login.js');
  const { signInWithProgress, terminalUi } = await import('../auth/sign-in.js');
  const ui = terminalUi(ctx);
  ui.info(`Signing in to Intercom for ${bridge.map((change) => change.client.label).join(', ')} (--login)…`);
  return { result: await signInWithProgress(ctx, { url: options.url, timeoutMs: LOGIN_DEFAULT_TIMEOUT_MS, ui }) };
}

function noClientsMessage(detected: ClientDescriptor[]): string {
  const found = detected.length > 0 ? `detected: ${detected.map((client) => client.id).join(', ')}` : 'no client detected';
  return `no terminal to ask which clients to set up (${found}); pass --client ID[,ID...], --client all, or --yes for every detected client`;
}

export async function runSetup(ctx: CommandContext, options: Options): Promise<number> {
  const { platform, out } = ctx;
  if (options.clients.length === 0 && !options.yes) {
    if (!ctx.interactive) throw new UsageError(noClientsMessage(detectedClients(platform)));
    const { runSetupWizard } = await import('./setup-wizard.js');
    return runSetupWizard(ctx, options);
  }
  const warning = foreignUrlWarning(options.url);
  if (warning && !options.yes) throw new UsageError(`${warning}; pass --yes to write it anyway`);
  if (warning) out.error(`warning: ${warning}`);

  const targets = resolveTargets(platform, options.clients.length > 0 ? options.clients : ['all'], options.scope);
  if (targets.length === 0) {
    if (options.json) out.json({ results: [] });
    else out.line('No AI client was detected. Name one with --client (see "intercom-mcp-setup list").');
    return 1;
  }
  const spec = entrySpec(options);
  if (options.dryRun) {
    const planned = await Promise.all(targets.map((target) => planSetup(target, platform, spec)));
    if (options.json) out.json({ results: planned.map(resultRow), dryRun: true });
    else {
      out.line(out.colors.bold(`Dry run: nothing is written. Endpoint ${options.url}`));
      printPlan(out, platform, planned);
    }
    return planned.some((change) => change.action === 'failed') ? 1 : 0;
  }
  // Without a preview, each file is read once, when it is written (see planSetup's deferRead).
  const pending = await Promise.all(targets.map((target) => planSetup(target, platform, spec, { deferRead: true })));
  const applied = await Promise.all(pending.map((change) => applyChange(change, spec, false, { onWait: (message) => out.error(message) })));
  recordRun(ctx, 'setup', applied);
  const failed = applied.some((change) => change.action === 'failed');
  if (options.json) {
    if (!options.login) {
      out.json({ results: applied.map(resultRow) });
      return failed ? 1 : 0;
    }
    const login = await loginAfterSetup(ctx, options, applied, true);
    const { resultJson, exitCodeOf, failureLineOf } = await import('../auth/sign-in.js');
    out.json({ results: applied.map(resultRow), login: login.result ? resultJson(login.result) : { skipped: login.skipped } });
    const failure = login.result ? failureLineOf(login.result) : undefined;
    if (failure) out.error(failure);
    const loginCode = login.result ? exitCodeOf(login.result) : 0;
    return failed || loginCode !== 0 ? 1 : 0;
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
  const { reportLogin, exitCodeOf } = await import('../auth/sign-in.js');
  reportLogin(ctx, login.result, false);
  const loginCode = exitCodeOf(login.result);
  return failed || loginCode !== 0 ? 1 : 0;
}
