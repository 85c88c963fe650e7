/**
 * The second-wave clients through the built CLI: setup --client all on a machine that has them
 * (one --json row per config file, same {client, scope, path, action, backup?, error?} shape),
 * the files they get, list and remove per file, doctor's checks, a dry run of the TOML edit, and
 * refusals that leave the other clients alone.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/cli.js';

const SSE = 'https://mcp.intercom.com/sse';
const HTTP = 'https://mcp.intercom.com/mcp';
const BRIDGE = { command: 'npx', args: ['-y', 'mcp-remote', SSE] };

let home: string;
const at = (...parts: string[]) => path.join(home, ...parts);
const storage = (editor: string, extension: string) => at('.config', editor, 'User', 'globalStorage', extension);

async function write(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8'));
}

type Row = Record<string, string>;
const rows = (stdout: string) => (JSON.parse(stdout) as { results: Row[] }).results;

/** A machine with every second-wave client installed, Cline in two editors, Roo Code in one, and a VS Code profile. */
async function machine(): Promise<void> {
  await mkdir(at('.codex'), { recursive: true });
  await write(at('.gemini', 'settings.json'), '{\n  "theme": "Default"\n}\n');
  await mkdir(at('.config', 'zed'), { recursive: true });
  await mkdir(at('.kiro'), { recursive: true });
  await mkdir(at('.lmstudio'), { recursive: true });
  await mkdir(at('.codeium', 'windsurf-next'), { recursive: true });
  await mkdir(at('.cline', 'data'), { recursive: true });
  await mkdir(storage('Code', 'saoudrizwan.claude-dev'), { recursive: true });
  await mkdir(storage('Cursor', 'saoudrizwan.claude-dev'), { recursive: true });
  await mkdir(storage('Windsurf', 'rooveterinaryinc.roo-cline'), { recursive: true });
  await mkdir(at('.config', 'Code', 'User', 'profiles', '-1a2b3c'), { recursive: true });
  await write(at('.config', 'Code', 'User', 'globalStorage', 'storage.json'), JSON.stringify({ userDataProfiles: [{ location: '-1a2b3c', name: 'Work' }] }));
}

const FILES: Array<[string, string[]]> = [
  ['vscode', ['.config', 'Code', 'User', 'mcp.json']],
  ['vscode', ['.config', 'Code', 'User', 'profiles', '-1a2b3c', 'mcp.json']],
  ['gemini-cli', ['.gemini', 'settings.json']],
  ['codex', ['.codex', 'config.toml']],
  ['zed', ['.config', 'zed', 'settings.json']],
  ['cline', ['.cline', 'data', 'settings', 'cline_mcp_settings.json']],
  ['cline', ['.config', 'Code', 'User', 'globalStorage', 'saoudrizwan.claude-dev', 'settings', 'cline_mcp_settings.json']],
  ['cline', ['.config', 'Cursor', 'User', 'globalStorage', 'saoudrizwan.claude-dev', 'settings', 'cline_mcp_settings.json']],
  ['roo-code', ['.config', 'Windsurf', 'User', 'globalStorage', 'rooveterinaryinc.roo-cline', 'settings', 'mcp_settings.json']],
  ['kiro', ['.kiro', 'settings', 'mcp.json']],
  ['lm-studio', ['.lmstudio', 'mcp.json']],
  ['windsurf-next', ['.codeium', 'windsurf-next', 'mcp_config.json']],
];

beforeEach(async () => {
  home = await tempHome('ims-more-e2e-');
});

describe('setup, list and remove across the second-wave clients', () => {
  it('--client all: one row per config file, the files each client reads, then unchanged', async () => {
    await machine();
    const first = await runCli(['--client', 'all', '--json', '--no-check'], { home });
    expect(first.stderr).toBe('');
    expect(first.exitCode).toBe(0);
    // Cursor and Windsurf themselves are not detected (no ~/.cursor, no ~/.codeium/windsurf): only
    // the extensions in their user data are.
    const expected = FILES.map(([client, parts]) => ({ client, scope: 'user', path: at(...parts), action: parts.includes('.gemini') ? 'updated' : 'created' }));
    expect(rows(first.stdout).map(({ backup: _backup, ...row }) => row)).toEqual(expected);

    expect(await readJson(at('.gemini', 'settings.json'))).toEqual({ theme: 'Default', mcpServers: { intercom: BRIDGE } });
    expect(await readFile(at('.codex', 'config.toml'), 'utf8')).toBe(`[mcp_servers.intercom]\ncommand = "npx"\nargs = ["-y", "mcp-remote", "${SSE}"]\n`);
    expect(await readJson(at('.config', 'zed', 'settings.json'))).toEqual({ context_servers: { intercom: BRIDGE } });
    expect(await readJson(at('.config', 'Code', 'User', 'profiles', '-1a2b3c', 'mcp.json'))).toEqual({ servers: { intercom: { type: 'stdio', ...BRIDGE } } });
    for (const [client, parts] of FILES.filter(([id]) => ['roo-code', 'kiro', 'lm-studio', 'windsurf-next'].includes(id))) {
      expect(await readJson(at(...parts)), client).toEqual({ mcpServers: { intercom: BRIDGE } });
    }
    // Cline signs in itself, and its CLI would run a bare bridge as Streamable HTTP to /sse.
    for (const [client, parts] of FILES.filter(([id]) => id === 'cline')) {
      expect(await readJson(at(...parts)), client).toEqual({ mcpServers: { intercom: { type: 'sse', url: SSE } } });
    }

    const second = await runCli(['--client', 'all', '--json', '--no-check'], { home });
    expect(rows(second.stdout).map((row) => row.action)).toEqual(FILES.map(() => 'unchanged'));

    const list = await runCli(['list', '--json'], { home });
    const listed = (JSON.parse(list.stdout) as { clients: Array<Record<string, unknown>> }).clients;
    for (const [client, parts] of FILES) {
      expect(listed).toContainEqual({ client, detected: true, path: at(...parts), configured: true, correct: true });
    }
    expect(listed.filter((row) => row.client === 'cline')).toHaveLength(3);

    const removed = await runCli(['remove', '--client', 'cline,roo-code,codex,vscode', '--json'], { home });
    expect(removed.exitCode).toBe(0);
    expect(rows(removed.stdout).map((row) => [row.client, row.action])).toEqual([
      ['cline', 'removed'],
      ['cline', 'removed'],
      ['cline', 'removed'],
      ['roo-code', 'removed'],
      ['codex', 'removed'],
      ['vscode', 'removed'],
      ['vscode', 'removed'],
    ]);
    expect(await readFile(at('.codex', 'config.toml'), 'utf8')).toBe('');
    expect(await readJson(at('.config', 'Cursor', 'User', 'globalStorage', 'saoudrizwan.claude-dev', 'settings', 'cline_mcp_settings.json'))).toEqual({});
  });

  it('shows the TOML edit in a dry run and writes nothing', async () => {
    await write(at('.codex', 'config.toml'), '# mine\nmodel = "o3"\n');
    const result = await runCli(['--client', 'codex', '--native', '--transport', 'http', '--dry-run'], { home });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/Codex +will update +~\/\.codex\/config\.toml/);
    expect(result.stdout).toContain('+ [mcp_servers.intercom]');
    expect(result.stdout).toContain(`+ url = "${HTTP}"`);
    expect(await readFile(at('.codex', 'config.toml'), 'utf8')).toBe('# mine\nmodel = "o3"\n');
  });

  it('a broken file fails with file:line:column, byte-identical, and the other clients proceed', async () => {
    const broken = '{\n  "theme": "One Dark"\n  "context_servers": {}\n}\n';
    await write(at('.config', 'zed', 'settings.json'), broken);
    const result = await runCli(['--client', 'zed,kiro', '--json', '--no-check'], { home });
    expect(result.exitCode).toBe(1);
    const [zed, kiro] = rows(result.stdout);
    expect(zed).toMatchObject({ client: 'zed', action: 'failed', error: expect.stringMatching(/settings\.json:3:3: expected a comma/) });
    expect(kiro).toMatchObject({ client: 'kiro', action: 'created' });
    expect(await readFile(at('.config', 'zed', 'settings.json'), 'utf8')).toBe(broken);
  });

  it('writes each native entry as its client documents it', async () => {
    const result = await runCli(['--client', 'kiro,lm-studio,windsurf-next,zed', '--native', '--transport', 'http', '--json', '--no-check'], { home });
    expect(result.exitCode).toBe(0);
    expect(await readJson(at('.kiro', 'settings', 'mcp.json'))).toEqual({ mcpServers: { intercom: { url: HTTP } } });
    expect(await readJson(at('.lmstudio', 'mcp.json'))).toEqual({ mcpServers: { intercom: { url: HTTP } } });
    expect(await readJson(at('.codeium', 'windsurf-next', 'mcp_config.json'))).toEqual({ mcpServers: { intercom: { serverUrl: HTTP } } });
    expect(await readJson(at('.config', 'zed', 'settings.json'))).toEqual({ context_servers: { intercom: { url: HTTP } } });
  });

  it('Roo Code keeps the bridge under --native and says why; project scope writes .roo/mcp.json', async () => {
    const project = at('project');
    await mkdir(project, { recursive: true });
    const result = await runCli(['--client', 'roo-code', '--scope', 'project', '--native', '--no-check'], { home, cwd: project });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Roo Code cannot sign in to a remote server itself (no OAuth)');
    expect(await readJson(path.join(project, '.roo', 'mcp.json'))).toEqual({ mcpServers: { intercom: BRIDGE } });
  });

  it('says where Cline would go when no editor has it, and exits 0 with nothing written', async () => {
    const result = await runCli(['--client', 'cline', '--json', '--no-check'], { home });
    expect(result.exitCode).toBe(0);
    expect(rows(result.stdout)).toEqual([{ client: 'cline', scope: 'user', path: '', action: 'skipped' }]);
    const text = await runCli(['--client', 'cline', '--no-check'], { home });
    expect(text.stdout).toContain('Cline was not found');
  });

  it("doctor checks the new clients' entries", async () => {
    await machine();
    await runCli(['--client', 'codex,gemini-cli,zed', '--no-check'], { home });
    await write(at('.kiro', 'settings', 'mcp.json'), JSON.stringify({ mcpServers: { intercom: { serverUrl: SSE, type: 'Command' } } }));
    const result = await runCli(['doctor', '--offline', '--json', '--client', 'codex,gemini-cli,zed,kiro'], { home });
    const checks = (JSON.parse(result.stdout) as { checks: Array<{ id: string; status: string; message: string }> }).checks;
    for (const id of ['codex', 'gemini-cli', 'zed']) expect(checks).toContainEqual(expect.objectContaining({ id: `client.${id}.entry`, status: 'pass' }));
    expect(checks).toContainEqual(expect.objectContaining({ id: 'client.kiro.entry', status: 'fail' }));
  });
});
