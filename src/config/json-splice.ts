/**
 * Edits of a JSON(C) text that splice only the text of one member into an object, or cut it out,
 * or replace one value: no formatting pass over the file, so every byte outside the member stays
 * (other members' whitespace and line breaks, comments, a minified file's single line), and the
 * work is proportional to the object, not to the file.
 *
 * An insertion and the removal of what it inserted are exact inverses: adding a member to an
 * object and removing it again gives back the text byte for byte. The layout of the member
 * follows the object's: on a line of its own, at the indentation of the last member, where the
 * members of the object start their own lines; on the same line, spaced as the object's other
 * members, where they do not (a minified file, `"mcpServers": {}`, `{"a": 1}`).
 */
import { createScanner } from 'jsonc-parser';
import type { JsonValue } from './json-types.js';

/** A member of an object: where its key starts and where its value is. */
export interface MemberView {
  keyOffset: number;
  valueOffset: number;
  valueEnd: number;
}

/** An object in a text: its braces and its members, in order. */
export interface ObjectView {
  /** Offset of `{`. */
  open: number;
  /** Offset of `}`. */
  close: number;
  /** For an array, its items: `keyOffset` and `valueOffset` are both where the item starts. */
  members: MemberView[];
  /** An array (`[` … `]`): its items have no keys. */
  array?: boolean;
}

/** How new text is laid out where the object does not say: the file's indentation unit and line ending. */
export interface SpliceFormat {
  unit: string;
  eol: string;
}

/** jsonc-parser's SyntaxKind values (a const enum, which cannot be imported here). */
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const COMMA = 5;
const LINE_COMMENT = 12;
const BLOCK_COMMENT = 13;
const LINE_BREAK = 14;
const TRIVIA = 15;
const EOF = 17;

interface Token {
  kind: number;
  offset: number;
  end: number;
}

/** The tokens (trivia and comments included) from `from` up to `to`. */
function tokensBetween(text: string, from: number, to: number): Token[] {
  const scanner = createScanner(text, false);
  scanner.setPosition(from);
  const tokens: Token[] = [];
  for (let kind = scanner.scan(); kind !== EOF && scanner.getTokenOffset() < to; kind = scanner.scan()) {
    tokens.push({ kind, offset: scanner.getTokenOffset(), end: scanner.getTokenOffset() + scanner.getTokenLength() });
  }
  return tokens;
}

const isComment = (token: Token) => token.kind === LINE_COMMENT || token.kind === BLOCK_COMMENT;

/** Start of the line that holds `offset`; a line ends at LF, CRLF or a lone CR. */
function lineStartOf(text: string, offset: number): number {
  return Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
}

/** The spaces and tabs that start the line holding `offset`. */
export function lineIndent(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset))![0];
}

/** The line ending of the first line break in `text`, or undefined. */
function firstEol(text: string): string | undefined {
  const match = /\r\n|\n|\r/.exec(text);
  return match?.[0];
}

/** A value on one line, spaced as the object around it: `{"a": [1, 2]}` or `{"a":[1,2]}`. */
function compact(value: JsonValue, colon: string, comma: string): string {
  if (Array.isArray(value)) return `[${value.map((item) => compact(item, colon, comma)).join(comma)}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}${colon}${compact(item, colon, comma)}`)
      .join(comma)}}`;
  }
  return JSON.stringify(value);
}

/** A value over several lines, each after `newline` (the line ending and the member's indentation). */
function pretty(value: JsonValue, unit: string, newline: string): string {
  return JSON.stringify(value, null, unit).split('\n').join(newline);
}

/** Whether the members of the object start lines of their own (a line break before the first one). */
function membersOnOwnLines(text: string, view: ObjectView): boolean {
  const first = view.members[0];
  const end = first ? first.keyOffset : view.close;
  return /[\r\n]/.test(text.slice(view.open + 1, end));
}

/** The indentation of the object's members: the last member's, else the first's, else one unit in from the object's line. */
function memberIndent(text: string, view: ObjectView, format: SpliceFormat): string {
  for (const member of [view.members[view.members.length - 1], view.members[0]]) {
    if (!member) continue;
    const start = lineStartOf(text, member.keyOffset);
    const before = text.slice(start, member.keyOffset);
    if (/^[ \t]*$/.test(before)) return before;
  }
  return lineIndent(text, view.open) + format.unit;
}

/** The end of the key's string token (the key's text, quotes included). */
export function keyEnd(text: string, member: Pick<MemberView, 'keyOffset'>): number {
  const scanner = createScanner(text, false);
  scanner.setPosition(member.keyOffset);
  scanner.scan();
  return scanner.getTokenOffset() + scanner.getTokenLength();
}

interface CompactStyle {
  colon: string;
  comma: string;
}

/**
 * How the object's members are spaced: `"a": 1, "b": 2` or `"a":1,"b":2`. An empty object takes
 * the spacing of its own key's colon (`ownColon`, the text between that key and the `{`).
 */
function compactStyle(text: string, view: ObjectView, ownColon: string | undefined): CompactStyle {
  const [first, second] = view.members;
  // An array's items have no colon of their own: the objects in it are spaced as the array's key is.
  const colonText = first && !view.array ? text.slice(keyEnd(text, first), first.valueOffset) : (ownColon ?? ': ');
  const colon = /:[ \t]/.test(colonText) ? ': ' : ':';
  if (first && second) {
    const between = text.slice(first.valueEnd, second.keyOffset);
    return { colon, comma: /,[ \t]/.test(between) ? ', ' : ',' };
  }
  return { colon, comma: colon === ': ' ? ', ' : ',' };
}

/**
 * Adds `"key": value` as the object's last member. Where the object's members have lines of their
 * own, the member goes on a new line after the last one (after a comment that ends that line, so
 * the comment stays with its member), the comma right after the last value; where the object closes
 * on the last member's line, it still does, after the new member. Where they share lines, the member
 * goes after the last one on the same line. An empty object spanning lines takes it on a line before
 * its closing line; one on a line (`{}`) takes it between its braces, on that line. Without a key
 * (`key` undefined, `view` an array's), the value is added as the array's last item, laid out the
 * same way.
 */
export function insertMember(text: string, view: ObjectView, key: string | undefined, value: JsonValue, format: SpliceFormat, ownColon?: string): Inserted {
  // An array's item (no key) is laid out as a member would be, without `"key": `.
  const quoted = key === undefined ? '' : JSON.stringify(key);
  const colonAfterKey = key === undefined ? '' : ': ';
  const last = view.members[view.members.length - 1];
  if (!last) {
    const breaks = tokensBetween(text, view.open + 1, view.close).filter((token) => token.kind === LINE_BREAK);
    const lastBreak = breaks[breaks.length - 1];
    if (lastBreak) {
      const eol = text.slice(lastBreak.offset, lastBreak.end);
      const indent = lineIndent(text, view.open) + format.unit;
      return inserted(text, lastBreak.offset, '', `${eol}${indent}`, quoted, colonAfterKey, pretty(value, format.unit, eol + indent), '');
    }
    const style = compactStyle(text, view, ownColon);
    return inserted(text, view.open + 1, '', '', quoted, key === undefined ? '' : style.colon, compact(value, style.colon, style.comma), '');
  }
  // After the last value: its comma (a trailing comma, in JSONC), comments, and where the line ends.
  let comma: Token | undefined;
  let lineBreak: Token | undefined;
  let tailEnd = last.valueEnd;
  for (const token of tokensBetween(text, last.valueEnd, view.close)) {
    if (token.kind === COMMA && !comma) {
      comma = token;
      lineBreak = undefined;
      tailEnd = token.end;
    } else if (token.kind === LINE_BREAK) {
      lineBreak ??= token;
    } else if (isComment(token) && !lineBreak) {
      tailEnd = token.end;
    }
  }
  const addComma = comma ? '' : ',';
  const trailingComma = comma ? ',' : '';
  if (membersOnOwnLines(text, view)) {
    const indent = memberIndent(text, view, format);
    const eol = lineBreak ? text.slice(lineBreak.offset, lineBreak.end) : (firstEol(text.slice(view.open, view.close)) ?? format.eol);
    const at = lineBreak ? lineBreak.offset : tailEnd;
    const withComma = text.slice(0, last.valueEnd) + addComma + text.slice(last.valueEnd);
    return inserted(withComma, at + addComma.length, '', `${eol}${indent}`, quoted, colonAfterKey, pretty(value, format.unit, eol + indent), trailingComma);
  }
  const style = compactStyle(text, view, ownColon);
  return inserted(
    text,
    comma ? comma.end : last.valueEnd,
    addComma,
    style.comma.slice(1),
    quoted,
    key === undefined ? '' : style.colon,
    compact(value, style.colon, style.comma),
    trailingComma,
  );
}

/** The text after an insertion, and where the new member is in it. */
export interface Inserted {
  text: string;
  member: MemberView;
}

function inserted(text: string, at: number, comma: string, lead: string, quotedKey: string, colon: string, value: string, trailingComma: string): Inserted {
  const keyOffset = at + comma.length + lead.length;
  const valueOffset = keyOffset + quotedKey.length + colon.length;
  return {
    text: text.slice(0, at) + comma + lead + quotedKey + colon + value + trailingComma + text.slice(at),
    member: { keyOffset, valueOffset, valueEnd: valueOffset + value.length },
  };
}

/** Replaces the value of a member, laid out as a new member of the same object would be. */
export function replaceValue(text: string, view: ObjectView, member: MemberView, value: JsonValue, format: SpliceFormat): string {
  let rendered: string;
  if (membersOnOwnLines(text, view) && /[\r\n]/.test(text.slice(member.valueOffset, member.valueEnd))) {
    const start = lineStartOf(text, member.keyOffset);
    const before = text.slice(start, member.keyOffset);
    const indent = /^[ \t]*$/.test(before) ? before : memberIndent(text, view, format);
    const eol = firstEol(text.slice(view.open, view.close)) ?? format.eol;
    rendered = pretty(value, format.unit, eol + indent);
  } else {
    // A value written on one line stays on one line, spaced as it was (else as its object is).
    const old = text.slice(member.valueOffset, member.valueEnd);
    const fallback: CompactStyle = membersOnOwnLines(text, view) ? { colon: ': ', comma: ', ' } : compactStyle(text, view, undefined);
    const colon = /"\s*:/.test(old) ? (/:[ \t]/.test(old) ? ': ' : ':') : fallback.colon;
    const comma = old.includes(',') ? (/,[ \t]/.test(old) ? ', ' : ',') : fallback.comma;
    rendered = compact(value, colon, comma);
  }
  return text.slice(0, member.valueOffset) + rendered + text.slice(member.valueEnd);
}

/**
 * Cuts a member out with its comma, and nothing else: comments around it stay where they are.
 * The last member goes with the comma and the whitespace before it (what insertMember added),
 * keeping a trailing comma; a line the cut leaves blank goes too.
 */
export function removeMember(text: string, view: ObjectView, index: number): string {
  const { members } = view;
  const member = members[index]!;
  const next = members[index + 1];
  const after = tokensBetween(text, member.valueEnd, next ? next.keyOffset : view.close);
  const following = after.find((token) => token.kind === COMMA);
  const previous = members[index - 1];
  if (!next && previous) {
    // What insertMember adds after the last member, taken back whole: the comma it put after the
    // member before, and the line break, indentation and member it put before the line break that
    // was there (or before the `}`, or after the comma on one line). A trailing comma stays.
    const gap = tokensBetween(text, previous.valueEnd, member.keyOffset);
    const previousComma = gap.find((token) => token.kind === COMMA);
    const breakIndex = gap.map((token) => token.kind).lastIndexOf(LINE_BREAK);
    const lineBreak = gap[breakIndex];
    // Joining the lines must not put what follows the member (even a space) into a line comment before it.
    const endsLine = (from: number) => after.find((token) => token.offset >= from)?.kind === LINE_BREAK;
    const afterComment =
      gap
        .slice(0, breakIndex)
        .filter((token) => token.kind !== TRIVIA)
        .pop()?.kind === LINE_COMMENT;
    const ownLine =
      lineBreak !== undefined &&
      gap.slice(breakIndex + 1).every((token) => token.kind === TRIVIA) &&
      (!afterComment || endsLine(following ? following.end : member.valueEnd));
    const oneLine = lineBreak === undefined && !gap.some(isComment);
    if (following) {
      const commentBeforeComma = after.some((token) => isComment(token) && token.offset < following.offset);
      const spaceAfterComma = previousComma !== undefined && gap.filter((token) => token.offset >= previousComma.end).every((token) => token.kind === TRIVIA);
      if (!commentBeforeComma && ownLine) return text.slice(0, lineBreak.offset) + text.slice(following.end);
      if (!commentBeforeComma && spaceAfterComma) return text.slice(0, previousComma!.end) + text.slice(following.end);
    } else if (previousComma) {
      if (ownLine && previousComma.offset < lineBreak.offset) {
        return text.slice(0, previousComma.offset) + text.slice(previousComma.end, lineBreak.offset) + text.slice(member.valueEnd);
      }
      if (oneLine) return text.slice(0, previous.valueEnd) + text.slice(member.valueEnd);
    }
  }
  const cuts: Array<{ start: number; end: number }> = [{ start: member.keyOffset, end: member.valueEnd }];
  if (following && (next || !previous)) cuts.push({ start: following.offset, end: following.end });
  else if (previous) {
    const previousComma = tokensBetween(text, previous.valueEnd, member.keyOffset).find((token) => token.kind === COMMA);
    // A trailing comma after this member means the list ends with one: keep that style.
    if (previousComma && !following) cuts.push({ start: previousComma.offset, end: previousComma.end });
    else if (following) cuts.push({ start: following.offset, end: following.end });
  }
  let out = text;
  for (const cut of cuts.sort((a, b) => b.start - a.start)) out = out.slice(0, cut.start) + out.slice(cut.end);
  const removedBefore = cuts.filter((cut) => cut.start < member.keyOffset).reduce((sum, cut) => sum + cut.end - cut.start, 0);
  // Tokens are read from a boundary known to be outside any comment or string: a line may start inside a block comment.
  const clean = previous ? previous.valueEnd : view.open + 1;
  return tidyLine(out, member.keyOffset - removedBefore, !next, text[view.close]!, Math.min(clean, member.keyOffset - removedBefore));
}

/**
 * After a cut at `offset`: a line left blank goes; where the cut member began its line and the
 * object's `}` (an array's `]`) now follows on that line, it goes back to the end of the line before.
 */
function tidyLine(text: string, offset: number, wasLast: boolean, closer: string, clean: number): string {
  const lineStart = lineStartOf(text, offset);
  if (lineStart === 0 || !/^[ \t]*$/.test(text.slice(lineStart, offset))) return text;
  const rest = /^[ \t]*(\r\n|\n|\r)?/.exec(text.slice(offset))!;
  if (rest[1] !== undefined) return text.slice(0, lineStart) + text.slice(offset + rest[0].length);
  if (!wasLast || text[offset + rest[0].length] !== closer) return text;
  const breakStart = text[lineStart - 1] === '\n' && text[lineStart - 2] === '\r' ? lineStart - 2 : lineStart - 1;
  // Not after a line comment: the `}` would become part of it.
  const previousLine = tokensBetween(text, Math.min(clean, breakStart), breakStart);
  if (previousLine[previousLine.length - 1]?.kind === LINE_COMMENT) return text;
  return text.slice(0, breakStart) + text.slice(offset);
}

/** The `{`, `}` and members of an object node from jsonc-parser's parseTree. */
export function viewOfNode(node: {
  offset: number;
  length: number;
  children?: Array<{ offset: number; children?: Array<{ offset: number; length: number }> }>;
}): ObjectView {
  const members: MemberView[] = [];
  for (const property of node.children ?? []) {
    const value = property.children?.[1];
    if (!value) continue;
    members.push({ keyOffset: property.offset, valueOffset: value.offset, valueEnd: value.offset + value.length });
  }
  return { open: node.offset, close: node.offset + node.length - 1, members };
}

/** The `[`, `]` and items of an array node from jsonc-parser's parseTree. */
export function viewOfArrayNode(node: { offset: number; length: number; children?: Array<{ offset: number; length: number }> }): ObjectView {
  const members = (node.children ?? []).map((item) => ({ keyOffset: item.offset, valueOffset: item.offset, valueEnd: item.offset + item.length }));
  return { open: node.offset, close: node.offset + node.length - 1, members, array: true };
}

/** The `{` of the root object (after leading whitespace and comments) and its `}` (after its last member). */
export function rootBraces(text: string, members: readonly MemberView[]): { open: number; close: number } | undefined {
  const scanner = createScanner(text, false);
  let open = -1;
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind === LINE_BREAK || kind === TRIVIA || kind === LINE_COMMENT || kind === BLOCK_COMMENT) continue;
    if (kind === OPEN_BRACE) open = scanner.getTokenOffset();
    break;
  }
  if (open === -1) return undefined;
  const last = members[members.length - 1];
  scanner.setPosition(last ? last.valueEnd : open + 1);
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind === CLOSE_BRACE) return { open, close: scanner.getTokenOffset() };
    if (kind !== COMMA && kind !== LINE_BREAK && kind !== TRIVIA && kind !== LINE_COMMENT && kind !== BLOCK_COMMENT) return undefined;
  }
  return undefined;
}
