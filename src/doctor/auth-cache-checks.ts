import { readNamedFile } from '../config/files.js';
import { callbackPort, CacheBaseError, intercomTargets, resolveCacheBase, scanCache, type CacheEntry, type CacheScan } from '../auth/auth-cache.js';
import { displayPath } from '../clients/paths.js';
import { roughDuration } from '../auth/auth-cache-text.js';
import { intercomBridges, type IntercomEntry } from '../entries/intercom-entries.js';
import type { Platform } from '../core/platform.js';
import { checksOf, type Check } from './types.js';
import { command } from '../core/invocation.js';

export const AUTH_GROUP = 'Auth cache (mcp-remote)';

const check = checksOf(AUTH_GROUP);

/** The port a registration's redirect URI uses, read without touching anything secret in the file. */
async function registeredPort(entry: CacheEntry): Promise<number | undefined> {
  try {
    // Listed from the cache folder: a regular file, not followed through a link, up to 1 MB.
    const info = JSON.parse(readNamedFile(entry.path, { noFollow: true })) as { redirect_uris?: unknown };
    const first = Array.isArray(info.redirect_uris) ? info.redirect_uris[0] : undefined;
    if (typeof first !== 'string') return undefined;
    const port = Number(new URL(first).port);
    return Number.isInteger(port) && port > 0 ? port : undefined;
  } catch {
    return undefined;
  }
}

async function checksForScan(scan: CacheScan, platform: Platform, now: number): Promise<Check[]> {
  const checks: Check[] = [];
  const where = displayPath(platform, scan.base);
  const folderNames = scan.folders.map((folder) => folder.name);
  checks.push(check('auth.cache', 'pass', `${where}: ${folderNames.length > 0 ? folderNames.join(', ') : 'no mcp-remote folders yet'}`));
  const ours = scan.folders.flatMap((folder) => folder.entries.filter((entry) => entry.target));
  if (ours.length === 0) {
    checks.push(check('auth.tokens', 'pass', 'No Intercom sign-in stored yet: the first connection opens the browser to sign in'));
  }
  for (const lock of scan.activeLocks.filter((active) => active.target)) {
    checks.push(
      check(
        'auth.in-progress',
        'warn',
        `A sign-in or token refresh for ${lock.target?.label} is in progress (pid ${lock.pid}${lock.process ? `, ${lock.process}` : ''})`,
        `finish it in the browser, or close that process; if it is stuck: ${command('reset-auth --force')}`,
      ),
    );
  }
  const byTarget = new Map<string, CacheEntry[]>();
  for (const entry of ours) {
    const key = `${entry.hash}:${entry.folder}`;
    byTarget.set(key, [...(byTarget.get(key) ?? []), entry]);
  }
  for (const entries of byTarget.values()) {
    const sample = entries[0]!;
    const label = `${sample.target?.label ?? sample.hash} (${sample.folder})`;
    const tokens = entries.find((entry) => entry.kind === 'tokens')?.tokens;
    const clientInfo = entries.find((entry) => entry.kind === 'client-info' && entry.type === 'file');
    if (clientInfo && sample.hash) {
      const port = await registeredPort(clientInfo);
      const expected = callbackPort(sample.hash);
      if (port !== undefined && port !== expected) {
        checks.push(
          check(
            'auth.registration',
            'warn',
            `${label}: the stored client registration redirects to port ${port}, but mcp-remote now listens on ${expected}; the sign-in will fail with a redirect error`,
            command('reset-auth'),
          ),
        );
      }
    }
    if (!tokens) {
      if (clientInfo) {
        checks.push(
          check(
            'auth.tokens',
            'warn',
            `${label}: registered but never signed in (no tokens): an earlier sign-in did not finish`,
            `${command('reset-auth')}, then restart the client and sign in`,
          ),
        );
      }
      continue;
    }
    if (!tokens.readable) {
      checks.push(check('auth.tokens', 'warn', `${label}: tokens.json cannot be read`, command('reset-auth')));
    } else if (tokens.expiresAt !== undefined && tokens.expiresAt < now && !tokens.hasRefreshToken) {
      checks.push(
        check(
          'auth.tokens',
          'warn',
          `${label}: signed in, but the token expired ${roughDuration(Math.abs(tokens.expiresAt - now))} ago and there is no refresh token`,
          `${command('reset-auth')}, then restart the client and sign in again`,
        ),
      );
    } else {
      const expiry =
        tokens.expiresAt === undefined
          ? ''
          : tokens.expiresAt < now
            ? `; the access token expired ${roughDuration(Math.abs(tokens.expiresAt - now))} ago and will be renewed`
            : `; the access token expires in ${roughDuration(Math.abs(tokens.expiresAt - now))}`;
      checks.push(check('auth.tokens', 'pass', `${label}: signed in${expiry}`));
    }
  }
  return checks;
}

/** What mcp-remote has stored for Intercom: folders, tokens, sign-ins in progress, stale state. */
export async function authCacheChecks(platform: Platform, entries: IntercomEntry[], extraUrls: string[], now = Date.now()): Promise<Check[]> {
  let base;
  try {
    base = resolveCacheBase(platform);
  } catch (error) {
    if (error instanceof CacheBaseError) {
      return [check('auth.cache', 'fail', error.message, 'point MCP_REMOTE_CONFIG_DIR at a folder of its own, or unset it')];
    }
    throw error;
  }
  if (!base.exists) {
    return [check('auth.cache', 'pass', `${displayPath(platform, base.base)} does not exist yet: no sign-in stored; the first connection opens the browser`)];
  }
  const targets = intercomTargets({
    invocations: intercomBridges(entries, extraUrls).map((entry) => entry.invocation),
    urls: extraUrls,
  });
  const scan = await scanCache(base.base, targets);
  return checksForScan(scan, platform, now);
}
