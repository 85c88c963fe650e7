/**
 * Property tests of the editing engine (planEntryUpsert / planEntryRemoval, and updateConfigFile
 * for refusals), over generated documents: comments of both kinds in every gap, trailing commas,
 * LF, CRLF, CR and mixed, tabs, a BOM, unicode keys and every kind of string escape, nesting,
 * "__proto__" keys, and entries under our name, legacy Intercom entries and other people's. Then
 * the bytes: the same documents, and the same values laid out as programs and people write them
 * (minified, 2 or 4 spaces, tabs, LF/CRLF/CR, comments after members, trailing commas, empty
 * objects on one line or several, the last member on the closing brace's line), must keep every
 * byte outside our entry, and setup then remove must give the input back byte for byte.
 *
 * The seed is fixed when CI is set and random otherwise; fast-check prints it (and the path to
 * the shrunk case) when a property fails. Reproduce with FC_SEED=<seed> [FC_RUNS=<n>].
 */
import fc from 'fast-check';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseTree, type Node as TreeNode } from 'jsonc-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigShape } from '../../src/clients/types.js';
import { updateConfigFile } from '../../src/config/files.js';
import { ConfigParseError } from '../../src/config/jsonc.js';
import { planEntryRemoval, planEntryUpsert, type EntryRequest } from '../../src/engine/json-plan.js';
import { dropUnusedInputs, ensureInputs, inputIdsIn, tokenInput } from '../../src/clients/vscode-inputs.js';
import type { JsonObject } from '../../src/config/json-types.js';
import {
  commentsIn,
  defineOwn,
  oracleParse,
  renderDoc,
  tokens,
  valueOf,
  withoutEmptyContainers,
  type Doc,
  type Eol,
  type Item,
  type JString,
  type Json,
  type Member,
  type Node,
  type Rendered,
  type Role,
  type Trivia,
  type TriviaPiece,
} from '../helpers/jsonc-gen.js';
import { isMap, mergedEntry, type JsonMap } from '../helpers/entry-oracle.js';
import { propertySeed } from '../helpers/property-seed.js';

const SEED = propertySeed(20_250_607);
const RUNS = process.env.FC_RUNS ? Number(process.env.FC_RUNS) : 2000;
const params = (numRuns: number) => ({ seed: SEED, numRuns });

// ---- shapes, names and entries ------------------------------------------------------------------

interface Shape {
  label: string;
  shape: ConfigShape;
}
const CURSOR: Shape = { label: 'cursor', shape: { format: 'jsonc', serversKey: 'mcpServers' } };
const VSCODE: Shape = { label: 'vscode', shape: { format: 'jsonc', serversKey: 'servers', ignoredKeys: ['mcpServers'] } };
const STRICT: Shape = { label: 'claude', shape: { format: 'json', serversKey: 'mcpServers' } };

const INTERCOM_URLS = ['https://mcp.intercom.com/sse', 'https://mcp.intercom.com/mcp', 'https://mcp.eu.intercom.com/sse', 'https://mcp.eu.intercom.com/mcp'];
/** Names that pass --name's rule. */
const NAMES = ['intercom', 'Intercom', 'intercom-eu', 'my.intercom_2', 'x', 'INTERCOM'];

function entriesFor(url: string): JsonObject[] {
  return [
    { command: 'npx', args: ['-y', 'mcp-remote', url] },
    { type: 'stdio', command: 'npx', args: ['-y', 'mcp-remote', url] },
    { command: 'cmd', args: ['/c', 'npx', '-y', 'mcp-remote', url] },
    { url },
    { type: 'http', url },
    { serverUrl: url },
    // The token variants: the token key inside `env` or `headers` is ours, the rest of them is not.
    { command: 'npx', args: ['-y', 'mcp-remote', url, '--header', 'Authorization:${AUTH_HEADER}'], env: { AUTH_HEADER: 'Bearer ${env:T}' } },
    { type: 'http', url, headers: { Authorization: 'Bearer ${env:T}' } },
  ];
}

/** Keys people add to an entry (and setup must keep): a proxy and a CA, switches, lists, unknown keys, other headers. */
const USER_KEYS: JsonObject[] = [
  { env: { HTTPS_PROXY: 'http://proxy.corp:8080', NODE_EXTRA_CA_CERTS: '/etc/corp-ca.pem' } },
  { env: { AUTH_HEADER: 'Bearer ${env:OLD}', HTTPS_PROXY: 'http://proxy.corp:8080' } },
  { env: {} },
  { headers: { Authorization: 'Bearer ${env:OLD}' } },
  { headers: { 'X-Trace': '1', Authorization: 'Bearer ${env:OLD}' } },
  { disabled: true, autoApprove: ['search'], disabledTools: ['delete_contact'] },
  { alwaysAllow: ['search'], timeout: 60 },
  { enabled: false, 'future-key': { nested: [1, 'two'] } },
  { env: 'not an object' },
];
const entryArb = fc.constantFrom(...INTERCOM_URLS).chain((url) => fc.record({ url: fc.constant(url), entry: fc.constantFrom(...entriesFor(url)) }));

// ---- generators ---------------------------------------------------------------------------------

interface Style {
  comments: boolean;
  trailingCommas: boolean;
}
const JSONC: Style = { comments: true, trailingCommas: true };
const JSON_ONLY: Style = { comments: false, trailingCommas: false };

/** Characters for strings and comment text: quotes, backslashes, brackets, controls, astral, U+2028, a BOM, a lone surrogate. No '#'. */
const CHARS = [
  'a',
  'b',
  'z',
  'A',
  'Z',
  '0',
  '9',
  ' ',
  '-',
  '_',
  '.',
  '/',
  '\\',
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '*',
  '$',
  'é',
  'ß',
  '中',
  '😀',
  '\u0000',
  '\u0001',
  '\u001f',
  '\u007f',
  '\t',
  '\n',
  '\r',
  '\u2028',
  '\u2029',
  '\u00a0',
  '\ufeff',
  '\ud800',
];
const COMMENT_CHARS = CHARS.filter((char) => !/[\r\n\u0000\ud800]/.test(char));
/** Comment text that looks like JSON, to catch anything that reads comments as content. */
const DECOYS = [
  '"intercom": {"url": "https://mcp.intercom.com/sse"},',
  '"mcpServers": {',
  '}, {',
  '// not a line comment in a block',
  '"servers": []',
  ',,,',
  '/ * almost',
];

function jstring(values: fc.Arbitrary<string>): fc.Arbitrary<JString> {
  return fc.record({ value: values, styles: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }) });
}
const textArb = fc.array(fc.constantFrom(...CHARS), { maxLength: 8 }).map((chars) => chars.join(''));
const keyWords = fc.constantFrom(
  'name',
  'theme',
  'a',
  '',
  'é',
  '😀 key',
  'mcpServers',
  'servers',
  'MCPSERVERS',
  'Servers',
  '__proto__',
  'constructor',
  'toString',
  'intercom',
  'Intercom',
  'INTERCOM',
  'url',
  'hasOwnProperty',
);
const keyArb = jstring(fc.oneof(keyWords, textArb));
/** Keys that an object-as-map gets wrong ("__proto__" sets the prototype when assigned). */
const trickyKeyArb = jstring(
  fc.oneof(
    { arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf'), weight: 1 },
    { arbitrary: keyWords, weight: 2 },
    { arbitrary: textArb, weight: 2 },
  ),
);

function commentTextArb(block: boolean): fc.Arbitrary<string> {
  const plain = fc.array(fc.constantFrom(...COMMENT_CHARS, ...(block ? ['\n'] : [])), { maxLength: 10 }).map((chars) => chars.join(''));
  return fc.oneof(plain, fc.constantFrom(...DECOYS)).map((text) => (block ? text.replace(/\*\//g, '* /') : text));
}
const eolArb = fc.constantFrom<Eol>('\n', '\r\n');

function triviaArb(style: Style): fc.Arbitrary<Trivia> {
  const pieces: Array<fc.Arbitrary<TriviaPiece>> = [
    fc.constantFrom(' ', '  ', '    ', '\t', '\t\t', ' \t').map((text): TriviaPiece => ({ kind: 'ws', text })),
    eolArb.map((eol): TriviaPiece => ({ kind: 'nl', eol })),
  ];
  if (style.comments) {
    pieces.push(
      fc.record({ text: commentTextArb(false), eol: eolArb }).map((c): TriviaPiece => ({ kind: 'line', ...c })),
      fc.record({ text: commentTextArb(true), eol: eolArb }).map((c): TriviaPiece => ({ kind: 'block', ...c })),
    );
  }
  return fc.oneof({ arbitrary: fc.constant<Trivia>([]), weight: 3 }, { arbitrary: fc.array(fc.oneof(...pieces), { minLength: 1, maxLength: 3 }), weight: 2 });
}

const NUMBERS = ['0', '-0', '7', '-12', '3.25', '1e3', '-2E-2', '1.5e+10', '12345678901234567890', '1e400', '0.1'];

interface Arbs {
  trivia: fc.Arbitrary<Trivia>;
  trailing: fc.Arbitrary<boolean>;
  /** Values up to a depth, by depth. */
  values: Array<fc.Arbitrary<Node>>;
}

function membersToObject(members: Member[], trailingComma: boolean, inner: Trivia): Node {
  return { kind: 'object', members, trailingComma: trailingComma && members.length > 0, inner };
}

function memberArb(arbs: Arbs, key: fc.Arbitrary<JString>, value: fc.Arbitrary<Node>, role: Role = 'other'): fc.Arbitrary<Member> {
  return fc.record({ key, before: arbs.trivia, afterKey: arbs.trivia, afterColon: arbs.trivia, value, afterValue: arbs.trivia }).map((m) => ({ ...m, role }));
}

function uniqueMembers(list: fc.Arbitrary<Member>, maxLength: number): fc.Arbitrary<Member[]> {
  return fc.uniqueArray(list, { maxLength, selector: (member) => member.key.value });
}

function makeArbs(style: Style, maxDepth = 3): Arbs {
  const trivia = triviaArb(style);
  const trailing = style.trailingCommas ? fc.boolean() : fc.constant(false);
  const scalar = fc.oneof(
    fc.constantFrom('true', 'false', 'null', ...NUMBERS).map((raw): Node => ({ kind: 'literal', raw })),
    jstring(textArb).map((str): Node => ({ kind: 'string', str })),
  );
  const values: Array<fc.Arbitrary<Node>> = [scalar];
  const arbs: Arbs = { trivia, trailing, values };
  for (let depth = 1; depth <= maxDepth; depth++) {
    const inner = values[depth - 1]!;
    const array = fc
      .record({ items: fc.array(fc.record({ before: trivia, value: inner, afterValue: trivia }), { maxLength: 3 }), trailingComma: trailing, inner: trivia })
      .map(({ items, trailingComma, inner: innerTrivia }): Node => ({
        kind: 'array',
        items: items as Item[],
        trailingComma: trailingComma && items.length > 0,
        inner: innerTrivia,
      }));
    const object = fc
      .record({ members: uniqueMembers(memberArb(arbs, keyArb, inner), 3), trailingComma: trailing, inner: trivia })
      .map(({ members, trailingComma, inner: innerTrivia }) => membersToObject(members, trailingComma, innerTrivia));
    values.push(fc.oneof({ arbitrary: scalar, weight: 3 }, { arbitrary: array, weight: 1 }, { arbitrary: object, weight: 1 }));
  }
  return arbs;
}

/** A node for a fixed JSON value, with random trivia and spellings. */
function nodeOf(arbs: Arbs, value: Json): fc.Arbitrary<Node> {
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return fc.constant<Node>({ kind: 'literal', raw: JSON.stringify(value) });
  if (typeof value === 'string') return jstring(fc.constant(value)).map((str): Node => ({ kind: 'string', str }));
  if (Array.isArray(value)) {
    const items = value.map((item) => fc.record({ before: arbs.trivia, value: nodeOf(arbs, item), afterValue: arbs.trivia }));
    return fc
      .record({ items: fc.tuple(...items), trailingComma: arbs.trailing, inner: arbs.trivia })
      .map(({ items: list, trailingComma, inner }): Node => ({ kind: 'array', items: list, trailingComma: trailingComma && list.length > 0, inner }));
  }
  const members = Object.entries(value).map(([key, inner]) => memberArb(arbs, jstring(fc.constant(key)), nodeOf(arbs, inner)));
  return fc
    .record({ members: fc.tuple(...members), trailingComma: arbs.trailing, inner: arbs.trivia })
    .map(({ members: list, trailingComma, inner }) => membersToObject(list, trailingComma, inner));
}

/** Intercom entries that are not ours: replaced by setup (legacy) or left alone (duplicates). */
function intercomValues(oneString: boolean): fc.Arbitrary<Json> {
  return fc
    .constantFrom(...INTERCOM_URLS, 'https://app.intercom.com/a')
    .map((url): Json => (oneString ? { type: 'Command', command: `npx -y mcp-remote ${url}` } : { url, note: 'x' }));
}

function caseVariants(name: string): string[] {
  const variants = [name.toUpperCase(), name.toLowerCase(), name[0]!.toUpperCase() + name.slice(1), name.replace(/[a-z]/, (c) => c.toUpperCase())];
  return [...new Set(variants)].filter((variant) => variant !== name);
}

interface Case {
  shape: Shape;
  name: string;
  url: string;
  entry: JsonObject;
  /** A second entry for a second setup (often the same). */
  entry2: JsonObject;
  doc: Doc;
}

/** Where our entries go, and what is in there: roles decided here, never by the engine. */
function containerArb(arbs: Arbs, name: string, ignored: boolean): fc.Arbitrary<Member[]> {
  const notName = trickyKeyArb.filter((key) => key.value !== name && (!ignored || key.value.toLowerCase() !== name.toLowerCase()));
  const others = uniqueMembers(memberArb(arbs, notName, arbs.values[2]!), 3);
  const variants = caseVariants(name);
  const legacyByCase = variants.length
    ? fc.constantFrom(...variants).chain((key) =>
        memberArb(
          arbs,
          jstring(fc.constant(key)),
          intercomValues(false).chain((v) => nodeOf(arbs, v)),
          'legacy',
        ),
      )
    : undefined;
  const legacyOneString = memberArb(
    arbs,
    jstring(fc.constantFrom('old-intercom', 'Intercom MCP', 'i')),
    intercomValues(true).chain((v) => nodeOf(arbs, v)),
    'legacy',
  );
  const legacyAny = ignored
    ? memberArb(
        arbs,
        jstring(fc.constantFrom('old-intercom', 'support')),
        intercomValues(false).chain((v) => nodeOf(arbs, v)),
        'legacy',
      )
    : undefined;
  const duplicate = memberArb(
    arbs,
    jstring(fc.constantFrom('intercom-http', 'support-bot')),
    intercomValues(false).chain((v) => nodeOf(arbs, v)),
    'duplicate',
  );
  const special = fc.array(
    fc.oneof(...[legacyByCase, legacyOneString, legacyAny, ...(ignored ? [] : [duplicate])].filter((arb): arb is fc.Arbitrary<Member> => arb !== undefined)),
    { maxLength: 2 },
  );
  return fc.tuple(others, special, fc.integer({ min: 0, max: 10 })).map(([base, extra, seed]) => {
    const members = [...base];
    for (const member of extra) {
      if (members.some((m) => m.key.value === member.key.value)) continue;
      members.splice((seed * 7 + members.length) % (members.length + 1), 0, member);
    }
    return members;
  });
}

function ownArb(arbs: Arbs, name: string, entry: JsonObject): fc.Arbitrary<Member | undefined> {
  // The person's keys, in the entry before or after the endpoint keys.
  const withUserKeys = fc
    .tuple(fc.constantFrom(...USER_KEYS), entryArb, fc.boolean())
    .chain(([extra, other, first]) => nodeOf(arbs, (first ? { ...extra, ...other.entry } : { ...other.entry, ...extra }) as Json));
  const value = fc.oneof(
    nodeOf(arbs, entry),
    arbs.values[2]!,
    intercomValues(false).chain((v) => nodeOf(arbs, v)),
    withUserKeys,
  );
  return fc.option(memberArb(arbs, jstring(fc.constant(name)), value, 'own'), { nil: undefined, freq: 2 });
}

/** A deeply nested value, as text (the model's own recursion would not survive 100 000 levels). */
function deepNode(depth: number, objects: boolean): Node {
  const raw = objects ? `${'{"k":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}1${']'.repeat(depth)}`;
  return { kind: 'literal', raw };
}

type EolMode = 'lf' | 'crlf' | 'cr' | 'mixed';

/** Makes every line ending of a document LF, CRLF or CR, or leaves the mix. */
function withEols(doc: Doc, mode: EolMode): Doc {
  if (mode === 'mixed') return doc;
  const eol: Eol = mode === 'lf' ? '\n' : mode === 'cr' ? '\r' : '\r\n';
  const fixTrivia = (trivia: Trivia): Trivia => trivia.map((piece) => (piece.kind === 'ws' ? piece : { ...piece, eol }));
  const fixNode = (node: Node): Node => {
    if (node.kind === 'object') {
      return {
        ...node,
        inner: fixTrivia(node.inner),
        members: node.members.map((m) => ({
          ...m,
          before: fixTrivia(m.before),
          afterKey: fixTrivia(m.afterKey),
          afterColon: fixTrivia(m.afterColon),
          afterValue: fixTrivia(m.afterValue),
          value: fixNode(m.value),
        })),
      };
    }
    if (node.kind === 'array') {
      return {
        ...node,
        inner: fixTrivia(node.inner),
        items: node.items.map((item) => ({ before: fixTrivia(item.before), afterValue: fixTrivia(item.afterValue), value: fixNode(item.value) })),
      };
    }
    return node;
  };
  return { ...doc, leading: fixTrivia(doc.leading), trailing: fixTrivia(doc.trailing), root: doc.root && fixNode(doc.root) };
}

function caseArb(style: Style, shapes: Shape[], options: { deep?: fc.Arbitrary<number>; allowEmpty?: boolean } = {}): fc.Arbitrary<Case> {
  const arbs = makeArbs(style);
  return fc
    .record({ shape: fc.constantFrom(...shapes), name: fc.constantFrom(...NAMES), first: entryArb, second: fc.option(entryArb, { nil: undefined }) })
    .chain(({ shape, name, first, second }) => {
      const { serversKey, ignoredKeys = [] } = shape.shape;
      const reserved = new Set([serversKey, ...ignoredKeys]);
      const rootOthers = uniqueMembers(
        memberArb(
          arbs,
          keyArb.filter((key) => !reserved.has(key.value)),
          arbs.values[3]!,
        ),
        3,
      );
      const servers = fc.option(
        fc.tuple(containerArb(arbs, name, false), ownArb(arbs, name, first.entry), fc.integer({ min: 0, max: 10 })).map(([members, own, at]) => {
          if (own) members.splice(at % (members.length + 1), 0, own);
          return members;
        }),
        { nil: undefined, freq: 4 },
      );
      const ignoredContainers = ignoredKeys.map((key) =>
        fc.option(
          containerArb(arbs, name, true).map((members) => ({ key, members })),
          { nil: undefined },
        ),
      );
      const deep = options.deep ? fc.tuple(options.deep, fc.boolean()).map(([depth, objects]) => deepNode(depth, objects)) : fc.constant(undefined);
      return fc
        .record({
          others: rootOthers,
          servers,
          ignored: fc.tuple(...ignoredContainers),
          deep,
          positions: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 3, maxLength: 3 }),
          containerTrivia: fc.array(fc.tuple(arbs.trivia, arbs.trivia, arbs.trivia, arbs.trivia, arbs.trivia, arbs.trailing), { minLength: 3, maxLength: 3 }),
          rootTrailing: arbs.trailing,
          rootInner: arbs.trivia,
          leading: arbs.trivia,
          trailing: arbs.trivia,
          bom: fc.boolean(),
          empty: options.allowEmpty ? fc.integer({ min: 0, max: 30 }).map((n) => n === 0) : fc.constant(false),
          eols: fc.constantFrom<EolMode>('lf', 'crlf', 'cr', 'mixed'),
        })
        .map((parts): Case => {
          const members = [...parts.others];
          const containers: Array<{ key: string; members: Member[] }> = [];
          if (parts.servers) containers.push({ key: serversKey, members: parts.servers });
          for (const ignored of parts.ignored) if (ignored) containers.push(ignored);
          containers.forEach((container, index) => {
            const [before, afterKey, afterColon, afterValue, inner, trailingComma] = parts.containerTrivia[index]!;
            const member: Member = {
              key: { value: container.key, styles: [index] },
              before,
              afterKey,
              afterColon,
              afterValue,
              value: membersToObject(container.members, trailingComma, inner),
              role: 'other',
            };
            members.splice(parts.positions[index]! % (members.length + 1), 0, member);
          });
          if (parts.deep)
            members.push({ key: { value: 'deep', styles: [0] }, before: [], afterKey: [], afterColon: [], value: parts.deep, afterValue: [], role: 'other' });
          const root = parts.empty ? undefined : membersToObject(members, parts.rootTrailing, parts.rootInner);
          const doc = withEols({ bom: parts.bom, leading: parts.leading, root, trailing: parts.trailing }, parts.eols);
          return { shape, name, url: first.url, entry: first.entry, entry2: second?.entry ?? first.entry, doc };
        });
    });
}

// ---- the oracle's expectations ------------------------------------------------------------------

function request(c: Case, url = c.url): EntryRequest {
  return { shape: c.shape.shape, name: c.name, extraUrls: [url] };
}

function containerKeys(c: Case): string[] {
  return [c.shape.shape.serversKey, ...(c.shape.shape.ignoredKeys ?? [])];
}

/** The input's value without our entry and the legacy ones, as remove must leave it. */
function expectedWithout(c: Case): Json {
  const value = c.doc.root ? valueOf(c.doc.root, new Set<Role>(['own', 'legacy'])) : {};
  return withoutEmptyContainers(value, containerKeys(c));
}

/** The input's value after setup with each entry in turn: ours merged into the old one in place, or appended to the servers. */
function expectedWith(c: Case, ...entries: JsonObject[]): Json {
  const base = (c.doc.root ? valueOf(c.doc.root, new Set<Role>(['legacy'])) : {}) as JsonMap;
  const { serversKey } = c.shape.shape;
  let servers = Object.hasOwn(base, serversKey) ? base[serversKey] : undefined;
  if (!isMap(servers)) {
    servers = {};
    defineOwn(base, serversKey, servers);
  }
  for (const entry of entries) defineOwn(servers, c.name, mergedEntry(Object.hasOwn(servers, c.name) ? servers[c.name] : undefined, entry));
  return withoutEmptyContainers(base, containerKeys(c));
}

/** Equal values with keys in the same order ("__proto__" included). */
function sameJson(actual: Json | undefined, expected: Json | undefined): boolean {
  return isDeepStrictEqual(actual, expected) && JSON.stringify(actual) === JSON.stringify(expected);
}

/** Nesting the engine must take (and round-trip), and nesting it must refuse: no client writes either. */
const SHALLOW_ENOUGH = 300;
const TOO_DEEP = 6000;

function show(c: Case, input: Rendered, ...texts: string[]): string {
  return [
    `shape ${c.shape.label}, name ${c.name}, entry ${JSON.stringify(c.entry)}`,
    `input: ${JSON.stringify(input.text)}`,
    ...texts.map((t, i) => `step ${i + 1}: ${JSON.stringify(t)}`),
  ].join('\n');
}

/**
 * A failed expectation with its context. Cheaper than expect() (which costs more than the engine
 * here, thousands of times per run), and the message is only built when it is needed.
 */
function ensure(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message());
}

/** Every comment of the input that is not inside a replaced entry is in the output, once, byte for byte, in order. */
function checkComments(input: Rendered, output: string, context: () => string): void {
  const byId = new Map(input.comments.map((comment) => [comment.id, comment]));
  const seen: number[] = [];
  for (const text of commentsIn(output)) {
    const id = Number(/#c(\d+)#/.exec(text)?.[1]);
    ensure(byId.get(id)?.text === text, () => `a comment was changed or made up: ${JSON.stringify(text)}\n${context()}`);
    seen.push(id);
  }
  ensure(new Set(seen).size === seen.length, () => `a comment was duplicated\n${context()}`);
  const kept = input.comments.filter((comment) => !comment.droppable).map((comment) => comment.id);
  const keptSeen = seen.filter((id) => byId.get(id)?.droppable === false);
  ensure(keptSeen.join() === kept.join(), () => `a comment was lost or moved out of order: ${keptSeen.join()} instead of ${kept.join()}\n${context()}`);
}

function checkStrict(c: Case, text: string, context: () => string): void {
  if (c.shape.shape.format !== 'json') return;
  let strict = true;
  try {
    JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    strict = false;
  }
  ensure(strict, () => `strict JSON turned into JSONC\n${context()}`);
}

/** Runs one engine call; an exception carries the case, so the report shows the texts. */
function attempt<T>(what: string, context: () => string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new Error(`${what} threw ${error instanceof ConfigParseError ? `ConfigParseError(${error.message})` : String(error)}\n${context()}`, {
      cause: error,
    });
  }
}

function valueAfter(c: Case, text: string): Json {
  return withoutEmptyContainers(oracleParse(text), containerKeys(c));
}

/** The whole round: setup, setup again, setup with another entry, remove, remove again. */
function roundTrip(c: Case): void {
  const input = renderDoc(c.doc);
  const texts: string[] = [];
  const context = () => show(c, input, ...texts);
  // The generator's own sanity: the oracle reads the input as the model says.
  ensure(
    sameJson(withoutEmptyContainers(oracleParse(input.text), []), withoutEmptyContainers(c.doc.root ? valueOf(c.doc.root) : undefined, [])),
    () => `generator bug\n${context()}`,
  );
  const bom = input.text.startsWith('\uFEFF');

  const up = attempt('setup', context, () => planEntryUpsert(input.text, request(c), c.entry));
  texts.push(up.text);
  ensure(sameJson(valueAfter(c, up.text), expectedWith(c, c.entry)), () => `setup: wrong value ${JSON.stringify(valueAfter(c, up.text))}\n${context()}`);
  ensure(up.text.startsWith('\uFEFF') === bom, () => `setup: BOM changed\n${context()}`);
  checkComments(input, up.text, context);
  checkStrict(c, up.text, context);

  const again = attempt('second setup', context, () => planEntryUpsert(up.text, request(c), c.entry));
  ensure(again.kind === 'unchanged' && again.text === up.text, () => `setup twice is not setup once (${again.kind})\n${context()}`);

  const up2 = attempt('setup with another entry', context, () => planEntryUpsert(up.text, request(c), c.entry2));
  texts.push(up2.text);
  ensure(
    sameJson(valueAfter(c, up2.text), expectedWith(c, c.entry, c.entry2)),
    () => `second setup: wrong value ${JSON.stringify(valueAfter(c, up2.text))}\n${context()}`,
  );
  checkComments(input, up2.text, context);

  const removed = attempt('remove', context, () => planEntryRemoval(up2.text, request(c)));
  texts.push(removed.text);
  ensure(removed.kind === 'removed', () => `remove: ${removed.kind}\n${context()}`);
  ensure(
    sameJson(valueAfter(c, removed.text), expectedWithout(c)),
    () => `remove: not the input minus our entry: ${JSON.stringify(valueAfter(c, removed.text))}\n${context()}`,
  );
  ensure(removed.text.startsWith('\uFEFF') === bom, () => `remove: BOM changed\n${context()}`);
  checkComments(input, removed.text, context);
  checkStrict(c, removed.text, context);

  const removedAgain = attempt('second remove', context, () => planEntryRemoval(removed.text, request(c)));
  ensure(removedAgain.kind === 'unchanged' && removedAgain.text === removed.text, () => `remove twice is not remove once\n${context()}`);
}

// ---- invalid documents --------------------------------------------------------------------------

type Mutation = 'drop-close' | 'poison' | 'drop-comma' | 'bad-escape' | 'raw-control' | 'open-string' | 'open-comment' | 'not-object';
const POISONS = ['@', '#', "'", ';', '=', '\u0001', '\u00a0', 'NaN', '\u000b', '\\'];

interface Broken {
  c: Case;
  mutation: Mutation;
  text: string;
  /** Whether the text is broken for every format (not-object roots: no entry can go in). */
}

function brokenArb(): fc.Arbitrary<Broken> {
  return fc
    .record({
      c: caseArb(JSONC, [CURSOR, VSCODE, STRICT]),
      mutation: fc.constantFrom<Mutation>('drop-close', 'poison', 'drop-comma', 'bad-escape', 'raw-control', 'open-string', 'open-comment', 'not-object'),
      at: fc.nat(),
      poison: fc.constantFrom(...POISONS),
      array: fc.boolean(),
    })
    .filter(({ c }) => c.doc.root !== undefined)
    .map(({ c, mutation, at, poison, array }): Broken => {
      const rendered = renderDoc(c.doc).text;
      const bom = rendered.startsWith('\uFEFF') ? '\uFEFF' : '';
      const body = rendered.slice(bom.length);
      const list = tokens(body);
      const pick = <T>(items: T[]): T | undefined => (items.length ? items[at % items.length] : undefined);
      const insertAt = (offset: number, text: string) => body.slice(0, offset) + text + body.slice(offset);
      const strings = list.filter((token) => token.kind === 10 /* string */);
      const separators = list.filter((token, index) => {
        if (token.kind !== 5) return false;
        const next = list.slice(index + 1).find((t) => t.kind !== 12 && t.kind !== 13 && t.kind !== 14 && t.kind !== 15);
        return next !== undefined && next.kind !== 2 && next.kind !== 4;
      });
      let text: string | undefined;
      let used = mutation;
      switch (mutation) {
        case 'drop-close': {
          const close = list.filter((token) => token.kind === 2 /* } */).pop()!;
          text = body.slice(0, close.offset) + body.slice(close.offset + 1);
          break;
        }
        case 'drop-comma': {
          const comma = pick(separators);
          // A space, not nothing: "1,2" without its comma would be the number 12.
          if (comma) text = `${body.slice(0, comma.offset)} ${body.slice(comma.offset + 1)}`;
          break;
        }
        case 'bad-escape':
        case 'raw-control': {
          const string = pick(strings);
          if (string)
            text = insertAt(
              string.offset + 1,
              mutation === 'bad-escape' ? pick(['\\x', '\\u12G4', '\\U0041', "\\'"])! : pick(['\u0001', '\n', '\u001f', '\r'])!,
            );
          break;
        }
        case 'open-string':
          text = body + (at % 2 ? '"never closed' : '"never closed\n');
          break;
        case 'open-comment':
          text = body + '/* never closed';
          break;
        case 'not-object':
          text = array ? `[${body}]` : pick(['"text"', '42', 'null', 'true', '[]'])!;
          break;
        case 'poison':
          break;
      }
      if (text === undefined) {
        used = 'poison';
        // Token boundaries, except right after a line comment (the poison would join the comment).
        const boundaries = [...list.map((token) => token.offset), body.length].filter((_, index) => list[index - 1]?.kind !== 12);
        text = insertAt(boundaries[at % boundaries.length]!, poison);
      }
      return { c, mutation: used, text: bom + text };
    });
}

// ---- the properties -----------------------------------------------------------------------------

// Generous: a loaded CI machine can be several times slower than a laptop.
describe(`engine properties (seed ${SEED}, ${RUNS} runs; reproduce with FC_SEED=${SEED})`, { timeout: 120_000 }, () => {
  it('JSONC: setup keeps every comment and all other content; remove gives the input back minus our entry; both are idempotent', () => {
    fc.assert(fc.property(caseArb(JSONC, [CURSOR, VSCODE], { allowEmpty: true }), roundTrip), params(RUNS));
  });

  it('strict JSON (Claude Desktop, Claude Code): the same, and the result stays strict JSON', () => {
    fc.assert(fc.property(caseArb(JSON_ONLY, [STRICT, CURSOR]), roundTrip), params(RUNS));
  });

  it('deep nesting: round-tripped up to 300 levels, refused with a clear error beyond 6000, never a stack overflow', () => {
    const depth = fc.oneof(
      fc.integer({ min: 1, max: SHALLOW_ENOUGH }),
      fc.integer({ min: SHALLOW_ENOUGH, max: TOO_DEEP }),
      fc.integer({ min: TOO_DEEP, max: 100_000 }),
    );
    fc.assert(
      fc.property(fc.oneof(caseArb(JSONC, [CURSOR, VSCODE], { deep: depth }), caseArb(JSON_ONLY, [STRICT], { deep: depth })), (c) => {
        const text = renderDoc(c.doc).text;
        const levels = text.split(/[[{]/).length - 1;
        if (levels <= SHALLOW_ENOUGH) return roundTrip(c);
        for (const attempt of [() => planEntryUpsert(text, request(c), c.entry), () => planEntryRemoval(text, request(c))]) {
          let caught: unknown;
          try {
            attempt();
          } catch (error) {
            caught = error;
          }
          if (caught === undefined && levels < TOO_DEEP) continue;
          expect(caught, `depth ${levels}`).toBeInstanceOf(ConfigParseError);
          expect((caught as ConfigParseError).reason).toMatch(/nested/);
        }
      }),
      params(Math.max(200, Math.round(RUNS / 10))),
    );
  });

  it('invalid documents are refused with a ConfigParseError (line and column inside the text), by setup and by remove', () => {
    fc.assert(
      fc.property(brokenArb(), ({ c, text, mutation }) => {
        const shown = () => `${mutation}: ${JSON.stringify(text)}`;
        // The mutation must really break the document: the independent oracle agrees.
        let oracleRefuses = false;
        try {
          const value = oracleParse(text);
          oracleRefuses = value === null || typeof value !== 'object' || Array.isArray(value);
        } catch {
          oracleRefuses = true;
        }
        ensure(oracleRefuses, () => `generator bug: the mutation left a valid document\n${shown()}`);
        for (const [what, attempt] of [
          ['setup', () => planEntryUpsert(text, request(c), c.entry)],
          ['remove', () => planEntryRemoval(text, request(c))],
        ] as const) {
          let caught: unknown;
          try {
            attempt();
          } catch (error) {
            caught = error;
          }
          ensure(caught instanceof ConfigParseError, () => `${what} did not refuse with a ConfigParseError: ${String(caught)}\n${shown()}`);
          const { line, column, reason } = caught as ConfigParseError;
          const lines = text.split('\n');
          const inside = line >= 1 && line <= lines.length && column >= 1 && column <= (lines[line - 1]?.length ?? 0) + 2;
          ensure(inside, () => `${what}: line ${line}, column ${column} is not in the text\n${shown()}`);
          ensure(/^[a-z"]/.test(reason), () => `${what}: odd reason ${JSON.stringify(reason)}\n${shown()}`);
        }
      }),
      params(RUNS),
    );
  });

  it('JSONC-only syntax (comments, trailing commas) is refused in strict JSON files', () => {
    const withJsonc = caseArb(JSONC, [STRICT]).filter((c) => {
      const text = renderDoc(c.doc).text;
      return c.doc.root !== undefined && (commentsIn(text).length > 0 || /,\s*[}\]]/.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '""')));
    });
    fc.assert(
      fc.property(withJsonc, (c) => {
        const text = renderDoc(c.doc).text;
        expect(() => planEntryUpsert(text, request(c), c.entry)).toThrow(ConfigParseError);
        expect(() => planEntryRemoval(text, request(c))).toThrow(ConfigParseError);
      }),
      params(Math.round(RUNS / 4)),
    );
  });

  it('duplicate keys on the way to our entry: refused, or the entry clients read (the last one) is right', () => {
    fc.assert(
      fc.property(caseArb(JSONC, [CURSOR, VSCODE]), fc.boolean(), fc.nat(), (c, twiceAtRoot, at) => {
        const root = c.doc.root;
        if (!root || root.kind !== 'object') return;
        const { serversKey } = c.shape.shape;
        const key = (value: string): JString => ({ value, styles: [0] });
        const member = (name: string, value: Node): Member => ({
          key: key(name),
          before: [{ kind: 'nl', eol: '\n' }],
          afterKey: [],
          afterColon: [],
          value,
          afterValue: [],
        });
        const old: Node = {
          kind: 'object',
          members: [member('url', { kind: 'string', str: key('https://old.example/sse') })],
          trailingComma: false,
          inner: [],
        };
        let members: Member[];
        if (twiceAtRoot) {
          // A second servers object, after or before the first.
          const second = member(serversKey, { kind: 'object', members: [member('other', old)], trailingComma: false, inner: [] });
          members = [...root.members];
          members.splice(at % (members.length + 1), 0, second);
          if (!members.some((m) => m.key.value === serversKey && m !== second))
            members.push(member(serversKey, { kind: 'object', members: [], trailingComma: false, inner: [] }));
        } else {
          // Our name twice in the servers object.
          const servers = member(serversKey, {
            kind: 'object',
            members: [member(c.name, old), member('other', old), member(c.name, old)],
            trailingComma: false,
            inner: [],
          });
          members = [...root.members.filter((m) => m.key.value !== serversKey), servers];
        }
        const text = renderDoc({ ...c.doc, root: { ...root, members } }).text;
        const effective = (t: string) => (oracleParse(t) as { [key: string]: { [key: string]: Json } })[serversKey]?.[c.name];
        let up: string | undefined;
        try {
          up = planEntryUpsert(text, request(c), c.entry).text;
        } catch (error) {
          ensure(error instanceof ConfigParseError && /more than once/.test(error.reason), () => `unexpected ${String(error)}`);
        }
        // What clients read is ours, with the keys the person had in the entry they read before (mergedEntry).
        if (up !== undefined)
          ensure(
            sameJson(effective(up), mergedEntry(effective(text), c.entry)),
            () => `setup said it wrote the entry, but clients read ${JSON.stringify(effective(up!))}\n${JSON.stringify(text)}\n${JSON.stringify(up)}`,
          );
        let removed: string | undefined;
        try {
          removed = planEntryRemoval(up ?? text, request(c)).text;
        } catch (error) {
          ensure(error instanceof ConfigParseError && /more than once/.test(error.reason), () => `unexpected ${String(error)}`);
        }
        if (removed !== undefined) ensure(effective(removed) === undefined, () => `remove left an entry clients read: ${JSON.stringify(removed)}`);
      }),
      params(Math.round(RUNS / 4)),
    );
  });

  it('a servers key that is not an object is refused by setup and left alone by remove', () => {
    const arbs = makeArbs(JSONC);
    fc.assert(
      fc.property(
        caseArb(JSONC, [CURSOR, VSCODE]),
        fc.oneof(arbs.values[0]!, fc.constant<Node>({ kind: 'array', items: [], trailingComma: false, inner: [] })),
        (c, bad) => {
          const root = c.doc.root;
          if (!root || root.kind !== 'object') return;
          const members = root.members.filter((m) => m.key.value !== c.shape.shape.serversKey);
          const doc: Doc = {
            ...c.doc,
            root: {
              ...root,
              members: [
                ...members,
                { key: { value: c.shape.shape.serversKey, styles: [0] }, before: [], afterKey: [], afterColon: [], value: bad, afterValue: [] },
              ],
            },
          };
          const text = renderDoc(doc).text;
          expect(() => planEntryUpsert(text, request(c), c.entry)).toThrow(/is not an object/);
          const removal = planEntryRemoval(text, request(c));
          // Only legacy entries under an ignored key may go; the bad servers value stays as it was.
          expect(text.includes(renderDoc({ bom: false, leading: [], root: bad, trailing: [] }).text)).toBe(true);
          if (removal.kind === 'unchanged') expect(removal.text).toBe(text);
        },
      ),
      params(Math.round(RUNS / 4)),
    );
  });
});

// ---- bytes: only our entry's text changes -------------------------------------------------------

interface Layout {
  /** '' is minified: no line breaks at all. */
  indent: string;
  eol: Eol;
  colon: string;
  /** Per container, from a seed: a line comment after members, the `}` on the last member's line, `{}` spanning lines. */
  comments: boolean;
  seed: number;
  finalEol: boolean;
}

const layoutArb = (style: Style): fc.Arbitrary<Layout> =>
  fc.record({
    indent: fc.constantFrom('', '  ', '    ', '\t'),
    eol: fc.constantFrom<Eol>('\n', '\r\n', '\r'),
    colon: fc.constantFrom(':', ': '),
    comments: style.comments ? fc.boolean() : fc.constant(false),
    seed: fc.integer(),
    finalEol: fc.boolean(),
  });

/** The document's values and roles laid out anew, as a program or a person would write them. */
function relayout(doc: Doc, layout: Layout): Doc {
  let state = layout.seed >>> 0 || 1;
  const chance = (percent: number) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return (state >>> 8) % 100 < percent;
  };
  const minified = layout.indent === '';
  let commentText = 0;
  const nl = (depth: number): Trivia =>
    minified ? [] : [{ kind: 'nl', eol: layout.eol }, ...(depth > 0 ? [{ kind: 'ws' as const, text: layout.indent.repeat(depth) }] : [])];
  /** A line break, with a line comment ending the line before it now and then. */
  const lineEnd = (depth: number): Trivia => {
    if (minified || !layout.comments || !chance(25)) return nl(depth);
    return [
      { kind: 'ws', text: ' ' },
      { kind: 'line', text: `note ${++commentText}`, eol: layout.eol },
      ...(depth > 0 ? [{ kind: 'ws' as const, text: layout.indent.repeat(depth) }] : []),
    ];
  };
  const colon: Trivia = layout.colon === ': ' || !minified ? [{ kind: 'ws', text: ' ' }] : [];
  /** An empty object as people leave one: `{}`, or spread over lines (closed at its line's indentation, a blank line inside, unindented, a space after `{`, a comment inside). */
  const emptyInner = (depth: number): Trivia => {
    if (minified || !chance(30)) return [];
    const spread: Trivia[] = [
      nl(depth),
      [{ kind: 'nl', eol: layout.eol }, ...nl(depth)],
      [{ kind: 'nl', eol: layout.eol }],
      [{ kind: 'ws', text: ' ' }, ...nl(depth)],
      nl(depth + 1),
      ...(layout.comments ? [[...nl(depth + 1), { kind: 'line' as const, text: `empty ${++commentText}`, eol: layout.eol }, ...nl(depth).slice(1)]] : []),
    ];
    chance(0); // the next number, for the pick
    return spread[(state >>> 8) % spread.length]!;
  };
  const lay = (node: Node, depth: number): Node => {
    if (node.kind === 'object') {
      const empty = node.members.length === 0;
      const inner = empty ? emptyInner(depth) : !minified && chance(20) ? [] : lineEnd(depth);
      return {
        kind: 'object',
        trailingComma: node.trailingComma && !minified,
        inner,
        members: node.members.map((member) => ({
          ...member,
          before: lineEnd(depth + 1),
          afterKey: [],
          afterColon: colon,
          afterValue: [],
          value: lay(member.value, depth + 1),
        })),
      };
    }
    if (node.kind === 'array') {
      const inner = node.items.length === 0 ? [] : lineEnd(depth);
      return {
        kind: 'array',
        trailingComma: node.trailingComma && !minified,
        inner,
        items: node.items.map((item) => ({ before: lineEnd(depth + 1), afterValue: [], value: lay(item.value, depth + 1) })),
      };
    }
    return node;
  };
  return { bom: doc.bom, leading: [], root: doc.root && lay(doc.root, 0), trailing: layout.finalEol && !minified ? [{ kind: 'nl', eol: layout.eol }] : [] };
}

/** The text without a byte-order mark, and the offset that mark takes. */
function unmarked(text: string): { body: string; shift: number } {
  return text.startsWith('\uFEFF') ? { body: text.slice(1), shift: 1 } : { body: text, shift: 0 };
}

/** The property at `path` (the last of repeated keys, as clients read), by jsonc-parser's tree: [start of key, end of value), and its value's span. */
function spanOf(text: string, path: readonly string[]): { start: number; end: number; valueStart: number; valueEnd: number } | undefined {
  const { body, shift } = unmarked(text);
  let node: TreeNode | undefined = parseTree(body, [], { allowTrailingComma: true });
  let property: TreeNode | undefined;
  for (const key of path) {
    if (!node || node.type !== 'object') return undefined;
    const found: TreeNode[] = (node.children ?? []).filter((candidate) => candidate.children?.[0]?.value === key);
    property = found[found.length - 1];
    node = property?.children?.[1];
    if (!property || !node) return undefined;
  }
  if (!property || !node) return undefined;
  return {
    start: property.offset + shift,
    end: node.offset + node.length + shift,
    valueStart: node.offset + shift,
    valueEnd: node.offset + node.length + shift,
  };
}

/**
 * Whether `after` is `before` with text inserted only: one chunk that holds the property
 * [start, end) and nothing else but whitespace and commas, and at most one comma elsewhere (the
 * one after the member before it, where a comment ends that member's line).
 */
function insertedOnly(before: string, after: string, start: number, end: number): boolean {
  const lefts = [start];
  for (let at = start, commas = 0; at > 0 && /[ \t\r\n,]/.test(after[at - 1]!); at--) {
    if (after[at - 1] === ',' && ++commas > 1) break;
    lefts.push(at - 1);
  }
  const rights = [end];
  for (let at = end, commas = 0; at < after.length && /[ \t\r\n,]/.test(after[at]!); at++) {
    if (after[at] === ',' && ++commas > 1) break;
    rights.push(at + 1);
  }
  for (const left of lefts) {
    for (const right of rights) {
      const rest = after.slice(0, left) + after.slice(right);
      if (rest === before) return true;
      if (rest.length !== before.length + 1) continue;
      let i = 0;
      while (i < before.length && rest[i] === before[i]) i++;
      if (rest[i] === ',' && rest.slice(i + 1) === before.slice(i)) return true;
    }
  }
  return false;
}

function hasLegacy(doc: Doc): boolean {
  const root = doc.root;
  if (!root || root.kind !== 'object') return false;
  return root.members.some((member) => member.value.kind === 'object' && member.value.members.some((inner) => inner.role === 'legacy'));
}

/** Counts of what the byte property met, so that a generator that stops producing a case is noticed. */
const met = { replaced: 0, inserted: 0, created: 0, roundTrips: 0, minified: 0, cr: 0, braceLine: 0, emptySpread: 0 };

/**
 * Whether the top-level `key` holds an empty object or list laid out exactly as setup creates one
 * and remove empties it: `{`, the line break before the key's line, the key's indentation, `}`; the
 * key starting its line, after all other members (but `mayFollow`), in a root whose first member
 * starts a line. The only empty container that remove drops: it cannot be told from setup's own.
 */
function laidOutAsCreated(text: string, key: string, mayFollow: readonly string[] = []): boolean {
  const { body } = unmarked(text);
  const root = parseTree(body, [], { allowTrailingComma: true });
  const properties = root?.type === 'object' ? (root.children ?? []) : [];
  const matches = properties.filter((property) => property.children?.[0]?.value === key);
  const property = matches[0];
  const value = property?.children?.[1];
  if (!root || !property || !value || matches.length > 1) return false;
  if (properties.slice(properties.indexOf(property) + 1).some((other) => !mayFollow.includes(String(other.children?.[0]?.value)))) return false;
  if (!/[\r\n]/.test(body.slice(root.offset + 1, properties[0]!.offset))) return false;
  const lineStart = Math.max(body.lastIndexOf('\n', property.offset - 1), body.lastIndexOf('\r', property.offset - 1)) + 1;
  const indent = body.slice(lineStart, property.offset);
  if (lineStart === 0 || !/^[ \t]*$/.test(indent)) return false;
  const eol = body.slice(lineStart - 2, lineStart) === '\r\n' ? '\r\n' : body[lineStart - 1]!;
  const [open, close] = body[value.offset] === '[' ? ['[', ']'] : ['{', '}'];
  return body.slice(value.offset, value.offset + value.length) === `${open}${eol}${indent}${close}`;
}

/**
 * Setup changes only the text of our entry (inserted, or replaced where it was: the text before
 * and after the old value stays), and at most adds a comma after the member before it; a
 * document on one line stays on one line; where the servers object was there and our entry was
 * not, remove gives back the input byte for byte, also after a second setup with another entry.
 */
function bytesOnly(c: Case): void {
  if (!c.doc.root || hasLegacy(c.doc)) return;
  const input = renderDoc(c.doc).text;
  const { serversKey } = c.shape.shape;
  const texts: string[] = [];
  const context = () => show(c, renderDoc(c.doc), ...texts);
  const servers = spanOf(input, [serversKey]);
  const own = spanOf(input, [serversKey, c.name]);
  const up = attempt('setup', context, () => planEntryUpsert(input, request(c), c.entry));
  texts.push(up.text);
  if (up.kind === 'unchanged') {
    ensure(up.text === input, () => `unchanged, but the text differs\n${context()}`);
  } else if (own) {
    const after = spanOf(up.text, [serversKey, c.name]);
    ensure(
      after !== undefined &&
        after.valueStart === own.valueStart &&
        up.text.slice(0, own.valueStart) === input.slice(0, own.valueStart) &&
        up.text.slice(after.valueEnd) === input.slice(own.valueEnd),
      () => `setup changed bytes outside our entry's value\n${context()}`,
    );
    met.replaced++;
  } else {
    const span = spanOf(up.text, servers ? [serversKey, c.name] : [serversKey]);
    ensure(span !== undefined && insertedOnly(input, up.text, span.start, span.end), () => `setup changed bytes outside the entry it inserted\n${context()}`);
    if (servers) met.inserted++;
    else met.created++;
  }
  const { body } = unmarked(input);
  if (!/[\r\n]/.test(body) && servers) {
    met.minified++;
    ensure(!/[\r\n]/.test(up.text), () => `a document on one line is on several after setup\n${context()}`);
  }
  if (/\r(?!\n)/.test(body)) met.cr++;
  if (own || !servers) return;
  // The one layout remove cannot tell from a servers object setup created (it drops it).
  if (laidOutAsCreated(input, serversKey)) return;
  if (/^\{\s*\}$/.test(input.slice(servers.valueStart, servers.valueEnd)) && /[\r\n]/.test(input.slice(servers.valueStart, servers.valueEnd)))
    met.emptySpread++;
  if (
    /[^\s{]\s*\}$/.test(input.slice(servers.valueStart, servers.valueEnd)) &&
    /[\r\n]/.test(input.slice(servers.valueStart, servers.valueEnd).replace(/[^\r\n]*$/, ''))
  )
    met.braceLine++;
  const removed = attempt('remove', context, () => planEntryRemoval(up.text, request(c)));
  texts.push(removed.text);
  ensure(removed.text === input, () => `setup then remove is not the input, byte for byte\n${context()}`);
  const up2 = attempt('second setup', context, () => planEntryUpsert(up.text, request(c), c.entry2));
  texts.push(up2.text);
  const removed2 = attempt('remove after the second setup', context, () => planEntryRemoval(up2.text, request(c)));
  texts.push(removed2.text);
  ensure(removed2.text === input, () => `setup, setup with another entry, remove is not the input, byte for byte\n${context()}`);
  met.roundTrips++;
}

/** A case laid out anew; also through the value round trip, so the layouts are checked there too. */
function laidOutArb(style: Style, shapes: Shape[]): fc.Arbitrary<Case> {
  return fc.tuple(caseArb(style, shapes), layoutArb(style)).map(([c, layout]) => ({ ...c, doc: relayout(c.doc, layout) }));
}

describe(`bytes outside our entry (seed ${SEED}, ${RUNS} runs; reproduce with FC_SEED=${SEED})`, { timeout: 120_000 }, () => {
  it('generated documents (comments and whitespace in every gap): only our entry changes; setup then remove gives the input back', () => {
    fc.assert(fc.property(caseArb(JSONC, [CURSOR, VSCODE]), bytesOnly), params(RUNS));
    fc.assert(fc.property(caseArb(JSON_ONLY, [STRICT]), bytesOnly), params(Math.round(RUNS / 2)));
  });

  it('the same values laid out as written (minified, 2/4 spaces, tabs, LF/CRLF/CR, comments, trailing commas, `}` on the last line): the same', () => {
    fc.assert(
      fc.property(laidOutArb(JSONC, [CURSOR, VSCODE]), (c) => {
        roundTrip(c);
        bytesOnly(c);
      }),
      params(RUNS),
    );
    fc.assert(
      fc.property(laidOutArb(JSON_ONLY, [STRICT]), (c) => {
        roundTrip(c);
        bytesOnly(c);
      }),
      params(RUNS),
    );
  });

  it('met every kind of case', () => {
    // Runs after the two above (vitest runs a file's tests in order): each kind was generated.
    for (const [kind, count] of Object.entries(met)) expect(count, kind).toBeGreaterThan(RUNS / 100);
  });
});

// ---- VS Code's inputs list: only the prompt's text changes -----------------------------------------

const VSCODE_INPUTS: Shape = { label: 'vscode (inputs)', shape: { format: 'jsonc', serversKey: 'servers', ignoredKeys: ['mcpServers'], inputsKey: 'inputs' } };
const TOKEN_ID = 'intercom-token';

/** Cases with an `inputs` list in the root (absent, empty, with other prompts or any values), as generated or laid out anew. */
function inputsCaseArb(): fc.Arbitrary<Case> {
  const arbs = makeArbs(JSONC);
  const item = fc.oneof(
    fc.integer({ min: 1, max: 9 }).chain((n) => nodeOf(arbs, { type: 'promptString', id: `other-${n}`, password: true })),
    arbs.values[1]!,
  );
  const list = fc
    .record({
      items: fc.array(fc.record({ before: arbs.trivia, value: item, afterValue: arbs.trivia }), { maxLength: 3 }),
      trailingComma: arbs.trailing,
      inner: arbs.trivia,
    })
    .map(({ items, trailingComma, inner }): Node => ({ kind: 'array', items, trailingComma: trailingComma && items.length > 0, inner }));
  return fc
    .tuple(
      caseArb(JSONC, [VSCODE_INPUTS]),
      fc.option(memberArb(arbs, jstring(fc.constant('inputs')), list), { nil: undefined, freq: 2 }),
      fc.nat(),
      fc.option(layoutArb(JSONC), { nil: undefined }),
    )
    .map(([c, inputs, at, layout]) => {
      const root = c.doc.root;
      if (!root || root.kind !== 'object') return c;
      const members = [...root.members];
      if (inputs) members.splice(at % (members.length + 1), 0, inputs);
      const doc: Doc = { ...c.doc, root: { ...root, members } };
      return { ...c, doc: layout ? relayout(doc, layout) : doc };
    });
}

/** The last item of the last `inputs` list: [start, end). */
function lastInputSpan(text: string): { start: number; end: number } | undefined {
  const { body, shift } = unmarked(text);
  const root = parseTree(body, [], { allowTrailingComma: true });
  const list = (root?.children ?? []).filter((property) => property.children?.[0]?.value === 'inputs').pop()?.children?.[1];
  const last = list?.children?.[list.children.length - 1];
  return last && { start: last.offset + shift, end: last.offset + last.length + shift };
}

/** Whether the root's first member starts a line (a list setup adds then goes on lines of its own). */
function rootStartsLines(text: string): boolean {
  const { body } = unmarked(text);
  const root = parseTree(body, [], { allowTrailingComma: true });
  const first = root?.children?.[0];
  return root !== undefined && first !== undefined && /[\r\n]/.test(body.slice(root.offset + 1, first.offset));
}

const inputsMet = { appended: 0, created: 0, roundTrips: 0, createdRoundTrips: 0, emptyList: 0, minified: 0 };

/**
 * With --token-env, setup adds VS Code's password prompt to `inputs` as setup adds its entry: only
 * the prompt's text (the item, or the list where there was none) and a comma; a document on one
 * line stays on one line; and remove gives the input back byte for byte where the servers object
 * was there without our entry and the list was there or goes on lines of its own.
 */
function inputsBytes(c: Case): void {
  if (!c.doc.root || hasLegacy(c.doc)) return;
  const input = renderDoc(c.doc).text;
  const { shape } = c.shape;
  const entry: JsonObject = { type: 'http', url: c.url, headers: { Authorization: `Bearer \${input:${TOKEN_ID}}` } };
  const texts: string[] = [];
  const context = () => show(c, renderDoc(c.doc), ...texts);
  const up = attempt('setup', context, () => planEntryUpsert(input, request(c), entry));
  const base = up.kind === 'unchanged' ? input : up.text;
  texts.push(base);
  const withPrompt = attempt('inputs', context, () => ensureInputs(base, shape, [tokenInput(TOKEN_ID, 'T')]));
  texts.push(withPrompt);
  const oldValue = oracleParse(base) as JsonMap;
  const old = Object.hasOwn(oldValue, 'inputs') ? oldValue.inputs : undefined;
  const had = Array.isArray(old) && old.some((item) => isMap(item) && item.id === TOKEN_ID);
  const newValue = oracleParse(withPrompt) as JsonMap;
  const expected = had ? old : [...(Array.isArray(old) ? old : []), tokenInput(TOKEN_ID, 'T') as Json];
  ensure(sameJson(newValue.inputs, expected), () => `inputs: wrong list ${JSON.stringify(newValue.inputs)}\n${context()}`);
  if (had) {
    ensure(withPrompt === base, () => `inputs: the prompt was there, but the text changed\n${context()}`);
  } else if (old !== undefined) {
    const span = lastInputSpan(withPrompt);
    ensure(span !== undefined && insertedOnly(base, withPrompt, span.start, span.end), () => `inputs: bytes changed outside the prompt added\n${context()}`);
    inputsMet.appended++;
    if (Array.isArray(old) && old.length === 0) inputsMet.emptyList++;
  } else {
    const span = spanOf(withPrompt, ['inputs']);
    ensure(span !== undefined && insertedOnly(base, withPrompt, span.start, span.end), () => `inputs: bytes changed outside the list added\n${context()}`);
    inputsMet.created++;
  }
  if (!/[\r\n]/.test(unmarked(base).body)) {
    inputsMet.minified++;
    ensure(!/[\r\n]/.test(withPrompt), () => `inputs: a document on one line is on several\n${context()}`);
  }
  const removal = attempt('remove', context, () => planEntryRemoval(withPrompt, request(c)));
  const removed =
    removal.kind === 'removed' ? attempt('remove inputs', context, () => dropUnusedInputs(removal.text, shape, inputIdsIn(removal.previous))) : removal.text;
  texts.push(removed);
  const removedValue = oracleParse(removed) as JsonMap;
  const keptInputs = Object.hasOwn(removedValue, 'inputs') ? removedValue.inputs : undefined;
  ensure(
    !Array.isArray(keptInputs) || !keptInputs.some((item) => isMap(item) && item.id === TOKEN_ID) || had,
    () => `remove left the prompt nothing uses\n${context()}`,
  );
  const servers = spanOf(input, [shape.serversKey]);
  if (!servers || spanOf(input, [shape.serversKey, c.name]) || had || laidOutAsCreated(input, shape.serversKey, ['inputs'])) return;
  if (old !== undefined ? laidOutAsCreated(input, 'inputs') : !rootStartsLines(input)) return;
  ensure(removed === input, () => `setup then remove is not the input, byte for byte\n${context()}`);
  inputsMet.roundTrips++;
  if (old === undefined) inputsMet.createdRoundTrips++;
}

describe(`VS Code's inputs list (seed ${SEED}, ${RUNS} runs; reproduce with FC_SEED=${SEED})`, { timeout: 120_000 }, () => {
  it('the prompt goes in as a splice (absent, empty, other prompts; minified, CRLF, CR, comments) and remove takes exactly it back', () => {
    fc.assert(fc.property(inputsCaseArb(), inputsBytes), params(RUNS));
    for (const [kind, count] of Object.entries(inputsMet)) expect(count, kind).toBeGreaterThan(RUNS / 100);
  });
});

describe('refusals through the file writer: byte-identical, nothing left behind', { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ims-prop-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('updateConfigFile refuses every generated invalid document and changes nothing', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(brokenArb(), fc.constantFrom(0o600, 0o644, 0o640), async ({ c, text }, mode) => {
        const folder = path.join(dir, String(n++));
        const { mkdir, chmod } = await import('node:fs/promises');
        await mkdir(folder);
        const file = path.join(folder, 'mcp.json');
        await writeFile(file, text);
        await chmod(file, mode);
        const before = await stat(file);
        await expect(updateConfigFile(file, (current) => planEntryUpsert(current, request(c), c.entry).text, { newFileMode: 0o600 })).rejects.toBeInstanceOf(
          ConfigParseError,
        );
        expect(await readFile(file, 'utf8')).toBe(text);
        const after = await stat(file);
        expect([after.mtimeMs, after.mode, after.ino]).toEqual([before.mtimeMs, before.mode, before.ino]);
        expect(await readdir(folder)).toEqual(['mcp.json']);
        await rm(folder, { recursive: true });
      }),
      params(Math.max(100, Math.round(RUNS / 8))),
    );
  });
});
