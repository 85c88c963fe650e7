import type { Digest } from '../config/files.js';
import { nodeRequire } from '../ui/node-require.js';

type Crypto = typeof import('node:crypto');

/** node:crypto, loaded by the first run that writes a file (a run that writes nothing never needs it). */
let crypto: Crypto | undefined;

/** A SHA-256 the safe writer feeds the bytes it writes (WriteOptions.digest). */
export function sha256Digest(): Digest {
  const hash = (crypto ??= nodeRequire('node:crypto') as Crypto).createHash('sha256');
  return {
    update: (bytes) => void hash.update(bytes),
    value: () => hash.digest('hex'),
  };
}

/** SHA-256 of a text's UTF-8 bytes, in hex: the same value the writer gives for those bytes. */
export function sha256OfText(text: string): string {
  return (crypto ??= nodeRequire('node:crypto') as Crypto).createHash('sha256').update(text, 'utf8').digest('hex');
}
