/**
 * How a client entry runs mcp-remote: its argv parsed the way mcp-remote 0.15.1 parses it, so the
 * cache hash can be computed from it (src/auth-cache.ts). Kept apart from the cache code so that
 * reading client configs (list, setup) never loads node:crypto.
 */
import { isIntercomHost } from '../core/endpoint.js';

/** The inputs other than the URL that mcp-remote 0.15.1 folds into the hash. */
export interface HashOptions {
  /** `--resource` value (trimmed; an empty one, or `--disable-resource-parameter`, means none). */
  resource?: string;
  /** `--authorize-param key=value` pairs. */
  authorizeParams?: Record<string, string>;
  /** `--header Name:value` / `--header-file` headers, values as written (before `${VAR}` substitution). */
  headers?: Record<string, string>;
  /** A valid `--client-metadata-url` (https with a path). */
  clientMetadataUrl?: string;
  /** `--token-endpoint`, normalised with `new URL(v).toString()`. */
  tokenEndpoint?: string;
}

/** Whether a URL points at an Intercom host (intercom.com or a subdomain of it). */
export function isIntercomUrl(url: string): boolean {
  try {
    return isIntercomHost(new URL(url).hostname.toLowerCase());
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing a client entry's command line

/** What mcp-remote would hash for one client entry. Header values may be secrets: never print them. */
export interface McpRemoteInvocation extends HashOptions {
  /** The server URL exactly as mcp-remote receives it. */
  url: string;
  headers: Record<string, string>;
  authorizeParams: Record<string, string>;
  /** `--header-file` paths, in order. */
  headerFiles: string[];
  /**
   * Set when the options hash cannot be computed faithfully: a `--header-file` that could not be
   * read here (no `readFile` given). Only the plain md5(url) is then a reliable target.
   */
  incomplete?: string;
  /**
   * Set when mcp-remote 0.15.1 would refuse these arguments before writing anything (e.g. an invalid
   * `--resource`, a reserved `--authorize-param`); such an entry never produced an options hash.
   */
  invalid?: string;
}

export interface ParseArgsOptions {
  /** The entry's `command` (e.g. `npx`, `cmd`, `mcp-remote`, or Cursor's one-string `npx -y mcp-remote URL`). */
  command?: string;
  /** Reads a `--header-file` (UTF-8). Without it, entries that use one are marked `incomplete`. */
  readFile?: (path: string) => string;
}

function unquote(token: string): string {
  return token.replace(/^(['"])(.*)\1$/, '$2');
}

function splitWords(text: string): string[] {
  return text.split(/\s+/).filter(Boolean).map(unquote);
}

/** Whether a token runs mcp-remote: the package name (with an optional version) or its bin/script. */
function isMcpRemoteToken(token: string): boolean {
  const t = token.replace(/\\/g, '/');
  if (/^mcp-remote(@[^/\s]+)?$/.test(t)) return true;
  if (t === 'mcp-remote-client') return true;
  const base = t.slice(t.lastIndexOf('/') + 1).toLowerCase();
  if (/^mcp-remote(-client)?(\.cmd|\.ps1|\.exe)?$/.test(base) && t.includes('/')) return true;
  return /(^|\/)mcp-remote\/dist\/(proxy|client)\.js$/.test(t);
}

const PACKAGE_FLAGS = new Set(['-p', '--package']);

/** The arguments that follow the mcp-remote token, or undefined when the entry does not run mcp-remote. */
function mcpRemoteArgv(args: readonly string[], command: string | undefined): string[] | undefined {
  const tokens: string[] = [];
  // The command and the args before the mcp-remote token may be one string (`npx -y mcp-remote URL`,
  // `cmd /c "npx -y mcp-remote URL"`); split those on spaces. After it, args are taken as given.
  const pending = [...(command !== undefined ? [command] : []), ...args];
  for (let i = 0; i < pending.length; i++) {
    const item = pending[i] as string;
    const whole = unquote(item.trim());
    const words = isMcpRemoteToken(whole) || !/\s/.test(whole) ? [whole] : splitWords(item);
    for (let w = 0; w < words.length; w++) {
      const word = words[w] as string;
      const previous = w > 0 ? words[w - 1] : tokens[tokens.length - 1];
      tokens.push(word);
      if (isMcpRemoteToken(word) && !(previous !== undefined && PACKAGE_FLAGS.has(previous))) {
        return [...words.slice(w + 1), ...pending.slice(i + 1)];
      }
    }
  }
  return undefined;
}

const RESERVED_AUTHORIZE_PARAMS = new Set(['client_id', 'redirect_uri', 'response_type', 'state', 'code_challenge', 'code_challenge_method']);

function parseHeaderLine(line: string): { name: string; value: string } | undefined {
  const match = line.match(/^([A-Za-z0-9_-]+):\s*(.*)$/);
  return match ? { name: match[1] as string, value: match[2] as string } : undefined;
}

/** mcp-remote 0.15.1's own loopback test, replayed as it is (core/endpoint.ts's, for our URLs, also takes 127.x.y.z). */
function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/**
 * Finds the mcp-remote invocation in a client entry's args and extracts what mcp-remote 0.15.1's
 * `parseCommandLineArgs` would hash, replaying its order: `--header`/`--header-file` pairs are
 * removed first (later ones win), the server URL is the first remaining arg, then `--resource`
 * (first occurrence, trimmed), `--disable-resource-parameter`, `--authorize-param`,
 * `--client-metadata-url`, `--token-endpoint`. Header lines must match `^[A-Za-z0-9_-]+:\s*(.*)$`
 * (the space after the colon is dropped). Returns undefined when the entry does not run
 * mcp-remote or has no valid URL where mcp-remote expects it.
 *
 * Handles `['-y','mcp-remote',URL,…]`, `['/c','npx','-y','mcp-remote@0.15.1',URL]`,
 * `npx -p mcp-remote@x mcp-remote URL`, a `command` of `mcp-remote` or a path to its bin, and a
 * one-string command (`npx -y mcp-remote URL`).
 */
export function parseMcpRemoteArgs(args: readonly string[], opts: ParseArgsOptions = {}): McpRemoteInvocation | undefined {
  const argv = mcpRemoteArgv(args, opts.command);
  if (!argv) return undefined;

  // A plain object on purpose: mcp-remote uses one, so `__proto__` behaves the same here.
  const headers: Record<string, string> = {};
  const headerFiles: string[] = [];
  let incomplete: string | undefined;
  let invalid: string | undefined;
  let i = 0;
  while (i < argv.length) {
    if (argv[i] === '--header' && i < argv.length - 1) {
      const parsed = parseHeaderLine(argv[i + 1] as string);
      if (parsed) headers[parsed.name] = parsed.value;
      argv.splice(i, 2);
      continue;
    }
    if (argv[i] === '--header-file' && i < argv.length - 1) {
      const file = argv[i + 1] as string;
      headerFiles.push(file);
      if (!opts.readFile) {
        incomplete ??= `headers are read from ${file}`;
      } else {
        let contents: string | undefined;
        try {
          contents = opts.readFile(file);
        } catch {
          invalid ??= `the header file ${file} cannot be read`;
        }
        for (const line of (contents ?? '').split(/\r?\n/)) {
          const trimmed = line.trim();
          if (!trimmed || trimmed.startsWith('#')) continue;
          const parsed = parseHeaderLine(trimmed);
          if (parsed) headers[parsed.name] = parsed.value;
        }
      }
      argv.splice(i, 2);
      continue;
    }
    i++;
  }

  const url = argv[0];
  if (url === undefined) return undefined;
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch {
    return undefined;
  }
  const localHttp = parsedUrl.protocol === 'http:' && (parsedUrl.hostname === 'localhost' || parsedUrl.hostname === '127.0.0.1');
  if (parsedUrl.protocol !== 'https:' && !localHttp && !argv.includes('--allow-http')) {
    invalid ??= 'a non-HTTPS URL needs --allow-http';
  }

  let resource: string | undefined;
  let skipResource = argv.includes('--disable-resource-parameter');
  const resourceIndex = argv.indexOf('--resource');
  if (resourceIndex !== -1 && resourceIndex < argv.length - 1) {
    const value = (argv[resourceIndex + 1] as string).trim();
    if (value.length === 0) skipResource = true;
    else resource = value;
  }
  if (skipResource) resource = undefined;
  if (resource !== undefined) {
    try {
      new URL(resource);
    } catch {
      invalid ??= `--resource ${resource} is not an absolute URI`;
    }
  }

  const authorizeParams: Record<string, string> = {};
  for (let j = 0; j < argv.length - 1; j++) {
    if (argv[j] !== '--authorize-param') continue;
    const raw = argv[j + 1] as string;
    const separator = raw.indexOf('=');
    if (separator < 1) {
      invalid ??= `--authorize-param ${raw} is not key=value`;
      continue;
    }
    const key = raw.slice(0, separator).trim();
    if (RESERVED_AUTHORIZE_PARAMS.has(key)) {
      invalid ??= `--authorize-param cannot set ${key}`;
      continue;
    }
    authorizeParams[key] = raw.slice(separator + 1);
  }

  let clientMetadataUrl: string | undefined;
  const cmIndex = argv.indexOf('--client-metadata-url');
  if (cmIndex !== -1 && cmIndex < argv.length - 1) {
    const value = (argv[cmIndex + 1] as string).trim();
    try {
      const parsed = new URL(value);
      if (parsed.protocol === 'https:' && parsed.pathname !== '/') clientMetadataUrl = value;
    } catch {
      // mcp-remote ignores an invalid one
    }
  }

  let tokenEndpoint: string | undefined;
  const teIndex = argv.indexOf('--token-endpoint');
  if (teIndex !== -1) {
    const next = argv[teIndex + 1];
    if (next === undefined || next.startsWith('--')) invalid ??= '--token-endpoint has no URL';
    else if (!argv.includes('--client-credentials')) invalid ??= '--token-endpoint needs --client-credentials';
    else {
      try {
        const endpoint = new URL(next.trim());
        const loopback = endpoint.protocol === 'http:' && isLoopbackHost(endpoint.hostname);
        if (endpoint.protocol !== 'https:' && !loopback) invalid ??= '--token-endpoint must use HTTPS';
        else if (endpoint.username || endpoint.password || endpoint.hash) invalid ??= '--token-endpoint has credentials or a fragment';
        else tokenEndpoint = endpoint.toString();
      } catch {
        invalid ??= '--token-endpoint is not a URL';
      }
    }
  }

  const result: McpRemoteInvocation = { url, headers, authorizeParams, headerFiles };
  if (resource !== undefined) result.resource = resource;
  if (clientMetadataUrl !== undefined) result.clientMetadataUrl = clientMetadataUrl;
  if (tokenEndpoint !== undefined) result.tokenEndpoint = tokenEndpoint;
  if (incomplete !== undefined) result.incomplete = incomplete;
  if (invalid !== undefined) result.invalid = invalid;
  return result;
}
