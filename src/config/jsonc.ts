import {
  createScanner,
  findNodeAtLocation,
  parseTree,
  type Node,
  visit,
  type FormattingOptions,
  type JSONPath,
  type ParseError,
  type ParseOptions,
} from 'jsonc-parser';
import type { JsonObject, JsonValue } from '../config/json-types.js';
import { splitBom } from './bom.js';
import { strictJsonLayout, type TopLevelMember } from './json-layout.js';
import {
  insertMember,
  keyEnd,
  lineIndent,
  removeMember,
  replaceValue,
  rootBraces,
  viewOfArrayNode,
  viewOfNode,
  type ObjectView,
  type SpliceFormat,
} from './json-splice.js';

/**
 * The names of jsonc-parser's ParseErrorCode values (1 to 16, numbers of its public API), as its
 * printParseErrorCode gives them: that function lives in the package's main file, which this
 * module does not load (scripts/build.mjs, "the parser half").
 */
const PARSE_ERROR_NAMES = [
  '',
  'InvalidSymbol',
  'InvalidNumberFormat',
  'PropertyNameExpected',
  'ValueExpected',
  'ColonExpected',
  'CommaExpected',
  'CloseBraceExpected',
  'CloseBracketExpected',
  'EndOfFileExpected',
  'InvalidCommentToken',
  'UnexpectedEndOfComment',
  'UnexpectedEndOfString',
  'UnexpectedEndOfNumber',
  'InvalidUnicode',
  'InvalidEscapeCharacter',
  'InvalidCharacter',
] as const;

export function parseErrorName(code: number): string {
  return (code > 0 && PARSE_ERROR_NAMES[code]) || '<unknown ParseErrorCode>';
}

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
  const eol = body.includes('\r\n') ? '\r\n' : body.includes('\n') || !body.includes('\r') ? '\n' : '\r';
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
function parseValue(text: string, errors: ParseError[], options: ParseOptions, wanted?: ReadonlySet<string>, layout?: LayoutRecorder): JsonValue | undefined {
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
    const code = parseErrorName(first.error);
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
 * Sets (or, with `undefined`, removes) the value at `path`, touching only the text of that value:
 * a new member is spliced into its object (json-splice.ts), a removed one cut out, a changed value
 * replaced. Everything else — comments, key order, indentation, line endings, a minified file's
 * single line — stays byte for byte, and no formatting pass runs over the file.
 */
export function editDocument(document: ParsedDocument, path: JSONPath, value: JsonValue | undefined): string {
  const { body, formatting } = document;
  if (document.empty) {
    if (value === undefined) return body;
    const fresh = wrapInPath(path, value);
    const text = JSON.stringify(fresh, null, formatting.insertSpaces === false ? '\t' : ' '.repeat(formatting.tabSize ?? 2));
    const eol = formatting.eol ?? '\n';
    // Keep any comment that was the whole content, and start the object on its own line.
    // Only blank lines at the end go: trimEnd() would also cut the trailing spaces of a last
    // `// comment ` line, changing the comment (found by the property tests).
    const lead = body.trim() ? `${body.replace(/(?:(?:\r\n|\n|\r)[ \t]*)+$/, '')}${eol}` : '';
    return lead + text.replace(/\n/g, eol) + eol;
  }
  const spliced = spliceEdit(document, path, value);
  if (spliced !== undefined) return spliced;
  if (value === undefined) return removeProperty(body, path);
  return modifyChecked(document, path, value);
}

/**
 * The last layout computed: one edit asks for the same text's layout twice (duplicates, then the
 * edit). For a text spliceEdit made below a top-level object, also the parts it made it from.
 */
let lastLayout: { body: string; members: TopLevelMember[]; parts?: readonly string[] } | undefined;
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

function spliceFormat(document: ParsedDocument): SpliceFormat {
  const { formatting } = document;
  return { unit: formatting.insertSpaces === false ? '\t' : ' '.repeat(formatting.tabSize ?? 2), eol: formatting.eol ?? '\n' };
}

/**
 * The edit as a splice. At the root it works from the root's layout (no tree of the file); below
 * a top-level object (`mcpServers.intercom`) it works on that object's text alone, spliced back:
 * the rest of the file is never parsed into a tree, which keeps the work and memory for a large
 * file (a heavy user's ~/.claude.json runs to tens of MB) close to its size. The object's text
 * starts with its line's indentation, so a member added on a new line is indented as in the file.
 * Undefined where this does not apply (a key repeated on the way, a path through a value that is
 * not an object): the whole-document edit handles those.
 */
function spliceEdit(document: ParsedDocument, path: JSONPath, value: JsonValue | undefined): string | undefined {
  const { body } = document;
  const members = topLevelMembers(body);
  const key = String(path[0]);
  const matches = members.filter((member) => member.key === key);
  if (matches.length > 1 || path.length === 0) return undefined;
  const member = matches[0];
  const format = spliceFormat(document);
  if (!member || path.length === 1) {
    const braces = rootBraces(body, members);
    if (!braces) return undefined;
    const view: ObjectView = { ...braces, members };
    if (!member) {
      if (value === undefined) return body;
      // A file that holds only `{}`: laid out as a new file would be, inside its braces.
      if (members.length === 0 && braces.close === braces.open + 1) {
        const fresh = JSON.stringify(wrapInPath(path, value), null, format.unit).split('\n').join(format.eol);
        lastLayout = undefined;
        return checkedSmall(document, body.slice(0, braces.open) + fresh + body.slice(braces.close + 1), path, value);
      }
      const added = insertMember(body, view, key, wrapInPath(path.slice(1), value), format);
      remember(added.text, [...members, { ...added.member, key, isObject: path.length > 1 || isPlainObject(value) }]);
      return checkedSmall(document, added.text, path, value);
    }
    const index = members.indexOf(member);
    const text = value === undefined ? removeMember(body, view, index) : replaceValue(body, view, member, value, format);
    const delta = text.length - body.length;
    remember(
      text,
      value === undefined
        ? members.filter((_, at) => at !== index).map((other, at) => (at < index ? other : shifted(other, delta)))
        : members.map((other, at) =>
            at < index ? other : at === index ? { ...other, valueEnd: other.valueEnd + delta, isObject: isPlainObject(value) } : shifted(other, delta),
          ),
    );
    return checkedSmall(document, text, path, value);
  }
  if (!member.isObject && body[member.valueOffset] !== '[') return undefined;
  const indent = lineIndent(body, member.valueOffset);
  const window = indent + body.slice(member.valueOffset, member.valueEnd);
  const edited = editWindow(window, path.slice(1), value, format, body.slice(keyEnd(body, member), member.valueOffset));
  if (edited === undefined) return undefined;
  const parts = [body.slice(0, member.valueOffset), edited.slice(indent.length), body.slice(member.valueEnd)];
  const text = parts[0]! + parts[1]! + parts[2]!;
  const delta = text.length - body.length;
  const index = members.indexOf(member);
  remember(
    text,
    members.map((other, at) => (at < index ? other : at === index ? { ...other, valueEnd: other.valueEnd + delta } : shifted(other, delta))),
    parts,
  );
  return text;
}

function isPlainObject(value: JsonValue | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function shifted(member: TopLevelMember, delta: number): TopLevelMember {
  return { ...member, keyOffset: member.keyOffset + delta, valueOffset: member.valueOffset + delta, valueEnd: member.valueEnd + delta };
}

/**
 * `text` as the parts spliceEdit made it from (the file before the edited object, the object,
 * the file after it), when it is the text of the last layout recorded (lastLayout). V8 keeps
 * `a + b + c` as a rope of the file's own slices until something reads it through; a writer that
 * writes the parts one after the other never copies a large file's new text whole
 * (docs/performance.md). The comparison is of content (the same string object answers at once,
 * another of a different length too), so parts are only ever given for the very text they make up.
 */
export function splicedParts(text: string): readonly string[] | undefined {
  const last = lastLayout;
  return last?.parts !== undefined && last.body === text ? last.parts : undefined;
}

/** The layout of an edited text, worked out from the edit: the next edit of it needs no scan. */
function remember(body: string, members: TopLevelMember[], parts?: readonly string[]): void {
  lastLayout = parts ? { body, members, parts } : { body, members };
}

/** Below FAST_LAYOUT_FROM the whole result is checked as the window is; a large file keeps its splice. */
function checkedSmall(document: ParsedDocument, text: string, path: JSONPath, value: JsonValue | undefined): string | undefined {
  if (document.body.length >= FAST_LAYOUT_FROM || meansEditOf(document.body, text, path, value)) return text;
  lastLayout = undefined;
  return undefined;
}

/** Whether `after` parses and means `before` with `value` at `path`. */
function meansEditOf(before: string, after: string, path: JSONPath, value: JsonValue | undefined): boolean {
  const errors: ParseError[] = [];
  const edited = parseValue(after, errors, { allowTrailingComma: true, allowEmptyContent: true });
  if (errors.length > 0) return false;
  return jsonEqual(edited, withValueAt(parseValue(before, [], { allowTrailingComma: true, allowEmptyContent: true }), path, value));
}

/**
 * The edit inside one object's text (`window`, whose object or array is its only value): walks
 * `path` down its objects and splices. A path that ends in an array's index adds an item at its
 * end (index -1, as with jsonc-parser's modify) or removes the item at that index. The result
 * must mean the old value with `value` at `path`.
 */
function editWindow(window: string, path: JSONPath, value: JsonValue | undefined, format: SpliceFormat, ownColon: string): string | undefined {
  let node = parseTree(window, [], { allowTrailingComma: true });
  let colon = ownColon;
  let text: string | undefined;
  for (let depth = 0; depth < path.length; depth++) {
    const segment = path[depth];
    if (node?.type === 'array' && typeof segment === 'number' && depth === path.length - 1) {
      text = arrayEdit(window, node, segment, value, format, colon);
      break;
    }
    if (!node || node.type !== 'object') return undefined;
    const key = String(segment);
    const view = viewOfNode(node);
    const found = (node.children ?? []).filter((property) => property.children?.[0]?.value === key);
    if (found.length > 1) return undefined;
    const property = found[0];
    if (!property) {
      text = value === undefined ? window : insertMember(window, view, key, wrapInPath(path.slice(depth + 1), value), format, colon).text;
      break;
    }
    const member = view.members.find((candidate) => candidate.keyOffset === property.offset);
    const valueNode = property.children?.[1];
    if (!member || !valueNode) return undefined;
    if (depth === path.length - 1) {
      text = value === undefined ? removeMember(window, view, view.members.indexOf(member)) : replaceValue(window, view, member, value, format);
      break;
    }
    colon = window.slice(keyEnd(window, member), member.valueOffset);
    node = valueNode;
  }
  if (text === undefined || !meansEditOf(window, text, path, value)) return undefined;
  return text;
}

/** An item added at the end of an array (index -1) or the one at `index` cut out; undefined for anything else. */
function arrayEdit(window: string, node: Node, index: number, value: JsonValue | undefined, format: SpliceFormat, colon: string): string | undefined {
  const view = viewOfArrayNode(node);
  if (value !== undefined) return index === -1 ? insertMember(window, view, undefined, value, format, colon).text : undefined;
  return index >= 0 && index < view.members.length ? removeMember(window, view, index) : undefined;
}

let fullEditor: typeof import('./jsonc-modify.js') | undefined;

/**
 * Thrown by an edit that needs jsonc-parser's own editor before it is loaded: the edit changed
 * nothing, and is run again once loadFullEditor() is done (withFullEditor does both).
 */
export class FullEditorNeeded extends Error {
  constructor() {
    super('internal: this edit needs the full JSON editor, which is not loaded');
  }
}

/** Loads jsonc-parser's own editor (config/jsonc-modify.ts), the fallback of editDocument. */
async function loadFullEditor(): Promise<void> {
  fullEditor ??= await import('./jsonc-modify.js');
}

/**
 * Runs `step` (which edits JSON text, and may read and write files), and once more after loading
 * the full editor if an edit in it needed that editor: the edits stay synchronous (a file's new
 * text is computed under its lock), and the usual run never loads the editor.
 */
export async function withFullEditor<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof FullEditorNeeded)) throw error;
    await loadFullEditor();
    return step();
  }
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
  if (!fullEditor) throw new FullEditorNeeded();
  const { body, formatting } = document;
  let formatted: string | undefined;
  try {
    formatted = fullEditor.modifiedText(body, path, value, formatting);
  } catch {
    formatted = undefined;
  }
  if (formatted !== undefined && editIsExact(document, formatted, path, value)) return formatted;
  const plain = fullEditor.modifiedText(body, path, value);
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
  if (Array.isArray(root) && typeof head === 'number') {
    // As jsonc-parser's modify: -1 (or past the end) appends, undefined removes the item.
    const copy = [...root];
    const at = head < 0 || head >= copy.length ? copy.length : head;
    const inner = withValueAt(copy[at], rest, value);
    if (inner === undefined) copy.splice(at, 1);
    else copy[at] = inner;
    return copy;
  }
  const base = root !== null && typeof root === 'object' && !Array.isArray(root) ? root : {};
  const copy: JsonObject = { ...base };
  const key = String(head);
  const inner = withValueAt(Object.hasOwn(base, key) ? base[key] : undefined, rest, value);
  if (inner === undefined) delete copy[key];
  else setOwn(copy, key, inner);
  return copy;
}

/** Removes a property (or an array's item) and its comma, and nothing else (json-splice.ts removeMember), through a tree of the file. */
function removeProperty(body: string, path: JSONPath): string {
  const root = parseTree(body, [], { allowTrailingComma: true });
  const valueNode = root && findNodeAtLocation(root, path);
  const property: Node | undefined = valueNode?.parent;
  if (valueNode && property?.type === 'array') {
    const view = viewOfArrayNode(property);
    const index = view.members.findIndex((item) => item.keyOffset === valueNode.offset);
    return index === -1 ? body : removeMember(body, view, index);
  }
  const object = property?.parent;
  if (!property || property.type !== 'property' || !object || object.type !== 'object') return body;
  const view = viewOfNode(object);
  const index = view.members.findIndex((member) => member.keyOffset === property.offset);
  return index === -1 ? body : removeMember(body, view, index);
}

/**
 * The second occurrence of a key on the way along `path` (in the root object, then in each object
 * on the path), with its position. Clients keep the last of duplicate keys while jsonc-parser's
 * edits go to the first, so an edit there would be invisible to the client (engine/json-plan.ts refuses it).
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
 * Deleting such a property would delete the comment with it (json-plan.ts keeps an emptied servers
 * object that holds one, so that a person's notes survive setup and remove).
 */
export function propertyHasComment(body: string, path: JSONPath): boolean {
  let start: number;
  let end: number;
  const top = path.length === 1 ? topLevelMembers(body).filter((member) => member.key === String(path[0])) : [];
  if (top.length === 1) {
    // A top-level member (the servers object): its text alone, no tree of the file.
    start = top[0]!.keyOffset;
    end = top[0]!.valueEnd;
  } else {
    const root = parseTree(body, [], { allowTrailingComma: true });
    const property = root && findNodeAtLocation(root, path)?.parent;
    if (!property || property.type !== 'property') return false;
    start = property.offset;
    end = property.offset + property.length;
  }
  const scanner = createScanner(body, false);
  scanner.setPosition(start);
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

/**
 * Whether the top-level `key` holds an empty object or array laid out exactly as one that setup
 * created there and remove then emptied: `{`, the line break that ends the line before the key,
 * the key's indentation, `}` (`[` … `]` for a list), the key at the start of its line, in a root
 * whose members start lines of their own, after every other member but those setup adds after it
 * (`mayFollow`: VS Code's `inputs` after its `servers`). Such a container goes with the last
 * entry; every other empty one (on one line, a blank line or a comment inside, indented otherwise,
 * in a minified root, followed by other members) was there before setup and stays, so that setup
 * followed by remove gives the file back. The one layout that cannot be told apart from setup's
 * own is taken to be setup's.
 */
function emptiedAsCreated(body: string, key: string, mayFollow: readonly string[]): boolean {
  const members = topLevelMembers(body);
  const matches = members.filter((member) => member.key === key);
  const member = matches[0];
  if (!member || matches.length > 1) return false;
  if (members.slice(members.indexOf(member) + 1).some((other) => !mayFollow.includes(other.key))) return false;
  const braces = rootBraces(body, members);
  if (!braces || !/[\r\n]/.test(body.slice(braces.open + 1, members[0]!.keyOffset))) return false;
  const indent = lineIndent(body, member.keyOffset);
  const lineStart = member.keyOffset - indent.length;
  const before = body[lineStart - 1];
  if (before !== '\n' && before !== '\r') return false;
  const eol = before === '\n' && body[lineStart - 2] === '\r' ? '\r\n' : before;
  const value = body.slice(member.valueOffset, member.valueEnd);
  const [open, close] = value.startsWith('[') ? ['[', ']'] : ['{', '}'];
  return value === `${open}${eol}${indent}${close}`;
}

/**
 * Whether remove drops the top-level container `key` that it left empty: only if setup made it, so
 * that setup followed by remove gives the file back. The file as it was before this program first
 * changed it (`original`: its oldest backup) says whether the key was there; without it (or when
 * it does not parse), the layout decides (emptiedAsCreated).
 */
export function setupMadeContainer(
  body: string,
  key: string,
  format: 'json' | 'jsonc',
  original: (() => string | undefined) | undefined,
  mayFollow: readonly string[] = [],
): boolean {
  const before = original?.();
  if (before !== undefined) {
    try {
      return !Object.hasOwn(parseDocument(before, format, [key]).root, key);
    } catch {
      // An unreadable backup says nothing: the layout decides.
    }
  }
  return emptiedAsCreated(body, key, mayFollow);
}
