import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Agent, ProxyAgent, fetch as undiciFetch } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startIntercomFixture, type IntercomFixture } from '../fixtures/intercom-server.js';
import { startProxy } from '../fixtures/proxy.js';
import { createTestCertificates, TEST_CA_NAME, type TestCertificates } from '../fixtures/tls.js';

const REDIRECT_URI = 'http://127.0.0.1:33418/oauth/callback';
const TOOL_NAMES = ['fetch', 'get_contact', 'get_conversation', 'search', 'search_contacts', 'search_conversations'];

function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function register(fixture: IntercomFixture, redirectUris: string[] = [REDIRECT_URI]): Promise<Response> {
  return fetch(`${fixture.url}/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ client_name: 'fixture test', redirect_uris: redirectUris, token_endpoint_auth_method: 'none' }),
  });
}

async function tokenRequest(fixture: IntercomFixture, params: Record<string, string>): Promise<Response> {
  return fetch(`${fixture.url}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
}

interface Tokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: string;
}

/** register → authorize (no user interaction: an immediate redirect) → token with PKCE. */
async function signIn(fixture: IntercomFixture): Promise<{ clientId: string; tokens: Tokens }> {
  const { client_id: clientId } = (await (await register(fixture)).json()) as { client_id: string };
  const { verifier, challenge } = pkcePair();
  const authorizeUrl = new URL(`${fixture.url}/authorize`);
  for (const [key, value] of Object.entries({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: REDIRECT_URI,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 'xyz',
  })) {
    authorizeUrl.searchParams.set(key, value);
  }
  const authorized = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(authorized.status).toBe(302);
  const callback = new URL(authorized.headers.get('location') ?? '');
  expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
  expect(callback.searchParams.get('state')).toBe('xyz');
  const code = callback.searchParams.get('code') ?? '';
  const response = await tokenRequest(fixture, {
    grant_type: 'authorization_code',
    code,
    code_verifier: verifier,
    redirect_uri: REDIRECT_URI,
    client_id: clientId,
  });
  expect(response.status).toBe(200);
  return { clientId, tokens: (await response.json()) as Tokens };
}

/** A GET with node:http: `path` may be an absolute URI, to talk to a proxy. */
async function rawGet(url: string, path?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: target.hostname,
      port: target.port,
      path: path ?? target.pathname,
      agent: false,
    });
    request.on('response', (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, headers: response.headers });
    });
    request.on('error', reject);
    request.end();
  });
}

async function connectClient(transport: StreamableHTTPClientTransport | SSEClientTransport): Promise<Client> {
  const client = new Client({ name: 'fixture-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

async function exerciseTools(client: Client): Promise<void> {
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name).sort()).toEqual(TOOL_NAMES);
  const result = await client.callTool({ name: 'search', arguments: { query: 'refund policy' } });
  expect(result.content).toEqual([{ type: 'text', text: 'fixture result for: refund policy' }]);
}

describe('Intercom fixture over http', () => {
  let fixture: IntercomFixture;
  beforeAll(async () => {
    fixture = await startIntercomFixture({ staticToken: 'static-intercom-token' });
  });
  afterAll(async () => {
    await fixture.close();
  });
  afterEach(() => {
    fixture.setMode('ok');
  });

  it('answers an unauthenticated initialize with Intercom\u2019s legacy 401 challenge', async () => {
    const response = await fetch(fixture.mcpUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: {} }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="OAuth", error="invalid_token", error_description="Missing or invalid access token"');
    expect(await response.json()).toEqual({ error: 'invalid_token', error_description: 'Missing or invalid access token' });
  });

  it('challenges GET /sse the same way', async () => {
    const response = await fetch(fixture.sseUrl, { headers: { Accept: 'text/event-stream' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="OAuth"/);
  });

  it('publishes authorization-server metadata naming its own origin', async () => {
    const response = await fetch(`${fixture.url}/.well-known/oauth-authorization-server`);
    const metadata = (await response.json()) as Record<string, unknown>;
    expect(metadata).toMatchObject({
      issuer: fixture.url,
      authorization_endpoint: `${fixture.url}/authorize`,
      token_endpoint: `${fixture.url}/token`,
      registration_endpoint: `${fixture.url}/register`,
      code_challenge_methods_supported: ['plain', 'S256'],
    });
  });

  it('answers 404 for protected-resource metadata, as Intercom does today', async () => {
    expect((await fetch(`${fixture.url}/.well-known/oauth-protected-resource`)).status).toBe(404);
    expect((await fetch(`${fixture.url}/.well-known/oauth-protected-resource/mcp`)).status).toBe(404);
  });

  it('refuses to register a non-loopback redirect URI', async () => {
    const response = await register(fixture, ['https://evil.example/callback']);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_redirect_uri');
  });

  it('refuses authorize without S256 PKCE', async () => {
    const { client_id: clientId } = (await (await register(fixture)).json()) as { client_id: string };
    const url = `${fixture.url}/authorize?response_type=code&client_id=${clientId}&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&code_challenge=abc&code_challenge_method=plain`;
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(400);
  });

  it('runs the OAuth dance, counts it, and checks PKCE', async () => {
    const before = { ...fixture.stats };
    const { clientId, tokens } = await signIn(fixture);
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.expires_in).toBe(3600);
    expect(fixture.stats.registrations - before.registrations).toBe(1);
    expect(fixture.stats.authorizations - before.authorizations).toBe(1);
    expect(fixture.stats.tokenIssued - before.tokenIssued).toBe(1);

    const refreshed = await tokenRequest(fixture, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: clientId });
    expect(refreshed.status).toBe(200);
    expect(fixture.stats.refreshes - before.refreshes).toBe(1);
    // Refresh tokens rotate: the old one is spent.
    const reused = await tokenRequest(fixture, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: clientId });
    expect(reused.status).toBe(400);
  });

  it('rejects a code exchanged with the wrong PKCE verifier', async () => {
    const { client_id: clientId } = (await (await register(fixture)).json()) as { client_id: string };
    const { challenge } = pkcePair();
    const url = `${fixture.url}/authorize?response_type=code&client_id=${clientId}&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&code_challenge=${challenge}&code_challenge_method=S256`;
    const location = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '');
    const response = await tokenRequest(fixture, {
      grant_type: 'authorization_code',
      code: location.searchParams.get('code') ?? '',
      code_verifier: 'not-the-verifier',
      redirect_uri: REDIRECT_URI,
      client_id: clientId,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('serves MCP over Streamable HTTP to an SDK client with a Bearer token', async () => {
    const { tokens } = await signIn(fixture);
    const before = fixture.stats.mcpRequests;
    const transport = new StreamableHTTPClientTransport(new URL(fixture.mcpUrl), {
      requestInit: { headers: { Authorization: `Bearer ${tokens.access_token}` } },
    });
    const client = await connectClient(transport);
    try {
      await exerciseTools(client);
    } finally {
      await client.close();
    }
    expect(fixture.stats.mcpRequests).toBeGreaterThan(before);
  });

  it('serves MCP over legacy SSE to an SDK client with the static token', async () => {
    const before = fixture.stats.sseConnections;
    const transport = new SSEClientTransport(new URL(fixture.sseUrl), {
      requestInit: { headers: { Authorization: 'Bearer static-intercom-token' } },
    });
    const client = await connectClient(transport);
    try {
      await exerciseTools(client);
    } finally {
      await client.close();
    }
    expect(fixture.stats.sseConnections).toBe(before + 1);
  });

  it('stops accepting expired and revoked tokens', async () => {
    const { clientId, tokens } = await signIn(fixture);
    const init = (token: string): Promise<Response> =>
      fetch(fixture.mcpUrl, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 't', version: '1' } },
        }),
      });
    expect((await init(tokens.access_token)).status).toBe(200);
    fixture.expireTokens();
    expect((await init(tokens.access_token)).status).toBe(401);
    fixture.revokeAllTokens();
    const refreshed = await tokenRequest(fixture, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: clientId });
    expect(refreshed.status).toBe(400);
  });

  it('switches failure modes, and limits them to MCP paths on request', async () => {
    fixture.setMode('redirect');
    const redirected = await fetch(fixture.mcpUrl, { method: 'POST', redirect: 'manual' });
    expect(redirected.status).toBe(302);
    expect(redirected.headers.get('location')).toBe(`${fixture.url}/captive-portal/login`);

    // fetch turns any 407 into a network error (Fetch standard), so read it with node:http.
    fixture.setMode('407');
    const proxyAuth = await rawGet(fixture.sseUrl);
    expect(proxyAuth.status).toBe(407);
    expect(proxyAuth.headers['proxy-authenticate']).toMatch(/^Basic/);

    fixture.setMode('404', 'mcp');
    expect((await fetch(fixture.mcpUrl, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${fixture.url}/.well-known/oauth-authorization-server`)).status).toBe(200);
  });

  it('closes promptly with a hanging request in flight', async () => {
    const hanging = await startIntercomFixture({ mode: 'hang' });
    const request = fetch(hanging.mcpUrl, { method: 'POST' }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await hanging.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await request).toBeInstanceOf(Error);
  });
});

describe('Intercom fixture with the resource_metadata challenge', () => {
  it('sends resource_metadata in the challenge with an empty body, and serves the metadata when asked', async () => {
    const fixture = await startIntercomFixture({ challenge: 'resource_metadata', protectedResourceMetadata: true });
    try {
      const response = await fetch(fixture.mcpUrl, { method: 'POST' });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe(
        `Bearer realm="OAuth", resource_metadata="${fixture.url}/.well-known/oauth-protected-resource/mcp"`,
      );
      expect(await response.text()).toBe('');
      const metadata = await fetch(`${fixture.url}/.well-known/oauth-protected-resource/mcp`);
      expect(await metadata.json()).toEqual({
        resource: fixture.mcpUrl,
        authorization_servers: [fixture.url],
        bearer_methods_supported: ['header'],
      });
    } finally {
      await fixture.close();
    }
  });
});

describe('Intercom fixture over https and through the proxy', () => {
  let certs: TestCertificates;
  let fixture: IntercomFixture;
  beforeAll(async () => {
    certs = await createTestCertificates();
    fixture = await startIntercomFixture({ tls: { cert: certs.leaf.cert, key: certs.leaf.key } });
  });
  afterAll(async () => {
    await fixture?.close();
    await certs?.cleanup();
  });

  it('serves https with a leaf signed by the test CA', async () => {
    expect(fixture.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(certs.ca.cert).toContain('BEGIN CERTIFICATE');
    const dispatcher = new Agent({ connect: { ca: certs.ca.cert } });
    try {
      const response = await undiciFetch(`${fixture.url}/.well-known/oauth-authorization-server`, { dispatcher });
      expect(((await response.json()) as { issuer: string }).issuer).toBe(fixture.url);
    } finally {
      await dispatcher.close();
    }
  });

  it('is untrusted without the test CA, naming the CA as issuer', async () => {
    const error = await fetch(`${fixture.url}/mcp`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    const { X509Certificate } = await import('node:crypto');
    expect(new X509Certificate(certs.leaf.cert).issuer).toContain(TEST_CA_NAME);
  });

  it('tunnels https through the proxy with CONNECT and counts it', async () => {
    const proxy = await startProxy();
    const dispatcher = new ProxyAgent({ uri: proxy.url, requestTls: { ca: certs.ca.cert } });
    try {
      const response = await undiciFetch(fixture.mcpUrl, { method: 'POST', dispatcher });
      expect(response.status).toBe(401);
      expect(proxy.stats.connects).toBe(1);
    } finally {
      await dispatcher.close();
      await proxy.close();
    }
  });

  it('answers 407 when the proxy requires credentials, and tunnels with them', async () => {
    const proxy = await startProxy({ requireAuth: { username: 'u', password: 'p' } });
    const withoutAuth = new ProxyAgent({ uri: proxy.url, requestTls: { ca: certs.ca.cert } });
    const withAuth = new ProxyAgent({ uri: proxy.url, token: `Basic ${Buffer.from('u:p').toString('base64')}`, requestTls: { ca: certs.ca.cert } });
    try {
      const error = await undiciFetch(fixture.mcpUrl, { dispatcher: withoutAuth }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(proxy.stats.rejected).toBe(1);
      expect((await undiciFetch(fixture.mcpUrl, { method: 'POST', dispatcher: withAuth })).status).toBe(401);
    } finally {
      await withoutAuth.close();
      await withAuth.close();
      await proxy.close();
    }
  });
});

describe('fixture proxy forwarding', () => {
  it('forwards a plain absolute-URI request', async () => {
    const fixture = await startIntercomFixture();
    const proxy = await startProxy();
    try {
      const { status } = await rawGet(proxy.url, `${fixture.url}/.well-known/oauth-authorization-server`);
      expect(status).toBe(200);
      expect(proxy.stats.forwards).toBe(1);
    } finally {
      await proxy.close();
      await fixture.close();
    }
  });
});
