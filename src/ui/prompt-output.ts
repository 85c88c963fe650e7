import { Writable } from 'node:stream';

/**
 * Removes the colour parameters from SGR escape sequences and keeps the rest (bold, dim,
 * inverse, strikethrough): NO_COLOR asks for no colour, and the prompts show the highlighted
 * row and a cancelled answer with dim and strikethrough.
 */
export function stripColour(text: string): string {
  return text.replace(/\u001b\[([0-9;]*)m/g, (sequence, params: string) => {
    if (params === '' || params === '0') return sequence;
    const codes = params.split(';').map(Number);
    const kept: number[] = [];
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i]!;
      if (code === 38 || code === 48 || code === 58) {
        // Extended colour: 38;5;n or 38;2;r;g;b.
        i += codes[i + 1] === 5 ? 2 : codes[i + 1] === 2 ? 4 : 0;
        continue;
      }
      const isColour = (code >= 30 && code <= 39) || (code >= 40 && code <= 49) || (code >= 90 && code <= 97) || (code >= 100 && code <= 107) || code === 59;
      if (!isColour) kept.push(code);
    }
    return kept.length > 0 ? `\u001b[${kept.join(';')}m` : '';
  });
}

/**
 * Node 20's styleText (used by the prompt library) ignores NO_COLOR, so when colour is off the
 * prompts write through this stream, which drops the colours and keeps cursor movement and styles.
 */
export function colourlessStdout(): Writable {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      process.stdout.write(stripColour(String(chunk)), done);
    },
  }) as Writable & { columns?: number; rows?: number; isTTY?: boolean };
  Object.defineProperty(stream, 'columns', { get: () => process.stdout.columns });
  Object.defineProperty(stream, 'rows', { get: () => process.stdout.rows });
  stream.isTTY = true;
  process.stdout.on('resize', () => stream.emit('resize'));
  return stream;
}
