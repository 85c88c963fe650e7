import { clientById, CLIENTS, type ClientDescriptor } from '../clients/index.js';
import { AUTH_GROUP, authCacheChecks } from '../doctor/auth-cache-checks.js';
import { clientChecks, keepsNative } from '../doctor/client-checks.js';
import { environmentChecks } from '../doctor/environment.js';
import { checksAsJson, printChecks, summaryLine } from '../doctor/render.js';
import { createSpinner } from '../ui/spinner.js';
import type { Check } from '../doctor/types.js';
import { DEFAULT_URL, INTERCOM_STANDARD_URLS, isIntercomHost, REGION_ORIGINS } from '../core/endpoint.js';
import { applyChange, planSetup, type ClientChange } from '../engine/changes.js';
import { recordRun } from '../engine/journal.js';
import { findIntercomEntries, type IntercomEntry } from '../entries/intercom-entries.js';
import type { Options } from '../core/options.js';
import type { Platform } from '../core/platform.js';
import type { CommandContext } from '../ui/context.js';
import type { ClientStatus } from '../engine/status.js';
import { entryUrlChecks, isUsableEndpoint } from '../doctor/entry-url-checks.js';
import { command } from '../core/invocation.js';

/** The endpoints to probe: the one asked for, else every Intercom URL the configs use, else the default. */
function endpointsToCheck(options: Options, entries: IntercomEntry[]): string[] {
  if (options.urlGiven || options.transportGiven || options.regionGiven) return [options.url];
  const used = entries
    .map((entry) => entry.url)
    .filter((url): url is string => {
      // An entry's URL that --url would refuse is reported (entryUrlChecks), never probed.
      if (!url || !isUsableEndpoint(url)) return false;
      try {
        return isIntercomHost(new URL(url).hostname);
      } catch {
        return false;
      }
    });
  return used.length > 0 ? [...new Set(used)] : [DEFAULT_URL];
}

function clientsToCheck(platform: Platform, options: Options): ClientDescriptor[] {
  if (options.clients.length > 0 && !options.clients.includes('all')) {
    return options.clients.map((id) => clientById(id)).filter((client): client is ClientDescriptor => client !== undefined);
  }
  // Detected clients, plus any whose config file exists (a file is evidence enough).
  return CLIENTS.filter((client) => {
    if (!client.shape) return false;
    const path = client.configPath(platform, options.scope);
    return client.detect(platform).detected || (path !== undefined && platform.exists(path));
  });
}

function regionCheck(urls: string[]): Check {
  const eu = urls.some((url) => url.startsWith(REGION_ORIGINS.eu));
  const message = eu
    ? 'EU endpoint in use: right for workspaces on app.eu.intercom.com'
    : "US endpoint in use: right for workspaces on app.intercom.com; EU workspaces (app.eu.intercom.com) need --region eu; Australian workspaces are not supported by Intercom's MCP server";
  return { id: 'region', group: 'Region', status: 'pass', message };
}

/** The URL a broken entry meant (when it is Intercom's), so a fix keeps the user's region and transport. */
function intendedUrl(status: ClientStatus, options: Options): string {
  if (options.urlGiven) return options.url;
  const value = status.entry?.value;
  const strings = value && typeof value === 'object' ? (JSON.stringify(value).match(/https:\/\/[^"\s]+/g) ?? []) : [];
  return strings.find((url) => INTERCOM_STANDARD_URLS.includes(url)) ?? DEFAULT_URL;
}

/**
 * Rewrites the broken or legacy entries through the same safe writer as setup. An entry turned off
 * on purpose (`"disabled": true`) is not broken: it is left as it is.
 */
async function fixEntries(ctx: CommandContext, options: Options, statuses: ClientStatus[]): Promise<Check[]> {
  const broken = statuses.filter((status) => status.configured && !status.correct && !status.error && !status.disabled);
  const fixes: Check[] = [];
  const written: ClientChange[] = [];
  for (const status of broken) {
    const { client } = status;
    const spec = { url: intendedUrl(status, options), name: options.name, native: keepsNative(status) };
    const planned = await planSetup({ client, scope: options.scope }, ctx.platform, spec);
    const applied = await applyChange(planned, spec, false, { onWait: (message) => ctx.out.error(message) });
    written.push(applied);
    fixes.push({
      id: `fix.${client.id}`,
      group: 'Fixes',
      status: applied.action === 'failed' ? 'fail' : 'pass',
      message:
        applied.action === 'failed'
          ? `${client.label}: ${applied.error}`
          : `${client.label}: entry ${applied.action}${applied.backup ? ` (backup: ${applied.backup})` : ''}`,
      ...(applied.action === 'failed' ? { fix: command(`--client ${client.id}`) } : {}),
    });
  }
  await recordRun(ctx, 'doctor --fix', written);
  return fixes;
}

export async function runDoctor(ctx: CommandContext, options: Options): Promise<number> {
  const { platform, out } = ctx;
  const spinner = createSpinner(out);
  spinner.update('Checking your setup…');
  let checks: Check[];
  let fixedAll = false;
  try {
    const entries = await findIntercomEntries(platform, { name: options.name, extraUrls: options.urlGiven ? [options.url] : [] });
    const urls = endpointsToCheck(options, entries);
    const checked = clientsToCheck(platform, options);
    const checkedIds = new Set(checked.map((client) => client.id));
    const [environment, clients, network, auth, probe, token] = await Promise.all([
      environmentChecks(platform, urls),
      clientChecks(checked, platform, options),
      options.offline
        ? Promise.resolve(urls.map((url): Check => ({ id: 'network', group: `Network (${url})`, status: 'skip', message: 'skipped (--offline)', url })))
        : // Loaded only to send: the network code pulls in tls, http, net and dns, which --offline never needs.
          import('../doctor/connectivity.js').then(({ networkCheckList }) =>
            Promise.all(urls.map((url) => networkCheckList(platform, url, options.timeoutMs))).then((lists) => lists.flat()),
          ),
      authCacheChecks(platform, entries, options.urlGiven ? [options.url] : []).catch((error: Error): Check[] => [
        { id: 'auth.cache', group: AUTH_GROUP, status: 'warn', message: `could not read mcp-remote's cache: ${error.message}` },
      ]),
      // With stored tokens: a real initialize + tools/list (tokens are read, masked, never printed).
      options.offline
        ? Promise.resolve([] as Check[])
        : import('../doctor/auth-probe.js').then(({ authProbeChecks }) =>
            authProbeChecks(platform, urls, options.timeoutMs, { onSecret: (secret) => out.addSecret(secret) }).catch((error: Error): Check[] => [
              { id: 'auth.probe', group: AUTH_GROUP, status: 'warn', message: `the authenticated probe failed: ${error.message}`, fix: command('login') },
            ]),
          ),
      // --token-env: initialize + tools/list with the token from that variable (never printed).
      options.tokenEnv && !options.offline
        ? import('../doctor/token-probe.js').then(({ tokenEnvChecks }) =>
            tokenEnvChecks(platform, urls, options.tokenEnv!, options.timeoutMs, { onSecret: (secret) => out.addSecret(secret) }),
          )
        : Promise.resolve([] as Check[]),
    ]);
    const urlChecksOf = (found: IntercomEntry[]) =>
      entryUrlChecks(
        found.filter((entry) => checkedIds.has(entry.client.id)),
        platform,
      );
    let clientResults = clients.checks;
    let urlChecks = urlChecksOf(entries);
    let fixes: Check[] = [];
    if (options.fix) {
      fixes = await fixEntries(ctx, options, clients.statuses);
      // What --fix rewrote is checked again: the report (and the exit code) is the state after it.
      if (fixes.some((fix) => fix.status === 'pass')) {
        clientResults = (await clientChecks(checked, platform, options)).checks;
        urlChecks = urlChecksOf(await findIntercomEntries(platform, { name: options.name, extraUrls: options.urlGiven ? [options.url] : [] }));
      }
    }
    checks = [...environment, ...clientResults, ...urlChecks, ...network, regionCheck(urls), ...auth, ...probe, ...token, ...fixes];
    fixedAll = fixes.length > 0 && !checks.some((check) => check.status === 'fail');
  } finally {
    spinner.stop();
  }
  if (options.json) {
    out.json(checksAsJson(checks));
  } else {
    printChecks(out, checks);
    if (fixedAll) out.line('--fix rewrote the broken entries and checked them again: every failure is resolved.');
    out.line(summaryLine(checks));
  }
  return checks.some((check) => check.status === 'fail') ? 1 : 0;
}
