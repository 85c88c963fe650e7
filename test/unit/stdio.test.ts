/**
 * src/ui/stdio.ts: output written with fs.writeSync must arrive whole and in order whatever stdout
 * is: a file, /dev/null, a pipe nobody reads for a while, a non-blocking pipe that fills up
 * (EAGAIN: the rest goes through Node's stream), and a reader that goes away (EPIPE: quiet).
 * The module runs in a child process whose stdout is each of these.
 */
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

let dir: string;
let script: string;

// 3000 numbered lines, about 200 kB: more than a pipe holds (64 kB), in writes of mixed sizes.
const CHILD = `
import { everyWriteIsOut, isTerminal, processStreams } from '${path.join(ROOT, 'src/ui/stdio.ts')}';
const { stdout, stderr } = processStreams();
stderr.write(JSON.stringify({ stdoutIsTerminal: isTerminal(1), stdinIsTerminal: isTerminal(0) }) + '\\n');
for (let i = 0; i < 3000; i++) stdout.write(\`line \${i} \${'x'.repeat(i % 97)}\\n\`);
stderr.write('done ' + JSON.stringify({ everyWriteIsOut: everyWriteIsOut() }) + '\\n');
// As src/bin.ts ends a run: at once when every write is out, else when Node's streams are done.
if (everyWriteIsOut()) process.exit(0);
`;

function expectedOutput(): string {
  let text = '';
  for (let i = 0; i < 3000; i++) text += `line ${i} ${'x'.repeat(i % 97)}\n`;
  return text;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ims-stdio-'));
  const entry = path.join(dir, 'child.ts');
  await import('node:fs/promises').then((fs) => fs.writeFile(entry, CHILD));
  script = path.join(dir, 'child.cjs');
  await build({ entryPoints: [entry], outfile: script, bundle: true, platform: 'node', format: 'cjs', logLevel: 'error' });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function run(stdout: 'pipe' | number): { child: ReturnType<typeof spawn>; stderr: Promise<string> } {
  const child = spawn(process.execPath, [script], { stdio: ['ignore', stdout, 'pipe'] });
  const stderr = new Promise<string>((resolve) => {
    let text = '';
    child.stderr!.on('data', (chunk) => (text += chunk));
    child.on('close', () => resolve(text));
  });
  return { child, stderr };
}

describe('stdout without process.stdout', () => {
  it('a file: everything, in order; not a terminal', async () => {
    const file = path.join(dir, 'out.txt');
    const fd = openSync(file, 'w');
    const { stderr } = run(fd);
    closeSync(fd);
    const log = await stderr;
    expect(JSON.parse(log.split('\n')[0]!)).toEqual({ stdoutIsTerminal: false, stdinIsTerminal: false });
    expect(log).toContain('done {"everyWriteIsOut":true}');
    expect(await readFile(file, 'utf8')).toBe(expectedOutput());
  });

  it('/dev/null is not a terminal', async () => {
    const fd = openSync('/dev/null', 'w');
    const { stderr } = run(fd);
    closeSync(fd);
    expect(JSON.parse((await stderr).split('\n')[0]!).stdoutIsTerminal).toBe(false);
  });

  it('a pipe read late: everything, in order', async () => {
    const { child, stderr } = run('pipe');
    await new Promise((resolve) => setTimeout(resolve, 300)); // the pipe fills and the writer waits
    let text = '';
    child.stdout!.on('data', (chunk) => (text += chunk));
    expect(await stderr).toContain('done {"everyWriteIsOut":true}');
    expect(text).toBe(expectedOutput());
  });

  it("a non-blocking pipe that fills up (EAGAIN): the rest goes through Node's stream, nothing lost or reordered", async () => {
    // Node's spawn makes a child's stdio blocking, so python3 starts the child: its stdout is the
    // write end of a pipe set O_NONBLOCK, not read for 300 ms, so the child's writeSync meets EAGAIN.
    const parent = `
import os, subprocess, sys, time
r, w = os.pipe()
os.set_blocking(w, False)
child = subprocess.Popen([sys.argv[1], sys.argv[2]], stdout=w, stderr=subprocess.PIPE)
os.close(w)
time.sleep(0.3)
data = b''
while True:
    chunk = os.read(r, 65536)
    if not chunk:
        break
    data += chunk
err = child.stderr.read()
child.wait()
sys.stdout.buffer.write(data)
sys.stderr.buffer.write(err)
sys.exit(child.returncode)
`;
    const result = await new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const python = spawn('python3', ['-c', parent, process.execPath, script], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      python.stdout.on('data', (chunk) => (out += chunk));
      python.stderr.on('data', (chunk) => (err += chunk));
      python.on('close', (code) => resolve({ code, out, err }));
    });
    expect(result.code, result.err).toBe(0);
    // Part of the output went through Node's stream, so the run does not end with process.exit,
    // which would drop what that stream still holds: all of it arrives.
    expect(result.err).toContain('done {"everyWriteIsOut":false}');
    expect(result.out).toBe(expectedOutput());
  });

  it('a reader that goes away (| head -1): exits quietly, no EPIPE error', async () => {
    const { child, stderr } = run('pipe');
    child.stdout!.once('data', () => child.stdout!.destroy());
    const log = await stderr;
    expect(child.exitCode).toBe(0);
    expect(log).not.toMatch(/EPIPE|Error/);
  });
});
