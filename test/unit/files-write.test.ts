import fc from 'fast-check';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { timestamp, updateConfigFile, WRITE_CHUNK } from '../../src/config/files.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Writes `text` over a small config in a fresh folder; returns the result and the bytes on disk. */
async function writeOverSmallFile(text: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ims-write-'));
  dirs.push(dir);
  const file = path.join(dir, 'big.json');
  await writeFile(file, '{}\n');
  const result = await updateConfigFile(file, () => text, { newFileMode: 0o600 });
  return { result, bytes: await readFile(file) };
}

describe('writing a large file', () => {
  it('writes every byte across chunks, with astral and multi-byte characters on the chunk edges', async () => {
    const chunk = WRITE_CHUNK;
    // A surrogate pair straddles the first chunk edge; 3-byte and 2-byte characters fill the next
    // chunks (more bytes than characters); an astral character sits at the second edge too.
    const text = `{"a":"${'x'.repeat(chunk - 7)}\u{1F600}${'€'.repeat(chunk - 2)}\u{1F680}${'é'.repeat(chunk)}"}\n`;
    const { result, bytes } = await writeOverSmallFile(text);
    expect(result.kind).toBe('written');
    expect(bytes.length).toBe(Buffer.byteLength(text));
    expect(bytes.equals(Buffer.from(text, 'utf8'))).toBe(true);
  });

  it('a chunk of 3-byte characters that ends on a surrogate pair (its most bytes) is written whole', async () => {
    const chunk = WRITE_CHUNK;
    const text = `${'€'.repeat(chunk - 1)}\u{1F600}${'€'.repeat(chunk)}`;
    const { bytes } = await writeOverSmallFile(text);
    expect(bytes.equals(Buffer.from(text, 'utf8'))).toBe(true);
  });
});

describe('backup timestamps', () => {
  it('are toISOString without its punctuation, for any time from 1970 to 9999 (names sort in time order)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(0), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), (date) => {
        expect(timestamp(date)).toBe(date.toISOString().replace(/[-:]/g, '').replace('.', '-'));
      }),
      { numRuns: 2000 },
    );
    const earlier = timestamp(new Date('2026-02-09T23:59:59.999Z'));
    const later = timestamp(new Date('2026-11-10T00:00:00.000Z'));
    expect([later, earlier].sort()).toEqual([earlier, later]);
  });
});
