/**
 * A short unified-style diff of one edit. Our edits touch one region of a file, so the lines
 * between the common prefix and the common suffix are the change; a few lines around it give
 * context. This stays linear in the file size, unlike a general diff. Other servers' credentials
 * in those lines (arguments such as `--api-key VALUE`, a URL's password) are masked here.
 */
import { maskSecrets } from '../ui/output.js';

export interface DiffLine {
  kind: ' ' | '-' | '+';
  text: string;
}

export function shortDiff(before: string, after: string, context = 2): DiffLine[] {
  const splitLines = (text: string) => (text === '' ? [] : text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n'));
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  if (start === endA && start === endB) return [];
  const lines: DiffLine[] = [];
  const line = (kind: DiffLine['kind'], all: string[], i: number) => lines.push({ kind, text: maskInContext(all[i - 1], all[i] ?? '') });
  for (let i = Math.max(0, start - context); i < start; i++) line(' ', a, i);
  for (let i = start; i < endA; i++) line('-', a, i);
  for (let i = start; i < endB; i++) line('+', b, i);
  for (let i = endA; i < Math.min(a.length, endA + context); i++) line(' ', a, i);
  return lines;
}

/**
 * A line with its credentials masked, read together with the line before it in the file: an
 * argument's value (`"sk-live-…"`) can be the first line shown while its flag (`"--api-key",`) is
 * the line above, outside the diff. The writer masks every line again on its own.
 */
function maskInContext(previous: string | undefined, text: string): string {
  if (previous === undefined) return maskSecrets(text);
  const joined = maskSecrets(`${previous}\n${text}`);
  const cut = joined.lastIndexOf('\n');
  return cut === -1 ? maskSecrets(text) : joined.slice(cut + 1);
}
