import {
  applyEdits,
  modify,
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
  if (document.empty) {
    if (value === undefined) return body;
    const fresh = wrapInPath(path, value);
    const text = JSON.stringify(fresh, null, formatting.insertSpaces === false ? '\t' : ' '.repeat(formatting.tabSize ?? 2));
    const eol = formatting.eol ?? '\n';
    // Keep any comment that was the whole content, and start the object on its own line.
    const lead = body.trim() ? `${body.trimEnd()}${eol}` : '';
    return lead + text.replace(/\n/g, eol) + eol;
  }
  return applyEdits(body, modify(body, path, value, { formattingOptions: formatting }));
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
