/**
 * Low-level, bounded network primitives for doctor's step-by-step probe: DNS, TCP, an HTTP
 * CONNECT tunnel, TLS and one HTTP exchange on an already open socket. Each takes its own
 * deadline and destroys what it opened when the deadline passes, so a hanging, trickling or
 * endless peer can never hold the process. Classification into user-facing words lives in
 * network.ts; errors here keep Node's `code` (plus ours: PROBE_TIMEOUT, PROXY_*).
 */
import type { LookupAddress } from 'node:dns';
import { lookup as systemLookup } from 'node:dns';
import http from 'node:http';
import net, { type LookupFunction } from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { errorCode } from '../core/errors.js';

export type { LookupFunction };

/** A deadline passed. `phase` says what was awaited, for the message. */
export class ProbeTimeoutError extends Error {
  readonly code = 'PROBE_TIMEOUT';
  constructor(
    readonly phase: string,
    readonly afterMs: number,
  ) {
    super(`no ${phase} within ${afterMs} ms`);
  }
}

/** The proxy answered the CONNECT with something other than 200. */
export class ProxyConnectError extends Error {
  readonly code = 'PROXY_CONNECT_REFUSED';
  constructor(
    readonly statusCode: number,
    readonly statusText: string,
    readonly headers: Record<string, string>,
  ) {
    super(`proxy answered CONNECT with ${statusCode} ${statusText}`);
  }
}

/** The proxy's answer to CONNECT was not HTTP, or its headers were too large. */
export class ProxyProtocolError extends Error {
  readonly code = 'PROXY_NOT_HTTP';
}

/**
 * Runs `start` with a deadline. On timeout, `abort` is called (it destroys whatever `start`
 * opened) and the promise rejects with ProbeTimeoutError, whatever `start` does afterwards.
 */
function withDeadline<T>(phase: () => string, timeoutMs: number, start: () => Promise<T>, abort: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      abort();
      reject(new ProbeTimeoutError(phase(), timeoutMs));
    }, timeoutMs);
    start().then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Resolves every address of a name. The injected lookup lets tests fake DNS entirely. */
export function resolveHost(hostname: string, timeoutMs: number, lookup: LookupFunction = systemLookup): Promise<LookupAddress[]> {
  if (net.isIP(hostname)) return Promise.resolve([{ address: hostname, family: net.isIP(hostname) }]);
  const start = (): Promise<LookupAddress[]> =>
    new Promise((resolve, reject) => {
      lookup(hostname, { all: true }, (error, address, family) => {
        if (error) return reject(error);
        if (Array.isArray(address)) return resolve(address);
        resolve([{ address, family: family ?? net.isIP(address) }]);
      });
    });
  // A lookup cannot be cancelled; the deadline only stops waiting for it.
  return withDeadline(
    () => 'DNS answer',
    timeoutMs,
    start,
    () => undefined,
  );
}

/**
 * Errors are reported through the promises; a socket that fails after its promise settled (a
 * reset while doctor looks at a certificate) must not become an uncaught exception.
 */
function ignoreLateErrors<S extends Duplex>(socket: S): S {
  socket.on('error', () => undefined);
  return socket;
}

export function connectTcp(address: string, port: number, timeoutMs: number): Promise<net.Socket> {
  const socket = ignoreLateErrors(net.connect({ host: address, port }));
  const start = (): Promise<net.Socket> =>
    new Promise((resolve, reject) => {
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(socket);
      });
      socket.once('error', reject);
    });
  return withDeadline(
    () => 'TCP connection',
    timeoutMs,
    start,
    () => socket.destroy(),
  );
}

const MAX_PROXY_HEAD = 16 * 1024;

function parseProxyHead(head: string): { statusCode: number; statusText: string; headers: Record<string, string> } {
  const [statusLine = '', ...lines] = head.split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3}) ?(.*)$/.exec(statusLine);
  if (!match) throw new ProxyProtocolError(`the proxy did not answer CONNECT with HTTP (${JSON.stringify(statusLine.slice(0, 40))})`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { statusCode: Number(match[1]), statusText: match[2] ?? '', headers };
}

/** Asks an HTTP proxy for a tunnel to `authority` (host:port) over an open socket. */
export function openTunnel(socket: Duplex, authority: string, proxyAuthorization: string | undefined, timeoutMs: number): Promise<Duplex> {
  const start = (): Promise<Duplex> =>
    new Promise((resolve, reject) => {
      let received = Buffer.alloc(0);
      const cleanup = (): void => {
        socket.off('data', onData);
        socket.off('error', onError);
        socket.off('close', onClose);
      };
      const fail = (error: Error): void => {
        cleanup();
        socket.destroy();
        reject(error);
      };
      const onError = (error: Error): void => fail(error);
      const onClose = (): void => fail(Object.assign(new Error('the proxy closed the connection'), { code: 'ECONNRESET' }));
      const onData = (chunk: Buffer): void => {
        received = Buffer.concat([received, chunk]);
        // Something that is not an HTTP proxy (an SSH or TLS port) is known from its first bytes.
        if (received.length >= 5 && received.subarray(0, 5).toString('latin1') !== 'HTTP/') {
          fail(new ProxyProtocolError(`the proxy did not answer CONNECT with HTTP (${JSON.stringify(received.subarray(0, 20).toString('latin1'))})`));
          return;
        }
        const end = received.indexOf('\r\n\r\n');
        if (end < 0) {
          if (received.length > MAX_PROXY_HEAD) fail(new ProxyProtocolError('the proxy sent over 16 KiB of headers'));
          return;
        }
        cleanup();
        try {
          const head = parseProxyHead(received.subarray(0, end).toString('latin1'));
          if (head.statusCode !== 200) {
            socket.destroy();
            return reject(new ProxyConnectError(head.statusCode, head.statusText, head.headers));
          }
        } catch (error) {
          socket.destroy();
          return reject(error as Error);
        }
        const rest = received.subarray(end + 4);
        if (rest.length > 0) socket.unshift(rest);
        resolve(socket);
      };
      socket.on('data', onData);
      socket.once('error', onError);
      socket.once('close', onClose);
      const auth = proxyAuthorization ? `Proxy-Authorization: ${proxyAuthorization}\r\n` : '';
      socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${auth}\r\n`);
    });
  return withDeadline(
    () => 'answer from the proxy to CONNECT',
    timeoutMs,
    start,
    () => socket.destroy(),
  );
}

export interface TlsOutcome {
  socket: tls.TLSSocket;
  /** Chain verified against Node's roots plus the extra CAs. */
  authorized: boolean;
  /** The chain error (e.g. UNABLE_TO_VERIFY_LEAF_SIGNATURE) when not authorized. */
  authorizationError?: string;
  certificate: tls.DetailedPeerCertificate;
  protocol: string | null;
}

/** CA list for verification: Node's roots plus extras, as NODE_EXTRA_CA_CERTS does. */
function trustedCas(extra: readonly string[] | undefined): string[] | undefined {
  return extra && extra.length > 0 ? [...tls.rootCertificates, ...extra] : undefined;
}

/**
 * TLS handshake without rejecting: the verdict (chain, then name) is read from the socket
 * afterwards so doctor can still name the certificate's issuer when the chain is untrusted.
 */
export function startTls(socket: Duplex, servername: string, ca: readonly string[] | undefined, timeoutMs: number): Promise<TlsOutcome> {
  const tlsSocket = ignoreLateErrors(
    tls.connect({
      socket,
      // `host` is the name Node verifies the certificate against; SNI must not carry an IP.
      host: servername,
      ...(net.isIP(servername) ? {} : { servername }),
      ca: trustedCas(ca),
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    }),
  );
  const start = (): Promise<TlsOutcome> =>
    new Promise((resolve, reject) => {
      tlsSocket.once('secureConnect', () => {
        tlsSocket.off('error', reject);
        const authorizationError = tlsSocket.authorizationError;
        resolve({
          socket: tlsSocket,
          authorized: tlsSocket.authorized,
          ...(authorizationError ? { authorizationError: errorCode(authorizationError) ?? String(authorizationError) } : {}),
          certificate: tlsSocket.getPeerCertificate(true),
          protocol: tlsSocket.getProtocol(),
        });
      });
      tlsSocket.once('error', reject);
    });
  return withDeadline(
    () => 'TLS handshake',
    timeoutMs,
    start,
    () => tlsSocket.destroy(),
  );
}

export interface HttpRequestSpec {
  method: 'GET' | 'POST';
  /** Origin-form path with query. */
  path: string;
  /** Host header value. */
  host: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpLimits {
  timeoutMs: number;
  maxHeaderSize: number;
  /** Bytes of body to keep; 0 answers as soon as headers arrive. */
  maxBodyBytes: number;
}

export interface HttpAnswer {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The body was longer than maxBodyBytes (the rest was never read). */
  truncated: boolean;
  elapsedMs: number;
}

/**
 * Sends one request on an open socket and reads the answer within limits: never follows
 * redirects, stops reading at maxBodyBytes, and gives up at the deadline (headers trickling in
 * or a body that never ends both end up there). The socket is always destroyed afterwards.
 */
export function httpExchange(socket: Duplex, spec: HttpRequestSpec, limits: HttpLimits): Promise<HttpAnswer> {
  const started = Date.now();
  let phase = 'HTTP answer';
  const request = http.request({
    createConnection: () => socket,
    method: spec.method,
    path: spec.path,
    setHost: false,
    headers: {
      Host: spec.host,
      ...spec.headers,
      ...(spec.body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(spec.body)) }),
    },
    maxHeaderSize: limits.maxHeaderSize,
  });
  const start = (): Promise<HttpAnswer> =>
    new Promise((resolve, reject) => {
      request.on('error', reject);
      request.once('response', (response) => {
        const answer = (body: string, truncated: boolean): HttpAnswer => ({
          status: response.statusCode ?? 0,
          statusText: response.statusMessage ?? '',
          headers: response.headers,
          body,
          truncated,
          elapsedMs: Date.now() - started,
        });
        if (limits.maxBodyBytes === 0) {
          resolve(answer('', false));
          return;
        }
        phase = 'end of the HTTP body';
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size > limits.maxBodyBytes) {
            resolve(answer(Buffer.concat(chunks).subarray(0, limits.maxBodyBytes).toString('utf8'), true));
            response.destroy();
          }
        });
        response.once('end', () => resolve(answer(Buffer.concat(chunks).toString('utf8'), false)));
        response.on('error', reject);
      });
      request.end(spec.body);
    });
  return withDeadline(
    () => phase,
    limits.timeoutMs,
    start,
    () => request.destroy(),
  ).finally(() => {
    request.destroy();
    socket.destroy();
  });
}
