import { Writable } from 'node:stream';

/**
 * Node 20's styleText (used by the prompt library) ignores NO_COLOR, so when colour is off the
 * prompts write through this stream, which drops colour codes and keeps cursor movement.
 */
export function colourlessStdout(): Writable {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      process.stdout.write(String(chunk).replace(/\u001b\[[0-9;]*m/g, ''), done);
    },
  }) as Writable & { columns?: number; rows?: number; isTTY?: boolean };
  Object.defineProperty(stream, 'columns', { get: () => process.stdout.columns });
  Object.defineProperty(stream, 'rows', { get: () => process.stdout.rows });
  stream.isTTY = true;
  process.stdout.on('resize', () => stream.emit('resize'));
  return stream;
}
