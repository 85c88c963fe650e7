/**
 * The fast path for a large config that is plain JSON (a heavy Claude Code user's ~/.claude.json
 * runs to tens of MB): the root object's members and where their values are, with the text
 * checked to be strict JSON, in V8's native code (sticky regular expressions) rather than
 * jsonc-parser's scanner, which runs JavaScript for every character: slower on a large file, and
 * once it runs hot V8 optimises it, at a cost in memory larger than a 1 MB file itself
 * (docs/performance.md has the measurements).
 *
 * The root and its children are walked token by token; each value below them (a project's
 * settings, say) is matched whole by the container pattern (buildStrictContainer), which takes
 * only strict JSON; a value too large or too deep for one match is walked in turn. Anything this
 * does not accept returns undefined: comments, trailing commas, any error, nesting deeper than it
 * walks (MAX_WALKED_LEVEL), a root that is not an object. The caller then
 * parses with jsonc-parser, which says where a problem is. It accepts only strict JSON, which
 * jsonc-parser reads the same way in both its modes, so the two paths never disagree about a
 * file (test/unit/json-layout.test.ts).
 */

/** A member of the root object: its key and where its key and its value are in the text. */
export interface TopLevelMember {
  key: string;
  keyOffset: number;
  valueOffset: number;
  valueEnd: number;
  isObject: boolean;
}

const WHITESPACE = /[ \t\n\r]*/y;
const STRING_SOURCE = String.raw`"[^"\\\u0000-\u001f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\u0000-\u001f]*)*"`;
const SCALAR_SOURCE = String.raw`${STRING_SOURCE}|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null`;
const STRING = new RegExp(STRING_SOURCE, 'y');
const SCALAR = new RegExp(SCALAR_SOURCE, 'y');

/**
 * Levels of arrays and objects one match of the container pattern takes (a project's value and
 * what it holds, five levels where Claude Code nests deepest); a deeper value is walked token by
 * token down to where its parts fit.
 */
const CONTAINER_DEPTH = 6;

/** The outer levels (a project's value and its members, where long lists are) whose scalar items have a loop of their own. */
const SCALAR_LOOP_LEVELS = 2;

/**
 * An array or object holding up to CONTAINER_DEPTH levels, strict JSON as JSON.parse reads it,
 * checked without building anything: JSON.parse of each value made garbage of about the file's
 * size, the largest share of a 1 MB file's memory (docs/performance.md).
 *
 * A regular expression cannot count, so each level is written out, and each holds the level below
 * once: its members and its elements are one item, `key? value`, and two named groups say which
 * kind the container is. `x<level>` holds the `[` of an array; `q<level>` the `:` after an
 * object's first key (or its `}` when it is empty), never a character a value starts with or an
 * array closes on. A back-reference to a group that did not take part matches the empty string, so
 * in a lookahead `\k<x>` passes in an object and fails in an array (no `[` where a key or a `}`
 * is), and `\k<q>` the other way round: a key only in an object, a value without one only in an
 * array, `}` closing only an object and `]` only an array. Only lookaheads test the groups: a
 * back-reference that consumed text could pair brackets that do not belong together.
 *
 * Whitespace is taken once, after each token, and which alternative can match at a place is
 * decided by the character there and the container's kind: a failed match backs out in time
 * linear in what it read, never trying the ways to split a run (test/unit/json-layout.test.ts has
 * the long broken values).
 *
 * What a match keeps on its backtracking stack grows with the items of the value, and V8 saves the
 * groups of every level below on each turn of a loop that holds them: each number of a long list
 * would cost tens of bytes. At the outer levels (SCALAR_LOOP_LEVELS) scalar items are taken by a
 * loop that holds no group, and only a container item goes through the one that does; an item's
 * value says which loop takes it, so this adds no ambiguity. At every level it would make the
 * pattern larger than it saves (docs/performance.md). MATCH_WINDOW bounds the rest.
 */
function buildStrictContainer(): RegExp {
  const ws = '[ \\t\\n\\r]*';
  let container = '(?!)';
  for (let level = 0; level < CONTAINER_DEPTH; level++) {
    const x = String.raw`\k<x${level}>`;
    const q = String.raw`\k<q${level}>`;
    const open = String.raw`(?:\{${ws}(?=(?:${STRING_SOURCE}${ws})?(?<q${level}>[:}]))|(?<x${level}>\[)${ws})`;
    const key = String.raw`(?:(?=${x})${STRING_SOURCE}${ws}:${ws}|(?=${q}))`;
    const separator = String.raw`${ws}(?:,${ws}(?![}\]])|(?=[}\]]))`;
    const close = String.raw`(?:(?=${x})\}|(?=${q})\])`;
    if (level < CONTAINER_DEPTH - SCALAR_LOOP_LEVELS) {
      container = `${open}(?:${key}(?:${SCALAR_SOURCE}|${container})${separator})*${close}`;
    } else {
      const scalarItems = `(?:${key}(?:${SCALAR_SOURCE})${separator})*`;
      container = `${open}${scalarItems}(?:${key}${container}${separator}${scalarItems})*${close}`;
    }
  }
  return new RegExp(container, 'y');
}

/** Built on first use: only files from 64 kB on need it, and building it costs a run time and memory. */
let strictContainer: RegExp | undefined;

const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const QUOTE = 34;
const COLON = 58;
const COMMA = 44;

function skipWhitespace(text: string, at: number): number {
  WHITESPACE.lastIndex = at;
  WHITESPACE.test(text);
  return WHITESPACE.lastIndex;
}

/** The end of the match of a sticky pattern at `at`, or -1. */
function matchEnd(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  return pattern.test(text) ? pattern.lastIndex : -1;
}

/**
 * The most text one match of the container pattern looks at. Its backtracking stack grows with the
 * items it passes: unbounded, one value of tens of MB would cost more memory than the file.
 */
const MATCH_WINDOW = 256 * 1024;

/** Levels walked token by token at most (a value too large or too deep for one match is walked). */
const MAX_WALKED_LEVEL = 64;

/** Where the strict JSON container at `at` ends, matched whole within MATCH_WINDOW; -1 if it is not. */
function matchedContainerEnd(text: string, at: number): number {
  const pattern = (strictContainer ??= buildStrictContainer());
  // A match inside the window is the match in the whole text: it ends on a bracket it has seen.
  const end = text.length - at > MATCH_WINDOW ? matchEnd(pattern, text.slice(at, at + MATCH_WINDOW), 0) : matchEnd(pattern, text, at) - at;
  return end < 0 ? -1 : at + end;
}

/**
 * Checks the value at `at` and returns where it ends, or -1. `level` 0 is the root, 1 its
 * children: those are walked here (the root's members recorded); deeper values are matched whole,
 * or walked in turn where one match does not take them.
 */
function valueEnd(text: string, at: number, level: number, members?: TopLevelMember[]): number {
  const first = text.charCodeAt(at);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) return matchEnd(SCALAR, text, at);
  if (level > 1) {
    const end = matchedContainerEnd(text, at);
    if (end !== -1 || level >= MAX_WALKED_LEVEL) return end;
  }
  const isObject = first === OPEN_BRACE;
  const close = isObject ? CLOSE_BRACE : CLOSE_BRACKET;
  let position = skipWhitespace(text, at + 1);
  if (text.charCodeAt(position) === close) return position + 1;
  for (;;) {
    let key = '';
    let keyOffset = -1;
    if (isObject) {
      const keyEnd = text.charCodeAt(position) === QUOTE ? matchEnd(STRING, text, position) : -1;
      if (keyEnd === -1) return -1;
      if (members) {
        keyOffset = position;
        key = JSON.parse(text.slice(position, keyEnd)) as string;
      }
      position = skipWhitespace(text, keyEnd);
      if (text.charCodeAt(position) !== COLON) return -1;
      position = skipWhitespace(text, position + 1);
    }
    const start = position;
    const end = valueEnd(text, start, level + 1);
    if (end === -1) return -1;
    members?.push({ key, keyOffset, valueOffset: start, valueEnd: end, isObject: text.charCodeAt(start) === OPEN_BRACE });
    position = skipWhitespace(text, end);
    const next = text.charCodeAt(position);
    if (next === close) return position + 1;
    if (next !== COMMA) return -1;
    position = skipWhitespace(text, position + 1);
  }
}

/**
 * The root object's members, in order (duplicate keys included), when `text` is strict JSON
 * whose root is an object; otherwise undefined.
 */
export function strictJsonLayout(text: string): TopLevelMember[] | undefined {
  const start = skipWhitespace(text, 0);
  if (text.charCodeAt(start) !== OPEN_BRACE) return undefined;
  const members: TopLevelMember[] = [];
  let end: number;
  try {
    end = valueEnd(text, start, 0, members);
  } catch {
    // The balanced pattern on a value of millions of tokens can exhaust the regular-expression stack.
    return undefined;
  }
  if (end === -1 || skipWhitespace(text, end) !== text.length) return undefined;
  return members;
}
