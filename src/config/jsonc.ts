import {
  applyEdits,
  createScanner,
  findNodeAtLocation,
  modify,
  parseTree,
  type Node,
  printParseErrorCode,
  visit,
  type FormattingOptions,
  type JSONPath,
  type ParseError,
  type ParseOptions,
} from 'jsonc-parser';
import type { JsonObject, JsonValue } from '../config/json-types.js';
import { splitBom } from './bom.js';
import { strictJsonLayout, type TopLevelMember } from './json-layout.js';

const PARSE_ERROR_WORDS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected a colon',
  CommaExpected: 'expected a comma',
  CloseBraceExpected: 'expected a closing brace }',
  CloseBracketExpected: 'expected a closing bracket ]',
  EndOfFileExpected: 'unexpected text after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in this file',
  UnexpectedEndOfComment: 'a comment is never closed',
  UnexpectedEndOfString: 'a string is never closed',
  UnexpectedEndOfNumber: 'a number is cut off',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string',
};

/** A config file that cannot be read under its client's rules; it is never written. */
export class ConfigParseError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
  }
}

export interface ParsedDocument {
  /** The text without its byte-order mark. */
  body: string;
  bom: boolean;
  /** The top-level object; an empty object when the file is empty. */
  root: JsonObject;
  /** True when the file holds nothing but whitespace (and comments, where allowed). */
  empty: boolean;
  formatting: FormattingOptions;
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Indentation and line endings as the file already uses them, so our lines blend in. */
function detectFormatting(body: string): FormattingOptions {
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  const indented = /^([ \t]+)\S/m.exec(body);
  if (indented?.[1]?.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  const width = indented?.[1]?.length ?? 2;
  return { insertSpaces: true, tabSize: width > 8 ? 2 : width, eol };
}

/**
 * Deeper nesting is refused. jsonc-parser (and everything after it here) is recursive and runs out
 * of stack near 5 000 levels, which a hostile or broken file reaches easily; no client writes
 * more than a dozen.
 */
export const MAX_NESTING = 512;

/**
 * Sets `key` as an own data property, "__proto__" included: assigning that key would set the
 * object's prototype instead, and the entry would vanish (as it did in jsonc-parser's parse).
 */
function setOwn(object: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}

class TooDeep {
  constructor(readonly offset: number) {}
}

/**
 * jsonc-parser's parse(), with two differences. Its parse assigns `object[key] = value`, so a
 * "__proto__" key set the object's prototype instead of becoming a key: the entry vanished from
 * the inventory (and a remove then dropped it with the servers object) while nested keys showed
 * through as inherited ones; here every key is an own property, as with JSON.parse. And nesting
 * deeper than MAX_NESTING stops the parse (TooDeep) before the recursion can overflow the stack.
 */
function parseValue(
  text: string,
  errors: ParseError[],
  options: ParseOptions,
  wanted?: ReadonlySet<string>,
  layout?: LayoutRecorder,
): JsonValue | undefined {
  type Parent = JsonValue[] | JsonObject;
  let parent: Parent = [];
  let property: string | null = null;
  const parents: Parent[] = [];
  // With `wanted`, the values of the other top-level keys are checked but never built, so a
  // large file (Claude Code's state) costs little memory beyond its text.
  let depth = 0;
  let skipNext = false;
  let skipDepth = -1;
  const onValue = (value: JsonValue) => {
    if (skipNext) {
      skipNext = false;
      return;
    }
    if (skipDepth !== -1) return;
    if (Array.isArray(parent)) parent.push(value);
    else if (property !== null) setOwn(parent, property, value);
  };
  const open = (container: Parent, offset: number) => {
    if (++depth > MAX_NESTING) throw new TooDeep(offset);
    layout?.begin(depth, offset, !Array.isArray(container));
    if (skipDepth !== -1) return;
    if (skipNext) {
      skipNext = false;
      skipDepth = depth;
      return;
    }
    onValue(container);
    parents.push(parent);
    parent = container;
    property = null;
  };
  const close = (offset: number, length: number) => {
    layout?.end(depth, offset, length);
    if (skipDepth !== -1) {
      if (depth === skipDepth) skipDepth = -1;
      depth--;
      return;
    }
    depth--;
    parent = parents.pop() ?? [];
  };
  visit(
    text,
    {
      onObjectBegin: (offset) => open({}, offset),
      onObjectProperty: (name, offset) => {
        layout?.property(depth, name, offset);
        if (skipDepth !== -1) return;
        property = name;
        if (depth === 1 && wanted && !wanted.has(name)) skipNext = true;
      },
      onObjectEnd: close,
      onArrayBegin: (offset) => open([], offset),
      onArrayEnd: close,
      onLiteralValue: (value, offset, length) => {
        layout?.literal(depth, offset, length);
        onValue(value);
      },
      onError: (error, offset, length) => {
        errors.push({ error, offset, length });
      },
    },
    options,
  );
  return (parent as JsonValue[])[0];
}

/**
 * Parses a config under its client's rules: `jsonc` accepts comments and trailing commas,
 * `json` is strict. Throws ConfigParseError with the 1-based line and column of the first error.
 */
export function parseDocument(text: string, format: 'json' | 'jsonc', onlyKeys?: readonly string[]): ParsedDocument {
  const { bom, body } = splitBom(text);
  if (body.length >= FAST_LAYOUT_FROM) {
    const members = strictJsonLayout(body);
    if (members) {
      lastLayout = { body, members };
      // Strict JSON, nested no deeper than the layout matches: JSON.parse reads it as parseValue does.
      const root = onlyKeys ? rootOfMembers(body, members, new Set(onlyKeys)) : (JSON.parse(body) as JsonObject);
      return { body, bom, root, empty: false, formatting: detectFormatting(body) };
    }
  }
  const errors: ParseError[] = [];
  const strict = format === 'json';
  // The root's layout (topLevelMembers) is recorded in the same pass: on a large file that is one
  // full scan less for every edit.
  const layout = new LayoutRecorder();
  let value: JsonValue | undefined;
  try {
    value = parseValue(
      body,
      errors,
      {
        allowTrailingComma: !strict,
        disallowComments: strict,
        allowEmptyContent: true,
      },
      onlyKeys && new Set(onlyKeys),
      layout,
    );
  } catch (error) {
    if (!(error instanceof TooDeep)) throw error;
    const position = lineAndColumn(body, error.offset);
    throw new ConfigParseError(position.line, position.column, `nested more than ${MAX_NESTING} levels deep; no client writes such a file`);
  }
  const first = errors[0];
  if (first) {
    const position = lineAndColumn(body, first.offset);
    const code = printParseErrorCode(first.error);
    const reason =
      strict && (code === 'CommaExpected' || code === 'PropertyNameExpected' || code === 'ValueExpected') && hasTrailingCommaAt(body, first.offset)
        ? 'trailing commas are not allowed in this file'
        : (PARSE_ERROR_WORDS[code] ?? code);
    throw new ConfigParseError(position.line, position.column, reason);
  }
  if (value === undefined) {
    return { body, bom, root: {}, empty: true, formatting: detectFormatting(body) };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigParseError(1, 1, 'the file must contain a JSON object { … }');
  }
  lastLayout = { body, members: layout.members };
  return { body, bom, root: value, empty: false, formatting: detectFormatting(body) };
}

/**
 * From this length on, a file is first read as strict JSON by json-layout.ts, whose native
 * matching costs a fraction of jsonc-parser's scanner in time and memory on a large file (and the
 * whole root, where asked for, comes from JSON.parse); one with comments or an error falls
 * through to jsonc-parser.
 */
const FAST_LAYOUT_FROM = 64 * 1024;

/** The root with the `wanted` members' values only, as parseValue builds it with `wanted`. */
function rootOfMembers(body: string, members: readonly TopLevelMember[], wanted: ReadonlySet<string>): JsonObject {
  const root: JsonObject = {};
  for (const member of members) {
    if (!wanted.has(member.key)) continue;
    setOwn(root, member.key, parseValue(body.slice(member.valueOffset, member.valueEnd), [], { allowEmptyContent: false }) as JsonValue);
  }
  return root;
}

function hasTrailingCommaAt(body: string, offset: number): boolean {
  const before = body.slice(0, offset).trimEnd();
  return before.endsWith(',') && /^\s*[}\]]/.test(body.slice(offset));
}

/**
 * Sets (or, with `undefined`, removes) the value at `path`, touching only the text of that value.
 * Everything else — comments, key order, indentation, line endings — stays as it was.
 */
export function editDocument(document: ParsedDocument, path: JSONPath, value: JsonValue | undefined): string {
  const { body, formatting } = document;
  if (value === undefined && !document.empty) return removeProperty(body, path);
  if (document.empty) {
    if (value === undefined) return body;
    const fresh = wrapInPath(path, value);
    const text = JSON.stringify(fresh, null, formatting.insertSpaces === false ? '\t' : ' '.repeat(formatting.tabSize ?? 2));
    const eol = formatting.eol ?? '\n';
    // Keep any comment that was the whole content, and start the object on its own line.
    // Only blank lines at the end go: trimEnd() would also cut the trailing spaces of a last
    // `// comment ` line, changing the comment (found by the property tests).
    const lead = body.trim() ? `${body.replace(/(?:\r?\n[ \t]*)+$/, '')}${eol}` : '';
    return lead + text.replace(/\n/g, eol) + eol;
  }
  const windowed = editInTopLevelObject(document, path, value);
  if (windowed !== undefined) return windowed;
  const inserted = value === undefined ? undefined : insertProperty(body, path, value, formatting);
  return inserted ?? modifyChecked(document, path, value);
}

/** The last layout computed: one edit asks for the same text's layout twice (duplicates, then the edit). */
let lastLayout: { body: string; members: TopLevelMember[] } | undefined;

/**
 * Records the root object's members and where their values are, from a visit's callbacks. `depth`
 * is the nesting after a container opens and before it closes (1 inside the root object).
 */
class LayoutRecorder {
  readonly members: TopLevelMember[] = [];
  private pending: { key: string; keyOffset: number } | undefined;
  private current: TopLevelMember | undefined;

  property(depth: number, key: string, keyOffset: number): void {
    if (depth === 1) this.pending = { key, keyOffset };
  }

  begin(depth: number, offset: number, isObject: boolean): void {
    if (depth === 2 && this.pending) this.current = { ...this.pending, valueOffset: offset, valueEnd: offset, isObject };
  }

  end(depth: number, offset: number, length: number): void {
    if (depth !== 2 || !this.current) return;
    this.current.valueEnd = offset + length;
    this.members.push(this.current);
    this.current = undefined;
    this.pending = undefined;
  }

  literal(depth: number, offset: number, length: number): void {
    if (depth !== 1 || !this.pending) return;
    this.members.push({ ...this.pending, valueOffset: offset, valueEnd: offset + length, isObject: false });
    this.pending = undefined;
  }
}

/** The root object's members and where their values are, in one pass that builds no values. */
function topLevelMembers(body: string): TopLevelMember[] {
  if (lastLayout?.body === body) return lastLayout.members;
  const layout = new LayoutRecorder();
  let depth = 0;
  const begin = (offset: number, isObject: boolean) => layout.begin(++depth, offset, isObject);
  const end = (offset: number, length: number) => layout.end(depth--, offset, length);
  visit(
    body,
    {
      onObjectBegin: (offset) => begin(offset, true),
      onObjectEnd: end,
      onArrayBegin: (offset) => begin(offset, false),
      onArrayEnd: end,
      onObjectProperty: (key, offset) => layout.property(depth, key, offset),
      onLiteralValue: (_value, offset, length) => layout.literal(depth, offset, length),
    },
    { allowTrailingComma: true, allowEmptyContent: true },
  );
  lastLayout = { body, members: layout.members };
  return layout.members;
}

/**
 * An edit below a top-level object (`mcpServers.intercom`) made on that object's text alone, then
 * spliced back: the rest of the file is never parsed into a tree, which keeps the work and memory
 * for a large file (a heavy user's ~/.claude.json runs to tens of MB) close to its size. The
 * object's text starts with its line's indentation so the formatter indents as in the file.
 * Undefined where this does not apply (the key is missing or repeated, or the object is on the
 * line of another key): the whole-document edit handles those.
 */
function editInTopLevelObject(document: ParsedDocument, path: JSONPath, value: JsonValue | undefined): string | undefined {
  if (path.length < 2) return undefined;
  const { body } = document;
  const matches = topLevelMembers(body).filter((member) => member.key === path[0]);
  const member = matches[0];
  if (matches.length !== 1 || !member?.isObject) return undefined;
  const objectText = body.slice(member.valueOffset, member.valueEnd);
  // An object on one line (`"mcpServers": {}`, as Claude Code writes an empty one) is edited
  // alone too, where its key starts a line: jsonc-parser then formats it as it would in the file.
  // A key that shares its line (`{"a": 1, "mcpServers": {}}`) is left to the whole-document edit,
  // which lays the whole line out anew.
  if (!objectText.includes('\n') && !keyStartsLine(body, member.keyOffset)) return undefined;
  const lineStart = body.lastIndexOf('\n', member.valueOffset - 1) + 1;
  const indent = /^[ \t]*/.exec(body.slice(lineStart, member.valueOffset))?.[0] ?? '';
  const window: ParsedDocument = { ...document, body: indent + objectText, bom: false, root: {}, empty: false };
  const edited = editDocument(window, path.slice(1), value);
  if (!edited.startsWith(indent)) return undefined;
  return body.slice(0, member.valueOffset) + edited.slice(indent.length) + body.slice(member.valueEnd);
}

function keyStartsLine(body: string, keyOffset: number): boolean {
  const lineStart = body.lastIndexOf('\n', keyOffset - 1) + 1;
  return /^[ \t]*$/.test(body.slice(lineStart, keyOffset));
}

/**
 * jsonc-parser's modify(), checked. After an edit it re-formats from the start of the edit's
 * line; when that line starts inside a multi-line block comment, its formatter reads the rest of
 * the comment as tokens and can put spaces inside strings: `"url": "https: //mcp…"` (found by the
 * property tests, with a comment holding a `"` before an empty servers object). So the result
 * must mean exactly the old document with `value` at `path`, and keep every comment outside the
 * replaced value; otherwise the unformatted edit is used, which has no formatting step. The
 * formatter also throws a TypeError when a line it formats reaches exactly 200 columns of
 * indentation (an off-by-one in its cache of indentation strings: 100 levels deep at 2 spaces,
 * 50 at 4, e.g. in a minified one-line file): that falls back to the unformatted edit too.
 */
function modifyChecked(document: ParsedDocument, path: JSONPath, value: JsonValue | undefined): string {
  const { body, formatting } = document;
  let formatted: string | undefined;
  try {
    formatted = applyEdits(body, modify(body, path, value, { formattingOptions: formatting }));
  } catch {
    formatted = undefined;
  }
  if (formatted !== undefined && editIsExact(document, formatted, path, value)) return formatted;
  const plain = applyEdits(body, modify(body, path, value, {}));
  if (editIsExact(document, plain, path, value)) return plain;
  throw new ConfigParseError(1, 1, 'this file cannot be edited without changing something else in it; add the entry by hand');
}

function editIsExact(document: ParsedDocument, text: string, path: JSONPath, value: JsonValue | undefined): boolean {
  const errors: ParseError[] = [];
  const after = parseValue(text, errors, { allowTrailingComma: true, allowEmptyContent: true });
  // The body, not document.root: a caller that edits several times keeps the first root.
  const before = parseValue(document.body, [], { allowTrailingComma: true, allowEmptyContent: true });
  if (errors.length > 0 || !jsonEqual(after, withValueAt(before, path, value))) return false;
  const root = parseTree(document.body, [], { allowTrailingComma: true });
  const replaced = root && findNodeAtLocation(root, path);
  const outside = commentTokens(document.body).filter(
    (comment) => !replaced || comment.offset < replaced.offset || comment.offset >= replaced.offset + replaced.length,
  );
  const kept = commentTokens(text);
  let next = 0;
  for (const comment of kept) if (next < outside.length && comment.text === outside[next]!.text) next++;
  return next === outside.length;
}

function commentTokens(text: string): Array<{ offset: number; text: string }> {
  const scanner = createScanner(text, false);
  const comments: Array<{ offset: number; text: string }> = [];
  for (let token = scanner.scan(); token !== EOF_TOKEN; token = scanner.scan()) {
    if (token === LINE_COMMENT_TOKEN || token === BLOCK_COMMENT_TOKEN) {
      comments.push({ offset: scanner.getTokenOffset(), text: text.slice(scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength()) });
    }
  }
  return comments;
}

/** A copy of `root` with `value` at `path` (removed when undefined), objects made on the way. */
function withValueAt(root: JsonValue | undefined, path: JSONPath, value: JsonValue | undefined): JsonValue | undefined {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const base = root !== null && typeof root === 'object' && !Array.isArray(root) ? root : {};
  const copy: JsonObject = { ...base };
  const key = String(head);
  const inner = withValueAt(Object.hasOwn(base, key) ? base[key] : undefined, rest, value);
  if (inner === undefined) delete copy[key];
  else setOwn(copy, key, inner);
  return copy;
}

/**
 * Adds a new property after the last one of its object, on a line of its own, after any comment
 * that ends the last property's line: jsonc-parser would put it between the value and that
 * comment, which moves the comment onto our entry. Returns undefined where this does not apply
 * (the key exists, the object is empty or on one line); jsonc-parser handles those.
 */
function insertProperty(body: string, path: JSONPath, value: JsonValue, formatting: FormattingOptions): string | undefined {
  const root = parseTree(body, [], { allowTrailingComma: true });
  if (!root) return undefined;
  let depth = path.length;
  let container: Node | undefined;
  while (depth > 0) {
    const candidate = findNodeAtLocation(root, path.slice(0, depth - 1));
    if (candidate) {
      container = candidate;
      break;
    }
    depth--;
  }
  if (!container || container.type !== 'object' || !container.children?.length) return undefined;
  const key = String(path[depth - 1]);
  if (findNodeAtLocation(container, [key])) return undefined;
  const inserted = path.slice(depth).reduceRight<JsonValue>((inner, segment) => ({ [String(segment)]: inner }), value);

  const last = container.children[container.children.length - 1]!;
  const lastEnd = last.offset + last.length;
  const newline = body.indexOf('\n', lastEnd);
  const closing = container.offset + container.length - 1;
  if (newline === -1 || newline > closing) return undefined; // the object closes on the last property's line
  const lineEnd = body[newline - 1] === '\r' ? newline - 1 : newline;
  const rest = body.slice(lastEnd, lineEnd);
  const trailingComma = commaAfter(body, lastEnd);
  // Only a comma and a line comment may follow the last property on its line.
  if (!/^\s*,?\s*(\/\/.*)?$/.test(rest) || (trailingComma && trailingComma.start >= lineEnd)) return undefined;

  const lineStart = body.lastIndexOf('\n', last.offset) + 1;
  const indent = /^[ \t]*/.exec(body.slice(lineStart))?.[0] ?? '';
  const unit = formatting.insertSpaces === false ? '\t' : ' '.repeat(formatting.tabSize ?? 2);
  const eol = formatting.eol ?? '\n';
  const valueText = JSON.stringify(inserted, null, unit).split('\n').join(eol + indent);
  const property = `${eol}${indent}${JSON.stringify(key)}: ${valueText}${trailingComma ? ',' : ''}`;
  const withComma = trailingComma ? body : `${body.slice(0, lastEnd)},${body.slice(lastEnd)}`;
  const shift = trailingComma ? 0 : 1;
  return withComma.slice(0, lineEnd + shift) + property + withComma.slice(lineEnd + shift);
}

/** The offset just past the next comma after `from`, if the next token is a comma. */
/** jsonc-parser's SyntaxKind.CommaToken (a const enum, which cannot be imported here). */
const COMMA_TOKEN = 5;

function commaAfter(body: string, from: number): { start: number; end: number } | undefined {
  const scanner = createScanner(body, true);
  scanner.setPosition(from);
  const token = scanner.scan();
  if (token !== COMMA_TOKEN) return undefined;
  return { start: scanner.getTokenOffset(), end: scanner.getTokenOffset() + scanner.getTokenLength() };
}

/**
 * Removes a property and its comma, and nothing else: unlike jsonc-parser's own delete, which
 * takes everything back to the previous value, comments around the property stay where they are.
 * A line left blank by the removal goes too.
 */
function removeProperty(body: string, path: JSONPath): string {
  const root = parseTree(body, [], { allowTrailingComma: true });
  const valueNode = root && findNodeAtLocation(root, path);
  const property: Node | undefined = valueNode?.parent;
  const object = property?.parent;
  if (!property || property.type !== 'property' || !object?.children) return body;
  const siblings = object.children;
  const index = siblings.indexOf(property);
  const cuts: Array<{ start: number; end: number }> = [{ start: property.offset, end: property.offset + property.length }];
  const following = commaAfter(body, property.offset + property.length);
  const isLast = index === siblings.length - 1;
  if (following && !isLast) cuts.push(following);
  else if (following && isLast && index === 0) cuts.push(following);
  else if (index > 0) {
    const previous = siblings[index - 1]!;
    const before = commaAfter(body, previous.offset + previous.length);
    // A trailing comma after our property means the list ends with one; keep that style.
    if (before && !following) cuts.push(before);
    else if (following) cuts.push(following);
  }
  let text = body;
  for (const cut of cuts.sort((a, b) => b.start - a.start)) text = text.slice(0, cut.start) + text.slice(cut.end);
  const removedBefore = cuts.filter((cut) => cut.start < property.offset).reduce((sum, cut) => sum + cut.end - cut.start, 0);
  return dropBlankLine(text, property.offset - removedBefore);
}

/** Removes the line around `offset` when the removal left nothing but whitespace on it. */
function dropBlankLine(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  if (newline === -1 || lineStart === 0) return text;
  if (text.slice(lineStart, newline).trim() !== '') return text;
  return text.slice(0, lineStart) + text.slice(newline + 1);
}

/**
 * The second occurrence of a key on the way along `path` (in the root object, then in each object
 * on the path), with its position. Clients keep the last of duplicate keys while jsonc-parser's
 * edits go to the first, so an edit there would be invisible to the client (plan.ts refuses it).
 */
export function findDuplicateKey(body: string, path: JSONPath): { key: string; line: number; column: number } | undefined {
  if (path.length === 0) return undefined;
  // The root's keys from one light pass; below them, a tree of the one object on the path only.
  const matches = topLevelMembers(body).filter((member) => member.key === path[0]);
  const second = matches[1];
  if (second) return { key: String(path[0]), ...lineAndColumn(body, second.keyOffset) };
  const member = matches[0];
  if (path.length === 1 || !member?.isObject) return undefined;
  const objectText = body.slice(member.valueOffset, member.valueEnd);
  let node = parseTree(objectText, [], { allowTrailingComma: true });
  for (const segment of path.slice(1)) {
    if (!node || node.type !== 'object' || !node.children) return undefined;
    const found = node.children.filter((property) => property.children?.[0]?.value === segment);
    const duplicate = found[1];
    if (duplicate) return { key: String(segment), ...lineAndColumn(body, member.valueOffset + duplicate.offset) };
    node = found[0]?.children?.[1];
  }
  return undefined;
}

/** jsonc-parser's SyntaxKind.LineCommentTrivia, BlockCommentTrivia and EOF (const enum values). */
const LINE_COMMENT_TOKEN = 12;
const BLOCK_COMMENT_TOKEN = 13;
const EOF_TOKEN = 17;

/**
 * Whether the property at `path` holds a comment between its key and the end of its value.
 * Deleting such a property would delete the comment with it (plan.ts keeps an emptied servers
 * object that holds one, so that a person's notes survive setup and remove).
 */
export function propertyHasComment(body: string, path: JSONPath): boolean {
  const root = parseTree(body, [], { allowTrailingComma: true });
  const property = root && findNodeAtLocation(root, path)?.parent;
  if (!property || property.type !== 'property') return false;
  const end = property.offset + property.length;
  const scanner = createScanner(body, false);
  scanner.setPosition(property.offset);
  for (let token = scanner.scan(); token !== EOF_TOKEN && scanner.getTokenOffset() < end; token = scanner.scan()) {
    if (token === LINE_COMMENT_TOKEN || token === BLOCK_COMMENT_TOKEN) return true;
  }
  return false;
}

function wrapInPath(path: JSONPath, value: JsonValue): JsonValue {
  return path.reduceRight<JsonValue>((inner, key) => ({ [String(key)]: inner }), value);
}

/** Deep equality of JSON values, with object keys compared regardless of their order. */
export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
  }
  const aObject = a as JsonObject;
  const bObject = b as JsonObject;
  const aKeys = Object.keys(aObject);
  if (aKeys.length !== Object.keys(bObject).length) return false;
  return aKeys.every((key) => Object.hasOwn(bObject, key) && jsonEqual(aObject[key], bObject[key]));
}
