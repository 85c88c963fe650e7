/**
 * src/config/toml.ts: the parser (what it accepts and refuses, with line and column), the writer,
 * and the table edits that setup and remove make to Codex's config.toml. Fixed cases first, then
 * property tests over generated documents (comments everywhere, CRLF, a BOM, strings that look
 * like headers, sub-tables, arrays of tables), and a cross-check of values with Python's tomllib.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigParseError } from '../../src/config/jsonc.js';
import { planTomlRemoval, planTomlUpsert } from '../../src/engine/toml-plan.js';
import { parseToml, removeTomlEntries, renderTomlTable, setTomlEntry, tomlEntry, tomlString } from '../../src/config/toml.js';
import type { TomlConfigShape } from '../../src/clients/types.js';
import type { JsonObject, JsonValue } from '../../src/config/json-types.js';
import { clientById } from '../../src/clients/index.js';
import { clientOwnedKeys } from '../../src/entries/entry-keys.js';
import { isMap, mergedEntry } from '../helpers/entry-oracle.js';
import type { Json } from '../helpers/jsonc-gen.js';
import { propertySeed } from '../helpers/property-seed.js';

const CODEX_FIXTURE = readFileSync(new URL('../fixtures/real-clients/codex-0.169.0.config.toml', import.meta.url), 'utf8');
const SHAPE: TomlConfigShape = { format: 'toml', serversKey: 'mcp_servers', ignoredKeys: ['mcpServers'] };
/** As setup asks: with the keys Codex's templates set (bearer_token_env_var besides the endpoint keys). */
const request = (name = 'intercom') => ({ shape: SHAPE, name, extraUrls: [] as string[], owned: () => clientOwnedKeys(clientById('codex')!) });
const HTTP = 'https://mcp.intercom.com/mcp';
const SSE = 'https://mcp.intercom.com/sse';
const NATIVE = { url: HTTP };
const BRIDGE = { command: 'npx', args: ['-y', 'mcp-remote', SSE] };

const SEED = propertySeed(20_251_125);
const RUNS = process.env.FC_RUNS ? Number(process.env.FC_RUNS) : 400;

function parseError(text: string): { line: number; column: number; reason: string } {
  try {
    parseToml(text);
  } catch (error) {
    if (error instanceof ConfigParseError) return { line: error.line, column: error.column, reason: error.reason };
    throw error;
  }
  throw new Error(`parsed without an error: ${JSON.stringify(text)}`);
}

const REFUSALS: Array<[string, number, number, string]> = [
  ['x = = 1', 1, 5, 'expected a value'],
  ['a = "x', 1, 5, 'never closed'],
  ['a = "x\ny"', 1, 7, 'never closed'],
  ['[a]\nb = 1\n[a]', 3, 1, 'defined twice'],
  ['[mcp_servers.a]\nurl = "http://x/mcp"\n[mcp_servers.a]\nurl="y"\n', 3, 1, 'defined twice'],
  ['a = 1\na = 2', 2, 1, 'duplicate key a'],
  ['a = 01', 1, 5, 'invalid value'],
  ['a = 1__0', 1, 5, 'invalid value'],
  ['a = {b = 1}\n[a.c]', 2, 1, 'inline table'],
  ['a = [1]\n[[a]]', 2, 1, 'not an array of tables'],
  ['[a]\nb.c = 1\n[a.b]', 3, 1, 'dotted keys'],
  ['x = [1, 2', 1, 10, 'never closed'],
  ['x = 1 y = 2', 1, 7, 'end of the line'],
  ['[a', 1, 3, 'expected ]'],
  ['= 1', 1, 1, 'where a key should be'],
  ['a = "\\q"', 1, 6, 'invalid escape'],
  ['a = "\\uD800"', 1, 6, 'not a Unicode scalar value'],
  ['a = 2024-13-01', 1, 5, 'invalid date'],
  ['a = 1\rb = 2', 1, 6, 'carriage return'],
  ['a = "\u0001"', 1, 6, 'control character'],
  ['# bad \u0007 comment', 1, 7, 'control character'],
  ['a = true2', 1, 5, 'expected a value'],
  ['a = """x', 1, 5, 'never closed'],
  ['key with space = 1', 1, 5, 'expected = after the key'],
];

describe('parsing', () => {
  it('reads the file Codex 0.169.0 wrote', () => {
    expect(parseToml(CODEX_FIXTURE).root).toEqual({
      mcp_servers: {
        intercom: { url: HTTP },
        'intercom-sse': { url: SSE },
        'intercom-remote': { command: 'npx', args: ['-y', 'mcp-remote', SSE] },
        'intercom-tok': { url: HTTP, bearer_token_env_var: 'INTERCOM_TOKEN' },
      },
    });
  });

  it('reads every kind of value, key and table', () => {
    const text = [
      '# top comment',
      'title = "TOML \\"x\\" \\u00e9 \\U0001F600 \\t"  # trailing',
      "lit = 'C:\\Users\\nodejs'",
      'ml = """',
      'Roses are red',
      '[not.a.header]',
      'done \\',
      '    here"""',
      "mll = '''",
      "first '' line",
      "'''",
      'ints = [ +99, 42, 0, -17, 1_000, 0xDEAD_beef, 0o755, 0b1101 ]',
      'floats = [1.0, 3.1415, -0.01, 5e+22, 1e06, -2E-2, 6.626e-34, 224_617.445_991]',
      'bools = [true, false]',
      'dates = [1979-05-27T07:32:00Z, 1979-05-27T00:32:00.999999-07:00, 1979-05-27 07:32:00, 1979-05-27, 07:32:00, 00:32:00.999]',
      'nested = [ [1, 2], ["a", "b"], [ { x = 1 } ], ]',
      'site."google.com" = true',
      '"quoted key" = 1',
      "'literal key' = 2",
      'a . b . c = 3',
      'inline = { first = "Tom", last = "Preston-Werner", point = { x = 1, y = 2 } }',
      '',
      '[servers]',
      '  [servers.alpha]',
      '  ip = "10.0.0.1"',
      '[[products]]',
      'name = "Hammer"',
      '[[products]]',
      '[[products]]',
      'name = "Nail"',
      '[products.extra]',
      'color = "gray"',
      '',
    ].join('\n');
    expect(parseToml(text).root).toEqual({
      title: 'TOML "x" é 😀 \t',
      lit: 'C:\\Users\\nodejs',
      ml: 'Roses are red\n[not.a.header]\ndone here',
      mll: "first '' line\n",
      ints: [99, 42, 0, -17, 1000, 0xdeadbeef, 0o755, 0b1101],
      floats: [1, 3.1415, -0.01, 5e22, 1e6, -0.02, 6.626e-34, 224617.445991],
      bools: [true, false],
      dates: ['1979-05-27T07:32:00Z', '1979-05-27T00:32:00.999999-07:00', '1979-05-27 07:32:00', '1979-05-27', '07:32:00', '00:32:00.999'],
      nested: [[1, 2], ['a', 'b'], [{ x: 1 }]],
      site: { 'google.com': true },
      'quoted key': 1,
      'literal key': 2,
      a: { b: { c: 3 } },
      inline: { first: 'Tom', last: 'Preston-Werner', point: { x: 1, y: 2 } },
      servers: { alpha: { ip: '10.0.0.1' } },
      products: [{ name: 'Hammer' }, {}, { name: 'Nail', extra: { color: 'gray' } }],
    });
  });

  it('accepts what Codex 0.169 accepts from TOML 1.1: multi-line inline tables, trailing commas, \\e and \\x', () => {
    expect(parseToml('x = { a = 1,\n b = 2, # note\n }\ny = "\\e\\x41"\nz = 07:32\n').root).toEqual({ x: { a: 1, b: 2 }, y: '\u001bA', z: '07:32' });
  });

  it('keeps CRLF line endings and a BOM out of the values', () => {
    const document = parseToml('\uFEFF[a]\r\nb = """\r\nx\r\ny"""\r\n');
    expect(document.bom).toBe(true);
    expect(document.eol).toBe('\r\n');
    expect(document.root).toEqual({ a: { b: 'x\ny' } });
  });

  it.each(REFUSALS)('refuses %j at line %i column %i', (text, line, column, reason) => {
    const error = parseError(text);
    expect({ line: error.line, column: error.column }).toEqual({ line, column });
    expect(error.reason).toContain(reason);
  });
});

describe('writing', () => {
  it('renders a server table the way Codex writes one, env as a sub-table', () => {
    expect(renderTomlTable(['mcp_servers', 'intercom'], { command: 'npx', args: ['-y', 'mcp-remote', SSE], env: { AUTH_HEADER: 'Bearer x' } })).toBe(
      `[mcp_servers.intercom]\ncommand = "npx"\nargs = ["-y", "mcp-remote", "${SSE}"]\n\n[mcp_servers.intercom.env]\nAUTH_HEADER = "Bearer x"\n`,
    );
    expect(renderTomlTable(['mcp_servers', 'my.intercom'], NATIVE, '\r\n')).toBe(`[mcp_servers."my.intercom"]\r\nurl = "${HTTP}"\r\n`);
  });

  it('escapes what TOML forbids in basic strings, and reads back the same string', () => {
    const nasty = 'q"b\\s\nl\tt\u0000\u007f\u001fé😀';
    expect(tomlString(nasty)).toBe('"q\\"b\\\\s\\nl\\tt\\u0000\\u007f\\u001fé😀"');
    expect(parseToml(`x = ${tomlString(nasty)}`).root.x).toBe(nasty);
  });
});

describe('editing one [mcp_servers.<name>] table', () => {
  it('a comment that stood above a key setup removes, and would now end our table, goes with it: remove after setup gives what remove gives (FC_SEED=125331424)', () => {
    // The key after the comment (env, which a URL server cannot have) goes and none comes after
    // it: left there, the comment would follow our table's last key, and remove keeps such a
    // comment (it belongs to what follows), where removing the original took it.
    for (const [before, after] of [
      ['[mcp_servers.intercom]\nurl = 1_000\n# c4026#\nenv.X = ""', `[mcp_servers.intercom]\nurl = "${HTTP}"`],
      [
        '# mine\n[mcp_servers.intercom]\nurl = 1_000\n# about env\nenv.X = ""\n\n# about profiles\n[profiles.fast]\nmodel = "o4-mini"\n',
        `# mine\n[mcp_servers.intercom]\nurl = "${HTTP}"\n\n# about profiles\n[profiles.fast]\nmodel = "o4-mini"\n`,
      ],
    ] as const) {
      const change = planTomlUpsert(before, request(), NATIVE);
      expect(change.text).toBe(after);
      expect(planTomlRemoval(change.text, request()).text).toBe(planTomlRemoval(before, request()).text);
    }
    // A comment between two keys that both stay, and one after our last key as written, stay.
    const kept = '[mcp_servers.intercom]\nurl = 1_000\n# between\nstartup_timeout_sec = 30\n# after our last key\n';
    expect(planTomlUpsert(kept, request(), NATIVE).text).toBe(kept.replace('1_000', `"${HTTP}"`));
  });

  it("a comment after our table's last key stays when setup cuts a table of ours that came later: it belongs to what follows (FC_SEED=77, 2, 20)", () => {
    // Setup cuts [mcp_servers.intercom.env] (a URL server cannot have env); the comment did not
    // stand between two keys, so it is not the entry's to take: remove keeps it, and so does setup.
    for (const [before, after] of [
      ['[mcp_servers.intercom]\n# c1\n[mcp_servers.intercom.env]', `[mcp_servers.intercom]\nurl = "${HTTP}"\n# c1`],
      [
        '[mcp_servers.intercom]\n# about profiles\n[profiles.fast]\n[mcp_servers.intercom.env]\nA = "b"\n',
        `[mcp_servers.intercom]\nurl = "${HTTP}"\n# about profiles\n[profiles.fast]\n`,
      ],
    ] as const) {
      const change = planTomlUpsert(before, request(), NATIVE);
      expect(change.text).toBe(after);
      expect(planTomlRemoval(change.text, request()).text).toBe(planTomlRemoval(before, request()).text);
    }
  });

  it('appends to the file Codex wrote and leaves every byte of it in place', () => {
    const change = planTomlUpsert(CODEX_FIXTURE, request('intercom2'), NATIVE);
    expect(change.kind).toBe('updated');
    expect(change.text).toBe(`${CODEX_FIXTURE}\n[mcp_servers.intercom2]\nurl = "${HTTP}"\n`);
    expect(planTomlUpsert(change.text, request('intercom2'), NATIVE).kind).toBe('unchanged');
    expect(planTomlRemoval(change.text, request('intercom2')).text).toBe(CODEX_FIXTURE);
  });

  it('updates its own table where it is, key by key: a comment in it stays, and every byte around it; env goes, which Codex refuses in a URL server', () => {
    const before = [
      '# Codex settings',
      'model = "o3" # the model',
      '',
      '[mcp_servers.linear]',
      'url = "https://mcp.linear.app/mcp"',
      '',
      '# ours, below',
      '[mcp_servers.intercom]',
      'command = "npx"',
      '# an old comment inside our table',
      'args = ["-y", "mcp-remote", "https://mcp.intercom.com/sse"]',
      '',
      '[mcp_servers.intercom.env]',
      'X = "1"',
      '',
      '# about profiles',
      '[profiles.fast]',
      'model = "o4-mini"',
      '',
    ].join('\n');
    const change = planTomlUpsert(before, request(), NATIVE);
    expect(change.text).toBe(
      [
        '# Codex settings',
        'model = "o3" # the model',
        '',
        '[mcp_servers.linear]',
        'url = "https://mcp.linear.app/mcp"',
        '',
        '# ours, below',
        '[mcp_servers.intercom]',
        '# an old comment inside our table',
        `url = "${HTTP}"`,
        '',
        '# about profiles',
        '[profiles.fast]',
        'model = "o4-mini"',
        '',
      ].join('\n'),
    );
    expect(change.previous).toEqual({ command: 'npx', args: ['-y', 'mcp-remote', SSE], env: { X: '1' } });
    expect(change.notes.join('\n')).toContain('changes "url"; removes "command", "args"\n');
    // Codex 0.169 loads no config at all with `env` in a URL server's table ("env is not supported for streamable_http").
    expect(change.notes.join('\n')).toContain('removed "env" from "intercom": Codex does not accept it in a URL server\'s table');
  });

  it("keeps the person's keys in Codex's table: env sub-table, enabled = false, timeouts, tool lists (issue 18 point 1)", () => {
    const before = [
      '[mcp_servers.intercom]',
      'command = "npx"',
      'args = ["-y", "mcp-remote@0.1.16", "https://mcp.intercom.com/sse"]',
      'enabled = false',
      'startup_timeout_sec = 30',
      'disabled_tools = ["delete_contact"]',
      '',
      '[mcp_servers.intercom.env]',
      'HTTPS_PROXY = "http://proxy.corp:8080"',
      'NODE_EXTRA_CA_CERTS = "/etc/corp-ca.pem"',
      '',
    ].join('\n');
    const change = planTomlUpsert(before, request(), BRIDGE);
    expect(tomlEntry(parseToml(change.text), 'mcp_servers', 'intercom')).toEqual({
      ...BRIDGE,
      enabled: false,
      startup_timeout_sec: 30,
      disabled_tools: ['delete_contact'],
      env: { HTTPS_PROXY: 'http://proxy.corp:8080', NODE_EXTRA_CA_CERTS: '/etc/corp-ca.pem' },
    });
    // The env sub-table's lines are untouched; the table's own lines change only where they must.
    expect(change.text.slice(change.text.indexOf('\n\n[mcp_servers.intercom.env]'))).toBe(before.slice(before.indexOf('\n\n[mcp_servers.intercom.env]')));
    expect(change.notes.join('\n')).toContain('stays turned off (enabled = false)');
    expect(planTomlUpsert(change.text, request(), BRIDGE).kind).toBe('unchanged');
    // The native entry: all of them but env, which Codex refuses in a URL server's table (it would
    // load no config at all); the notes say it goes.
    const native = planTomlUpsert(before, request(), NATIVE);
    expect(tomlEntry(parseToml(native.text), 'mcp_servers', 'intercom')).toEqual({
      url: HTTP,
      enabled: false,
      startup_timeout_sec: 30,
      disabled_tools: ['delete_contact'],
    });
    expect(native.notes.join('\n')).toContain('removed "env" from "intercom"');
    expect(native.notes.join('\n')).not.toContain('keeps "env"');
    expect(planTomlUpsert(native.text, request(), NATIVE).kind).toBe('unchanged');
  });

  describe('a token key inside the entry (env.AUTH_HEADER): only that key changes, the rest of the table and its comments stay (issue 18 point 1)', () => {
    const TOKEN = (variable: string) => ({ ...BRIDGE, env: { AUTH_HEADER: `Bearer \${env:${variable}}` } });
    const head = [
      '# about ours',
      '[mcp_servers.intercom]',
      '# my bridge',
      'command = "npx"',
      `args = ["-y", "mcp-remote", "${SSE}"]`,
      'startup_timeout_sec = 30',
    ];
    const tail = ['', '# profiles', '[profiles.fast]', 'model = "o4-mini"', ''];

    it('a new token in the [….env] sub-table: its comment, the proxy key and the comment after the token stay', () => {
      const env = [
        '',
        '[mcp_servers.intercom.env]',
        '# corporate proxy',
        'HTTPS_PROXY = "http://proxy.corp:8080"',
        'AUTH_HEADER = "Bearer ${env:OLD}"  # the token',
      ];
      const before = [...head, ...env, ...tail].join('\n');
      const change = planTomlUpsert(before, request(), TOKEN('NEW'));
      expect(change.text).toBe(before.replace('${env:OLD}', '${env:NEW}'));
      expect(planTomlUpsert(change.text, request(), TOKEN('NEW')).kind).toBe('unchanged');
    });

    it('the token taken out (the bridge without a token): only its line goes, the sub-table keeps the proxy and its comment', () => {
      const env = ['', '[mcp_servers.intercom.env]', '# corporate proxy', 'HTTPS_PROXY = "http://proxy.corp:8080"', 'AUTH_HEADER = "Bearer ${env:OLD}"'];
      const before = [...head, ...env, ...tail].join('\n');
      const change = planTomlUpsert(before, request(), BRIDGE);
      expect(change.text).toBe([...head, ...env.slice(0, -1), ...tail].join('\n'));
      expect(tomlEntry(parseToml(change.text), 'mcp_servers', 'intercom')).toEqual({
        ...BRIDGE,
        startup_timeout_sec: 30,
        env: { HTTPS_PROXY: 'http://proxy.corp:8080' },
      });
    });

    it('a sub-table holding only the token goes whole; one added where there was none, after the keys', () => {
      const before = [...head, ...tail].join('\n');
      const added = planTomlUpsert(before, request(), TOKEN('T'));
      expect(added.text).toBe([...head, '', '[mcp_servers.intercom.env]', 'AUTH_HEADER = "Bearer ${env:T}"', ...tail].join('\n'));
      expect(planTomlUpsert(added.text, request(), BRIDGE).text).toBe(before);
    });

    it('written inline or as dotted keys: that one value or line changes', () => {
      const inline = [...head, 'env = { HTTPS_PROXY = "p", AUTH_HEADER = "Bearer ${env:OLD}" } # inline', ...tail].join('\n');
      expect(planTomlUpsert(inline, request(), TOKEN('NEW')).text).toBe(
        inline.replace('{ HTTPS_PROXY = "p", AUTH_HEADER = "Bearer ${env:OLD}" }', '{ HTTPS_PROXY = "p", AUTH_HEADER = "Bearer ${env:NEW}" }'),
      );
      const dotted = [...head, 'env.HTTPS_PROXY = "p" # proxy', 'env.AUTH_HEADER = "Bearer ${env:OLD}"', ...tail].join('\n');
      expect(planTomlUpsert(dotted, request(), TOKEN('NEW')).text).toBe(dotted.replace('${env:OLD}', '${env:NEW}'));
      expect(planTomlUpsert(dotted, request(), BRIDGE).text).toBe(dotted.replace('env.AUTH_HEADER = "Bearer ${env:OLD}"\n', ''));
    });

    it("Codex's own token key (--token-env): bearer_token_env_var changes on its line; a comment and an http_headers sub-table stay", () => {
      const entry = (variable: string) => ({ url: HTTP, bearer_token_env_var: variable });
      const before = [
        '[mcp_servers.intercom]',
        `url = "${HTTP}"`,
        '# the token comes from my shell',
        'bearer_token_env_var = "OLD_TOKEN"',
        '',
        '[mcp_servers.intercom.http_headers]',
        '"X-Team" = "support" # routing',
        '',
      ].join('\n');
      const change = planTomlUpsert(before, request(), entry('NEW_TOKEN'));
      expect(change.text).toBe(before.replace('OLD_TOKEN', 'NEW_TOKEN'));
    });
  });

  it('writes the bridge with an env sub-table, and a second run changes nothing', () => {
    const entry = { ...BRIDGE, env: { AUTH_HEADER: 'Bearer ${env:T}' } };
    const first = planTomlUpsert(undefined, request(), entry);
    expect(first.kind).toBe('created');
    expect(first.text).toBe(
      `[mcp_servers.intercom]\ncommand = "npx"\nargs = ["-y", "mcp-remote", "${SSE}"]\n\n[mcp_servers.intercom.env]\nAUTH_HEADER = "Bearer \${env:T}"\n`,
    );
    expect(planTomlUpsert(first.text, request(), entry)).toMatchObject({ kind: 'unchanged', text: first.text });
  });

  it('keeps CRLF, a BOM, a missing final newline and tabs', () => {
    const before = '\uFEFF# crlf file\r\n[mcp_servers.other]\r\n\turl = "https://x.example/mcp"';
    const change = planTomlUpsert(before, request(), NATIVE);
    // No final newline before, none after: the table's last line is left unended as the file's was.
    expect(change.text).toBe(`${before}\r\n\r\n[mcp_servers.intercom]\r\nurl = "${HTTP}"`);
    expect(planTomlUpsert(change.text, request(), NATIVE)).toMatchObject({ kind: 'unchanged', text: change.text });
    expect(planTomlRemoval(change.text, request()).text).toBe(before);
  });

  it('gives back a file without a final newline byte for byte: setup, an update, then remove', () => {
    for (const before of ['model = "o3"', 'model = "o3"\n# last', '[mcp_servers.other]\nurl = "https://x.example/mcp"', 'a = 1\r\n\r\n[tools]\r\nx = 1']) {
      const added = planTomlUpsert(before, request(), NATIVE);
      expect(added.text.startsWith(before)).toBe(true);
      expect(added.text.endsWith('\n')).toBe(false);
      expect(planTomlRemoval(added.text, request()).text).toBe(before);
      // Key by key to the bridge (url, the last line, goes) and back to the native entry.
      const bridge = planTomlUpsert(added.text, request(), BRIDGE);
      expect(bridge.text.startsWith(before)).toBe(true);
      expect(bridge.text.endsWith('\n')).toBe(false);
      expect(planTomlRemoval(bridge.text, request()).text).toBe(before);
      const back = planTomlUpsert(bridge.text, request(), NATIVE);
      expect(back.text).toBe(added.text);
    }
  });

  it('moves an Intercom entry from [mcpServers] (which Codex ignores) and one under another letter case', () => {
    const before = `[mcpServers.intercom]\nurl = "${SSE}"\n\n[mcp_servers.Intercom]\nurl = "${SSE}"\n\n[mcp_servers.keep]\nurl = "https://x.example/mcp"\n`;
    const change = planTomlUpsert(before, request(), NATIVE);
    expect(parseToml(change.text).root).toEqual({ mcp_servers: { keep: { url: 'https://x.example/mcp' }, intercom: NATIVE } });
    expect(change.notes.join('\n')).toContain('[mcpServers.intercom]');
    expect(change.notes.join('\n')).toContain('[mcp_servers.Intercom]');
  });

  it('quotes a name that is not a bare key', () => {
    const change = planTomlUpsert('', request('intercom.eu'), NATIVE);
    expect(change.text).toBe(`[mcp_servers."intercom.eu"]\nurl = "${HTTP}"\n`);
    expect(tomlEntry(parseToml(change.text), 'mcp_servers', 'intercom.eu')).toEqual(NATIVE);
  });

  it('adds under a [mcp_servers] header and under servers written as dotted keys', () => {
    expect(planTomlUpsert('[mcp_servers]\n', request(), NATIVE).text).toBe(`[mcp_servers]\n\n[mcp_servers.intercom]\nurl = "${HTTP}"\n`);
    const dotted = 'mcp_servers.other.url = "https://x.example/mcp"\n';
    expect(parseToml(planTomlUpsert(dotted, request(), NATIVE).text).root).toEqual({
      mcp_servers: { other: { url: 'https://x.example/mcp' }, intercom: NATIVE },
    });
  });

  it.each([
    ['an inline entry', `[mcp_servers]\nintercom = { url = "${SSE}" }\n`, 2, 1, 'inline table or dotted keys'],
    ['an entry in dotted keys', `mcp_servers.intercom.url = "${SSE}"\n`, 1, 1, 'inline table or dotted keys'],
    ['an inline servers table', 'mcp_servers = { other = { url = "https://x.example/mcp" } }\n', 1, 1, 'inline table'],
    ['servers that are not a table', 'mcp_servers = 5\n', 1, 1, 'not a table'],
  ])('refuses %s with its line and column, writing nothing', (_what, text, line, column, reason) => {
    let caught: unknown;
    try {
      planTomlUpsert(text, request(), NATIVE);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigParseError);
    expect(caught).toMatchObject({ line, column });
    expect((caught as ConfigParseError).reason).toContain(reason);
  });

  it('removes only our tables, sub-tables included, wherever they are', () => {
    const before = `a = 1\n\n[mcp_servers.intercom.env]\nK = "v"\n\n[x]\ny = 2 # keep\n\n[mcp_servers.intercom]\nurl = "${HTTP}"\n# trailing comment stays\n`;
    const change = planTomlRemoval(before, request());
    expect(change.kind).toBe('removed');
    expect(change.text).toBe('a = 1\n\n[x]\ny = 2 # keep\n\n# trailing comment stays\n');
    expect(planTomlRemoval(change.text, request()).kind).toBe('unchanged');
    expect(planTomlRemoval(undefined, request())).toMatchObject({ kind: 'unchanged', notes: ['no config file'] });
  });

  it('never mistakes a header inside a multi-line string for a table', () => {
    const before = `note = """\n[mcp_servers.intercom]\nurl = "fake"\n"""\n`;
    expect(parseToml(before).root).toEqual({ note: '[mcp_servers.intercom]\nurl = "fake"\n' });
    const change = planTomlUpsert(before, request(), NATIVE);
    expect(change.text).toBe(`${before}\n[mcp_servers.intercom]\nurl = "${HTTP}"\n`);
    expect(planTomlRemoval(change.text, request()).text).toBe(before);
  });

  it('checks its own edit: setTomlEntry and removeTomlEntries parse their result again', () => {
    const document = parseToml(CODEX_FIXTURE);
    expect(tomlEntry(parseToml(setTomlEntry(document, 'mcp_servers', 'intercom', BRIDGE).text), 'mcp_servers', 'intercom')).toEqual(BRIDGE);
    const removed = removeTomlEntries(document, [{ container: 'mcp_servers', name: 'intercom-sse' }]);
    expect(Object.keys(parseToml(removed.text).root.mcp_servers as JsonObject)).toEqual(['intercom', 'intercom-remote', 'intercom-tok']);
  });
});

// ---- property tests over generated documents ------------------------------------------------------

interface GenValue {
  text: string;
  value: JsonValue;
}

let marker = 0;
const comment = () => `# c${++marker}#`;

const bareKey = fc.constantFrom('a', 'b', 'model', 'url', 'x-y', 'k_1', '123', 'env', 'command', 'enabled', 'startup_timeout_sec');
const anyKey = fc.oneof(
  bareKey.map((key) => ({ text: key, key })),
  fc.constantFrom('a.b', 'sp ace', 'é', '"q"', '').map((key) => ({ text: tomlString(key), key })),
  fc.constantFrom('lit key', 'a.b').map((key) => ({ text: `'${key}'`, key })),
);

const stringValue: fc.Arbitrary<GenValue> = fc.oneof(
  fc.string({ maxLength: 12 }).map((value) => ({ text: tomlString(value), value })),
  fc.constantFrom('plain', 'C:\\path', '[not.a.table]', '# not a comment').map((value) => ({ text: `'${value}'`, value })),
  fc.constantFrom('line1', '[mcp_servers.intercom]\nurl = "fake"', 'a\nb').map((value) => ({ text: `"""\n${value}"""`, value })),
  fc.constantFrom('x', '[mcp_servers.intercom]').map((value) => ({ text: `'''${value}'''`, value })),
);
const scalar: fc.Arbitrary<GenValue> = fc.oneof(
  stringValue,
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((value) => ({ text: String(value), value })),
  fc
    .constantFrom(['1_000', 1000], ['0x1F', 31], ['3.5', 3.5], ['-2e3', -2000], ['true', true], ['false', false])
    .map(([text, value]) => ({ text: String(text), value: value as JsonValue })),
);
const value: fc.Arbitrary<GenValue> = fc.oneof(
  { weight: 3, arbitrary: scalar },
  {
    weight: 1,
    arbitrary: fc.array(scalar, { maxLength: 3 }).map((items) => ({
      text: `[${items.map((item) => item.text).join(', ')}${items.length ? ',' : ''} ${comment()}\n]`,
      value: items.map((item) => item.value),
    })),
  },
  {
    weight: 1,
    arbitrary: fc.uniqueArray(fc.tuple(bareKey, scalar), { maxLength: 3, selector: ([key]) => key }).map((pairs) => ({
      text: `{ ${pairs.map(([key, item]) => `${key} = ${item.text}`).join(', ')} }`,
      value: Object.fromEntries(pairs.map(([key, item]) => [key, item.value])),
    })),
  },
);

interface GenLine {
  kind: 'pair' | 'dotted' | 'comment' | 'blank';
  key?: string;
  /** A dotted key's parts (`env.X = …`). */
  dotted?: [string, string];
  keyText?: string;
  value?: GenValue;
  trailing?: boolean;
}
const line: fc.Arbitrary<GenLine> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({ key: anyKey, value, trailing: fc.boolean() })
      .map(({ key, value: v, trailing }) => ({ kind: 'pair' as const, key: key.key, keyText: key.text, value: v, trailing })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        dotted: fc.constantFrom<[string, string]>(['env', 'X'], ['env', 'HTTPS_PROXY'], ['d', 'x'], ['d', 'y']),
        value: scalar,
        trailing: fc.boolean(),
      })
      .map(({ dotted, value: v, trailing }) => ({ kind: 'dotted' as const, dotted, value: v, trailing })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'comment' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'blank' as const }) },
);

const NAMES = ['intercom', 'other', 'linear', 'intercom2'];
const headerPath: fc.Arbitrary<string[]> = fc.oneof(
  fc.constantFrom(...NAMES).map((name) => ['mcp_servers', name]),
  fc.constantFrom(...NAMES).map((name) => ['mcp_servers', name, 'env']),
  fc.constantFrom<string[]>(['profiles', 'fast'], ['model_providers', 'azure'], ['tools'], ['mcp_servers']),
);

interface GenSection {
  path: string[];
  /** An array of tables' element (`[[path]]`), which may repeat. */
  array?: boolean;
  lines: GenLine[];
  trailing: boolean;
}
interface DocModel {
  bom: boolean;
  crlf: boolean;
  finalNewline: boolean;
  preamble: GenLine[];
  sections: GenSection[];
}
const docArb: fc.Arbitrary<DocModel> = fc.record({
  bom: fc.boolean(),
  crlf: fc.boolean(),
  finalNewline: fc.boolean(),
  preamble: fc.array(line, { maxLength: 4 }),
  sections: fc.array(
    fc.oneof(
      { weight: 4, arbitrary: fc.record({ path: headerPath, lines: fc.array(line, { maxLength: 4 }), trailing: fc.boolean() }) },
      {
        weight: 1,
        arbitrary: fc.record({
          path: fc.constantFrom<string[]>(['mcp_servers', 'intercom', 'tools'], ['mcp_servers', 'other', 'tools'], ['plugins']),
          array: fc.constant(true),
          lines: fc.array(line, { maxLength: 3 }),
          trailing: fc.boolean(),
        }),
      },
    ),
    { maxLength: 6 },
  ),
});

/** Renders a generated document (dropping repeated keys and headers) and the value it means. */
function build(doc: DocModel): { text: string; value: JsonObject } {
  const root: JsonObject = {};
  const out: string[] = [];
  const seenHeaders = new Set<string>();
  const byDottedKeys = new WeakSet<JsonObject>();
  const tableArrays = new WeakSet<JsonValue[]>();
  const emit = (lines: GenLine[], table: JsonObject) => {
    for (const item of lines) {
      if (item.kind === 'comment') out.push(comment());
      else if (item.kind === 'blank') out.push('');
      else if (item.kind === 'dotted') {
        // Into a table made by dotted keys in this same table, never one made another way.
        const [outer, inner] = item.dotted!;
        if (!Object.hasOwn(table, outer)) {
          const made: JsonObject = {};
          byDottedKeys.add(made);
          table[outer] = made;
        }
        const holder = table[outer] as JsonObject;
        if (!byDottedKeys.has(holder) || Object.hasOwn(holder, inner)) continue;
        holder[inner] = item.value!.value;
        out.push(`${outer}.${inner} = ${item.value!.text}${item.trailing ? ` ${comment()}` : ''}`);
      } else if (!Object.hasOwn(table, item.key!)) {
        table[item.key!] = item.value!.value;
        out.push(`${item.keyText} = ${item.value!.text}${item.trailing ? ` ${comment()}` : ''}`);
      }
    }
  };
  emit(doc.preamble, root);
  for (const section of doc.sections) {
    const key = section.path.join('.');
    // A header may appear once (an array's may repeat); a path through a value instead of a table is dropped.
    if (seenHeaders.has(key)) continue;
    let table = root;
    let clash = false;
    const walk = section.array ? section.path.slice(0, -1) : section.path;
    for (const part of walk) {
      const next = table[part];
      if (next === undefined) table = table[part] = {};
      else if (typeof next === 'object' && next !== null && !Array.isArray(next) && !byDottedKeys.has(next as JsonObject)) table = next as JsonObject;
      else clash = true;
      if (clash) break;
    }
    if (clash) continue;
    if (section.array) {
      const last = section.path[section.path.length - 1]!;
      if (table[last] === undefined) {
        const made: JsonValue[] = [];
        tableArrays.add(made);
        table[last] = made;
      }
      const array = table[last];
      if (!Array.isArray(array) || !tableArrays.has(array)) continue;
      const element: JsonObject = {};
      array.push(element);
      table = element;
    } else {
      seenHeaders.add(key);
    }
    out.push(`${section.array ? '[[' : '['}${section.path.join('.')}${section.array ? ']]' : ']'}${section.trailing ? ` ${comment()}` : ''}`);
    // Keys of the new table must not collide with sub-tables already made under it.
    emit(
      section.lines.filter(
        (item) =>
          (item.kind !== 'pair' || typeof table[item.key!] !== 'object') &&
          (item.kind !== 'dotted' || table[item.dotted![0]] === undefined || byDottedKeys.has(table[item.dotted![0]] as JsonObject)),
      ),
      table,
    );
  }
  const eol = doc.crlf ? '\r\n' : '\n';
  let text = out.join(eol);
  if (doc.finalNewline && text !== '') text += eol;
  return { text: (doc.bom ? '\uFEFF' : '') + text, value: root };
}

/** Valid generated documents only: implicit tables defined later, keys that clash with sub-tables, are skipped. */
function validDoc(doc: DocModel): { text: string; value: JsonObject } | undefined {
  const built = build(doc);
  try {
    parseToml(built.text);
    return built;
  } catch {
    return undefined;
  }
}

function comments(text: string): string[] {
  return [...text.matchAll(/# c\d+#/g)].map((match) => match[0]);
}

function withoutEntry(root: JsonObject, name: string): JsonObject {
  const copy = structuredClone(root);
  const servers = copy.mcp_servers;
  if (servers && typeof servers === 'object' && !Array.isArray(servers)) {
    delete (servers as JsonObject)[name];
    // The table setup adds creates [mcp_servers] too; an empty one means nothing.
    if (Object.keys(servers).length === 0) delete copy.mcp_servers;
  }
  return copy;
}

/**
 * The text of a document outside our entry's tables, and how many tables it has: each table of
 * [mcp_servers.intercom] (its sub-tables and arrays of tables too) runs from its header's line to
 * the end of its last key's line (comments and blank lines after it belong to what follows), and
 * tables with only blank lines between them are one block, the blank lines in it.
 */
function outsideEntry(document: ReturnType<typeof parseToml>): { text: string; tables: number } {
  const { headers, pairs, body } = document;
  const spans: Array<[number, number]> = [];
  headers.forEach((header, index) => {
    if (header.path[0] !== 'mcp_servers' || header.path[1] !== 'intercom') return;
    const next = headers[index + 1]?.lineStart ?? body.length;
    let end = header.end;
    for (const pair of pairs) if (pair.start >= header.end && pair.start < next) end = Math.max(end, pair.end);
    const newline = body.indexOf('\n', end);
    end = Math.min(newline === -1 ? body.length : newline + 1, next);
    const last = spans[spans.length - 1];
    if (last && body.slice(last[1], header.lineStart).trim() === '') last[1] = end;
    else spans.push([header.lineStart, end]);
  });
  let text = '';
  let from = 0;
  for (const [start, end] of spans) {
    text += body.slice(from, start);
    from = end;
  }
  return { text: text + body.slice(from), tables: headers.filter((header) => header.path[0] === 'mcp_servers' && header.path[1] === 'intercom').length };
}

/**
 * mergedEntry for Codex: its template's bearer_token_env_var is ours too, and the person's keys
 * Codex 0.169 refuses for the entry's transport go (`env`, `env_vars`, `cwd` in a URL server's
 * table; `http_headers`, `env_http_headers` in a command's): with them it loads no config at all.
 */
function codexMerged(previous: Json | undefined, entry: JsonObject): Json {
  const merged = mergedEntry(previous, entry, ['bearer_token_env_var']);
  if (!isMap(merged)) return merged;
  const refused = 'url' in entry ? ['env', 'env_vars', 'cwd'] : 'command' in entry ? ['http_headers', 'env_http_headers'] : [];
  for (const key of refused) if (!Object.hasOwn(entry, key)) delete merged[key];
  return merged;
}

let updatedInPlace = 0;
let envUpdatedInPlace = 0;
let roundTrips = 0;
let unendedRoundTrips = 0;
let arrayRoundTrips = 0;
let dottedRoundTrips = 0;

describe('properties over generated documents', () => {
  it('parses what was generated to the value it means', () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        const built = validDoc(doc);
        if (!built) return;
        expect(parseToml(built.text).root).toEqual(built.value);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('setup adds or replaces only our table: everything else, every comment outside it, stays; a second run changes nothing', () => {
    const entries: JsonObject[] = [NATIVE, BRIDGE, { ...BRIDGE, env: { AUTH_HEADER: 'Bearer ${env:T}' } }, { url: HTTP, bearer_token_env_var: 'T' }];
    fc.assert(
      fc.property(docArb, fc.constantFrom(...entries), (doc, entry) => {
        const built = validDoc(doc);
        if (!built) return;
        const before = parseToml(built.text);
        let change;
        try {
          change = planTomlUpsert(built.text, request(), entry);
        } catch (error) {
          // Only an entry written inline/dotted may be refused, never a document in table form.
          expect(error).toBeInstanceOf(ConfigParseError);
          return;
        }
        const after = parseToml(change.text);
        // The person's keys in our old entry stay (src/entries/entry-keys.ts; test/helpers/entry-oracle.ts).
        expect(tomlEntry(after, 'mcp_servers', 'intercom')).toEqual(codexMerged(tomlEntry(before, 'mcp_servers', 'intercom') as Json | undefined, entry));
        expect(withoutEntry(after.root, 'intercom')).toEqual(withoutEntry(before.root, 'intercom'));
        expect(after.bom).toBe(before.bom);
        const kept = comments(built.text);
        const survived = comments(change.text);
        // Comments inside our old table may go; all the others stay, in order.
        expect(kept.filter((mark) => survived.includes(mark))).toEqual(survived);
        const removedOwn = planTomlRemoval(built.text, request()).text;
        expect(comments(removedOwn).every((mark) => survived.includes(mark))).toBe(true);
        expect(planTomlUpsert(change.text, request(), entry).kind).toBe('unchanged');
        // A sub-table cut whole (env, which a URL server cannot have) may take a blank line, or the
        // line break that ended the file's last line, with it: then the other lines are compared, in order.
        const subTableCut = outsideEntry(after).tables < outsideEntry(before).tables;
        const lines = (text: string) => (subTableCut ? text.split(/\r?\n/).filter((line) => line.trim() !== '') : text);
        // Removing it again gives what removing the old entry from the original gives.
        if (tomlEntry(before, 'mcp_servers', 'intercom') !== undefined) expect(lines(planTomlRemoval(change.text, request()).text)).toEqual(lines(removedOwn));
        if (change.notes.some((note) => note.startsWith('replaced the old'))) return;
        // Only our table's text changes: a new one is appended after every byte of the file; an
        // existing [mcp_servers.intercom] is updated key by key inside its own lines and those of
        // its sub-tables (a token inside `env` too, wherever env is written).
        if (tomlEntry(before, 'mcp_servers', 'intercom') === undefined) {
          expect(change.text.startsWith(built.text)).toBe(true);
          return;
        }
        const index = before.headers.findIndex((header) => !header.array && header.path.join('.') === 'mcp_servers.intercom');
        if (index === -1) return;
        expect(lines(outsideEntry(after).text)).toEqual(lines(outsideEntry(before).text));
        updatedInPlace++;
        if ('env' in entry) envUpdatedInPlace++;
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('setup then remove gives back the file byte for byte when it had no entry of ours', () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        const built = validDoc(doc);
        if (!built || tomlEntry(parseToml(built.text), 'mcp_servers', 'intercom') !== undefined) return;
        // Every layout, a file without a final newline included (issue 18 point 2).
        const added = planTomlUpsert(built.text, request(), NATIVE).text;
        expect(added.startsWith(built.text)).toBe(true);
        expect(planTomlUpsert(added, request(), NATIVE)).toMatchObject({ kind: 'unchanged', text: added });
        expect(planTomlRemoval(added, request()).text).toBe(built.text);
        const again = planTomlUpsert(added, request(), BRIDGE).text;
        expect(again.startsWith(built.text)).toBe(true);
        expect(planTomlRemoval(again, request()).text).toBe(built.text);
        if (!/\n$/.test(built.text)) unendedRoundTrips++;
        if (built.text.includes('[[')) arrayRoundTrips++;
        if (/^(?:env|d)\.\w+ = /m.test(built.text)) dottedRoundTrips++;
        roundTrips++;
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('met both: tables updated in place, and round trips', () => {
    expect(updatedInPlace).toBeGreaterThan(RUNS / 100);
    expect(envUpdatedInPlace).toBeGreaterThan(RUNS / 400);
    expect(roundTrips).toBeGreaterThan(RUNS / 10);
    expect(unendedRoundTrips).toBeGreaterThan(RUNS / 40);
    // Layouts generated: arrays of tables, dotted keys.
    expect(arrayRoundTrips).toBeGreaterThan(RUNS / 40);
    expect(dottedRoundTrips).toBeGreaterThan(RUNS / 40);
  });
});

// ---- cross-check with another parser -------------------------------------------------------------

/** Parses many documents with Python's tomllib in one process (each start costs ~50 ms). */
function pythonToml(texts: string[]): unknown[] {
  const script = 'import json,sys,tomllib\nprint(json.dumps([tomllib.loads(t) for t in json.load(sys.stdin)]))';
  return JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(texts), encoding: 'utf8' })) as unknown[];
}

let hasPython = false;
try {
  execFileSync('python3', ['-c', 'import tomllib'], { stdio: 'ignore' });
  hasPython = true;
} catch {
  hasPython = false;
}

describe.skipIf(!hasPython)("values agree with Python's tomllib (TOML 1.0)", () => {
  it('on the Codex fixture and on generated documents', () => {
    const texts = [CODEX_FIXTURE];
    for (const doc of fc.sample(docArb, { seed: SEED, numRuns: 300 })) {
      const built = validDoc(doc);
      if (built) texts.push(built.text.replace(/^\uFEFF/, ''));
    }
    expect(texts.length).toBeGreaterThan(150);
    expect(pythonToml(texts)).toEqual(texts.map((text) => parseToml(text).root));
  });

  it('tomllib refuses every document refused here', () => {
    const script =
      'import json,sys,tomllib\nout=[]\nfor t in json.load(sys.stdin):\n  try:\n    tomllib.loads(t); out.append(True)\n  except Exception:\n    out.append(False)\nprint(json.dumps(out))';
    const accepted = JSON.parse(
      execFileSync('python3', ['-c', script], { input: JSON.stringify(REFUSALS.map(([text]) => text)), encoding: 'utf8' }),
    ) as boolean[];
    expect(REFUSALS.filter((_, index) => accepted[index]).map(([text]) => text)).toEqual([]);
  });
});

// Issue 18 point 12: keys that are names of Object.prototype's members are ordinary keys.
describe('keys named like Object.prototype members', () => {
  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'])('%s: a table, a dotted key and an inline table, all own properties', (key) => {
    const text = `[mcp_servers.${key}]\ncommand = "npx"\n\n[other]\n${key}.x = 1\ninline = { ${key} = 2 }\n`;
    const { root } = parseToml(text);
    const servers = root.mcp_servers as Record<string, unknown>;
    expect(Object.hasOwn(servers, key)).toBe(true);
    expect(Object.getPrototypeOf(servers)).toBe(Object.prototype);
    expect(servers[key]).toEqual({ command: 'npx' });
    const other = root.other as Record<string, unknown>;
    expect(Object.hasOwn(other, key)).toBe(true);
    expect(other[key]).toEqual({ x: 1 });
    expect((other.inline as Record<string, unknown>)[key]).toBe(2);
    expect(Object.keys(other.inline as object)).toEqual([key]);
  });
});
