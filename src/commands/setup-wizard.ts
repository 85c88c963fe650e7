/**
 * The setup wizard: which clients (those already set up are marked), where the entry goes, where
 * the Intercom workspace lives, then a short plan and the diffs before one confirmation. Every
 * flag that answers a question skips it; --dry-run stops after the plan. Everything it prints goes
 * through Output's masking and is word-wrapped inside clack's frame.
 */
import * as prompts from '@clack/prompts';
import type { Writable } from 'node:stream';
import { CLIENTS, type ClientDescriptor } from '../clients/index.js';
import { displayPath } from '../clients/paths.js';
import { endpointUrl, foreignUrlWarning, type Region } from '../core/endpoint.js';
import { command } from '../core/invocation.js';
import type { Options } from '../core/options.js';
import { applyChange, entrySpec, expandTargets, planSetup, type ClientChange } from '../engine/changes.js';
import { recordRun } from '../engine/journal.js';
import { entriesByMode, nativeSignInNote, nextStepsFor } from '../engine/next-steps.js';
import { changeHeading, renderDiff, writtenChanges } from '../engine/report.js';
import { clientStatuses, type ClientStatus } from '../engine/status.js';
import { chooseEntry, isRefusal } from '../entries/expected-entry.js';
import type { LoginUi } from '../auth/sign-in.js';
import type { LoginResult } from '../auth/login.js';
import type { CommandContext } from '../ui/context.js';
import type { Output } from '../ui/output.js';
import { pickList, type PickOption } from '../ui/pick-list.js';
import { cancelPrompts, fitToFrame, promptOutput } from '../ui/prompt-output.js';

const CANCELLED = 'Cancelled: no file was changed.';
const DECLINED = 'Nothing was written.';

interface Frame {
  common: { output: Writable };
  /** Text masked and wrapped to what clack leaves of the line after its "│  ". */
  fit(text: string, inset?: number): string;
  colors: Output['colors'];
}

/** The answer, or — for Ctrl-C/Escape — the cancellation, before anything was written. */
function answerOf<T>(value: T, frame: Frame): Exclude<T, symbol> {
  if (prompts.isCancel(value)) cancelPrompts(prompts, CANCELLED, frame.common.output);
  return value as Exclude<T, symbol>;
}

/** A client whose every config file already holds a correct Intercom entry. */
function isSetUp(statuses: ClientStatus[]): boolean {
  return statuses.length > 0 && statuses.every((status) => status.correct && !status.error);
}

/** The region the existing Intercom entries use, to offer it first. */
function regionInUse(statuses: ClientStatus[]): Region | undefined {
  const texts = statuses.filter((status) => status.configured).map((status) => JSON.stringify(status.entry?.value ?? ''));
  if (texts.some((text) => text.includes('mcp.eu.intercom.com'))) return 'eu';
  if (texts.some((text) => text.includes('mcp.intercom.com'))) return 'us';
  return undefined;
}

/** Whether the entry a client gets, given a /mcp URL, connects to Intercom itself (no bridge). */
function readsMcpNatively(client: ClientDescriptor, native: boolean, region: Region): boolean {
  if (!client.shape) return true; // claude.ai: its connector takes the /mcp URL
  const choice = chooseEntry(client, { url: endpointUrl(region, 'http'), native });
  return !isRefusal(choice) && choice.mode === 'native';
}

/**
 * The endpoint for the clients picked: --url or --transport as given; otherwise Streamable HTTP
 * when every client picked connects to it natively, else SSE (Intercom's setup guide), which the
 * mcp-remote bridge uses. With the one line that says which and why.
 */
function endpointFor(selected: ClientDescriptor[], options: Options, region: Region): { url: string; why: string } {
  if (options.urlGiven) return { url: options.url, why: `Intercom endpoint: ${options.url} (--url)` };
  if (options.transportGiven)
    return {
      url: endpointUrl(region, options.transport),
      why: `Intercom endpoint: ${endpointUrl(region, options.transport)} (--transport ${options.transport})`,
    };
  if (selected.every((client) => readsMcpNatively(client, options.native, region))) {
    const labels = selected.map((client) => client.label);
    const url = endpointUrl(region, 'http');
    return {
      url,
      why: `Intercom endpoint: ${url}, Streamable HTTP, which Intercom recommends: ${labels.join(', ')} ${labels.length === 1 ? 'connects' : 'connect'} to it directly.`,
    };
  }
  const url = endpointUrl(region, options.transport);
  return {
    url,
    why:
      options.transport === 'sse'
        ? `Intercom endpoint: ${url}, as in Intercom's setup guide (the mcp-remote bridge connects to it; --transport http for Streamable HTTP).`
        : `Intercom endpoint: ${url}.`,
  };
}

export async function runSetupWizard(ctx: CommandContext, options: Options): Promise<number> {
  const { platform, out } = ctx;
  // Every frame goes through Output: masked (other servers' tokens never show), colour as asked.
  const output = promptOutput(out);
  const frame: Frame = {
    common: { output },
    fit: (text, inset = 3) => fitToFrame(out, text, process.stdout, inset),
    colors: out.colors,
  };
  const { common, fit, colors } = frame;
  const answered = <T>(value: T) => answerOf(value, frame);

  prompts.intro(colors.bold(' intercom-mcp-setup '), common);
  if (options.dryRun) prompts.log.info(fit('Dry run (--dry-run): the questions and the plan; nothing is written.'), common);

  const warning = foreignUrlWarning(options.url);
  if (warning && !options.yes) {
    const proceed = answered(await prompts.confirm({ message: fit(`${warning}. Continue?`, 3), initialValue: false, ...common }));
    if (!proceed) {
      prompts.outro(DECLINED, common);
      return 0;
    }
  }

  // 1. Which clients: the detected ones preselected, those already set up marked and left out.
  const statusOptions = { scope: options.scope, name: options.name, url: options.url };
  const clients = await Promise.all(
    CLIENTS.map(async (client) => {
      const detection = client.detect(platform);
      const statuses = client.shape ? await clientStatuses(client, platform, statusOptions) : [];
      return { client, detection, statuses, setUp: client.shape !== undefined && isSetUp(statuses) };
    }),
  );
  const detected = clients.filter((entry) => entry.client.shape && entry.detection.detected);
  if (detected.length > 0 && detected.every((entry) => entry.setUp)) {
    const where = detected.map((entry) => `${entry.client.label} (${entry.statuses.map((status) => displayPath(platform, status.path ?? '')).join(', ')})`);
    prompts.log.success(fit(`Intercom is already set up in every client found here: ${where.join(', ')}.`), common);
    prompts.log.info(
      fit(
        `Nothing to write. To check the connection: ${command('doctor')}. To add a client that was not found: ${command('--client ID')} (ids: ${command('list')}).`,
      ),
      common,
    );
    prompts.outro('Nothing to do.', common);
    return 0;
  }
  const choices: PickOption<string>[] = clients.map(({ client, detection, setUp }) => ({
    value: client.id,
    label: client.label,
    hint: client.shape ? (detection.detected ? detection.evidence : 'not found') : 'web app: shows the steps',
    ...(setUp ? { note: 'already set up' } : {}),
  }));
  const selectedIds = answered(
    await pickList({
      message: 'Which clients should connect to Intercom?',
      options: choices,
      initialValues: clients.filter((entry) => entry.client.shape && entry.detection.detected && !entry.setUp).map((entry) => entry.client.id),
      output,
      required: 'Select at least one client with Space, then press Enter.',
    }),
  );
  const selected = CLIENTS.filter((client) => selectedIds.includes(client.id));

  // 2. Where the entry goes, when a client picked has a project file and --scope was not given.
  let scope = options.scope;
  const projectCapable = selected.filter((client) => client.configPath(platform, 'project'));
  if (projectCapable.length > 0 && !options.scopeGiven) {
    scope = answered(
      await prompts.select({
        message: 'Where should the entry go?',
        options: [
          { value: 'user' as const, label: 'For me, in every project', hint: 'user scope' },
          {
            value: 'project' as const,
            label: `Only this project (${displayPath(platform, platform.cwd)})`,
            hint: `${projectCapable.map((client) => client.label).join(', ')}; others stay user scope`,
          },
        ],
        initialValue: options.scope,
        ...common,
      }),
    );
  }

  // 3. Where the workspace lives, unless --region or --url said it. Australia: not supported.
  let region = options.region;
  if (!options.urlGiven && !options.regionGiven) {
    const inUse = regionInUse(clients.flatMap((entry) => entry.statuses));
    const answer = answered(
      await prompts.select<Region | 'au'>({
        message: 'Where is your Intercom workspace?',
        options: [
          { value: 'us', label: 'app.intercom.com — United States' },
          { value: 'eu', label: 'app.eu.intercom.com — Europe' },
          { value: 'au', label: 'app.au.intercom.com — Australia (not supported yet)' },
        ],
        initialValue: inUse ?? options.region,
        ...common,
      }),
    );
    if (answer === 'au') {
      prompts.log.error(
        fit(
          "Intercom's MCP server does not support workspaces hosted in Australia (app.au.intercom.com) yet, so there is nothing to connect your clients to. Nothing was written.",
        ),
        common,
      );
      prompts.outro('Stopped: Australian workspaces are not supported.', common);
      return 1;
    }
    region = answer;
  }
  const { url, why } = endpointFor(selected, options, region);
  prompts.log.info(fit(why), common);

  // 4. The plan: one line per file, and the diffs, shown here when they fit the screen, above it otherwise.
  const spec = { ...entrySpec(options), url };
  const planned = await Promise.all(
    expandTargets(
      platform,
      selected.map((client) => ({ client, scope: client.configPath(platform, scope) ? scope : ('user' as const) })),
    ).map((target) => planSetup(target, platform, spec)),
  );
  const writable = planned.filter((change) => change.action === 'created' || change.action === 'updated');
  showPlan(planned, ctx, frame, writable.length > 0 && !options.dryRun);

  if (options.dryRun) {
    if (writable.length > 0)
      prompts.log.info(fit(`Run again without --dry-run to write ${writable.length === 1 ? 'this change' : `these ${writable.length} changes`}.`), common);
    prompts.outro('Dry run: nothing written.', common);
    return planned.some((change) => change.action === 'failed') ? 1 : 0;
  }
  if (writable.length === 0) {
    const steps = nextStepsFor(planned, url, options.name);
    if (steps.size > 0) showNextSteps(steps, frame);
    const failed = planned.some((change) => change.action === 'failed');
    // claude.ai has no file: its steps are what there is to do.
    const outro = failed
      ? 'Nothing was written: see the errors above.'
      : steps.size > 0
        ? 'Nothing to write: the next steps above say what to do.'
        : 'Nothing to write: those clients are set up.';
    prompts.outro(outro, common);
    return failed ? 1 : 0;
  }
  const go = answered(
    await prompts.confirm({ message: `Write ${writable.length === 1 ? 'this change' : `these ${writable.length} changes`}?`, initialValue: true, ...common }),
  );
  if (!go) {
    prompts.outro(DECLINED, common);
    return 0;
  }

  // 5. Write, then say what was done: only the files written (or that failed), once.
  // A client holding the file's lock: said inside the frame, while the write waits for it.
  const onWait = (message: string) => prompts.log.warn(fit(message), common);
  const applied = await Promise.all(planned.map((change) => applyChange(change, spec, false, { onWait })));
  await recordRun(ctx, 'setup', applied);
  const written = writtenChanges(applied);
  const failures = applied.filter((change) => change.action === 'failed');
  if (written.length > 0) {
    const lines = written.flatMap((change) => [
      changeHeading(change, platform, colors, { planned: false }, (process.stdout.columns || 80) - 3),
      ...(change.backup ? [colors.dim(`  backup: ${displayPath(platform, change.backup)}`)] : []),
    ]);
    prompts.log.success(fit(lines.join('\n')), common);
  }
  for (const change of failures) {
    prompts.log.error(fit(`${changeHeading(change, platform, colors, { planned: false }, (process.stdout.columns || 80) - 3)}\n${change.error ?? ''}`), common);
  }

  // 6. The check, only when something was written; in a line or two.
  let reachable: boolean | undefined;
  if (options.check && written.length > 0) {
    const { checkReachable, reachableLine, unreachableLines } = await import('../doctor/connectivity.js');
    const spinner = prompts.spinner(common);
    spinner.start('Checking that Intercom is reachable');
    const reach = await checkReachable(platform, url, options.timeoutMs);
    spinner.clear();
    reachable = reach.ok;
    if (reach.ok) prompts.log.success(fit(reachableLine(url)), common);
    else {
      const labels = [...new Set(written.map((change) => change.client.label))];
      prompts.log.warn(fit(unreachableLines(reach.failure, labels, failures.length === 0).join('\n')), common);
    }
  }

  const login = await offerSignIn(ctx, options, applied, url, reachable, frame);

  // 7. What to do next, last.
  const steps = nextStepsFor(applied, url, options.name);
  if (steps.size > 0) showNextSteps(steps, frame);
  prompts.outro(failures.length > 0 ? 'Done, except for the errors above.' : 'Done.', common);
  // A cancelled sign-in ends the run (CancelledError, exit 130) only now, after the wizard's last lines.
  const loginCode = login ? await import('../auth/sign-in.js').then(({ exitCodeOf }) => exitCodeOf(login)) : 0;
  return failures.length > 0 || loginCode !== 0 ? 1 : 0;
}

function showNextSteps(steps: Map<string, string>, frame: Frame): void {
  const { colors } = frame;
  // The note draws a box of its own (6 columns of border and padding) and breaks words itself
  // when a line is wider than that: wrapped here first, it never has to.
  const text = [...steps].map(([label, step]) => frame.fit(`${colors.cyan(label)}: ${step}`, 8)).join('\n');
  prompts.note(text, 'Next steps', frame.common);
}

/** Progress of the sign-in in clack's style: its spinner, and log lines for the URL and notes. */
function clackUi(frame: Frame): LoginUi {
  const spinner = prompts.spinner(frame.common);
  let spinning = false;
  return {
    info(text) {
      if (spinning) spinner.clear();
      spinning = false;
      prompts.log.message(frame.fit(text), frame.common);
    },
    spin(text) {
      if (spinning) spinner.message(text);
      else spinner.start(text);
      spinning = true;
    },
    stopSpin() {
      if (spinning) spinner.clear();
      spinning = false;
    },
  };
}

/**
 * After writing: native entries sign in by themselves (said so); for bridge entries, a confirm
 * "Sign in to Intercom now?" (skipped with --login), then the same sign-in as `login`. Offered
 * only once the connectivity check found Intercom reachable: with --no-check (or an unreachable
 * Intercom) it says how to sign in later instead. Returns the sign-in's result, when it ran.
 */
async function offerSignIn(
  ctx: CommandContext,
  options: Options,
  applied: ClientChange[],
  url: string,
  reachable: boolean | undefined,
  frame: Frame,
): Promise<LoginResult | undefined> {
  const { common, fit } = frame;
  const { bridge, native } = entriesByMode(applied);
  if (native.length > 0) prompts.log.info(fit(nativeSignInNote(native)), common);
  if (bridge.length === 0) return undefined;
  const loginCommand = command(`login${url === options.url && !options.urlGiven ? '' : ` --url ${url}`}`);
  if (!options.login && reachable !== true) {
    const why = reachable === false ? 'once Intercom is reachable' : 'now or later';
    prompts.log.info(fit(`To sign in ${why} without waiting for a client to ask: ${loginCommand}`), common);
    return undefined;
  }
  if (!options.login) {
    const answer = await prompts.confirm({
      message: fit('Sign in to Intercom now? (opens your browser once; the bridge entries then reuse the sign-in)'),
      initialValue: true,
      ...common,
    });
    if (prompts.isCancel(answer) || !answer) {
      prompts.log.info(fit(`Not signing in now: run ${loginCommand} any time, or sign in when a client asks.`), common);
      return undefined;
    }
  }
  const { LOGIN_DEFAULT_TIMEOUT_MS } = await import('../auth/login.js');
  const { signInWithProgress, successLines, failureLineOf, cancelledLine } = await import('../auth/sign-in.js');
  const result = await signInWithProgress(ctx, { url, timeoutMs: LOGIN_DEFAULT_TIMEOUT_MS, ui: clackUi(frame) });
  if (result.ok) prompts.log.success(fit(successLines(ctx, result).join('\n')), common);
  else if (result.cancelled) prompts.log.warn(fit(cancelledLine()), common);
  else prompts.log.error(fit(failureLineOf(result) ?? 'login failed'), common);
  return result;
}

/** The diff of one file, under a line that names it. */
function diffBlock(change: ClientChange, ctx: CommandContext): string[] {
  const lines = renderDiff(change, ctx.out.colors, 24).map((line) => line.slice(2));
  if (lines.length === 0) return [];
  const where = change.path ? displayPath(ctx.platform, change.path) : '';
  return [`${ctx.out.colors.bold(change.client.label)}: ${where}`, ...lines];
}

/**
 * The short plan (one line per file: client, action, path, and its notes) before the confirm,
 * and the diffs: after the plan when plan, diffs and confirm fit the screen together; before
 * it otherwise, so the plan and the question stay on screen and the diffs are a scroll away.
 */
function showPlan(planned: ClientChange[], ctx: CommandContext, frame: Frame, confirming: boolean): void {
  const { platform, out } = ctx;
  const { common, fit } = frame;
  const width = (process.stdout.columns || 80) - 3;
  const plan: string[] = [];
  for (const change of planned) {
    plan.push(changeHeading(change, platform, out.colors, { planned: true }, width));
    if (change.error) plan.push(out.colors.red(`  ${change.error}`));
    for (const note of change.notes) plan.push(out.colors.dim(`  ${note}`));
  }
  const diffs = planned.map((change) => diffBlock(change, ctx)).filter((block) => block.length > 0);
  const planText = fit(plan.join('\n'));
  const diffTexts = diffs.map((block) => fit(block.join('\n')));
  const rows = process.stdout.rows || 24;
  const lineCount = (text: string) => text.split('\n').length + 1;
  const needed = lineCount(planText) + 1 + diffTexts.reduce((sum, text) => sum + lineCount(text), 0) + (confirming ? 4 : 2);
  const fits = needed <= rows;
  const title = confirming ? 'The plan (nothing is written before you confirm):' : 'The plan:';
  if (!fits) for (const text of diffTexts) prompts.log.message(text, common);
  prompts.log.step(
    `${title}\n${planText}${!fits && diffTexts.length > 0 ? `\n${out.colors.dim(fit('The lines each file gets are printed above: scroll up to read them.'))}` : ''}`,
    common,
  );
  if (fits) for (const text of diffTexts) prompts.log.message(text, common);
}
