import { describe, expect, it } from 'vitest';
import { checkEndpointUrl, INTERCOM_STANDARD_URLS, transportOfUrl } from '../../src/core/endpoint.js';

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
});
