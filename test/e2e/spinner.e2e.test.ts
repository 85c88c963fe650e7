/**
 * The spinner as a person sees it: doctor on a real terminal (util-linux `script` gives the
 * program a pseudo-terminal; stdout goes to a file, so what the terminal shows is stderr alone).
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CLI, cleanEnv, runCli, tempHome } from '../helpers/cli.js';

const execFileAsync = promisify(execFile);
const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/** Runs the CLI with stderr (and stdin) on a pseudo-terminal; returns what the terminal received and stdout. */
async function onTerminal(args: string[], home: string): Promise<{ terminal: string; stdout: string }> {
  const stdoutFile = path.join(home, 'stdout.txt');
  const command = `${[process.execPath, CLI, ...args].map(quote).join(' ')} > ${quote(stdoutFile)}`;
  const env = Object.fromEntries(Object.entries(cleanEnv(home)).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const { stdout } = await execFileAsync('script', ['-qec', command, '/dev/null'], { cwd: home, env, timeout: 20_000 });
  return { terminal: stdout, stdout: await readFile(stdoutFile, 'utf8') };
}

describe('the spinner', () => {
  it('doctor shows it on a terminal while the checks run, and leaves nothing behind', async () => {
    const home = await tempHome();
    const { terminal, stdout } = await onTerminal(['doctor', '--offline'], home);
    expect(terminal).toContain('\r\u001b[2K⠋ Checking your setup…');
    // Cleared: the last thing on the terminal erases the spinner's line.
    expect(terminal.endsWith('\r\u001b[2K')).toBe(true);
    expect(stdout).toMatch(/\[✓\] Node\.js/);
    expect(stdout).not.toContain('Checking your setup');
  });

  it('doctor shows none with --json, nor where stderr is not a terminal', async () => {
    const home = await tempHome();
    expect((await onTerminal(['doctor', '--offline', '--json'], home)).terminal).toBe('');
    const piped = await runCli(['doctor', '--offline'], { home });
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toMatch(/\[✓\] Node\.js/);
  });
});
