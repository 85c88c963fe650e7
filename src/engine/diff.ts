/**
 * A short unified-style diff of one edit. Our edits touch one region of a file, so the lines
 * between the common prefix and the common suffix are the change; a few lines around it give
 * context. This stays linear in the file size, unlike a general diff.
 */
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
  for (let i = Math.max(0, start - context); i < start; i++) lines.push({ kind: ' ', text: a[i] ?? '' });
  for (let i = start; i < endA; i++) lines.push({ kind: '-', text: a[i] ?? '' });
  for (let i = start; i < endB; i++) lines.push({ kind: '+', text: b[i] ?? '' });
  for (let i = endA; i < Math.min(a.length, endA + context); i++) lines.push({ kind: ' ', text: a[i] ?? '' });
  return lines;
}
