/**
 * The third-wave clients through the built CLI: setup --client all on a machine that has them
 * (the files each one reads, then unchanged), list --json and doctor knowing them, remove taking
 * out only our entry, and the fixes (Cline native, Codex project scope with its trust step).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/cli.js';

const SSE = 'https://mcp.intercom.com/sse';
const HTTP = 'https://mcp.intercom.com/mcp';
const BRIDGE = { command: 'npx', args: ['-y', 'mcp-remote', SSE] };
const STDIO_BRIDGE = { type: 'stdio', ...BRIDGE };

let home: string;
const at = (...parts: string[]) => path.join(home, ...parts);

async function write(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

const readJson = async (file: string): Promise<unknown> => JSON.parse(await readFile(file, 'utf8'));
type Row = Record<string, string>;
const rows = (stdout: string) => (JSON.parse(stdout) as { results: Row[] }).results;

/** Each client's file, and what the default run writes there. */
const FILES: Array<[string, string[], unknown]> = [
  ['devin', ['.config', 'devin', 'config.json'], { mcpServers: { intercom: BRIDGE } }],
  ['opencode', ['.config', 'opencode', 'opencode.json'], { mcp: { intercom: { type: 'local', command: ['npx', '-y', 'mcp-remote', SSE] } } }],
  ['copilot-cli', ['.copilot', 'mcp-config.json'], { mcpServers: { intercom: { type: 'sse', url: SSE } } }],
  ['qwen-code', ['.qwen', 'settings.json'], { mcpServers: { intercom: BRIDGE } }],
  ['kilo-code', ['.config', 'kilo', 'kilo.json'], { mcp: { intercom: { type: 'local', command: ['npx', '-y', 'mcp-remote', SSE] } } }],
  ['auggie', ['.augment', 'settings.json'], { mcpServers: { intercom: STDIO_BRIDGE } }],
  ['droid', ['.factory', 'mcp.json'], { mcpServers: { intercom: STDIO_BRIDGE } }],
  ['amp', ['.config', 'amp', 'settings.json'], { 'amp.mcpServers': { intercom: BRIDGE } }],
  ['crush', ['.config', 'crush', 'crush.json'], { mcp: { intercom: STDIO_BRIDGE } }],
  ['junie', ['.junie', 'mcp', 'mcp.json'], { mcpServers: { intercom: BRIDGE } }],
  ['warp', ['.warp', '.mcp.json'], { mcpServers: { intercom: BRIDGE } }],
  ['antigravity', ['.gemini', 'antigravity', 'mcp_config.json'], { mcpServers: { intercom: BRIDGE } }],
];

async function machine(): Promise<void> {
  for (const folder of [
    ['.config', 'devin'],
    ['.config', 'opencode'],
    ['.copilot'],
    ['.qwen'],
    ['.config', 'kilo'],
    ['.augment'],
    ['.factory'],
    ['.config', 'amp'],
    ['.config', 'crush'],
    ['.junie'],
    ['.warp'],
    ['.gemini', 'antigravity'],
  ]) {
    await mkdir(at(...folder), { recursive: true });
  }
}

beforeEach(async () => {
  home = await tempHome('ims-third-e2e-');
});

describe('setup, list, doctor and remove across the third-wave clients', () => {
  it('--client all: the file each client reads, then unchanged; list and doctor know them; remove gives the files back', async () => {
    await machine();
    await write(at('.warp', '.mcp.json'), '{\n  "mcpServers": {\n    "linear": { "url": "https://mcp.linear.app/mcp" }\n  }\n}\n');
    const first = await runCli(['--client', 'all', '--json', '--no-check'], { home });
    expect(first.stderr).toBe('');
    expect(first.exitCode).toBe(0);
    expect(rows(first.stdout).map(({ backup: _backup, ...row }) => row)).toEqual(
      FILES.map(([client, parts]) => ({ client, scope: 'user', path: at(...parts), action: client === 'warp' ? 'updated' : 'created' })),
    );
    for (const [client, parts, content] of FILES) {
      if (client === 'warp') continue;
      expect(await readJson(at(...parts)), client).toEqual(content);
    }
    expect(await readJson(at('.warp', '.mcp.json'))).toEqual({ mcpServers: { linear: { url: 'https://mcp.linear.app/mcp' }, intercom: BRIDGE } });

    const second = await runCli(['--client', 'all', '--json', '--no-check'], { home });
    expect(rows(second.stdout).map((row) => row.action)).toEqual(FILES.map(() => 'unchanged'));

    const list = await runCli(['list', '--json'], { home });
    const listed = (JSON.parse(list.stdout) as { clients: Array<Record<string, unknown>> }).clients;
    for (const [client, parts] of FILES) expect(listed).toContainEqual({ client, detected: true, path: at(...parts), configured: true, correct: true });
    expect(listed.find((row) => row.client === 'visual-studio')).toEqual({
      client: 'visual-studio',
      detected: false,
      path: null,
      configured: false,
      correct: false,
    });

    const doctor = await runCli(['doctor', '--offline', '--json', '--client', FILES.map(([id]) => id).join(',')], { home });
    const checks = (JSON.parse(doctor.stdout) as { checks: Array<{ id: string; status: string }> }).checks;
    for (const [client] of FILES) expect(checks, client).toContainEqual(expect.objectContaining({ id: `client.${client}.entry`, status: 'pass' }));

    const removed = await runCli(['remove', '--client', FILES.map(([id]) => id).join(','), '--json'], { home });
    expect(removed.exitCode).toBe(0);
    expect(rows(removed.stdout).map((row) => row.action)).toEqual(FILES.map(() => 'removed'));
    expect(await readFile(at('.warp', '.mcp.json'), 'utf8')).toBe('{\n  "mcpServers": {\n    "linear": { "url": "https://mcp.linear.app/mcp" }\n  }\n}\n');
  });

  it("--native --transport http writes each client's own remote entry", async () => {
    const ids = 'devin,opencode,qwen-code,auggie,droid,amp,crush,warp,antigravity,junie';
    const result = await runCli(['--client', ids, '--native', '--transport', 'http', '--json', '--no-check'], { home });
    expect(result.exitCode).toBe(0);
    expect(await readJson(at('.config', 'devin', 'config.json'))).toEqual({ mcpServers: { intercom: { url: HTTP } } });
    expect(await readJson(at('.config', 'opencode', 'opencode.json'))).toEqual({ mcp: { intercom: { type: 'remote', url: HTTP } } });
    expect(await readJson(at('.qwen', 'settings.json'))).toEqual({ mcpServers: { intercom: { httpUrl: HTTP } } });
    expect(await readJson(at('.augment', 'settings.json'))).toEqual({ mcpServers: { intercom: { type: 'http', url: HTTP } } });
    expect(await readJson(at('.factory', 'mcp.json'))).toEqual({ mcpServers: { intercom: { type: 'http', url: HTTP } } });
    expect(await readJson(at('.config', 'amp', 'settings.json'))).toEqual({ 'amp.mcpServers': { intercom: { url: HTTP } } });
    expect(await readJson(at('.config', 'crush', 'crush.json'))).toEqual({ mcp: { intercom: { type: 'http', url: HTTP, oauth: true } } });
    expect(await readJson(at('.warp', '.mcp.json'))).toEqual({ mcpServers: { intercom: { url: HTTP } } });
    expect(await readJson(at('.gemini', 'antigravity', 'mcp_config.json'))).toEqual({ mcpServers: { intercom: { serverUrl: HTTP } } });
    // Junie reads stdio servers only, and says so.
    expect(await readJson(at('.junie', 'mcp', 'mcp.json'))).toEqual({ mcpServers: { intercom: { command: 'npx', args: ['-y', 'mcp-remote', HTTP] } } });
  });

  it('list says why Visual Studio has no file outside Windows, and Cline is in no editor', async () => {
    const list = await runCli(['list'], { home });
    expect(list.stdout).toMatch(/^visual-studio +not found +no Intercom entry +\(Visual Studio runs on Windows only\)$/m);
    expect(list.stdout).toMatch(/^cline +not found +no Intercom entry +\(not installed in any editor\)$/m);
  });

  it('Codex --scope project writes .codex/config.toml and says the project must be trusted', async () => {
    const project = at('work', 'app');
    await mkdir(project, { recursive: true });
    const result = await runCli(['--client', 'codex', '--scope', 'project', '--native', '--no-check'], { home, cwd: project });
    expect(result.exitCode).toBe(0);
    expect(await readFile(path.join(project, '.codex', 'config.toml'), 'utf8')).toBe(`[mcp_servers.intercom]\nurl = "${HTTP}"\n`);
    expect(result.stdout).toContain(`[projects."${project}"] trust_level = "trusted"`);
  });

  it('--token-env for a client that cannot read a variable fails alone, writing nothing', async () => {
    const result = await runCli(['--client', 'opencode,warp', '--native', '--token-env', 'INTERCOM_TOKEN', '--json', '--no-check'], {
      home,
      env: { INTERCOM_TOKEN: 'tok_0123456789abcdef' },
    });
    expect(result.exitCode).toBe(1);
    const [opencode, warp] = rows(result.stdout);
    expect(opencode).toMatchObject({ client: 'opencode', action: 'created' });
    expect(warp).toMatchObject({ client: 'warp', action: 'failed', error: expect.stringContaining('refusing') });
    expect(await readJson(at('.config', 'opencode', 'opencode.json'))).toEqual({
      mcp: { intercom: { type: 'remote', url: SSE, headers: { Authorization: 'Bearer {env:INTERCOM_TOKEN}' } } },
    });
  });

  it('Goose and Continue: YAML written beside comments, listed, checked by doctor, removed to the same bytes', async () => {
    const goose = '# goose\nGOOSE_PROVIDER: anthropic\nextensions:\n  developer:\n    enabled: true\n    name: developer\n    type: builtin\n';
    const cont =
      'name: Mine   # mine\nversion: 1.0.0\nschema: v1\nmcpServers:\n  - name: linear\n    type: streamable-http\n    url: https://mcp.linear.app/mcp\n';
    await write(at('.config', 'goose', 'config.yaml'), goose);
    await write(at('.continue', 'config.yaml'), cont);
    const result = await runCli(['--client', 'goose,continue', '--json', '--no-check'], { home });
    expect(result.exitCode).toBe(0);
    expect(rows(result.stdout).map((row) => [row.client, row.action])).toEqual([
      ['goose', 'updated'],
      ['continue', 'updated'],
    ]);
    expect(await readFile(at('.config', 'goose', 'config.yaml'), 'utf8')).toBe(
      `${goose}  intercom:\n    enabled: true\n    type: streamable_http\n    name: intercom\n    uri: ${HTTP}\n    timeout: 300\n`,
    );
    expect(await readFile(at('.continue', 'config.yaml'), 'utf8')).toBe(
      `${cont}  - name: intercom\n    command: npx\n    args:\n      - -y\n      - mcp-remote\n      - ${SSE}\n`,
    );
    const list = await runCli(['list', '--json', '--client', 'goose,continue'], { home });
    expect((JSON.parse(list.stdout) as { clients: unknown[] }).clients).toEqual([
      { client: 'goose', detected: true, path: at('.config', 'goose', 'config.yaml'), configured: true, correct: true },
      { client: 'continue', detected: true, path: at('.continue', 'config.yaml'), configured: true, correct: true },
    ]);
    const doctor = await runCli(['doctor', '--offline', '--json', '--client', 'goose,continue'], { home });
    const checks = (JSON.parse(doctor.stdout) as { checks: Array<{ id: string; status: string }> }).checks;
    for (const id of ['goose', 'continue']) expect(checks).toContainEqual(expect.objectContaining({ id: `client.${id}.entry`, status: 'pass' }));
    const removed = await runCli(['remove', '--client', 'goose,continue', '--json'], { home });
    expect(rows(removed.stdout).map((row) => row.action)).toEqual(['removed', 'removed']);
    expect(await readFile(at('.config', 'goose', 'config.yaml'), 'utf8')).toBe(goose);
    expect(await readFile(at('.continue', 'config.yaml'), 'utf8')).toBe(cont);
  });
});
