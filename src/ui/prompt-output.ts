import { Writable } from 'node:stream';
import { CancelledError } from '../core/errors.js';
import type { Output } from './output.js';
import { wrapText } from './wrap.js';

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

/** What the prompts need to know of the terminal they draw on: its size, and when it changes. */
export interface TerminalSize {
  readonly columns?: number;
  readonly rows?: number;
  on(event: 'resize', listener: () => void): unknown;
}

/**
 * The stream the prompt library (clack) writes to: every frame goes through Output, so it is
 * masked like every other output. When colour is off it also drops the colours and keeps cursor
 * movement and styles (Node 20's styleText, which the library uses, ignores NO_COLOR).
 */
export function promptOutput(out: Output, terminal: TerminalSize = process.stdout): Writable & { readonly columns?: number } {
  const colour = out.options.color;
  const stream = new Writable({
    write(chunk, _encoding, done) {
      const text = String(chunk);
      out.write(colour ? text : stripColour(text));
      done();
    },
  }) as Writable & { columns?: number; rows?: number; isTTY?: boolean };
  Object.defineProperty(stream, 'columns', { get: () => terminal.columns });
  Object.defineProperty(stream, 'rows', { get: () => terminal.rows });
  stream.isTTY = true;
  terminal.on('resize', () => stream.emit('resize'));
  return stream;
}

/** Columns clack's frame takes before the text of a line: `│  `, `◆  `, `└  `. */
const FRAME_INSET = 3;

/**
 * A prompt's message (or a log line) for clack's frame: masked, and word-wrapped to what the frame
 * leaves of the terminal's line (`inset` columns less), as Output wraps every other line. Wrapped
 * here, the library never has to: it would cut a word wider than the line, and a command, and
 * start a line with the space it broke at.
 */
export function fitToFrame(out: Output, text: string, terminal: { readonly columns?: number } = process.stdout, inset = FRAME_INSET): string {
  return wrapText(out.mask(text), (terminal.columns || 80) - inset);
}

/**
 * Ends a prompt flow the one way: the prompt library's cancel line (`message`, wrapped inside the
 * frame like the prompts), then CancelledError (exit 130; the line was said there, so the error
 * carries none). The library is passed in because it is loaded only when a prompt is shown.
 */
export function cancelPrompts(prompts: { cancel(message?: string, options?: { output?: Writable }): void }, message: string, output: Writable): never {
  const columns = (output as { columns?: number }).columns || 80;
  prompts.cancel(wrapText(message, columns - FRAME_INSET).replaceAll('\n', `\n${' '.repeat(FRAME_INSET)}`), { output });
  throw new CancelledError();
}
