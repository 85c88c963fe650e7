import { readNamedFile } from '../config/files.js';
import { networkChecks } from './network.js';
import { printChecks } from './render.js';
import type { Check } from './types.js';
import { getEnv, type Platform } from '../core/platform.js';
import type { CommandContext } from '../ui/context.js';

/** A CA bundle (the system's is about 200 KB); a bigger file is not read. */
const MAX_CA_FILE_BYTES = 16 * 1024 * 1024;

/** Extra CAs the way Node adds them for the clients: NODE_EXTRA_CA_CERTS, when readable. */
function extraCas(platform: Platform): string[] | undefined {
  const file = getEnv(platform, 'NODE_EXTRA_CA_CERTS');
  if (!file) return undefined;
  try {
    return [readNamedFile(file, { maxBytes: MAX_CA_FILE_BYTES })];
  } catch {
    return undefined; // the environment check reports the unreadable file
  }
}

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];

/** The proxy variables as the OS reads them (case-insensitively on Windows). */
function proxyEnvironment(platform: Platform): Record<string, string | undefined> {
  if (platform.os !== 'win32') return { ...platform.env };
  return Object.fromEntries(PROXY_VARIABLES.map((name) => [name, getEnv(platform, name)]));
}

/** Doctor's network checks for one endpoint, with the machine's proxy and CA settings. */
export function networkCheckList(platform: Platform, url: string, timeoutMs: number): Promise<Check[]> {
  return networkChecks(url, { timeoutMs, env: proxyEnvironment(platform), ca: extraCas(platform) });
}

/**
 * The network part of doctor, run after setup writes, reported the same way. Returns whether
 * nothing failed. In the wizard (`quiet`) only problems are printed; the spinner says the rest.
 */
export async function runConnectivityCheck(ctx: CommandContext, urls: string[], timeoutMs: number, display: { quiet?: boolean } = {}): Promise<boolean> {
  const checks = (await Promise.all(urls.map((url) => networkCheckList(ctx.platform, url, timeoutMs)))).flat();
  const ok = !checks.some((check) => check.status === 'fail');
  if (!display.quiet || !ok) {
    ctx.out.line('');
    printChecks(ctx.out, display.quiet ? checks.filter((check) => check.status !== 'pass') : checks);
  }
  if (!ok && !display.quiet) {
    ctx.out.line('The entries are written, but Intercom cannot be reached from here yet: fix the step above, then run: intercom-mcp-setup doctor');
  }
  return ok;
}
