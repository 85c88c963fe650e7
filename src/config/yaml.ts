/**
 * YAML for Goose's config.yaml (`extensions:`, a mapping of name → entry) and Continue's
 * config.yaml (`mcpServers:`, a list of entries that carry their `name`). The `yaml` package reads
 * the file (its Document API, with the source tokens kept); this module never re-serialises the
 * document: an edit inserts or cuts the lines of one entry in the original text, or updates an
 * existing entry key by key (a changed value spliced where it is, in its quoting and flow or block
 * style; a missing key added after the entry's last; a key no longer wanted cut with the comment
 * lines right above it), so comments, key order, blank lines, quoting, indentation, line endings
 * and a byte-order mark of everything else, and of the entry's own unchanged keys, stay byte for
 * byte (as toml.ts does for Codex). An entry that cannot be updated in place (not a mapping, an
 * alias, a merge key, every key changing, or a splice that does not read back as intended) is
 * written whole where it is.
 *
 * What is refused, with the line and column: anything the `yaml` package reports as an error or a
 * warning (which includes unknown tags), more than one document, duplicate keys, aliases without
 * an anchor before them, a root that is not a mapping, and, where an edit would have to touch
 * them, a servers container written in flow style (`{a: 1}`) or as an alias, a merge key (`<<`)
 * in it, or an anchor on the container, on anything above it or in an entry to be replaced or
 * removed that an alias elsewhere uses (changing the text there would change that alias too).
 * Every edit is checked by reading the new text again: it must mean the old document with exactly
 * the asked-for change, or the edit is refused and nothing is written.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  type CST,
  type Document,
  type Pair,
  type ParsedNode,
  type YAMLError,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { splitBom, withBom } from './bom.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json-types.js';
import { ConfigParseError, jsonEqual, lineAndColumn, MAX_NESTING } from './jsonc.js';

/** How a client keeps its servers: a mapping of name → entry, or a list of entries with a `name` field. */
type YamlContainerShape = 'map' | 'list';

export interface YamlContainer {
  /** The keys from the root to the servers container: `['extensions']`, `['mcpServers']`. */
  path: readonly string[];
  shape: YamlContainerShape;
}

/** One entry to remove: where and under which name. */
export interface YamlEntryRef {
  container: YamlContainer;
  name: string;
}

export interface YamlDocument {
  /** The text without its byte-order mark. */
  body: string;
  bom: boolean;
  eol: '\n' | '\r\n';
  /** The document as JSON (an empty object for a file with no content). */
  root: JsonObject;
  /** True when the file holds nothing but blank lines, comments and document markers. */
  empty: boolean;
  /** The parsed document; undefined when empty. */
  doc: Document.Parsed | undefined;
  /** The names of every alias in the file (`*name`). */
  aliases: ReadonlySet<string>;
}

export interface YamlEdit {
  /** The new text, with the byte-order mark if the file had one. */
  text: string;
  changed: boolean;
}

/** One entry of a servers container as the file has it. */
export interface YamlFoundEntry {
  name: string;
  value: JsonValue;
}

// ---- reading -------------------------------------------------------------------------------------

const PARSE_OPTIONS = {
  keepSourceTokens: true,
  // The package's own duplicate check compares every key with every earlier one, in quadratic
  // time (docs/performance.md); duplicates are found here with a Set instead (checkNodes).
  uniqueKeys: false,
  logLevel: 'silent',
  prettyErrors: false,
} as const;

function fail(body: string, offset: number, reason: string): never {
  const { line, column } = lineAndColumn(body, offset);
  throw new ConfigParseError(line, column, reason);
}

/** The package's message as one line, starting in lower case like the other engines' reasons. */
function reasonOf(error: YAMLError): string {
  const message = error.message.split('\n')[0]!.trim().replace(/\.$/, '');
  return /^[A-Z][a-z]/.test(message) ? message[0]!.toLowerCase() + message.slice(1) : message;
}

/**
 * Checks the whole tree without recursion: nesting depth, duplicate keys (as the package's
 * uniqueKeys would: scalar keys with the same value), and aliases that have no anchor before them.
 * Returns the names of every alias; `targets` gets the node each alias stands for (the last
 * anchor of that name before it), which Alias.resolve would find by walking the whole document.
 */
function checkNodes(body: string, root: ParsedNode, targets: Map<unknown, ParsedNode>): Set<string> {
  const aliases = new Set<string>();
  const anchors = new Map<string, ParsedNode>();
  /** Anchored nodes being walked: an alias to one of them would make the value contain itself. */
  const open = new Set<ParsedNode>();
  // Document order: children are pushed in reverse, so the first is visited first.
  const stack: Array<{ node: ParsedNode; depth: number; leave?: true }> = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth, leave } = stack.pop()!;
    if (leave) {
      open.delete(node);
      continue;
    }
    if (depth > MAX_NESTING) fail(body, node.range[0], `nested more than ${MAX_NESTING} levels deep; no client writes such a file`);
    if (node.anchor) {
      anchors.set(node.anchor, node);
      open.add(node);
      stack.push({ node, depth, leave: true });
    }
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) fail(body, node.range[0], `the alias *${node.source} has no anchor &${node.source} before it`);
      if (open.has(target)) fail(body, node.range[0], `the alias *${node.source} is inside the value it stands for, which then contains itself`);
      aliases.add(node.source);
      targets.set(node, target);
      continue;
    }
    const children: ParsedNode[] = [];
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key as ParsedNode | null;
        if (isScalar(key)) {
          if (seen.has(key.value)) fail(body, key.range[0], `duplicate key ${JSON.stringify(String(key.value))}; keep one and run again`);
          seen.add(key.value);
        }
        if (key) children.push(key);
        if (pair.value) children.push(pair.value as ParsedNode);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) if (item) children.push(item as ParsedNode);
    }
    for (let index = children.length - 1; index >= 0; index--) stack.push({ node: children[index]!, depth: depth + 1 });
  }
  return aliases;
}

/**
 * Plain JSON from what the package's toJS returns. The core schema gives JSON types already; the
 * YAML 1.1 types that a `%YAML 1.1` file may hold (timestamps, binary, sets, ordered maps) are
 * turned into strings, arrays and objects so that values can be compared.
 */
function toJson(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (Array.isArray(value)) return value.map(toJson);
  if (value instanceof Set) return [...value].map(toJson);
  if (value instanceof Map) {
    const object: JsonObject = {};
    for (const [key, item] of value) setOwn(object, String(key), toJson(item));
    return object;
  }
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (typeof value === 'object') {
    const object: JsonObject = {};
    for (const [key, item] of Object.entries(value)) setOwn(object, key, toJson(item));
    return object;
  }
  return String(value);
}

/** Sets `key` as an own data property, "__proto__" included. */
function setOwn(object: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

/** For each parsed document, the node each of its aliases stands for. */
const aliasTargets = new WeakMap<object, Map<unknown, ParsedNode>>();

/**
 * Parses a YAML config; throws ConfigParseError with the 1-based line and column of the first
 * problem. An empty file (or one with only comments) is an empty document.
 */
export function parseYaml(text: string): YamlDocument {
  const { bom, body } = splitBom(text);
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  const documents = parseAllDocuments(body, PARSE_OPTIONS);
  const second = documents[1];
  if (second) fail(body, second.range[0], 'a second YAML document starts here (after ---); the client reads only one, so this tool does not edit the file');
  const doc = documents[0];
  const empty = { body, bom, eol, root: {}, empty: true, doc: undefined, aliases: new Set<string>() } satisfies YamlDocument;
  if (!doc) return empty;
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) fail(body, problem.pos[0], reasonOf(problem));
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null && contents.source === '' && !contents.tag && !contents.anchor)) {
    return { ...empty, doc };
  }
  if (!isMap(contents)) fail(body, contents.range[0], 'the file must hold a YAML mapping (key: value lines)');
  const targets = new Map<unknown, ParsedNode>();
  const aliases = checkNodes(body, contents, targets);
  aliasTargets.set(doc, targets);
  let root: JsonObject;
  try {
    root = toJson(doc.toJS({ maxAliasCount: 100 })) as JsonObject;
  } catch (error) {
    // The package refuses aliases that expand into too many nodes (a "billion laughs" file);
    // aliases of deep values can also nest the result too deep for the stack.
    fail(body, contents.range[0], `the file cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { body, bom, eol, root, empty: false, doc, aliases };
}

function containerValue(root: JsonObject, path: readonly string[]): JsonValue | undefined {
  let value: JsonValue | undefined = root;
  for (const key of path) {
    if (!isJsonObject(value) || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

/**
 * Every entry of the servers container, in file order: for a mapping each key and its value, for
 * a list each item that is a mapping with a string `name` (the whole item, `name` included). An
 * absent container, or one of another type, has none.
 */
export function yamlEntries(document: YamlDocument, container: YamlContainer): YamlFoundEntry[] {
  const servers = containerValue(document.root, container.path);
  if (container.shape === 'map') {
    return isJsonObject(servers) ? Object.entries(servers).map(([name, value]) => ({ name, value })) : [];
  }
  if (!Array.isArray(servers)) return [];
  return servers.flatMap((item) => (isJsonObject(item) && typeof item.name === 'string' ? [{ name: item.name, value: item }] : []));
}

/** The entry's value as the file has it (for a list, the whole item), or undefined. */
export function yamlEntry(document: YamlDocument, container: YamlContainer, name: string): JsonValue | undefined {
  return yamlEntries(document, container).find((entry) => entry.name === name)?.value;
}

// ---- rendering -------------------------------------------------------------------------------------

/** YAML 1.1 and 1.2 words that read as booleans or null when plain. */
const RESERVED = /^(?:y|n|yes|no|on|off|true|false|null|~)$/i;

/**
 * A string that every YAML reader (1.1 or 1.2) reads as this same string when written plain:
 * starting with a letter, `_`, `/` or one or two `-` before a letter (`-y`, `--flag`); letters,
 * digits and `_ . / @ % + ~ = ? & -` after it, a `:` only before another such character (so
 * `https://…` stays plain), single spaces between words.
 * Anything else (numbers, dates, `yes`, `#`, `: `, quotes, leading or trailing spaces…) is quoted.
 */
const PLAIN = /^(?:[A-Za-z_/]|--?(?=[A-Za-z]))(?:[A-Za-z0-9_./@%+~=?&-]|:(?=[A-Za-z0-9_./@%+~=?&-])| (?=[A-Za-z0-9_./@%+~=?&-]))*$/;

const ESCAPES: Record<string, string> = {
  '\0': '\\0',
  '\x07': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\v': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '\x1b': '\\e',
  '"': '\\"',
  '\\': '\\\\',
  '\x85': '\\N',
  '\u2028': '\\L',
  '\u2029': '\\P',
};

/** A double-quoted YAML string: every character that is not printable in YAML is escaped. */
function yamlDoubleQuoted(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    const escape = ESCAPES[char];
    if (escape) out += escape;
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code >= 0xd800 && code <= 0xdfff)
      out += '\uFFFD'; // a lone surrogate cannot be written in YAML
    else if (code === 0xfeff || code === 0xfffe || code === 0xffff) out += `\\u${code.toString(16)}`;
    else out += char;
  }
  return `${out}"`;
}

/** A string as a YAML scalar: plain where every reader agrees on it, else double-quoted. */
export function yamlString(value: string): string {
  return PLAIN.test(value) && !RESERVED.test(value) ? value : yamlDoubleQuoted(value);
}

function scalarText(value: JsonValue): string {
  if (typeof value === 'string') return yamlString(value);
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '.nan';
    if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  return Array.isArray(value) ? '[]' : '{}';
}

function isCollectionValue(value: JsonValue): value is JsonValue[] | JsonObject {
  return typeof value === 'object' && value !== null && (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0);
}

/** How the file lays out nested lines, so that ours blend in. */
interface YamlStyle {
  /** Spaces a nested mapping is indented by. */
  step: number;
  /** Spaces a list under a key is indented by (0: `key:` then `- item` in the same column). */
  seqIndent: number;
}

/** `key: value` (or `key:` and the nested lines) at column `column`; lines without line endings. */
function renderPair(key: string, value: JsonValue, column: number, style: YamlStyle): string[] {
  const head = `${' '.repeat(column)}${yamlString(key)}:`;
  if (!isCollectionValue(value)) return [`${head} ${scalarText(value)}`];
  return [head, ...renderBody(value, Array.isArray(value) ? column + style.seqIndent : column + style.step, style)];
}

/** The lines of a non-empty mapping (keys at `column`) or list (dashes at `column`). */
function renderBody(value: JsonValue[] | JsonObject, column: number, style: YamlStyle): string[] {
  if (!Array.isArray(value)) return Object.entries(value).flatMap(([key, item]) => renderPair(key, item, column, style));
  return value.flatMap((item) => renderItem(item, column, style));
}

/** One list item: `- value`, or `- key: …` with the item's other lines under its first. */
function renderItem(item: JsonValue, column: number, style: YamlStyle): string[] {
  const dash = `${' '.repeat(column)}- `;
  if (!isCollectionValue(item)) return [`${dash}${scalarText(item)}`];
  const lines = renderBody(item, column + 2, style);
  lines[0] = dash + lines[0]!.slice(column + 2);
  return lines;
}

// ---- locating --------------------------------------------------------------------------------------

/** Offset of the start of the line that holds `offset`. */
function lineStart(body: string, offset: number): number {
  return body.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the line break (`\n`, or the `\r` of `\r\n`) that ends the line holding `offset`, or the end of the text. */
function lineEnd(body: string, offset: number): number {
  const newline = body.indexOf('\n', offset);
  if (newline === -1) return body.length;
  return body[newline - 1] === '\r' && newline - 1 >= offset ? newline - 1 : newline;
}

function columnOf(body: string, offset: number): number {
  return offset - lineStart(body, offset);
}

/** Where the content of a CST token (or item) is: from its first to its last character that is not space, a line break or a comment. */
interface Bounds {
  start: number;
  end: number;
  /** The last content is a block scalar (`|`, `>`, `|+`): a line break added right after it can become part of its value. */
  endsInBlockScalar?: boolean;
}

function widen(bounds: Bounds, start: number, end: number, blockScalar = false): void {
  if (end <= start) return;
  bounds.start = Math.min(bounds.start, start);
  if (end > bounds.end) {
    bounds.end = end;
    bounds.endsInBlockScalar = blockScalar;
  }
}

type CstPart = CST.Token | CST.CollectionItem | null | undefined;

/** Content bounds of CST tokens; recursion is bounded by the nesting check of parseYaml. */
function contentBounds(parts: readonly CstPart[], bounds: Bounds = { start: Infinity, end: -1 }): Bounds {
  for (const part of parts) {
    if (!part) continue;
    if (!('type' in part)) {
      contentBounds([...part.start, part.key, ...(part.sep ?? []), part.value], bounds);
      continue;
    }
    switch (part.type) {
      case 'space':
      case 'newline':
      case 'comment':
      case 'byte-order-mark':
        break;
      case 'block-map':
      case 'block-seq':
        contentBounds(part.items, bounds);
        break;
      case 'flow-collection':
        contentBounds([part.start, ...part.items, ...part.end], bounds);
        break;
      case 'block-scalar': {
        contentBounds(part.props, bounds);
        const last = part.props[part.props.length - 1];
        const contentStart = last ? last.offset + ('source' in last ? last.source.length : 0) : part.offset;
        const trimmed = part.source.trimEnd().length;
        // A stripped scalar (`|-`, `>-`) drops its last line break either way.
        const header = part.props.find((prop) => prop.type === 'block-scalar-header');
        const stripped = header !== undefined && 'source' in header && header.source.includes('-');
        if (trimmed > 0) widen(bounds, contentStart, contentStart + trimmed, !stripped);
        break;
      }
      case 'alias':
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        widen(bounds, part.offset, part.offset + part.source.length);
        contentBounds(part.end ?? [], bounds);
        break;
      case 'document':
        contentBounds([...part.start, part.value, ...(part.end ?? [])], bounds);
        break;
      default:
        if ('source' in part) widen(bounds, part.offset, part.offset + part.source.length);
    }
  }
  return bounds;
}

/** One entry of a block container, and the whole lines it takes. */
interface EntryLines {
  name: string | undefined;
  /** Start of the entry's first line (its indentation included). */
  start: number;
  /** End of its last line, before the line break. */
  end: number;
  /** Column of its key (mapping) or dash (list). */
  column: number;
  endsInBlockScalar?: boolean;
  node: ParsedNode | null;
  /** The key's node for a mapping entry. */
  key?: ParsedNode;
}

/** A pair read with keepSourceTokens: its CST item. */
type PairWithToken = Pair & { srcToken?: CST.CollectionItem };

type Located =
  /** The container, or a mapping on its path, is missing: `parent` (a block mapping, or the root) takes it. */
  | { kind: 'missing'; parent: YAMLMap.Parsed | undefined; keys: string[] }
  /** The key is there with nothing, `~`, `null`, `{}` or `[]`: the value is replaced. */
  | { kind: 'empty'; pair: Pair<ParsedNode, ParsedNode | null>; value: ParsedNode | null }
  | { kind: 'block'; pair: Pair<ParsedNode, ParsedNode | null>; node: YAMLMap.Parsed | YAMLSeq.Parsed; entries: EntryLines[] };

function describePath(path: readonly string[]): string {
  return path.join('.');
}

/** Refuses when a node that an edit changes has an anchor that an alias elsewhere uses. */
function requireUnaliased(document: YamlDocument, node: ParsedNode | null | undefined, what: string): void {
  if (node?.anchor && document.aliases.has(node.anchor)) {
    // The anchor is written before the node (a mapping's range starts at its first key).
    const at = document.body.lastIndexOf(`&${node.anchor}`, node.range[0]);
    fail(
      document.body,
      at === -1 ? node.range[0] : at,
      `${what} has the anchor &${node.anchor}, which *${node.anchor} uses elsewhere; editing it would change that too, so write it out without the anchor and run again`,
    );
  }
}

/** Refuses when any node inside `node` carries an anchor that an alias uses (the entry is replaced or cut). */
function requireNoUsedAnchorsInside(document: YamlDocument, node: ParsedNode | null, what: string): void {
  const stack: Array<ParsedNode | null> = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (!current) continue;
    requireUnaliased(document, current, what);
    if (isMap(current)) for (const pair of current.items) stack.push(pair.key as ParsedNode | null, pair.value as ParsedNode | null);
    else if (isSeq(current)) for (const item of current.items) stack.push(item as ParsedNode | null);
  }
}

function findPair(document: YamlDocument, map: YAMLMap.Parsed, key: string): Pair<ParsedNode, ParsedNode | null> | undefined {
  for (const pair of map.items) {
    const node = pair.key as ParsedNode | null;
    if (!isScalar(node)) continue;
    if (node.value === key) return pair as Pair<ParsedNode, ParsedNode | null>;
    if (typeof node.value !== 'string' && String(node.value) === key) {
      fail(
        document.body,
        node.range[0],
        `the key ${key} is written as a ${typeof node.value === 'number' ? 'number' : 'non-string'}; quote it ("${key}") and run again`,
      );
    }
  }
  return undefined;
}

function isBlock(node: ParsedNode): boolean {
  const type = node.srcToken?.type;
  return type === 'block-map' || type === 'block-seq';
}

/** The whole lines of a block container's entry, or a refusal when it shares a line with something else. */
function entryLines(document: YamlDocument, parts: readonly CstPart[], what: string, shared = false): Bounds & { column: number } {
  const { body } = document;
  const bounds = contentBounds(parts);
  const start = lineStart(body, bounds.start);
  if (!shared && body.slice(start, bounds.start).trim() !== '')
    fail(document.body, bounds.start, `${what} shares its line with other text; put it on its own line and run again`);
  const column = bounds.start - start;
  // Comment lines indented deeper than the entry that follow its last line are inside it: they go
  // with it. (Left behind, such a line could join a block scalar of the entry before.) Comments
  // at its column or less, and blank lines after the last of them, belong to what comes next.
  let end = lineEnd(body, bounds.end - 1);
  let endsInBlockScalar = bounds.endsInBlockScalar;
  for (let cursor = end; cursor < body.length;) {
    const next = body.indexOf('\n', cursor) + 1;
    if (next === 0 || next >= body.length) break;
    const nextEnd = lineEnd(body, next);
    const line = body.slice(next, nextEnd);
    const text = line.replace(/^[ \t]+/, '');
    if (text !== '' && !(text.startsWith('#') && line.length - text.length > column)) break;
    if (text !== '') {
      end = nextEnd;
      endsInBlockScalar = false;
    }
    cursor = nextEnd;
  }
  return { start, end, column, endsInBlockScalar };
}

/**
 * Lines are added after `entry`. Where it ends the file with a block scalar and no line break,
 * the line break that must come first would join that scalar's value (YAML 1.2 keeps a clipped
 * scalar's last line break only where there is one; the yaml package adds it anyway, so reading
 * the result again would not notice the change).
 */
function requireRoomAfter(document: YamlDocument, entry: Bounds & { column: number }): void {
  if (entry.endsInBlockScalar && entry.end === document.body.length) {
    fail(document.body, entry.end, 'the file ends with a block scalar (|, >) and no line break; add a line break at the end of the file and run again');
  }
}

function mapEntries(document: YamlDocument, map: YAMLMap.Parsed, what: string): EntryLines[] {
  return map.items.map((pair) => {
    const key = pair.key as ParsedNode | null;
    const item = (pair as PairWithToken).srcToken;
    if (!item || !key) fail(document.body, map.range[0], `${what} holds an entry this tool cannot place; fix it by hand`);
    const lines = entryLines(document, [item], `an entry of ${what}`);
    const name = isScalar(key) && typeof key.value === 'string' ? key.value : undefined;
    return { name, ...lines, node: pair.value as ParsedNode | null, key };
  });
}

/** The name of a list item: its `name` field, through an alias if the item is one. */
function itemName(document: YamlDocument, item: ParsedNode | null): string | undefined {
  let node: unknown = item;
  if (isAlias(node) && document.doc) node = aliasTargets.get(document.doc)?.get(node);
  if (!isMap(node)) return undefined;
  const name = node.items.find((pair) => isScalar(pair.key) && pair.key.value === 'name')?.value;
  return isScalar(name) && typeof name.value === 'string' ? name.value : undefined;
}

function seqEntries(document: YamlDocument, seq: YAMLSeq.Parsed, what: string): EntryLines[] {
  const token = seq.srcToken as CST.BlockSequence;
  const items = token.items.filter((item) => item.start.some((part) => part.type === 'seq-item-ind'));
  if (items.length !== seq.items.length) fail(document.body, seq.range[0], `${what} holds an item this tool cannot place; fix it by hand`);
  return seq.items.map((node, index) => {
    const lines = entryLines(document, [items[index]!], `an item of ${what}`);
    return { name: itemName(document, node as ParsedNode | null), ...lines, node: node as ParsedNode | null };
  });
}

const EMPTY_SOURCES = new Set(['', '~', 'null', 'Null', 'NULL', '{}', '[]']);

/** Finds the servers container for an edit, refusing every form that cannot be edited safely. */
function locate(document: YamlDocument, container: YamlContainer): Located {
  const { doc, body } = document;
  if (!doc || document.empty) return { kind: 'missing', parent: undefined, keys: [...container.path] };
  const root = doc.contents as YAMLMap.Parsed;
  requireUnaliased(document, root, 'the document');
  if (!isBlock(root)) {
    if (root.items.length > 0 || columnOf(body, root.range[0]) !== 0)
      fail(body, root.range[0], 'the file is written as one flow mapping { … }; write it as key: value lines and run again');
    return { kind: 'missing', parent: root, keys: [...container.path] };
  }
  let map = root;
  for (let depth = 0; depth < container.path.length; depth++) {
    const key = container.path[depth]!;
    const pair = findPair(document, map, key);
    if (!pair) return { kind: 'missing', parent: map, keys: container.path.slice(depth) };
    const value = pair.value;
    const here = describePath(container.path.slice(0, depth + 1));
    const last = depth === container.path.length - 1;
    if (isAlias(value))
      fail(body, value.range[0], `${here} is an alias (*${value.source}); editing it would edit what it points to, so write it out and run again`);
    const emptyValue =
      value === null || (isScalar(value) && value.value === null) || ((isMap(value) || isSeq(value)) && value.items.length === 0 && !isBlock(value));
    if (last && emptyValue) {
      const source = value === null ? '' : body.slice(value.range[0], value.range[1]).replace(/\s+/g, '');
      const kindOk = value === null || isScalar(value) || (container.shape === 'map' ? isMap(value) : isSeq(value));
      const at = value?.range[0] ?? (pair.key as ParsedNode).range[0];
      const standardTag = value?.tag === undefined || value.tag === (container.shape === 'map' ? 'tag:yaml.org,2002:map' : 'tag:yaml.org,2002:seq');
      if (!kindOk || !standardTag)
        fail(body, at, `${here} is not a ${container.shape === 'map' ? 'mapping' : 'list'}, so no server can be added to it; fix it by hand`);
      if (!EMPTY_SOURCES.has(source))
        fail(
          body,
          at,
          `${here} is written in flow style with comments or line breaks inside, which this tool does not rewrite; write it as {} or [] or as indented lines and run again`,
        );
      if (value && lineStart(body, value.range[0]) !== lineStart(body, (pair.key as ParsedNode).range[0])) {
        fail(body, value.range[0], `the empty value of ${here} is not on the line of its key; put it there and run again`);
      }
      requireUnaliased(document, value, here);
      return { kind: 'empty', pair, value };
    }
    const wanted = !last || container.shape === 'map' ? 'map' : 'list';
    const rightKind = wanted === 'map' ? isMap(value) : isSeq(value);
    if (!rightKind)
      fail(
        body,
        value?.range[0] ?? (pair.key as ParsedNode).range[0],
        `${here} is not a ${wanted === 'map' ? 'mapping' : 'list'}, so no server can be added to it; fix it by hand`,
      );
    const node = value as YAMLMap.Parsed | YAMLSeq.Parsed;
    if (node.tag !== undefined && node.tag !== (wanted === 'map' ? 'tag:yaml.org,2002:map' : 'tag:yaml.org,2002:seq')) {
      fail(
        body,
        node.range[0],
        `${here} is tagged ${node.tag.replace('tag:yaml.org,2002:', '!!')}, which makes it something other than a plain ${wanted === 'map' ? 'mapping' : 'list'}; remove the tag and run again`,
      );
    }
    if (!isBlock(node))
      fail(
        body,
        node.range[0],
        `${here} is written in flow style (${wanted === 'map' ? '{ … }' : '[ … ]'}), which this tool does not rewrite; write it as indented lines and run again`,
      );
    requireUnaliased(document, node, here);
    if (last) {
      const entries = isMap(node) ? mapEntries(document, node, here) : seqEntries(document, node as YAMLSeq.Parsed, here);
      if (isMap(node)) {
        const merge = entries.find((entry) => entry.key && isScalar(entry.key) && entry.key.value === '<<');
        if (merge)
          fail(body, merge.start + merge.column, `${here} holds a merge key (<<), which YAML readers apply differently; write its entries out and run again`);
      }
      return { kind: 'block', pair, node, entries };
    }
    map = node as YAMLMap.Parsed;
  }
  throw new Error('unreachable: the container path is empty');
}

/** Columns and steps measured in the file: in the container first, else anywhere. */
function detectStyle(document: YamlDocument, near: ParsedNode | undefined): YamlStyle {
  const { body, doc } = document;
  let step: number | undefined;
  let seqIndent: number | undefined;
  const scan = (start: ParsedNode | null | undefined, limit: number) => {
    const stack: Array<ParsedNode | null | undefined> = [start];
    let visited = 0;
    while (stack.length > 0 && visited++ < limit && (step === undefined || seqIndent === undefined)) {
      const node = stack.pop();
      if (isMap(node)) {
        for (const pair of node.items) {
          const key = pair.key as ParsedNode | null;
          const value = pair.value as ParsedNode | null;
          if (!key || !value || !isBlock(node) || !isBlock(value)) {
            stack.push(value);
            continue;
          }
          const keyColumn = columnOf(body, key.range[0]);
          if (isMap(value) && step === undefined && value.items[0]?.key) {
            const child = columnOf(body, (value.items[0].key as ParsedNode).range[0]) - keyColumn;
            if (child > 0 && child <= 8) step = child;
          }
          if (isSeq(value) && seqIndent === undefined) {
            const dash = (value.srcToken as CST.BlockSequence).items[0]?.start.find((part) => part.type === 'seq-item-ind');
            if (dash) {
              const indent = columnOf(body, dash.offset) - keyColumn;
              if (indent >= 0 && indent <= 8) seqIndent = indent;
            }
          }
          stack.push(value);
        }
      } else if (isSeq(node)) {
        for (const item of node.items) stack.push(item as ParsedNode | null);
      }
    }
  };
  scan(near, 10_000);
  scan(doc?.contents as ParsedNode | null, 10_000);
  const finalStep = step ?? 2;
  return { step: finalStep, seqIndent: seqIndent ?? finalStep };
}

// ---- editing ----------------------------------------------------------------------------------------

/** Replaces [start, end) with `text`. */
interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Applies edits from the last to the first; they must not overlap. */
function applyEdits(body: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = body;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.end > limit) throw new Error('overlapping YAML edits');
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
    limit = edit.start;
  }
  return out;
}

/** Cuts an entry's lines with the line break before them (after them for the file's first line). */
function cutLines(body: string, entry: Pick<EntryLines, 'start' | 'end'>): TextEdit {
  if (entry.start > 0) {
    const before = body[entry.start - 2] === '\r' ? 2 : 1;
    return { start: entry.start - before, end: entry.end, text: '' };
  }
  const after = body.startsWith('\r\n', entry.end) ? 2 : body[entry.end] === '\n' ? 1 : 0;
  return { start: entry.start, end: entry.end + after, text: '' };
}

/** End of the content of a key's line: before a trailing comment and the spaces ahead of it. */
function keyLineContentEnd(document: YamlDocument, pair: Pair<ParsedNode, ParsedNode | null>): number {
  const item = (pair as PairWithToken).srcToken;
  if (!item) return (pair.key as ParsedNode).range[1];
  return contentBounds([...item.start, item.key, ...(item.sep ?? [])]).end;
}

// ---- updating an entry key by key ---------------------------------------------------------------------

/** The entry cannot be updated in place key by key (an alias, a merge key, a layout not handled): it is written whole. */
class NotSpliceable extends Error {}

/** A single-quoted YAML string, for a value that can be one (printable, one line). */
function yamlSingleQuoted(value: string): string | undefined {
  return /^[\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u.test(value) && value.trim() === value ? `'${value.replaceAll("'", "''")}'` : undefined;
}

/**
 * A string inside a flow collection: as yamlString, but a `?` is quoted too (YAML 1.1 readers
 * such as PyYAML and libyaml end a plain scalar there in flow style).
 */
function flowString(value: string): string {
  const text = yamlString(value);
  return text.startsWith('"') || !text.includes('?') ? text : yamlDoubleQuoted(value);
}

/** A new value for a scalar, in the old scalar's quoting where it is a string (plain stays plain where safe). */
function scalarLike(old: ParsedNode, value: JsonValue, flow: boolean): string {
  if (typeof value !== 'string' || !isScalar(old)) return scalarText(value);
  if (old.type === 'QUOTE_DOUBLE') return yamlDoubleQuoted(value);
  if (old.type === 'QUOTE_SINGLE') return yamlSingleQuoted(value) ?? yamlDoubleQuoted(value);
  return flow ? flowString(value) : yamlString(value);
}

/** A value on one line in flow style (`{a: b, c: [d]}`), for a place that is written in flow style. */
function renderFlow(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(renderFlow).join(', ')}]`;
  if (isJsonObject(value))
    return `{${Object.entries(value)
      .map(([key, item]) => `${flowString(key)}: ${renderFlow(item)}`)
      .join(', ')}}`;
  return typeof value === 'string' ? flowString(value) : scalarText(value);
}

interface Splicer {
  document: YamlDocument;
  style: YamlStyle;
  edits: TextEdit[];
}

/** The key of a pair, when it is a plain string key this tool can match (no alias, no merge key). */
function pairKey(pair: Pair): string {
  const key = pair.key as ParsedNode | null;
  if (!isScalar(key) || typeof key.value !== 'string' || key.value === '<<') throw new NotSpliceable('key');
  return key.value;
}

/** End of a pair in a flow mapping: after its value (or its key when it has none). */
function flowPairEnd(pair: Pair): number {
  return ((pair.value as ParsedNode | null) ?? (pair.key as ParsedNode)).range[1];
}

/** Writes `pair` (a pair of a block mapping) anew: its key as written, the new value rendered at its column. */
function replaceBlockPair(splicer: Splicer, pair: Pair, value: JsonValue): void {
  const { body, eol } = splicer.document;
  const key = pair.key as ParsedNode;
  const item = (pair as PairWithToken).srcToken;
  if (!item) throw new NotSpliceable('pair');
  const column = columnOf(body, key.range[0]);
  const old = pair.value as ParsedNode | null;
  const style = { ...splicer.style };
  // Nested lines as the old value has them, where it had any.
  if (isMap(old) && isBlock(old) && old.items[0]?.key) style.step = Math.max(1, columnOf(body, (old.items[0].key as ParsedNode).range[0]) - column);
  if (isSeq(old) && isBlock(old)) {
    const dash = (old.srcToken as CST.BlockSequence).items[0]?.start.find((part) => part.type === 'seq-item-ind');
    if (dash) style.seqIndent = Math.max(0, columnOf(body, dash.offset) - column);
  }
  const keyText = body.slice(key.range[0], key.range[1]);
  const head = `${keyText}:`;
  const lines = isCollectionValue(value)
    ? [head, ...renderBody(value, Array.isArray(value) ? column + style.seqIndent : column + style.step, style)]
    : [`${head} ${scalarText(value)}`];
  let end = contentBounds([item]).end;
  // Spaces left at the end of the line (after a bare `key:`) go, unless a comment follows them.
  const spaces = /^[ \t]*(?=\r?\n|$)/.exec(body.slice(end, end + 200));
  if (spaces) end += spaces[0].length;
  splicer.edits.push({ start: key.range[0], end, text: lines.join(eol) });
}

/**
 * Changes `node` (read as `old`) into `value` by splicing only what differs. `replace` writes the
 * whole node anew where it cannot be changed in place; `flow` says the node sits in flow style.
 */
function spliceValue(splicer: Splicer, node: ParsedNode | null, old: JsonValue, value: JsonValue, flow: boolean, replace: () => void): void {
  if (jsonEqual(old, value)) return;
  if (node === null || isAlias(node)) return replace();
  if (isScalar(node)) {
    const blockScalar = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
    const tagOk = node.tag === undefined || (node.tag === 'tag:yaml.org,2002:str' && typeof value === 'string');
    if (blockScalar || !tagOk || isCollectionValue(value) || node.range[1] <= node.range[0]) return replace();
    splicer.edits.push({ start: node.range[0], end: node.range[1], text: scalarLike(node, value, flow) });
    return;
  }
  const standardTag = node.tag === undefined || node.tag === (isMap(node) ? 'tag:yaml.org,2002:map' : 'tag:yaml.org,2002:seq');
  if (!standardTag) return replace();
  if (isMap(node) && isJsonObject(old) && isJsonObject(value) && Object.keys(value).length > 0) {
    const inner: Splicer = { ...splicer, edits: [] };
    try {
      spliceMap(inner, node as YAMLMap.Parsed, old, value);
    } catch (error) {
      if (error instanceof NotSpliceable) return replace();
      throw error;
    }
    splicer.edits.push(...inner.edits);
    return;
  }
  if (isSeq(node) && Array.isArray(old) && Array.isArray(value) && old.length === value.length && node.items.length === value.length) {
    // Item by item; an item that cannot be changed in place makes the whole list be written anew.
    const inner: Splicer = { ...splicer, edits: [] };
    let whole = false;
    const itemFlow = flow || !isBlock(node);
    node.items.forEach((item, index) => {
      if (!whole) spliceValue(inner, item as ParsedNode | null, old[index]!, value[index]!, itemFlow, () => (whole = true));
    });
    if (whole) return replace();
    splicer.edits.push(...inner.edits);
    return;
  }
  replace();
}

/** Changes the mapping `node` (read as `old`) into `value`: changed values spliced, missing keys added after the last, others cut. */
function spliceMap(splicer: Splicer, node: YAMLMap.Parsed, old: JsonObject, value: JsonObject): void {
  const { document } = splicer;
  const { body, eol } = document;
  const pairs = node.items as Array<Pair<ParsedNode, ParsedNode | null>>;
  const keys = pairs.map(pairKey);
  if (new Set(keys).size !== keys.length || keys.length !== Object.keys(old).length || !keys.every((key) => Object.hasOwn(old, key)))
    throw new NotSpliceable('keys');
  const added = Object.keys(value).filter((key) => !Object.hasOwn(old, key));
  const removed = new Set(keys.filter((key) => !Object.hasOwn(value, key)));
  if (removed.size === keys.length && keys.length > 0) throw new NotSpliceable('every key changes');
  const flow = !isBlock(node);
  pairs.forEach((pair, index) => {
    const key = keys[index]!;
    if (removed.has(key)) return;
    const valueNode = pair.value;
    const replace = (): void => {
      if (flow || (valueNode && !isBlock(valueNode) && (isMap(valueNode) || isSeq(valueNode)))) {
        // A value written in flow style stays in flow style.
        if (!valueNode || valueNode.range[1] <= valueNode.range[0]) throw new NotSpliceable('empty flow value');
        splicer.edits.push({ start: valueNode.range[0], end: valueNode.range[1], text: renderFlow(value[key]!) });
      } else {
        replaceBlockPair(splicer, pair, value[key]!);
      }
    };
    spliceValue(splicer, valueNode, old[key]!, value[key]!, flow, replace);
  });
  if (flow) {
    // Cut each removed pair with the comma before it (the first ones with the comma after them).
    let firstKept = 0;
    while (removed.has(keys[firstKept]!)) firstKept++;
    if (firstKept > 0) splicer.edits.push({ start: (pairs[0]!.key as ParsedNode).range[0], end: (pairs[firstKept]!.key as ParsedNode).range[0], text: '' });
    for (let index = firstKept + 1; index < pairs.length; index++) {
      if (removed.has(keys[index]!)) splicer.edits.push({ start: flowPairEnd(pairs[index - 1]!), end: flowPairEnd(pairs[index]!), text: '' });
    }
    if (added.length > 0) {
      const text = added.map((key) => `${flowString(key)}: ${renderFlow(value[key]!)}`).join(', ');
      const last = pairs[pairs.length - 1];
      // After the last pair, or just inside the `{` of an empty mapping.
      const at = last ? flowPairEnd(last) : node.range[0] + 1;
      if (!last && body[node.range[0]] !== '{') throw new NotSpliceable('flow mapping start');
      splicer.edits.push({ start: at, end: at, text: last ? `, ${text}` : text });
    }
    return;
  }
  const lines = pairs.map((pair) => {
    const item = (pair as PairWithToken).srcToken;
    if (!item) throw new NotSpliceable('pair');
    const shared = body.slice(lineStart(body, (pair.key as ParsedNode).range[0]), (pair.key as ParsedNode).range[0]).trim() !== '';
    return { ...entryLines(document, [item], 'a key', true), shared };
  });
  pairs.forEach((pair, index) => {
    if (!removed.has(keys[index]!)) return;
    const pairLines = lines[index]!;
    if (!pairLines.shared) {
      // The comment and blank lines right above the key go with it: they were about it (and,
      // left behind after the entry's last key, they would no longer be inside the entry).
      const limit = index > 0 ? lines[index - 1]!.end : 0;
      let start = pairLines.start;
      while (start > limit) {
        const above = lineStart(body, start - 1);
        if (above < limit) break;
        const text = body.slice(above, start).trim();
        if (text !== '' && !text.startsWith('#')) break;
        start = above;
      }
      splicer.edits.push(cutLines(body, { start, end: pairLines.end }));
      return;
    }
    // The pair shares its line with the list item's dash: the next key takes its place on that line.
    const next = pairs[index + 1];
    if (!next || removed.has(keys[index + 1]!)) throw new NotSpliceable('first pair of an item');
    splicer.edits.push({ start: (pair.key as ParsedNode).range[0], end: (next.key as ParsedNode).range[0], text: '' });
  });
  if (added.length > 0) {
    const last = lines[lines.length - 1]!;
    if (last.endsInBlockScalar && last.end === body.length) throw new NotSpliceable('a block scalar ends the file');
    const column = columnOf(body, (pairs[0]!.key as ParsedNode).range[0]);
    const text = added.flatMap((key) => renderPair(key, value[key]!, column, splicer.style)).join(eol);
    splicer.edits.push({ start: last.end, end: last.end, text: eol + text });
  }
}

/**
 * The edits that turn the entry `node` (read as `old`) into `value` key by key, keeping its
 * comments, the person's keys and its formatting; undefined where it has to be written whole.
 */
function spliceEntry(document: YamlDocument, node: ParsedNode | null, old: JsonValue, value: JsonObject, style: YamlStyle): TextEdit[] | undefined {
  if (!isMap(node) || !isJsonObject(old) || Object.keys(value).length === 0) return undefined;
  if (node.tag !== undefined && node.tag !== 'tag:yaml.org,2002:map') return undefined;
  const splicer: Splicer = { document, style, edits: [] };
  try {
    spliceMap(splicer, node as YAMLMap.Parsed, old, value);
  } catch (error) {
    if (error instanceof NotSpliceable) return undefined;
    throw error;
  }
  return splicer.edits;
}

interface SetRequest {
  container: YamlContainer;
  name: string;
  value: JsonObject;
}

function clone<T extends JsonValue>(value: T): T {
  return structuredClone(value);
}

/** The expected document: `root` with the same change made to its JSON. */
function expectedRoot(root: JsonObject, set: SetRequest | undefined, removes: readonly YamlEntryRef[]): JsonObject {
  const next = clone(root);
  const holder = (container: YamlContainer, create: boolean): JsonObject | JsonValue[] | undefined => {
    let object: JsonObject = next;
    for (const [index, key] of container.path.entries()) {
      const last = index === container.path.length - 1;
      let value = Object.hasOwn(object, key) ? object[key] : undefined;
      if (value === undefined || value === null) {
        if (!create) return undefined;
        value = last && container.shape === 'list' ? [] : {};
        setOwn(object, key, value);
      }
      if (last) return Array.isArray(value) || isJsonObject(value) ? value : undefined;
      if (!isJsonObject(value)) return undefined;
      object = value;
    }
    return undefined;
  };
  for (const remove of removes) {
    const servers = holder(remove.container, false);
    if (remove.container.shape === 'map' && isJsonObject(servers as JsonValue)) delete (servers as JsonObject)[remove.name];
    if (remove.container.shape === 'list' && Array.isArray(servers)) {
      // In place (the array is referenced from its parent); no spread into a call, which a long list would overflow.
      let kept = 0;
      for (const item of servers) if (!(isJsonObject(item) && item.name === remove.name)) servers[kept++] = item;
      servers.length = kept;
    }
  }
  if (set) {
    const servers = holder(set.container, true);
    if (set.container.shape === 'map' && isJsonObject(servers as JsonValue)) setOwn(servers as JsonObject, set.name, set.value);
    if (set.container.shape === 'list' && Array.isArray(servers)) {
      const index = servers.findIndex((item) => isJsonObject(item) && item.name === set.name);
      if (index === -1) servers.push(set.value);
      else servers[index] = set.value;
    }
  }
  return next;
}

function sameContainer(a: YamlContainer, b: YamlContainer): boolean {
  return a.shape === b.shape && a.path.length === b.path.length && a.path.every((key, index) => b.path[index] === key);
}

/** A list item with `name` first, as Continue writes them. */
function listItem(name: string, value: JsonObject): JsonObject {
  if (value.name !== undefined && value.name !== name) throw new Error(`the list entry's name field (${String(value.name)}) is not ${name}`);
  const item: JsonObject = {};
  setOwn(item, 'name', name);
  for (const [key, field] of Object.entries(value)) if (key !== 'name') setOwn(item, key, field);
  return item;
}

/** The lines that create `keys` (the last one holding `inner`) at `column`. */
function renderMissing(keys: readonly string[], inner: JsonValue, column: number, style: YamlStyle): string[] {
  const value = keys.slice(1).reduceRight<JsonValue>((nested, key) => ({ [key]: nested }), inner);
  return renderPair(keys[0]!, value, column, style);
}

/**
 * The edit: `whole` writes an existing entry of ours anew instead of splicing what changes in it
 * (the fallback when the key-by-key edit does not read back as intended).
 */
function edit(
  document: YamlDocument,
  set: SetRequest | undefined,
  removes: readonly YamlEntryRef[],
  whole = false,
  dropWhenEmpty: readonly YamlContainer[] = [],
): YamlEdit {
  const { body, eol } = document;
  const edits: TextEdit[] = [];
  let spliced = false;
  const dropped: YamlContainer[] = [];
  const containers: YamlContainer[] = [];
  for (const container of [...(set ? [set.container] : []), ...removes.map((remove) => remove.container)]) {
    if (!containers.some((known) => sameContainer(known, container))) containers.push(container);
  }
  const setValue = set && (set.container.shape === 'list' ? listItem(set.name, set.value) : set.value);
  for (const container of containers) {
    const what = describePath(container.path);
    const names = new Set(removes.filter((remove) => sameContainer(remove.container, container)).map((remove) => remove.name));
    const own = set && sameContainer(set.container, container) ? set : undefined;
    if (own) names.delete(own.name);
    const located = locate(document, container);
    if (located.kind !== 'block') {
      if (!own) continue; // nothing to remove from an absent or empty container
      const style = detectStyle(document, undefined);
      const inner: JsonValue = container.shape === 'map' ? { [own.name]: setValue! } : [setValue!];
      if (located.kind === 'missing') {
        const parent = located.parent;
        if (!parent || !isBlock(parent)) {
          // An empty document, or a root written as `{}`: the container's lines are the content.
          const lines = renderMissing(located.keys, inner, 0, style).join(eol);
          if (parent) {
            edits.push({ start: parent.range[0], end: parent.range[1], text: lines });
          } else {
            const lead = body.trim() === '' ? '' : `${body.replace(/(?:\r?\n[ \t]*)+$/, '')}${eol}`;
            edits.push({ start: 0, end: body.length, text: lead + lines + eol });
          }
        } else {
          const lastPair = parent.items[parent.items.length - 1]!;
          const lastSibling = entryLines(document, [(lastPair as PairWithToken).srcToken], 'the last key of the mapping');
          requireRoomAfter(document, lastSibling);
          const lines = renderMissing(located.keys, inner, lastSibling.column, style);
          edits.push({ start: lastSibling.end, end: lastSibling.end, text: eol + lines.join(eol) });
        }
      } else {
        const keyNode = located.pair.key as ParsedNode;
        const keyColumn = columnOf(body, keyNode.range[0]);
        const column = keyColumn + (container.shape === 'map' ? style.step : style.seqIndent);
        const lines = container.shape === 'map' ? renderPair(own.name, setValue!, column, style) : renderItem(setValue!, column, style);
        const end = lineEnd(body, keyNode.range[0]);
        if (located.value && located.value.range[1] > located.value.range[0]) {
          // `key: {}` / `key: ~`: the value and the spaces before it go; a comment after it stays on the key's line.
          let start = located.value.range[0];
          while (start > 0 && (body[start - 1] === ' ' || body[start - 1] === '\t')) start--;
          edits.push({ start, end, text: body.slice(located.value.range[1], end) + eol + lines.join(eol) });
        } else {
          edits.push({ start: end, end, text: eol + lines.join(eol) });
        }
      }
      continue;
    }
    const { entries, node, pair } = located;
    const ownEntries = own ? entries.filter((entry) => entry.name === own.name) : [];
    if (ownEntries.length > 1) {
      const second = ownEntries[1]!;
      fail(body, second.start + second.column, `${what} has two entries named ${own!.name}; keep one and run again`);
    }
    for (const entry of entries) {
      const key = entry.key;
      if (!isScalar(key) || typeof key.value === 'string') continue;
      const text = String(key.value);
      if (text === own?.name || names.has(text)) {
        fail(
          body,
          key.range[0],
          `the key ${text} in ${what} is written as a ${typeof key.value === 'number' ? 'number' : 'non-string'}; quote it ("${text}") and run again`,
        );
      }
    }
    const cut = entries.filter((entry) => entry.name !== undefined && names.has(entry.name));
    for (const entry of [...cut, ...ownEntries]) {
      requireUnaliased(document, entry.key, `the key of ${entry.name} in ${what}`);
      requireNoUsedAnchorsInside(document, entry.node, `the entry ${entry.name} of ${what}`);
    }
    const containerLines = !own && cut.length === entries.length && cut.length > 0 ? wholeContainer(document, container, pair, dropWhenEmpty) : undefined;
    if (containerLines) {
      // Setup made the container (the file before this program had none): its lines go, with the
      // line break setup put before them.
      edits.push(cutLines(body, containerLines));
      dropped.push(container);
      continue;
    }
    for (const entry of cut) {
      const previous = entries[entries.indexOf(entry) - 1];
      // At the end of a file with no final line break, cutting the line break before the entry
      // would leave a block scalar of the previous entry without its own (see requireRoomAfter).
      const keepBreak =
        entry.end === body.length &&
        previous?.endsInBlockScalar &&
        lineEnd(body, previous.end) === previous.end &&
        body.slice(previous.end, entry.start).trim() === '';
      edits.push(keepBreak ? { start: entry.start, end: entry.end, text: '' } : cutLines(body, entry));
    }
    const existingValue = own && yamlEntry(document, container, own.name);
    if (own && existingValue !== undefined && jsonEqual(existingValue, setValue!)) {
      // Already as asked: its text (comments and spelling included) stays as the person wrote it.
    } else if (own) {
      const style = detectStyle(document, node);
      const existing = ownEntries[0];
      const column = existing?.column ?? entries[0]!.column;
      const lines = container.shape === 'map' ? renderPair(own.name, setValue!, column, style) : renderItem(setValue!, column, style);
      const splice = existing && !whole ? spliceEntry(document, existing.node, existingValue!, setValue!, style) : undefined;
      if (splice) {
        // Key by key: the values that differ are spliced, missing keys added, keys not wanted cut;
        // comments, the person's keys, quoting and flow or block style inside the entry stay.
        edits.push(...splice);
        spliced = true;
      } else if (existing) {
        edits.push({ start: existing.start, end: existing.end, text: lines.join(eol) });
      } else {
        const last = entries[entries.length - 1]!;
        requireRoomAfter(document, last);
        edits.push({ start: last.end, end: last.end, text: eol + lines.join(eol) });
      }
    } else if (cut.length === entries.length && cut.length > 0) {
      // The last entries go: the key stays with an empty value that both clients read as "none"
      // (an empty key would be null, which Continue's schema and Goose's map refuse).
      const at = keyLineContentEnd(document, pair);
      edits.push({ start: at, end: at, text: container.shape === 'map' ? ' {}' : ' []' });
    }
  }
  const newBody = applyEdits(body, edits);
  const text = withBom(document, newBody);
  const changed = newBody !== body;
  if (!changed) return { text, changed };
  const describe = set ? `the entry ${set.name} of ${describePath(set.container.path)}` : 'the removal';
  let check: YamlDocument;
  try {
    check = parseYaml(text);
  } catch (error) {
    if (!(error instanceof ConfigParseError)) throw error;
    if (spliced) return edit(document, set, removes, true);
    throw new ConfigParseError(
      1,
      1,
      `${describe} did not come out as valid YAML (${error.reason}, at line ${error.line} of the new text); the file was not changed`,
    );
  }
  const expected = expectedRoot(document.root, set && { ...set, value: setValue! }, removes);
  for (const container of dropped) delete expected[container.path[0]!];
  if (!jsonEqual(check.root, expected)) {
    if (spliced) return edit(document, set, removes, true);
    throw new ConfigParseError(1, 1, `${describe} did not come out as intended; the file was not changed`);
  }
  return { text, changed };
}

/**
 * Writes the entry `name` with this value into the container: updates the entry where it is, key
 * by key (only the values that differ change; its comments, other keys and formatting stay), or
 * adds its lines after the container's last entry, or creates the
 * container after the last key of the mapping above it (at the end of the file for a top-level
 * one). For a list container the value is the whole item; `name` is put first. `remove` lists
 * other entries (legacy names) whose lines are cut. The result is read again and must mean the
 * old document with exactly this change.
 */
export function setYamlEntry(
  document: YamlDocument,
  container: YamlContainer,
  name: string,
  value: JsonObject,
  remove: readonly YamlEntryRef[] = [],
): YamlEdit {
  return edit(document, { container, name, value }, remove);
}

/**
 * Cuts the lines of these entries (every list item with that name). A container left with no
 * entry keeps its key with `{}` or `[]`. The result is read again and must lack exactly them.
 */
export function removeYamlEntries(document: YamlDocument, entries: readonly YamlEntryRef[], dropWhenEmpty: readonly YamlContainer[] = []): YamlEdit {
  return edit(document, undefined, entries, false, dropWhenEmpty);
}

/**
 * The lines of a top-level container in `dropWhenEmpty` (one setup made), to cut whole once its
 * last entries go; undefined where it stays: another container, one nested deeper, a comment in
 * it (the person's), or a pair this tool cannot bound.
 */
function wholeContainer(
  document: YamlDocument,
  container: YamlContainer,
  pair: Pair<ParsedNode, ParsedNode | null>,
  dropWhenEmpty: readonly YamlContainer[],
): { start: number; end: number } | undefined {
  if (container.path.length !== 1 || !dropWhenEmpty.some((other) => sameContainer(other, container))) return undefined;
  const item = (pair as PairWithToken).srcToken;
  if (!item) return undefined;
  const lines = entryLines(document, [item], 'the container', true);
  if (lines.start === 0 || document.body.slice(lines.start, lines.end).includes('#')) return undefined;
  return lines;
}
