/**
 * The authenticated probe (doctor, login): with the access token mcp-remote stored for an endpoint, does
 * Intercom's MCP server answer `initialize` and `tools/list`, and with how many tools?
 *
 * - Which tokens: `<base>/mcp-remote-v1/<md5(url)>_tokens.json` (the layout mcp-remote 0.4.0
 *   through at least 0.15.1 uses; `<base>` is `$MCP_REMOTE_CONFIG_DIR` or `~/.mcp-auth`), for
 *   each endpoint doctor checks. Entries that pass `--header`/`--resource` (another hash) are not
 *   probed: their headers would be needed too.
 * - How: Node's `fetch` straight to the server, like mcp-remote (which uses a proxy only with
 *   `--enable-proxy`); redirects are never followed; the token goes to the endpoint's origin only
 *   (an SSE `endpoint` event naming another origin is refused); every step has its own deadline
 *   and every body is read up to a cap. Streamable HTTP for a `/mcp` URL, legacy SSE otherwise.
 * - Never: print a token (each one read is handed to `onSecret` so the output masks it), use the
 *   refresh token (rotating it would sign mcp-remote out), or write anything.
 * - No text the server chose reaches an outcome's detail: a server that was sent the token can
 *   echo it (URL-encoded, reversed, base64…) in a 401 description, a JSON-RPC error message, a
 *   Location, the status line or a content type. Details hold status codes, a JSON-RPC error
 *   code, an RFC 6750 error code from a fixed list, and words of our own.
 */
import { readNamedFile } from '../config/files.js';
import nodePath from 'node:path';
import { transportOfUrl } from '../core/endpoint.js';

const PROBE_PROTOCOL_VERSION = '2025-06-18';
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const MAX_TOOL_PAGES = 10;
const CLIENT_INFO = { name: 'intercom-mcp-setup-doctor', version: '1' };

// ---- stored tokens -----------------------------------------------------------------------------

/** What a tokens.json holds, kept in memory only. Never print `accessToken` or `refreshToken`. */
export interface StoredTokens {
  path: string;
  accessToken?: string;
  refreshToken?: string;
  /** Epoch ms (mcp-remote's `expires_at`), when recorded. */
  expiresAt?: number;
}

/** The folder mcp-remote 0.4.0+ keeps its files in, inside the cache base. */
export const CURRENT_CACHE_FOLDER = 'mcp-remote-v1';

export function tokensPath(base: string, hash: string): string {
  return nodePath.join(base, CURRENT_CACHE_FOLDER, `${hash}_tokens.json`);
}

/** Reads a tokens.json; undefined when it is missing or not a JSON object (parse errors can quote the file: not kept). */
export async function readStoredTokens(path: string): Promise<StoredTokens | undefined> {
  let data: unknown;
  try {
    // A regular file up to the cap, opened without blocking: never a FIFO or device put in its place.
    data = JSON.parse(readNamedFile(path, { maxBytes: MAX_BODY_BYTES }));
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const record = data as Record<string, unknown>;
  const tokens: StoredTokens = { path };
  if (typeof record.access_token === 'string' && record.access_token !== '') tokens.accessToken = record.access_token;
  if (typeof record.refresh_token === 'string' && record.refresh_token !== '') tokens.refreshToken = record.refresh_token;
  if (typeof record.expires_at === 'number' && Number.isFinite(record.expires_at) && record.expires_at > 0) tokens.expiresAt = record.expires_at;
  return tokens;
}

// ---- the probe ---------------------------------------------------------------------------------

export type ProbeOutcome =
  | { kind: 'ok'; tools: number; toolNames: string[]; serverName?: string }
  /** 401: the token expired or was revoked. */
  | { kind: 'unauthorized'; detail: string }
  /** Any other HTTP answer that is not MCP (403, 404, 3xx, 5xx, HTML…). */
  | { kind: 'http'; status: number; detail: string }
  /** The server answered MCP with a JSON-RPC error, or something unreadable. */
  | { kind: 'protocol'; detail: string }
  /** No answer: network error or a step's deadline. */
  | { kind: 'network'; detail: string };

class ProbeStop extends Error {
  constructor(readonly outcome: ProbeOutcome) {
    super(outcome.kind);
  }
}

interface JsonRpcMessage {
  jsonrpc?: string;
  id?: number | string | null;
  method?: string;
  result?: Record<string, unknown>;
  error?: { code?: number; message?: string };
}

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

function networkDetail(error: unknown, step: string, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer to ${step} within ${timeoutMs} ms`;
  const code = causeCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return `${step} failed (${code ?? message})`;
}

/**
 * Runs `work` with a deadline: the signal given to it aborts its fetches, and the step gives up
 * at the deadline even when `work` waits on something the signal does not reach (a stream read).
 */
async function step<T>(what: string, timeoutMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const signal = AbortSignal.timeout(timeoutMs);
  let onAbort: () => void = () => undefined;
  const deadline = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  const running = work(signal);
  running.catch(() => undefined);
  try {
    return await Promise.race([running, deadline]);
  } catch (error) {
    if (error instanceof ProbeStop) throw error;
    throw new ProbeStop({ kind: 'network', detail: networkDetail(error, what, timeoutMs) });
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** Reads a body up to the cap. */
async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw new ProbeStop({ kind: 'protocol', detail: `the answer is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB` });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Incremental text/event-stream parser. */
class SseReader {
  private buffer = '';
  private size = 0;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }

  /** The next event, or undefined at the end of the stream. */
  async next(): Promise<{ event: string; data: string } | undefined> {
    for (;;) {
      const match = /\r?\n\r?\n/.exec(this.buffer);
      if (match) {
        const block = this.buffer.slice(0, match.index);
        this.buffer = this.buffer.slice(match.index + match[0].length);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split(/\r?\n/)) {
          if (line.startsWith(':')) continue;
          const colon = line.indexOf(':');
          const field = colon === -1 ? line : line.slice(0, colon);
          const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') event = value;
          else if (field === 'data') data.push(value);
        }
        if (data.length === 0) continue;
        return { event, data: data.join('\n') };
      }
      const { done, value } = await this.reader.read();
      if (done) return undefined;
      this.size += value.length;
      if (this.size > MAX_BODY_BYTES) throw new ProbeStop({ kind: 'protocol', detail: `the event stream sent more than ${MAX_BODY_BYTES / 1024 / 1024} MB` });
      this.buffer += this.decoder.decode(value, { stream: true });
    }
  }

  async close(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }
}

function parseMessages(text: string): JsonRpcMessage[] {
  const parsed: unknown = JSON.parse(text);
  const list = Array.isArray(parsed) ? parsed : [parsed];
  return list.filter((item): item is JsonRpcMessage => typeof item === 'object' && item !== null);
}

/** The OAuth bearer-token error codes (RFC 6750 §3.1): the only words of a 401 that are repeated. */
const BEARER_ERRORS = new Set(['invalid_request', 'invalid_token', 'insufficient_scope']);

/** What a content type is, in our words (the header itself is the server's text). */
function describeType(type: string): string {
  if (!type) return 'no content type';
  if (/html/i.test(type)) return 'an HTML page';
  if (/json/i.test(type)) return 'JSON';
  if (/^text\/plain/i.test(type)) return 'plain text';
  return 'another content type';
}

/** Turns a non-2xx answer into the outcome; 401 is the one that means "sign in again". */
async function httpFailure(response: Response, what: string, url: string): Promise<ProbeStop> {
  let body = '';
  try {
    body = (await readCapped(response)).slice(0, 400);
  } catch {
    // the status says enough
  }
  if (response.status === 401) {
    let code: unknown;
    try {
      code = (JSON.parse(body) as { error?: unknown }).error;
    } catch {
      code = /(?:^|[\s,])error="([^"]*)"/.exec(response.headers.get('www-authenticate') ?? '')?.[1];
    }
    return new ProbeStop({ kind: 'unauthorized', detail: typeof code === 'string' && BEARER_ERRORS.has(code) ? code : 'Unauthorized' });
  }
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get('location');
    let where = 'nowhere';
    if (location !== null) {
      try {
        where = new URL(location, url).origin === new URL(url).origin ? 'elsewhere on the same server' : 'another server';
      } catch {
        where = 'an unreadable address';
      }
    }
    return new ProbeStop({ kind: 'http', status: response.status, detail: `${what} answered ${response.status}, a redirect to ${where} (not followed)` });
  }
  const type = response.headers.get('content-type') ?? '';
  return new ProbeStop({
    kind: 'http',
    status: response.status,
    detail: `${what} answered ${response.status}${/html/i.test(type) ? ' with an HTML page' : ''}`,
  });
}

function rpcResult(message: JsonRpcMessage, what: string): Record<string, unknown> {
  if (message.error) {
    const code = Number.isSafeInteger(message.error.code) ? ` (code ${message.error.code})` : '';
    throw new ProbeStop({ kind: 'protocol', detail: `${what} answered a JSON-RPC error${code}` });
  }
  if (!message.result || typeof message.result !== 'object') throw new ProbeStop({ kind: 'protocol', detail: `${what} answered without a result` });
  return message.result;
}

interface Session {
  /** Sends a request, resolves with its JSON-RPC answer. */
  request(method: string, params: Record<string, unknown>): Promise<Record<string, unknown>>;
  notify(method: string): Promise<void>;
  close(): Promise<void>;
}

function baseHeaders(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}`, 'User-Agent': 'intercom-mcp-setup-doctor' };
}

/** Streamable HTTP: POST each message; the answer is JSON or an SSE stream carrying it. */
async function streamableSession(url: string, token: string, timeoutMs: number): Promise<Session> {
  let sessionId: string | undefined;
  let protocolVersion: string | undefined;
  let nextId = 1;
  const headers = (): Record<string, string> => ({
    ...baseHeaders(token),
    'Content-Type': 'application/json',
    Accept: 'application/json, text/event-stream',
    ...(sessionId ? { 'Mcp-Session-Id': sessionId } : {}),
    ...(protocolVersion ? { 'Mcp-Protocol-Version': protocolVersion } : {}),
  });
  const post = (body: unknown, signal: AbortSignal) =>
    fetch(url, { method: 'POST', headers: headers(), body: JSON.stringify(body), redirect: 'manual', signal });
  return {
    async request(method, params) {
      const id = nextId++;
      return step(method, timeoutMs, async (signal) => {
        const response = await post({ jsonrpc: '2.0', id, method, params }, signal);
        if (!response.ok) throw await httpFailure(response, method, url);
        sessionId = response.headers.get('mcp-session-id') ?? sessionId;
        const type = response.headers.get('content-type') ?? '';
        let answer: JsonRpcMessage | undefined;
        if (type.includes('text/event-stream') && response.body) {
          const events = new SseReader(response.body);
          try {
            for (let event = await events.next(); event && !answer; event = await events.next()) {
              if (event.event !== 'message') continue;
              answer = parseMessages(event.data).find((message) => message.id === id);
            }
          } finally {
            await events.close();
          }
        } else if (type.includes('json')) {
          answer = parseMessages(await readCapped(response)).find((message) => message.id === id);
        } else {
          throw new ProbeStop({ kind: 'http', status: response.status, detail: `${method} answered ${response.status} with ${describeType(type)}, not MCP` });
        }
        if (!answer) throw new ProbeStop({ kind: 'protocol', detail: `${method} got no answer` });
        const result = rpcResult(answer, method);
        if (method === 'initialize' && typeof result.protocolVersion === 'string') protocolVersion = result.protocolVersion;
        return result;
      });
    },
    async notify(method) {
      await step(method, timeoutMs, async (signal) => {
        const response = await post({ jsonrpc: '2.0', method }, signal);
        await response.body?.cancel().catch(() => undefined);
      }).catch(() => undefined);
    },
    async close() {
      if (!sessionId) return;
      await fetch(url, { method: 'DELETE', headers: headers(), redirect: 'manual', signal: AbortSignal.timeout(Math.min(timeoutMs, 2000)) })
        .then((response) => response.body?.cancel())
        .catch(() => undefined);
    },
  };
}

/** Legacy HTTP+SSE: GET the stream, POST to the `endpoint` it names, read answers from the stream. */
async function sseSession(url: string, token: string, timeoutMs: number): Promise<Session> {
  // The stream lives for the whole probe: its fetch gets only this signal (a step's deadline
  // would end the stream with the step), and every wait on it is bounded by a step instead.
  const stream = new AbortController();
  let events: SseReader | undefined;
  const closeAll = async (): Promise<void> => {
    stream.abort();
    await events?.close();
  };
  try {
    const response = await step('GET (event stream)', timeoutMs, () =>
      fetch(url, { headers: { ...baseHeaders(token), Accept: 'text/event-stream' }, redirect: 'manual', signal: stream.signal }),
    );
    if (!response.ok) throw await httpFailure(response, 'GET', url);
    if (!(response.headers.get('content-type') ?? '').includes('text/event-stream') || !response.body) {
      throw new ProbeStop({
        kind: 'http',
        status: response.status,
        detail: `GET answered ${response.status} with ${describeType(response.headers.get('content-type') ?? '')}, not an event stream`,
      });
    }
    const reader = new SseReader(response.body);
    events = reader;
    const origin = new URL(url).origin;
    const endpointEvent = await step('the endpoint event', timeoutMs, async () => {
      for (let event = await reader.next(); event; event = await reader.next()) if (event.event === 'endpoint') return event;
      return undefined;
    });
    if (!endpointEvent) throw new ProbeStop({ kind: 'protocol', detail: 'the event stream ended without naming its endpoint' });
    const endpoint = new URL(endpointEvent.data.trim(), url);
    if (endpoint.origin !== origin) {
      throw new ProbeStop({ kind: 'protocol', detail: 'the event stream named an endpoint on another origin; the token was not sent there' });
    }
    let nextId = 1;
    const post = async (body: unknown, what: string): Promise<void> => {
      await step(what, timeoutMs, async (signal) => {
        const answer = await fetch(endpoint, {
          method: 'POST',
          headers: { ...baseHeaders(token), 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
          redirect: 'manual',
          signal,
        });
        if (!answer.ok) throw await httpFailure(answer, what, endpoint.href);
        await answer.body?.cancel().catch(() => undefined);
      });
    };
    return {
      async request(method, params) {
        const id = nextId++;
        await post({ jsonrpc: '2.0', id, method, params }, method);
        const message = await step(method, timeoutMs, async () => {
          for (let event = await reader.next(); event; event = await reader.next()) {
            if (event.event !== 'message') continue;
            const found = parseMessages(event.data).find((item) => item.id === id);
            if (found) return found;
          }
          return undefined;
        });
        if (!message) throw new ProbeStop({ kind: 'protocol', detail: `the event stream ended before ${method} was answered` });
        return rpcResult(message, method);
      },
      async notify(method) {
        await post({ jsonrpc: '2.0', method }, method).catch(() => undefined);
      },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/**
 * initialize → notifications/initialized → tools/list (following `nextCursor` a few pages) with
 * `Authorization: Bearer <token>`; every step bounded by `timeoutMs`.
 */
export async function probeWithToken(url: string, token: string, timeoutMs: number): Promise<ProbeOutcome> {
  let session: Session | undefined;
  try {
    session = transportOfUrl(url) === 'http' ? await streamableSession(url, token, timeoutMs) : await sseSession(url, token, timeoutMs);
    const init = await session.request('initialize', { protocolVersion: PROBE_PROTOCOL_VERSION, capabilities: {}, clientInfo: CLIENT_INFO });
    await session.notify('notifications/initialized');
    const names: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_TOOL_PAGES; page++) {
      const result = await session.request('tools/list', cursor ? { cursor } : {});
      const tools = Array.isArray(result.tools) ? result.tools : undefined;
      if (!tools) throw new ProbeStop({ kind: 'protocol', detail: 'tools/list answered without a tools list' });
      for (const tool of tools) names.push(typeof (tool as { name?: unknown })?.name === 'string' ? (tool as { name: string }).name : '?');
      cursor = typeof result.nextCursor === 'string' && result.nextCursor !== '' ? result.nextCursor : undefined;
      if (!cursor) break;
    }
    const serverInfo = init.serverInfo as { name?: unknown } | undefined;
    return { kind: 'ok', tools: names.length, toolNames: names, ...(typeof serverInfo?.name === 'string' ? { serverName: serverInfo.name } : {}) };
  } catch (error) {
    if (error instanceof ProbeStop) return error.outcome;
    if (error instanceof SyntaxError) return { kind: 'protocol', detail: 'the answer is not valid JSON' };
    return { kind: 'network', detail: networkDetail(error, 'the probe', timeoutMs) };
  } finally {
    await session?.close().catch(() => undefined);
  }
}
