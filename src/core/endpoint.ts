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

function isLoopbackHost(hostname: string): boolean {
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
 * What a URL may hold. Windows entries run it through cmd.exe (`cmd /c npx -y mcp-remote <url>`),
 * where & | ^ % < > " ( ) ! are operators or expansions, so only characters with no meaning there
 * pass: letters, digits and the URL punctuation below. A `'` or a non-ASCII character is refused
 * too: the URL parser would percent-encode it, and `%` is cmd.exe's.
 */
const URL_CHARACTERS = /^[A-Za-z0-9\-._~:/?#[\]@=,;+*$]*$/;
const FIRST_OTHER_CHARACTER = /[^A-Za-z0-9\-._~:/?#[\]@=,;+*$]/u;

/** Query parameters that carry a credential: a URL is written into config files and shown in logs. */
const CREDENTIAL_PARAMETER = /token|secret|passw|pwd|api[-_]?key|apikey|credential|^(?:key|auth|authorization|code|sig|signature|session|sessionid)$/i;

/**
 * Checks a URL the user gave with --url (or one doctor found in a config file). It ends up in
 * config files that start a process, so anything that could smuggle arguments, commands or
 * credentials is refused outright: spaces and control characters, cmd.exe's operators, a
 * backslash (URL parsers disagree about it: `https://mcp.intercom.com\@evil.example/` is
 * Intercom's host to one and evil.example to another), a user name or password, and credentials
 * in the query.
 */
export function checkEndpointUrl(raw: string): UrlVerdict {
  if (INTERCOM_STANDARD_URLS.includes(raw)) return { ok: true };
  if (/[\s\u0000-\u001f\u007f]/.test(raw)) {
    return { ok: false, error: 'the URL contains spaces or control characters' };
  }
  if (raw.includes('\\')) {
    return { ok: false, error: 'the URL contains a backslash, which URL parsers read differently (after "\\@" some take another host); write "/"' };
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
  if (!URL_CHARACTERS.test(raw)) {
    const character = FIRST_OTHER_CHARACTER.exec(raw)?.[0] ?? '?';
    return {
      ok: false,
      error: `the URL contains ${JSON.stringify(character)}: Windows entries run the URL through cmd.exe, where & | ^ % < > " ( ) ! are operators, so only letters, digits and - . _ ~ : / ? # [ ] @ = , ; + * $ are accepted`,
    };
  }
  if (url.username || url.password) {
    return { ok: false, error: 'the URL contains a user name or password; remove them (sign-in happens through OAuth)' };
  }
  for (const name of url.searchParams.keys()) {
    if (CREDENTIAL_PARAMETER.test(name)) {
      return { ok: false, error: `the URL carries a credential in its query ("${name}="); remove it (sign-in happens through OAuth, or use --token-env)` };
    }
  }
  if (!URL_CHARACTERS.test(url.href)) {
    return { ok: false, error: 'the URL needs percent-encoding, and cmd.exe reads "%" as a variable; write it without characters that need encoding' };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return { ok: false, error: 'plain http:// is only accepted for localhost and 127.0.0.1 (use https://)' };
  }
  if (!isIntercomHost(url.hostname) && !isLoopbackHost(url.hostname)) {
    return { ok: true, foreignHost: url.hostname };
  }
  return { ok: true };
}

/**
 * The URL as it is written into configs: normalised by the URL parser (`new URL(raw).href`: the
 * scheme and host in lower case, a default port dropped, dot segments resolved), so the entry
 * holds what every later reader parses it as. Call after checkEndpointUrl accepted it.
 */
export function normalizeEndpointUrl(raw: string): string {
  if (INTERCOM_STANDARD_URLS.includes(raw)) return raw;
  try {
    return new URL(raw).href;
  } catch {
    return raw;
  }
}

/** A --url that is not Intercom's would send the sign-in elsewhere: it needs an explicit yes. */
export function foreignUrlWarning(url: string): string | undefined {
  const verdict = checkEndpointUrl(url);
  if (!verdict.foreignHost) return undefined;
  return `--url points at ${verdict.foreignHost}, which is not an Intercom host: the entry will send your sign-in there`;
}
