/**
 * `login` as a library: sign in to an Intercom MCP endpoint exactly the way the bridge entries
 * (`npx -y mcp-remote URL`) will, so the tokens land in mcp-remote's cache under the key those
 * entries read. It never prints and never prompts; the caller shows the events and the result.
 *
 * How: it runs mcp-remote's own client mode, the `mcp-remote-client` bin of the same package
 * (read from mcp-remote 0.15.1's dist/client.js): it parses the same arguments as the proxy,
 * hashes the URL the same way (md5(url) without options), listens for the OAuth callback on the
 * same port (derived from that hash), registers, opens the browser with the same opener, stores
 * `<hash>_client_info.json` and `<hash>_tokens.json` in the same folder, then connects, sends a
 * real `tools/list` (logged to stderr as "Tools: {json}"), `resources/list`, and exits 0 ("Exiting
 * OK..."), or 1 ("Fatal error: …"). The one difference from the proxy's files is the registered
 * `client_name`: "MCP CLI Client" instead of "MCP CLI Proxy" (shown on Intercom's consent page).
 * It does not time out while waiting for the browser (its `--auth-timeout` bounds only a
 * long-poll), so the deadline and Ctrl-C are enforced here, by killing it.
 *
 * It is started with node:child_process, not execa: execa's cross-spawn failed inside the bundle
 * when the bundle was ESM ("Dynamic require of \"child_process\" is not supported"), and a spawn
 * with a deadline needs nothing more (execa stays the tests' tool). The child runs in its own
 * process group (POSIX) so npx and the mcp-remote-client it starts are killed together
 * (taskkill /T on Windows).
 *
 * Which binary:
 * - `INTERCOM_MCP_SETUP_MCP_REMOTE_CLIENT=/abs/path` (an executable, or a .js/.mjs/.cjs file run
 *   with this Node) — for tests and for machines without npm access; it must be an absolute path.
 * - otherwise `npx -y --package=<spec> mcp-remote-client URL`, where `<spec>` is what the bridge
 *   entries for this URL run: `mcp-remote@<version>` when one pins a version, else `mcp-remote`
 *   (what setup writes), which npx resolves the same way for both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import nodePath from 'node:path';
import { callbackPort as derivedCallbackPort, resolveCacheBase, serverHash } from './auth-cache.js';
import { CURRENT_CACHE_FOLDER, probeWithToken, readStoredTokens, tokensPath } from './probe.js';
import { REGION_ORIGINS } from '../core/endpoint.js';
import { CliError } from '../core/errors.js';
import type { IntercomEntry } from '../entries/intercom-entries.js';
import { getEnv, type Platform } from '../core/platform.js';
import { command } from '../core/invocation.js';

export const MCP_REMOTE_CLIENT_ENV = 'INTERCOM_MCP_SETUP_MCP_REMOTE_CLIENT';
/** login waits this long for the whole sign-in unless --timeout says otherwise. */
export const LOGIN_DEFAULT_TIMEOUT_MS = 120_000;
/** The package the bridge entries run (unpinned: npx resolves it the same way for both). */
const MCP_REMOTE_PACKAGE = 'mcp-remote';
/** How long mcp-remote gets to exit by itself after it reported a refused sign-in. */
const EXIT_GRACE_MS = 1500;
const MAX_TRANSCRIPT_CHARS = 4 * 1024 * 1024;

// ---- which binary ------------------------------------------------------------------------------

export interface ClientCommand {
  command: string;
  /** Arguments before the server URL. */
  args: string[];
  /** For messages: "npx -y --package=mcp-remote mcp-remote-client" or the override path. */
  display: string;
  source: 'override' | 'npx';
  /** Windows without npx-cli.js next to node: `npx.cmd` through cmd.exe, arguments escaped. */
  cmdShim?: boolean;
}

/**
 * How mcp-remote-client is started: the override variable, else npx with the entries' package
 * spec. On Windows npx is a .cmd shim that Node only runs through a shell, so npm's npx-cli.js
 * next to node.exe is run with node instead when it is there.
 */
export function mcpRemoteClientCommand(
  platform: Pick<Platform, 'os' | 'env' | 'path'>,
  packageSpec: string = MCP_REMOTE_PACKAGE,
  execPath: string = process.execPath,
  exists: (path: string) => boolean = existsSync,
): ClientCommand {
  const override = getEnv(platform, MCP_REMOTE_CLIENT_ENV);
  if (override) {
    if (!platform.path.isAbsolute(override)) {
      throw new CliError(`${MCP_REMOTE_CLIENT_ENV} must be an absolute path to mcp-remote-client (got ${JSON.stringify(override)})`);
    }
    const script = /\.(c|m)?js$/i.test(override);
    return { command: script ? execPath : override, args: script ? [override] : [], display: override, source: 'override' };
  }
  if (!/^mcp-remote(@[\w.^~<>=*|-]+)?$/.test(packageSpec)) throw new CliError(`not an mcp-remote package spec: ${packageSpec}`);
  const args = ['-y', `--package=${packageSpec}`, 'mcp-remote-client'];
  const display = `npx ${args.join(' ')}`;
  if (platform.os === 'win32') {
    const npxCli = platform.path.join(platform.path.dirname(execPath), 'node_modules', 'npm', 'bin', 'npx-cli.js');
    if (exists(npxCli)) return { command: execPath, args: [npxCli, ...args], display, source: 'npx' };
    return { command: 'npx.cmd', args, display, source: 'npx', cmdShim: true };
  }
  return { command: 'npx', args, display, source: 'npx' };
}

/** One argument for cmd.exe running a .cmd shim (cross-spawn's escaping: quoted, metacharacters escaped twice). */
export function escapeForCmdShim(arg: string): string {
  let escaped = arg.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\*)$/, '$1$1');
  escaped = `"${escaped}"`;
  const meta = /([()\][%!^"`<>&|;, *?])/g;
  return escaped.replace(meta, '^$1').replace(meta, '^$1');
}

/** The mcp-remote token of an entry's command line (`mcp-remote` or `mcp-remote@1.2.3`). */
function packageToken(entry: IntercomEntry): string | undefined {
  const value = entry.entry.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const words: string[] = [];
  if (typeof value.command === 'string') words.push(...value.command.split(/\s+/));
  if (Array.isArray(value.args)) for (const arg of value.args) if (typeof arg === 'string') words.push(...arg.split(/\s+/));
  return words.map((word) => word.replace(/^(['"])(.*)\1$/, '$2')).find((word) => /^mcp-remote(@[\w.^~<>=*|-]+)?$/.test(word));
}

export interface PackageChoice {
  spec: string;
  /**
   * The entries' own `env.MCP_REMOTE_CONFIG_DIR`, when every bridge entry for the URL sets the
   * same one: their mcp-remote keeps its cache there, so login must too.
   */
  configDir?: string;
  /** The entry whose pin was followed, when one was. */
  from?: IntercomEntry;
  /** Bridge entries for this URL whose extra options make mcp-remote store their sign-in under another key. */
  otherKeys: IntercomEntry[];
}

/** What the bridge entries for `url` run: the first pinned `mcp-remote@x`, else `mcp-remote`. */
export function packageForUrl(entries: readonly IntercomEntry[], url: string): PackageChoice {
  const bridges = entries.filter((entry) => entry.invocation?.url === url);
  const otherKeys = bridges.filter((entry) => entry.invocation && serverHash(url, entry.invocation) !== serverHash(url));
  const dirs = [...new Set(bridges.map((entry) => entry.configDir))];
  const configDir = dirs.length === 1 && dirs[0] !== undefined ? { configDir: dirs[0] } : {};
  for (const entry of bridges) {
    const token = packageToken(entry);
    if (token && token !== MCP_REMOTE_PACKAGE) return { spec: token, from: entry, otherKeys, ...configDir };
  }
  return { spec: MCP_REMOTE_PACKAGE, otherKeys, ...configDir };
}

/**
 * Whether a browser can open here. macOS and Windows always have one; Linux needs a display
 * (DISPLAY or WAYLAND_DISPLAY) or a BROWSER the openers honour. Without: print the URL.
 */
export function hasDisplay(platform: Pick<Platform, 'os' | 'env'>): boolean {
  if (platform.os !== 'linux') return true;
  return ['DISPLAY', 'WAYLAND_DISPLAY', 'BROWSER'].some((name) => Boolean(getEnv(platform, name)));
}

// ---- reading mcp-remote-client's stderr --------------------------------------------------------

/** What mcp-remote-client said so far (its stderr, read as a whole; each field from one log line). */
export interface Transcript {
  callbackPort?: number;
  authorizeUrl?: string;
  /** true: "Browser opened automatically."; false: "Could not open a browser automatically." */
  browserOpened?: boolean;
  /** The browser came back to the loopback callback with a code. */
  callbackReached: boolean;
  /** The browser came back with `error` (the user or Intercom refused): error and description. */
  authorizationFailed?: { error: string; description: string };
  /** "Completing authorization...": the code is being exchanged for tokens. */
  exchanging: boolean;
  /** The exchange failed: the error's message and OAuth code when shown. */
  exchangeError?: { message: string; code?: string };
  registrationRefused?: { status?: number; error?: string; description?: string; redirectUri?: string; raw: string };
  /** Another mcp-remote for this server (a client) holds the callback port and runs its sign-in. */
  anotherInstance: boolean;
  connected: boolean;
  /** Tool names from the "Tools: {json}" line (tools/list's answer). */
  toolNames?: string[];
  toolsError?: string;
  fatal?: string;
  /** An npm/npx error line (the package could not be fetched or run). */
  npmError?: string;
  finishedOk: boolean;
}

function lastMatch(text: string, pattern: RegExp): RegExpExecArray | undefined {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  let found: RegExpExecArray | undefined;
  for (let match = global.exec(text); match; match = global.exec(text)) found = match;
  return found;
}

function parseRegistration(text: string): Transcript['registrationRefused'] {
  const match = /Dynamic Client Registration rejected \(HTTP (\d+)\): ([^\n]*)/.exec(text);
  const incompatible = /Incompatible auth server: does not support dynamic client registration/.exec(text);
  if (!match && !incompatible) return undefined;
  if (!match) return { raw: 'the server offers no dynamic client registration', description: 'the server offers no dynamic client registration' };
  const refused: NonNullable<Transcript['registrationRefused']> = { status: Number(match[1]), raw: (match[2] ?? '').trim() };
  try {
    const body = JSON.parse(refused.raw) as { error?: unknown; error_description?: unknown };
    if (typeof body.error === 'string') refused.error = body.error;
    if (typeof body.error_description === 'string') refused.description = body.error_description;
  } catch {
    // not JSON: keep the raw text
  }
  const redirect = /redirect_uris: \[\s*'([^']+)'/.exec(text);
  if (redirect?.[1]) refused.redirectUri = redirect[1];
  return refused;
}

function parseTools(text: string): string[] | undefined {
  const start = /\] Tools: \{/.exec(text);
  if (!start) return undefined;
  const from = start.index + start[0].length - 1;
  const end = text.indexOf('\n}', from);
  if (end === -1) return undefined;
  try {
    const parsed = JSON.parse(text.slice(from, end + 2)) as { tools?: unknown };
    if (!Array.isArray(parsed.tools)) return undefined;
    return parsed.tools.map((tool) => (typeof (tool as { name?: unknown })?.name === 'string' ? (tool as { name: string }).name : '?'));
  } catch {
    return undefined;
  }
}

/** Reads mcp-remote-client's stderr (0.15.1's wording; earlier versions say the same things). */
export function readTranscript(text: string): Transcript {
  const transcript: Transcript = {
    callbackReached: /Auth code received/.test(text),
    exchanging: /Completing authorization\.\.\./.test(text),
    anotherInstance: /Another instance is running the sign-in for this server|Authentication is still pending in another instance/.test(text),
    connected: /Connected successfully!/.test(text),
    finishedOk: /Exiting OK\.\.\./.test(text),
  };
  const port =
    lastMatch(text, /OAuth callback server running at http:\/\/[^\s:]+:(\d+)/) ??
    lastMatch(text, /Using callback port (?:derived from the server URL: )?(\d+)/);
  if (port?.[1]) transcript.callbackPort = Number(port[1]);
  const authorize = /Please authorize this client by visiting:\s*\n(\S+)/.exec(text);
  if (authorize?.[1]) transcript.authorizeUrl = authorize[1];
  if (/Browser opened automatically\./.test(text)) transcript.browserOpened = true;
  else if (/Could not open a browser automatically/.test(text)) transcript.browserOpened = false;
  const failed = /Authorization failed: (\S+) - ([^\n]*)/.exec(text);
  if (failed) transcript.authorizationFailed = { error: failed[1] ?? 'error', description: (failed[2] ?? '').trim() };
  // Node prints the error, its stack ("    at …" lines, the last ending in " {"), then its fields.
  const exchange = /Authorization error: ([^\n]*)(?:\n {4}at [^\n]*)*(?:\n {2}code: '([^']*)')?/.exec(text);
  if (exchange) {
    transcript.exchangeError = { message: (exchange[1] ?? '').replace(/^\w*Error\d*: /, '').trim() };
    if (exchange[2]) transcript.exchangeError.code = exchange[2];
  }
  const registration = parseRegistration(text);
  if (registration) transcript.registrationRefused = registration;
  const tools = parseTools(text);
  if (tools) transcript.toolNames = tools;
  const toolsError = /Error requesting tools list: ([^\n]*)/.exec(text);
  if (toolsError?.[1]) transcript.toolsError = toolsError[1].trim();
  const fatal = /Fatal error:? ([^\n]*)/.exec(text);
  if (fatal?.[1]) transcript.fatal = fatal[1].replace(/^\w*Error\d*: /, '').trim();
  const npm = /^npm (?:ERR!|error) (?:code )?([^\n]*)/m.exec(text);
  if (npm?.[1]) transcript.npmError = npm[1].trim();
  return transcript;
}

// ---- failures ----------------------------------------------------------------------------------

type LoginStep = 'start' | 'registration' | 'browser' | 'callback' | 'authorization' | 'token' | 'region' | 'connect';

export interface LoginFailure {
  step: LoginStep;
  /** What happened, for the one line. */
  message: string;
  /** What to do. */
  fix: string;
}

/** The step names shown in the one line. */
const STEP_LABELS: Record<LoginStep, string> = {
  start: 'mcp-remote did not start the sign-in',
  registration: 'registration refused',
  browser: 'browser not opened',
  callback: 'callback never reached',
  authorization: 'sign-in refused',
  token: 'token exchange refused',
  region: 'region mismatch',
  connect: 'connection failed',
};

/** "2 minutes", "90 s". */
export function describeWait(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} minute${ms === 60_000 ? '' : 's'}`;
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

function quote(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return `"${line.length > max ? `${line.slice(0, max)}…` : line}"`;
}

/** The region a refusal points at: EU, US or AU, from Intercom's wording (see regionOfDescription's tests). */
export function regionOfDescription(description: string): 'eu' | 'us' | 'au' | undefined {
  if (!/\bregion\b|\b(?:app|mcp)\.(?:eu\.|au\.)?intercom\.com\b|\bhosted in\b/i.test(description)) return undefined;
  if (/\bEU\b|\beurope|\.eu\.intercom\.com/i.test(description)) return 'eu';
  if (/\bAU\b|australia|\.au\.intercom\.com/i.test(description)) return 'au';
  if (/\bUS\b|united states|\b(?:app|mcp)\.intercom\.com/i.test(description)) return 'us';
  return undefined;
}

function regionOfUrl(url: string): 'us' | 'eu' | undefined {
  if (url.startsWith(REGION_ORIGINS.eu)) return 'eu';
  if (url.startsWith(REGION_ORIGINS.us)) return 'us';
  return undefined;
}

export interface FailureContext {
  url: string;
  timeoutMs: number;
  timedOut: boolean;
  /** No display to open a browser on (Linux without DISPLAY/WAYLAND_DISPLAY/BROWSER). */
  headless: boolean;
  exitCode?: number;
  /** The child could not be started at all (ENOENT…). */
  spawnError?: string;
  command: ClientCommand;
}

function callbackUrl(transcript: Transcript, url: string): string {
  return `http://localhost:${transcript.callbackPort ?? derivedCallbackPort(serverHash(url))}/oauth/callback`;
}

/**
 * Which step failed and what to do, from what mcp-remote-client said and how it ended. The
 * region mismatch is an assumption about Intercom (see test/fixtures/intercom-server.ts
 * `workspaceRegion`): the browser comes back with an OAuth error whose description names the
 * workspace's region or its host (app.eu.intercom.com, mcp.eu.intercom.com).
 */
export function classifyFailure(transcript: Transcript, context: FailureContext): LoginFailure {
  const { url } = context;
  const wait = describeWait(context.timeoutMs);
  const transportFlag = /\/mcp\/?$/.test(new URL(url).pathname) ? ' --transport http' : '';
  if (context.spawnError) {
    const npx = context.command.source === 'npx';
    return {
      step: 'start',
      message: `could not run ${context.command.display} (${context.spawnError})`,
      fix: npx
        ? `install Node.js 20 or later with npm (npx comes with it), or point ${MCP_REMOTE_CLIENT_ENV} at an installed mcp-remote-client`
        : `check ${MCP_REMOTE_CLIENT_ENV}: it must name an executable mcp-remote-client`,
    };
  }
  const refused = transcript.registrationRefused;
  if (refused) {
    if (refused.error === 'invalid_redirect_uri') {
      return {
        step: 'registration',
        message: `Intercom refused to register mcp-remote's redirect URI ${refused.redirectUri ?? callbackUrl(transcript, url)} (invalid_redirect_uri: ${quote(refused.description ?? refused.raw)}): Intercom only accepts loopback (http://localhost, http://127.0.0.1) or allow-listed redirect URIs`,
        fix: `make sure the sign-in runs on this computer with its default loopback callback (no --host or callback option, no proxy rewriting it), then run: ${command('reset-auth')}, then ${command('login')}`,
      };
    }
    return {
      step: 'registration',
      message: `Intercom refused the client registration${refused.status ? ` (HTTP ${refused.status}` : ' ('}${refused.error ? `, ${refused.error}` : ''}): ${quote(refused.description ?? refused.raw)}`,
      fix: `retry in a minute; if it repeats: ${command('doctor')}, then ${command('reset-auth')} and login`,
    };
  }
  const failed = transcript.authorizationFailed;
  if (failed) {
    const region = regionOfDescription(failed.description) ?? regionOfDescription(failed.error);
    const current = regionOfUrl(url);
    if (region && region !== current) {
      const fix =
        region === 'au'
          ? "Australian workspaces are not supported by Intercom's MCP server"
          : `your workspace is in the ${region.toUpperCase()} region: ${command(`login --region ${region}${transportFlag}`)}, and point your clients there: ${command(`--region ${region}${transportFlag} --client …`)}`;
      return {
        step: 'region',
        message: `the workspace you signed in to is not served by ${url}: Intercom said ${quote(failed.description || failed.error)}`,
        fix,
      };
    }
    return {
      step: 'authorization',
      message: `the browser came back from Intercom with ${failed.error}: ${quote(failed.description || failed.error)}`,
      fix: `run ${command('login')} again and approve access in the browser (a workspace admin may need to allow the app)`,
    };
  }
  if (transcript.exchangeError) {
    const { message, code } = transcript.exchangeError;
    return {
      step: 'token',
      message: `Intercom did not accept the authorization code${code ? ` (${code})` : ''}: ${quote(message)}`,
      fix: `run ${command('login')} again; if it repeats: ${command('reset-auth')}, then ${command('login')}`,
    };
  }
  if (context.timedOut) {
    if (!transcript.authorizeUrl) {
      if (transcript.anotherInstance) {
        return {
          step: 'callback',
          message: `another mcp-remote (one of your clients) is running the sign-in for ${url} and holds its callback port`,
          fix: `finish that sign-in in the browser tab it opened, or quit that client; then run ${command('login')} again`,
        };
      }
      const npx = context.command.source === 'npx' ? ' (the first run downloads mcp-remote through npx: the npm registry must be reachable)' : '';
      return {
        step: 'start',
        message: `mcp-remote did not get as far as the sign-in page within ${wait}${npx}`,
        fix: `check the connection to ${new URL(url).host}: ${command('doctor')}; then run login again (--timeout MS to wait longer)`,
      };
    }
    if (!transcript.callbackReached) {
      if (context.headless || transcript.browserOpened === false) {
        return {
          step: 'browser',
          message: `no browser could be opened here${context.headless ? ' (no display: DISPLAY, WAYLAND_DISPLAY and BROWSER are unset)' : ''}, and the sign-in URL printed above was not completed within ${wait}`,
          fix: `open that URL in a browser on this computer before the time runs out (--timeout MS to wait longer; over SSH forward the port first: ssh -L ${transcript.callbackPort ?? derivedCallbackPort(serverHash(url))}:localhost:${transcript.callbackPort ?? derivedCallbackPort(serverHash(url))}), or run login on a computer with a desktop`,
        };
      }
      return {
        step: 'callback',
        message: `the browser never came back to ${callbackUrl(transcript, url)} within ${wait}`,
        fix: `finish the sign-in in the browser tab (approve access), and make sure nothing else blocks localhost:${transcript.callbackPort ?? derivedCallbackPort(serverHash(url))}; then run ${command('login')} again (--timeout MS to wait longer)`,
      };
    }
    return {
      step: 'token',
      message: `the browser came back, but exchanging the code for tokens did not finish within ${wait}`,
      fix: `run ${command('login')} again; if it repeats: ${command('doctor')}`,
    };
  }
  if (transcript.npmError && !transcript.authorizeUrl && !transcript.connected) {
    return {
      step: 'start',
      message: `npx could not run mcp-remote-client (${context.command.display}): npm said ${quote(transcript.npmError)}`,
      fix: `check that npm can reach its registry (npm ping), or point ${MCP_REMOTE_CLIENT_ENV} at an installed mcp-remote-client`,
    };
  }
  const detail = transcript.fatal ?? transcript.toolsError ?? `mcp-remote-client exited with code ${context.exitCode ?? 'unknown'}`;
  return {
    step: 'connect',
    message: `${transcript.connected ? 'signed in, but' : 'could not connect to'} ${url}${transcript.connected ? ' tools/list failed' : ''}: ${quote(detail)}`,
    fix: `${command('doctor')} says which step fails; then run ${command('login')} again`,
  };
}

/** The one line for a failure: which step, what happened, what to do. */
export function failureLine(failure: LoginFailure): string {
  return `login failed: ${STEP_LABELS[failure.step]}: ${failure.message}; ${failure.fix}`;
}

// ---- the flow ----------------------------------------------------------------------------------

export type LoginEvent =
  | { type: 'started'; command: string }
  | { type: 'authorize'; url: string; callbackPort?: number }
  | { type: 'browser'; opened: boolean }
  | { type: 'callback' }
  | { type: 'connected' };

export interface LoginRequest {
  platform: Platform;
  /** The endpoint, exactly as the bridge entries pass it to mcp-remote. */
  url: string;
  timeoutMs: number;
  /** `mcp-remote` or `mcp-remote@<version>`: what the entries run. */
  packageSpec?: string;
  /** The entries' own MCP_REMOTE_CONFIG_DIR (absolute), when they set one: used instead of this process's. */
  configDir?: string;
  /** Aborting cancels the sign-in (Ctrl-C). */
  signal?: AbortSignal;
  onEvent?: (event: LoginEvent) => void;
  /** Each token read back from the cache is handed here first, so output can mask it. */
  onSecret?: (secret: string) => void;
}

export type LoginResult =
  | {
      ok: true;
      url: string;
      /** From mcp-remote-client's own tools/list, else from a probe with the stored token. */
      tools?: number;
      toolNames: string[];
      /** The stored tokens were still good: no browser was needed. */
      alreadySignedIn: boolean;
      hash: string;
      /** Where the tokens are (undefined when mcp-remote stored none where expected). */
      tokensFile?: string;
      command: string;
    }
  | { ok: false; url: string; cancelled: true; command: string }
  | { ok: false; url: string; cancelled?: false; failure: LoginFailure; command: string };

/** Kills the child and everything it started (npx runs mcp-remote-client as its own child). */
function killTree(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  // Called only until the child's stdio closed: its group may outlive npx (the leader) until then.
  const pid = child.pid;
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).on('error', () => child.kill(signal));
    return;
  }
  try {
    process.kill(-pid, signal); // its own process group (detached): npx and mcp-remote-client
  } catch {
    child.kill(signal);
  }
}

function startChild(command: ClientCommand, url: string, platform: Platform): ChildProcess {
  const options = {
    env: { ...platform.env },
    cwd: platform.home,
    // stdin stays open: once connected, mcp-remote-client exits when its stdin ends.
    stdio: ['pipe', 'ignore', 'pipe'] as ['pipe', 'ignore', 'pipe'],
    detached: process.platform !== 'win32',
    windowsHide: true,
  };
  if (command.cmdShim) {
    const line = [command.command, ...command.args, url].map((arg, i) => (i === 0 ? arg : escapeForCmdShim(arg))).join(' ');
    return spawn(platform.env.ComSpec ?? 'cmd.exe', ['/d', '/s', '/c', `"${line}"`], { ...options, windowsVerbatimArguments: true });
  }
  return spawn(command.command, [...command.args, url], options);
}

const FLOW_FILES = /^[0-9a-f]{32}_(code_verifier_.+\.txt|discovery_state_.+\.json)$/;

async function flowFiles(folder: string, hash: string): Promise<Set<string>> {
  try {
    return new Set((await readdir(folder)).filter((name) => name.startsWith(`${hash}_`) && FLOW_FILES.test(name)));
  } catch {
    return new Set();
  }
}

/**
 * Runs the sign-in: starts mcp-remote-client for `url`, reports progress, enforces the deadline
 * and cancellation, and reads the outcome. After a cancel or timeout it removes the PKCE verifier
 * and discovery-state files that run created (mcp-remote only drops them after 10 minutes);
 * the client registration stays, as the bridge would leave it.
 */
export async function signIn(request: LoginRequest): Promise<LoginResult> {
  const { url, timeoutMs } = request;
  const platform: Platform =
    request.configDir !== undefined && request.platform.path.isAbsolute(request.configDir)
      ? { ...request.platform, env: { ...request.platform.env, MCP_REMOTE_CONFIG_DIR: request.configDir } }
      : request.platform;
  const command = mcpRemoteClientCommand(platform, request.packageSpec);
  const hash = serverHash(url);
  // An unusable MCP_REMOTE_CONFIG_DIR (relative, /, a file) throws a CacheBaseError here: exit 1 with why.
  const cacheFolder = nodePath.join(resolveCacheBase(platform).base, CURRENT_CACHE_FOLDER);
  const before = await flowFiles(cacheFolder, hash);
  const headless = !hasDisplay(platform);
  request.onEvent?.({ type: 'started', command: command.display });

  if (request.signal?.aborted) return { ok: false, url, cancelled: true, command: command.display };

  const child = startChild(command, url, platform);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: string }>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => resolve({ code: null, signal: null, error: error.code ?? error.message }));
    child.once('close', (code, signal) => resolve({ code, signal }));
  });

  let text = '';
  let state = readTranscript('');
  let timedOut = false;
  let cancelled = false;
  let graceTimer: NodeJS.Timeout | undefined;
  let forceKill: NodeJS.Timeout | undefined;
  const emit = (event: LoginEvent): void => request.onEvent?.(event);
  const stop = (): void => {
    killTree(child);
    forceKill ??= setTimeout(() => killTree(child, 'SIGKILL'), 3000);
  };

  child.stdin?.on('error', () => undefined);
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    if (text.length < MAX_TRANSCRIPT_CHARS) text += chunk;
    const next = readTranscript(text);
    if (next.authorizeUrl && !state.authorizeUrl) {
      emit({ type: 'authorize', url: next.authorizeUrl, ...(next.callbackPort !== undefined ? { callbackPort: next.callbackPort } : {}) });
    }
    if (next.browserOpened !== undefined && state.browserOpened === undefined) emit({ type: 'browser', opened: next.browserOpened });
    if (next.callbackReached && !state.callbackReached) emit({ type: 'callback' });
    if (next.connected && !state.connected) emit({ type: 'connected' });
    // A refused sign-in ends the run; mcp-remote can miss its own refusal and wait forever.
    if ((next.authorizationFailed || next.exchangeError || next.registrationRefused) && !graceTimer) {
      graceTimer = setTimeout(stop, EXIT_GRACE_MS);
    }
    state = next;
  });

  const deadline = setTimeout(() => {
    timedOut = true;
    stop();
  }, timeoutMs);
  const onAbort = (): void => {
    cancelled = true;
    stop();
  };
  request.signal?.addEventListener('abort', onAbort, { once: true });

  let ended;
  try {
    ended = await exited;
  } finally {
    clearTimeout(deadline);
    if (graceTimer) clearTimeout(graceTimer);
    if (forceKill) clearTimeout(forceKill);
    request.signal?.removeEventListener('abort', onAbort);
    child.stdin?.destroy();
  }
  state = readTranscript(text);

  if (cancelled || timedOut) {
    const after = await flowFiles(cacheFolder, hash);
    await Promise.all(
      [...after].filter((name) => !before.has(name)).map((name) => rm(nodePath.join(cacheFolder, name), { force: true }).catch(() => undefined)),
    );
  }
  if (cancelled) return { ok: false, url, cancelled: true, command: command.display };

  const succeeded = !timedOut && ended.code === 0 && state.connected;
  if (!succeeded) {
    const context: FailureContext = {
      url,
      timeoutMs,
      timedOut,
      headless,
      command,
      ...(ended.code !== null ? { exitCode: ended.code } : {}),
      ...(ended.error ? { spawnError: ended.error } : {}),
    };
    return { ok: false, url, failure: classifyFailure(state, context), command: command.display };
  }

  const file = tokensPath(nodePath.dirname(cacheFolder), hash);
  const tokens = await readStoredTokens(file);
  if (tokens?.accessToken) request.onSecret?.(tokens.accessToken);
  if (tokens?.refreshToken) request.onSecret?.(tokens.refreshToken);
  let toolNames = state.toolNames;
  if (!toolNames && tokens?.accessToken) {
    const probe = await probeWithToken(url, tokens.accessToken, Math.min(timeoutMs, 15_000));
    if (probe.kind === 'ok') toolNames = probe.toolNames;
  }
  return {
    ok: true,
    url,
    ...(toolNames ? { tools: toolNames.length } : {}),
    toolNames: toolNames ?? [],
    alreadySignedIn: !state.authorizeUrl,
    hash,
    ...(tokens?.accessToken ? { tokensFile: file } : {}),
    command: command.display,
  };
}
