/** "1 file", "3 files": a count and its noun, plural by adding s (every noun it is used with). */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
