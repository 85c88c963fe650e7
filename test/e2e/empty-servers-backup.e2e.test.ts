/**
 * Issue 18 point 2, the one empty layout setup also writes: `{`, a line break, the key's own
 * indentation, `}`. After setup, a file that had such an empty servers object (or VS Code
 * `inputs` list) and one that had none hold the same bytes, so remove asks the file's oldest
 * backup (the file before this program first changed it) which it was. Built CLI, temp HOME.
 */
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/cli.js';

async function roundTrip(file: string, before: string, args: string[], home: string): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, before);
  const setup = await runCli([...args, '--no-check'], { home });
  expect(setup.exitCode, setup.stderr).toBe(0);
  expect(await readFile(file, 'utf8')).not.toBe(before);
  const removed = await runCli(['remove', ...args.filter((arg) => arg !== '--token-env' && arg !== 'INTERCOM_TOKEN')], { home });
  expect(removed.exitCode, removed.stderr).toBe(0);
  return readFile(file, 'utf8');
}

describe('setup then remove: an empty servers object laid out as setup lays out a new one', () => {
  it.each([
    ['`"mcpServers": {\\n  }` that was there comes back, byte for byte', '{\n  "theme": "dark",\n  "mcpServers": {\n  }\n}\n'],
    ['a file that had no servers object comes back without one', '{\n  "theme": "dark"\n}\n'],
    ['CRLF and tabs: the same', '{\r\n\t"mcpServers": {\r\n\t}\r\n}\r\n'],
  ])('Cursor: %s', async (_case, before) => {
    const home = await tempHome();
    const file = path.join(home, '.cursor', 'mcp.json');
    expect(await roundTrip(file, before, ['--client', 'cursor'], home)).toBe(before);
  });

  it('VS Code with --token-env: the servers object and the `inputs` list, both empty and laid out so, come back', async () => {
    const home = await tempHome();
    const file = path.join(home, '.config', 'Code', 'User', 'mcp.json');
    const before = '{\n  "servers": {\n  },\n  "inputs": [\n  ]\n}\n';
    expect(await roundTrip(file, before, ['--client', 'vscode', '--token-env', 'INTERCOM_TOKEN'], home)).toBe(before);
  });

  it("without the backup (deleted by hand), the layout is taken to be setup's: the object goes", async () => {
    const home = await tempHome();
    const file = path.join(home, '.cursor', 'mcp.json');
    const before = '{\n  "theme": "dark",\n  "mcpServers": {\n  }\n}\n';
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, before);
    expect((await runCli(['--client', 'cursor', '--no-check'], { home })).exitCode).toBe(0);
    const folder = path.dirname(file);
    const backups = (await readdir(folder)).filter((name) => name.endsWith('.bak'));
    expect(backups.length).toBe(1);
    await rm(path.join(folder, backups[0]!));
    expect((await runCli(['remove', '--client', 'cursor'], { home })).exitCode).toBe(0);
    expect(await readFile(file, 'utf8')).toBe('{\n  "theme": "dark"\n}\n');
  });
});

describe('setup then remove on a file that had no servers object, in any layout: the backup says setup made it', () => {
  it.each([
    ['minified', '{"theme":"dark"}'],
    ['one line with spaces', '{ "theme": "dark" }\n'],
    ['tabs, CRLF, a comment', '{\r\n\t// mine\r\n\t"theme": "dark"\r\n}\r\n'],
  ])('%s', async (_layout, before) => {
    const home = await tempHome();
    const file = path.join(home, '.cursor', 'mcp.json');
    expect(await roundTrip(file, before, ['--client', 'cursor'], home)).toBe(before);
  });

  it('VS Code, minified, --token-env: neither the servers object nor the inputs list stays behind', async () => {
    const home = await tempHome();
    const file = path.join(home, '.config', 'Code', 'User', 'mcp.json');
    const before = '{"theme":"dark"}';
    expect(await roundTrip(file, before, ['--client', 'vscode', '--token-env', 'INTERCOM_TOKEN'], home)).toBe(before);
  });
});

describe('YAML: a file that had no servers key comes back without one (the backup says setup made it)', () => {
  it.each([
    ['Goose', 'goose', ['.config', 'goose', 'config.yaml'], 'GOOSE_PROVIDER: openai\nGOOSE_MODEL: gpt-4o # mine\n'],
    ['Goose, CRLF, no final newline', 'goose', ['.config', 'goose', 'config.yaml'], 'GOOSE_PROVIDER: openai\r\nGOOSE_MODEL: gpt-4o'],
    ['Continue', 'continue', ['.continue', 'config.yaml'], 'name: Local Assistant\nversion: 1.0.0\nschema: v1\nmodels: []\n'],
  ])('%s', async (_label, client, parts, before) => {
    const home = await tempHome();
    const file = path.join(home, ...parts);
    expect(await roundTrip(file, before, ['--client', client], home)).toBe(before);
  });

  it('Goose: an extensions key that was there stays, emptied as `extensions: {}`', async () => {
    const home = await tempHome();
    const file = path.join(home, '.config', 'goose', 'config.yaml');
    expect(await roundTrip(file, 'GOOSE_MODEL: gpt-4o\nextensions: {}\n', ['--client', 'goose'], home)).toBe('GOOSE_MODEL: gpt-4o\nextensions: {}\n');
  });
});
