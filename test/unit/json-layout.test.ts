/**
 * The fast path for large configs (src/config/json-layout.ts) against jsonc-parser, which the
 * slow path uses: on generated JSON and on generated breakage of it, the fast path must find the
 * same root members as a jsonc-parser visit, and never accept a text that jsonc-parser refuses
 * in strict mode. Then parseDocument on large files, through both paths.
 *
 * The seed is fixed when CI is set and random otherwise; reproduce with FC_SEED=<seed>.
 */
import { GCProfiler, getHeapStatistics } from 'node:v8';
import fc from 'fast-check';
import { visit, type ParseError } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { claudeJsonOfSize } from '../../bench/claude-json.mjs';
import { strictJsonLayout, type TopLevelMember } from '../../src/config/json-layout.js';
import { ConfigParseError, editDocument, findDuplicateKey, parseDocument, splicedParts } from '../../src/config/jsonc.js';
import { propertySeed } from '../helpers/property-seed.js';

const SEED = propertySeed(20_261_125);

/** What jsonc-parser says of a text in strict mode: its errors, and the root's members as the slow path records them. */
function oracle(text: string): { errors: ParseError[]; members: TopLevelMember[]; rootIsObject: boolean } {
  const errors: ParseError[] = [];
  const members: TopLevelMember[] = [];
  let depth = 0;
  let pending: { key: string; keyOffset: number } | undefined;
  let open: TopLevelMember | undefined;
  let rootIsObject = false;
  const begin = (offset: number, isObject: boolean) => {
    depth++;
    if (depth === 1) rootIsObject = isObject;
    if (depth === 2 && pending) open = { ...pending, valueOffset: offset, valueEnd: offset, isObject };
  };
  const end = (offset: number, length: number) => {
    if (depth === 2 && open) {
      members.push({ ...open, valueEnd: offset + length });
      open = undefined;
      pending = undefined;
    }
    depth--;
  };
  visit(
    text,
    {
      onObjectBegin: (offset) => begin(offset, true),
      onObjectEnd: end,
      onArrayBegin: (offset) => begin(offset, false),
      onArrayEnd: end,
      onObjectProperty: (key, offset) => {
        if (depth === 1) pending = { key, keyOffset: offset };
      },
      onLiteralValue: (_value, offset, length) => {
        if (depth === 1 && pending) {
          members.push({ ...pending, valueOffset: offset, valueEnd: offset + length, isObject: false });
          pending = undefined;
        }
        if (depth === 0) rootIsObject = false;
      },
      onError: (error, offset, length) => errors.push({ error, offset, length }),
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true },
  );
  return { errors, members, rootIsObject };
}

// ---- rendering JSON values with every spelling strict JSON allows ------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A small deterministic generator, so one integer from fast-check picks every spelling. */
function spellings(seed: number) {
  let state = seed >>> 0 || 1;
  const next = (n: number) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return (state >>> 8) % n;
  };
  const WHITESPACE = ['', '', ' ', '\n', '\r\n', '\t', '  ', '\n    '];
  const ws = () => WHITESPACE[next(WHITESPACE.length)]!;
  const string = (value: string) =>
    `"${[...value]
      .map((char) => {
        const choice = next(4);
        if (choice === 0) {
          const units = Array.from({ length: char.length }, (_, i) => char.charCodeAt(i).toString(16).padStart(4, '0'));
          return units.map((hex) => `\\u${next(2) ? hex.toUpperCase() : hex}`).join('');
        }
        if (choice === 1 && char === '/') return '\\/';
        return JSON.stringify(char).slice(1, -1);
      })
      .join('')}"`;
  const value = (item: Json): string => {
    if (item === null || typeof item === 'boolean') return String(item);
    if (typeof item === 'number') return next(3) === 0 && Number.isInteger(item) && Math.abs(item) < 1e15 ? `${item}E0` : JSON.stringify(item);
    if (typeof item === 'string') return string(item);
    if (Array.isArray(item)) return `[${ws()}${item.map((inner) => `${value(inner)}${ws()}`).join(`,${ws()}`)}]`;
    return object(Object.entries(item));
  };
  const object = (entries: Array<[string, Json]>) =>
    `{${ws()}${entries.map(([key, item]) => `${string(key)}${ws()}:${ws()}${value(item)}${ws()}`).join(`,${ws()}`)}}`;
  return { ws, object };
}

const KEYS = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('mcpServers', '__proto__', 'projects', 'a', '"', '\\', '\u2028', '😀', '\ud800', '\u0000'));
const STRINGS = fc.oneof(fc.string({ maxLength: 8, unit: 'binary' }), fc.constantFrom('}', ']', '{"a":1}', '\\"', '/*', '//', ','));
const valueArb = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<Json>(null, true, false, 0, -0, 7, -12, 3.25, 1e21, 1.5e-7),
    STRINGS,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(KEYS, tie('value')), { maxLength: 4 }).map((pairs) => Object.fromEntries(pairs) as Json),
  ),
})).value;
/** A root object whose members may repeat a key (clients keep the last; the layout lists both). */
const rootArb = fc.array(fc.tuple(KEYS, valueArb), { maxLength: 6 });
const docArb = fc.record({ pairs: rootArb, seed: fc.integer() }).map(({ pairs, seed }) => {
  // The root's members one by one: Object.fromEntries would merge repeated keys.
  const { ws, object } = spellings(seed);
  return `${ws()}${object(pairs)}${ws()}`;
});

describe('strictJsonLayout', () => {
  it('finds the same root members as jsonc-parser on generated JSON, every spelling', () => {
    fc.assert(
      fc.property(docArb, (text) => {
        const expected = oracle(text);
        expect(expected.errors).toEqual([]);
        const members = strictJsonLayout(text);
        expect(members).toEqual(expected.members);
        for (const member of members!) expect(JSON.parse(text.slice(member.valueOffset, member.valueEnd))).toBeDefined();
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it('never accepts a text that jsonc-parser refuses (generated breakage of valid JSON)', () => {
    const BREAKERS = [
      ',',
      '}',
      ']',
      '{',
      '[',
      '"',
      '\\',
      ':',
      '/',
      '/*',
      '//',
      '*/',
      ' ',
      '\n',
      '\u0000',
      '\u000b',
      '\u00a0',
      'x',
      'e',
      '-',
      '.',
      '0',
      'true',
      'nul',
      '\ufeff',
    ];
    const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 2 }), insert: fc.constantFrom('', ...BREAKERS) });
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(docArb, fc.array(edit, { minLength: 1, maxLength: 3 }), (valid, edits) => {
        let text = valid;
        for (const { at, remove, insert } of edits) {
          const position = at % (text.length + 1);
          text = text.slice(0, position) + insert + text.slice(position + remove);
        }
        const members = strictJsonLayout(text);
        if (members === undefined) {
          refused++;
          return;
        }
        accepted++;
        const expected = oracle(text);
        expect(expected.errors).toEqual([]);
        expect(expected.rootIsObject).toBe(true);
        expect(members).toEqual(expected.members);
        expect(() => JSON.parse(text)).not.toThrow();
      }),
      { seed: SEED, numRuns: 4000 },
    );
    // Both sides were exercised: some breakage still leaves valid JSON (a space, a digit).
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(accepted);
  });

  it("accepts a value below the root's children exactly when JSON.parse does (generated breakage of keys, brackets and separators)", () => {
    // Aimed at the container pattern, which takes those values whole: each edit is one a bracket
    // pairing or a key test that was wrong would let through.
    const STRUCTURE = ['"k":', '"k"', '1,', ':', ',', '{', '}', '[', ']', '{}', '[]', '"', '""', ' '];
    const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 3 }), insert: fc.constantFrom('', ...STRUCTURE) });
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(valueArb, fc.integer(), fc.array(edit, { minLength: 1, maxLength: 2 }), (value, seed, edits) => {
        const { object } = spellings(seed);
        const prefix = '{"numStartups": 1, "projects": {"/p": ';
        let inner = object([['history', value]]);
        for (const { at, remove, insert } of edits) {
          const position = at % (inner.length + 1);
          inner = inner.slice(0, position) + insert + inner.slice(position + remove);
        }
        const text = `${prefix}${inner}}}`;
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        if (valid) accepted++;
        else refused++;
        expect(strictJsonLayout(text) !== undefined, text).toBe(valid);
      }),
      { seed: SEED, numRuns: 4000 },
    );
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });

  it.each([
    ['a line comment', '{"a": 1 // one\n}'],
    ['a block comment', '{"a": /* one */ 1}'],
    ['a comment deep inside a value', '{"projects": {"p": {"history": [1, /* x */ 2]}}}'],
    ['a trailing comma at the root', '{"a": 1,}'],
    ['a trailing comma deep inside', '{"projects": {"p": {"h": [1, 2,]}}}'],
    ['a root that is an array', '[{"a": 1}]'],
    ['a root that is a string', '"text"'],
    ['nothing', ''],
    ['only whitespace', ' \n '],
    ['text after the root', '{"a": 1} {}'],
    ['a missing comma deep inside', '{"projects": {"p": {"a": 1 "b": 2}}}'],
    ['an unclosed string deep inside', '{"projects": {"p": {"a": "x}}}}'],
    ['a control character in a string deep inside', '{"projects": {"p": {"a": "x\u0001y"}}}'],
    ['an invalid escape in a key', '{"projects": {"p\\q": 1}}'],
    ['a number with a leading zero', '{"a": 01}'],
    ['a single-quoted key', "{'a': 1}"],
    ['a vertical tab for whitespace', '{"a":\u000b1}'],
    ['a byte-order mark inside', '{"a":\ufeff1}'],
    ['brackets that pair by count but not by kind', '{"projects": {"p": {"a": [1}]}}'],
    ['an array closed by a brace deep inside', '{"projects": {"p": [[1}]}}'],
    ['an object closed by a bracket deep inside', '{"projects": {"p": [{"a": 1]]}}'],
    ['a key in an array deep inside', '{"projects": {"p": [1, "a": 2]}}'],
    ['a keyed array whose brackets still add up', '{"projects": {"p": [["a": 1]]}}'],
    ['a value without a key in an object deep inside', '{"projects": {"p": {"a": 1, 2}}}'],
    ['a key without a value deep inside', '{"projects": {"p": {"a"}}}'],
    ['an object where a key should be, its brackets adding up', '{"projects": {"p": {"a": 1, {""}"}}}'],
    ['a colon where a key should be', '{"projects": {"p": {"a": 1, : 2}}}'],
  ])('returns undefined for %s (jsonc-parser decides)', (_label, text) => {
    expect(strictJsonLayout(text)).toBeUndefined();
  });

  it('lists repeated root keys in order, and a "__proto__" key like any other', () => {
    const text = '{"mcpServers": {"a": {}}, "__proto__": {"x": 1}, "mcpServers": {"b": {}}}';
    expect(strictJsonLayout(text)?.map((member) => member.key)).toEqual(['mcpServers', '__proto__', 'mcpServers']);
    expect(strictJsonLayout(text)).toEqual(oracle(text).members);
  });

  it('gives up on nesting deeper than it matches, and on nesting that would break a recursive parser, without throwing', () => {
    const nested = (depth: number) => `{"projects": {"p": ${'['.repeat(depth)}1${']'.repeat(depth)}}}`;
    expect(strictJsonLayout(nested(20))).toEqual(oracle(nested(20)).members);
    expect(strictJsonLayout(nested(200))).toBeUndefined();
    expect(strictJsonLayout(`{"a": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`)).toBeUndefined();
    expect(strictJsonLayout(`{${'"a":{'.repeat(50_000)}${'}'.repeat(50_000)}}`)).toBeUndefined();
  });

  it('checks a value nested deeper than one match takes as strictly, down to its innermost level', () => {
    // Twenty-four levels below the project, arrays and objects in turn: the outer ones are
    // walked, the inner ones matched.
    let value = '1';
    for (let level = 0; level < 12; level++) value = level % 2 ? `{"k${level}": [${value}, "x"]}` : `[{"a": ${value}}, 2]`;
    const text = `{"projects": {"p": ${value}}, "mcpServers": {}}`;
    expect(strictJsonLayout(text)).toEqual(oracle(text).members);
    const innermost = '[{"a": 1}, 2]';
    expect(text).toContain(innermost);
    for (const broken of ['[{"a": 1},, 2]', '[{"a": 1,}, 2]', '[{"a" 1}, 2]', '[{"a": 1}, 2}', '[{"a": 1], 2]', '[{"a": 1}, "b": 2]'].map((inner) =>
      text.replace(innermost, inner),
    )) {
      expect(broken).not.toBe(text);
      expect(() => JSON.parse(broken)).toThrow();
      expect(strictJsonLayout(broken)).toBeUndefined();
    }
  });

  it('checks a large file without building its values: what it allocates does not grow with the file', () => {
    // JSON.parse of each value did the check before: garbage of about the file's size, which the
    // peak memory of a 1 MB file's setup carried (docs/performance.md). Read as a file is: flat.
    const text = Buffer.from(claudeJsonOfSize(8 * 1024 * 1024)).toString('utf8');
    for (let i = 0; i < 3; i++) strictJsonLayout('{"projects": {"p": {"h": [1, {"d": "e"}]}}}');
    const profiler = new GCProfiler();
    profiler.start();
    const before = getHeapStatistics().used_heap_size;
    const members = strictJsonLayout(text);
    const after = getHeapStatistics().used_heap_size;
    const collected = profiler.stop().statistics.reduce((sum, gc) => sum + gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize, 0);
    expect(members?.map((member) => member.key)).toEqual(['numStartups', 'projects', 'mcpServers']);
    const allocated = after - before + collected;
    expect(allocated, `${(allocated / 1048576).toFixed(2)} MB allocated`).toBeLessThan(text.length / 20);
  });

  it('walks a value too large for one match (a project of 1 MB, its history of 1 MB): same layout, and breakage in it still found', () => {
    const history = Array.from({ length: 4000 }, (_, i) => ({ display: `step ${i} ${'x'.repeat(200)}`, pastedContents: {}, nested: [[{ a: [i] }]] }));
    const text = JSON.stringify({ numStartups: 1, projects: { '/p': { history, mcpServers: {} }, '/q': {} }, mcpServers: { a: {} } }, null, 2);
    expect(text.length).toBeGreaterThan(1024 * 1024);
    expect(strictJsonLayout(text)).toEqual(oracle(text).members);
    for (const broken of [
      text.replace('"step 3999', '"step 3999\u0001'),
      text.replace('"nested": [\n', '"nested": [\n,'),
      text.replace('        }\n      ],\n', '        },\n      ],\n'),
    ]) {
      expect(broken).not.toBe(text);
      expect(oracle(broken).errors.length).toBeGreaterThan(0);
      expect(strictJsonLayout(broken)).toBeUndefined();
    }
  });

  it('reads a file whose one project holds 20 MB (one match of it would exhaust the regular-expression stack)', () => {
    const entry = JSON.stringify({ display: `fix the report ${'x'.repeat(200)}`, pastedContents: {} });
    const history = `[${new Array(90_000).fill(entry).join(',')}]`;
    const text = `{"numStartups":1,"projects":{"/p":{"history":${history},"mcpServers":{}}},"mcpServers":{"a":{}}}`;
    expect(text.length).toBeGreaterThan(20 * 1024 * 1024);
    const members = strictJsonLayout(text);
    expect(members?.map((member) => [member.key, member.valueOffset, member.valueEnd])).toEqual([
      ['numStartups', 15, 16],
      ['projects', 28, text.length - 23],
      ['mcpServers', text.length - 9, text.length - 1],
    ]);
  });

  it('does not backtrack without end on a long broken value (runs and strings alternating, never closed)', () => {
    const broken = `{"projects": {"p": {"h": [${'1 , "x" , '.repeat(20_000)}`;
    expect(strictJsonLayout(broken)).toBeUndefined();
    const unclosedString = `{"projects": {"p": {"h": "${'a '.repeat(50_000)}}}}`;
    expect(strictJsonLayout(unclosedString)).toBeUndefined();
  });
});

// ---- parseDocument on large files: the fast path, and jsonc-parser where it gives up ----------

/** A ~/.claude.json the shape Claude Code writes, over 64 kB (the fast path's threshold). */
function largeClaudeJson(extra: { projectsTail?: string } = {}): string {
  const projects: Record<string, unknown> = {};
  for (let i = 0; i < 300; i++) {
    projects[`/home/ana/work/p${i}`] = {
      allowedTools: [],
      history: [{ display: `step ${i} ${'x'.repeat(200)}`, pastedContents: {} }],
      mcpServers: { local: { command: 'node', args: ['s.js'] } },
    };
  }
  const text = JSON.stringify({ numStartups: 3, projects, mcpServers: { other: { type: 'http', url: 'https://example.test/mcp' } }, userID: 'u' }, null, 2);
  return extra.projectsTail ? text.replace('"projects": {', `"projects": {${extra.projectsTail}`) : text;
}

describe('parseDocument on a large file', () => {
  it('reads the servers object (and only it) through the fast path, and edits inside it alone', () => {
    const text = largeClaudeJson();
    expect(text.length).toBeGreaterThan(64 * 1024);
    for (const format of ['json', 'jsonc'] as const) {
      const document = parseDocument(text, format, ['mcpServers']);
      expect(document.root).toEqual({ mcpServers: JSON.parse(text).mcpServers });
      const edited = editDocument(document, ['mcpServers', 'intercom'], { type: 'sse', url: 'https://mcp.intercom.com/sse' });
      const serversAt = text.lastIndexOf('"mcpServers"');
      expect(edited.slice(0, serversAt)).toBe(text.slice(0, serversAt));
      expect(JSON.parse(edited)).toEqual({
        ...JSON.parse(text),
        mcpServers: { ...JSON.parse(text).mcpServers, intercom: { type: 'sse', url: 'https://mcp.intercom.com/sse' } },
      });
    }
  });

  it('the whole root (list, doctor) is the one jsonc-parser gives for the same text with a comment at its end', () => {
    const tricky = '"__proto__": {"polluted": true}, "10": -0, "2": 1e400, "dup": 1, "esc\\u00e9": "\\ud83d\\ude00\\/", "dup": [2], ';
    const text = largeClaudeJson().replace('{\n', `{\n  ${tricky}\n`);
    expect(strictJsonLayout(text)).toBeDefined();
    const fast = parseDocument(text, 'jsonc');
    const slow = parseDocument(`${text}\n// through jsonc-parser\n`, 'jsonc');
    expect(fast.root).toEqual(slow.root);
    expect(Object.keys(fast.root)).toEqual(Object.keys(slow.root));
    expect(Object.hasOwn(fast.root, '__proto__')).toBe(true);
    expect(Object.is(fast.root['10'], -0)).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('gives the same root as jsonc-parser when the file holds a comment (jsonc) deep inside', () => {
    const text = largeClaudeJson({ projectsTail: '\n    // a note\n' });
    const document = parseDocument(text, 'jsonc', ['mcpServers']);
    expect(document.root).toEqual({ mcpServers: { other: { type: 'http', url: 'https://example.test/mcp' } } });
  });

  it('refuses a strict file with a trailing comma deep inside with its line and column, as on a small file', () => {
    const text = largeClaudeJson().replace('"allowedTools": []', '"allowedTools": [1,]');
    const offset = text.indexOf('[1,]') + 3;
    const line = text.slice(0, offset).split('\n').length;
    const column = offset - text.lastIndexOf('\n', offset - 1);
    expect(() => parseDocument(text, 'json', ['mcpServers'])).toThrow(ConfigParseError);
    expect(() => parseDocument(text, 'json', ['mcpServers'])).toThrow(`line ${line}, column ${column}: trailing commas are not allowed in this file`);
  });

  it('finds a repeated servers key of a large file at its line (the layout the fast path recorded)', () => {
    const text = largeClaudeJson().replace(/\n}$/, ',\n  "mcpServers": {\n    "intercom": {}\n  }\n}');
    const document = parseDocument(text, 'json', ['mcpServers']);
    expect(document.root).toEqual({ mcpServers: { intercom: {} } });
    const line = text.slice(0, text.lastIndexOf('"mcpServers"')).split('\n').length;
    expect(findDuplicateKey(document.body, ['mcpServers', 'intercom'])).toEqual({ key: 'mcpServers', line, column: 3 });
  });
});

describe("the parts of a large file's edit (what the writer writes one after the other)", () => {
  it('are the file before the servers object, the edited object and the file after it: slices of the text as read, adding up to the edit', () => {
    const text = largeClaudeJson();
    const edited = editDocument(parseDocument(text, 'json', ['mcpServers']), ['mcpServers', 'intercom'], { type: 'sse', url: 'https://mcp.intercom.com/sse' });
    const parts = splicedParts(edited);
    expect(parts).toBeDefined();
    expect(parts!.join('')).toBe(edited);
    expect(parts).toHaveLength(3);
    expect(text.startsWith(parts![0]!)).toBe(true);
    expect(text.endsWith(parts![2]!)).toBe(true);
    expect(parts![0]!.length + parts![2]!.length).toBeGreaterThan(text.length - 200);
    // Removing the entry again is a splice too, and its parts give the file back.
    const removed = editDocument(parseDocument(edited, 'json', ['mcpServers']), ['mcpServers', 'intercom'], undefined);
    expect(splicedParts(removed)?.join('')).toBe(text);
  });

  it('are given only for the text they make up: an equal text made elsewhere gets them, any other text none', () => {
    const text = largeClaudeJson();
    const edited = editDocument(parseDocument(text, 'json', ['mcpServers']), ['mcpServers', 'intercom'], { type: 'sse', url: 'https://mcp.intercom.com/sse' });
    expect(splicedParts(`${edited.slice(0, 10)}${edited.slice(10)}`)?.join('')).toBe(edited);
    expect(splicedParts(`${edited.slice(0, -2)}X\n`)).toBeUndefined();
    expect(splicedParts(text)).toBeUndefined();
  });
});

describe('an edit inside the servers object alone', () => {
  it('an empty one on one line, as Claude Code writes it: every byte around it kept, the entry on that line; remove gives the file back', () => {
    for (const spacing of [' ', '   ']) {
      const text = largeClaudeJson().replace(/\n {2}"mcpServers": \{[^]*?\n {2}\}/, `\n  "mcpServers":${spacing}{}`);
      const at = text.lastIndexOf('{}');
      const edited = editDocument(parseDocument(text, 'json', ['mcpServers']), ['mcpServers', 'intercom'], {
        type: 'sse',
        url: 'https://mcp.intercom.com/sse',
      });
      expect(edited.slice(0, at)).toBe(text.slice(0, at));
      expect(edited.slice(at)).toBe(`{"intercom": {"type": "sse", "url": "https://mcp.intercom.com/sse"}}${text.slice(at + 2)}`);
      expect(editDocument(parseDocument(edited, 'json', ['mcpServers']), ['mcpServers', 'intercom'], undefined)).toBe(text);
    }
  });

  it('one that shares its line with another key: the entry goes on that line, nothing else moves', () => {
    const text = '{"a": 1, "mcpServers": {}}';
    const edited = editDocument(parseDocument(text, 'jsonc', ['mcpServers']), ['mcpServers', 'intercom'], { url: 'u' });
    expect(edited).toBe('{"a": 1, "mcpServers": {"intercom": {"url": "u"}}}');
    expect(editDocument(parseDocument('{"a":1,"mcpServers":{"b":{}}}', 'jsonc', ['mcpServers']), ['mcpServers', 'intercom'], { url: 'u' })).toBe(
      '{"a":1,"mcpServers":{"b":{},"intercom":{"url":"u"}}}',
    );
  });
});
