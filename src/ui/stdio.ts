/**
 * stdout and stderr for Output without touching `process.stdout` until a terminal needs it.
 * Node builds that object lazily, and building it loads its stream stack (net, stream, tty): more
 * than some commands take in all (the A/B is in docs/performance.md). A pipe or a file is written with
 * fs.writeSync instead: synchronous, as Node's own stream is for files (for pipes Node's is
 * asynchronous on POSIX), so nothing is lost or reordered when the process exits. Every write
 * of a run goes through here (Output), so the two never interleave.
 */
import { fstatSync, statSync, writeSync } from 'node:fs';
import { nodeRequire } from '../core/node-require.js';
import type { Streams } from './output.js';

type StdStream = Streams['stdout'];

let devNull: number | undefined;
/** Set once a write of this module went to Node's own stream (a terminal, or a full pipe). */
let nodeStreamUsed = false;

/**
 * Whether file descriptor `fd` is a terminal, without creating process.stdin/stdout. node:tty
 * answers, but loading it loads node:net and the stream stack, so what fstat already rules out (a
 * pipe, a file, a socket, /dev/null) is answered without it.
 */
export function isTerminal(fd: number): boolean {
  let stats;
  try {
    stats = fstatSync(fd);
  } catch {
    return false; // closed
  }
  if (!stats.isCharacterDevice()) return false;
  if (process.platform !== 'win32') {
    try {
      devNull ??= statSync('/dev/null').rdev;
      if (stats.rdev === devNull) return false;
    } catch {
      // no /dev/null: ask node:tty
    }
  }
  return (nodeRequire('node:tty') as typeof import('node:tty')).isatty(fd);
}

function fdStream(fd: 1 | 2, nodeStream: () => NodeJS.WriteStream): StdStream {
  const terminal = isTerminal(fd);
  let stream: NodeJS.WriteStream | undefined = undefined;
  return {
    isTTY: terminal,
    get columns() {
      return terminal ? nodeStream().columns : undefined;
    },
    write(text: string) {
      if (terminal || stream) {
        nodeStreamUsed = true;
        (stream ??= nodeStream()).write(text);
        return true;
      }
      let rest = Buffer.from(text);
      while (rest.length > 0) {
        try {
          rest = rest.subarray(writeSync(fd, rest));
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          // A reader that stopped reading (`| head -1`): nothing left to tell it.
          if (code === 'EPIPE') return false;
          // A non-blocking pipe that is full: Node's stream queues and waits; it is used from now on, so
          // nothing written later can overtake what it queued.
          if (code === 'EAGAIN') {
            nodeStreamUsed = true;
            stream = nodeStream();
            stream.write(rest);
            return false;
          }
          throw error;
        }
      }
      return true;
    },
  };
}

let streams: Streams | undefined;

/**
 * Whether every write of this module is out already: each went to its file descriptor with
 * fs.writeSync, none to Node's stream, whose writes can still be queued (a full pipe, a terminal
 * on Windows). Then the process may end with process.exit (src/bin.ts).
 */
export function everyWriteIsOut(): boolean {
  return !nodeStreamUsed;
}

/**
 * The process's stdout and stderr as Output writes them: one pair per module instance, so every
 * write of a run goes through the same writer. dist/cli.js has a copy of this module of its own,
 * for what the entry answers alone (--version, --help: the program's own texts) and so for runs
 * that load no command; the commands use the bundle's.
 */
export function processStreams(): Streams {
  return (streams ??= {
    stdout: fdStream(1, () => process.stdout),
    stderr: fdStream(2, () => process.stderr),
  });
}
