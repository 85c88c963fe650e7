/**
 * Issue 18 point 10: `doctor --token-env` against a server that echoes the token it was sent, in
 * every place a server controls (a 401 description, a JSON-RPC error, a redirect's Location, the
 * status line, the content type) and in every encoding (as sent, URL-encoded, JSON-escaped,
 * base64, reversed, cut to a prefix). Nothing of it may reach the output: doctor prints no
 * server-supplied text from the authenticated probe, and the writer masks every encoding of a
 * known secret and any run of 8 or more of its characters.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startIntercomFixture, type IntercomFixture, type ReflectPlace } from '../fixtures/intercom-server.js';
import { runCli, tempHome } from '../helpers/cli.js';

/** Characters that URL encoding, JSON escaping and base64 all change. */
const TOKEN = 'tok/"+S3cr3t\\Value=abc123XYZ987~qrsTUV';
const VAR = 'INTERCOM_TOKEN';

const ENCODINGS: Record<string, (token: string) => string> = {
  'as sent': (token) => token,
  'URL-encoded': (token) => encodeURIComponent(token),
  'JSON-escaped': (token) => JSON.stringify(token).slice(1, -1),
  base64: (token) => Buffer.from(token).toString('base64'),
  base64url: (token) => Buffer.from(token).toString('base64url'),
  'base64 of "Bearer <token>"': (token) => Buffer.from(`Bearer ${token}`).toString('base64'),
  reversed: (token) => [...token].reverse().join(''),
  'a prefix': (token) => token.slice(0, 14),
  'a middle piece': (token) => token.slice(9, 21),
};

/** Every way the token could show up: each encoding's text, and any 8 characters of it in a row. */
function findLeak(text: string): string | undefined {
  for (const [label, encode] of Object.entries(ENCODINGS)) {
    const encoded = encode(TOKEN);
    for (let i = 0; i + 8 <= encoded.length; i++) {
      const piece = encoded.slice(i, i + 8);
      const at = text.indexOf(piece);
      if (at !== -1) return `${label}: ${JSON.stringify(piece)} in …${text.slice(Math.max(0, at - 60), at + 40)}…`;
    }
  }
  return undefined;
}

const PLACES: ReflectPlace[] = ['unauthorized-json', 'unauthorized-header', 'rpc-error', 'location', 'status-text', 'content-type'];

let fixture: IntercomFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('doctor --token-env never prints a token the server echoes', () => {
  it.each(PLACES)(
    'echoed in %s, in every encoding (over /mcp; as sent also over /sse and with --json)',
    async (where) => {
      const home = await tempHome('ims-reflect-');
      for (const [label, encode] of Object.entries(ENCODINGS)) {
        fixture = await startIntercomFixture({ reflectToken: { where, encode } });
        const runs = [[fixture.mcpUrl, false]] as Array<[string, boolean]>;
        if (label === 'as sent') {
          runs.push([fixture.mcpUrl, true]);
          if (where !== 'rpc-error' && where !== 'content-type') runs.push([fixture.sseUrl, false]);
        }
        for (const [url, json] of runs) {
          const args = ['doctor', '--token-env', VAR, '--url', url, '--timeout', '3000', ...(json ? ['--json'] : [])];
          const result = await runCli(args, { home, env: { [VAR]: TOKEN } });
          expect(result.timedOut).toBe(false);
          // Not vacuous: the probe ran and failed.
          expect(result.stdout, `${label} ${url}`).toMatch(/auth\.token|the token in INTERCOM_TOKEN/);
          expect(result.exitCode).toBe(1);
          const leak = findLeak(result.stdout + result.stderr);
          expect(leak, `${where}, ${label}, ${url}${json ? ' --json' : ''}`).toBeUndefined();
        }
        await fixture.close();
        fixture = undefined;
      }
    },
    120_000,
  );
});
