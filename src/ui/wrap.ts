/**
 * Word wrapping for everything the program prints: lines are broken between words to fit the
 * terminal (80 columns when it is not one), continuation lines hang under the text they continue
 * (after a mark such as `✓ ` or `[!] `, or under the second column of `--option   text`), and a
 * command a hint names (`npx intercom-mcp-setup doctor --fix`) is never broken while it fits on a
 * line of its own, so it can be copied as printed. A word is never cut, except a path wider than
 * the whole line, after one of its `/` (and not even that in an error: see WrapOptions.keepPaths).
 */
import { HINT_COMMANDS, PROGRAM, VALUE_OPTIONS } from '../core/invocation.js';

/** The width when the output is not a terminal. */
const DEFAULT_WIDTH = 80;
/** Narrower than this, wrapping makes things worse: lines are left to the terminal. */
const MIN_WIDTH = 20;

// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;:]*m/g;

function stripSgr(text: string): string {
  return text.includes('\u001b') ? text.replace(SGR, '') : text;
}

/** A surrogate pair: one code point in two code units; and the half that ends one. */
const PAIR = /[\ud800-\udbff][\udc00-\udfff]/g;
const LOW_HALF = /[\udc00-\udfff]/;

/**
 * Columns a text takes: code points outside escape sequences (a surrogate pair is one). Counted by
 * regular expressions, not a loop over the characters: a setup measures some two hundred words
 * while it wraps its report, each once, with the interpreter (docs/performance.md).
 */
export function visibleWidth(text: string): number {
  const plain = stripSgr(text);
  return plain.length - (plain.length > 1 && LOW_HALF.test(plain) ? (plain.match(PAIR)?.length ?? 0) : 0);
}

/**
 * The columns of a stream that is a terminal. Otherwise the COLUMNS variable when it holds a
 * width (the user's preferred width, as POSIX defines it), else 80.
 */
export function widthOf(stream: { isTTY?: boolean; columns?: number } | undefined, env: Readonly<Record<string, string | undefined>> = process.env): number {
  if (stream?.isTTY && stream.columns && stream.columns > 0) return stream.columns;
  const columns = Number(env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : DEFAULT_WIDTH;
}

/**
 * Marks after which a continuation line hangs: `✓ `, `[✗] `, `→ `, `- `, `1. `. The symbols
 * (✓✗!•·→▲■◆●◇) are written as escapes: esbuild keeps a regular expression's characters as they
 * are, and one non-ASCII character in the bundle makes Node decode the whole file the slow way
 * (scripts/build.mjs refuses such a bundle).
 */
const MARK = /^(?:\[[^\]\s]{1,2}\]|[\u2713\u2717!\u2022\u00b7\u2192\u25b2\u25a0\u25c6\u25cf\u25c7*+~=-]|\d{1,2}\.) +/;
/** `--option ARG   description` or `label:   value`: two spaces or more open the second column. */
const TWO_COLUMNS = /^(\S+(?: \S+)*? {2,})(?=\S)/;

function hangOf(plain: string, lead: number, width: number): number {
  const body = plain.slice(lead);
  const mark = MARK.exec(body);
  // Two columns need two spaces in a row: without them the (backtracking) expression is not run.
  const columns = body.includes('  ') ? TWO_COLUMNS.exec(body) : null;
  if (columns && lead + columns[1]!.length <= width / 2 && (!mark || columns[1]!.length > mark[0].length)) return lead + columns[1]!.length;
  if (mark) return lead + mark[0].length;
  return lead;
}

interface Word {
  /** The spaces before it on the line as written. */
  gap: string;
  text: string;
  width: number;
}

/** Trailing punctuation that ends a sentence around a command: `… doctor.` or `(--client cursor)`. */
const TRAILING = /[.,;:)"'\]]+$/;

function bare(text: string): string {
  return stripSgr(text)
    .replace(/^[("'[]+/, '')
    .replace(TRAILING, '');
}

/**
 * Groups the words of a command into one unit: `npx`? `intercom-mcp-setup`, then a command name,
 * options, and the value of each option that takes one. Returns how many words it spans (1: none).
 */
function commandSpan(words: Word[], start: number): number {
  // Most words are neither: answered without bare()'s two regular expressions.
  const first = words[start]!.text;
  if (!first.includes('npx') && !first.includes(PROGRAM)) return 1;
  let i = start;
  if (bare(words[i]!.text) === 'npx' && words[i + 1] && bare(words[i + 1]!.text) === PROGRAM) i++;
  if (bare(words[i]!.text) !== PROGRAM) return 1;
  const ends = (word: Word) => TRAILING.test(stripSgr(word.text));
  if (ends(words[i]!)) return i - start + 1;
  i++;
  if (words[i] && HINT_COMMANDS.includes(bare(words[i]!.text))) {
    if (ends(words[i]!)) return i - start + 1;
    i++;
  }
  while (words[i]) {
    const word = bare(words[i]!.text);
    if (!/^--?[a-z]/.test(word)) break;
    const last = ends(words[i]!);
    i++;
    if (last) break;
    const name = word.replace(/=.*$/, '');
    if (VALUE_OPTIONS.includes(name) && !word.includes('=') && words[i]) {
      const valueEnds = ends(words[i]!);
      i++;
      if (valueEnds) break;
    }
  }
  return i - start;
}

/** A file path (`~/…`, `/…`, `C:\…`): the one kind of word that may be cut, after a separator. */
const PATH_WORD = /^(?:~?[\\/]|[A-Za-z]:\\)\S*[\\/]/;

/**
 * A word wider than `room`: a path is cut after its separators into pieces that fit (a reader
 * still sees the path); anything else (a link, a token, a JSON value) stays whole, as data.
 */
function breakWord(text: string, room: number): string[] {
  if (text !== stripSgr(text) || !PATH_WORD.test(text)) return [text];
  const pieces: string[] = [];
  let rest = text;
  while (visibleWidth(rest) > room) {
    const chars = [...rest];
    const head = chars.slice(0, room).join('');
    const cut = Math.max(head.lastIndexOf('/'), head.lastIndexOf('\\'));
    if (cut <= 0) break;
    pieces.push(chars.slice(0, cut + 1).join(''));
    rest = chars.slice(cut + 1).join('');
  }
  return [...pieces, rest];
}

export interface WrapOptions {
  /**
   * Keep a path wider than the line whole, as any other word (it runs past the width). Errors do:
   * `~/.cursor/mcp.json:3:5` is copied, clicked or searched for as one word.
   */
  keepPaths?: boolean;
}

/** A word and the spaces before it. */
const WORD = /(\s*)(\S+)/g;

/** One line (no newline in it) as the lines it wraps to. */
export function wrapLine(line: string, width: number, options: WrapOptions = {}): string[] {
  // A line of no more code units than columns fits whatever it holds: most lines, answered
  // without reading them.
  if (width < MIN_WIDTH || line.length <= width || visibleWidth(line) <= width) return [line];
  const plain = stripSgr(line);
  const lead = plain.length - plain.trimStart().length;
  const hang = hangOf(plain, lead, width);
  const rawLead = line.slice(0, line.length - line.trimStart().length);
  const words: Word[] = [];
  const body = line.trimStart();
  WORD.lastIndex = 0;
  for (let match = WORD.exec(body); match; match = WORD.exec(body)) words.push({ gap: match[1]!, text: match[2]!, width: visibleWidth(match[2]!) });

  // Units: a word, or the words of a command kept together (none without the program's name).
  const units: Word[][] = [];
  const mayHoldCommand = line.includes(PROGRAM);
  for (let i = 0; i < words.length;) {
    const span = mayHoldCommand ? commandSpan(words, i) : 1;
    units.push(span === 1 ? [words[i]!] : words.slice(i, i + span));
    i += span;
  }

  const lines: string[] = [];
  let current = rawLead;
  let used = lead;
  let empty = true;
  const indent = ' '.repeat(hang);
  const newLine = () => {
    lines.push(current.trimEnd());
    current = indent;
    used = hang;
    empty = true;
  };
  const place = (word: Word) => {
    const gap = empty ? '' : word.gap.includes('\t') ? ' ' : word.gap;
    if (!empty && used + gap.length + word.width > width) newLine();
    if (empty && word.width > width - used) {
      const pieces = options.keepPaths ? [word.text] : breakWord(word.text, width - used);
      pieces.forEach((piece, index) => {
        if (index > 0) newLine();
        current += piece;
        used += visibleWidth(piece);
        empty = false;
      });
      return;
    }
    current += empty ? '' : gap;
    used += empty ? 0 : gap.length;
    current += word.text;
    used += word.width;
    empty = false;
  };
  for (const unit of units) {
    const unitWidth = unit.reduce((sum, word, index) => sum + word.width + (index === 0 ? 0 : word.gap.length), 0);
    const gap = unit[0]!.gap.length;
    if (unit.length > 1 && !empty && used + gap + unitWidth > width && hang + unitWidth <= width) newLine();
    for (const word of unit) place(word);
  }
  lines.push(current.trimEnd());
  return lines;
}

/** A text of one or more lines, each wrapped to `width`. */
export function wrapText(text: string, width: number, options: WrapOptions = {}): string {
  if (width < MIN_WIDTH) return text;
  if (!text.includes('\n')) return wrapLine(text, width, options).join('\n');
  return text
    .split('\n')
    .flatMap((line) => wrapLine(line, width, options))
    .join('\n');
}
