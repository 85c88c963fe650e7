/**
 * The bundle replaces jsonc-parser's string-intern module with scripts/jsonc-string-intern.js,
 * which builds its tables on first read (scripts/build.mjs). It must export the same values.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

type Eol = '\n' | '\r' | '\r\n';
interface StringIntern {
  cachedSpaces: string[];
  cachedBreakLinesWithSpaces: Record<' ' | '\t', Record<Eol, string[]>>;
  supportedEols: Eol[];
}

// Loaded by path (neither file has type declarations).
const load = async (file: string) => (await import(pathToFileURL(path.join(ROOT, file)).href)) as StringIntern;
const original = await load('node_modules/jsonc-parser/lib/esm/impl/string-intern.js');
const lazy = await load('scripts/jsonc-string-intern.js');

describe('the lazy stand-in for jsonc-parser\'s string-intern tables', () => {
  it('exports the same names', () => {
    expect(Object.keys(lazy).sort()).toEqual(Object.keys(original).sort());
  });

  it('has the same spaces, end-of-line list and, for every indent and end of line, the same 200 strings', () => {
    expect(lazy.cachedSpaces).toEqual(original.cachedSpaces);
    expect(lazy.supportedEols).toEqual(original.supportedEols);
    for (const indent of [' ', '\t'] as const) {
      expect(Object.keys(lazy.cachedBreakLinesWithSpaces[indent])).toEqual(Object.keys(original.cachedBreakLinesWithSpaces[indent]));
      for (const eol of ['\n', '\r', '\r\n'] as const) {
        const table = lazy.cachedBreakLinesWithSpaces[indent][eol];
        expect(table).toEqual(original.cachedBreakLinesWithSpaces[indent][eol]);
        expect(lazy.cachedBreakLinesWithSpaces[indent][eol]).toBe(table); // built once
      }
    }
  });
});
