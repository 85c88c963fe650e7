/**
 * A model of JSONC documents for the property tests, and the functions that turn a model into
 * text and into the value it means. No fast-check here: the arbitraries that build models live in
 * the test; this file only renders them, so a failing case can be rebuilt and printed by hand.
 *
 * Every comment is rendered with a unique marker (`#c<n>#`), so a test can find each comment of
 * the input in the output, byte for byte and in order. Strings never contain `#`, so the marker
 * only ever appears inside comments.
 */
import { createScanner } from 'jsonc-parser';

/** LF, CRLF, or a lone CR (classic Mac OS; jsonc-parser reads it as a line break). */
export type Eol = '\n' | '\r\n' | '\r';

export type TriviaPiece =
  /** Spaces and tabs only. */
  | { kind: 'ws'; text: string }
  | { kind: 'nl'; eol: Eol }
  /** `// text` and its line ending; the text has no line break. */
  | { kind: 'line'; text: string; eol: Eol }
  /** `/* text *\/`; line breaks in `text` are written as `eol`. */
  | { kind: 'block'; text: string; eol: Eol };
export type Trivia = TriviaPiece[];

/** A string as written: the value it means, and how each character is spelled. */
export interface JString {
  value: string;
  /** One spelling choice per code point (cycled); see renderString. */
  styles: number[];
}

export type Role = 'own' | 'legacy' | 'duplicate' | 'other';

export interface Member {
  key: JString;
  before: Trivia;
  afterKey: Trivia;
  afterColon: Trivia;
  value: Node;
  afterValue: Trivia;
  /** What the member is to the engine (servers containers only); `other` elsewhere. */
  role?: Role;
}

export interface Item {
  before: Trivia;
  value: Node;
  afterValue: Trivia;
}

export type Node =
  | { kind: 'literal'; raw: string }
  | { kind: 'string'; str: JString }
  | { kind: 'object'; members: Member[]; trailingComma: boolean; inner: Trivia }
  | { kind: 'array'; items: Item[]; trailingComma: boolean; inner: Trivia };

export interface Doc {
  bom: boolean;
  leading: Trivia;
  /** Undefined: the file holds only whitespace and comments. */
  root?: Node;
  trailing: Trivia;
}

interface RenderedComment {
  id: number;
  /** The comment token exactly as written (for `//`, without its line ending). */
  text: string;
  /** Inside an entry the engine replaces or removes: it may go, everything else must stay. */
  droppable: boolean;
}

export interface Rendered {
  text: string;
  comments: RenderedComment[];
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function unicodeEscape(unit: number, upper: boolean): string {
  const hex = unit.toString(16).padStart(4, '0');
  return `\\u${upper ? hex.toUpperCase() : hex}`;
}

/**
 * Spells a string value between its quotes. Style per code point: 0 literal where allowed,
 * 1 `\uxxxx`, 2 `\uXXXX`, 3 the short escape (`\n`, `\/`, …) where one exists.
 */
function renderString(str: JString): string {
  let out = '';
  let index = 0;
  for (const char of str.value) {
    const style = str.styles.length > 0 ? str.styles[index % str.styles.length]! : 0;
    index++;
    const code = char.codePointAt(0)!;
    const loneSurrogate = char.length === 1 && code >= 0xd800 && code <= 0xdfff;
    const literalOk = char !== '"' && char !== '\\' && code >= 0x20 && !loneSurrogate;
    const units = Array.from({ length: char.length }, (_, i) => char.charCodeAt(i));
    const escaped = (upper: boolean) => units.map((unit) => unicodeEscape(unit, upper)).join('');
    if (style === 1 || (!literalOk && style === 0 && !SHORT_ESCAPES[char])) out += escaped(false);
    else if (style === 2) out += escaped(true);
    else if (style === 3 && SHORT_ESCAPES[char]) out += SHORT_ESCAPES[char];
    else if (literalOk) out += char;
    else out += SHORT_ESCAPES[char] ?? escaped(false);
  }
  return `"${out}"`;
}

class Renderer {
  private out = '';
  readonly comments: RenderedComment[] = [];

  trivia(pieces: Trivia, droppable: boolean): void {
    for (const piece of pieces) {
      if (piece.kind === 'ws') this.out += piece.text;
      else if (piece.kind === 'nl') this.out += piece.eol;
      else {
        const id = this.comments.length + 1;
        const text = piece.kind === 'line' ? `// #c${id}# ${piece.text}` : `/* #c${id}# ${piece.text.replace(/\r?\n/g, piece.eol)} */`;
        this.comments.push({ id, text, droppable });
        this.out += piece.kind === 'line' ? text + piece.eol : text;
      }
    }
  }

  node(node: Node, droppable: boolean): void {
    switch (node.kind) {
      case 'literal':
        this.out += node.raw;
        return;
      case 'string':
        this.out += renderString(node.str);
        return;
      case 'object':
        this.out += '{';
        node.members.forEach((member, index) => {
          const inside = droppable || member.role === 'own' || member.role === 'legacy';
          this.trivia(member.before, droppable);
          this.out += renderString(member.key);
          this.trivia(member.afterKey, inside);
          this.out += ':';
          this.trivia(member.afterColon, inside);
          this.node(member.value, inside);
          this.trivia(member.afterValue, droppable);
          if (index < node.members.length - 1 || node.trailingComma) this.out += ',';
        });
        this.trivia(node.inner, droppable);
        this.out += '}';
        return;
      case 'array':
        this.out += '[';
        node.items.forEach((item, index) => {
          this.trivia(item.before, droppable);
          this.node(item.value, droppable);
          this.trivia(item.afterValue, droppable);
          if (index < node.items.length - 1 || node.trailingComma) this.out += ',';
        });
        this.trivia(node.inner, droppable);
        this.out += ']';
        return;
    }
  }

  text(): string {
    return this.out;
  }
}

export function renderDoc(doc: Doc): Rendered {
  const renderer = new Renderer();
  renderer.trivia(doc.leading, false);
  if (doc.root) renderer.node(doc.root, false);
  renderer.trivia(doc.trailing, false);
  return { text: (doc.bom ? '\uFEFF' : '') + renderer.text(), comments: renderer.comments };
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** An own data property, even for "__proto__", as JSON.parse makes it. */
export function defineOwn(target: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The value a node means; members whose role is in `skip` are left out. */
export function valueOf(node: Node, skip: ReadonlySet<Role> = new Set()): Json {
  switch (node.kind) {
    case 'literal':
      return JSON.parse(node.raw) as Json;
    case 'string':
      return node.str.value;
    case 'array':
      return node.items.map((item) => valueOf(item.value, skip));
    case 'object': {
      const result: { [key: string]: Json } = {};
      for (const member of node.members) {
        if (member.role && skip.has(member.role)) continue;
        defineOwn(result, member.key.value, valueOf(member.value, skip));
      }
      return result;
    }
  }
}

/** jsonc-parser's SyntaxKind values (a const enum, which isolatedModules cannot import). */
const TOKEN = {
  openBrace: 1,
  closeBrace: 2,
  openBracket: 3,
  closeBracket: 4,
  comma: 5,
  lineComment: 12,
  blockComment: 13,
  lineBreak: 14,
  trivia: 15,
  eof: 17,
} as const;

export interface Token {
  kind: number;
  offset: number;
  text: string;
}

/** The tokens of a JSONC text, comments included; throws on a token the scanner flags. */
export function tokens(text: string): Token[] {
  const scanner = createScanner(text, false);
  const list: Token[] = [];
  for (let kind = scanner.scan(); kind !== TOKEN.eof; kind = scanner.scan()) {
    if (scanner.getTokenError() !== 0) throw new Error(`scan error ${scanner.getTokenError()} at ${scanner.getTokenOffset()}`);
    list.push({ kind, offset: scanner.getTokenOffset(), text: text.slice(scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength()) });
  }
  return list;
}

/** Every comment token of a text, in order. */
export function commentsIn(text: string): string[] {
  return tokens(text.replace(/^\uFEFF/, ''))
    .filter((token) => token.kind === TOKEN.lineComment || token.kind === TOKEN.blockComment)
    .map((token) => token.text);
}

/**
 * The value of a JSONC text by an oracle that shares nothing with the engine's parse: comments
 * and trailing commas are dropped token by token, and the rest goes to JSON.parse (which keeps
 * "__proto__" as an own key and takes the last of duplicate keys). An empty text is undefined.
 */
export function oracleParse(text: string): Json | undefined {
  const significant = tokens(text.replace(/^\uFEFF/, '')).filter(
    (token) => token.kind !== TOKEN.lineComment && token.kind !== TOKEN.blockComment && token.kind !== TOKEN.lineBreak && token.kind !== TOKEN.trivia,
  );
  const kept = significant.filter((token, index) => {
    const next = significant[index + 1];
    return !(token.kind === TOKEN.comma && next && (next.kind === TOKEN.closeBrace || next.kind === TOKEN.closeBracket));
  });
  if (kept.length === 0) return undefined;
  return JSON.parse(kept.map((token) => token.text).join(' ')) as Json;
}

/** Removes the servers containers that are empty objects: to every client the same as absent. */
export function withoutEmptyContainers(value: Json | undefined, keys: readonly string[]): Json {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const copy: { [key: string]: Json } = {};
  for (const [key, inner] of Object.entries(value)) {
    const empty = keys.includes(key) && inner !== null && typeof inner === 'object' && !Array.isArray(inner) && Object.keys(inner).length === 0;
    if (!empty) defineOwn(copy, key, inner);
  }
  return copy;
}
