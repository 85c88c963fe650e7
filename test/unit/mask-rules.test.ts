import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MASK_RULES, maskSecrets } from '../../src/ui/output.js';

/** Pieces that make the masking patterns match, or nearly: names, schemes, separators, quotes. */
const FRAGMENTS = [
  'Authorization', 'authorization', 'AUTHORIZATION', 'Proxy-Authorization', 'x-api-key', 'X-API-KEY', 'api_key', 'ApiKey', 'apikey', 'Cookie',
  'Bearer', 'Basic', 'bearer', 'Token', '"token"', '"apiKey"', '"url"', '"', ':', '=', ': ', '?', '&', 'token=', 'code=', 'key=',
  ' ', '\t', '\\t', '\n', 'abc123', 'sk-live-9f8e', '${AUTH}', '****', '}', ',', 'https://mcp.intercom.com/sse', 'ſ', 'K', 'İ',
];
const text = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 4 })), { maxLength: 12 }).map((parts) => parts.join(''));

describe('maskSecrets rules', () => {
  it('skip only text their pattern cannot change', () => {
    fc.assert(
      fc.property(text, (input) => {
        for (const rule of MASK_RULES) if (!rule.mayMatch(input)) expect(rule.mask(input)).toBe(input);
      }),
      { numRuns: 3000 },
    );
  });

  it('skip the usual report line entirely', () => {
    const line = '✓ Claude Desktop   created             ~/.config/Claude/claude_desktop_config.json';
    expect(MASK_RULES.map((rule) => rule.mayMatch(line))).toEqual([false, false, false, false]);
  });

  it('still mask each kind of secret', () => {
    expect(maskSecrets('{"access_token": "abc123def"}')).toBe('{"access_token": "****"}');
    expect(maskSecrets('authorization: Bearer abc123def')).toBe('authorization: Bearer ****');
    expect(maskSecrets('sent Bearer abc123def')).toBe('sent Bearer ****');
    expect(maskSecrets('https://x.test/cb?code=abc123&state=1')).toBe('https://x.test/cb?code=****&state=1');
  });
});
