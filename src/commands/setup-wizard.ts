import * as prompts from '@clack/prompts';
import type { Writable } from 'node:stream';
import { CLIENTS } from '../clients/index.js';
import { displayPath } from '../clients/paths.js';
import { endpointUrl, transportOfUrl, type Transport } from '../core/endpoint.js';
import { applyChange, expandTargets, planSetup, type ClientChange } from '../engine/changes.js';
import type { Options } from '../core/options.js';
import { changeHeading, renderDiff } from '../engine/report.js';
import { cancelPrompts, promptOutput } from '../ui/prompt-output.js';
import type { CommandContext } from '../ui/context.js';
import { entrySpec } from '../engine/changes.js';
import { recordRun } from '../engine/journal.js';
import { entriesByMode, nextStepsFor, nativeSignInNote } from '../engine/next-steps.js';
import { foreignUrlWarning } from '../core/endpoint.js';
import type { LoginUi } from '../auth/sign-in.js';
import type { LoginResult } from '../auth/login.js';
import { command } from '../core/invocation.js';

const CANCELLED = 'Cancelled: no file was changed.';

/** The width the prompt library leaves for a message: the terminal less its "│  " bar. */
function promptWidth(): number {
  return (process.stdout.columns || 80) - 3;
}

/** The answer, or — for Ctrl-C/Escape — the cancellation, before anything was written. */
function answerOf<T>(value: T, output: Writable): Exclude<T, symbol> {
  if (prompts.isCancel(value)) cancelPrompts(prompts, CANCELLED, output);
  return value as Exclude<T, symbol>;
}

export async function runSetupWizard(ctx: CommandContext, options: Options): Promise<number> {
  const { platform, out } = ctx;
  const output = promptOutput(out);
  const common = { output };
  const { colors } = out;
  const answered = <T>(value: T) => answerOf(value, output);

  prompts.intro(colors.bold(' intercom-mcp-setup '), common);

  const warning = foreignUrlWarning(options.url);
  if (warning && !options.yes) {
    const proceed = answered(await prompts.confirm({ message: `${warning}. Continue?`, initialValue: false, ...common }));
    if (!proceed) cancelPrompts(prompts, CANCELLED, output);
  }

  const detections = new Map(CLIENTS.map((client) => [client.id, client.detect(platform)]));
  const choices = CLIENTS.map((client) => {
    const detection = detections.get(client.id);
    const hint = client.shape ? (detection?.detected ? detection.evidence : 'not found') : 'web app: shows the steps';
    return { value: client.id, label: client.label, hint };
  });
  const selectedIds = answered(
    await prompts.multiselect({
      message: 'Which clients should connect to Intercom?',
      options: choices,
      initialValues: CLIENTS.filter((client) => detections.get(client.id)?.detected).map((client) => client.id),
      required: true,
      ...common,
    }),
  );
  const selected = CLIENTS.filter((client) => selectedIds.includes(client.id));

  let scope = options.scope;
  const projectCapable = selected.filter((client) => client.configPath(platform, 'project'));
  if (projectCapable.length > 0) {
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

  let url = options.url;
  if (!options.urlGiven && !options.transportGiven) {
    const transport = answered(
      await prompts.select<Transport>({
        message: 'Which Intercom endpoint?',
        options: [
          { value: 'sse', label: `SSE  ${endpointUrl(options.region, 'sse')}`, hint: "as in Intercom's setup guide" },
          { value: 'http', label: `Streamable HTTP  ${endpointUrl(options.region, 'http')}`, hint: 'Intercom now recommends it' },
        ],
        initialValue: options.transport,
        ...common,
      }),
    );
    url = endpointUrl(options.region, transport);
  }

  const spec = { ...entrySpec(options), url };
  const planned = await Promise.all(
    expandTargets(
      platform,
      selected.map((client) => ({ client, scope: client.configPath(platform, scope) ? scope : ('user' as const) })),
    ).map((target) => planSetup(target, platform, spec)),
  );
  showPlan(planned, ctx, common);

  const writable = planned.filter((change) => change.action === 'created' || change.action === 'updated');
  if (writable.length > 0) {
    const go = answered(
      await prompts.confirm({ message: `Write ${writable.length === 1 ? 'this change' : `these ${writable.length} changes`}?`, initialValue: true, ...common }),
    );
    if (!go) cancelPrompts(prompts, CANCELLED, output);
  }

  const applied = await Promise.all(planned.map((change) => applyChange(change, spec, false, { onWait: (message) => ctx.out.error(message) })));
  recordRun(ctx, 'setup', applied);
  for (const change of applied) {
    const line = changeHeading(change, platform, colors, false, promptWidth());
    if (change.action === 'failed') prompts.log.error(`${line}\n${change.error ?? ''}`, common);
    else prompts.log.success(change.backup ? `${line}\n${colors.dim(`backup: ${displayPath(platform, change.backup)}`)}` : line, common);
  }

  let reachable: boolean | undefined;
  if (options.check) {
    const spinner = prompts.spinner(common);
    spinner.start(`Checking that ${url} is reachable`);
    const { runConnectivityCheck } = await import('../doctor/connectivity.js');
    const ok = await runConnectivityCheck({ ...ctx, out }, [url], options.timeoutMs, { quiet: true });
    reachable = ok;
    spinner.stop(ok ? `Intercom is reachable (${transportOfUrl(url) === 'http' ? 'Streamable HTTP' : 'SSE'})` : 'Intercom is not reachable: see above');
  }

  const login = await offerSignIn(ctx, options, applied, url, reachable, common);

  const steps = nextStepsFor(applied, url, options.name);
  if (steps.size > 0) {
    prompts.note([...steps].map(([label, step]) => `${colors.cyan(label)}: ${step}`).join('\n'), 'Next steps', common);
  }
  const failed = applied.some((change) => change.action === 'failed');
  prompts.outro(failed ? 'Some clients could not be set up: see the errors above.' : 'Done.', common);
  // A cancelled sign-in ends the run (CancelledError, exit 130) only now, after the wizard's last lines.
  const loginCode = login ? await import('../auth/sign-in.js').then(({ exitCodeOf }) => exitCodeOf(login)) : 0;
  return failed || loginCode !== 0 ? 1 : 0;
}

/** Progress of the sign-in in clack's style: its spinner, and log lines for the URL and notes. */
function clackUi(common: { output?: Writable }): LoginUi {
  const spinner = prompts.spinner(common);
  let spinning = false;
  return {
    info(text) {
      if (spinning) spinner.clear();
      spinning = false;
      prompts.log.message(text, common);
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
  common: { output?: Writable },
): Promise<LoginResult | undefined> {
  const { bridge, native } = entriesByMode(applied);
  if (native.length > 0) prompts.log.info(nativeSignInNote(native), common);
  if (bridge.length === 0) return undefined;
  if (!options.login && reachable !== true) {
    const why = reachable === false ? 'once Intercom is reachable' : 'now or later';
    prompts.log.info(`To sign in ${why} without waiting for a client to ask: ${command(`login${url === options.url && !options.urlGiven ? '' : ` --url ${url}`}`)}`, common);
    return undefined;
  }
  if (!options.login) {
    const answer = await prompts.confirm({ message: 'Sign in to Intercom now? (opens your browser once; the bridge entries then reuse the sign-in)', initialValue: true, ...common });
    if (prompts.isCancel(answer) || !answer) {
      prompts.log.info(`Not signing in now: run ${command(`login${options.urlGiven ? ` --url ${url}` : ''}`)} any time, or sign in when a client asks.`, common);
      return undefined;
    }
  }
  const { LOGIN_DEFAULT_TIMEOUT_MS } = await import('../auth/login.js');
  const { signInWithProgress, successLines, failureLineOf, cancelledLine } = await import('../auth/sign-in.js');
  const result = await signInWithProgress(ctx, { url, timeoutMs: LOGIN_DEFAULT_TIMEOUT_MS, ui: clackUi(common) });
  if (result.ok) prompts.log.success(successLines(ctx, result).join('\n'), common);
  else if (result.cancelled) prompts.log.warn(cancelledLine(), common);
  else prompts.log.error(failureLineOf(result) ?? 'login failed', common);
  return result;
}

function showPlan(planned: ClientChange[], ctx: CommandContext, common: { output?: Writable }): void {
  const { platform, out } = ctx;
  for (const change of planned) {
    const lines = [changeHeading(change, platform, out.colors, true, promptWidth())];
    if (change.error) lines.push(out.colors.red(change.error));
    for (const note of change.notes) lines.push(out.colors.dim(note));
    lines.push(...renderDiff(change, out.colors, 24).map((line) => line.slice(2)));
    prompts.log.message(lines.join('\n'), common);
  }
}
