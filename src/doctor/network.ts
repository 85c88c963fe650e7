/**
 * Doctor's Network group for one MCP URL, step by step so the failing step is named:
 * DNS → TCP (and the proxy tunnel) → TLS → the unauthenticated MCP request (a 401 Bearer
 * challenge is healthy) → OAuth authorization-server metadata → protected-resource metadata
 * (informational). Once a step fails the later ones are skipped with the reason.
 *
 * Every step has its own deadline of `timeoutMs`; answers are read with capped headers and body
 * and redirects are never followed, so a hanging, trickling, endless or hostile peer ends the
 * probe in bounded time and memory.
 */
import tls from 'node:tls';
import type { LookupAddress } from 'node:dns';
import type { Duplex } from 'node:stream';
import { errorCode } from '../core/errors.js';
import { isUsableProxyUrl, maskProxyUrl, proxyForUrl } from './environment.js';
import {
  connectTcp,
  httpExchange,
  openTunnel,
  ProbeTimeoutError,
  ProxyConnectError,
  ProxyProtocolError,
  resolveHost,
  startTls,
  type HttpAnswer,
  type HttpRequestSpec,
  type LookupFunction,
  type TlsOutcome,
} from './probe.js';
import type { Check, CheckStatus } from './types.js';

export interface NetworkOptions {
  /** Deadline of each step. */
  timeoutMs: number;
  /** Environment to read proxy variables from (HTTPS_PROXY, NO_PROXY …). */
  env: Record<string, string | undefined>;
  /** Same signature as dns.lookup; injected so tests never use a real resolver. */
  lookup?: LookupFunction;
  /** Extra trusted CA certificates (PEM), as NODE_EXTRA_CA_CERTS would add. */
  ca?: string[];
}

const MAX_HEADER_BYTES = 16 * 1024;
const MAX_BODY_BYTES = 64 * 1024;
const USER_AGENT = 'intercom-mcp-setup-doctor';
const CA_FIX = 'Export the intercepting root certificate as PEM and set NODE_EXTRA_CA_CERTS=/path/to/corporate-root.pem (never NODE_TLS_REJECT_UNAUTHORIZED=0)';

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const STEPS = [
  { id: 'net.dns', label: 'DNS' },
  { id: 'net.tcp', label: 'TCP connection' },
  { id: 'net.tls', label: 'TLS' },
  { id: 'net.http', label: 'MCP endpoint' },
  { id: 'net.oauth-metadata', label: 'OAuth metadata' },
  { id: 'net.resource-metadata', label: 'protected-resource metadata' },
] as const;

/** What one step concluded. `stop` ends the probe (a warn may stop it too, e.g. 429). */
interface Outcome {
  status: CheckStatus;
  message: string;
  fix?: string;
  stop: boolean;
}

interface ProxyRoute {
  url: URL;
  variable: string;
  display: string;
  authorization?: string;
}

interface Target {
  url: URL;
  /** Host name without IPv6 brackets. */
  host: string;
  port: number;
  secure: boolean;
  proxy?: ProxyRoute;
}

/** Where TCP goes: the proxy when one applies, otherwise the target itself. */
interface Dial {
  host: string;
  port: number;
  /** For messages: "mcp.intercom.com:443" or "proxy http://proxy:3128". */
  label: string;
}

// ---- outcomes ----------------------------------------------------------------------------------

function pass(message: string): Outcome {
  return { status: 'pass', message, stop: false };
}

function fail(message: string, fix: string): Outcome {
  return { status: 'fail', message, fix, stop: true };
}

function warn(message: string, fix: string, stop = false): Outcome {
  return { status: 'warn', message, fix, stop };
}

const NOT_FOUND_CODES = new Set(['ENOTFOUND', 'EAI_NONAME', 'EAI_NODATA', 'ENODATA']);
const DNS_DOWN_CODES = new Set(['EAI_AGAIN', 'EAI_FAIL', 'ESERVFAIL', 'ETIMEOUT']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ENETDOWN', 'EHOSTDOWN']);
const NOT_TLS_CODES = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'ERR_SSL_UNKNOWN_PROTOCOL']);
const EXPIRED_CODES = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

function proxyCredentialsFix(target: Target): string {
  const proxy = target.proxy ? `${target.proxy.url.protocol}//user:password@${target.proxy.url.host}` : 'http://user:password@proxy.example.com:8080';
  return `Put the proxy credentials in the proxy URL: export ${target.secure ? 'HTTPS_PROXY' : 'HTTP_PROXY'}=${proxy}`;
}

function timeoutOutcome(label: string, error: ProbeTimeoutError, timeoutMs: number, target: Target, dial: Dial): Outcome {
  const fixes: Record<string, string> = {
    DNS: 'Check that you are online and that your DNS server answers: nslookup ' + target.host,
    'TCP connection': `A firewall may silently drop traffic to ${dial.label}; try another network, or set HTTPS_PROXY if you must use a proxy`,
    TLS: 'Something on the path accepts connections but stalls TLS: check VPN, proxy or firewall rules',
  };
  const fix =
    fixes[label] ??
    `The server (or something in between) accepted the connection but did not answer in time: retry, or check proxy/VPN/firewall rules for ${target.host}`;
  return fail(`Timeout at the ${label} step: no ${error.phase} after ${timeoutMs} ms`, fix);
}

/** Turns a thrown error into the message and fix for the step where it happened. */
function classifyError(label: string, error: unknown, timeoutMs: number, target: Target, dial: Dial): Outcome {
  if (error instanceof ProbeTimeoutError) return timeoutOutcome(label, error, timeoutMs, target, dial);
  if (error instanceof ProxyConnectError) {
    if (error.statusCode === 407) {
      const scheme = error.headers['proxy-authenticate'] ?? 'no Proxy-Authenticate';
      return fail(
        `The proxy wants credentials (407 Proxy Authentication Required, ${scheme}) before opening a tunnel to ${target.host}`,
        proxyCredentialsFix(target),
      );
    }
    return fail(
      `The proxy refused a tunnel to ${target.host}:${target.port} (${error.statusCode} ${error.statusText}): blocked by proxy policy`,
      `Ask IT to allow CONNECT to ${target.host}:${target.port}, or check ${target.proxy?.variable ?? 'HTTPS_PROXY'}`,
    );
  }
  if (error instanceof ProxyProtocolError) {
    return fail(
      `${error.message}: ${target.proxy?.variable ?? 'the proxy variable'} does not point at an HTTP proxy`,
      `Check ${target.proxy?.variable ?? 'HTTPS_PROXY'}: it must be the proxy's http:// URL`,
    );
  }
  const code = errorCode(error) ?? 'unknown error';
  const detail = error instanceof Error ? error.message : String(error);
  if (NOT_FOUND_CODES.has(code)) {
    return fail(
      `DNS failure: ${dial.host} was not found (${code}): offline, a typo, or blocked by your DNS`,
      `Check the host name and your connection: nslookup ${dial.host}`,
    );
  }
  if (DNS_DOWN_CODES.has(code)) {
    return fail(
      `DNS failure: no answer for ${dial.host} (${code}): offline or DNS server down`,
      `Check that you are online, then retry: nslookup ${dial.host}`,
    );
  }
  if (code === 'ECONNREFUSED') {
    return fail(
      `Connection refused by ${dial.label} (ECONNREFUSED): nothing listens there, or a firewall rejects it`,
      target.proxy
        ? `Check that the proxy in ${target.proxy.variable} is running and its address is right`
        : `Check the URL's host and port, and any firewall between you and ${target.host}`,
    );
  }
  if (UNREACHABLE_CODES.has(code)) {
    return fail(`${dial.label} is unreachable (${code}): no route to it`, 'Check your network connection, VPN and routes');
  }
  if (NOT_TLS_CODES.has(code) || /wrong version number|packet length too long/i.test(detail)) {
    return fail(
      `TLS to a plain port (${code}): what answers on ${target.host}:${target.port} does not speak TLS: misconfigured proxy, or the URL should not be https`,
      "Check the URL (scheme and port) and that HTTPS_PROXY is the proxy's http:// URL",
    );
  }
  if (code === 'HPE_HEADER_OVERFLOW') {
    return fail(
      `The answer's headers exceed ${MAX_HEADER_BYTES / 1024} KiB (HPE_HEADER_OVERFLOW): not Intercom's server, or a broken proxy in between`,
      `Check the URL, and any proxy or security software between you and ${target.host}`,
    );
  }
  if (code.startsWith('HPE_')) {
    return fail(
      `Not HTTP: something other than a web server answers on ${dial.label} (${code})`,
      target.proxy
        ? `Check that ${target.proxy.variable} points at an HTTP proxy`
        : `Check the URL's port: ${target.host}:${target.port} is not an HTTP server`,
    );
  }
  if (RESET_CODES.has(code) || /socket hang up/i.test(detail)) {
    return fail(
      `Connection reset during the ${label} step (${code}): a proxy, firewall or VPN cut the connection`,
      `Retry; if it persists, check proxy, VPN or firewall rules for ${target.host}`,
    );
  }
  return fail(`The ${label} step failed (${code}): ${detail}`, `Retry; if it persists, check your network, proxy and firewall settings for ${target.host}`);
}

// ---- certificates ------------------------------------------------------------------------------

function nameOf(entity: tls.Certificate | undefined): string {
  if (!entity) return 'unknown';
  const pick = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);
  return pick(entity.CN) ?? pick(entity.O) ?? 'unknown';
}

/** The last certificate the server presented: its issuer is the root that must be trusted. */
function topOfChain(certificate: tls.DetailedPeerCertificate): tls.DetailedPeerCertificate {
  let current = certificate;
  const seen = new Set<string>();
  while (current.issuerCertificate && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    if (current.issuerCertificate.fingerprint256 === current.fingerprint256) break;
    current = current.issuerCertificate;
  }
  return current;
}

function certificateNames(certificate: tls.PeerCertificate): string {
  const altNames = certificate.subjectaltname
    ?.split(', ')
    .map((entry) => entry.replace(/^(DNS|IP Address):/, ''))
    .join(', ');
  return altNames || nameOf(certificate.subject);
}

function expiryDate(certificate: tls.PeerCertificate): string {
  const date = new Date(certificate.valid_to);
  return Number.isNaN(date.getTime()) ? certificate.valid_to : date.toISOString().slice(0, 10);
}

function tlsOutcome(outcome: TlsOutcome, target: Target): Outcome {
  const { certificate } = outcome;
  const code = outcome.authorizationError;
  if (code && EXPIRED_CODES.has(code)) {
    return fail(
      `The certificate for ${target.host} is expired or not yet valid (${code}, valid until ${expiryDate(certificate)})`,
      "Check your computer's date and time; if it is right, something intercepts the connection",
    );
  }
  // Node checks the name only once the chain is trusted, and reports it as the authorization error.
  const wrongName = code === 'ERR_TLS_CERT_ALTNAME_INVALID';
  if (!outcome.authorized && !wrongName) {
    const issuer = nameOf(topOfChain(certificate).issuer);
    return fail(`Untrusted certificate chain (${code ?? 'unverified'}): issued by "${issuer}", likely a TLS-inspecting proxy or antivirus`, CA_FIX);
  }
  if (wrongName) {
    return fail(
      `Wrong certificate name (ERR_TLS_CERT_ALTNAME_INVALID): the certificate is for ${certificateNames(certificate)}, not ${target.host}: interception or the wrong host`,
      `Check the URL's host; if your network inspects TLS, ask IT to exempt ${target.host}`,
    );
  }
  return pass(
    `${outcome.protocol ?? 'TLS'}: certificate for ${nameOf(certificate.subject)} issued by "${nameOf(certificate.issuer)}", valid until ${expiryDate(certificate)}`,
  );
}

/** For the later steps' own connections: anything but a verified chain and name is an error. */
function requireTrusted(outcome: TlsOutcome): void {
  if (outcome.authorized) return;
  outcome.socket.destroy();
  throw Object.assign(new Error(outcome.authorizationError ?? 'untrusted certificate'), { code: outcome.authorizationError });
}

// ---- HTTP answers ------------------------------------------------------------------------------

function header(answer: HttpAnswer, name: string): string {
  const value = answer.headers[name];
  return (Array.isArray(value) ? value.join(', ') : value) ?? '';
}

function isHtml(answer: HttpAnswer): boolean {
  return /text\/html|application\/xhtml/i.test(header(answer, 'content-type'));
}

function transportFix(target: Target): string {
  const isSse = /\/sse\/?$/.test(target.url.pathname);
  return isSse
    ? 'Check the URL, or use Streamable HTTP: --transport http with https://mcp.intercom.com/mcp (EU: mcp.eu.intercom.com)'
    : 'Check the URL, or use the legacy transport: --transport sse with https://mcp.intercom.com/sse';
}

/**
 * Statuses that mean the same whatever was asked: interception, blocking, rate limits, server
 * trouble. Returns undefined for statuses the caller judges itself (401, 200 JSON).
 */
function classifyStatus(answer: HttpAnswer, what: string, requestUrl: URL, target: Target): Outcome | undefined {
  const { status } = answer;
  const line = `${status}${answer.statusText ? ` ${answer.statusText}` : ''}`;
  if (status >= 300 && status < 400) {
    const location = header(answer, 'location');
    const resolved = location ? new URL(location, requestUrl).toString() : '';
    if (resolved === requestUrl.toString()) {
      return fail(
        `${what} answered ${line} redirecting to itself (redirect loop): interception by a proxy or SSO gateway`,
        `Open ${requestUrl.toString()} in a browser to see what intercepts it, or ask IT to allow ${target.host}`,
      );
    }
    return fail(
      `${what} answered ${line} to ${resolved || 'nowhere (no Location)'}: a captive portal or SSO/proxy interception (not followed)`,
      resolved
        ? `Open ${resolved} in a browser to sign in to the network, or ask IT to allow ${target.host}`
        : `Ask IT what intercepts requests to ${target.host}`,
    );
  }
  if (status === 200 && isHtml(answer)) {
    return fail(
      `${what} answered 200 with an HTML page: a captive portal or a proxy's interception page`,
      `Open ${requestUrl.toString()} in a browser; sign in to the network or ask IT to allow ${target.host}`,
    );
  }
  if (status === 407) {
    return fail(
      `${what} answered 407: the proxy wants credentials (${header(answer, 'proxy-authenticate') || 'no Proxy-Authenticate'})`,
      proxyCredentialsFix(target),
    );
  }
  if (status === 403) {
    return fail(
      `${what} answered ${line}${isHtml(answer) ? ' with an HTML page' : ''}: blocked by a proxy or web firewall (WAF)`,
      `Ask IT to allow ${target.host}, or try from another network`,
    );
  }
  if (status === 404 || status === 405) return fail(`${what} answered ${line}: wrong URL or transport`, transportFix(target));
  if (status === 429) {
    const retry = header(answer, 'retry-after');
    return warn(`${what} answered 429 Too Many Requests${retry ? ` (Retry-After: ${retry})` : ''}: rate limited`, 'Wait a minute and run doctor again', true);
  }
  if (status >= 500) {
    return fail(`${what} answered ${line}: server trouble at Intercom or a proxy in between`, 'Retry later; check https://www.intercomstatus.com');
  }
  return undefined;
}

function mcpRequest(target: Target): HttpRequestSpec {
  const path = target.url.pathname + target.url.search;
  const common = { host: target.url.host, path };
  if (/\/sse\/?$/.test(target.url.pathname)) {
    return { ...common, method: 'GET', headers: { Accept: 'text/event-stream', 'User-Agent': USER_AGENT } };
  }
  const initialize = {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: USER_AGENT, version: '1' } },
  };
  return {
    ...common,
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', 'User-Agent': USER_AGENT },
    body: JSON.stringify(initialize),
  };
}

function mcpOutcome(answer: HttpAnswer, target: Target): Outcome {
  const challenge = header(answer, 'www-authenticate');
  if (answer.status === 401 && /^Bearer\b/i.test(challenge)) {
    return pass(`Answered 401 with a Bearer challenge in ${answer.elapsedMs} ms: reachable; sign-in happens in the client`);
  }
  if (answer.status === 401) {
    return fail(
      `Answered 401 without a Bearer challenge (${challenge || 'no WWW-Authenticate'}): something in between asks for credentials`,
      `Check proxy or security software between you and ${target.host}`,
    );
  }
  const classified = classifyStatus(answer, 'The MCP URL', target.url, target);
  if (classified) return classified;
  if (answer.status >= 200 && answer.status < 300) {
    return warn(
      `Answered ${answer.status} (${header(answer, 'content-type') || 'no content type'}) without a token, where Intercom answers 401: is this Intercom's MCP URL?`,
      'Check the URL: https://mcp.intercom.com/mcp (US) or https://mcp.eu.intercom.com/mcp (EU)',
    );
  }
  return fail(`Answered ${answer.status} ${answer.statusText} where Intercom answers 401`, transportFix(target));
}

function metadataProblems(metadata: Record<string, unknown>, origin: string): string[] {
  const problems: string[] = [];
  const issuer = typeof metadata.issuer === 'string' ? metadata.issuer.replace(/\/$/, '') : undefined;
  if (issuer !== origin) problems.push(`issuer ${issuer ?? '(missing)'} is not ${origin}`);
  for (const [field, meaning] of [
    ['authorization_endpoint', 'sign-in page'],
    ['token_endpoint', 'token exchange'],
    ['registration_endpoint', 'dynamic client registration'],
  ] as const) {
    if (typeof metadata[field] !== 'string') problems.push(`no ${field} (${meaning})`);
  }
  const methods = metadata.code_challenge_methods_supported;
  if (!Array.isArray(methods) || !methods.includes('S256')) problems.push('S256 missing from code_challenge_methods_supported');
  return problems;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function authServerOutcome(answer: HttpAnswer, requestUrl: URL, target: Target): Outcome {
  const classified = classifyStatus(answer, 'The OAuth metadata URL', requestUrl, target);
  if (classified) return classified;
  const where = requestUrl.toString();
  if (answer.status !== 200) {
    return fail(
      `${where} answered ${answer.status} ${answer.statusText}: clients cannot discover how to sign in`,
      `Check the URL's host: Intercom serves ${'https://mcp.intercom.com/.well-known/oauth-authorization-server'}`,
    );
  }
  if (answer.truncated) {
    return fail(
      `${where} sent over ${MAX_BODY_BYTES / 1024} KiB (stopped reading): not OAuth metadata`,
      `Check the URL's host and any proxy between you and ${target.host}`,
    );
  }
  const metadata = parseJsonObject(answer.body);
  if (!metadata)
    return fail(`${where} is not a JSON object: clients cannot discover how to sign in`, `Check the URL's host and any proxy between you and ${target.host}`);
  const problems = metadataProblems(metadata, target.url.origin);
  if (problems.length > 0)
    return fail(`OAuth metadata problems: ${problems.join('; ')}`, `Check the URL's host: the metadata does not describe ${target.url.origin}`);
  return pass('OAuth metadata: issuer matches, authorize, token and registration endpoints present, PKCE S256 supported');
}

/** RFC 9728 metadata is informational: Intercom answers 404 today, so nothing here fails. */
function resourceOutcome(answer: HttpAnswer, requestUrl: URL): Outcome {
  const informational = 'Nothing to do: informational only';
  if (answer.status === 404) {
    return pass(`No protected-resource metadata (404), as Intercom today; clients use /.well-known/oauth-authorization-server`);
  }
  const metadata = answer.status === 200 && !answer.truncated ? parseJsonObject(answer.body) : undefined;
  if (metadata) {
    const servers = Array.isArray(metadata.authorization_servers) ? metadata.authorization_servers.join(', ') : 'none listed';
    return pass(`Protected-resource metadata: resource ${String(metadata.resource ?? '(missing)')}, authorization servers ${servers}`);
  }
  return {
    status: 'skip',
    message: `${requestUrl.toString()} answered ${answer.status} without JSON metadata (informational)`,
    fix: informational,
    stop: false,
  };
}

// ---- the probe ---------------------------------------------------------------------------------

function proxyRoute(target: URL, env: NetworkOptions['env']): ProxyRoute | 'direct' | { invalid: string } {
  const choice = proxyForUrl(target, (name) => env[name]);
  if (choice.kind === 'direct') return 'direct';
  if (!isUsableProxyUrl(choice.proxyUrl)) return { invalid: `${choice.variable}=${maskProxyUrl(choice.proxyUrl)}` };
  const url = new URL(choice.proxyUrl);
  const credentials = url.username ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : undefined;
  return {
    url,
    variable: choice.variable,
    display: maskProxyUrl(choice.proxyUrl),
    ...(credentials ? { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` } : {}),
  };
}

function dialFor(target: Target): Dial {
  if (!target.proxy) return { host: target.host, port: target.port, label: `${target.host}:${target.port}` };
  const { url } = target.proxy;
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port, label: `proxy ${url.host}` };
}

function isLoopbackAddress(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** A per-step clock: each primitive in the step gets what is left of the step's budget. */
function budget(timeoutMs: number): () => number {
  const end = Date.now() + timeoutMs;
  return () => Math.max(1, end - Date.now());
}

class NetworkProbe {
  readonly checks: Check[] = [];
  private addresses: LookupAddress[] = [];

  constructor(
    private readonly urlText: string,
    private readonly target: Target,
    private readonly dial: Dial,
    private readonly options: NetworkOptions,
  ) {}

  record(id: string, outcome: Omit<Outcome, 'stop'>): void {
    this.checks.push({
      id,
      group: `Network (${this.urlText})`,
      status: outcome.status,
      message: outcome.message,
      ...(outcome.status === 'pass' || outcome.fix === undefined ? {} : { fix: outcome.fix }),
    });
  }

  skipFrom(index: number, reason: string): void {
    this.checks.push(...skippedSteps(`Network (${this.urlText})`, index, reason));
  }

  /** Runs a step; returns its value when the probe may go on. */
  async step<T>(index: number, run: () => Promise<{ outcome: Outcome; value?: T }>): Promise<T | undefined> {
    const step = STEPS[index] as (typeof STEPS)[number];
    let result: { outcome: Outcome; value?: T };
    try {
      result = await run();
    } catch (error) {
      result = { outcome: classifyError(step.label, error, this.options.timeoutMs, this.target, this.dial) };
    }
    this.record(step.id, result.outcome);
    if (!result.outcome.stop) return result.value;
    this.skipFrom(index + 1, `the ${step.label} step did not pass`);
    return undefined;
  }

  async resolve(): Promise<{ outcome: Outcome; value: LookupAddress[] }> {
    const started = Date.now();
    this.addresses = await resolveHost(this.dial.host, this.options.timeoutMs, this.options.lookup);
    const list = this.addresses.map((a) => a.address).join(', ');
    const what = this.target.proxy ? `Proxy ${this.dial.host}` : this.dial.host;
    const note = this.target.proxy ? `; the proxy resolves ${this.target.host} itself` : '';
    return { outcome: pass(`${what} resolves to ${list} (${Date.now() - started} ms)${note}`), value: this.addresses };
  }

  /** TCP to the first address that answers, then the proxy tunnel when there is one. */
  async connect(remaining: () => number): Promise<Duplex> {
    let lastError: unknown = new Error('no address');
    for (const { address } of this.addresses) {
      try {
        const socket = await connectTcp(address, this.dial.port, remaining());
        return await this.tunnel(socket, remaining);
      } catch (error) {
        lastError = error;
        if (error instanceof ProbeTimeoutError || error instanceof ProxyConnectError || error instanceof ProxyProtocolError) break;
      }
    }
    throw lastError;
  }

  private async tunnel(socket: Duplex, remaining: () => number): Promise<Duplex> {
    const proxy = this.target.proxy;
    if (!proxy) return socket;
    let toProxy = socket;
    if (proxy.url.protocol === 'https:') {
      const outcome = await startTls(socket, this.dial.host, this.options.ca, remaining());
      requireTrusted(outcome);
      toProxy = outcome.socket;
    }
    return openTunnel(toProxy, this.target.url.host, proxy.authorization, remaining());
  }

  async tcp(): Promise<{ outcome: Outcome; value: Duplex }> {
    const started = Date.now();
    const socket = await this.connect(budget(this.options.timeoutMs));
    const elapsed = Date.now() - started;
    const message = this.target.proxy
      ? `Connected to ${this.dial.label} and opened a CONNECT tunnel to ${this.target.url.host} (${elapsed} ms)`
      : `Connected to ${this.dial.label} (${elapsed} ms)`;
    return { outcome: pass(message), value: socket };
  }

  async tls(socket: Duplex): Promise<{ outcome: Outcome; value: Duplex }> {
    if (!this.target.secure) {
      if (this.isLoopback()) return { outcome: pass('Plain http to loopback: no TLS needed'), value: socket };
      return { outcome: warn(`Plain http: tokens would cross the network unencrypted`, `Use the https:// URL (Intercom serves only https)`), value: socket };
    }
    const outcome = await startTls(socket, this.target.host, this.options.ca, this.options.timeoutMs);
    const judged = tlsOutcome(outcome, this.target);
    if (judged.stop) outcome.socket.destroy();
    return { outcome: judged, value: outcome.socket };
  }

  /** Plain http is harmless when it never leaves the machine. */
  private isLoopback(): boolean {
    if (isLoopbackAddress(this.target.host)) return true;
    return !this.target.proxy && this.addresses.length > 0 && this.addresses.every((a) => isLoopbackAddress(a.address));
  }

  /** A fresh connection (TCP, tunnel, TLS) for the requests after the first one. */
  async reconnect(remaining: () => number): Promise<Duplex> {
    const socket = await this.connect(remaining);
    if (!this.target.secure) return socket;
    const outcome = await startTls(socket, this.target.host, this.options.ca, remaining());
    requireTrusted(outcome);
    return outcome.socket;
  }

  async exchange(socket: Duplex, spec: HttpRequestSpec, remaining: () => number, maxBodyBytes: number): Promise<HttpAnswer> {
    return httpExchange(socket, spec, { timeoutMs: remaining(), maxHeaderSize: MAX_HEADER_BYTES, maxBodyBytes });
  }

  async mcp(socket: Duplex): Promise<{ outcome: Outcome }> {
    // Only status and headers matter here; not reading the body keeps an endless one harmless.
    const answer = await this.exchange(socket, mcpRequest(this.target), budget(this.options.timeoutMs), 0);
    return { outcome: mcpOutcome(answer, this.target) };
  }

  async get(path: string): Promise<{ answer: HttpAnswer; requestUrl: URL }> {
    const remaining = budget(this.options.timeoutMs);
    const socket = await this.reconnect(remaining);
    const spec: HttpRequestSpec = { method: 'GET', path, host: this.target.url.host, headers: { Accept: 'application/json', 'User-Agent': USER_AGENT } };
    const answer = await this.exchange(socket, spec, remaining, MAX_BODY_BYTES);
    return { answer, requestUrl: new URL(path, this.target.url.origin) };
  }

  async authServerMetadata(): Promise<{ outcome: Outcome }> {
    const { answer, requestUrl } = await this.get('/.well-known/oauth-authorization-server');
    return { outcome: authServerOutcome(answer, requestUrl, this.target) };
  }

  async resourceMetadata(): Promise<{ outcome: Outcome }> {
    const suffix = this.target.url.pathname === '/' ? '' : this.target.url.pathname.replace(/\/$/, '');
    try {
      const { answer, requestUrl } = await this.get(`/.well-known/oauth-protected-resource${suffix}`);
      return { outcome: resourceOutcome(answer, requestUrl) };
    } catch (error) {
      const reason = classifyError('protected-resource metadata', error, this.options.timeoutMs, this.target, this.dial);
      return {
        outcome: {
          status: 'skip',
          message: `Could not read protected-resource metadata (informational): ${reason.message}`,
          fix: 'Nothing to do: informational only',
          stop: false,
        },
      };
    }
  }
}

function skippedSteps(group: string, fromIndex: number, reason: string): Check[] {
  return STEPS.slice(fromIndex).map((step) => ({ id: step.id, group, status: 'skip', message: `${capitalize(step.label)}: skipped, ${reason}` }));
}

function invalidUrlCheck(url: string, message: string): Check[] {
  return [{ id: 'net.url', group: `Network (${url})`, status: 'fail', message, fix: 'Use the full URL, e.g. https://mcp.intercom.com/mcp' }];
}

function proxyNote(probe: NetworkProbe, target: Target, env: NetworkOptions['env']): void {
  if (target.proxy) {
    probe.record('net.proxy', {
      status: 'warn',
      message: `Going through ${target.proxy.display} (${target.proxy.variable}): DNS and TCP below concern the proxy; mcp-remote uses a proxy only with --enable-proxy`,
      fix: 'Add "--enable-proxy" to the mcp-remote arguments in the client config',
    });
    return;
  }
  const choice = proxyForUrl(target.url, (name) => env[name]);
  if (choice.kind === 'direct' && choice.reason === 'no_proxy') {
    probe.record('net.proxy', { status: 'pass', message: `Direct connection: ${choice.variable} entry ${choice.entry} excludes ${target.host}` });
  }
}

export async function networkChecks(url: string, options: NetworkOptions): Promise<Check[]> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return invalidUrlCheck(url, `${url} is not a URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return invalidUrlCheck(url, `${url} is not an http(s) URL`);

  const route = proxyRoute(parsed, options.env);
  if (typeof route === 'object' && 'invalid' in route) {
    const group = `Network (${url})`;
    const check: Check = {
      id: 'net.proxy',
      group,
      status: 'fail',
      message: `${route.invalid} is not an http:// or https:// URL`,
      fix: "export HTTPS_PROXY=http://proxy.example.com:8080 (your proxy's address)",
    };
    return [check, ...skippedSteps(group, 0, 'the proxy variable is not usable')];
  }
  const target: Target = {
    url: parsed,
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: Number(parsed.port) || (parsed.protocol === 'https:' ? 443 : 80),
    secure: parsed.protocol === 'https:',
    ...(route === 'direct' ? {} : { proxy: route }),
  };
  const probe = new NetworkProbe(url, target, dialFor(target), options);
  proxyNote(probe, target, options.env);

  const addresses = await probe.step(0, () => probe.resolve());
  if (!addresses) return probe.checks;
  const socket = await probe.step(1, () => probe.tcp());
  if (!socket) return probe.checks;
  const secured = await probe.step(2, () => probe.tls(socket));
  if (!secured) return probe.checks;
  const reachable = await probe.step(3, async () => ({ ...(await probe.mcp(secured)), value: true }));
  if (!reachable) return probe.checks;
  const metadataOk = await probe.step(4, async () => ({ ...(await probe.authServerMetadata()), value: true }));
  if (!metadataOk) return probe.checks;
  await probe.step(5, () => probe.resourceMetadata());
  return probe.checks;
}
