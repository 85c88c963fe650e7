import { describe, expect, it } from 'vitest';
import { checkEndpointUrl, INTERCOM_STANDARD_URLS, normalizeEndpointUrl, transportOfUrl } from '../../src/core/endpoint.js';

describe('Intercom URLs', () => {
  it('the standard URLs take the short path to the answer a parse gives', () => {
    expect(INTERCOM_STANDARD_URLS).toHaveLength(4);
    for (const url of INTERCOM_STANDARD_URLS) {
      // The same URL with a trailing slash is not in the list: it goes through the URL parser.
      expect(transportOfUrl(url)).toBe(transportOfUrl(`${url}/`));
      expect(checkEndpointUrl(url)).toEqual({ ok: true });
      expect(checkEndpointUrl(`${url}/`)).toEqual({ ok: true });
    }
    expect(INTERCOM_STANDARD_URLS.map(transportOfUrl)).toEqual(['sse', 'http', 'sse', 'http']);
  });

  it('other URLs are still parsed and checked', () => {
    expect(transportOfUrl('https://example.test/x/mcp/')).toBe('http');
    expect(transportOfUrl('not a url')).toBe('sse');
    expect(checkEndpointUrl('https://example.test/mcp')).toEqual({ ok: true, foreignHost: 'example.test' });
    expect(checkEndpointUrl('http://mcp.intercom.com/sse').ok).toBe(false);
  });

  // Issue 18 point 9.
  it('refuses every cmd.exe operator, a backslash, a quote, non-ASCII and credentials in the query', () => {
    for (const character of ['&', '|', '^', '%', '<', '>', '"', '(', ')', '!', '`', "'", '{', '}', 'é']) {
      const verdict = checkEndpointUrl(`https://mcp.intercom.com/sse${character}x`);
      expect(verdict.ok, character).toBe(false);
      expect(verdict.error, character).toContain('cmd.exe');
    }
    expect(checkEndpointUrl('https://mcp.intercom.com\\@evil.example/sse').error).toContain('backslash');
    for (const name of [
      'token',
      'access_token',
      'key',
      'api_key',
      'apiKey',
      'client_secret',
      'password',
      'auth',
      'code',
      'sig',
      'X-Api-Key',
      'private_token',
    ]) {
      expect(checkEndpointUrl(`https://mcp.intercom.com/mcp?${name}=abc`).error, name).toContain('credential');
    }
    // What stays accepted: an IPv6 loopback, a plain query, the URL punctuation cmd.exe ignores.
    expect(checkEndpointUrl('http://[::1]:8080/sse').ok).toBe(true);
    expect(checkEndpointUrl('https://mcp.intercom.com/mcp?region=eu').ok).toBe(true);
    expect(checkEndpointUrl('https://mcp.intercom.com/a-b_c.d~e/f;g,h=i+j*k$l').ok).toBe(true);
  });

  it('normalizeEndpointUrl gives what a URL parser reads back', () => {
    expect(normalizeEndpointUrl('HTTPS://MCP.INTERCOM.COM:443/sse')).toBe('https://mcp.intercom.com/sse');
    expect(normalizeEndpointUrl('https://mcp.intercom.com/x/../mcp')).toBe('https://mcp.intercom.com/mcp');
    for (const url of INTERCOM_STANDARD_URLS) expect(normalizeEndpointUrl(url)).toBe(url);
  });
});
