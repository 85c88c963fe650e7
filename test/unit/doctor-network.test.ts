import type { LookupFunction } from 'node:net';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { networkChecks, type NetworkOptions } from '../../src/doctor/network.js';
import type { Check } from '../../src/doctor/types.js';
import { startIntercomFixture, type FixtureMode, type IntercomFixture } from '../fixtures/intercom-server.js';
import { startProxy, type FixtureProxy } from '../fixtures/proxy.js';
import { createTestCertificates, TEST_CA_NAME, type TestCertificates } from '../fixtures/tls.js';

/** Healthy steps take milliseconds; a roomy deadline keeps them steady on a loaded machine. */
const ROOMY_TIMEOUT_MS = 3000;
/** Deadline for the tests that wait for it to pass. */
const TIMEOUT_MS = 500;
/** A hanging peer must be given up on within the step deadline plus this slack. */
const SLACK_MS = 2000;

/** Every name is loopback: tests never ask a real resolver. */
const loopbackLookup: LookupFunction = (_hostname, options, callback) => {
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

function failingLookup(code: string): LookupFunction {
  return (hostname, _options, callback) => {
    callback(Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), { code }), '');
  };
}

const silentLookup: LookupFunction = () => undefined;

async function probe(url: string, options: Partial<NetworkOptions> = {}): Promise<Check[]> {
  return networkChecks(url, { timeoutMs: ROOMY_TIMEOUT_MS, env: {}, lookup: loopbackLookup, ...options });
}

function byId(checks: Check[], id: string): Check {
  const found = checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id} in ${JSON.stringify(checks, null, 2)}`);
  return found;
}

function expectSkippedAfter(checks: Check[], id: string): void {
  const index = checks.findIndex((c) => c.id === id);
  const later = checks.slice(index + 1);
  expect(later.length).toBeGreaterThan(0);
  for (const check of later) {
    expect(check.status).toBe('skip');
    expect(check.message).toMatch(/^[A-Z][\w -]+: skipped, /);
    expect(check.fix).toBeUndefined();
  }
}

function expectWellFormed(checks: Check[], url: string): void {
  for (const check of checks) {
    expect(check.group).toBe(`Network (${url})`);
    expect(check.message).not.toMatch(/\n/);
    if (check.status === 'warn' || check.status === 'fail') expect(check.fix, `${check.id} needs a fix`).toBeTruthy();
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; elapsedMs: number }> {
  const started = Date.now();
  const value = await work();
  return { value, elapsedMs: Date.now() - started };
}

/** A TCP server that is no web server at all; `onSocket` decides what it says. */
async function rawServer(onSocket: (socket: net.Socket) => void): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('networkChecks over http against the fixture', () => {
  let fixture: IntercomFixture;
  let mcpUrl: string;
  let sseUrl: string;
  beforeAll(async () => {
    fixture = await startIntercomFixture();
    mcpUrl = `http://mcp.test.local:${fixture.port}/mcp`;
    sseUrl = `http://mcp.test.local:${fixture.port}/sse`;
  });
  afterAll(async () => {
    await fixture.close();
  });
  afterEach(() => {
    fixture.setMode('ok');
  });

  it('passes every step against a healthy server, reporting the addresses', async () => {
    const checks = await probe(mcpUrl);
    expectWellFormed(checks, mcpUrl);
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['net.dns', 'pass'],
      ['net.tcp', 'pass'],
      ['net.tls', 'pass'],
      ['net.http', 'pass'],
      ['net.oauth-metadata', 'pass'],
      ['net.resource-metadata', 'pass'],
    ]);
    expect(byId(checks, 'net.dns').message).toContain('mcp.test.local resolves to 127.0.0.1');
    expect(byId(checks, 'net.http').message).toMatch(/401 with a Bearer challenge/);
    expect(byId(checks, 'net.oauth-metadata').message).toMatch(/issuer matches/);
    expect(byId(checks, 'net.resource-metadata').message).toMatch(/404/);
  });

  it('probes a /sse URL with GET and accepts its 401', async () => {
    const checks = await probe(sseUrl);
    expect(byId(checks, 'net.http')).toMatchObject({ status: 'pass', message: expect.stringMatching(/Bearer challenge/) });
  });

  it('names DNS failure (ENOTFOUND) and skips the rest', async () => {
    const checks = await probe(mcpUrl, { lookup: failingLookup('ENOTFOUND') });
    expect(byId(checks, 'net.dns')).toMatchObject({ status: 'fail', message: expect.stringMatching(/DNS failure.*ENOTFOUND/) });
    expect(byId(checks, 'net.dns').fix).toMatch(/nslookup mcp\.test\.local/);
    expectSkippedAfter(checks, 'net.dns');
    expectWellFormed(checks, mcpUrl);
  });

  it('names a DNS server that does not answer (EAI_AGAIN)', async () => {
    const checks = await probe(mcpUrl, { lookup: failingLookup('EAI_AGAIN') });
    expect(byId(checks, 'net.dns')).toMatchObject({ status: 'fail', message: expect.stringMatching(/offline or DNS server down/) });
  });

  it('gives up on a lookup that never answers, naming the DNS step', async () => {
    const { value: checks, elapsedMs } = await timed(() => probe(mcpUrl, { lookup: silentLookup, timeoutMs: TIMEOUT_MS }));
    expect(byId(checks, 'net.dns')).toMatchObject({ status: 'fail', message: expect.stringMatching(/Timeout at the DNS step.*500 ms/) });
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + SLACK_MS);
  });

  it('names a refused connection', async () => {
    const url = `http://mcp.test.local:${await closedPort()}/mcp`;
    const checks = await probe(url);
    expect(byId(checks, 'net.tcp')).toMatchObject({ status: 'fail', message: expect.stringMatching(/refused.*ECONNREFUSED/) });
    expectSkippedAfter(checks, 'net.tcp');
  });

  it('refuses a URL that is not http(s)', async () => {
    const checks = await probe('ftp://mcp.intercom.com/mcp');
    expect(checks).toHaveLength(1);
    expect(byId(checks, 'net.url').status).toBe('fail');
  });

  const failures: Array<{ mode: FixtureMode; status: Check['status']; message: RegExp; fix?: RegExp }> = [
    { mode: 'close', status: 'fail', message: /Connection reset during the MCP endpoint step/ },
    { mode: 'garbage', status: 'fail', message: /Not HTTP.*HPE_INVALID_CONSTANT/ },
    {
      mode: 'redirect',
      status: 'fail',
      message: /302 Found to http:\/\/mcp\.test\.local:\d+\/captive-portal\/login: a captive portal/,
      fix: /Open http.*captive-portal/,
    },
    { mode: 'redirect-loop', status: 'fail', message: /redirect loop/ },
    { mode: 'html200', status: 'fail', message: /200 with an HTML page/ },
    { mode: '403', status: 'fail', message: /403 Forbidden with an HTML page: blocked by a proxy or web firewall/ },
    { mode: '404', status: 'fail', message: /404 Not Found: wrong URL or transport/, fix: /--transport sse/ },
    { mode: '405', status: 'fail', message: /405 Method Not Allowed: wrong URL or transport/, fix: /--transport sse/ },
    { mode: '407', status: 'fail', message: /407: the proxy wants credentials \(Basic realm/, fix: /HTTP_PROXY=http:\/\/user:password@/ },
    { mode: '429', status: 'warn', message: /429 Too Many Requests \(Retry-After: 30\): rate limited/ },
    { mode: '500', status: 'fail', message: /500 Internal Server Error: server trouble/ },
    { mode: 'huge-headers', status: 'fail', message: /headers exceed 16 KiB.*HPE_HEADER_OVERFLOW/ },
  ];

  it.each(failures)('classifies the $mode answer of the MCP URL', async ({ mode, status, message, fix }) => {
    fixture.setMode(mode);
    const checks = await probe(mcpUrl);
    const http = byId(checks, 'net.http');
    expect(http.status).toBe(status);
    expect(http.message).toMatch(message);
    if (fix) expect(http.fix).toMatch(fix);
    expectSkippedAfter(checks, 'net.http');
    expectWellFormed(checks, mcpUrl);
  });

  it('suggests the other transport for a 405 on /sse', async () => {
    fixture.setMode('405');
    const checks = await probe(sseUrl);
    expect(byId(checks, 'net.http').fix).toMatch(/--transport http/);
  });

  it.each(['hang', 'trickle'] as const)('ends a %s server within the deadline, naming the step and time', async (mode) => {
    fixture.setMode(mode);
    const { value: checks, elapsedMs } = await timed(() => probe(mcpUrl, { timeoutMs: TIMEOUT_MS }));
    expect(byId(checks, 'net.http')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/Timeout at the MCP endpoint step: no HTTP answer after 500 ms/),
    });
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    expectSkippedAfter(checks, 'net.http');
  });

  it('reads no more than 64 KiB of an endless body', async () => {
    fixture.setMode('endless-body');
    const { value: checks, elapsedMs } = await timed(() => probe(mcpUrl, { timeoutMs: TIMEOUT_MS }));
    expect(byId(checks, 'net.http')).toMatchObject({ status: 'warn', message: expect.stringMatching(/without a token/) });
    expect(byId(checks, 'net.oauth-metadata')).toMatchObject({ status: 'fail', message: expect.stringMatching(/over 64 KiB/) });
    expect(elapsedMs).toBeLessThan(2 * TIMEOUT_MS + SLACK_MS);
  });

  it('never follows a redirect loop', async () => {
    fixture.setMode('redirect-loop');
    const before = fixture.stats.requests;
    const checks = await probe(mcpUrl);
    expect(byId(checks, 'net.http').message).toMatch(/redirect loop/);
    expect(fixture.stats.requests - before).toBe(1);
  });

  it('skips the metadata steps once the MCP URL fails, even when they would work', async () => {
    fixture.setMode('404', 'mcp');
    const checks = await probe(mcpUrl);
    expect(byId(checks, 'net.http').status).toBe('fail');
    expect(byId(checks, 'net.oauth-metadata').status).toBe('skip');
  });
});

describe('networkChecks on OAuth metadata variants', () => {
  it('fails when the issuer is not the origin', async () => {
    const fixture = await startIntercomFixture({ issuer: 'https://someone-else.example' });
    try {
      const url = `http://mcp.test.local:${fixture.port}/mcp`;
      const checks = await probe(url);
      expect(byId(checks, 'net.oauth-metadata')).toMatchObject({
        status: 'fail',
        message: expect.stringMatching(/issuer https:\/\/someone-else\.example is not http:\/\/mcp\.test\.local/),
      });
    } finally {
      await fixture.close();
    }
  });

  it('accepts the resource_metadata challenge and reports published resource metadata', async () => {
    const fixture = await startIntercomFixture({ challenge: 'resource_metadata', protectedResourceMetadata: true });
    try {
      const url = `http://mcp.test.local:${fixture.port}/mcp`;
      const checks = await probe(url);
      expect(byId(checks, 'net.http').status).toBe('pass');
      expect(byId(checks, 'net.resource-metadata')).toMatchObject({
        status: 'pass',
        message: expect.stringContaining(`resource ${url}`),
      });
    } finally {
      await fixture.close();
    }
  });
});

describe('networkChecks over https', () => {
  let certs: TestCertificates;
  let fixture: IntercomFixture;
  let wrongName: IntercomFixture;
  let plain: IntercomFixture;
  beforeAll(async () => {
    certs = await createTestCertificates();
    fixture = await startIntercomFixture({ tls: { cert: certs.leaf.cert, key: certs.leaf.key } });
    wrongName = await startIntercomFixture({ tls: { cert: certs.wrongName.cert, key: certs.wrongName.key } });
    plain = await startIntercomFixture();
  });
  afterAll(async () => {
    await Promise.all([fixture?.close(), wrongName?.close(), plain?.close()]);
    await certs?.cleanup();
  });
  afterEach(() => {
    fixture.setMode('ok');
  });

  const httpsUrl = (f: IntercomFixture): string => `https://mcp.test.local:${f.port}/mcp`;

  it('names the intercepting issuer of an untrusted chain and suggests NODE_EXTRA_CA_CERTS', async () => {
    const checks = await probe(httpsUrl(fixture));
    const tlsCheck = byId(checks, 'net.tls');
    expect(tlsCheck.status).toBe('fail');
    expect(tlsCheck.message).toMatch(/Untrusted certificate chain \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/);
    expect(tlsCheck.message).toContain(`"${TEST_CA_NAME}"`);
    expect(tlsCheck.fix).toContain('NODE_EXTRA_CA_CERTS=/path/to/corporate-root.pem');
    expect(tlsCheck.fix).toMatch(/never NODE_TLS_REJECT_UNAUTHORIZED=0/);
    expectSkippedAfter(checks, 'net.tls');
  });

  it('passes with the CA added, as NODE_EXTRA_CA_CERTS would', async () => {
    const url = httpsUrl(fixture);
    const checks = await probe(url, { ca: [certs.ca.cert] });
    expectWellFormed(checks, url);
    expect(checks.every((c) => c.status === 'pass')).toBe(true);
    expect(byId(checks, 'net.tls').message).toMatch(
      /TLSv1\.3: certificate for 127\.0\.0\.1 issued by "Fixture Corp TLS Inspection Root CA", valid until \d{4}-/,
    );
  });

  it('names a certificate for the wrong host', async () => {
    const checks = await probe(httpsUrl(wrongName), { ca: [certs.ca.cert] });
    expect(byId(checks, 'net.tls')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/Wrong certificate name.*for wrong\.example, not mcp\.test\.local/),
    });
  });

  it('names TLS spoken to a plain http port', async () => {
    const checks = await probe(`https://mcp.test.local:${plain.port}/mcp`);
    expect(byId(checks, 'net.tls')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/TLS to a plain port \(ERR_SSL_WRONG_VERSION_NUMBER\)/),
    });
  });

  it('ends a server that hangs after the handshake within the deadline', async () => {
    fixture.setMode('hang');
    const { value: checks, elapsedMs } = await timed(() => probe(httpsUrl(fixture), { ca: [certs.ca.cert], timeoutMs: TIMEOUT_MS }));
    expect(byId(checks, 'net.tls').status).toBe('pass');
    expect(byId(checks, 'net.http').message).toMatch(/Timeout at the MCP endpoint step/);
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + SLACK_MS);
  });

  describe('through a proxy', () => {
    let proxy: FixtureProxy;
    let authProxy: FixtureProxy;
    beforeAll(async () => {
      proxy = await startProxy({ lookup: loopbackLookup });
      authProxy = await startProxy({ lookup: loopbackLookup, requireAuth: { username: 'alice', password: 's3cret' } });
    });
    afterAll(async () => {
      await Promise.all([proxy?.close(), authProxy?.close()]);
    });

    it('tunnels every request through HTTPS_PROXY with CONNECT and notes --enable-proxy', async () => {
      const before = proxy.stats.connects;
      const url = httpsUrl(fixture);
      const checks = await probe(url, { ca: [certs.ca.cert], env: { HTTPS_PROXY: proxy.url } });
      expectWellFormed(checks, url);
      expect(byId(checks, 'net.proxy')).toMatchObject({ status: 'warn', message: expect.stringContaining('--enable-proxy') });
      expect(byId(checks, 'net.dns').message).toMatch(/Proxy 127\.0\.0\.1 resolves/);
      expect(byId(checks, 'net.tcp').message).toMatch(/CONNECT tunnel to mcp\.test\.local/);
      for (const id of ['net.tls', 'net.http', 'net.oauth-metadata', 'net.resource-metadata']) expect(byId(checks, id).status).toBe('pass');
      expect(proxy.stats.connects - before).toBe(3);
    });

    it('goes direct when NO_PROXY names the host', async () => {
      const before = proxy.stats.requests;
      const checks = await probe(httpsUrl(fixture), {
        ca: [certs.ca.cert],
        env: { https_proxy: proxy.url, NO_PROXY: 'localhost,.test.local' },
      });
      expect(byId(checks, 'net.proxy')).toMatchObject({ status: 'pass', message: expect.stringMatching(/NO_PROXY entry \.test\.local excludes/) });
      expect(byId(checks, 'net.http').status).toBe('pass');
      expect(proxy.stats.requests).toBe(before);
    });

    it('names a proxy that wants credentials (407) and passes with them in the URL', async () => {
      const url = httpsUrl(fixture);
      const refused = await probe(url, { ca: [certs.ca.cert], env: { HTTPS_PROXY: authProxy.url } });
      expect(byId(refused, 'net.tcp')).toMatchObject({
        status: 'fail',
        message: expect.stringMatching(/proxy wants credentials \(407 Proxy Authentication Required/),
        fix: expect.stringMatching(/HTTPS_PROXY=http:\/\/user:password@127\.0\.0\.1:\d+/),
      });
      expect(authProxy.stats.rejected).toBeGreaterThan(0);

      const withCredentials = `http://alice:s3cret@127.0.0.1:${authProxy.port}`;
      const accepted = await probe(url, { ca: [certs.ca.cert], env: { HTTPS_PROXY: withCredentials } });
      expect(byId(accepted, 'net.http').status).toBe('pass');
      expect(JSON.stringify(accepted)).not.toContain('s3cret');
    });

    it('names a proxy that refuses connections', async () => {
      const checks = await probe(httpsUrl(fixture), { env: { HTTPS_PROXY: `http://127.0.0.1:${await closedPort()}` } });
      expect(byId(checks, 'net.tcp')).toMatchObject({
        status: 'fail',
        message: expect.stringMatching(/Connection refused by proxy 127\.0\.0\.1/),
        fix: expect.stringMatching(/proxy in HTTPS_PROXY/),
      });
    });

    it('gives up on a proxy that never answers CONNECT within the deadline', async () => {
      const silent = await rawServer(() => undefined);
      try {
        const { value: checks, elapsedMs } = await timed(() => probe(httpsUrl(fixture), { env: { HTTPS_PROXY: silent.url }, timeoutMs: TIMEOUT_MS }));
        expect(byId(checks, 'net.tcp')).toMatchObject({
          status: 'fail',
          message: expect.stringMatching(/Timeout at the TCP connection step: no answer from the proxy to CONNECT after 500 ms/),
        });
        expect(elapsedMs).toBeLessThan(TIMEOUT_MS + SLACK_MS);
      } finally {
        await silent.close();
      }
    });

    it('names a proxy variable that points at something other than an HTTP proxy', async () => {
      const ssh = await rawServer((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n'));
      try {
        const checks = await probe(httpsUrl(fixture), { env: { HTTPS_PROXY: ssh.url } });
        expect(byId(checks, 'net.tcp')).toMatchObject({
          status: 'fail',
          message: expect.stringMatching(/did not answer CONNECT with HTTP.*does not point at an HTTP proxy/),
        });
      } finally {
        await ssh.close();
      }
    });

    it('fails on a proxy variable that is not a URL', async () => {
      const checks = await probe(httpsUrl(fixture), { env: { HTTPS_PROXY: 'proxy.corp:3128' } });
      expect(byId(checks, 'net.proxy')).toMatchObject({ status: 'fail', message: expect.stringMatching(/not an http:\/\/ or https:\/\/ URL/) });
      expectSkippedAfter(checks, 'net.proxy');
    });
  });
});
