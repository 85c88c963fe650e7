import {
  applyEdits,
  createScanner,
  findNodeAtLocation,
  modify,
  parseTree,
  type Node,
  parse,
  printParseErrorCode,
  type FormattingOptions,
  type JSONPath,
  type ParseError,
} from 'jsonc-parser';
import type { JsonObject, JsonValue } from '../templates.js';

const BOM = '\uFEFF';

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
export function detectFormatting(body: string): FormattingOptions {
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  const indented = /^([ \t]+)\S/m.exec(body);
  if (indented?.[1]?.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  const width = indented?.[1]?.length ?? 2;
  return { insertSpaces: true, tabSize: width > 8 ? 2 : width, eol };
}

/**
 * Parses a config under its client's rules: `jsonc` accepts comments and trailing commas,
 * `json` is strict. Throws ConfigParseError with the 1-based line and column of the first error.
 */
export function parseDocument(text: string, format: 'json' | 'jsonc'): ParsedDocument {
  const bom = text.startsWith(BOM);
  const body = bom ? text.slice(1) : text;
  const errors: ParseError[] = [];
  const strict = format === 'json';
  const value = parse(body, errors, {
    allowTrailingComma: !strict,
    disallowComments: strict,
    allowEmptyContent: true,
  }) as JsonValue | undefined;
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
  return { body, bom, root: value, empty: false, formatting: detectFormatting(body) };
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
    const lead = body.trim() ? `${body.trimEnd()}${eol}` : '';
    return lead + text.replace(/\n/g, eol) + eol;
  }
  const inserted = value === undefined ? undefined : insertProperty(body, path, value, formatting);
  return inserted ?? applyEdits(body, modify(body, path, value, { formattingOptions: formatting }));
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

function wrapInPath(path: JSONPath, value: JsonValue): JsonValue {
  return path.reduceRight<JsonValue>((inner, key) => ({ [String(key)]: inner }), value);
}

export function withBom(document: Pick<ParsedDocument, 'bom'>, body: string): string {
  return document.bom ? BOM + body : body;
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
