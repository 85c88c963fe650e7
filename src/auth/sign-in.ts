/** The sign-in flow shared by `login`, `setup --login` and the wizard: progress on a terminal, the result's lines, JSON and exit code. */
import { displayPath } from '../clients/paths.js';
import { findIntercomEntries } from '../entries/intercom-entries.js';
import { failureLine, hasDisplay, LOGIN_DEFAULT_TIMEOUT_MS, packageForUrl, signIn, type LoginEvent, type LoginResult } from './login.js';
import { CancelledError } from '../core/errors.js';
import type { Options } from '../core/options.js';
import type { CommandContext } from '../ui/context.js';
import { statusMark } from '../ui/marks.js';
import { createSpinner } from '../ui/spinner.js';
import { plural } from '../ui/text.js';
import { command } from '../core/invocation.js';

/** Where login shows its progress: plain lines and a spinner here, clack's in the wizard. */
export interface LoginUi {
  /** A line of information (the URL to open, notes). */
  info(text: string): void;
  /** Starts or updates the spinner ("Waiting for …"). */
  spin(text: string): void;
  /** Stops the spinner, leaving nothing behind. */
  stopSpin(): void;
}

/** Lines through Output (masked, stdout or stderr with --json); the spinner when stderr is a terminal. */
export function terminalUi(ctx: CommandContext): LoginUi {
  const spinner = createSpinner(ctx.out);
  let lastPlain: string | undefined;
  return {
    info(line) {
      spinner.above(() => ctx.out.line(line));
    },
    spin(next) {
      if (!spinner.shown) {
        // Without a terminal: each phase once, without the countdown.
        const plain = next.replace(/ \d+:\d\d left.*$/, '');
        if (plain !== lastPlain) ctx.out.line(plain);
        lastPlain = plain;
        return;
      }
      spinner.update(next);
    },
    stopSpin() {
      spinner.stop();
    },
  };
}

function clock(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export interface SignInParams {
  url: string;
  timeoutMs: number;
  ui: LoginUi;
}

/**
 * Runs the sign-in with progress on `ui`: the browser (or, without a display, the URL to open),
 * a spinner with the time left, Ctrl-C (and SIGTERM/SIGHUP) cancelling cleanly. Returns the
 * result; the caller prints the outcome (see {@link outcomeLines}).
 */
export async function signInWithProgress(ctx: CommandContext, params: SignInParams): Promise<LoginResult> {
  const { platform, out } = ctx;
  const { ui, url, timeoutMs } = params;
  const entries = await findIntercomEntries(platform, { name: 'intercom', extraUrls: [url] }).catch(() => []);
  const choice = packageForUrl(entries, url);
  for (const entry of choice.otherKeys) {
    ui.info(
      out.colors.dim(
        `Note: ${entry.client.label}'s entry passes extra options to mcp-remote, so it keeps its sign-in under another key; this login is for the plain ${url} entries.`,
      ),
    );
  }
  if (choice.configDir !== undefined) {
    ui.info(out.colors.dim(`Your bridge entries keep their sign-in in ${choice.configDir} (their MCP_REMOTE_CONFIG_DIR): signing in there.`));
  }
  const headless = !hasDisplay(platform);
  const started = Date.now();
  let phase = 'Starting mcp-remote-client…';
  const render = (): void => ui.spin(`${phase} ${clock(timeoutMs - (Date.now() - started))} left (Ctrl-C cancels)`);
  const ticker = setInterval(render, 1000);
  const controller = new AbortController();
  const cancel = (): void => controller.abort();
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, cancel);

  const onEvent = (event: LoginEvent): void => {
    switch (event.type) {
      case 'started':
        phase = 'Starting mcp-remote-client…';
        break;
      case 'authorize':
        if (headless) {
          const ssh =
            event.callbackPort !== undefined
              ? [out.colors.dim(`  (over SSH, forward the callback port first: ssh -L ${event.callbackPort}:localhost:${event.callbackPort} …)`)]
              : [];
          ui.info(['No display here, so no browser can open. To sign in, open this URL in a browser on this computer:', `  ${event.url}`, ...ssh].join('\n'));
        } else {
          ui.info(['Opening your browser to sign in to Intercom. If it does not open, visit:', `  ${event.url}`].join('\n'));
        }
        phase = 'Waiting for you to approve access in the browser…';
        break;
      case 'browser':
        if (!event.opened && !headless) ui.info('Could not open a browser automatically: open the URL above yourself.');
        break;
      case 'callback':
        phase = 'Approved in the browser; exchanging the code for tokens…';
        break;
      case 'connected':
        phase = 'Connected; listing the workspace’s tools…';
        break;
    }
    render();
  };

  render();
  try {
    return await signIn({
      platform,
      url,
      timeoutMs,
      packageSpec: choice.spec,
      ...(choice.configDir !== undefined ? { configDir: choice.configDir } : {}),
      signal: controller.signal,
      onEvent,
      onSecret: (secret) => out.addSecret(secret),
    });
  } finally {
    clearInterval(ticker);
    for (const signal of signals) process.off(signal, cancel);
    ui.stopSpin();
  }
}

export const cancelledLine = () => `Cancelled: the sign-in did not finish; run ${command('login')} to try again.`;

/** The lines after a successful sign-in. */
export function successLines(ctx: CommandContext, result: Extract<LoginResult, { ok: true }>): string[] {
  const { out, platform } = ctx;
  const tools =
    result.tools === undefined
      ? 'the tool count could not be read'
      : `${plural(result.tools, 'tool')} available${result.toolNames.length > 0 ? ` (${result.toolNames.slice(0, 6).join(', ')}${result.toolNames.length > 6 ? ', …' : ''})` : ''}`;
  const lines = [`${statusMark('pass', out.colors)} ${result.alreadySignedIn ? 'Already signed in' : 'Signed in'} to Intercom at ${result.url}: ${tools}.`];
  if (result.tokensFile) {
    lines.push(
      out.colors.dim(
        `  Stored where your bridge entries look: ${displayPath(platform, platform.path.dirname(result.tokensFile))} (key ${result.hash}). Restart your AI clients; they will not ask to sign in.`,
      ),
    );
  } else {
    lines.push(out.colors.yellow(`  mcp-remote stored no tokens under ${result.hash}: your clients may still ask to sign in (run ${command('doctor')}).`));
  }
  return lines;
}

/** --json shape of a login outcome. Never a token. */
export function resultJson(result: LoginResult): Record<string, unknown> {
  if (result.ok) {
    return {
      ok: true,
      url: result.url,
      ...(result.tools !== undefined ? { tools: result.tools } : {}),
      toolNames: result.toolNames,
      alreadySignedIn: result.alreadySignedIn,
      hash: result.hash,
      ...(result.tokensFile ? { tokensFile: result.tokensFile } : {}),
    };
  }
  if (result.cancelled) return { ok: false, url: result.url, cancelled: true };
  return { ok: false, url: result.url, step: result.failure.step, error: failureLine(result.failure) };
}

/**
 * Exit code of a login outcome, once it is reported: 0 signed in, 1 failed; a cancelled sign-in
 * throws CancelledError (exit 130).
 */
export function exitCodeOf(result: LoginResult): 0 | 1 {
  if (result.ok) return 0;
  if (result.cancelled) throw new CancelledError();
  return 1;
}

/** Prints the outcome the usual way: lines (or one JSON object), the failure as one line on stderr. */
export function reportLogin(ctx: CommandContext, result: LoginResult, json: boolean): void {
  const { out } = ctx;
  if (json) {
    out.json(resultJson(result));
    if (!result.ok && !result.cancelled) out.error(failureLine(result.failure));
    return;
  }
  if (result.ok) for (const line of successLines(ctx, result)) out.line(line);
  else if (result.cancelled) out.error(cancelledLine());
  else out.error(failureLine(result.failure));
}

export function loginTimeout(options: Pick<Options, 'timeoutGiven' | 'timeoutMs'>): number {
  return options.timeoutGiven ? options.timeoutMs : LOGIN_DEFAULT_TIMEOUT_MS;
}

/** The one failure line of a result, when it failed (not when cancelled). */
export function failureLineOf(result: LoginResult): string | undefined {
  return !result.ok && !result.cancelled ? failureLine(result.failure) : undefined;
}
