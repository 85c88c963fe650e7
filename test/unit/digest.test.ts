import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Sha256, sha256Digest, sha256OfText } from '../../src/engine/digest.js';
import { propertySeed } from '../helpers/property-seed.js';

const SEED = propertySeed(20_261_206);

const native = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The JavaScript SHA-256 itself (a run uses it for its first few kB only). */
function inJs(parts: readonly Uint8Array[]): string {
  const hash = new Sha256();
  for (const part of parts) hash.update(part);
  return hash.digest();
}

function digestOf(parts: readonly Uint8Array[]): string {
  const digest = sha256Digest();
  for (const part of parts) digest.update(part);
  return digest.value();
}

/**
 * The journal's SHA-256 is computed in JavaScript for a small file (node:crypto is loaded only
 * for a large one: docs/performance.md); both must give node:crypto's value for every input.
 */
describe('the SHA-256 of the journal', () => {
  it('gives the FIPS 180-4 values, in JavaScript and through sha256Digest and sha256OfText', () => {
    expect(inJs([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(inJs([Buffer.from('abc')])).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(inJs([Buffer.from('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')])).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(digestOf([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256OfText('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256OfText('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256OfText('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('equals node:crypto at every length around the block and padding edges, in JavaScript and as a run hashes (JavaScript, then node:crypto)', () => {
    const bytes = Uint8Array.from({ length: 70 * 1024 }, (_, i) => (i * 131 + 7) & 0xff);
    for (const length of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4096, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 70 * 1024]) {
      const part = bytes.subarray(0, length);
      expect(inJs([part]), `${length} bytes`).toBe(native(part));
      expect(inJs([part.subarray(0, length >> 1), part.subarray(length >> 1)]), `${length} bytes in two parts`).toBe(native(part));
      expect(digestOf([part]), `${length} bytes`).toBe(native(part));
      expect(sha256OfText(Buffer.from(part).toString('latin1')), `${length} latin1 bytes as text`).toBe(
        native(Buffer.from(Buffer.from(part).toString('latin1'), 'utf8')),
      );
    }
  });

  it('equals node:crypto for any bytes in any parts', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 6 }), (parts) => {
        expect(inJs(parts)).toBe(native(Buffer.concat(parts)));
      }),
      { seed: SEED, numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        expect(sha256OfText(text)).toBe(native(Buffer.from(text, 'utf8')));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
