import { parse } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { ConfigParseError } from '../../src/config/jsonc.js';
import { planEntryRemoval, planEntryUpsert, type EntryRequest } from '../../src/engine/json-plan.js';
import { planYamlUpsert } from '../../src/engine/yaml-plan.js';
import { parseYaml } from '../../src/config/yaml.js';
import { clientById } from '../../src/clients/index.js';
import { expectedEntry } from '../helpers/expected-entry.js';
import { clientOwnedKeys } from '../../src/entries/entry-keys.js';
import { fakePlatform } from '../helpers/platform.js';
import { dropUnusedInputs, ensureInputs, tokenInput } from '../../src/clients/vscode-inputs.js';

const URL = 'https://mcp.intercom.com/sse';
const ENTRY = { command: 'npx', args: ['-y', 'mcp-remote', URL] };
const cursor: EntryRequest = { shape: { format: 'jsonc', serversKey: 'mcpServers' }, name: 'intercom' };
const vscode: EntryRequest = { shape: { format: 'jsonc', serversKey: 'servers', ignoredKeys: ['mcpServers'] }, name: 'intercom' };
const desktop: EntryRequest = { shape: { format: 'json', serversKey: 'mcpServers' }, name: 'intercom' };

describe('adding the entry', () => {
  it('creates a file from nothing, 2-space indented with a final newline', () => {
    const change = planEntryUpsert(undefined, cursor, ENTRY);
    expect(change.kind).toBe('created');
    expect(change.text).toBe(
      `{\n  "mcpServers": {\n    "intercom": {\n      "command": "npx",\n      "args": [\n        "-y",\n        "mcp-remote",\n        "${URL}"\n      ]\n    }\n  }\n}\n`,
    );
  });

  it('keeps comments, trailing commas, key order and the other servers', () => {
    const before = `// my settings\n{\n  "zeta": 1, // keep me\n  "mcpServers": {\n    /* linear */ "linear": { "url": "https://mcp.linear.app/sse" },\n  },\n  "alpha": true,\n}\n`;
    const change = planEntryUpsert(before, cursor, ENTRY);
    expect(change.kind).toBe('updated');
    for (const fragment of ['// my settings', '// keep me', '/* linear */', '"alpha": true']) expect(change.text).toContain(fragment);
    const value = parse(change.text, [], { allowTrailingComma: true });
    expect(Object.keys(value)).toEqual(['zeta', 'mcpServers', 'alpha']);
    expect(Object.keys(value.mcpServers)).toEqual(['linear', 'intercom']);
    expect(value.mcpServers.intercom).toEqual(ENTRY);
    expect(change.text.indexOf('"zeta"')).toBe(before.indexOf('"zeta"'));
  });

  it('keeps tab indentation', () => {
    const before = '{\n\t"mcpServers": {\n\t\t"a": {"command": "x"}\n\t}\n}\n';
    const change = planEntryUpsert(before, cursor, ENTRY);
    expect(change.text).toContain('\n\t\t"intercom": {\n\t\t\t"command": "npx"');
    expect(change.text).not.toMatch(/\n {2}"/);
  });

  it('keeps 4-space indentation', () => {
    const change = planEntryUpsert('{\n    "other": 1\n}\n', cursor, ENTRY);
    expect(change.text).toContain('\n    "mcpServers": {\n        "intercom": {');
  });

  it('keeps CRLF line endings everywhere', () => {
    const before = '{\r\n  "mcpServers": {\r\n    "a": {"command": "x"}\r\n  }\r\n}\r\n';
    const change = planEntryUpsert(before, cursor, ENTRY);
    expect(change.text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(change.text.split('\r\n').length).toBeGreaterThan(8);
  });

  it('keeps a byte-order mark', () => {
    const change = planEntryUpsert('\uFEFF{"a": 1}', cursor, ENTRY);
    expect(change.text.startsWith('\uFEFF{')).toBe(true);
    expect(parse(change.text.slice(1)).mcpServers.intercom).toEqual(ENTRY);
  });

  it('is idempotent: the second run is unchanged, byte for byte', () => {
    const once = planEntryUpsert('{\n  // c\n  "mcpServers": {}\n}', cursor, ENTRY).text;
    const twice = planEntryUpsert(once, cursor, ENTRY);
    expect(twice.kind).toBe('unchanged');
    expect(twice.text).toBe(once);
  });

  it('treats a differently ordered but equal entry as up to date', () => {
    const before = JSON.stringify({ mcpServers: { intercom: { args: ENTRY.args, command: 'npx' } } });
    expect(planEntryUpsert(before, cursor, ENTRY).kind).toBe('unchanged');
  });

  it('replaces a different entry under our name and returns the previous one', () => {
    const before = JSON.stringify({ mcpServers: { intercom: { url: URL } } }, null, 2);
    const change = planEntryUpsert(before, cursor, ENTRY);
    expect(change.kind).toBe('updated');
    expect(change.previous).toEqual({ url: URL });
    expect(parse(change.text).mcpServers.intercom).toEqual(ENTRY);
  });

  it('lays out a file that holds only {} as a new file, keeping what is around the braces', () => {
    const change = planEntryUpsert('\uFEFF{}\r\n', cursor, { url: URL });
    expect(change.text).toBe(`\uFEFF{\r\n  "mcpServers": {\r\n    "intercom": {\r\n      "url": "${URL}"\r\n    }\r\n  }\r\n}\r\n`);
  });

  it('keeps comments that were the whole content of an empty file', () => {
    const change = planEntryUpsert('// nothing yet\n', cursor, ENTRY);
    expect(change.text.startsWith('// nothing yet\n{')).toBe(true);
    expect(parse(change.text).mcpServers.intercom).toEqual(ENTRY);
  });
});

describe('legacy entries from the old guide', () => {
  it('replaces Cursor\'s one-string "type": "Command" entry, saying so', () => {
    const before = JSON.stringify(
      { mcpServers: { Intercom: { type: 'Command', command: `npx -y mcp-remote ${URL}` }, other: { url: 'https://x.example/sse' } } },
      null,
      2,
    );
    const change = planEntryUpsert(before, cursor, ENTRY);
    const value = parse(change.text);
    expect(Object.keys(value.mcpServers)).toEqual(['other', 'intercom']);
    expect(change.notes.join()).toContain('"Intercom"');
  });

  it('moves an Intercom entry out of "mcpServers" in a VS Code mcp.json into "servers"', () => {
    const before = '{\n  // mine\n  "mcpServers": {\n    "Intercom": {"command": "npx", "args": ["mcp-remote", "https://mcp.intercom.com/sse"]}\n  }\n}\n';
    const change = planEntryUpsert(before, vscode, { type: 'stdio', ...ENTRY });
    const value = parse(change.text);
    expect(value.mcpServers).toBeUndefined();
    expect(value.servers.intercom).toEqual({ type: 'stdio', ...ENTRY });
    expect(change.text).toContain('// mine');
    expect(change.notes.join()).toContain('does not read');
  });

  it('leaves a working duplicate under another name alone', () => {
    const before = JSON.stringify({ mcpServers: { 'intercom-http': { url: 'https://mcp.intercom.com/mcp' } } });
    const value = parse(planEntryUpsert(before, cursor, ENTRY).text);
    expect(Object.keys(value.mcpServers)).toEqual(['intercom-http', 'intercom']);
  });
});

describe('refusals', () => {
  it.each([
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, 'expected a comma'],
    ['{\n  "mcpServers": {\n', 3, 1, 'closing brace'],
    ['[1, 2]', 1, 1, 'JSON object'],
    ['{"a": "unterminated}', 1, 7, 'never closed'],
  ])('%j is refused at line %i column %i', (text, line, column, words) => {
    try {
      planEntryUpsert(text, cursor, ENTRY);
      expect.unreachable('it should refuse');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigParseError);
      const parseError = error as ConfigParseError;
      expect([parseError.line, parseError.column]).toEqual([line, column]);
      expect(parseError.reason).toContain(words);
    }
  });

  it('refuses comments and trailing commas in strict JSON files (Claude Desktop)', () => {
    expect(() => planEntryUpsert('{\n  // hi\n  "a": 1\n}', desktop, ENTRY)).toThrow(/line 2, column 3: comments are not allowed/);
    expect(() => planEntryUpsert('{\n  "a": 1,\n}', desktop, ENTRY)).toThrow(/trailing commas/);
  });

  it('refuses a servers key that is not an object', () => {
    expect(() => planEntryUpsert('{"mcpServers": []}', cursor, ENTRY)).toThrow(/not an object/);
  });
});

describe('removing the entry', () => {
  it('gives back the original document after setup (comments included)', () => {
    const before = '{\n  // keep\n  "theme": "dark"\n}\n';
    const added = planEntryUpsert(before, cursor, ENTRY).text;
    const removed = planEntryRemoval(added, cursor);
    expect(removed.kind).toBe('removed');
    expect(removed.text).toBe(before);
  });

  it('removes only ours and keeps the other servers', () => {
    const before = JSON.stringify({ mcpServers: { a: { command: 'a' }, intercom: ENTRY } }, null, 2);
    const value = parse(planEntryRemoval(before, cursor).text);
    expect(value).toEqual({ mcpServers: { a: { command: 'a' } } });
  });

  it('a member after a line comment on a line that starts inside a block comment: the comment keeps its line break (FC_SEED=1018437770)', () => {
    // The line holding `// c4 }, {` starts inside the block comment: read from the line's start, `"` opened a string.
    const before = '{"mcpServers":{/* c2 \n" *//* c3 "x": { */"name":""// c4 }, {\n ,"intercom":{"command":"npx"}}}';
    const removed = planEntryRemoval(before, cursor);
    expect(removed.kind).toBe('removed');
    expect(removed.text).toContain('// c4 }, {\n');
    expect(parse(removed.text)).toEqual({ mcpServers: { name: '' } });
  });

  it('reports unchanged when there is nothing to remove', () => {
    expect(planEntryRemoval('{"mcpServers": {"a": {}}}', cursor).kind).toBe('unchanged');
    expect(planEntryRemoval(undefined, cursor).kind).toBe('unchanged');
  });
});

describe('an empty servers object spread over lines by hand (issue 18 point 2)', () => {
  const cases = [
    '{\n  "mcpServers": {\n\n  }\n}\n',
    '{\n  "mcpServers": {\n}\n}\n',
    '{\n  "mcpServers": {  \n  }\n}\n',
    '{\n  "mcpServers": {\n      }\n}\n',
    '{\n  "mcpServers": {\n  },\n  "theme": "dark"\n}\n',
    '{"theme":"dark","mcpServers":{\n}}',
    '{\r\n\t"mcpServers": {\r\n\r\n\t}\r\n}\r\n',
  ];
  it.each(cases)('setup then remove gives back %j byte for byte', (before) => {
    const added = planEntryUpsert(before, cursor, ENTRY).text;
    expect(parse(added).mcpServers.intercom).toEqual(ENTRY);
    expect(planEntryRemoval(added, cursor).text).toBe(before);
  });

  it('goes with the entry where it is laid out as setup creates one (the one layout remove cannot tell from its own)', () => {
    const added = planEntryUpsert('{\n  "theme": "dark"\n}\n', cursor, ENTRY).text;
    expect(planEntryRemoval(added, cursor).text).toBe('{\n  "theme": "dark"\n}\n');
    expect(planEntryRemoval(planEntryUpsert('{\n  "mcpServers": {\n  }\n}\n', cursor, ENTRY).text, cursor).text).toBe('{\n}\n');
  });
});

describe("VS Code's password prompt in `inputs`: a splice (issue 18 point 2)", () => {
  const shape = { format: 'jsonc' as const, serversKey: 'servers', inputsKey: 'inputs' };
  const prompt = tokenInput('intercom-token', 'INTERCOM_TOKEN');
  const cases = [
    '{"servers":{},"inputs":[{"type":"promptString","id":"other"}]}',
    '{"servers":{},"inputs":[]}',
    '{\n\t"servers": {},\n\t"inputs": []\n}\n',
    '{\r\n  "inputs": [\r\n    {"id": "other"} // mine\r\n  ],\r\n  "servers": {}\r\n}\r\n',
    '{\n  "inputs": [{"id": "other"},],\n  "servers": {}\n}\n',
    '{\n  "servers": {}\n}\n',
  ];
  it.each(cases)('adds only the prompt to %j, and remove takes exactly it back', (before) => {
    const added = ensureInputs(before, shape, [prompt]);
    expect(parse(added).inputs.at(-1)).toEqual(prompt);
    if (!/[\r\n]/.test(before)) expect(added).not.toMatch(/[\r\n]/);
    expect(dropUnusedInputs(added, shape, ['intercom-token'])).toBe(before);
  });

  it('refuses a repeated "inputs" (VS Code reads the last one; an edit would go to the first)', () => {
    expect(() => ensureInputs('{"inputs": [], "inputs": [], "servers": {}}', shape, [prompt])).toThrow(/"inputs" appears more than once/);
  });
});

describe('comments next to the edit stay on their lines', () => {
  const cases = [
    '{\n  "mcpServers": {\n    "x": {} // about x\n  }\n}\n',
    '{\n  "mcpServers": {\n    "x": {}, // about x\n  },\n}\n',
    '{\r\n\t"a": 1 // about a\r\n}\r\n',
    '{\n  "a": 1,\n}\n',
  ];
  it.each(cases)('setup then remove gives back %j byte for byte', (before) => {
    const added = planEntryUpsert(before, cursor, ENTRY).text;
    expect(added).toMatch(/(about [ax]|"a": 1,)\r?\n/); // the comment still ends its own line
    expect(planEntryRemoval(added, cursor).text).toBe(before);
  });

  it('does not move a trailing comment onto our entry', () => {
    const added = planEntryUpsert('{\n  "mcpServers": {\n    "x": {} // about x\n  }\n}\n', cursor, ENTRY).text;
    expect(added).toContain('"x": {}, // about x\n    "intercom": {');
  });
});

describe("the person's keys inside our entry (issue 18 point 1)", () => {
  const OLD = 'https://mcp.intercom.com/mcp';
  const mine = {
    env: { HTTPS_PROXY: 'http://proxy.corp:8080', NODE_EXTRA_CA_CERTS: '/etc/corp-ca.pem' },
    autoApprove: ['search_conversations'],
    disabledTools: ['delete_contact'],
    alwaysAllow: ['get_contact'],
    timeout: 120,
    'x-team-note': { owner: 'support-eng', since: 2025 },
  };

  it('an update changes only the endpoint keys: env, autoApprove, disabledTools, alwaysAllow, timeout and unknown keys stay, byte for byte', () => {
    const before = `{\n  "mcpServers": {\n    "intercom": {\n      "command": "npx",\n      "args": ["-y", "mcp-remote", "${OLD}"],\n      "env": {"HTTPS_PROXY": "http://proxy.corp:8080", "NODE_EXTRA_CA_CERTS": "/etc/corp-ca.pem"}, // corporate proxy\n      "autoApprove": ["search_conversations"],\n      "disabledTools": ["delete_contact"],\n      "alwaysAllow": ["get_contact"],\n      "timeout": 120,\n      "x-team-note": {"owner": "support-eng", "since": 2025}\n    }\n  }\n}\n`;
    const change = planEntryUpsert(before, cursor, ENTRY);
    expect(change.kind).toBe('updated');
    expect(parse(change.text).mcpServers.intercom).toEqual({ ...ENTRY, ...mine });
    // Only the text of "args" changed.
    expect(change.text).toBe(before.replace(`["-y", "mcp-remote", "${OLD}"]`, `["-y", "mcp-remote", "${URL}"]`));
    expect(change.notes.join('\n')).toContain('changes "args"; keeps "env", "autoApprove", "disabledTools", "alwaysAllow", "timeout", "x-team-note"');
    expect(planEntryUpsert(change.text, cursor, ENTRY).kind).toBe('unchanged');
  });

  it('switching the bridge for the native entry drops command and args and keeps the rest', () => {
    const before = JSON.stringify({ mcpServers: { intercom: { command: 'npx', args: ['-y', 'mcp-remote', URL], ...mine } } }, null, 2);
    const change = planEntryUpsert(before, cursor, { url: OLD });
    expect(parse(change.text).mcpServers.intercom).toEqual({ ...mine, url: OLD });
    expect(change.notes.join('\n')).toContain('changes "url"; removes "command", "args"; keeps "env"');
  });

  it('in env and headers only the token key is ours: a token entry adds it next to the proxy, a plain one takes it out again', () => {
    const start = JSON.stringify(
      { mcpServers: { intercom: { command: 'npx', args: ['-y', 'mcp-remote', URL], env: { HTTPS_PROXY: 'http://proxy.corp:8080' } } } },
      null,
      2,
    );
    const token = {
      command: 'npx',
      args: ['-y', 'mcp-remote', URL, '--header', 'Authorization:${AUTH_HEADER}'],
      env: { AUTH_HEADER: 'Bearer ${env:INTERCOM_TOKEN}' },
    };
    const withToken = planEntryUpsert(start, cursor, token).text;
    expect(parse(withToken).mcpServers.intercom.env).toEqual({ HTTPS_PROXY: 'http://proxy.corp:8080', AUTH_HEADER: 'Bearer ${env:INTERCOM_TOKEN}' });
    const plain = planEntryUpsert(withToken, cursor, ENTRY).text;
    expect(plain).toBe(start);
    const headers = JSON.stringify({ mcpServers: { intercom: { url: URL, headers: { 'X-Trace': '1', Authorization: 'Bearer ${env:OLD}' } } } });
    expect(parse(planEntryUpsert(headers, cursor, { url: URL }).text).mcpServers.intercom).toEqual({ url: URL, headers: { 'X-Trace': '1' } });
    const onlyToken = JSON.stringify({ mcpServers: { intercom: { url: URL, headers: { Authorization: 'Bearer ${env:OLD}' } } } });
    expect(parse(planEntryUpsert(onlyToken, cursor, { url: URL }).text).mcpServers.intercom).toEqual({ url: URL });
  });

  it('a disabled entry stays disabled, and the report says so', () => {
    const before = JSON.stringify(
      { mcpServers: { intercom: { command: 'npx', args: ['-y', 'mcp-remote', OLD], disabled: true, disabledTools: ['delete_contact'] } } },
      null,
      2,
    );
    const change = planEntryUpsert(before, cursor, ENTRY);
    expect(parse(change.text).mcpServers.intercom).toEqual({ ...ENTRY, disabled: true, disabledTools: ['delete_contact'] });
    expect(change.notes.join('\n')).toContain('stays turned off ("disabled": true)');
  });

  it('an entry that is not an object is replaced whole', () => {
    const change = planEntryUpsert('{"mcpServers": {"intercom": "npx mcp-remote"}}', cursor, ENTRY);
    expect(parse(change.text).mcpServers.intercom).toEqual(ENTRY);
  });
});

describe("the person's keys in a Goose entry (YAML)", () => {
  it('a new URL changes uri only: enabled: false, a longer timeout and envs stay (the template has enabled: true and timeout: 300)', () => {
    const goose = clientById('goose')!;
    const entry = expectedEntry(goose, fakePlatform('linux'), 'https://mcp.eu.intercom.com/mcp', true)!;
    expect(entry).toMatchObject({ enabled: true, timeout: 300 });
    const before = [
      'extensions:',
      '  intercom:',
      '    enabled: false',
      '    type: streamable_http',
      '    name: intercom',
      '    uri: https://mcp.intercom.com/mcp',
      '    timeout: 600',
      '    envs:',
      '      HTTPS_PROXY: http://proxy.corp:8080',
      '',
    ].join('\n');
    const change = planYamlUpsert(
      before,
      { shape: { format: 'yaml', serversKey: 'extensions' }, name: 'intercom', owned: () => clientOwnedKeys(goose) },
      entry,
    );
    expect(parseYaml(change.text).root.extensions).toEqual({
      intercom: {
        enabled: false,
        type: 'streamable_http',
        name: 'intercom',
        uri: 'https://mcp.eu.intercom.com/mcp',
        timeout: 600,
        envs: { HTTPS_PROXY: 'http://proxy.corp:8080' },
      },
    });
    expect(change.notes.join('\n')).toContain('stays turned off (enabled: false)');
  });
});
