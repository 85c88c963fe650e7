import { readNamedFile } from '../config/files.js';
import { networkChecks } from './network.js';
import type { Check } from './types.js';
import { getEnv, type Platform } from '../core/platform.js';
import { command } from '../core/invocation.js';

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

/** Doctor's network checks for one endpoint, with the machine's proxy and CA settings, each with its `url`. */
export async function networkCheckList(platform: Platform, url: string, timeoutMs: number): Promise<Check[]> {
  const checks = await networkChecks(url, { timeoutMs, env: proxyEnvironment(platform), ca: extraCas(platform) });
  // Two endpoints give the same ids: each check says which URL it probed (doctor --json's "url").
  return checks.map((check) => ({ ...check, url }));
}

/** What the check after writing found: reachable, or the first step that failed. */
export interface Reachability {
  ok: boolean;
  /** The failing step in doctor's words (DNS, refused, TLS…), when not ok. */
  failure?: Check;
}

/**
 * The network part of doctor for one endpoint, run after setup writes, reduced to what a person
 * needs then: reachable or not, and why not. The step-by-step table is doctor's.
 */
export async function checkReachable(platform: Platform, url: string, timeoutMs: number): Promise<Reachability> {
  const checks = await networkCheckList(platform, url, timeoutMs);
  const failure = checks.find((check) => check.status === 'fail');
  return failure ? { ok: false, failure } : { ok: true };
}

/** "Intercom is reachable" in one line. */
export function reachableLine(url: string): string {
  return `Intercom is reachable: ${url} answers and asks for a sign-in, as it should.`;
}

/**
 * Two lines when Intercom cannot be reached: what failed, then that the configuration is written
 * (for whom, when not every client's) and what to run once online. Never said when nothing was
 * written: the check is skipped then.
 */
export function unreachableLines(failure: Check | undefined, written: string[], allWritten: boolean): [string, string] {
  const reason = (failure?.message ?? 'the connection failed').replace(/[.\s]+$/, '');
  const what = allWritten ? 'The configuration is written' : `The configuration is written for ${written.join(', ')}`;
  return [`Intercom cannot be reached from here: ${reason}.`, `${what}; when you are online, check again with: ${command('doctor')}`];
}
