import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MASK_RULES, maskSecrets } from '../../src/ui/output.js';
import { propertySeed } from '../helpers/property-seed.js';

const SEED = propertySeed(20_261_206);

/** Pieces that make the masking patterns match, or nearly: names, schemes, separators, quotes. */
const FRAGMENTS = [
  'Authorization',
  'authorization',
  'AUTHORIZATION',
  'Proxy-Authorization',
  'x-api-key',
  'X-API-KEY',
  'api_key',
  'ApiKey',
  'apikey',
  'Cookie',
  'Bearer',
  'Basic',
  'bearer',
  'Token',
  '"token"',
  '"apiKey"',
  '"url"',
  '"',
  ':',
  '=',
  ': ',
  '?',
  '&',
  'token=',
  'code=',
  'key=',
  ' ',
  '\t',
  '\\t',
  '\n',
  'abc123',
  'sk-live-9f8e',
  '${AUTH}',
  '****',
  '}',
  ',',
  'https://mcp.intercom.com/sse',
  'ſ',
  'K',
  'İ',
];
const text = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 4 })), { maxLength: 12 }).map((parts) => parts.join(''));

describe('maskSecrets rules', () => {
  it('skip only text their pattern cannot change', () => {
    fc.assert(
      fc.property(text, (input) => {
        for (const rule of MASK_RULES) if (!rule.mayMatch(input)) expect(rule.mask(input)).toBe(input);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('skip the usual report line entirely', () => {
    const line = '✓ Claude Desktop   created             ~/.config/Claude/claude_desktop_config.json';
    expect(MASK_RULES.filter((rule) => rule.mayMatch(line))).toEqual([]);
  });

  it('still mask each kind of secret', () => {
    expect(maskSecrets('{"access_token": "abc123def"}')).toBe('{"access_token": "****"}');
    expect(maskSecrets('authorization: Bearer abc123def')).toBe('authorization: Bearer ****');
    expect(maskSecrets('sent Bearer abc123def')).toBe('sent Bearer ****');
    expect(maskSecrets('https://x.test/cb?code=abc123&state=1')).toBe('https://x.test/cb?code=****&state=1');
  });
});

// Issue 18 point 11: other servers' credentials given as arguments, and URLs with a password.
describe('credentials given as arguments', () => {
  it.each([
    ['--api-key VALUE', 'npx db-mcp --api-key sk-live-abcdef123456', 'npx db-mcp --api-key ****'],
    ['--token VALUE', 'run --token tok_abcdef123456 --verbose', 'run --token **** --verbose'],
    ['--password=VALUE', 'psql --password=hunter2hunter2', 'psql --password=****'],
    ['--api-key=VALUE', 'x --api-key=sk-live-abcdef123456', 'x --api-key=****'],
    ['--client-secret VALUE', 'x --client-secret cs_abcdef123456', 'x --client-secret ****'],
    ['-token VALUE (one dash)', 'x -token abcdef123456', 'x -token ****'],
    ['--auth-token VALUE', 'x --auth-token abcdef123456', 'x --auth-token ****'],
    ['--github-token VALUE', 'x --github-token ghp_abcdef123456', 'x --github-token ****'],
    ['JSON array items', '"args": ["--api-key", "sk-live-abcdef123456", "--token", "tok_abcdef123456"]', '"args": ["--api-key", "****", "--token", "****"]'],
    ['a JSON array item on the next line', '"--api-key",\n        "sk-live-abcdef123456"', '"--api-key",\n        "****"'],
    ['TOML array items', "args = ['--password', 'hunter2hunter2']", "args = ['--password', '****']"],
    ['postgres://user:pass@host', '"postgres://admin:hunter2pass@db.example:5432/prod"', '"postgres://admin:****@db.example:5432/prod"'],
    ['a URL with a password in a sentence', 'connects to https://bob:s3cr3t-pw@example.com/x now', 'connects to https://bob:****@example.com/x now'],
    ['mongodb+srv://', 'mongodb+srv://u:p4ssw0rd-long@cluster0.example.net/db', 'mongodb+srv://u:****@cluster0.example.net/db'],
  ])('masks %s', (_label, text, masked) => {
    expect(maskSecrets(text)).toBe(masked);
  });

  it.each([
    ['--token-env names a variable', '--token-env INTERCOM_TOKEN'],
    ['a placeholder value', '"--api-key", "${API_KEY}"'],
    ['a flag with no value', '--api-key'],
    ['another flag after a secret-looking one', '--token --verbose'],
    ['a flag that only contains "key" elsewhere', '--keyboard-layout us'],
    ['--header-file names a file', '--header-file /etc/headers'],
    ['a URL with a user name only', 'https://bob@example.com/x'],
    ['an e-mail address', 'mail bob@example.com'],
  ])('leaves %s alone', (_label, text) => {
    expect(maskSecrets(text)).toBe(text);
  });
});

// Issue 18 point 10: a secret the program holds (Output.addSecret) is masked in every encoding
// and in any run of 8 or more of its characters.
describe('known secrets', () => {
  const SECRET = 'tok/"+S3cr3t\\Value=abc123XYZ987~qrsTUV';
  it.each<[string, string, number]>([
    ['as it is', SECRET, 0],
    ['URL-encoded', encodeURIComponent(SECRET), 0],
    ['URL-encoded in lower case', encodeURIComponent(SECRET).toLowerCase(), 0],
    ['JSON-escaped', JSON.stringify(SECRET).slice(1, -1), 0],
    ['base64', Buffer.from(SECRET).toString('base64'), 0],
    // The first 8 characters of these encode "user:" or "Bearer " (and a bit of the secret).
    ['base64url after other bytes', Buffer.from(`user:${SECRET}`).toString('base64url'), 8],
    ['base64 of "Bearer <secret>"', Buffer.from(`Bearer ${SECRET}`).toString('base64'), 12],
    ['reversed', [...SECRET].reverse().join(''), 0],
    ['a prefix of 8', SECRET.slice(0, 8), 0],
    ['a piece from the middle', SECRET.slice(10, 25), 0],
  ])('%s', (_label, form, head) => {
    const masked = maskSecrets(`the server said: ${form} (twice: ${form})`, [SECRET]);
    expect(masked.startsWith('the server said: ')).toBe(true);
    for (let i = head; i + 8 <= form.length; i++) expect(masked).not.toContain(form.slice(i, i + 8));
  });

  it('masks each stretch once and leaves the rest of the text as it was', () => {
    expect(maskSecrets('a abcdefgh12345678 b abcdefgh12345678 c', ['abcdefgh12345678'])).toBe('a **** b **** c');
    expect(maskSecrets('k=abcdefgh1234 z', ['abcdefgh12345678'])).toBe('k=**** z');
    expect(maskSecrets('nothing here', ['abcdefgh12345678'])).toBe('nothing here');
    expect(maskSecrets('abcdefg', ['abcdefgh12345678'])).toBe('abcdefg');
    expect(maskSecrets('short abcde x', ['abcde'])).toBe('short **** x');
  });
});
