/** Doctor's checks from the authenticated probe (src/auth/probe.ts) with mcp-remote's stored tokens. */
import { CacheBaseError, resolveCacheBase, serverHash } from '../auth/auth-cache.js';
import { roughDuration } from '../auth/auth-cache-text.js';
import { probeWithToken, readStoredTokens, tokensPath, type ProbeOutcome } from '../auth/probe.js';
import type { Platform } from '../core/platform.js';
import { checksOf, type Check } from './types.js';
import { AUTH_GROUP } from './auth-cache-checks.js';
import { plural } from '../ui/text.js';
import { command } from '../core/invocation.js';

const loginFix = () => `${command('login')} (if it still fails: ${command('reset-auth')}, then ${command('login')})`;

// ---- doctor checks -----------------------------------------------------------------------------

export interface AuthProbeOptions {
  /** Each token read is handed here first, so the output can mask it. */
  onSecret?: (secret: string) => void;
  now?: number;
}

const check = checksOf(AUTH_GROUP);

function probeCheck(status: Check['status'], message: string, fix?: string): Check {
  return check('auth.probe', status, message, fix);
}

/** The check for one endpoint's probe outcome. */
function checkForOutcome(url: string, outcome: ProbeOutcome, hasRefreshToken: boolean): Check {
  switch (outcome.kind) {
    case 'ok':
      return probeCheck('pass', `${url}: signed in; initialize and tools/list answered with ${plural(outcome.tools, 'tool')}`);
    case 'unauthorized':
      return probeCheck(
        'warn',
        `${url}: the stored sign-in was refused (401: ${outcome.detail}): the access token expired or was revoked${hasRefreshToken ? '; mcp-remote tries its refresh token on the next start, and asks to sign in if that is refused too' : ''}`,
        loginFix(),
      );
    case 'http':
      return probeCheck(
        'warn',
        `${url}: the authenticated probe failed: ${outcome.detail}`,
        `See the Network checks above; if they pass, retry later or run ${command('login')}`,
      );
    case 'protocol':
      return probeCheck(
        'warn',
        `${url}: the authenticated probe got no usable MCP answer: ${outcome.detail}`,
        `Retry later; if it persists: ${command('reset-auth')}, then ${command('login')}`,
      );
    case 'network':
      return probeCheck('warn', `${url}: the authenticated probe could not complete: ${outcome.detail}`, 'See the Network checks above');
  }
}

/**
 * One `auth.probe` check per endpoint whose tokens mcp-remote stored: a real initialize and
 * tools/list with the stored access token. Endpoints without stored tokens get no check (the
 * Auth cache checks already say nobody signed in). An access token past its recorded expiry is
 * not sent: with a refresh token that is normal (mcp-remote renews it on its next start: skip),
 * without one it is a warning naming login.
 */
export async function authProbeChecks(platform: Platform, urls: readonly string[], timeoutMs: number, opts: AuthProbeOptions = {}): Promise<Check[]> {
  let base: string;
  try {
    const resolved = resolveCacheBase(platform);
    if (!resolved.exists) return [];
    base = resolved.base;
  } catch (error) {
    if (error instanceof CacheBaseError) return []; // the Auth cache checks report it
    throw error;
  }
  const now = opts.now ?? Date.now();
  const checks = await Promise.all(
    [...new Set(urls)].map(async (url): Promise<Check | undefined> => {
      const tokens = await readStoredTokens(tokensPath(base, serverHash(url)));
      if (!tokens?.accessToken) return undefined;
      opts.onSecret?.(tokens.accessToken);
      if (tokens.refreshToken) opts.onSecret?.(tokens.refreshToken);
      if (tokens.expiresAt !== undefined && tokens.expiresAt <= now) {
        const ago = roughDuration(now - tokens.expiresAt);
        return tokens.refreshToken
          ? probeCheck(
              'skip',
              `${url}: not probed: the access token expired ${ago} ago; mcp-remote renews it with the stored refresh token on its next start (doctor never uses refresh tokens)`,
            )
          : probeCheck('warn', `${url}: the access token expired ${ago} ago and there is no refresh token: the next connection asks to sign in`, loginFix());
      }
      return checkForOutcome(url, await probeWithToken(url, tokens.accessToken, timeoutMs), tokens.refreshToken !== undefined);
    }),
  );
  return checks.filter((check): check is Check => check !== undefined);
}
