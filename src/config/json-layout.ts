/**
 * The fast path for a large config that is plain JSON (a heavy Claude Code user's ~/.claude.json
 * runs to tens of MB): the root object's members and where their values are, with the text
 * checked to be strict JSON, in V8's native code (sticky regular expressions and JSON.parse)
 * rather than jsonc-parser's scanner, which runs JavaScript for every character. Measured on the
 * bench's 58 MB file: 790 ms → 300 ms; on a 1.2 MB file its scanner also costs 11 MB of memory,
 * most of it V8 optimising that scanner once it runs hot (README "Performance").
 *
 * The root and its children are walked token by token; each value below them (a project's
 * settings, say) is matched whole by the balanced pattern (buildBalanced), then checked by
 * JSON.parse. Anything this does not accept returns undefined: comments, trailing commas, any
 * error, nesting deeper than that pattern matches, a root that is not an object. The caller then
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
const STRING = new RegExp(STRING_SOURCE, 'y');
const SCALAR = new RegExp(String.raw`${STRING_SOURCE}|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null`, 'y');

/** Levels of nesting the balanced pattern matches below a child of the root; deeper values go to jsonc-parser. */
const BALANCED_DEPTH = 24;

/**
 * An array or object with up to BALANCED_DEPTH levels inside, brackets paired by count only
 * (JSON.parse checks the rest). A run of other characters is made atomic with a lookahead and a
 * back-reference, and strings are matched whole: the match cannot backtrack into exponentially
 * many ways of splitting a run when it fails.
 */
function buildBalanced(): RegExp {
  const anyString = String.raw`"[^"\\]*(?:\\[^][^"\\]*)*"`;
  let inner = `(?:RUN|${anyString})*`;
  for (let level = 0; level < BALANCED_DEPTH; level++) inner = String.raw`(?:RUN|${anyString}|[{\[]${inner}[}\]])*`;
  // Each run's back-reference names its own group, numbered in order of appearance.
  let group = 0;
  const source = String.raw`[{\[]${inner}[}\]]`.replace(/RUN/g, () => `(?=([^"{}\\[\\]]+))\\${++group}`);
  return new RegExp(source, 'y');
}

/** Built on first use: only files from 64 kB on need it, and building it costs every run 0.2 ms. */
let balanced: RegExp | undefined;

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
 * The most text one match of the balanced pattern looks at. Its backtracking stack grows with the
 * tokens it passes: unbounded, a single 20 MB value took 70 MB before V8 stopped it.
 */
const MATCH_WINDOW = 256 * 1024;

/** Levels walked token by token at most (a value too large or too deep for one match is walked). */
const MAX_WALKED_LEVEL = 64;

/** Where a container at `at` ends, matched whole within MATCH_WINDOW and checked by JSON.parse; -1 if it is not. */
function matchedContainerEnd(text: string, at: number): number {
  const pattern = (balanced ??= buildBalanced());
  // A match inside the window is the match in the whole text: it ends on a bracket it has seen.
  const end = text.length - at > MATCH_WINDOW ? matchEnd(pattern, text.slice(at, at + MATCH_WINDOW), 0) : matchEnd(pattern, text, at) - at;
  if (end < 0) return -1;
  try {
    JSON.parse(text.slice(at, at + end));
  } catch {
    return -1;
  }
  return at + end;
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
