import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempHome } from '../helpers/cli.js';

/**
 * Start-up stays light: the commands that need neither prompts nor the network never load the
 * prompt library or the network code. A module hook logs every module the CLI resolves; the
 * chunks are told apart by text only they contain.
 */
const HOOK = `
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.IMS_LOADED_LOG, result.url + '\\\\n');
  return result;
}\`));
`;

async function chunksContaining(marker: string): Promise<string[]> {
  const dir = path.join(ROOT, 'dist', 'chunks');
  const names = await readdir(dir);
  const found: string[] = [];
  for (const name of names) if ((await readFile(path.join(dir, name), 'utf8')).includes(marker)) found.push(name);
  return found;
}

async function loadedBy(args: string[]): Promise<string[]> {
  const home = await tempHome('ims-startup-');
  const hook = path.join(home, 'hook.mjs');
  const log = path.join(home, 'loaded.log');
  await writeFile(hook, HOOK);
  await writeFile(log, '');
  const result = await runCli(args, { home, env: { NODE_OPTIONS: `--import ${hook}`, IMS_LOADED_LOG: log } });
  expect(result.exitCode, result.stderr).toBe(0);
  return (await readFile(log, 'utf8')).split('\n').filter(Boolean).map((url) => path.basename(url));
}

describe('what each command loads', () => {
  it.each([
    [['--version']],
    [['--help']],
    [['list', '--json']],
    [['--client', 'cursor', '--no-check', '--json']],
    [['--client', 'cursor', '--dry-run', '--no-check']],
  ])('%j loads neither the prompt library nor the network code', async (args) => {
    const prompts = await chunksContaining('clack:cancel');
    const network = await chunksContaining('ERR_SSL_WRONG_VERSION_NUMBER');
    expect(prompts.length).toBeGreaterThan(0);
    expect(network.length).toBeGreaterThan(0);
    const loaded = await loadedBy(args);
    expect(loaded).toContain('cli.js');
    for (const chunk of [...prompts, ...network]) expect(loaded).not.toContain(chunk);
  });

  it('--version and --help load nothing but cli.js', async () => {
    expect((await loadedBy(['--version'])).filter((name) => name.endsWith('.js'))).toEqual(['cli.js']);
    expect((await loadedBy(['--help'])).filter((name) => name.endsWith('.js'))).toEqual(['cli.js']);
  });

  it('setup with the connectivity check does load the network code (so the check above can fail)', async () => {
    const network = await chunksContaining('ERR_SSL_WRONG_VERSION_NUMBER');
    const loaded = await loadedBy(['--client', 'cursor', '--url', 'http://127.0.0.1:9/sse', '--timeout', '200']);
    expect(network.some((chunk) => loaded.includes(chunk))).toBe(true);
  });
});
