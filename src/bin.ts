/**
 * The program's entry (dist/cli.js): starts dist/main.js (src/cli.ts) through the code-caching
 * loader. Kept to these few lines so that it, too, costs next to nothing to load.
 */
import { join } from 'node:path';
import { cacheProfileOf } from './command-names.js';
import { createChunkLoader } from './launcher.js';

declare const __PACKED_CHUNKS__: Record<string, string> | undefined;

const packed = typeof __PACKED_CHUNKS__ === 'object' ? __PACKED_CHUNKS__ : {};
createChunkLoader(require, cacheProfileOf(process.argv.slice(2)), __dirname, packed)(join(__dirname, 'main.js'));
