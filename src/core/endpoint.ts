/** Where Intercom's MCP server is, and which URLs are acceptable to write into configs. */

export type Transport = 'sse' | 'http';
export type Region = 'us' | 'eu';

export const REGION_ORIGINS: Record<Region, string> = {
  us: 'https://mcp.intercom.com',
  eu: 'https://mcp.eu.intercom.com',
};

const TRANSPORT_PATHS: Record<Transport, string> = { sse: '/sse', http: '/mcp' };

export const DEFAULT_URL = `${REGION_ORIGINS.us}${TRANSPORT_PATHS.sse}`;

/** The four URLs Intercom serves (US/EU × SSE/Streamable HTTP). */
export const INTERCOM_STANDARD_URLS: readonly string[] = (['us', 'eu'] as const).flatMap((region) =>
  (['sse', 'http'] as const).map((transport) => `${REGION_ORIGINS[region]}${TRANSPORT_PATHS[transport]}`),
);

export function endpointUrl(region: Region, transport: Transport): string {
  return `${REGION_ORIGINS[region]}${TRANSPORT_PATHS[transport]}`;
}

/** The transport a URL speaks, from its path: `/mcp` is Streamable HTTP, anything else legacy SSE. */
export function transportOfUrl(url: string): Transport {
  // Intercom's own URLs, the usual case, without a URL parse (a report asks once per client).
  if (INTERCOM_STANDARD_URLS.includes(url)) return url.endsWith(TRANSPORT_PATHS.http) ? 'http' : 'sse';
  try {
    const { pathname } = new URL(url);
    return pathname.replace(/\/+$/, '').endsWith('/mcp') ? 'http' : 'sse';
  } catch {
    return 'sse';
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

export function isIntercomHost(hostname: string): boolean {
  return hostname === 'intercom.com' || hostname.endsWith('.intercom.com');
}

export interface UrlVerdict {
  ok: boolean;
  /** Why the URL is refused (ok false) — one line. */
  error?: string;
  /** Set when the URL is valid but not Intercom's own: writing it needs confirmation. */
  foreignHost?: string;
}

/**
 * Checks a URL the user gave with --url. It ends up in config files that start a process,
 * so anything that could smuggle arguments or credentials is refused outright.
 */
export function checkEndpointUrl(raw: string): UrlVerdict {
  if (INTERCOM_STANDARD_URLS.includes(raw)) return { ok: true };
  if (/[\s\u0000-\u001f\u007f]/.test(raw)) {
    return { ok: false, error: 'the URL contains spaces or control characters' };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, error: 'it is not a valid URL (expected https://…)' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, error: `the scheme ${url.protocol} is not allowed (use https://)` };
  }
  if (url.username || url.password) {
    return { ok: false, error: 'the URL contains a user name or password; remove them (sign-in happens through OAuth)' };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return { ok: false, error: 'plain http:// is only accepted for localhost and 127.0.0.1 (use https://)' };
  }
  if (!isIntercomHost(url.hostname) && !isLoopbackHost(url.hostname)) {
    return { ok: true, foreignHost: url.hostname };
  }
  return { ok: true };
}

/** A --url that is not Intercom's would send the sign-in elsewhere: it needs an explicit yes. */
export function foreignUrlWarning(url: string): string | undefined {
  const verdict = checkEndpointUrl(url);
  if (!verdict.foreignHost) return undefined;
  return `--url points at ${verdict.foreignHost}, which is not an Intercom host: the entry will send your sign-in there`;
}
