/**
 * The real Codex (@openai/codex 0.169.0, test/real-programs.json; skipped, and failed by .ci/run,
 * when the registry cannot be reached) reads every config.toml the TOML engine writes
 * (src/engine/toml-plan.ts over src/config/toml.ts): `codex mcp list --json` with
 * CODEX_HOME=<temp>/codex parses the file with Codex's own TOML reader and its schema, and loads
 * no config at all when it refuses one. For files of many layouts (no final newline, CRLF,
 * comments between tables, blank lines, dotted keys, inline tables, [mcp_servers] present or not,
 * other servers before and after, arrays of tables, the file Codex itself wrote) and each entry
 * setup writes: Codex lists our entry as written and every other server as before; setup then
 * remove gives back the file byte for byte. Then one entry updated in place from one kind to the
 * next, its comment, env sub-table and tool settings kept where Codex takes them.
 */
import { execa } from 'execa';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientById } from '../../src/clients/index.js';
import type { JsonObject } from '../../src/config/json-types.js';
import { parseToml, tomlEntry } from '../../src/config/toml.js';
import { planTomlRemoval, planTomlUpsert } from '../../src/engine/toml-plan.js';
import { clientOwnedKeys } from '../../src/entries/entry-keys.js';
import { cleanEnv, runCli, tempHome } from '../helpers/cli.js';
import { binOf, realProgram } from '../helpers/real-programs.js';

const CODEX = await realProgram('codex');
const FIXTURE = await readFile(new URL('../fixtures/real-clients/codex-0.169.0.config.toml', import.meta.url), 'utf8');
const HTTP = 'https://mcp.intercom.com/mcp';
const SSE = 'https://mcp.intercom.com/sse';
const REQUEST = {
  shape: { format: 'toml' as const, serversKey: 'mcp_servers', ignoredKeys: ['mcpServers'] },
  name: 'intercom',
  extraUrls: [] as string[],
  owned: () => clientOwnedKeys(clientById('codex')!),
};
const SLOW = { timeout: 180_000 };

/** What setup writes for Codex (templates/codex.*.json), and a bridge with a token in env. */
const ENTRIES: Array<[string, JsonObject]> = [
  ['native', { url: HTTP }],
  ['native with --token-env', { url: HTTP, bearer_token_env_var: 'INTERCOM_TOKEN' }],
  ['bridge', { command: 'npx', args: ['-y', 'mcp-remote', SSE] }],
  ['bridge with a token in env', { command: 'npx', args: ['-y', 'mcp-remote', SSE], env: { AUTH_HEADER: 'Bearer ${env:INTERCOM_TOKEN}' } }],
];

const LAYOUTS: Array<[string, string]> = [
  ['no final newline', 'model = "o3"\n\n[mcp_servers.other]\nurl = "https://other.example/mcp"'],
  ['no final newline after a comment', '[mcp_servers.other]\ncommand = "npx"\nargs = ["-y", "other"]\n# the end'],
  [
    'CRLF, comments between tables, blank lines',
    '# mine\r\nmodel = "o3"\r\n\r\n\r\n# servers\r\n[mcp_servers.other]\r\ncommand = "npx"\r\nargs = ["-y", "other"]\r\n\r\n# profiles\r\n[profiles.fast]\r\nmodel = "o4-mini"\r\n',
  ],
  [
    'dotted keys and inline tables',
    'mcp_servers.dotted.url = "https://dotted.example/mcp"\n\n[mcp_servers.inline]\ncommand = "npx"\nenv = { A = "1", B = "2" }\nenv_vars = ["HOME"]\n',
  ],
  [
    '[mcp_servers] present, servers before, arrays of tables after',
    '[mcp_servers]\n\n[mcp_servers.before]\nurl = "https://before.example/mcp"\n\n[[x_custom]]\nname = "a"\n\n[[x_custom]]\nname = "b"\n',
  ],
  [
    'other servers before and after, no [mcp_servers]',
    '[mcp_servers.a]\nurl = "https://a.example/mcp"\n[mcp_servers.a.http_headers]\nX = "1"\n[tools]\nweb_search = true\n[mcp_servers.z]\ncommand = "z"\n',
  ],
  ['the file Codex 0.169.0 wrote', FIXTURE],
  ['empty', ''],
];

interface Listed {
  name: string;
  enabled: boolean;
  transport: { type: string; url?: string; command?: string; args?: string[]; env?: Record<string, string> | null; bearer_token_env_var?: string | null };
}

let home: string;
const codexHome = () => path.join(home, 'codex');
const configFile = () => path.join(codexHome(), 'config.toml');

/** `codex mcp list --json` with this text as CODEX_HOME's config.toml, as it ran. */
async function codexList(text: string) {
  await writeFile(configFile(), text);
  return execa(binOf(CODEX), ['mcp', 'list', '--json'], {
    cwd: home,
    env: cleanEnv(home, { CODEX_HOME: codexHome() }),
    extendEnv: false,
    reject: false,
    input: '',
    timeout: 45_000,
  });
}

/** `codex mcp list --json` over this text; fails the test with Codex's own message when it refuses the file. */
async function codexReads(text: string): Promise<Map<string, Listed>> {
  const run = await codexList(text);
  expect(run.exitCode, `codex refused:\n${text}\n---\n${run.stderr}`).toBe(0);
  return new Map((JSON.parse(run.stdout) as Listed[]).map((server) => [server.name, server]));
}

/** What Codex should list for our entry as the file holds it. */
function expectListed(listed: Listed | undefined, entry: JsonObject): void {
  if (typeof entry.url === 'string') {
    expect(listed?.transport).toMatchObject({ type: 'streamable_http', url: entry.url, bearer_token_env_var: entry.bearer_token_env_var ?? null });
  } else {
    expect(listed?.transport).toMatchObject({ type: 'stdio', command: entry.command, args: entry.args, env: entry.env ?? null });
  }
}

beforeEach(async () => {
  home = await tempHome('ims-codex-toml-');
  await mkdir(codexHome());
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe.skipIf(CODEX.skipped !== undefined)('Codex 0.169.0 reads every config.toml the TOML engine writes', SLOW, () => {
  it.each(LAYOUTS)('%s: each entry added is listed as written, the others as before; remove gives the file back', async (_layout, original) => {
    const before = original === '' ? new Map<string, Listed>() : await codexReads(original);
    expect(before.has('intercom')).toBe(original === FIXTURE);
    for (const [, entry] of ENTRIES) {
      const added = planTomlUpsert(original === '' ? undefined : original, REQUEST, entry);
      const listed = await codexReads(added.text);
      expectListed(listed.get('intercom'), entry);
      // The fixture's own "intercom" entry is replaced in place; every other server stays as Codex read it.
      for (const [name, server] of before) if (name !== 'intercom') expect(listed.get(name)).toEqual(server);
      expect(planTomlUpsert(added.text, REQUEST, entry)).toMatchObject({ kind: 'unchanged', text: added.text });
      if (original !== FIXTURE) expect(planTomlRemoval(added.text, REQUEST).text).toBe(original);
    }
  });

  it('one entry updated in place from each kind to the next: its comment, env sub-table and tool settings stay where Codex takes them', async () => {
    let text = [
      'model = "o3"',
      '',
      '[mcp_servers.intercom]',
      '# set up for the support team',
      'command = "npx"',
      `args = ["-y", "mcp-remote@0.1.16", "${SSE}"]`,
      'startup_timeout_sec = 30',
      '',
      '[mcp_servers.intercom.env]',
      'HTTPS_PROXY = "http://proxy.corp:8080" # corporate proxy',
      '',
      '[mcp_servers.intercom.tools.search_conversations]',
      'approval_mode = "approve"',
      '',
      '[mcp_servers.other]',
      'url = "https://other.example/mcp"',
    ].join('\n');
    const other = (await codexReads(text)).get('other');
    const steps: Array<[string, JsonObject, JsonObject | null]> = [
      ['bridge with a token in env', ENTRIES[3]![1], { HTTPS_PROXY: 'http://proxy.corp:8080', AUTH_HEADER: 'Bearer ${env:INTERCOM_TOKEN}' }],
      ['bridge', ENTRIES[2]![1], { HTTPS_PROXY: 'http://proxy.corp:8080' }],
      ['native with --token-env', ENTRIES[1]![1], null],
      ['native', ENTRIES[0]![1], null],
      ['bridge again', ENTRIES[2]![1], null],
    ];
    for (const [step, entry, env] of steps) {
      const change = planTomlUpsert(text, REQUEST, entry);
      text = change.text;
      const listed = await codexReads(text);
      expectListed(listed.get('intercom'), env ? { ...entry, env } : entry);
      expect(listed.get('intercom'), step).toMatchObject({ startup_timeout_sec: 30 });
      expect(listed.get('other'), step).toEqual(other);
      expect(text, step).toContain('# set up for the support team');
      expect(tomlEntry(parseToml(text), 'mcp_servers', 'intercom'), step).toMatchObject({ tools: { search_conversations: { approval_mode: 'approve' } } });
      expect(text.endsWith('\n'), step).toBe(false);
    }
    expect(await readFile(configFile(), 'utf8')).toBe(text);
  });
});

describe.skipIf(CODEX.skipped !== undefined)('an entry Codex refuses: doctor says so, doctor --fix mends it', SLOW, () => {
  it('"env" next to "url": Codex loads nothing; doctor fails naming the key; --fix takes it out and Codex lists the entry', async () => {
    const refused = `model = "o3"\n\n[mcp_servers.intercom]\nurl = "${HTTP}"\n\n[mcp_servers.intercom.env]\nHTTPS_PROXY = "http://proxy.example:8080"\n`;
    const codex = await codexList(refused);
    expect(codex.exitCode).not.toBe(0);
    expect(codex.stderr).toContain('env');
    const env = { CODEX_HOME: codexHome() };
    const doctor = await runCli(['doctor', '--offline', '--client', 'codex'], { home, env });
    expect(doctor.exitCode).toBe(1);
    expect(doctor.stdout.replace(/\s+/g, ' ')).toContain('Codex refuses "env" in a URL server (streamable_http) and then loads no configuration at all');
    const fixed = await runCli(['doctor', '--offline', '--client', 'codex', '--fix', '--yes'], { home, env });
    expect(fixed.exitCode, fixed.stdout + fixed.stderr).toBe(0);
    const text = await readFile(configFile(), 'utf8');
    expect(text).toBe(`model = "o3"\n\n[mcp_servers.intercom]\nurl = "${HTTP}"\n`);
    expectListed((await codexReads(text)).get('intercom'), { url: HTTP });
  });
});
