/**
 * The program's entry (dist/cli.js): starts dist/main.js (src/cli.ts) through the code-caching
 * loader. Kept to these few lines so that it, too, costs next to nothing to load.
 */
import path from 'node:path';
import { commandOf } from './command-names.js';
import { createChunkLoader } from './launcher.js';

createChunkLoader(require, commandOf(process.argv.slice(2)), __dirname)(path.join(__dirname, 'main.js'));
