/**
 * TOML for Codex's config.toml: a parser that refuses what Codex refuses (with the line and
 * column), and an editor that changes only the text of one `[<servers>.<name>]` table and its
 * sub-tables. Comments, key order, blank lines and every other table stay byte for byte.
 *
 * The parser follows TOML 1.0 plus the TOML 1.1 relaxations that Codex 0.169 accepts (checked
 * with the real `codex mcp list`): newlines, comments and a trailing comma inside inline tables,
 * the `\e` and `\xHH` escapes, and times without seconds.
 */
import { ownValue, setOwnValue, type JsonObject, type JsonValue } from './json-types.js';
import { splitBom, withBom } from './bom.js';
import { ConfigParseError, jsonEqual, lineAndColumn } from './jsonc.js';

/** How a table came to be, which decides what may still be added to it. */
type TableKind = 'root' | 'header' | 'implicit' | 'dotted' | 'inline' | 'array-element';

/** A `[table]` or `[[array]]` header line. */
interface TomlHeader {
  path: string[];
  array: boolean;
  /** Offset of the start of the header's line. */
  lineStart: number;
  /** Offset just past the closing bracket(s). */
  end: number;
}

/** A `key = value` line, with the full key path (table path + dotted key). */
interface TomlPair {
  path: string[];
  start: number;
  /** Offset of the value's first character. */
  valueStart: number;
  /** Offset just past the value. */
  end: number;
}

export interface TomlDocument {
  /** The text without its byte-order mark. */
  body: string;
  bom: boolean;
  eol: string;
  root: JsonObject;
  headers: TomlHeader[];
  pairs: TomlPair[];
  /** How each table was defined, by its path joined with NUL; the line and column of that definition. */
  tables: Map<string, { kind: TableKind; offset: number }>;
}

const pathKey = (path: readonly string[]): string => path.join('\u0000');

function isTable(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---- parser ------------------------------------------------------------------------------------

const BARE_KEY = /[A-Za-z0-9_-]/;

class Parser {
  pos = 0;
  readonly root: JsonObject = {};
  readonly headers: TomlHeader[] = [];
  readonly pairs: TomlPair[] = [];
  readonly tables = new Map<string, { kind: TableKind; offset: number }>();
  /** Arrays that hold [[tables]] (they may grow) rather than values (they may not). */
  private readonly tableArrays = new WeakSet<JsonValue[]>();
  /** Kinds of the table objects themselves (paths are ambiguous under arrays of tables). */
  private readonly kinds = new WeakMap<JsonObject, TableKind>();

  constructor(private readonly text: string) {
    this.kinds.set(this.root, 'root');
  }

  fail(reason: string, at = this.pos): never {
    const { line, column } = lineAndColumn(this.text, at);
    throw new ConfigParseError(line, column, reason);
  }

  private peek(offset = 0): string {
    return this.text[this.pos + offset] ?? '';
  }

  private atNewline(): boolean {
    return this.peek() === '\n' || (this.peek() === '\r' && this.peek(1) === '\n');
  }

  private skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }

  /** A comment up to the end of its line; control characters are not allowed in it. */
  private skipComment(): void {
    if (this.peek() !== '#') return;
    while (this.pos < this.text.length && !this.atNewline()) {
      const code = this.text.charCodeAt(this.pos);
      if ((code < 0x20 && code !== 0x09) || code === 0x7f) this.fail('a control character in a comment');
      this.pos++;
    }
  }

  private skipNewline(): boolean {
    if (this.peek() === '\n') {
      this.pos++;
      return true;
    }
    if (this.peek() === '\r' && this.peek(1) === '\n') {
      this.pos += 2;
      return true;
    }
    return false;
  }

  /** Spaces, newlines and comments, as allowed between the values of an array. */
  private skipBlank(): void {
    for (;;) {
      this.skipSpaces();
      if (this.peek() === '#') this.skipComment();
      else if (!this.skipNewline()) return;
    }
  }

  /** After a header or a key/value pair: spaces, an optional comment, then a newline or the end. */
  private endOfLine(what: string): void {
    this.skipSpaces();
    this.skipComment();
    if (this.pos >= this.text.length) return;
    if (!this.skipNewline()) {
      if (this.peek() === '\r') this.fail('a carriage return without a line feed');
      this.fail(`expected the end of the line after ${what}`);
    }
  }

  parse(): void {
    let current: JsonObject = this.root;
    let currentPath: string[] = [];
    while (this.pos < this.text.length) {
      this.skipSpaces();
      const c = this.peek();
      if (c === '') break;
      if (c === '#') {
        this.skipComment();
        continue;
      }
      if (this.skipNewline()) continue;
      if (c === '\r') this.fail('a carriage return without a line feed');
      if (c === '[') {
        const lineStart = this.text.lastIndexOf('\n', this.pos - 1) + 1;
        const array = this.peek(1) === '[';
        const open = this.pos;
        this.pos += array ? 2 : 1;
        this.skipSpaces();
        const path = this.parseKey();
        this.skipSpaces();
        if (array ? this.text.slice(this.pos, this.pos + 2) !== ']]' : this.peek() !== ']') {
          this.fail(array ? 'expected ]] to close the array-of-tables header' : 'expected ] to close the table header');
        }
        this.pos += array ? 2 : 1;
        current = array ? this.openArrayTable(path, open) : this.openTable(path, open);
        currentPath = path;
        this.headers.push({ path, array, lineStart, end: this.pos });
        this.endOfLine('the table header');
        continue;
      }
      const start = this.pos;
      const key = this.parseKey();
      this.skipSpaces();
      if (this.peek() !== '=') this.fail(BARE_KEY.test(c) || c === '"' || c === "'" ? 'expected = after the key' : `unexpected character ${JSON.stringify(c)}`);
      this.pos++;
      this.skipSpaces();
      const valueStart = this.pos;
      const value = this.parseValue();
      this.assign(current, key, value, start, 'dotted');
      this.pairs.push({ path: [...currentPath, ...key], start, valueStart, end: this.pos });
      this.endOfLine('the value');
    }
  }

  // ---- tables ----------------------------------------------------------------------------------

  private kindOf(table: JsonObject): TableKind {
    return this.kinds.get(table) ?? 'inline';
  }

  private record(path: string[], table: JsonObject, kind: TableKind, offset: number): void {
    this.kinds.set(table, kind);
    const key = pathKey(path);
    if (!this.tables.has(key) || kind !== 'implicit') this.tables.set(key, { kind, offset });
  }

  /** Walks to the parent of a header's table, creating implicit tables on the way. */
  private walk(path: string[], offset: number): JsonObject {
    let table = this.root;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i]!;
      const sub = path.slice(0, i + 1);
      const next = ownValue(table, key);
      if (next === undefined) {
        const created: JsonObject = {};
        setOwnValue(table, key, created);
        this.record(sub, created, 'implicit', offset);
        table = created;
      } else if (Array.isArray(next)) {
        if (!this.tableArrays.has(next)) this.fail(`${sub.join('.')} is an array of values, not of tables`, offset);
        table = next[next.length - 1] as JsonObject;
      } else if (isTable(next)) {
        if (this.kindOf(next) === 'inline') this.fail(`${sub.join('.')} is an inline table; nothing can be added to it`, offset);
        table = next;
      } else {
        this.fail(`${sub.join('.')} already holds a value`, offset);
      }
    }
    return table;
  }

  private openTable(path: string[], offset: number): JsonObject {
    const parent = this.walk(path, offset);
    const key = path[path.length - 1]!;
    const existing = ownValue(parent, key);
    if (existing === undefined) {
      const created: JsonObject = {};
      setOwnValue(parent, key, created);
      this.record(path, created, 'header', offset);
      return created;
    }
    if (isTable(existing) && this.kindOf(existing) === 'implicit') {
      this.record(path, existing, 'header', offset);
      return existing;
    }
    if (isTable(existing) && this.kindOf(existing) === 'header') this.fail(`the table [${path.join('.')}] is defined twice`, offset);
    if (isTable(existing)) this.fail(`the table ${path.join('.')} was already defined by dotted keys or inline`, offset);
    this.fail(`${path.join('.')} already holds a value`, offset);
  }

  private openArrayTable(path: string[], offset: number): JsonObject {
    const parent = this.walk(path, offset);
    const key = path[path.length - 1]!;
    const existing = ownValue(parent, key);
    const element: JsonObject = {};
    if (existing === undefined) {
      const array: JsonValue[] = [element];
      this.tableArrays.add(array);
      setOwnValue(parent, key, array);
    } else if (Array.isArray(existing) && this.tableArrays.has(existing)) {
      existing.push(element);
    } else {
      this.fail(`${path.join('.')} is already defined and is not an array of tables`, offset);
    }
    this.record(path, element, 'array-element', offset);
    return element;
  }

  /** Sets a dotted key in a table, creating the intermediate tables (dotted or inline). */
  private assign(table: JsonObject, key: string[], value: JsonValue, offset: number, created: 'dotted' | 'inline'): void {
    let target = table;
    for (let i = 0; i < key.length - 1; i++) {
      const part = key[i]!;
      const next = ownValue(target, part);
      if (next === undefined) {
        const made: JsonObject = {};
        setOwnValue(target, part, made);
        this.kinds.set(made, created);
        target = made;
      } else if (isTable(next) && this.kindOf(next) === created) {
        target = next;
      } else {
        this.fail(`${key.slice(0, i + 1).join('.')} is already defined`, offset);
      }
    }
    const last = key[key.length - 1]!;
    if (Object.hasOwn(target, last)) this.fail(`duplicate key ${key.join('.')}`, offset);
    setOwnValue(target, last, value);
  }

  // ---- keys ------------------------------------------------------------------------------------

  private parseKey(): string[] {
    const parts = [this.parseSimpleKey()];
    for (;;) {
      const save = this.pos;
      this.skipSpaces();
      if (this.peek() !== '.') {
        this.pos = save;
        return parts;
      }
      this.pos++;
      this.skipSpaces();
      parts.push(this.parseSimpleKey());
    }
  }

  private parseSimpleKey(): string {
    const c = this.peek();
    if (c === '"') {
      if (this.text.startsWith('"""', this.pos)) this.fail('a key cannot be a multi-line string');
      return this.parseBasicString();
    }
    if (c === "'") {
      if (this.text.startsWith("'''", this.pos)) this.fail('a key cannot be a multi-line string');
      return this.parseLiteralString();
    }
    const start = this.pos;
    while (BARE_KEY.test(this.peek())) this.pos++;
    if (this.pos === start) this.fail(c === '' || this.atNewline() ? 'expected a key' : `unexpected character ${JSON.stringify(c)} where a key should be`);
    return this.text.slice(start, this.pos);
  }

  // ---- values ----------------------------------------------------------------------------------

  private parseValue(): JsonValue {
    const c = this.peek();
    if (c === '"') return this.text.startsWith('"""', this.pos) ? this.parseMultiline('"') : this.parseBasicString();
    if (c === "'") return this.text.startsWith("'''", this.pos) ? this.parseMultiline("'") : this.parseLiteralString();
    if (c === '[') return this.parseArray();
    if (c === '{') return this.parseInlineTable();
    if (this.text.startsWith('true', this.pos) && this.isValueEnd(this.pos + 4)) {
      this.pos += 4;
      return true;
    }
    if (this.text.startsWith('false', this.pos) && this.isValueEnd(this.pos + 5)) {
      this.pos += 5;
      return false;
    }
    if (c === '' || this.atNewline() || c === '#') this.fail('expected a value');
    return this.parseNumberOrDate();
  }

  /** Whether a scalar may end here: whitespace, a comment, a newline, a separator or the end. */
  private isValueEnd(at: number): boolean {
    const c = this.text[at];
    return c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '#' || c === ',' || c === ']' || c === '}';
  }

  private static readonly DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})?)?/;
  private static readonly TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?/;
  private static readonly SPECIAL_FLOAT = /^[+-]?(?:inf|nan)/;
  private static readonly PREFIXED = /^0(?:x[0-9A-Fa-f](?:_?[0-9A-Fa-f])*|o[0-7](?:_?[0-7])*|b[01](?:_?[01])*)/;
  private static readonly DECIMAL = /^[+-]?(?:0|[1-9](?:_?\d)*)(?:\.\d(?:_?\d)*)?(?:[eE][+-]?\d(?:_?\d)*)?/;

  private parseNumberOrDate(): JsonValue {
    const rest = this.text.slice(this.pos, this.pos + 64);
    const start = this.pos;
    const date = Parser.DATE.exec(rest);
    if (date) {
      const [whole, , month, day, hour, minute, second] = date;
      if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > 31) this.fail('an invalid date');
      if (hour !== undefined && (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 60)) this.fail('an invalid time');
      // "1979-05-27 " followed by something that is not a time: the date alone.
      const length = whole.endsWith(' ') ? whole.length - 1 : whole.length;
      return this.finishScalar(start, length, this.text.slice(start, start + length));
    }
    const time = Parser.TIME.exec(rest);
    if (time && /^\d{2}:/.test(rest)) {
      if (Number(time[1]) > 23 || Number(time[2]) > 59 || Number(time[3] ?? 0) > 60) this.fail('an invalid time');
      return this.finishScalar(start, time[0].length, time[0]);
    }
    const special = Parser.SPECIAL_FLOAT.exec(rest);
    if (special) {
      const word = special[0];
      return this.finishScalar(start, word.length, word.endsWith('nan') ? Number.NaN : word.startsWith('-') ? -Infinity : Infinity);
    }
    const prefixed = Parser.PREFIXED.exec(rest);
    if (prefixed) {
      const digits = prefixed[0].replaceAll('_', '');
      const radix = digits[1] === 'x' ? 16 : digits[1] === 'o' ? 8 : 2;
      return this.finishScalar(start, prefixed[0].length, Number.parseInt(digits.slice(2), radix));
    }
    const decimal = Parser.DECIMAL.exec(rest);
    if (decimal && decimal[0] !== '+' && decimal[0] !== '-') {
      return this.finishScalar(start, decimal[0].length, Number(decimal[0].replaceAll('_', '')));
    }
    this.fail('expected a value (a string in quotes, a number, true, false, a date, [ or {)');
  }

  private finishScalar(start: number, length: number, value: JsonValue): JsonValue {
    if (!this.isValueEnd(start + length)) this.fail('invalid value', start);
    this.pos = start + length;
    return value;
  }

  private parseArray(): JsonValue[] {
    const open = this.pos;
    this.pos++;
    const items: JsonValue[] = [];
    for (;;) {
      this.skipBlank();
      if (this.peek() === ']') {
        this.pos++;
        return items;
      }
      if (this.pos >= this.text.length) this.fail('an array is never closed with ]', open);
      items.push(this.parseValue());
      this.skipBlank();
      if (this.peek() === ',') {
        this.pos++;
        continue;
      }
      if (this.peek() === ']') {
        this.pos++;
        return items;
      }
      this.fail(this.pos >= this.text.length ? 'an array is never closed with ]' : 'expected , or ] in the array');
    }
  }

  private parseInlineTable(): JsonObject {
    const open = this.pos;
    this.pos++;
    const table: JsonObject = {};
    this.kinds.set(table, 'inline');
    this.skipBlank();
    if (this.peek() === '}') {
      this.pos++;
      return table;
    }
    for (;;) {
      this.skipBlank();
      if (this.peek() === '}') {
        // TOML 1.1: a trailing comma.
        this.pos++;
        return table;
      }
      const at = this.pos;
      const key = this.parseKey();
      this.skipSpaces();
      if (this.peek() !== '=') this.fail('expected = after the key');
      this.pos++;
      this.skipSpaces();
      const value = this.parseValue();
      this.assign(table, key, value, at, 'inline');
      this.skipBlank();
      if (this.peek() === ',') {
        this.pos++;
        continue;
      }
      if (this.peek() === '}') {
        this.pos++;
        return table;
      }
      this.fail(
        this.pos >= this.text.length ? 'an inline table is never closed with }' : 'expected , or } in the inline table',
        this.pos >= this.text.length ? open : this.pos,
      );
    }
  }

  // ---- strings ---------------------------------------------------------------------------------

  private checkChar(code: number, multiline: boolean): void {
    if (code === 0x09) return;
    if (multiline && code === 0x0a) return;
    if (code < 0x20 || code === 0x7f) this.fail(code === 0x0a ? 'a string is never closed on its line' : 'a control character in a string');
  }

  private parseEscape(): string {
    const c = this.peek(1);
    const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', e: '\u001b', '"': '"', '\\': '\\' };
    if (c in simple) {
      this.pos += 2;
      return simple[c]!;
    }
    const width = c === 'u' ? 4 : c === 'U' ? 8 : c === 'x' ? 2 : 0;
    if (width === 0) this.fail(`invalid escape \\${c}`);
    const hex = this.text.slice(this.pos + 2, this.pos + 2 + width);
    if (hex.length !== width || !/^[0-9A-Fa-f]+$/.test(hex)) this.fail(`invalid escape \\${c}${hex}`);
    const code = Number.parseInt(hex, 16);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) this.fail(`\\${c}${hex} is not a Unicode scalar value`);
    this.pos += 2 + width;
    return String.fromCodePoint(code);
  }

  private parseBasicString(): string {
    const open = this.pos;
    this.pos++;
    let out = '';
    for (;;) {
      if (this.pos >= this.text.length) this.fail('a string is never closed', open);
      const c = this.peek();
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === '\\') {
        out += this.parseEscape();
        continue;
      }
      this.checkChar(this.text.charCodeAt(this.pos), false);
      out += c;
      this.pos++;
    }
  }

  private parseLiteralString(): string {
    const open = this.pos;
    this.pos++;
    const start = this.pos;
    for (;;) {
      if (this.pos >= this.text.length) this.fail('a string is never closed', open);
      if (this.peek() === "'") {
        const value = this.text.slice(start, this.pos);
        this.pos++;
        return value;
      }
      this.checkChar(this.text.charCodeAt(this.pos), false);
      this.pos++;
    }
  }

  /**
   * A multi-line string: `"""…"""` (basic, with escapes and line-ending backslashes) or
   * `'''…'''` (literal, as written). A newline right after the opening quotes is skipped,
   * CRLF reads as LF, and up to two quotes may end the content just before the closing three.
   */
  private parseMultiline(quote: '"' | "'"): string {
    const open = this.pos;
    const fence = quote.repeat(3);
    const escapes = quote === '"';
    this.pos += 3;
    this.skipNewline();
    let out = '';
    for (;;) {
      if (this.pos >= this.text.length) this.fail('a multi-line string is never closed', open);
      if (this.text.startsWith(fence, this.pos)) {
        let quotes = 3;
        while (this.peek(quotes) === quote && quotes < 5) quotes++;
        out += quote.repeat(quotes - 3);
        this.pos += quotes;
        return out;
      }
      const c = this.peek();
      if (escapes && c === '\\') {
        // A backslash at the end of a line trims the newline and the whitespace that follows.
        let look = this.pos + 1;
        while (this.text[look] === ' ' || this.text[look] === '\t') look++;
        if (this.text[look] === '\n' || (this.text[look] === '\r' && this.text[look + 1] === '\n')) {
          this.pos = look;
          while (this.peek() === ' ' || this.peek() === '\t' || this.peek() === '\n' || (this.peek() === '\r' && this.peek(1) === '\n')) {
            this.pos += this.peek() === '\r' ? 2 : 1;
          }
          continue;
        }
        out += this.parseEscape();
        continue;
      }
      if (c === '\r' && this.peek(1) === '\n') {
        out += '\n';
        this.pos += 2;
        continue;
      }
      this.checkChar(this.text.charCodeAt(this.pos), true);
      out += c;
      this.pos++;
    }
  }
}

/** Parses TOML; throws ConfigParseError with the 1-based line and column of the first error. */
export function parseToml(text: string): TomlDocument {
  const { bom, body } = splitBom(text);
  const parser = new Parser(body);
  parser.parse();
  return {
    body,
    bom,
    eol: body.includes('\r\n') ? '\r\n' : '\n',
    root: parser.root,
    headers: parser.headers,
    pairs: parser.pairs,
    tables: parser.tables,
  };
}

// ---- writing -------------------------------------------------------------------------------------

/** A key as TOML writes it: bare when it can be, else a basic string. */
export function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : tomlString(key);
}

/** A basic string, with every character TOML forbids unescaped written as an escape. */
export function tomlString(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\t') out += '\\t';
    else if (char === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (code >= 0xd800 && code <= 0xdfff)
      out += '\uFFFD'; // a lone surrogate cannot be written in TOML
    else out += char;
  }
  return `${out}"`;
}

function inlineValue(value: JsonValue): string {
  if (typeof value === 'string') return tomlString(value);
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'nan';
    if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (value === null) throw new Error('TOML has no null');
  if (Array.isArray(value)) return `[${value.map(inlineValue).join(', ')}]`;
  const entries = Object.entries(value);
  return entries.length === 0 ? '{}' : `{ ${entries.map(([key, item]) => `${tomlKey(key)} = ${inlineValue(item)}`).join(', ')} }`;
}

/**
 * A table as Codex writes one: the header, its scalar and array keys, then each nested object as
 * a sub-table (`[mcp_servers.x.env]`) after a blank line. Ends with a newline.
 */
export function renderTomlTable(path: readonly string[], table: JsonObject, eol = '\n'): string {
  const header = `[${path.map(tomlKey).join('.')}]`;
  const lines = [header];
  const subTables: Array<[string, JsonObject]> = [];
  for (const [key, value] of Object.entries(table)) {
    if (isTable(value)) subTables.push([key, value]);
    else lines.push(`${tomlKey(key)} = ${inlineValue(value)}`);
  }
  let text = lines.join(eol) + eol;
  for (const [key, value] of subTables) text += eol + renderTomlTable([...path, key], value, eol);
  return text;
}

// ---- editing ---------------------------------------------------------------------------------------

/** A range of the text to cut or replace: whole lines. */
interface Span {
  start: number;
  end: number;
}

function startsWithPath(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((part, index) => path[index] === part);
}

/** Offset just past the end of the line that holds `offset` (its newline included). */
function lineEndAfter(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

/**
 * The lines of every table of an entry (`[servers.name]`, `[servers.name.env]`, `[[servers.name.x]]`):
 * from its header line to its last key line. Comments and blank lines that follow the last key
 * stay: they belong to what comes next.
 */
function entrySpans(document: TomlDocument, prefix: readonly string[]): Span[] {
  const { headers, pairs, body } = document;
  const spans: Array<Span & { index: number }> = [];
  headers.forEach((header, index) => {
    if (!startsWithPath(header.path, prefix)) return;
    const nextStart = headers[index + 1]?.lineStart ?? body.length;
    let lastEnd = header.end;
    for (const pair of pairs) {
      if (pair.start >= header.end && pair.start < nextStart) lastEnd = Math.max(lastEnd, pair.end);
    }
    spans.push({ index, start: header.lineStart, end: Math.min(lineEndAfter(body, lastEnd), nextStart) });
  });
  // Tables of the entry that follow each other with only blank lines between them are one block
  // (as written: the table, a blank line, its [….env] sub-table): the blank lines go with them.
  const merged: Array<Span & { index: number }> = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.index === last.index + 1 && body.slice(last.end, span.start).trim() === '') {
      last.end = span.end;
      last.index = span.index;
    } else {
      merged.push({ ...span });
    }
  }
  return merged.map(({ start, end }) => ({ start, end }));
}

/** Refuses an entry written in a form this editor does not rewrite (inline, or as dotted keys). */
function requireTableForm(document: TomlDocument, prefix: readonly string[]): void {
  const defined = document.tables.get(pathKey(prefix));
  const sections = entrySpans(document, prefix);
  const servers = ownValue(document.root, prefix[0]!);
  const value = isTable(servers) ? ownValue(servers, prefix[1]!) : undefined;
  if (value === undefined) return;
  const viaHeaders = defined?.kind === 'header' || defined?.kind === 'implicit';
  if (viaHeaders && sections.length > 0) return;
  const holder = document.pairs.find((pair) => startsWithPath(pair.path, prefix) || (pair.path.length < prefix.length && startsWithPath(prefix, pair.path)));
  const { line, column } = lineAndColumn(document.body, holder?.start ?? 0);
  throw new ConfigParseError(
    line,
    column,
    `${prefix.map(tomlKey).join('.')} is written as an inline table or dotted keys, which this tool does not rewrite; make it a [${prefix.map(tomlKey).join('.')}] table or remove it, then run again`,
  );
}

/** The servers container must be a table this tool can add a [servers.name] table to. */
function requireExtensibleContainer(document: TomlDocument, container: string): void {
  const value = ownValue(document.root, container);
  if (value === undefined) return;
  const kind = document.tables.get(pathKey([container]))?.kind;
  const pair = document.pairs.find((candidate) => candidate.path.length === 1 && candidate.path[0] === container);
  if (!isTable(value) || (kind === undefined && pair)) {
    const { line, column } = lineAndColumn(document.body, pair?.start ?? 0);
    throw new ConfigParseError(
      line,
      column,
      isTable(value)
        ? `${container} is an inline table, so no [${container}.<name>] table can be added; rewrite it as [${container}.<name>] tables`
        : `"${container}" is not a table, so no server can be added to it; fix it by hand`,
    );
  }
}

/** A change to whole lines: replaced with the text given, or cut when it is undefined. */
interface SpanEdit extends Span {
  replacement?: string;
}

/**
 * Applies the edits from the last to the first, so offsets stay valid. A cut that leaves a blank
 * line on both sides takes one of them with it (the one that separated the table from what was
 * before), so adding a table and removing it again gives back the same text; a cut at the start
 * of the file takes the blank line after it.
 */
function applySpanEdits(text: string, edits: SpanEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    let before = out.slice(0, edit.start);
    let after = out.slice(edit.end);
    // Lines at the end of a file without a final newline: the file still ends without one.
    const unterminatedEnd = after === '' && !out.endsWith('\n');
    if (edit.replacement !== undefined) {
      out = before + (unterminatedEnd ? edit.replacement.replace(/\r?\n$/, '') : edit.replacement) + after;
      continue;
    }
    const beforeBlank = before !== '' && /(?:^|\n)[ \t]*\r?\n$/.test(before);
    const afterBlank = after === '' || /^[ \t]*\r?\n/.test(after);
    if (beforeBlank && afterBlank) before = before.replace(/\r?\n$/, '');
    // The first lines of the file: the blank line after them goes, the file does not start with one.
    else if (before === '' && after !== '' && afterBlank) after = after.replace(/^[ \t]*\r?\n/, '');
    if (unterminatedEnd) before = before.replace(/\r?\n$/, '');
    out = before + after;
  }
  return out;
}

export interface TomlEdit {
  /** The new text, with the byte-order mark if the file had one. */
  text: string;
  changed: boolean;
}

/** The entry's value as the file has it, or undefined. */
export function tomlEntry(document: TomlDocument, container: string, name: string): JsonValue | undefined {
  const servers = ownValue(document.root, container);
  return isTable(servers) ? ownValue(servers, name) : undefined;
}

/**
 * Writes `[container.name]` with this value: replaces the text of the entry's tables where they
 * are (the first one keeps its place), or appends the table at the end of the file. `remove`
 * lists other entries (legacy names, ignored containers) whose tables are cut. The result is
 * parsed again and must hold exactly the value asked for.
 */
export function setTomlEntry(
  document: TomlDocument,
  container: string,
  name: string,
  value: JsonObject,
  remove: ReadonlyArray<{ container: string; name: string }> = [],
): TomlEdit {
  const prefix = [container, name];
  requireExtensibleContainer(document, container);
  requireTableForm(document, prefix);
  for (const other of remove) requireTableForm(document, [other.container, other.name]);
  const rendered = renderTomlTable(prefix, value, document.eol);
  const own = entrySpans(document, prefix);
  const cuts: SpanEdit[] = remove.flatMap((other) => entrySpans(document, [other.container, other.name]));
  let body: string;
  if (own.length > 0) {
    // The first table keeps its place and takes the new text; the entry's other tables go.
    const [first, ...rest] = own;
    body = applySpanEdits(document.body, [{ ...first!, replacement: rendered }, ...rest, ...cuts]);
  } else {
    // At the end, after one line break more than the file ends with (a blank line after its last
    // line): removing the table takes back exactly that, so setup then remove gives the file back.
    // A file without a final newline keeps none: the table's last line is not ended either, which
    // tells remove to take back the line break that ended the file's last line too.
    const base = applySpanEdits(document.body, cuts);
    const eol = document.eol;
    if (base === '') body = rendered;
    else if (base.endsWith('\n')) body = `${base}${eol}${rendered}`;
    else body = `${base}${eol}${eol}${rendered.slice(0, -eol.length)}`;
  }
  const text = withBom(document, body);
  const check = parseToml(text);
  if (!jsonEqual(tomlEntry(check, container, name), value)) {
    throw new ConfigParseError(1, 1, `the edit of [${prefix.join('.')}] did not come out as intended; the file was not changed`);
  }
  return { text, changed: text !== withBom(document, document.body) };
}

/** The `[path]` table written under its own header (never an array's element): the header and the keys written in it. */
function tableSection(document: TomlDocument, path: readonly string[]): { header: TomlHeader; pairs: TomlPair[] } | undefined {
  const { headers, pairs, body } = document;
  const index = headers.findIndex((header) => !header.array && samePath(header.path, path));
  const header = headers[index];
  if (!header) return undefined;
  const end = headers[index + 1]?.lineStart ?? body.length;
  return { header, pairs: pairs.filter((pair) => pair.start >= header.end && pair.start < end) };
}

function samePath(path: readonly string[], other: readonly string[]): boolean {
  return path.length === other.length && startsWithPath(path, other);
}

/** The whole lines of a key (all of a multi-line value's, and a comment after it), when nothing but spaces comes before it. */
function pairLines(body: string, pair: TomlPair): Span | undefined {
  const start = body.lastIndexOf('\n', pair.start - 1) + 1;
  return /^[ \t]*$/.test(body.slice(start, pair.start)) ? { start, end: lineEndAfter(body, pair.end) } : undefined;
}

/** Cuts whole lines; the last lines of a file without a final newline leave the one before them unended. */
function cutLines(body: string, span: Span): string {
  if (span.end === body.length && !body.endsWith('\n')) return body.slice(0, span.start).replace(/\r?\n$/, '');
  return body.slice(0, span.start) + body.slice(span.end);
}

/**
 * Sets or removes one key of the `[table]` table where it is written (`key` one key, or a dotted
 * key inside the table): the text of its value replaced, its lines cut (with the sub-tables or
 * dotted keys under it), or a new line after the table's last key (a new `[table.key]` sub-table
 * there for a table value). Undefined where that cannot be done in place (no `[table]` header, a
 * table where a value goes…): the caller writes the whole entry instead. Returns the text without
 * its byte-order mark.
 */
function setTomlKey(document: TomlDocument, table: readonly string[], key: readonly string[], value: JsonValue | undefined): string | undefined {
  const { body, headers, eol } = document;
  const section = tableSection(document, table);
  if (!section) return undefined;
  const full = [...table, ...key];
  const exact = section.pairs.find((pair) => samePath(pair.path, full));
  const dottedUnder = section.pairs.filter((pair) => pair.path.length > full.length && startsWithPath(pair.path, full));
  const subTables = headers.some((header) => header.path.length >= full.length && startsWithPath(header.path, full));
  if (value === undefined) {
    const lines = exact ? [exact] : dottedUnder;
    if (lines.length > 0) {
      let out = body;
      for (const pair of [...lines].reverse()) {
        const span = pairLines(body, pair);
        if (!span) return undefined;
        out = cutLines(out, span);
      }
      return out;
    }
    // Its sub-tables, with the blank line that set them apart (as they were added).
    return subTables ? applySpanEdits(body, entrySpans(document, full)) : body;
  }
  if (exact) return body.slice(0, exact.valueStart) + inlineValue(value) + body.slice(exact.end);
  if (dottedUnder.length > 0 || subTables) return undefined;
  // After the table's last key, indented as it is; a file without a final newline keeps none.
  const last = section.pairs[section.pairs.length - 1];
  const at = lineEndAfter(body, last ? last.end : section.header.end);
  const unended = at === body.length && !body.endsWith('\n');
  if (isTable(value)) {
    if (key.length !== 1) return undefined;
    // A sub-table, as Codex writes `[….env]`: after a blank line.
    const rendered = renderTomlTable(full, value, eol);
    return unended ? `${body}${eol}${eol}${rendered.slice(0, -eol.length)}` : body.slice(0, at) + eol + rendered + body.slice(at);
  }
  const line = `${key.map(tomlKey).join('.')} = ${inlineValue(value)}`;
  const indent = last ? /^[ \t]*/.exec(body.slice(body.lastIndexOf('\n', last.start - 1) + 1))![0] : '';
  if (unended) return `${body}${eol}${indent}${line}`;
  return body.slice(0, at) + indent + line + eol + body.slice(at);
}

/**
 * One edit of an entry (entries/entry-keys.ts): a key of `[container.name]`, or a key inside one
 * of its objects, wherever that object is written: its own `[container.name.env]` sub-table, an
 * inline table (that one value rewritten), or dotted keys (`env.X = …`).
 */
function editEntryKey(document: TomlDocument, container: string, name: string, path: readonly string[], value: JsonValue | undefined): string | undefined {
  const entry = [container, name];
  if (path.length === 1) return setTomlKey(document, entry, path, value);
  if (path.length !== 2) return undefined;
  const [outer, inner] = path as [string, string];
  if (tableSection(document, [...entry, outer])) return setTomlKey(document, [...entry, outer], [inner], value);
  const inline = tableSection(document, entry)?.pairs.find((pair) => samePath(pair.path, [...entry, outer]));
  if (inline) {
    const current = tomlEntry(document, container, name);
    const holder = isTable(current) ? ownValue(current, outer) : undefined;
    if (!isTable(holder)) return undefined;
    const next: JsonObject = {};
    for (const [key, item] of Object.entries(holder)) if (key !== inner) setOwnValue(next, key, item);
    if (value !== undefined) setOwnValue(next, inner, value);
    return document.body.slice(0, inline.valueStart) + inlineValue(next) + document.body.slice(inline.end);
  }
  return setTomlKey(document, entry, path, value);
}

/**
 * Updates `[container.name]` key by key (the person's keys, comments and layout in it stay): each
 * edit sets or removes one key of the table or one key inside one of its objects (`env`, where it
 * is written: its sub-table, an inline table, dotted keys); where an edit cannot be made in place
 * the whole table is written instead, with setTomlEntry. Then the `remove` entries are cut. The
 * result is parsed again and must hold exactly `value`.
 */
export function updateTomlEntry(
  document: TomlDocument,
  container: string,
  name: string,
  edits: ReadonlyArray<{ path: readonly string[]; value?: JsonValue }>,
  value: JsonObject,
  remove: ReadonlyArray<{ container: string; name: string }> = [],
): TomlEdit {
  requireExtensibleContainer(document, container);
  requireTableForm(document, [container, name]);
  let current: TomlDocument | undefined = isTable(tomlEntry(document, container, name)) ? document : undefined;
  // New keys first, after the old ones, then the old ones go: the new lines take their place, and
  // a comment among the old keys stays inside the table (remove takes it with the table, as before).
  const ordered = [...edits.filter((edit) => edit.value !== undefined), ...edits.filter((edit) => edit.value === undefined)];
  for (const edit of ordered) {
    if (!current) break;
    const body = editEntryKey(current, container, name, edit.path, edit.value);
    try {
      current = body === undefined ? undefined : parseToml(withBom(document, body));
    } catch (error) {
      // An edit in place that TOML would not take (a dotted key where a table is implied): the whole table is written.
      if (!(error instanceof ConfigParseError)) throw error;
      current = undefined;
    }
  }
  if (current) current = withoutNewTail(document, current, [container, name]);
  if (current) {
    const edited = removeTomlEntries(current, remove);
    if (jsonEqual(tomlEntry(parseToml(edited.text), container, name), value)) {
      return { text: edited.text, changed: edited.text !== withBom(document, document.body) };
    }
  }
  return setTomlEntry(document, container, name, value, remove);
}

/**
 * The entry's tail as it was: comment lines that stood between its keys and now follow its last
 * one (the key after them went, none came after them) are cut with it. Left there, they would
 * belong to what follows the entry, and remove would keep them where removing the old entry took
 * them: setup then remove would not give back what remove alone gives. The tail is the text from
 * the end of the entry's last table to the next header (or the end of the file).
 */
function withoutNewTail(original: TomlDocument, edited: TomlDocument, prefix: readonly string[]): TomlDocument {
  const tail = (document: TomlDocument) => {
    const spans = entrySpans(document, prefix);
    if (spans.length === 0) return undefined;
    const start = Math.max(...spans.map((span) => span.end));
    const end = document.headers.find((header) => header.lineStart >= start)?.lineStart ?? document.body.length;
    return { start, text: document.body.slice(start, end) };
  };
  const before = tail(original);
  const after = tail(edited);
  if (!before || !after || after.text.length <= before.text.length || !after.text.endsWith(before.text)) return edited;
  const extra = after.text.slice(0, after.text.length - before.text.length);
  // Comment lines only, each ended (or the file's last): never a blank line or a key of the person's.
  if (!/^(?:[ \t]*#[^\r\n]*(?:\r?\n|$))+$/.test(extra)) return edited;
  // And only lines that stood between two keys of one of the entry's tables: lines that already
  // followed a table's last key (before another table of the entry, say one setup cut) belonged to
  // what follows then too, and remove keeps them either way.
  if (!stoodBetweenKeys(original, prefix, extra)) return edited;
  try {
    return parseToml(withBom(original, cutLines(edited.body, { start: after.start, end: after.start + extra.length })));
  } catch {
    return edited;
  }
}

/** Whether `lines` appear in one of the entry's tables of `document` with a key of that table after them. */
function stoodBetweenKeys(document: TomlDocument, prefix: readonly string[], lines: string): boolean {
  const { headers, pairs, body } = document;
  return headers.some((header, index) => {
    if (!startsWithPath(header.path, prefix)) return false;
    const sectionEnd = headers[index + 1]?.lineStart ?? body.length;
    for (let at = body.indexOf(lines, header.end); at !== -1 && at + lines.length <= sectionEnd; at = body.indexOf(lines, at + 1)) {
      const end = at + lines.length;
      if (pairs.some((pair) => pair.start >= end && pair.start < sectionEnd)) return true;
    }
    return false;
  });
}

/** Cuts the tables of these entries out of the text; the result is parsed again and must lack them. */
export function removeTomlEntries(document: TomlDocument, entries: ReadonlyArray<{ container: string; name: string }>): TomlEdit {
  for (const entry of entries) requireTableForm(document, [entry.container, entry.name]);
  const spans = entries.flatMap((entry) => entrySpans(document, [entry.container, entry.name]));
  const body = applySpanEdits(document.body, spans);
  const text = withBom(document, body);
  const check = parseToml(text);
  for (const entry of entries) {
    if (tomlEntry(check, entry.container, entry.name) !== undefined) {
      throw new ConfigParseError(1, 1, `[${entry.container}.${entry.name}] could not be removed cleanly; the file was not changed`);
    }
  }
  return { text, changed: body !== document.body };
}
