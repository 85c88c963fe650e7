/**
 * The program's entry (dist/cli.js): answers --version itself (src/cli/main.ts), loads dist/help.js
 * for --help, and the rest of the bundle (dist/run.js and its chunks) through the code-caching loader.
 * Kept to these few files so that it, too, costs next to nothing to load.
 */
import { join } from 'node:path';
import { main } from './cli/main.js';
import { cacheProfileOf } from './cli/command-names.js';
import { createChunkLoader } from './startup/launcher.js';
import { maskTokenShapes } from './core/token-shapes.js';

declare const __PACKED_CHUNKS__: Record<string, string> | undefined;

const packed = typeof __PACKED_CHUNKS__ === 'object' ? __PACKED_CHUNKS__ : {};
const argv = process.argv.slice(2);
const load = createChunkLoader(require, cacheProfileOf(argv), __dirname, packed);

let runModule: typeof import('./cli/run.js') | undefined;
const run = () => (runModule ??= load(join(__dirname, 'run.js')) as typeof import('./cli/run.js'));

main(argv, {
  run,
  // Node's own require: the help text is one small file, which a code cache made slower (docs/performance.md).
  help: () => require(join(__dirname, 'help.js')) as typeof import('./cli/help.js'),
}).then(
  (code) => {
    process.exitCode = code;
    // Everything the command started is done, and every line is out: ending here skips Node's
    // teardown of the environment and the heap, which a setup measurably waits for
    // (docs/performance.md, "process.exit"). Not after a write to Node's own stream, which may
    // still be queued (a terminal on Windows, a full pipe), nor for --version and --help (no
    // command ran).
    if (runModule?.everyWriteIsOut()) process.exit(code);
  },
  (error: unknown) => {
    try {
      // Said through Output, masked and wrapped like every other line.
      process.exitCode = run().unexpected(error);
    } catch {
      // dist/run.js itself cannot be loaded: its first line, with what has a credential's shape masked.
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`intercom-mcp-setup: unexpected error: ${maskTokenShapes(message.split('\n')[0]!)}\n`);
      process.exitCode = 1;
    }
  },
);
