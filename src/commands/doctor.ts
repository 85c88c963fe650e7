import { clientById, CLIENTS, type ClientDescriptor } from '../clients/index.js';
import { AUTH_GROUP, authCacheChecks } from '../doctor/auth-cache-checks.js';
import { clientChecks } from '../doctor/client-checks.js';
import { environmentChecks } from '../doctor/environment.js';
import { checksAsJson, printChecks, startSpinner, summaryLine } from '../doctor/render.js';
import type { Check } from '../doctor/types.js';
import { DEFAULT_URL, isIntercomHost, REGION_ORIGINS } from '../endpoint.js';
import { applyChange, planSetup } from '../engine.js';
import { findIntercomEntries, type IntercomEntry } from '../intercom-entries.js';
import type { Options } from '../options.js';
import type { Platform } from '../platform.js';
import type { CommandContext } from './context.js';
import { networkCheckList } from './connectivity.js';

/** The endpoints to probe: the one asked for, else every Intercom URL the configs use, else the default. */
export function endpointsToCheck(options: Options, entries: IntercomEntry[]): string[] {
  if (options.urlGiven || options.transportGiven || options.regionGiven) return [options.url];
  const used = entries.map((entry) => entry.url).filter((url): url is string => {
    if (!url) return false;
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
    : 'US endpoint in use: right for workspaces on app.intercom.com; EU workspaces (app.eu.intercom.com) need --region eu; Australian workspaces are not supported by Intercom\'s MCP server';
  return { id: 'region', group: 'Region', status: 'pass', message };
}

/** Rewrites the broken or legacy entries through the same safe writer as setup. */
async function fixEntries(ctx: CommandContext, options: Options, checks: Check[]): Promise<Check[]> {
  const broken = checks.filter((check) => check.status === 'fail' && /^client\.[^.]+\.entry$/.test(check.id));
  const fixes: Check[] = [];
  for (const check of broken) {
    const id = check.id.split('.')[1]!;
    const client = clientById(id);
    if (!client) continue;
    const native = check.fix?.includes('--native') ?? false;
    const spec = { url: options.urlGiven ? options.url : DEFAULT_URL, name: options.name, native };
    const planned = await planSetup({ client, scope: options.scope }, ctx.platform, spec);
    const applied = await applyChange(planned, spec, false);
    fixes.push({
      id: `fix.${id}`,
      group: 'Fixes',
      status: applied.action === 'failed' ? 'fail' : 'pass',
      message: applied.action === 'failed' ? `${client.label}: ${applied.error}` : `${client.label}: entry ${applied.action}${applied.backup ? ` (backup: ${applied.backup})` : ''}`,
      ...(applied.action === 'failed' ? { fix: `intercom-mcp-setup --client ${id}` } : {}),
    });
  }
  return fixes;
}

export async function runDoctor(ctx: CommandContext, options: Options): Promise<number> {
  const { platform, out } = ctx;
  const stopSpinner = options.json ? () => undefined : startSpinner(process.stderr, 'Checking your setup…');
  let checks: Check[];
  try {
    const entries = await findIntercomEntries(platform, { name: options.name, extraUrls: options.urlGiven ? [options.url] : [] });
    const urls = endpointsToCheck(options, entries);
    const [environment, clients, network, auth] = await Promise.all([
      environmentChecks(platform, urls),
      clientChecks(clientsToCheck(platform, options), platform, options),
      options.offline
        ? Promise.resolve(urls.map((url): Check => ({ id: 'network', group: `Network (${url})`, status: 'skip', message: 'skipped (--offline)' })))
        : Promise.all(urls.map((url) => networkCheckList(platform, url, options.timeoutMs))).then((lists) => lists.flat()),
      authCacheChecks(platform, entries, options.urlGiven ? [options.url] : []).catch((error: Error): Check[] => [
        { id: 'auth.cache', group: AUTH_GROUP, status: 'warn', message: `could not read mcp-remote's cache: ${error.message}` },
      ]),
    ]);
    checks = [...environment, ...clients.checks, ...network, regionCheck(urls), ...auth];
    if (options.fix) checks = [...checks, ...(await fixEntries(ctx, options, checks))];
  } finally {
    stopSpinner();
  }
  if (options.json) {
    out.json(checksAsJson(checks));
  } else {
    printChecks(out, checks);
    out.line(summaryLine(checks));
  }
  return checks.some((check) => check.status === 'fail') ? 1 : 0;
}
