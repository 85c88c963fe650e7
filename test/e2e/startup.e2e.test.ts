import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { ROOT, cleanEnv, runCli, tempHome } from '../helpers/cli.js';

/**
 * Start-up stays light: the commands that need neither prompts nor the network never load the
 * prompt library or the network code. A preloaded hook logs every file of ours the process opens
 * (dist/ is CommonJS, loaded by Node's require for cli.js and by the code-caching loader for the
 * rest, both through node:fs); the chunks are told apart by text only they contain.
 */
const HOOK = `
const fs = require('node:fs');
const log = (file) => {
  if (typeof file === 'string' && file.endsWith('.js')) fs.appendFileSync(process.env.IMS_LOADED_LOG, file + '\\n');
};
for (const name of ['openSync', 'readFileSync']) {
  const original = fs[name];
  fs[name] = function (file, ...rest) {
    log(file);
    return original.call(this, file, ...rest);
  };
}
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
  const hook = path.join(home, 'hook.cjs');
  const log = path.join(home, 'loaded.log');
  await writeFile(hook, HOOK);
  await writeFile(log, '');
  const result = await runCli(args, { home, env: { NODE_OPTIONS: `--require ${hook}`, IMS_LOADED_LOG: log } });
  expect(result.exitCode, result.stderr).toBe(0);
  return (await readFile(log, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((url) => path.basename(url));
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

  it('--version loads the entry alone, --help the entry and the help text (no command code)', async () => {
    const commandCode = await chunksContaining('--timeout is a whole number'); // the options parser, with zod
    expect(commandCode.length).toBeGreaterThan(0);
    for (const file of ['cli.js', 'help.js']) {
      expect(await readFile(path.join(ROOT, 'dist', file), 'utf8'), file).not.toContain('--timeout is a whole number');
    }
    expect([...new Set(await loadedBy(['--version']))]).toEqual(['cli.js']);
    expect([...new Set(await loadedBy(['--help']))]).toEqual(['cli.js', 'help.js']);
    expect([...new Set(await loadedBy(['doctor', '--help']))]).toEqual(['cli.js', 'help.js']);
  });

  it('setup, list and remove load the entry and one pack of their code', async () => {
    const packs = (await readdir(path.join(ROOT, 'dist', 'chunks'))).filter((name) => name.startsWith('pack-'));
    expect(packs).toHaveLength(1);
    for (const args of [
      ['list', '--json'],
      ['--client', 'cursor', '--no-check', '--json'],
      ['remove', '--client', 'cursor', '--yes', '--json'],
    ]) {
      expect([...new Set(await loadedBy(args))], args.join(' ')).toEqual(['cli.js', packs[0]]);
    }
  });

  it('only a run that reads a YAML file (Goose, Continue) loads the yaml package', async () => {
    const yaml = await chunksContaining('Implicit keys need to be on a single line'); // an error message of the yaml package
    expect(yaml).toHaveLength(1);
    const packs = (await readdir(path.join(ROOT, 'dist', 'chunks'))).filter((name) => name.startsWith('pack-'));
    expect(await readFile(path.join(ROOT, 'dist', 'chunks', packs[0]!), 'utf8')).not.toContain('Implicit keys need to be on a single line');
    for (const args of [
      ['--client', 'cursor', '--no-check', '--json'],
      ['--client', 'cursor', '--dry-run', '--no-check'],
      ['list', '--json'],
    ]) {
      expect(await loadedBy(args), args.join(' ')).not.toContain(yaml[0]);
    }
    // Goose's file is YAML: setup loads the package and writes the entry into the file.
    const home = await tempHome('ims-startup-');
    await mkdir(path.join(home, '.config', 'goose'), { recursive: true });
    await writeFile(path.join(home, '.config', 'goose', 'config.yaml'), 'extensions:\n  # mine\n  foo:\n    type: stdio\n    cmd: foo\n');
    const hook = path.join(home, 'hook.cjs');
    const log = path.join(home, 'loaded.log');
    await writeFile(hook, HOOK);
    await writeFile(log, '');
    const result = await runCli(['--client', 'goose', '--yes', '--no-check', '--json'], {
      home,
      env: { NODE_OPTIONS: `--require ${hook}`, IMS_LOADED_LOG: log },
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect((await readFile(log, 'utf8')).split('\n').map((file) => path.basename(file))).toContain(yaml[0]);
    const written = await readFile(path.join(home, '.config', 'goose', 'config.yaml'), 'utf8');
    expect(written).toMatch(/^extensions:\n {2}# mine\n {2}foo:\n {4}type: stdio\n {4}cmd: foo\n {2}intercom:\n/);
    expect(written).toContain('uri: https://mcp.intercom.com/mcp');
    // list reads it too (status goes through the same lazy load).
    const list = await runCli(['list', '--json'], { home });
    expect(JSON.parse(list.stdout).clients.find((row: { client: string }) => row.client === 'goose')).toMatchObject({ configured: true });
  });

  it("jsonc-parser's formatter and its tables are in a chunk of their own that setup, remove and list never load", async () => {
    // The formatter's tables of indentation strings: `new Array(20).fill(0).map((_, index) => ' '.repeat(index))` and more.
    const formatter = await chunksContaining('new Array(20).fill(0)');
    expect(formatter).toHaveLength(1);
    expect(formatter[0]).toMatch(/^jsonc-modify-/);
    const packs = (await readdir(path.join(ROOT, 'dist', 'chunks'))).filter((name) => name.startsWith('pack-'));
    expect(await readFile(path.join(ROOT, 'dist', 'chunks', packs[0]!), 'utf8')).not.toContain('new Array(20).fill(0)');
    for (const args of [
      ['--client', 'cursor', '--no-check', '--json'],
      ['--client', 'cursor,claude-code,vscode', '--dry-run', '--no-check'],
      ['remove', '--client', 'cursor', '--yes', '--json'],
      ['list', '--json'],
    ]) {
      expect(await loadedBy(args), args.join(' ')).not.toContain(formatter[0]);
    }
  });

  it('every file of dist/ is ASCII (Node decodes such a file on its fast path, as a one-byte string)', async () => {
    const files = (await readdir(path.join(ROOT, 'dist'), { recursive: true })).filter((name) => name.endsWith('.js'));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const bytes = await readFile(path.join(ROOT, 'dist', file));
      expect(
        bytes.findIndex((byte) => byte > 0x7f),
        file,
      ).toBe(-1);
    }
  });

  it('setup with the connectivity check does load the network code (so the check above can fail)', async () => {
    const network = await chunksContaining('ERR_SSL_WRONG_VERSION_NUMBER');
    const loaded = await loadedBy(['--client', 'cursor', '--url', 'http://127.0.0.1:9/sse', '--timeout', '200']);
    expect(network.some((chunk) => loaded.includes(chunk))).toBe(true);
  });
});

/** The built-in modules a run loaded beyond those node loads for an empty script (process.moduleLoadList at exit), as `NativeModule <name>`. */
async function builtinsLoadedBy(args: string[], setUp: (home: string) => Promise<void> = async () => undefined, expectOutput = '"checks"'): Promise<string[]> {
  const home = await tempHome('ims-startup-');
  await setUp(home);
  const hook = path.join(home, 'hook.cjs');
  const log = path.join(home, 'modules.log');
  await writeFile(hook, "process.on('exit', () => require('node:fs').writeFileSync(process.env.IMS_MODULES_LOG, process.moduleLoadList.join('\\n')));\n");
  const env = { NODE_OPTIONS: `--require ${hook}`, IMS_MODULES_LOG: log };
  const read = async () => (await readFile(log, 'utf8')).split('\n').filter((line) => line.startsWith('NativeModule '));
  // What this node loads for any script (Node 22+ loads crypto before an -e script, not before a file).
  const empty = path.join(home, 'empty.cjs');
  await writeFile(empty, '');
  await execa(process.execPath, [empty], { cwd: home, env: cleanEnv(home, env), extendEnv: false });
  const bare = new Set(await read());
  const result = await runCli(args, { home, env });
  expect(result.exitCode, result.stderr).toBeLessThanOrEqual(1); // 1: doctor found a problem
  expect(result.stdout).toContain(expectOutput);
  return (await read()).filter((name) => !bare.has(name));
}

const NETWORK_AND_CRYPTO = /^NativeModule (?:tls|https?|net|dns|crypto|_http_\w+|_tls_\w+|internal\/(?:crypto|tls|http|dns)\b.*)$/;

describe('doctor --offline sends nothing, so it loads no network or crypto code', () => {
  async function withCursorEntry(home: string): Promise<void> {
    await mkdir(path.join(home, '.cursor'));
    await writeFile(
      path.join(home, '.cursor', 'mcp.json'),
      JSON.stringify({ mcpServers: { intercom: { command: 'npx', args: ['-y', 'mcp-remote', 'https://mcp.intercom.com/sse'] } } }),
    );
  }

  it('doctor --offline --json loads none of tls, http, net, dns, crypto', async () => {
    const loaded = await builtinsLoadedBy(['doctor', '--offline', '--json'], withCursorEntry);
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.filter((name) => NETWORK_AND_CRYPTO.test(name))).toEqual([]);
  });

  it('doctor with the network check does load them (so the check above can fail)', async () => {
    const loaded = await builtinsLoadedBy(['doctor', '--json', '--url', 'http://127.0.0.1:9/sse', '--timeout', '200'], withCursorEntry);
    expect(loaded).toContain('NativeModule net');
    expect(loaded).toContain('NativeModule tls');
  });
});

describe('built-ins a file command does not need stay unloaded', () => {
  it('setup and list load none of node:module, node:os and node:tty when no stream is a terminal', async () => {
    for (const args of [
      ['--client', 'cursor', '--yes', '--no-check', '--json'],
      ['list', '--json'],
    ]) {
      const loaded = await builtinsLoadedBy(
        args,
        async (home) => void (await mkdir(path.join(home, '.cursor'))),
        args[0] === 'list' ? '"clients"' : '"results"',
      );
      expect(loaded.length, args.join(' ')).toBeGreaterThan(0);
      expect(
        loaded.filter((name) => /^NativeModule (?:module|os|tty)$/.test(name)),
        args.join(' '),
      ).toEqual([]);
    }
  });
});

describe('the undo journal hashes small files without node:crypto', () => {
  it('setup writing small files (and their journal) loads no crypto; a large file does load it (so the check can fail)', async () => {
    const small = await builtinsLoadedBy(
      ['--client', 'cursor,claude-code', '--yes', '--no-check', '--json'],
      async (home) => {
        await mkdir(path.join(home, '.cursor'));
      },
      '"results"',
    );
    expect(small.filter((name) => /^NativeModule (?:crypto|internal\/crypto\b.*)$/.test(name))).toEqual([]);
    const large = await builtinsLoadedBy(
      ['--client', 'claude-code', '--yes', '--no-check', '--json'],
      async (home) => {
        await writeFile(path.join(home, '.claude.json'), JSON.stringify({ history: 'x'.repeat(64 * 1024), mcpServers: {} }, null, 2));
      },
      '"results"',
    );
    expect(large).toContain('NativeModule crypto');
  });
});
