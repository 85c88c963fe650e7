/**
 * src/config/yaml.ts: what the YAML engine reads and refuses (with line and column), how it
 * renders values, and the edits setup and remove make to Goose's config.yaml (`extensions:`, a
 * mapping) and Continue's config.yaml (`mcpServers:`, a list of items with a `name`). Fixed cases
 * first, then property tests over generated documents (comments everywhere, CRLF, a BOM, 2 or 4
 * spaces, indented or flush lists, flow values, block scalars, no final line break), a
 * cross-check of the rendered values with Python's PyYAML (a YAML 1.1 reader, as Goose's
 * libyaml-based reader is close to), and a 5 MB file.
 */
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../src/config/json-types.js';
import { ConfigParseError } from '../../src/config/jsonc.js';
import { parseYaml, removeYamlEntries, setYamlEntry, yamlEntries, yamlEntry, yamlString, type YamlContainer } from '../../src/config/yaml.js';
import { propertySeed } from '../helpers/property-seed.js';

const GOOSE: YamlContainer = { path: ['extensions'], shape: 'map' };
const CONTINUE: YamlContainer = { path: ['mcpServers'], shape: 'list' };
const HTTP = 'https://mcp.intercom.com/mcp';
const SSE_URL = 'https://mcp.intercom.com/sse';
const GOOSE_ENTRY: JsonObject = { enabled: true, type: 'streamable_http', name: 'intercom', uri: HTTP, timeout: 300 };
const CONTINUE_ENTRY: JsonObject = { name: 'intercom', type: 'streamable-http', url: HTTP };

const SEED = propertySeed(20_251_205);
const RUNS = process.env.FC_RUNS ? Number(process.env.FC_RUNS) : 300;

function refusal(run: () => unknown): { line: number; column: number; reason: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigParseError) return { line: error.line, column: error.column, reason: error.reason };
    throw error;
  }
  throw new Error('no ConfigParseError');
}

const setText = (text: string, container: YamlContainer, name: string, value: JsonObject) => setYamlEntry(parseYaml(text), container, name, value).text;
const removeText = (text: string, container: YamlContainer, name: string) => removeYamlEntries(parseYaml(text), [{ container, name }]).text;

// ---- fixed cases -------------------------------------------------------------------------------------

/** A config.yaml as Goose 1.x writes it (serde_yaml: 2 spaces, lists flush with their key). */
const GOOSE_FILE = `GOOSE_PROVIDER: openai
GOOSE_MODEL: gpt-4o
# GOOSE_MODEL: gpt-4.1  (kept for later)
extensions:
  developer:
    bundled: true
    display_name: Developer
    enabled: true
    name: developer
    timeout: 300
    type: builtin
  github:   # the team's server
    args:
    - -y
    - '@modelcontextprotocol/server-github'
    cmd: npx
    enabled: false
    envs: {}
    name: github
    type: stdio
  # memory is next
  memory:
    bundled: true
    enabled: true
    name: memory
    type: builtin
GOOSE_MODE: smart_approve
`;

/** A config.yaml as Continue writes one (the yaml package: 2 spaces, indented lists). */
const CONTINUE_FILE = `name: Local Config
version: 1.0.0
schema: v1
models:
  - name: Claude
    provider: anthropic
    model: claude-sonnet-4
# servers
mcpServers:
  - name: filesystem
    command: npx
    args:
      - -y
      - "@modelcontextprotocol/server-filesystem"
  # browser tools
  - name: browser
    type: sse
    url: http://localhost:3000/sse # local
rules:
  - Be brief
`;

describe('reading', () => {
  it('reads the entries of a mapping container (Goose) and of a list container (Continue)', () => {
    const goose = parseYaml(GOOSE_FILE);
    expect(yamlEntries(goose, GOOSE).map((entry) => entry.name)).toEqual(['developer', 'github', 'memory']);
    expect(yamlEntry(goose, GOOSE, 'github')).toEqual({
      args: ['-y', '@modelcontextprotocol/server-github'],
      cmd: 'npx',
      enabled: false,
      envs: {},
      name: 'github',
      type: 'stdio',
    });
    expect(yamlEntry(goose, GOOSE, 'intercom')).toBeUndefined();
    const cont = parseYaml(CONTINUE_FILE);
    expect(yamlEntries(cont, CONTINUE).map((entry) => entry.name)).toEqual(['filesystem', 'browser']);
    expect(yamlEntry(cont, CONTINUE, 'browser')).toEqual({ name: 'browser', type: 'sse', url: 'http://localhost:3000/sse' });
    expect(cont.root.schema).toBe('v1');
  });

  it('reads an empty file, a file of comments and a bare --- as an empty document', () => {
    for (const text of ['', '\n\n', '# just a note\n', '---\n', '%YAML 1.2\n---\n# x\n']) {
      const document = parseYaml(text);
      expect(document.empty).toBe(true);
      expect(document.root).toEqual({});
      expect(yamlEntries(document, GOOSE)).toEqual([]);
    }
  });

  it('keeps a byte-order mark and CRLF out of the values', () => {
    const document = parseYaml('\uFEFFextensions:\r\n  a:\r\n    x: "1"\r\n');
    expect(document.bom).toBe(true);
    expect(document.eol).toBe('\r\n');
    expect(document.root).toEqual({ extensions: { a: { x: '1' } } });
  });

  it('lists no entries for a container of the wrong type, and list items without a string name', () => {
    expect(yamlEntries(parseYaml('extensions: [1]\n'), GOOSE)).toEqual([]);
    expect(yamlEntries(parseYaml('mcpServers: {a: 1}\n'), CONTINUE)).toEqual([]);
    expect(yamlEntries(parseYaml('mcpServers:\n  - 1\n  - name: 2\n  - name: ok\n'), CONTINUE)).toEqual([{ name: 'ok', value: { name: 'ok' } }]);
  });

  it('follows an alias in a list item to find its name', () => {
    const text = 'base: &b\n  name: shared\n  url: http://x\nmcpServers:\n  - *b\n';
    expect(yamlEntries(parseYaml(text), CONTINUE)).toEqual([{ name: 'shared', value: { name: 'shared', url: 'http://x' } }]);
  });

  it('keeps "__proto__" as an own key', () => {
    const document = parseYaml('extensions:\n  __proto__:\n    uri: http://x\n');
    expect(yamlEntries(document, GOOSE)).toEqual([{ name: '__proto__', value: { uri: 'http://x' } }]);
  });
});

const REFUSALS: Array<[string, string, number, number, string]> = [
  ['an unclosed quote', 'a: "x\nb: 1\n', 3, 1, 'missing closing "quote'],
  ['a bad indentation', 'a:\n  b: 1\n c: 2\n', 3, 1, 'same column'],
  ['a tab as indentation', 'a:\n\tb: 1\n', 2, 1, 'tabs are not allowed'],
  ['an unclosed flow list', 'a: 1\nb: [1, 2\n', 3, 1, 'end with a ]'],
  ['a bad escape', 'key: "a\\qb"\n', 1, 8, 'invalid escape'],
  ['a compact nested mapping', 'a: b: c\n', 1, 4, 'nested mappings are not allowed'],
  ['a duplicate top-level key', 'a: 1\nb: 2\na: 3\n', 3, 1, 'duplicate key "a"'],
  ['a duplicate key in an entry', 'extensions:\n  x:\n    uri: a\n    uri: b\n', 4, 5, 'duplicate key "uri"'],
  ['a duplicate entry name', 'extensions:\n  intercom: {}\n  "intercom": {}\n', 3, 3, 'duplicate key "intercom"'],
  ['a second document', 'a: 1\n---\nb: 2\n', 2, 1, 'second YAML document'],
  ['an unknown tag', 'a: !foo 1\n', 1, 4, 'unresolved tag: !foo'],
  ['an unknown directive', '%FOO bar\n---\na: 1\n', 1, 1, 'unknown directive'],
  ['an alias with no anchor', 'a: *x\n', 1, 4, 'the alias *x has no anchor &x before it'],
  ['an alias before its anchor', 'a: *x\nb: &x 1\n', 1, 4, 'no anchor &x before it'],
  ['a list at the root', '- a\n- b\n', 1, 1, 'must hold a YAML mapping'],
  ['a scalar at the root', 'hello\n', 1, 1, 'must hold a YAML mapping'],
  ['nesting deeper than 512 levels', `a: ${'['.repeat(600)}${']'.repeat(600)}\n`, 1, 515, 'nested more than 512 levels'],
  ['an alias inside the value it stands for', 'a: &r\n  b: *r\n', 2, 6, 'contains itself'],
];

describe('refusing what cannot be read', () => {
  it.each(REFUSALS)('%s', (_label, text, line, column, reason) => {
    const error = refusal(() => parseYaml(text));
    expect({ line: error.line, column: error.column }).toEqual({ line, column });
    expect(error.reason).toContain(reason);
    expect(error.reason).not.toContain('\n');
  });

  it('refuses aliases that expand into too much (a "billion laughs" file) without running out of memory', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [name, previous] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
      ['f', 'e'],
      ['g', 'f'],
      ['h', 'g'],
    ]) {
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    expect(refusal(() => parseYaml(lines.join('\n') + '\n')).reason).toContain('cannot be read');
  });

  it('counts columns from a byte-order mark as the other engines do (the mark is not a column)', () => {
    expect(refusal(() => parseYaml('\uFEFFa: 1\na: 2\n'))).toMatchObject({ line: 2, column: 1 });
  });
});

// ---- rendering ---------------------------------------------------------------------------------------

/** Strings a plain scalar would turn into something else in YAML 1.1 or 1.2, or that break the line. */
const TRICKY_STRINGS = [
  '',
  ' ',
  'yes',
  'No',
  'ON',
  'off',
  'y',
  'n',
  'true',
  'False',
  'null',
  'Null',
  '~',
  '0',
  '1.0',
  '-1',
  '+1',
  '0x1F',
  '0o17',
  '017',
  '1_000',
  '1e3',
  '.5',
  '.inf',
  '-.inf',
  '.NaN',
  '12:30',
  '1:20:30',
  '2024-01-01',
  '2001-12-14t21:59:43.10-05:00',
  'https://mcp.intercom.com/mcp',
  'https://mcp.intercom.com/mcp#frag',
  'http://x/?a=1&b=2',
  'a: b',
  'a #b',
  'a#b',
  '#a',
  'key:',
  ':a',
  '- a',
  '-',
  '--',
  '---',
  '...',
  '-y',
  '--flag',
  '? a',
  '?a',
  '*a',
  '&a',
  '!a',
  '!!str',
  '%a',
  '@a',
  '`a',
  "'a'",
  '"a"',
  '{a}',
  '[a]',
  'a, b',
  '|',
  '>',
  '<<',
  '=',
  ' leading',
  'trailing ',
  'two  spaces',
  'line\nbreak',
  'tab\there',
  'cr\rhere',
  'nul\0here',
  'bell\x07',
  'del\x7f',
  'c1\x85\x9f',
  'sep\u2028\u2029',
  'bom\uFEFF',
  'nbsp\u00a0',
  'é ü 日本 🎉',
  'back\\slash',
  'intercom',
  'Intercom MCP',
  '/usr/local/bin/npx',
  'streamable_http',
  'streamable-http',
  'INTERCOM_TOKEN',
  '${INTERCOM_TOKEN}',
  '{{ secrets.TOKEN }}',
  'Bearer ${TOKEN}',
];

/** Parses many documents with PyYAML (YAML 1.1) in one process; null when PyYAML is missing. */
function pyyaml(texts: string[]): unknown[] {
  const script = 'import json,sys,yaml\nprint(json.dumps([yaml.safe_load(t) for t in json.load(sys.stdin)], default=str))';
  return JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(texts), encoding: 'utf8' })) as unknown[];
}

const hasPyYaml = (() => {
  try {
    execFileSync('python3', ['-c', 'import yaml'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('rendering values', () => {
  it('quotes every string that would read as something else, and reads each back unchanged', () => {
    for (const value of TRICKY_STRINGS) {
      const text = setText('', GOOSE, 'x', { [value || 'empty']: value, list: [value] });
      expect(yamlEntry(parseYaml(text), GOOSE, 'x'), JSON.stringify(value)).toEqual({ [value || 'empty']: value, list: [value] });
    }
  });

  it('writes plain what every reader agrees on, and quotes the rest', () => {
    expect(yamlString('intercom')).toBe('intercom');
    expect(yamlString('https://mcp.intercom.com/mcp')).toBe('https://mcp.intercom.com/mcp');
    expect(yamlString('streamable_http')).toBe('streamable_http');
    expect(yamlString('-y')).toBe('-y');
    expect(yamlString('Intercom MCP')).toBe('Intercom MCP');
    expect(yamlString('yes')).toBe('"yes"');
    expect(yamlString('1.0')).toBe('"1.0"');
    expect(yamlString('https://x/#f')).toBe('"https://x/#f"');
    expect(yamlString('a: b')).toBe('"a: b"');
    expect(yamlString('line\nbreak')).toBe('"line\\nbreak"');
    expect(yamlString('sep\u2028')).toBe('"sep\\L"');
  });

  it('renders numbers, booleans, null, empty and nested collections as they read back', () => {
    const value: JsonObject = {
      int: 300,
      negative: -1,
      float: 0.5,
      big: 1e21,
      small: 1e-7,
      yes: true,
      no: false,
      nothing: null,
      emptyMap: {},
      emptyList: [],
      nested: { a: { b: [1, [2, [3]], { c: 'd', e: [] }] } },
      'key with: colon': 'v',
      'key #hash': 'v',
      '1': 'numeric-looking key',
      true: 'boolean-looking key',
    };
    const text = setText('', GOOSE, 'x', value);
    expect(yamlEntry(parseYaml(text), GOOSE, 'x')).toEqual(value);
  });

  it('refuses a value that YAML cannot hold (a lone surrogate), leaving the text to the caller unchanged', () => {
    const document = parseYaml('extensions: {}\n');
    expect(refusal(() => setYamlEntry(document, GOOSE, 'x', { bad: '\ud800' })).reason).toContain('did not come out as intended');
  });

  it('property: any string reads back unchanged as a value and as a key', () => {
    const wellFormed = fc.string({ unit: 'grapheme', maxLength: 30 });
    const anyChars = fc.string({
      unit: fc
        .integer({ min: 0, max: 0x10ffff })
        .filter((code) => code < 0xd800 || code > 0xdfff)
        .map((code) => String.fromCodePoint(code)),
      maxLength: 12,
    });
    fc.assert(
      fc.property(fc.oneof(wellFormed, anyChars, fc.constantFrom(...TRICKY_STRINGS)), (value) => {
        const key = value === '' ? 'k' : value;
        const text = setText('', GOOSE, 'x', { [key]: value, list: [value, { [key]: [value] }] });
        expect(yamlEntry(parseYaml(text), GOOSE, 'x')).toEqual({ [key]: value, list: [value, { [key]: [value] }] });
      }),
      { seed: SEED, numRuns: RUNS * 3 },
    );
  });

  it.skipIf(!hasPyYaml)('PyYAML (YAML 1.1) reads every rendered value as the yaml package (YAML 1.2) does', () => {
    const values: JsonObject[] = TRICKY_STRINGS.map((value) => ({
      [value || 'empty']: value,
      list: [value],
    }));
    values.push({ int: 300, float: 0.5, yes: true, nothing: null, emptyMap: {}, emptyList: [], nested: { a: [1, { b: 'c' }] } });
    const texts = values.map((value) => setText('', GOOSE, 'x', value));
    expect(pyyaml(texts)).toEqual(texts.map((text) => parseYaml(text).root));
  });
});

// ---- editing: Goose (a mapping) ---------------------------------------------------------------------------

describe('editing a mapping container (Goose extensions)', () => {
  it('adds the entry after the last one, in the file indentation, keeping every other byte', () => {
    const out = setText(GOOSE_FILE, GOOSE, 'intercom', GOOSE_ENTRY);
    expect(out).toBe(
      GOOSE_FILE.replace(
        '    type: builtin\nGOOSE_MODE',
        '    type: builtin\n  intercom:\n    enabled: true\n    type: streamable_http\n    name: intercom\n    uri: https://mcp.intercom.com/mcp\n    timeout: 300\nGOOSE_MODE',
      ),
    );
  });

  it('is a no-op the second time, and removing it gives the original bytes back', () => {
    const once = setYamlEntry(parseYaml(GOOSE_FILE), GOOSE, 'intercom', GOOSE_ENTRY);
    expect(once.changed).toBe(true);
    const twice = setYamlEntry(parseYaml(once.text), GOOSE, 'intercom', GOOSE_ENTRY);
    expect(twice).toEqual({ text: once.text, changed: false });
    expect(removeText(once.text, GOOSE, 'intercom')).toBe(GOOSE_FILE);
  });

  it('updates an entry where it is, key by key (comments before, after and inside it stay; a key that goes takes the comment right above it)', () => {
    const text =
      'extensions:\n  a: 1\n  # about intercom\n  intercom:   # old\n    uri: http://old # c\n    # inside\n    extra: [1, 2]\n  # after intercom\n  z: 2\n';
    expect(setText(text, GOOSE, 'intercom', { uri: HTTP, enabled: true })).toBe(
      'extensions:\n  a: 1\n  # about intercom\n  intercom:   # old\n    uri: https://mcp.intercom.com/mcp # c\n    enabled: true\n  # after intercom\n  z: 2\n',
    );
  });

  it('leaves an entry that already holds the value as it is written (comments and spelling included)', () => {
    const text = "extensions:\n  intercom: # ours\n    uri: 'https://mcp.intercom.com/mcp'\n    enabled: yes_i_mean_true\n";
    const document = parseYaml(text.replace('yes_i_mean_true', 'true'));
    expect(setYamlEntry(document, GOOSE, 'intercom', { enabled: true, uri: HTTP })).toEqual({ text: text.replace('yes_i_mean_true', 'true'), changed: false });
  });

  it('handles the standard tags on the container and on an entry', () => {
    expect(setText('extensions: !!map\n  a: 1\n', GOOSE, 'intercom', { uri: 'u' })).toBe('extensions: !!map\n  a: 1\n  intercom:\n    uri: u\n');
    expect(setText('extensions: !!map {}\n', GOOSE, 'intercom', { uri: 'u' })).toBe('extensions: !!map\n  intercom:\n    uri: u\n');
    expect(setText('extensions:\n  intercom: !!map\n    uri: old\n', GOOSE, 'intercom', { uri: 'u' })).toBe('extensions:\n  intercom: !!map\n    uri: u\n');
    expect(refusal(() => setText('extensions: !!str\n', GOOSE, 'intercom', { uri: 'u' })).reason).toContain('is not a mapping');
    expect(refusal(() => setText('extensions: !!set\n  ? a\n', GOOSE, 'intercom', { uri: 'u' }))).toMatchObject({
      line: 2,
      column: 3,
      reason: expect.stringContaining('tagged !!set'),
    });
    expect(refusal(() => setText('mcpServers: !!omap\n  - a: 1\n', CONTINUE, 'intercom', { uri: 'u' })).reason).toContain('tagged !!omap');
    expect(refusal(() => parseYaml('a: !!float 1\n')).reason).toContain('unresolved tag');
    // YAML 1.1 types elsewhere in the file are read (as JSON) and left alone.
    expect(parseYaml('a: !!set {x}\nb: !!binary aGk=\nc: !!timestamp 2001-01-01\n').root).toEqual({ a: ['x'], b: 'aGk=', c: '2001-01-01T00:00:00.000Z' });
  });

  it('updates an entry written in flow style in flow style; replaces one with a quoted key that is not a mapping, or an alias', () => {
    expect(setText('extensions:\n  intercom: {uri: old}\n  b: 1\n', GOOSE, 'intercom', { uri: 'new' })).toBe('extensions:\n  intercom: {uri: new}\n  b: 1\n');
    expect(setText("extensions:\n  'intercom': x\n", GOOSE, 'intercom', { uri: 'new' })).toBe('extensions:\n  intercom:\n    uri: new\n');
    expect(setText('base: &b {uri: old}\nextensions:\n  intercom: *b\n', GOOSE, 'intercom', { uri: 'new' })).toBe(
      'base: &b {uri: old}\nextensions:\n  intercom:\n    uri: new\n',
    );
  });

  it('uses the indentation of the file: 4 spaces, flush or indented lists', () => {
    const four = 'top:\n    x: 1\nextensions:\n    a:\n        list:\n            - 1\n';
    expect(setText(four, GOOSE, 'intercom', { args: ['-y'], env: { A: 'b' } })).toBe(
      `${four}    intercom:\n        args:\n            - -y\n        env:\n            A: b\n`,
    );
    const flush = 'extensions:\n  a:\n    args:\n    - x\n';
    expect(setText(flush, GOOSE, 'intercom', { args: ['-y'] })).toBe(`${flush}  intercom:\n    args:\n    - -y\n`);
  });

  it('keeps CRLF line endings and a byte-order mark', () => {
    const text = '\uFEFF# goose\r\nextensions:\r\n  a:\r\n    enabled: true\r\nother: 1\r\n';
    const out = setText(text, GOOSE, 'intercom', { uri: HTTP });
    expect(out).toBe('\uFEFF# goose\r\nextensions:\r\n  a:\r\n    enabled: true\r\n  intercom:\r\n    uri: https://mcp.intercom.com/mcp\r\nother: 1\r\n');
    expect(removeText(out, GOOSE, 'intercom')).toBe(text);
  });

  it('adds after a last line with no line break, and removes back to it', () => {
    const text = 'extensions:\n  a: 1';
    const out = setText(text, GOOSE, 'intercom', { uri: HTTP });
    expect(out).toBe('extensions:\n  a: 1\n  intercom:\n    uri: https://mcp.intercom.com/mcp');
    expect(removeText(out, GOOSE, 'intercom')).toBe(text);
  });

  it('creates the container at the end of the file when it is missing', () => {
    const text = 'GOOSE_PROVIDER: openai\r\n# trailing note\r\n';
    expect(setText(text, GOOSE, 'intercom', { uri: HTTP })).toBe(
      'GOOSE_PROVIDER: openai\r\nextensions:\r\n  intercom:\r\n    uri: https://mcp.intercom.com/mcp\r\n# trailing note\r\n',
    );
  });

  it('creates the text from nothing, and below the comments of a file that has only comments', () => {
    expect(setText('', GOOSE, 'intercom', GOOSE_ENTRY)).toBe(
      'extensions:\n  intercom:\n    enabled: true\n    type: streamable_http\n    name: intercom\n    uri: https://mcp.intercom.com/mcp\n    timeout: 300\n',
    );
    expect(setText('# my goose config  \n\n\n', GOOSE, 'intercom', { uri: HTTP })).toBe(
      '# my goose config  \nextensions:\n  intercom:\n    uri: https://mcp.intercom.com/mcp\n',
    );
    expect(setText('---\n', GOOSE, 'intercom', { uri: HTTP })).toBe('---\nextensions:\n  intercom:\n    uri: https://mcp.intercom.com/mcp\n');
    expect(setText('{}\n', GOOSE, 'intercom', { uri: HTTP })).toBe('extensions:\n  intercom:\n    uri: https://mcp.intercom.com/mcp\n');
  });

  it('fills an empty container (`{}`, `~`, nothing), keeping a comment on its line', () => {
    expect(setText('extensions: {}  # none yet\nx: 1\n', GOOSE, 'intercom', { uri: HTTP })).toBe(
      'extensions:  # none yet\n  intercom:\n    uri: https://mcp.intercom.com/mcp\nx: 1\n',
    );
    expect(setText('extensions: ~\nx: 1\n', GOOSE, 'intercom', { uri: HTTP })).toBe('extensions:\n  intercom:\n    uri: https://mcp.intercom.com/mcp\nx: 1\n');
    expect(setText('extensions:\n# later\nx: 1\n', GOOSE, 'intercom', { uri: HTTP })).toBe(
      'extensions:\n  intercom:\n    uri: https://mcp.intercom.com/mcp\n# later\nx: 1\n',
    );
  });

  it('leaves `extensions: {}` when the last entry goes (Goose reads an empty mapping; a bare key would be null)', () => {
    const text = 'extensions:  # servers\n  # ours\n  intercom:\n    uri: x\nnext: 1\n';
    const out = removeText(text, GOOSE, 'intercom');
    expect(out).toBe('extensions: {}  # servers\n  # ours\nnext: 1\n');
    expect(parseYaml(out).root).toEqual({ extensions: {}, next: 1 });
    // and adding it again fills the {} in place
    expect(setText(out, GOOSE, 'intercom', { uri: 'x' })).toBe('extensions:  # servers\n  intercom:\n    uri: x\n  # ours\nnext: 1\n');
  });

  it('removes several entries at once and changes nothing when they are absent', () => {
    const document = parseYaml(GOOSE_FILE);
    const out = removeYamlEntries(document, [
      { container: GOOSE, name: 'github' },
      { container: GOOSE, name: 'nope' },
    ]);
    expect(out.text).toBe(GOOSE_FILE.replace(/  github:[^]*?type: stdio\n/, ''));
    expect(removeYamlEntries(document, [{ container: GOOSE, name: 'nope' }])).toEqual({ text: GOOSE_FILE, changed: false });
    expect(removeYamlEntries(parseYaml('a: 1\n'), [{ container: GOOSE, name: 'x' }])).toEqual({ text: 'a: 1\n', changed: false });
  });

  it('replaces ours and removes a legacy entry in one edit', () => {
    const text = 'extensions:\n  Intercom:\n    uri: old\n  other: 1\n';
    const out = setYamlEntry(parseYaml(text), GOOSE, 'intercom', { uri: HTTP }, [{ container: GOOSE, name: 'Intercom' }]);
    expect(out.text).toBe('extensions:\n  other: 1\n  intercom:\n    uri: https://mcp.intercom.com/mcp\n');
  });

  it('quotes a name with special characters, as a key and as a list name', () => {
    const name = 'prod: #1';
    const out = setText('extensions:\n  a: 1\n', GOOSE, name, { uri: HTTP });
    expect(out).toBe('extensions:\n  a: 1\n  "prod: #1":\n    uri: https://mcp.intercom.com/mcp\n');
    expect(yamlEntry(parseYaml(out), GOOSE, name)).toEqual({ uri: HTTP });
    expect(removeText(out, GOOSE, name)).toBe('extensions:\n  a: 1\n');
    const list = setText('', CONTINUE, 'yes', { url: HTTP });
    expect(list).toBe('mcpServers:\n  - name: "yes"\n    url: https://mcp.intercom.com/mcp\n');
    expect(yamlEntry(parseYaml(list), CONTINUE, 'yes')).toEqual({ name: 'yes', url: HTTP });
  });

  it('creates a nested container path', () => {
    const shape: YamlContainer = { path: ['a', 'b', 'servers'], shape: 'map' };
    expect(setText('a:\n  x: 1\n', shape, 'intercom', { uri: 'u' })).toBe('a:\n  x: 1\n  b:\n    servers:\n      intercom:\n        uri: u\n');
  });
});

// ---- editing: Continue (a list) ---------------------------------------------------------------------------

describe('editing a list container (Continue mcpServers)', () => {
  it('adds an item after the last one, name first, in the file indentation', () => {
    const out = setText(CONTINUE_FILE, CONTINUE, 'intercom', { type: 'streamable-http', url: HTTP });
    expect(out).toBe(
      CONTINUE_FILE.replace(
        '    url: http://localhost:3000/sse # local\n',
        '    url: http://localhost:3000/sse # local\n  - name: intercom\n    type: streamable-http\n    url: https://mcp.intercom.com/mcp\n',
      ),
    );
    expect(setYamlEntry(parseYaml(out), CONTINUE, 'intercom', CONTINUE_ENTRY).changed).toBe(false);
    expect(removeText(out, CONTINUE, 'intercom')).toBe(CONTINUE_FILE);
  });

  it('updates the item with that name where it is, key by key', () => {
    const text = 'mcpServers:\n- name: a\n- name: intercom # ours\n  url: http://old\n  headers:\n    A: b\n- name: z\n';
    expect(setText(text, CONTINUE, 'intercom', CONTINUE_ENTRY)).toBe(
      'mcpServers:\n- name: a\n- name: intercom # ours\n  url: https://mcp.intercom.com/mcp\n  type: streamable-http\n- name: z\n',
    );
  });

  it('finds items written with the dash on its own line or in flow style', () => {
    const text = 'mcpServers:\n  -\n    name: a\n  - {name: intercom, url: old}\n';
    expect(setText(text, CONTINUE, 'intercom', CONTINUE_ENTRY)).toBe(
      'mcpServers:\n  -\n    name: a\n  - {name: intercom, url: https://mcp.intercom.com/mcp, type: streamable-http}\n',
    );
  });

  it("leaves `mcpServers: []` when the last item goes (Continue's schema wants a list; null fails it)", () => {
    const out = removeText('name: c\nmcpServers:\n  - name: intercom\n    url: x\n  - name: intercom\n    url: y\nrules: []\n', CONTINUE, 'intercom');
    expect(out).toBe('name: c\nmcpServers: []\nrules: []\n');
  });

  it('fills `mcpServers: []` and creates a missing container with indented items', () => {
    expect(setText('name: c\nmcpServers: []\n', CONTINUE, 'intercom', CONTINUE_ENTRY)).toBe(
      'name: c\nmcpServers:\n  - name: intercom\n    type: streamable-http\n    url: https://mcp.intercom.com/mcp\n',
    );
    expect(setText('name: c\nversion: 1.0.0\nschema: v1\n', CONTINUE, 'intercom', CONTINUE_ENTRY)).toBe(
      'name: c\nversion: 1.0.0\nschema: v1\nmcpServers:\n  - name: intercom\n    type: streamable-http\n    url: https://mcp.intercom.com/mcp\n',
    );
  });

  it('puts `name` first and refuses an entry whose name field disagrees', () => {
    expect(setText('', CONTINUE, 'intercom', { url: 'u', name: 'intercom' })).toBe('mcpServers:\n  - name: intercom\n    url: u\n');
    expect(() => setText('', CONTINUE, 'intercom', { name: 'other' })).toThrow(/name field/);
  });

  it('refuses to set when two items share the name, pointing at the second', () => {
    const text = 'mcpServers:\n  - name: intercom\n  - name: x\n  - name: intercom\n';
    expect(refusal(() => setText(text, CONTINUE, 'intercom', CONTINUE_ENTRY))).toMatchObject({
      line: 4,
      column: 3,
      reason: expect.stringContaining('two entries named intercom'),
    });
  });
});

// ---- updating an entry key by key (issue 18, points 1 and 2) ------------------------------------------------

describe('updating an existing entry key by key', () => {
  const set = (text: string, container: YamlContainer, value: JsonObject) => {
    const out = setYamlEntry(parseYaml(text), container, 'intercom', value);
    // A second run changes no byte.
    expect(setYamlEntry(parseYaml(out.text), container, 'intercom', value)).toEqual({ text: out.text, changed: false });
    return out.text;
  };

  it('Goose: only the uri scalar changes, in its quoting; comments, user keys, order and flow values inside the entry stay', () => {
    const text = `extensions:
  developer:
    enabled: true
  intercom:   # the support team's
    # Intercom, EU workspace
    enabled: false   # off until Monday
    type: streamable_http
    name: intercom
    uri: 'https://mcp.intercom.com/mcp'   # was US
    timeout: 600
    envs: {HTTPS_PROXY: "http://proxy:3128"}
    description: "ours"
  memory:
    enabled: true
`;
    const value = { ...(yamlEntry(parseYaml(text), GOOSE, 'intercom') as JsonObject), uri: 'https://mcp.eu.intercom.com/mcp' };
    expect(set(text, GOOSE, value)).toBe(text.replace("'https://mcp.intercom.com/mcp'", "'https://mcp.eu.intercom.com/mcp'"));
  });

  it('keeps double quotes, plain scalars and single quotes as written, and quotes what a plain scalar cannot hold', () => {
    const text = "extensions:\n  intercom:\n    a: \"x\"\n    b: x\n    c: 'x'\n    d: x\n    e: 'x'\n";
    expect(set(text, GOOSE, { a: 'w', b: 'w', c: "it's", d: 'yes', e: 'line\nbreak' })).toBe(
      'extensions:\n  intercom:\n    a: "w"\n    b: w\n    c: \'it\'\'s\'\n    d: "yes"\n    e: "line\\nbreak"\n',
    );
  });

  it('Continue: a new transport changes `type` and `url` in place; the comment inside, `env` and unknown keys stay', () => {
    const text = `mcpServers:
  - name: intercom   # ours
    # the native entry
    type: sse
    url: "https://mcp.intercom.com/sse"
    env:
      HTTPS_PROXY: http://proxy:3128   # corporate
    requestOptions: {timeout: 30}
  - name: linear
    url: https://mcp.linear.app/mcp
`;
    expect(
      set(text, CONTINUE, { name: 'intercom', type: 'streamable-http', url: HTTP, env: { HTTPS_PROXY: 'http://proxy:3128' }, requestOptions: { timeout: 30 } }),
    ).toBe(text.replace('type: sse', 'type: streamable-http').replace('"https://mcp.intercom.com/sse"', '"https://mcp.intercom.com/mcp"'));
  });

  it('changes only the URL item of `args`, block or flow, and keeps its quoting', () => {
    const block =
      'mcpServers:\n  - name: intercom\n    command: npx\n    args:\n      - -y   # always\n      - mcp-remote\n      - "https://mcp.intercom.com/sse"\n';
    expect(set(block, CONTINUE, { name: 'intercom', command: 'npx', args: ['-y', 'mcp-remote', HTTP] })).toBe(block.replace('/sse"', '/mcp"'));
    const flow = "mcpServers:\n  - name: intercom\n    command: npx\n    args: ['-y', mcp-remote, 'https://mcp.intercom.com/sse']  # bridge\n";
    expect(set(flow, CONTINUE, { name: 'intercom', command: 'npx', args: ['-y', 'mcp-remote', HTTP] })).toBe(flow.replace("/sse'", "/mcp'"));
    // A list of another length is written anew, in the style it had.
    expect(set(flow, CONTINUE, { name: 'intercom', command: 'cmd', args: ['/c', 'npx', '-y', 'mcp-remote', HTTP] })).toBe(
      'mcpServers:\n  - name: intercom\n    command: cmd\n    args: [/c, npx, -y, mcp-remote, https://mcp.intercom.com/mcp]  # bridge\n',
    );
    expect(set(block, CONTINUE, { name: 'intercom', command: 'npx', args: ['-y', HTTP] })).toBe(
      'mcpServers:\n  - name: intercom\n    command: npx\n    args:\n      - -y\n      - https://mcp.intercom.com/mcp\n',
    );
  });

  it('bridge to native: `command` and `args` go (with the comment right above them), `type` and `url` are added after the last key, the rest stays', () => {
    const text = `mcpServers:
  - name: intercom   # ours
    timeout: 60
    # via the bridge
    command: npx
    args: ["-y", "mcp-remote", "https://mcp.intercom.com/sse"]
    env:
      HTTPS_PROXY: http://proxy:3128
  - name: z
`;
    expect(set(text, CONTINUE, { name: 'intercom', timeout: 60, env: { HTTPS_PROXY: 'http://proxy:3128' }, type: 'sse', url: SSE_URL })).toBe(`mcpServers:
  - name: intercom   # ours
    timeout: 60
    env:
      HTTPS_PROXY: http://proxy:3128
    type: sse
    url: https://mcp.intercom.com/sse
  - name: z
`);
  });

  it('an entry written as a flow mapping stays one: values spliced, keys added before the brace, keys cut with their comma', () => {
    const text = "extensions:\n  intercom: {enabled: false, uri: 'https://old.test/mcp', timeout: 60, envs: {A: b}}   # flow\n  other: {}\n";
    expect(set(text, GOOSE, { enabled: false, uri: HTTP, envs: { A: 'b' }, type: 'streamable_http' })).toBe(
      "extensions:\n  intercom: {enabled: false, uri: 'https://mcp.intercom.com/mcp', envs: {A: b}, type: streamable_http}   # flow\n  other: {}\n",
    );
    const list = 'mcpServers:\n- {name: intercom, type: sse, url: "https://mcp.intercom.com/sse"}\n';
    expect(set(list, CONTINUE, { name: 'intercom', type: 'streamable-http', url: HTTP })).toBe(
      'mcpServers:\n- {name: intercom, type: streamable-http, url: "https://mcp.intercom.com/mcp"}\n',
    );
    // An empty flow mapping is filled in place; a `?` is quoted in flow style (YAML 1.1 readers end a plain scalar there).
    expect(set('extensions:\n  intercom: {}  # c\n', GOOSE, { uri: 'https://x.test/a?b=1', args: ['a?'] })).toBe(
      'extensions:\n  intercom: {uri: "https://x.test/a?b=1", args: ["a?"]}  # c\n',
    );
    expect(set('extensions:\n  intercom: {uri: old}\n', GOOSE, { uri: 'https://x.test/a?b=1' })).toBe(
      'extensions:\n  intercom: {uri: "https://x.test/a?b=1"}\n',
    );
  });

  it('a list item whose first key is not `name`, CRLF and no final line break', () => {
    const text = 'mcpServers:\r\n- url: https://mcp.intercom.com/sse  # old\r\n  name: intercom\r\n  headers:\r\n    X-Team: support';
    expect(set(text, CONTINUE, { name: 'intercom', url: HTTP, type: 'streamable-http', headers: { 'X-Team': 'support' } })).toBe(
      'mcpServers:\r\n- url: https://mcp.intercom.com/mcp  # old\r\n  name: intercom\r\n  headers:\r\n    X-Team: support\r\n  type: streamable-http',
    );
    // The first key of an item goes: the next one moves up to the dash.
    expect(set(text, CONTINUE, { name: 'intercom', headers: { 'X-Team': 'support' } })).toBe(
      'mcpServers:\r\n- name: intercom\r\n  headers:\r\n    X-Team: support',
    );
  });

  it('a key inside a nested mapping (headers, env) changes alone; a value of another kind is written anew at its key', () => {
    const text = 'extensions:\n  intercom:\n    headers:   # sent each time\n      X-Team: support\n      X-Region: us   # for now\n    env:\n      A: 1\n';
    expect(set(text, GOOSE, { headers: { 'X-Team': 'support', 'X-Region': 'eu' }, env: 'none' })).toBe(
      'extensions:\n  intercom:\n    headers:   # sent each time\n      X-Team: support\n      X-Region: eu   # for now\n    env: none\n',
    );
    expect(set('extensions:\n  intercom:\n    env:   \n    t: 1\n', GOOSE, { env: { A: 'b' }, t: 1 })).toBe(
      'extensions:\n  intercom:\n    env:\n      A: b\n    t: 1\n',
    );
  });

  it('keeps tags and anchors on a changed scalar where the new value still fits them', () => {
    expect(set('extensions:\n  intercom:\n    uri: !!str &u old\n    t: !!int 1\n', GOOSE, { uri: 'new', t: 'two' })).toBe(
      'extensions:\n  intercom:\n    uri: !!str &u new\n    t: two\n',
    );
  });

  it('writes the entry whole where it cannot be changed key by key (a merge key, every key changing, not a mapping)', () => {
    expect(set('base: &b\n  timeout: 5\nextensions:\n  intercom:  # c\n    <<: *b\n    uri: old\n', GOOSE, { timeout: 5, uri: 'new' })).toBe(
      'base: &b\n  timeout: 5\nextensions:\n  intercom:\n    timeout: 5\n    uri: new\n',
    );
    expect(set('extensions:\n  intercom:  # c\n    url: old\n', GOOSE, { uri: 'new' })).toBe('extensions:\n  intercom:\n    uri: new\n');
    expect(set('extensions:\n  intercom: old\n', GOOSE, { uri: 'new' })).toBe('extensions:\n  intercom:\n    uri: new\n');
    // A key added after a kept block scalar (`|+`) would take its last blank line: the reading-back check sees it, and the
    // entry is written whole instead.
    expect(set('extensions:\n  intercom:  # c\n    uri: old\n    note: |+\n      keep\n\n  z: 1\n', GOOSE, { uri: 'new', note: 'keep\n\n', type: 'x' })).toBe(
      'extensions:\n  intercom:\n    uri: new\n    note: "keep\\n\\n"\n    type: x\n\n  z: 1\n',
    );
  });

  it('remove then takes away exactly the updated entry', () => {
    const text = 'extensions:\n  a: 1\n  intercom:   # ours\n    # inside\n    uri: old\n    timeout: 60\n  z: 2\n';
    const out = set(text, GOOSE, { uri: HTTP, timeout: 60, type: 'streamable_http' });
    expect(removeText(out, GOOSE, 'intercom')).toBe('extensions:\n  a: 1\n  z: 2\n');
  });
});

// ---- refusals while editing --------------------------------------------------------------------------------

describe('refusing edits that cannot be made safely (the text is left to the caller unchanged)', () => {
  const cases: Array<[string, string, YamlContainer, number, number, string]> = [
    ['a non-empty flow mapping', 'extensions: {a: 1}\n', GOOSE, 1, 13, 'flow style'],
    ['a non-empty flow list', 'mcpServers: [{name: a}]\n', CONTINUE, 1, 13, 'flow style'],
    ['a flow value with a comment inside', 'extensions: {\n  # c\n}\n', GOOSE, 1, 13, 'flow style with comments'],
    ['a container that is a string', 'extensions: hello\n', GOOSE, 1, 13, 'is not a mapping'],
    ['a list where a mapping is read', 'extensions:\n  - a\n', GOOSE, 2, 3, 'is not a mapping'],
    ['a mapping where a list is read', 'mcpServers:\n  a: 1\n', CONTINUE, 2, 3, 'is not a list'],
    ['an alias as the container', 'x: &x {}\nextensions: *x\n', GOOSE, 2, 13, 'is an alias'],
    ['an anchor on the container that an alias uses', 'extensions: &e\n  a: 1\nother: *e\n', GOOSE, 1, 13, 'anchor &e'],
    ['a merge key in the container', 'base: &b {x: {}}\nextensions:\n  <<: *b\n  a: 1\n', GOOSE, 3, 3, 'merge key'],
    ['the name written as a number', 'extensions:\n  1: {}\n', GOOSE, 2, 3, 'written as a number'],
    ['a flow root with content', '{a: 1}\n', GOOSE, 1, 1, 'one flow mapping'],
  ];
  it.each(cases)('%s', (_label, text, container, line, column, reason) => {
    const name = _label === 'the name written as a number' ? '1' : 'intercom';
    const error = refusal(() => setText(text, container, name, container.shape === 'list' ? CONTINUE_ENTRY : GOOSE_ENTRY));
    expect({ line: error.line, column: error.column }).toEqual({ line, column });
    expect(error.reason).toContain(reason);
  });

  it('refuses to remove from a flow container, with its position, and leaves absent entries alone', () => {
    expect(refusal(() => removeText('a: 1\nextensions: {intercom: {uri: x}}\n', GOOSE, 'intercom'))).toMatchObject({
      line: 2,
      column: 13,
      reason: expect.stringContaining('flow style'),
    });
    expect(removeText('extensions: {}\n', GOOSE, 'intercom')).toBe('extensions: {}\n');
  });

  it('refuses to replace or remove an entry that holds an anchor another entry uses', () => {
    const text = 'extensions:\n  intercom: &i\n    uri: x\n  copy: *i\n';
    expect(refusal(() => removeText(text, GOOSE, 'intercom'))).toMatchObject({ line: 2, column: 13, reason: expect.stringContaining('anchor &i') });
    expect(refusal(() => setText('base: &b\n  x: 1\nextensions:\n  a: *b\n', { path: ['base'], shape: 'map' }, 'y', { z: 1 }))).toMatchObject({
      line: 1,
      column: 7,
    });
    expect(refusal(() => setText(text, GOOSE, 'intercom', { uri: 'y' }))).toMatchObject({ line: 2, column: 13 });
    // An unused anchor is no reason to refuse.
    expect(removeText('extensions:\n  intercom: &i\n    uri: x\n  b: 1\n', GOOSE, 'intercom')).toBe('extensions:\n  b: 1\n');
  });

  it('refuses to add after a block scalar that ends the file with no line break (a line break would join its value)', () => {
    const text = 'extensions:\n  a:\n    note: |\n      text';
    expect(refusal(() => setText(text, GOOSE, 'intercom', { uri: 'x' }))).toMatchObject({
      line: 4,
      column: 11,
      reason: expect.stringContaining('block scalar'),
    });
    expect(refusal(() => setText('a: |\n  text', GOOSE, 'intercom', { uri: 'x' })).reason).toContain('block scalar');
    expect(refusal(() => setText('a: >+\n  text', GOOSE, 'intercom', { uri: 'x' })).reason).toContain('block scalar');
    // A stripped one (|-) drops its line break either way.
    expect(setText('a: |-\n  text', GOOSE, 'intercom', { uri: 'x' })).toBe('a: |-\n  text\nextensions:\n  intercom:\n    uri: x');
    // Removing the entry after such a scalar keeps the line break the scalar had.
    expect(removeText('extensions:\n  a:\n    note: |\n      text\n  intercom:\n    uri: x', GOOSE, 'intercom')).toBe(
      'extensions:\n  a:\n    note: |\n      text\n',
    );
  });

  it('refuses an edit that the reading-back check finds changes another value (a kept block scalar)', () => {
    const text = 'extensions:\n  a:\n    note: |+\n      text\n\nother: 1\n';
    expect(refusal(() => setText(text, GOOSE, 'intercom', { uri: 'x' })).reason).toContain('did not come out as intended');
  });
});

// ---- property tests over generated documents ---------------------------------------------------------------

type Eol = '\n' | '\r\n';

/** A line of trivia before a key or item: blank, or a comment at the item's column or at column 0. */
type Trivia = { kind: 'blank' } | { kind: 'comment'; atZero: boolean; text: string };

type Value = { kind: 'scalar'; text: string } | { kind: 'block'; lines: string[] } | { kind: 'map'; pairs: PairModel[] } | { kind: 'seq'; items: ItemModel[] };

interface PairModel {
  before: Trivia[];
  key: string;
  value: Value;
  comment?: string;
}

interface ItemModel {
  before: Trivia[];
  value: Value;
  comment?: string;
}

interface EntryModel {
  before: Trivia[];
  name: string;
  pairs: PairModel[];
  comment?: string;
  /** Written as one flow mapping (`name: {a: 1}`, `- {name: x, a: 1}`); its pairs are then scalars without comments. */
  flow?: boolean;
}

interface ContainerModel {
  shape: 'map' | 'list';
  form: 'block' | 'flow' | 'null' | 'absent';
  /** Where the container's key goes among the other top-level keys. */
  position: number;
  comment?: string;
  entries: EntryModel[];
  /** Index of our entry among the entries (block form only), or -1. */
  own: number;
  trailing: Trivia[];
}

interface DocModel {
  bom: boolean;
  eol: Eol;
  step: 2 | 4;
  flushLists: boolean;
  /** A directive and/or document start marker before everything. */
  start: string;
  leading: Trivia[];
  pairs: PairModel[];
  container: ContainerModel;
  trailing: Trivia[];
  finalNewline: boolean;
}

/** One key of our entry as rendered: the line of its key and the comments that belong to it (its trivia above included). */
interface OwnPair {
  key: string;
  value: Value;
  line: number;
  comments: [from: number, to: number];
}

interface RenderedDoc {
  text: string;
  /** The lines of the text (without line endings), and our entry's keys. */
  lines: string[];
  ownPairs?: OwnPair[];
  /** Every comment as written (from `#` to the end of its line), in order, with whether it lies inside our entry. */
  comments: Array<{ text: string; inOwn: boolean }>;
  /** Our entry's lines: from the start of its first line to the end of its last (before the line break). */
  ownSpan?: { start: number; end: number };
}

const RESERVED_WORDS = /^(?:y|n|yes|no|on|off|true|false|null|name|intercom)$/i;
const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/).filter((text) => !RESERVED_WORDS.test(text));
/** A key as written: plain, single- or double-quoted (the value is `word` in every case). */
const spelledKey = fc.tuple(word, fc.constantFrom('', "'", '"')).map(([text, quote]) => `${quote}${text}${quote}`);
const keyValue = (key: string) => key.replace(/^['"]|['"]$/g, '');

/** Scalars read the same by YAML 1.1 and 1.2 readers, each in one of its spellings. */
const scalarText = fc.oneof(
  word,
  fc.integer({ min: -1000, max: 100_000 }).map(String),
  fc.constantFrom('true', 'false', '~', 'null', '1.5', '""', "''", '"a # b: c"', "'it''s'", '"tab\\there"', '"https://x.test/p#frag"', 'https://x.test/a?b=1'),
  fc.constantFrom('{}', '[]', '[1, two]', '{a: 1, b: [x, "y"]}', '[a, {b: c}]'),
);

const commentText = fc.constantFrom('', ' note', ' key: value', ' - item', ' {not: yaml', ' "quoted"', ' intercom:', ' trailing spaces  ', ' #hash');

const trivia: fc.Arbitrary<Trivia[]> = fc.array(
  fc.oneof(fc.constant<Trivia>({ kind: 'blank' }), fc.record({ kind: fc.constant('comment' as const), atZero: fc.boolean(), text: commentText })),
  { maxLength: 2 },
);

const maybeComment = fc.option(commentText, { nil: undefined, freq: 3 });

const { value: valueArb } = fc.letrec<{ value: Value; pairs: PairModel[]; items: ItemModel[] }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constant('scalar' as const), text: scalarText }),
    fc.record({
      kind: fc.constant('block' as const),
      // The first line sets the scalar's indentation: it has no extra spaces.
      lines: fc
        .tuple(fc.constantFrom('text', 'a: b', '# not a comment', '- x'), fc.array(fc.constantFrom('text', '  indented', '', '#x'), { maxLength: 2 }))
        .map(([first, rest]) => [first, ...rest]),
    }),
    fc.record({ kind: fc.constant('map' as const), pairs: tie('pairs') as fc.Arbitrary<PairModel[]> }),
    fc.record({ kind: fc.constant('seq' as const), items: tie('items') as fc.Arbitrary<ItemModel[]> }),
  ),
  pairs: fc.uniqueArray(fc.record({ before: trivia, key: spelledKey, value: tie('value') as fc.Arbitrary<Value>, comment: maybeComment }), {
    minLength: 1,
    maxLength: 3,
    selector: (pair) => keyValue(pair.key),
  }),
  items: fc.array(fc.record({ before: trivia, value: tie('value') as fc.Arbitrary<Value>, comment: maybeComment }), { minLength: 1, maxLength: 3 }),
}));

const entryPairs = fc.uniqueArray(fc.record({ before: trivia, key: spelledKey, value: valueArb, comment: maybeComment }), {
  maxLength: 3,
  selector: (pair) => keyValue(pair.key),
});

/**
 * A flow entry keeps only its scalar pairs, without trivia or comments (a flow mapping on one
 * line), and none with a plain `?` (YAML 1.1 readers end a plain scalar there in flow style).
 */
function asFlow(entry: EntryModel): EntryModel {
  if (!entry.flow) return entry;
  const flowable = (pair: PairModel) => pair.value.kind === 'scalar' && !/^[^'"].*\?/.test(pair.value.text);
  return { ...entry, pairs: entry.pairs.filter(flowable).map((pair) => ({ before: [], key: pair.key, value: pair.value })) };
}

const containerArb: fc.Arbitrary<ContainerModel> = fc
  .record({
    shape: fc.constantFrom('map' as const, 'list' as const),
    form: fc.constantFrom('block' as const, 'block' as const, 'block' as const, 'flow' as const, 'null' as const, 'absent' as const),
    position: fc.nat(6),
    comment: maybeComment,
    entries: fc.uniqueArray(
      fc.record({ before: trivia, name: spelledKey, pairs: entryPairs, comment: maybeComment, flow: fc.constantFrom(false, false, false, true) }).map(asFlow),
      {
        minLength: 1,
        maxLength: 4,
        selector: (entry) => keyValue(entry.name),
      },
    ),
    ownSlot: fc.integer({ min: -3, max: 4 }),
    ownPairs: entryPairs,
    ownFlow: fc.constantFrom(false, false, false, true),
    trailing: trivia,
  })
  .map(({ ownSlot, ownPairs, ownFlow, ...container }) => {
    if (container.form !== 'block' || ownSlot < 0) return { ...container, entries: container.form === 'block' ? container.entries : [], own: -1 };
    const own = Math.min(ownSlot, container.entries.length);
    const entries = [...container.entries];
    entries.splice(own, 0, asFlow({ before: [], name: 'intercom', pairs: ownPairs, comment: undefined, flow: ownFlow }));
    return { ...container, entries, own };
  });

const docArb: fc.Arbitrary<DocModel> = fc.record({
  bom: fc.boolean(),
  eol: fc.constantFrom<Eol>('\n', '\r\n'),
  step: fc.constantFrom<2 | 4>(2, 4),
  flushLists: fc.boolean(),
  leading: trivia,
  start: fc.constantFrom('', '---', '--- # doc', '%YAML 1.2\n---'),
  pairs: fc.uniqueArray(fc.record({ before: trivia, key: spelledKey, value: valueArb, comment: maybeComment }), {
    maxLength: 4,
    selector: (pair) => keyValue(pair.key),
  }),
  container: containerArb,
  trailing: trivia,
  finalNewline: fc.boolean(),
});

class DocRenderer {
  readonly lines: string[] = [];
  readonly comments: Array<{ line: number; text: string; inOwn: boolean }> = [];
  /** The last line with content (not blank, not only a comment). */
  lastContent = -1;

  constructor(readonly model: DocModel) {}

  comment(text: string | undefined, line = this.lines.length - 1): string {
    if (text === undefined) return '';
    const full = `# #c${this.comments.length}#${text}`;
    this.comments.push({ line, text: full, inOwn: false });
    return ` ${full}`;
  }

  content(line: string): void {
    this.lines.push(line);
    if (line.trim() !== '') this.lastContent = this.lines.length - 1;
  }

  trivia(pieces: Trivia[], column: number): void {
    for (const piece of pieces) {
      if (piece.kind === 'blank') this.lines.push('');
      else {
        this.lines.push(' '.repeat(piece.atZero ? 0 : column));
        this.lines[this.lines.length - 1] += this.comment(piece.text).trimStart();
      }
    }
  }

  /** Appends `value` after `head` (a `key:` or `-` already on the last line); nested lines at `column`. */
  valueAfter(value: Value, column: number, listColumn: number, comment: string | undefined): void {
    const last = this.lines.length - 1;
    if (value.kind === 'scalar') {
      this.lines[last] += ` ${value.text}${this.comment(comment, last)}`;
    } else if (value.kind === 'block') {
      this.lines[last] += ` |-${this.comment(comment, last)}`;
      for (const line of value.lines) this.content(line === '' ? '' : ' '.repeat(column) + line);
    } else if (value.kind === 'map') {
      this.lines[last] += this.comment(comment, last);
      this.pairs(value.pairs, column);
    } else {
      this.lines[last] += this.comment(comment, last);
      this.items(value.items, listColumn);
    }
  }

  pairs(pairs: PairModel[], column: number): void {
    for (const pair of pairs) {
      this.trivia(pair.before, column);
      this.content(`${' '.repeat(column)}${pair.key}:`);
      this.valueAfter(pair.value, column + this.model.step, column + (this.model.flushLists ? 0 : this.model.step), pair.comment);
    }
  }

  items(items: ItemModel[], column: number): void {
    for (const item of items) {
      this.trivia(item.before, column);
      this.content(`${' '.repeat(column)}-`);
      if (item.value.kind === 'map') {
        // The first pair on the dash's line, the others under it.
        const [first, ...rest] = item.value.pairs;
        this.lines[this.lines.length - 1] += ` ${first!.key}:`;
        this.valueAfter(first!.value, column + 2 + this.model.step, column + 2 + (this.model.flushLists ? 0 : this.model.step), first!.comment);
        this.pairs(rest, column + 2);
        if (item.comment !== undefined) this.lines.push(`${' '.repeat(column + 2)}${this.comment(item.comment, this.lines.length).trimStart()}`);
      } else if (item.value.kind === 'seq') {
        this.lines[this.lines.length - 1] += this.comment(item.comment);
        this.items(item.value.items, column + 2);
      } else {
        this.valueAfter(item.value, column + 2, column + 2, item.comment);
      }
    }
  }

  /** Our entry's pairs, one by one, recording each one's key line and comments. */
  ownPairs(pairs: PairModel[], column: number): OwnPair[] {
    return pairs.map((pair) => {
      const from = this.comments.length;
      // Each trivia piece is one line; the key's line comes after them.
      const line = this.lines.length + pair.before.length;
      this.pairs([pair], column);
      return { key: keyValue(pair.key), value: pair.value, line, comments: [from, this.comments.length] };
    });
  }

  /** A flow entry's line: `name: {a: 1}` or `- {name: x, a: 1}`. */
  flowEntry(entry: EntryModel, column: number, shape: 'map' | 'list'): void {
    const pairs = entry.pairs.map((pair) => `${pair.key}: ${(pair.value as { text: string }).text}`);
    const line =
      shape === 'map'
        ? `${' '.repeat(column)}${entry.name}: {${pairs.join(', ')}}`
        : `${' '.repeat(column)}- {${[`name: ${entry.name}`, ...pairs].join(', ')}}`;
    this.content(line);
    this.lines[this.lines.length - 1] += this.comment(entry.comment);
  }

  ownPairList?: OwnPair[];

  container(): { ownLines?: [number, number] } {
    const { container, step, flushLists } = this.model;
    const key = container.shape === 'map' ? 'extensions' : 'mcpServers';
    if (container.form === 'absent') return {};
    if (container.form !== 'block') {
      this.lines.push(`${key}:${container.form === 'flow' ? (container.shape === 'map' ? ' {}' : ' []') : ''}`);
      this.lines[this.lines.length - 1] += this.comment(container.comment);
      return {};
    }
    this.lines.push(`${key}:`);
    this.lines[this.lines.length - 1] += this.comment(container.comment);
    let ownLines: [number, number] | undefined;
    const column = container.shape === 'map' ? step : flushLists ? 0 : step;
    container.entries.forEach((entry, index) => {
      this.trivia(entry.before, column);
      const first = this.lines.length;
      const own = index === container.own;
      if (entry.flow) {
        this.flowEntry(entry, column, container.shape);
        if (own) this.ownPairList = entry.pairs.map((pair) => ({ key: keyValue(pair.key), value: pair.value, line: first, comments: [0, 0] }));
      } else if (container.shape === 'map') {
        this.content(`${' '.repeat(column)}${entry.name}:`);
        if (entry.pairs.length === 0) {
          this.lines[this.lines.length - 1] += ` {}${this.comment(entry.comment)}`;
          if (own) this.ownPairList = [];
        } else {
          this.lines[this.lines.length - 1] += this.comment(entry.comment);
          if (own) this.ownPairList = this.ownPairs(entry.pairs, column + step);
          else this.pairs(entry.pairs, column + step);
        }
      } else {
        this.content(`${' '.repeat(column)}- name: ${entry.name}`);
        this.lines[this.lines.length - 1] += this.comment(entry.comment);
        if (own) this.ownPairList = this.ownPairs(entry.pairs, column + 2);
        else this.pairs(entry.pairs, column + 2);
      }
      if (index === container.own) {
        // The entry's lines run to its last content line and the comment lines indented deeper
        // than the entry after it; other comments and blank lines after it stay (they belong to
        // what follows).
        let last = this.lastContent;
        for (let line = last + 1; line < this.lines.length; line++) {
          const text = this.lines[line]!;
          if (text.trim() === '') continue;
          if (!text.trimStart().startsWith('#') || text.length - text.trimStart().length <= column) break;
          last = line;
        }
        ownLines = [first, last];
        for (const comment of this.comments) if (comment.line >= first && comment.line <= last) comment.inOwn = true;
      }
    });
    this.trivia(container.trailing, column);
    return { ownLines };
  }

  render(): RenderedDoc {
    const { model } = this;
    if (model.start) {
      for (const line of model.start.split('\n')) this.lines.push(line);
      if (model.start.includes('# doc')) this.lines[this.lines.length - 1] = `--- ${this.comment(' doc', this.lines.length - 1).trimStart()}`;
    }
    this.trivia(model.leading, 0);
    let own: { ownLines?: [number, number] } = {};
    const position = Math.min(model.container.position, model.pairs.length);
    model.pairs.forEach((pair, index) => {
      if (index === position) own = this.container();
      this.pairs([pair], 0);
    });
    if (position >= model.pairs.length) own = this.container();
    this.trivia(model.trailing, 0);
    const eol = model.eol;
    let text = this.lines.join(eol) + (model.finalNewline ? eol : '');
    const offsets: number[] = [];
    let offset = 0;
    for (const line of this.lines) {
      offsets.push(offset);
      offset += line.length + eol.length;
    }
    if (!model.finalNewline && this.lines.length === 0) text = '';
    const prefix = model.bom ? '\uFEFF' : '';
    const ownSpan = own.ownLines && {
      start: prefix.length + offsets[own.ownLines[0]]!,
      end: prefix.length + offsets[own.ownLines[1]]! + this.lines[own.ownLines[1]]!.length,
    };
    return {
      text: prefix + text,
      lines: this.lines,
      ownPairs: this.ownPairList,
      comments: this.comments.map(({ text: comment, inOwn }) => ({ text: comment, inOwn })),
      ownSpan,
    };
  }
}

function renderDoc(model: DocModel): RenderedDoc {
  return new DocRenderer(model).render();
}

function containerOf(model: DocModel): YamlContainer {
  return model.container.shape === 'map' ? GOOSE : CONTINUE;
}

/** The comments of `text` that carry a marker, in order. */
function markedComments(text: string): string[] {
  return [...text.matchAll(/# #c\d+#[^\r\n]*/g)].map((match) => match[0]);
}

/** Lengths of the common prefix and suffix of two texts (not overlapping in the shorter one). */
function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return { prefix, suffix };
}

const OWN_VALUE = fc.oneof(
  fc.constant<JsonObject>(GOOSE_ENTRY),
  fc.dictionary(
    word,
    fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 5 }), { maxLength: 2 })),
    { maxKeys: 4 },
  ),
);

/** What the document must mean after setting our entry: every other key and entry as before. */
function withOwn(root: JsonObject, container: YamlContainer, value: JsonObject): JsonObject {
  const next = structuredClone(root);
  const key = container.path[0]!;
  if (container.shape === 'map') {
    const servers = (next[key] ?? {}) as JsonObject;
    next[key] = { ...servers, intercom: value };
    // Key order is not compared (jsonEqual-like toEqual on objects ignores it).
  } else {
    const servers = (next[key] ?? []) as JsonValue[];
    const item = { name: 'intercom', ...value };
    const index = servers.findIndex((entry) => (entry as JsonObject).name === 'intercom');
    next[key] = index === -1 ? [...servers, item] : servers.map((entry, at) => (at === index ? item : entry));
  }
  return next;
}

function withoutOwn(root: JsonObject, container: YamlContainer): JsonObject {
  const next = structuredClone(root);
  const key = container.path[0]!;
  const servers = next[key];
  if (container.shape === 'map' && servers && typeof servers === 'object' && !Array.isArray(servers)) delete servers.intercom;
  if (container.shape === 'list' && Array.isArray(servers)) next[key] = servers.filter((entry) => (entry as JsonObject).name !== 'intercom');
  return next;
}

describe('properties over generated documents', () => {
  it('every generated document parses (the generator writes valid YAML)', () => {
    fc.assert(
      fc.property(docArb, (model) => {
        const { text } = renderDoc(model);
        expect(() => parseYaml(text)).not.toThrow();
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('set: only our entry changes, every other byte and comment stays, a second set is a no-op', () => {
    fc.assert(
      fc.property(docArb, OWN_VALUE, (model, value) => {
        const rendered = renderDoc(model);
        const container = containerOf(model);
        const before = parseYaml(rendered.text);
        const out = setYamlEntry(before, container, 'intercom', value);
        const after = parseYaml(out.text);
        const expectedValue = container.shape === 'list' ? { name: 'intercom', ...value } : value;
        expect(yamlEntry(after, container, 'intercom')).toEqual(expectedValue);
        expect(after.root).toEqual(withOwn(before.root, container, value));
        if (container.shape === 'list') {
          // Items keep their order: ours in its old place, or last.
          const names = yamlEntries(after, container).map((entry) => entry.name);
          const old = yamlEntries(before, container).map((entry) => entry.name);
          expect(names).toEqual(old.includes('intercom') ? old : [...old, 'intercom']);
        }

        // Bytes: every byte outside our old entry's lines stays; without one, the change is a
        // pure insertion (an empty `{}`/`[]` container is checked by the round trip below, a
        // document with no content gets its trailing blank lines trimmed).
        if (rendered.ownSpan) {
          expect(out.text.startsWith(rendered.text.slice(0, rendered.ownSpan.start))).toBe(true);
          expect(out.text.endsWith(rendered.text.slice(rendered.ownSpan.end))).toBe(true);
          expect(out.text.length).toBeGreaterThanOrEqual(rendered.ownSpan.start + rendered.text.length - rendered.ownSpan.end);
        } else if (model.container.form !== 'flow' && !before.empty) {
          const { prefix, suffix } = commonEnds(rendered.text, out.text);
          expect(rendered.text.slice(prefix, rendered.text.length - suffix)).toBe('');
        }
        expect(out.text.startsWith('\uFEFF')).toBe(model.bom);
        if (model.eol === '\n' || !rendered.text.includes('\n')) expect(out.text).not.toContain('\r');
        else expect(out.text.replace(/\r\n/g, '')).not.toContain('\n');

        // Comments: all there, in order, but those inside the replaced entry.
        const kept = rendered.comments.filter((comment) => !comment.inOwn).map((comment) => comment.text);
        const found = markedComments(out.text);
        expect(found.filter((comment) => kept.includes(comment))).toEqual(kept);

        // Idempotence.
        const again = setYamlEntry(after, container, 'intercom', value);
        expect(again).toEqual({ text: out.text, changed: false });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('set then remove gives the original text back when the container held other entries but not ours', () => {
    fc.assert(
      fc.property(docArb, OWN_VALUE, (model, value) => {
        const rendered = renderDoc(model);
        const container = containerOf(model);
        const out = setYamlEntry(parseYaml(rendered.text), container, 'intercom', value);
        const back = removeYamlEntries(parseYaml(out.text), [{ container, name: 'intercom' }]);
        if (model.container.form === 'block' && model.container.own === -1) expect(back.text).toBe(rendered.text);
        else if (model.container.form === 'flow') expect(back.text).toBe(rendered.text);
        else if (rendered.ownSpan) expect(back.text).toBe(removeYamlEntries(parseYaml(rendered.text), [{ container, name: 'intercom' }]).text);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('update: an existing entry changes key by key; comments, kept keys and every byte outside the changed values stay', () => {
    /** New values for changed keys: strings of any kind (quotes, `#`, line breaks), numbers, booleans, null. */
    const newScalar = fc.oneof(fc.string({ maxLength: 10 }), word, fc.integer(), fc.boolean(), fc.constant(null), fc.constant('https://mcp.intercom.com/mcp'));
    const planArb = fc.record({
      changes: fc.array(fc.tuple(fc.nat(), newScalar), { maxLength: 3 }),
      removes: fc.array(fc.nat(), { maxLength: 2 }),
      adds: fc.dictionary(word, fc.oneof(newScalar, fc.array(word, { maxLength: 2 }), fc.dictionary(word, word, { maxKeys: 2 })), { maxKeys: 2 }),
    });
    /** What was written, for PyYAML to read after the run (a YAML 1.1 reader, as Goose's is). */
    const written: string[] = [];
    const meant: JsonObject[] = [];
    fc.assert(
      fc.property(docArb, planArb, (model, plan) => {
        fc.pre(model.container.own >= 0);
        const rendered = renderDoc(model);
        const ownPairs = rendered.ownPairs!;
        const container = containerOf(model);
        const before = parseYaml(rendered.text);
        const old = yamlEntry(before, container, 'intercom') as JsonObject;
        const value: JsonObject = structuredClone(old);
        const changed = new Set<number>();
        const removed = new Set<number>();
        if (ownPairs.length > 0) {
          // Only scalars written on one line change here: they are spliced where they are.
          for (const [at, next] of plan.changes) {
            const index = at % ownPairs.length;
            if (ownPairs[index]!.value.kind !== 'scalar' || removed.has(index)) continue;
            value[ownPairs[index]!.key] = next;
            changed.add(index);
          }
          for (const at of plan.removes) {
            const index = at % ownPairs.length;
            if (changed.has(index)) continue;
            delete value[ownPairs[index]!.key];
            removed.add(index);
          }
        }
        for (const [key, next] of Object.entries(plan.adds)) if (!Object.hasOwn(old, key)) value[key] = next;
        const out = setYamlEntry(before, container, 'intercom', container.shape === 'list' ? (({ name, ...rest }) => rest)(value) : value);
        const after = parseYaml(out.text);
        expect(yamlEntry(after, container, 'intercom')).toEqual(value);
        expect(after.root).toEqual(withOwn(before.root, container, value));
        if (written.length < 300) {
          written.push(out.text.replace(/^\uFEFF/, ''));
          meant.push(after.root);
        }

        // Bytes outside our entry stay.
        const span = rendered.ownSpan!;
        expect(out.text.startsWith(rendered.text.slice(0, span.start))).toBe(true);
        expect(out.text.endsWith(rendered.text.slice(span.end))).toBe(true);

        // Comments: every one stays, in order, but those of a key that went (its own and those right above it). Only an entry
        // whose every key goes is written whole (there is nothing of it to keep).
        const whole = container.shape === 'map' && ownPairs.length > 0 && removed.size === ownPairs.length;
        const lost = new Set<number>();
        for (const index of removed) for (let comment = ownPairs[index]!.comments[0]; comment < ownPairs[index]!.comments[1]; comment++) lost.add(comment);
        const kept = rendered.comments.filter((comment, index) => !lost.has(index) && !(whole && comment.inOwn)).map((comment) => comment.text);
        expect(markedComments(out.text).filter((comment) => kept.includes(comment))).toEqual(kept);
        expect(markedComments(out.text).length).toBe(kept.length);

        // With values changed and no key added or taken away, the lines are the same but those holding a changed value, and on
        // those the key and the comment after the value are as they were.
        if (removed.size === 0 && Object.keys(value).length === Object.keys(old).length) {
          const lines = out.text.replace(/^\uFEFF/, '').split(model.eol);
          const original = rendered.lines.length === 0 ? [''] : [...rendered.lines, ...(model.finalNewline ? [''] : [])];
          expect(lines.length).toBe(original.length);
          const allowed = new Set([...changed].map((index) => ownPairs[index]!.line));
          original.forEach((line, index) => {
            if (!allowed.has(index)) expect(lines[index]).toBe(line);
            else {
              expect(lines[index]!.replace(/#.*$/, '').split(':')[0]).toBe(line.replace(/#.*$/, '').split(':')[0]);
              expect(markedComments(lines[index]!)).toEqual(markedComments(line));
            }
          });
        }

        // A second run changes no byte; remove then takes away exactly the entry, as it would have from the original.
        expect(setYamlEntry(after, container, 'intercom', value)).toEqual({ text: out.text, changed: false });
        const removedAfter = removeYamlEntries(after, [{ container, name: 'intercom' }]).text;
        expect(removedAfter).toBe(removeYamlEntries(before, [{ container, name: 'intercom' }]).text);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    if (hasPyYaml) expect(pyyaml(written)).toEqual(meant);
  });

  it('remove: only our entry goes (its lines and one line break), a second remove changes nothing', () => {
    fc.assert(
      fc.property(docArb, (model) => {
        const rendered = renderDoc(model);
        const container = containerOf(model);
        const before = parseYaml(rendered.text);
        const out = removeYamlEntries(before, [{ container, name: 'intercom' }]);
        expect(out.changed).toBe(rendered.ownSpan !== undefined);
        const after = parseYaml(out.text);
        expect(after.root).toEqual(withoutOwn(before.root, container));
        if (rendered.ownSpan) {
          const lastEntry = yamlEntries(before, container).length === 1;
          if (!lastEntry) {
            // Exactly the entry's lines and the line break before them.
            const eolLength = model.eol.length;
            expect(out.text).toBe(rendered.text.slice(0, rendered.ownSpan.start - eolLength) + rendered.text.slice(rendered.ownSpan.end));
          } else {
            expect(after.root[container.path[0]!]).toEqual(container.shape === 'map' ? {} : []);
          }
          const kept = rendered.comments.filter((comment) => !comment.inOwn).map((comment) => comment.text);
          expect(markedComments(out.text)).toEqual(kept);
        }
        const again = removeYamlEntries(after, [{ container, name: 'intercom' }]);
        expect(again).toEqual({ text: out.text, changed: false });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it.skipIf(!hasPyYaml)('PyYAML reads every document we write as the yaml package does', () => {
    const texts: string[] = [];
    const expected: JsonObject[] = [];
    fc.assert(
      fc.property(docArb, OWN_VALUE, (model, value) => {
        const out = setYamlEntry(parseYaml(renderDoc(model).text), containerOf(model), 'intercom', value).text;
        texts.push(out.replace(/^\uFEFF/, ''));
        expected.push(parseYaml(out).root);
      }),
      { seed: SEED, numRuns: Math.min(RUNS, 200) },
    );
    expect(pyyaml(texts)).toEqual(expected);
  });
});

describe('a large file', () => {
  it('edits a 5 MB config.yaml correctly: a big mapping and a list of 70 000 items (the work is linear; no timing asserted here)', () => {
    const parts = ['# big\nGOOSE_PROVIDER: openai\nextensions:\n'];
    let size = 0;
    for (let index = 0; size < 3_000_000; index++) {
      const part = `  ext${index}:\n    enabled: true  # c${index}\n    type: stdio\n    name: "ext ${index}"\n    cmd: npx\n    args:\n    - -y\n    - pkg-${index}\n    timeout: 300\n`;
      parts.push(part);
      size += part.length;
    }
    parts.push('mcpServers:\n');
    for (let index = 0; index < 70_000; index++) parts.push(`  - name: s${index}\n    url: http://x/${index}\n`);
    parts.push('GOOSE_MODE: auto\n');
    const text = parts.join('');
    expect(text.length).toBeGreaterThan(5_000_000);
    const out = setYamlEntry(parseYaml(text), GOOSE, 'intercom', GOOSE_ENTRY);
    const expectedInsert =
      '  intercom:\n    enabled: true\n    type: streamable_http\n    name: intercom\n    uri: https://mcp.intercom.com/mcp\n    timeout: 300\n';
    expect(out.text).toBe(text.replace('mcpServers:\n', `${expectedInsert}mcpServers:\n`));
    const removed = removeYamlEntries(parseYaml(out.text), [
      { container: GOOSE, name: 'intercom' },
      { container: CONTINUE, name: 's5' },
    ]);
    expect(removed.text).toBe(text.replace('  - name: s5\n    url: http://x/5\n', ''));
  }, 300_000);
});
