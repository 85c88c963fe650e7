import fc from 'fast-check';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { timestamp, updateConfigFile, WRITE_CHUNK, type SplicedText } from '../../src/config/files.js';
import { sha256Digest } from '../../src/engine/digest.js';
import { propertySeed } from '../helpers/property-seed.js';

const SEED = propertySeed(20_261_206);

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

describe('writing a large text given as its parts (a splice of the file as read)', () => {
  /** Writes `next` over a small config; the bytes on disk and the digest the writer reported. */
  async function writeParts(next: string | SplicedText) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ims-parts-'));
    dirs.push(dir);
    const file = path.join(dir, 'big.json');
    await writeFile(file, '{}\n');
    const result = await updateConfigFile(file, () => next, { newFileMode: 0o600, digest: sha256Digest });
    return { bytes: await readFile(file), digest: result.written?.digest };
  }
  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  const chunk = WRITE_CHUNK;

  it('writes the text part by part: the same bytes and digest as the whole text, astral and multi-byte characters on the edges', async () => {
    // Parts of odd sizes: a part ends inside what would be a chunk of the whole text, a chunk edge
    // of a part falls on a surrogate pair, and an empty part.
    const parts = [
      `{"a":"${'x'.repeat(chunk - 7)}\u{1F600}${'€'.repeat(100)}`,
      '',
      `${'é'.repeat(chunk + 3)}\u{1F680}`,
      `${'€'.repeat(chunk - 1)}\u{1F600}"}\n`,
    ];
    const text = parts.join('');
    const { bytes, digest } = await writeParts({ text, parts });
    expect(bytes.equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(digest).toBe(sha256(bytes));
  });

  it('a part that ends halfway through a surrogate pair: the text is written whole instead (each half alone would become U+FFFD)', async () => {
    const text = `${'x'.repeat(chunk + 10)}\u{1F600}${'y'.repeat(10)}`;
    const cut = chunk + 11; // between the two halves of the pair
    const { bytes } = await writeParts({ text, parts: [text.slice(0, cut), text.slice(cut)] });
    expect(bytes.equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(bytes.toString('utf8')).not.toContain('\uFFFD');
  });

  it('parts that do not add up to the text are not used: the text is written', async () => {
    const text = `{"a":"${'x'.repeat(2 * chunk)}"}\n`;
    const { bytes } = await writeParts({ text, parts: [text.slice(0, chunk), 'stale', text.slice(chunk)] });
    expect(bytes.equals(Buffer.from(text, 'utf8'))).toBe(true);
  });
});

describe('backup timestamps', () => {
  it('are toISOString without its punctuation, for any time from 1970 to 9999 (names sort in time order)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(0), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), (date) => {
        expect(timestamp(date)).toBe(date.toISOString().replace(/[-:]/g, '').replace('.', '-'));
      }),
      { seed: SEED, numRuns: 2000 },
    );
    const earlier = timestamp(new Date('2026-02-09T23:59:59.999Z'));
    const later = timestamp(new Date('2026-11-10T00:00:00.000Z'));
    expect([later, earlier].sort()).toEqual([earlier, later]);
  });
});
