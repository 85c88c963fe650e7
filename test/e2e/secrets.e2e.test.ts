/**
 * Secrets never leave the program: every output path of a run over configs that carry a token
 * (an Authorization header in an entry's `headers`, `--header Authorization:Bearer …` arguments to
 * mcp-remote, an env block, mcp-remote's own token cache) is searched for the token's text.
 *
 * Masking is src/ui/output.ts's maskSecrets (applied by Output to every line, JSON and error); this
 * file tests it through the CLI and directly, including the forms an earlier version leaked.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serverHash } from '../../src/auth/auth-cache.js';
import { maskSecrets } from '../../src/ui/output.js';
import { runCli, tempHome, type CliResult } from '../helpers/cli.js';

/** Distinctive enough that any part of it showing up is found. */
const SECRET_TAIL = '9f8e7d6c5b4a3f2e1d0c';
const TOKEN = `sk-test-${SECRET_TAIL}`;
const SSE = 'https://mcp.intercom.com/sse';
const MCP = 'https://mcp.intercom.com/mcp';

/** Any 8 characters of the token's tail found in the text. */
function leaks(text: string): string | undefined {
  for (let i = 0; i + 8 <= SECRET_TAIL.length; i++) {
    const piece = SECRET_TAIL.slice(i, i + 8);
    const at = text.indexOf(piece);
    if (at !== -1) return text.slice(Math.max(0, at - 60), at + 40);
  }
  return undefined;
}

async function write(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

/**
 * A home whose configs carry the token: our own entry (so setup replaces it and the diff shows
 * its old lines), a neighbour passing it to mcp-remote with --header, one passing it through env,
 * a Claude Code entry with headers, and mcp-remote's token cache for the --header invocation.
 */
async function homeWithTokens(): Promise<string> {
  const home = await tempHome('ims-secrets-');
  await write(
    path.join(home, '.cursor/mcp.json'),
    `{
  "mcpServers": {
    // ours, with a header someone added by hand
    "intercom": {
      "url": "${SSE}",
      "headers": { "Authorization": "Bearer ${TOKEN}" }
    },
    "intercom-header": {
      "command": "npx",
      "args": ["-y", "mcp-remote", "${MCP}", "--header", "Authorization:Bearer ${TOKEN}"]
    },
    "intercom-env": {
      "command": "npx",
      "args": ["-y", "mcp-remote", "${MCP}", "--header", "Authorization:\${AUTH_HEADER}"],
      "env": { "AUTH_HEADER": "Bearer ${TOKEN}" }
    }
  }
}
`,
  );
  await write(
    path.join(home, '.claude.json'),
    `${JSON.stringify({ numStartups: 2, mcpServers: { intercom: { type: 'http', url: MCP, headers: { Authorization: `Bearer ${TOKEN}` } } } }, null, 2)}\n`,
  );
  await write(
    path.join(home, '.codeium/windsurf/mcp_config.json'),
    `${JSON.stringify({ mcpServers: { intercom: { serverUrl: SSE, headers: { authorization: TOKEN } } } }, null, 2)}\n`,
  );
  await write(
    path.join(home, '.config/Code/User/mcp.json'),
    `${JSON.stringify({ servers: { intercom: { type: 'http', url: MCP, headers: { Authorization: `Bearer ${TOKEN}` } } } }, null, 2)}\n`,
  );
  // mcp-remote's cache for the --header invocation: its name hashes the header, its file holds a token.
  const hash = serverHash(MCP, { headers: { Authorization: `Bearer ${TOKEN}` } });
  await write(
    path.join(home, '.mcp-auth/mcp-remote-0.1.30', `${hash}_tokens.json`),
    JSON.stringify({ access_token: TOKEN, refresh_token: `r-${TOKEN}`, token_type: 'Bearer', expires_in: 3600 }),
  );
  await write(path.join(home, '.mcp-auth/mcp-remote-0.1.30', `${hash}_client_info.json`), JSON.stringify({ client_id: 'abc', client_secret: TOKEN }));
  return home;
}

const ALL = 'cursor,windsurf,vscode,claude-code';

describe('a run over configs that carry a token never prints it', () => {
  it('setup --dry-run (with diffs), --json, list, doctor --offline, remove, reset-auth --dry-run and error paths: no output holds the token', async () => {
    const home = await homeWithTokens();
    const runs: Array<[string, string[]]> = [
      ['setup --dry-run', ['--client', ALL, '--dry-run', '--no-check']],
      ['setup --dry-run --native', ['--client', ALL, '--dry-run', '--native', '--no-check']],
      ['setup --dry-run --json', ['--client', ALL, '--dry-run', '--json', '--no-check']],
      ['list', ['list']],
      ['list --json', ['list', '--json']],
      ['list --name intercom-header', ['list', '--name', 'intercom-header']],
      ['doctor --offline', ['doctor', '--offline']],
      ['doctor --offline --json', ['doctor', '--offline', '--json']],
      ['doctor --offline --name intercom-header --json', ['doctor', '--offline', '--name', 'intercom-header', '--json']],
      ['reset-auth --dry-run', ['reset-auth', '--dry-run']],
      ['reset-auth --dry-run --json', ['reset-auth', '--dry-run', '--json']],
      ['remove --dry-run', ['remove', '--client', ALL, '--dry-run']],
      ['remove --dry-run --json', ['remove', '--client', ALL, '--dry-run', '--json']],
      ['remove --dry-run --name intercom-header', ['remove', '--client', 'cursor', '--name', 'intercom-header', '--dry-run']],
      ['setup', ['--client', ALL, '--no-check']],
      ['setup --json (unchanged)', ['--client', ALL, '--json', '--no-check']],
      ['doctor --offline --fix', ['doctor', '--offline', '--fix', '--name', 'intercom-header', '--client', 'cursor']],
      ['remove', ['remove', '--client', ALL]],
    ];
    const outputs: Array<[string, CliResult]> = [];
    for (const [label, args] of runs) outputs.push([label, await runCli(args, { home, timeout: 20_000 })]);

    for (const [label, result] of outputs) {
      expect(result.timedOut, label).toBe(false);
      const leaked = leaks(result.stdout) ?? leaks(result.stderr);
      expect(leaked, `${label} printed the token: …${leaked}…`).toBeUndefined();
    }
    // Not vacuous: the dry run did show the lines that hold the token, masked.
    const dryRun = outputs[0]![1].stdout;
    expect(dryRun).toMatch(/-\s+"headers": \{ "Authorization": "Bearer \*\*\*\*" \}/);
    const removeDry = outputs.find(([label]) => label === 'remove --dry-run --name intercom-header')![1].stdout;
    expect(removeDry).toContain('Authorization:Bearer ****');
  }, 120_000);

  it('an error about a file whose broken line holds the token names the place, not the text', async () => {
    const home = await tempHome('ims-secrets-');
    await write(path.join(home, '.cursor/mcp.json'), `{\n  "mcpServers": {\n    "x": { "headers": { "Authorization": "Bearer ${TOKEN}" } } oops\n  }\n}\n`);
    await write(path.join(home, '.claude.json'), `{"mcpServers": {"x": {"headers": {"Authorization": "Bearer ${TOKEN}"}},}}`);
    for (const args of [
      ['--client', 'cursor,claude-code', '--no-check'],
      ['--client', 'cursor,claude-code', '--json', '--no-check'],
      ['list'],
      ['doctor', '--offline', '--json'],
    ]) {
      const result = await runCli(args, { home });
      expect(leaks(result.stdout + result.stderr), args.join(' ')).toBeUndefined();
    }
    const result = await runCli(['--client', 'cursor', '--json', '--no-check'], { home });
    expect(JSON.parse(result.stdout).results[0].error).toMatch(/mcp\.json:3:\d+: unexpected character; fix the file there/);
  });
});

describe('maskSecrets', () => {
  it.each([
    ['a headers object', `"Authorization": "Bearer ${TOKEN}"`, '"Authorization": "Bearer ****"'],
    ['lower case, no spaces', `"authorization":"bearer ${TOKEN}"`, '"authorization":"bearer ****"'],
    ['an mcp-remote --header argument', `"Authorization:Bearer ${TOKEN}"`, '"Authorization:Bearer ****"'],
    ['a header line', `Authorization: Bearer ${TOKEN}`, 'Authorization: Bearer ****'],
    ['a bare credential', `"Authorization": "${TOKEN}"`, '"Authorization": "****"'],
    ['Basic', '"Authorization": "Basic dXNlcjpwYXNzd29yZA=="', '"Authorization": "Basic ****"'],
    ['Proxy-Authorization', `"Proxy-Authorization": "Basic ${TOKEN}"`, '"Proxy-Authorization": "Basic ****"'],
    ['a Bearer value in an env block', `"AUTH_HEADER": "Bearer ${TOKEN}"`, '"AUTH_HEADER": "Bearer ****"'],
    [
      'OAuth fields',
      `{"access_token": "${TOKEN}", "refresh_token": "${TOKEN}", "id_token": "${TOKEN}", "client_secret": "${TOKEN}", "token": "${TOKEN}"}`,
      '{"access_token": "****", "refresh_token": "****", "id_token": "****", "client_secret": "****", "token": "****"}',
    ],
    ['a value split over lines', `"Authorization":\n      "Bearer ${TOKEN}"`, '"Authorization":\n      "Bearer ****"'],
  ])('masks %s', (_label, text, masked) => {
    expect(maskSecrets(text)).toBe(masked);
  });

  it('keeps placeholders, which are not secrets', () => {
    for (const text of ['"Authorization": "Bearer ${AUTH_TOKEN}"', '"Authorization:${AUTH_HEADER}"', 'Bearer ****']) expect(maskSecrets(text)).toBe(text);
  });

  it('masks secrets it was told about (Output.addSecret), wherever they appear', () => {
    expect(maskSecrets(`url=https://x/?k=${TOKEN}&z`, [TOKEN])).toBe('url=https://x/?k=****&z');
  });

  // Leaks this suite found in an earlier maskSecrets; fixed, and kept as regressions.
  it.each([
    ['an Authorization scheme other than Bearer/Basic (Token, Digest, ApiKey…): only the scheme word is masked', `"Authorization": "Token ${TOKEN}"`],
    ["a Bearer token with a character outside RFC 6750's set: the rest shows", `"Authorization": "Bearer ${TOKEN.slice(0, 8)}%${SECRET_TAIL}"`],
    ['a JSON-escaped tab between Bearer and the token', `"Authorization": "Bearer\\t${TOKEN}"`],
    ['other credential headers (X-API-Key, Cookie)', `"headers": {"X-API-Key": "${TOKEN}", "Cookie": "session=${TOKEN}"}`],
    ['token-like env variables (API_KEY, INTERCOM_TOKEN, *_SECRET)', `"env": {"INTERCOM_TOKEN": "${TOKEN}", "API_KEY": "${TOKEN}"}`],
    ['camelCase token fields (accessToken, apiKey)', `{"accessToken": "${TOKEN}", "apiKey": "${TOKEN}"}`],
    ['a token in a URL query (?token=, ?access_token=, ?api_key=)', `https://mcp.intercom.com/sse?token=${TOKEN}`],
  ])('masks %s', (_label, text) => {
    expect(leaks(maskSecrets(text))).toBeUndefined();
  });

  it("end to end: setup --dry-run and the plan never show another server's credential arguments (issue 18 point 11)", async () => {
    const home = await tempHome('ims-secrets-');
    const pass = `pw-${SECRET_TAIL}`;
    await write(
      path.join(home, '.cursor/mcp.json'),
      `{
  "mcpServers": {
    "db": {
      "command": "npx",
      "args": ["db-mcp", "postgres://admin:${pass}@db.example:5432/prod", "--api-key", "${TOKEN}", "--password=${pass}"]
    },
    "gh": {
      "command": "gh-mcp",
      "args": [
        "--token",
        "${TOKEN}"
      ]
    }
  }
}
`,
    );
    for (const args of [
      ['--client', 'cursor', '--dry-run', '--no-check'],
      ['remove', '--client', 'cursor', '--name', 'gh', '--dry-run'],
    ]) {
      const result = await runCli(args, { home });
      expect(result.exitCode, result.stderr).toBe(0);
      expect(leaks(result.stdout + result.stderr), args.join(' ')).toBeUndefined();
      // Not vacuous: the lines with the arguments are in the diff, masked.
      if (args[0] === 'remove') {
        expect(result.stdout).toContain('"--token",');
        expect(result.stdout).toContain('"postgres://admin:****@db.example:5432/prod", "--api-key", "****", "--password=****"');
      } else {
        // The token's line is the first context line; its flag is the line before, outside the diff.
        expect(result.stdout).toMatch(/\n\s+"\*\*\*\*"\n/);
      }
    }
  });

  it("end to end: list and doctor mask an entry's URL with its ?token= query", async () => {
    const home = await tempHome('ims-secrets-');
    await write(path.join(home, '.cursor/mcp.json'), JSON.stringify({ mcpServers: { intercom: { url: `${SSE}?token=${TOKEN}` } } }));
    const list = await runCli(['list', '--client', 'cursor'], { home });
    const doctor = await runCli(['doctor', '--offline', '--client', 'cursor'], { home });
    expect(leaks(list.stdout + list.stderr + doctor.stdout + doctor.stderr)).toBeUndefined();
  });
});
