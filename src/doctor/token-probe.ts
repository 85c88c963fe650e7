/**
 * `doctor --token-env VAR`: the authenticated probe with a static Intercom token read from the
 * environment (the token sign-in that setup --token-env writes entries for). initialize and
 * tools/list against each endpoint, reporting the tool count, never the token.
 *
 * The MCP exchange itself is auth-probe.ts's probeWithToken (Streamable HTTP for /mcp, legacy SSE
 * otherwise, every step bounded, the token sent to the endpoint's origin only); this file adds
 * where the token comes from and what doctor says about it.
 */
import { getEnv, type Platform } from '../core/platform.js';
import { probeWithToken, type ProbeOutcome } from '../auth/probe.js';
import { checksOf, type Check } from './types.js';
import { plural } from '../ui/text.js';

const TOKEN_GROUP = 'Token sign-in (--token-env)';
const tokenCheck = checksOf(TOKEN_GROUP);

export interface TokenProbeReport {
  url: string;
  ok: boolean;
  /** The number of tools tools/list returned (all pages), when it answered. */
  tools?: number;
  serverName?: string;
  /** What went wrong, in one line that never holds the token. */
  detail?: string;
  kind: ProbeOutcome['kind'];
  durationMs: number;
}

/** Removes the token from a text, whatever the server or the network layer put in it. */
function scrub(text: string, token: string): string {
  return token.length >= 4 ? text.split(token).join('****') : text;
}

/** initialize + tools/list with `Authorization: Bearer <token>`, bounded by timeoutMs per step. */
export async function tokenProbe(url: string, token: string, timeoutMs: number): Promise<TokenProbeReport> {
  const started = Date.now();
  const outcome = await probeWithToken(url, token, timeoutMs);
  const durationMs = Date.now() - started;
  if (outcome.kind === 'ok') {
    return { url, ok: true, kind: 'ok', tools: outcome.tools, ...(outcome.serverName ? { serverName: outcome.serverName } : {}), durationMs };
  }
  return { url, ok: false, kind: outcome.kind, detail: scrub(outcome.detail, token), durationMs };
}

/** The check for one endpoint's probe with the token from `tokenEnv`. */
export function checkForTokenReport(report: TokenProbeReport, tokenEnv: string): Check {
  const check = (status: Check['status'], message: string, fix?: string): Check => tokenCheck('auth.token', status, message, fix);
  if (report.ok) {
    return check('pass', `${report.url}: the token in ${tokenEnv} works: initialize and tools/list answered with ${plural(report.tools ?? 0, 'tool')}`);
  }
  switch (report.kind) {
    case 'unauthorized':
      return check(
        'fail',
        `${report.url}: Intercom refused the token in ${tokenEnv} (401: ${report.detail})`,
        `put a valid Intercom access token in ${tokenEnv} (the region must match: EU workspaces use --region eu)`,
      );
    case 'http':
      return check('fail', `${report.url}: the probe with the token in ${tokenEnv} failed: ${report.detail}`, 'see the Network checks above');
    case 'protocol':
      return check('fail', `${report.url}: no usable MCP answer with the token in ${tokenEnv}: ${report.detail}`, 'retry later');
    default:
      return check('fail', `${report.url}: the probe with the token in ${tokenEnv} could not complete: ${report.detail}`, 'see the Network checks above');
  }
}

export interface TokenProbeOptions {
  /** The token is handed here first, so the output can mask it wherever it might appear. */
  onSecret?: (secret: string) => void;
}

/**
 * One `auth.token` check per endpoint. With the variable unset or empty there is nothing to
 * probe: one warning that says so (doctor still checks everything else).
 */
export async function tokenEnvChecks(
  platform: Platform,
  urls: readonly string[],
  tokenEnv: string,
  timeoutMs: number,
  options: TokenProbeOptions = {},
): Promise<Check[]> {
  const token = getEnv(platform, tokenEnv)?.trim();
  if (!token) {
    return [
      {
        id: 'auth.token',
        group: TOKEN_GROUP,
        status: 'warn',
        message: `${tokenEnv} is not set here, so the token sign-in was not probed`,
        fix: `set ${tokenEnv} to an Intercom access token and run doctor --token-env ${tokenEnv} again`,
      },
    ];
  }
  options.onSecret?.(token);
  const reports = await Promise.all(urls.map((url) => tokenProbe(url, token, timeoutMs)));
  return reports.map((report) => checkForTokenReport(report, tokenEnv));
}
