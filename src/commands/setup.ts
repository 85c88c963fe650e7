import type { ClientDescriptor } from '../clients/index.js';
import { applyChange, detectedClients, entrySpec, planSetup, resolveTargets, resultRow, type ClientChange } from '../engine/changes.js';
import { entriesByMode, nativeSignInNote, nextStepsFor } from '../engine/next-steps.js';
import { foreignUrlWarning } from '../core/endpoint.js';
import { UsageError } from '../core/errors.js';
import type { LoginResult } from '../auth/login.js';
import { recordRun } from '../engine/journal.js';
import type { Options } from '../core/options.js';
import { printNextSteps, printPlan, printResults, writtenChanges } from '../engine/report.js';
import type { CommandContext } from '../ui/context.js';
import { command } from '../core/invocation.js';

/** --login after writing: signs in once for the bridge entries, says why not otherwise. */
async function loginAfterSetup(
  ctx: CommandContext,
  options: Options,
  applied: ClientChange[],
  reachable: boolean,
): Promise<{ result?: LoginResult; skipped?: string }> {
  const { bridge, native } = entriesByMode(applied);
  const { out } = ctx;
  if (native.length > 0) out.line(nativeSignInNote(native));
  if (bridge.length === 0) return { skipped: 'no mcp-remote bridge entry is in place, so there is nothing to sign in for here' };
  if (!reachable) return { skipped: `Intercom is not reachable (see above): once it is, run ${command('login')}` };
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

/**
 * The check after writing, in a line or two: reachable, or what failed and that the files are
 * written. Skipped when nothing was written (nothing changed, or every write failed).
 */
async function checkAfterWriting(ctx: CommandContext, options: Options, applied: ClientChange[]): Promise<boolean> {
  const written = writtenChanges(applied);
  if (!options.check || written.length === 0) return true;
  // Loaded only now: the network code is not needed to write files.
  const { checkReachable, reachableLine, unreachableLines } = await import('../doctor/connectivity.js');
  const reach = await checkReachable(ctx.platform, options.url, options.timeoutMs);
  ctx.out.line('');
  if (reach.ok) ctx.out.line(reachableLine(options.url));
  else {
    const labels = [...new Set(written.map((change) => change.client.label))];
    const allWritten = applied.every((change) => change.action !== 'failed');
    for (const line of unreachableLines(reach.failure, labels, allWritten)) ctx.out.line(line);
  }
  return reach.ok;
}

export async function runSetup(ctx: CommandContext, options: Options): Promise<number> {
  const { platform, out } = ctx;
  if (options.clients.length === 0 && !options.yes) {
    // --json is for scripts: it never asks, on a terminal or not.
    if (options.json) throw new UsageError('--json never asks: pass --client ID[,ID...] or --yes');
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
    else out.line(`No AI client was detected. Name one with --client (see "${command('list')}").`);
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
  // Flushed while the report is printed; awaited before anything that waits on the person.
  const journaled = recordRun(ctx, 'setup', applied);
  const failed = applied.some((change) => change.action === 'failed');
  if (options.json) {
    await journaled;
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
  // What was done, the check, the sign-in; the next steps last, whatever the check said.
  printResults(out, platform, applied);
  const reachable = await checkAfterWriting(ctx, options, applied);
  const nextSteps = nextStepsFor(applied, options.url, options.name);
  if (!options.login) {
    printNextSteps(out, nextSteps);
    await journaled;
    return failed ? 1 : 0;
  }
  await journaled;
  const login = await loginAfterSetup(ctx, options, applied, reachable);
  const { reportLogin, exitCodeOf } = await import('../auth/sign-in.js');
  if (!login.result) out.line(`Not signing in (--login): ${login.skipped}.`);
  else reportLogin(ctx, login.result, false);
  printNextSteps(out, nextSteps);
  // A cancelled sign-in ends the run (CancelledError, exit 130) only now, after the next steps.
  const loginCode = login.result ? exitCodeOf(login.result) : 0;
  return failed || loginCode !== 0 ? 1 : 0;
}
