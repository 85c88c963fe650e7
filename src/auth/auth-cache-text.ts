import type { TokenInfo } from './auth-cache.js';
import { plural } from '../ui/text.js';

/** Words for what mcp-remote's cache holds, shared by reset-auth and doctor. Never a token. */

/** "3 days", "2 hours", "5 minutes", "less than a minute". */
export function roughDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.round(ms / 3_600_000);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.round(ms / 86_400_000), 'day');
}

/** "expires in 3 days" / "expired 2 hours ago", with whether a refresh token is stored. Never the token. */
export function describeTokens(tokens: TokenInfo | undefined, now: number): string | undefined {
  if (!tokens) return undefined;
  if (!tokens.readable) return 'tokens file unreadable';
  const refresh = tokens.hasRefreshToken ? '; a refresh token is stored' : '';
  if (tokens.expiresAt === undefined) return `no expiry recorded${refresh}`;
  const delta = tokens.expiresAt - now;
  const when = delta >= 0 ? `expires in ${roughDuration(delta)}` : `expired ${roughDuration(-delta)} ago`;
  return `access token ${when}${refresh}`;
}

/** A URL for display: query values may be credentials, so they are masked. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.search) return url;
    for (const key of [...parsed.searchParams.keys()]) parsed.searchParams.set(key, '****');
    return parsed.toString();
  } catch {
    return url;
  }
}
