import { execa } from 'execa';
import { parse } from 'jsonc-parser';
import { chmod, cp, lstat, mkdir, readdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, cleanEnv, runCli, tempHome } from '../helpers/cli.js';

const SSE = 'https://mcp.intercom.com/sse';
const BRIDGE = { command: 'npx', args: ['-y', 'mcp-remote', SSE] };
const REAL_CLAUDE_JSON = path.join(ROOT, 'test', 'fixtures', 'real-clients', 'claude-code-2.1.332.claude.json');

async function write(file: string, text: string): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  return file;
}

function jsonOut(stdout: string) {
  return JSON.parse(stdout) as { results: Array<Record<string, string>> };
}

describe('setup --client (non-interactive)', () => {
  it('writes the bridge entry for each named client and reports created, then unchanged', async () => {
    const home = await tempHome();
    const first = await runCli(['--client', 'cursor,vscode', '--client', 'claude-desktop', '--json', '--no-check'], { home });
    expect(first.exitCode).toBe(0);
    expect(first.stdout.trim().startsWith('{')).toBe(true);
    const results = jsonOut(first.stdout).results;
    expect(results.map((row) => [row.client, row.action])).toEqual([
      ['cursor', 'created'],
      ['vscode', 'created'],
      ['claude-desktop', 'created'],
    ]);
    const cursor = JSON.parse(await readFile(path.join(home, '.cursor/mcp.json'), 'utf8'));
    expect(cursor).toEqual({ mcpServers: { intercom: BRIDGE } });
    const vscode = JSON.parse(await readFile(path.join(home, '.config/Code/User/mcp.json'), 'utf8'));
    expect(vscode).toEqual({ servers: { intercom: { type: 'stdio', ...BRIDGE } } });
    const files = [
      path.join(home, '.cursor/mcp.json'),
      path.join(home, '.config/Code/User/mcp.json'),
      path.join(home, '.config/Claude/claude_desktop_config.json'),
    ];
    const bytes = await Promise.all(files.map((file) => readFile(file)));
    for (const file of files) expect((await stat(file)).mode & 0o777).toBe(0o600);

    const second = await runCli(['--client', 'cursor,vscode,claude-desktop', '--json', '--no-check'], { home });
    expect(jsonOut(second.stdout).results.map((row) => row.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(await Promise.all(files.map((file) => readFile(file)))).toEqual(bytes);
  });

  it("writes Claude Code's native entry into a real ~/.claude.json and keeps everything else", async () => {
    const home = await tempHome();
    const original = await readFile(REAL_CLAUDE_JSON, 'utf8');
    await write(path.join(home, '.claude.json'), original);
    const result = await runCli(['--client', 'claude-code', '--transport', 'http', '--name', 'intercom-new', '--no-check'], { home });
    expect(result.exitCode).toBe(0);
    const after = JSON.parse(await readFile(path.join(home, '.claude.json'), 'utf8'));
    const before = JSON.parse(original);
    expect(after.mcpServers['intercom-new']).toEqual({ type: 'http', url: 'https://mcp.intercom.com/mcp' });
    delete after.mcpServers['intercom-new'];
    expect(after).toEqual(before);
    expect(result.stdout).toContain('/mcp');
  });

  it('keeps comments, tabs, CRLF and a BOM, backs the file up, and reports the backup', async () => {
    const home = await tempHome();
    const original = '\uFEFF{\r\n\t// my servers\r\n\t"mcpServers": {\r\n\t\t"linear": {"url": "https://mcp.linear.app/sse"}, // keep\r\n\t},\r\n}\r\n';
    const file = await write(path.join(home, '.cursor/mcp.json'), original);
    await chmod(file, 0o640);
    const result = await runCli(['--client', 'cursor', '--json', '--no-check'], { home });
    expect(result.exitCode).toBe(0);
    const row = jsonOut(result.stdout).results[0]!;
    expect(row.action).toBe('updated');
    expect(await readFile(row.backup!, 'utf8')).toBe(original);
    const text = await readFile(file, 'utf8');
    expect(text.startsWith('\uFEFF{\r\n\t// my servers')).toBe(true);
    expect(text).toContain('// keep');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(text).toContain('\r\n\t\t"intercom": {\r\n\t\t\t"command": "npx"');
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    expect((await stat(row.backup!)).mode & 0o777).toBe(0o640);
  });

  it('the backup holds the old bytes on its own: an editor that later writes the file in place does not change it', async () => {
    // The backup is a hard link to the old file (its bytes are never copied): this holds only
    // because the new text is renamed over the name, never written into the old file.
    const home = await tempHome();
    const original = '{\n  "mcpServers": {}\n}\n';
    const file = await write(path.join(home, '.cursor/mcp.json'), original);
    const result = await runCli(['--client', 'cursor', '--json', '--no-check'], { home });
    expect(result.exitCode, result.stderr).toBe(0);
    const backup = jsonOut(result.stdout).results[0]!.backup!;
    expect((await stat(backup)).ino).not.toBe((await stat(file)).ino);
    await writeFile(file, '{ "edited": "in place" }\n'); // truncates and writes the same inode
    expect(await readFile(backup, 'utf8')).toBe(original);
  });

  it('refuses a file that does not parse: failed with file:line:column, exit 1, byte-identical, others proceed', async () => {
    const home = await tempHome();
    const broken = '{\n  "mcpServers": {\n    "a": {}\n    "b": {}\n  }\n}\n';
    const file = await write(path.join(home, '.cursor/mcp.json'), broken);
    const result = await runCli(['--client', 'cursor,windsurf', '--json', '--no-check'], { home });
    expect(result.exitCode).toBe(1);
    const [cursor, windsurf] = jsonOut(result.stdout).results;
    expect(cursor!.action).toBe('failed');
    expect(cursor!.error).toContain(`${file}:4:5`);
    expect(windsurf!.action).toBe('created');
    expect(await readFile(file, 'utf8')).toBe(broken);
    expect((await readdir(path.dirname(file))).sort()).toEqual(['mcp.json']);
  });

  it('follows a symlinked config to its target and keeps the link', async () => {
    const home = await tempHome();
    const real = await write(path.join(home, 'dotfiles/cursor-mcp.json'), '{"mcpServers": {}}\n');
    await mkdir(path.join(home, '.cursor'));
    const link = path.join(home, '.cursor/mcp.json');
    await symlink(real, link);
    const result = await runCli(['--client', 'cursor', '--no-check'], { home });
    expect(result.exitCode).toBe(0);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(real);
    expect(JSON.parse(await readFile(real, 'utf8')).mcpServers.intercom).toEqual(BRIDGE);
  });

  it('refuses a dangling symlink, a folder and invalid UTF-8 without changing anything', async () => {
    const home = await tempHome();
    await mkdir(path.join(home, '.cursor'));
    await symlink(path.join(home, 'missing.json'), path.join(home, '.cursor/mcp.json'));
    await mkdir(path.join(home, '.codeium/windsurf/mcp_config.json'), { recursive: true });
    const invalid = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]);
    await mkdir(path.join(home, '.config/Claude'), { recursive: true });
    await writeFile(path.join(home, '.config/Claude/claude_desktop_config.json'), invalid);
    const result = await runCli(['--client', 'cursor,windsurf,claude-desktop', '--json', '--no-check'], { home });
    expect(result.exitCode).toBe(1);
    const errors = jsonOut(result.stdout).results.map((row) => `${row.action} ${row.error}`);
    expect(errors[0]).toMatch(/^failed .*symlink.*does not exist/);
    expect(errors[1]).toMatch(/^failed .*is a folder/);
    expect(errors[2]).toMatch(/^failed .*not valid UTF-8/);
    expect(await readFile(path.join(home, '.config/Claude/claude_desktop_config.json'))).toEqual(invalid);
    expect(await readlink(path.join(home, '.cursor/mcp.json'))).toBe(path.join(home, 'missing.json'));
  });

  it('keeps a real U+FFFD and a byte-order mark: only bytes that are not UTF-8 are refused', async () => {
    const home = await tempHome();
    const original = '\uFEFF{\n  "note": "replacement char \uFFFD stays",\n  "mcpServers": {}\n}\n';
    const file = await write(path.join(home, '.cursor/mcp.json'), original);
    const result = await runCli(['--client', 'cursor', '--no-check'], { home });
    expect(result.exitCode, result.stderr).toBe(0);
    const bytes = await readFile(file);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = bytes.toString('utf8');
    expect(text).toContain('"note": "replacement char \uFFFD stays"');
    expect(parse(text.slice(1)).mcpServers.intercom).toEqual(BRIDGE);
  });

  it("replaces the seed guide's one-string Cursor entry, saying so", async () => {
    const home = await tempHome();
    const file = await write(
      path.join(home, '.cursor/mcp.json'),
      JSON.stringify({ mcpServers: { Intercom: { type: 'Command', command: `npx -y mcp-remote ${SSE}` } } }, null, 2),
    );
    const result = await runCli(['--client', 'cursor', '--no-check'], { home });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('replaced the old Intercom entry "Intercom"');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ mcpServers: { intercom: BRIDGE } });
  });

  it('writes project-scope files in the current folder', async () => {
    const home = await tempHome();
    const project = path.join(home, 'work/app');
    await mkdir(project, { recursive: true });
    const result = await runCli(['--client', 'cursor,vscode,claude-code,windsurf', '--scope', 'project', '--json', '--no-check'], { home, cwd: project });
    const rows = jsonOut(result.stdout).results;
    expect(rows.map((row) => [row.client, row.action, row.path])).toEqual([
      ['cursor', 'created', path.join(project, '.cursor/mcp.json')],
      ['vscode', 'created', path.join(project, '.vscode/mcp.json')],
      ['claude-code', 'created', path.join(project, '.mcp.json')],
      ['windsurf', 'skipped', ''],
    ]);
    expect(JSON.parse(await readFile(path.join(project, '.mcp.json'), 'utf8'))).toEqual({ mcpServers: { intercom: { type: 'sse', url: SSE } } });
    // Shared through the repository: readable like any source file (user files are 0600).
    expect((await stat(path.join(project, '.mcp.json'))).mode & 0o777).toBe(0o644);
  });

  it('--native, --region eu and --dry-run', async () => {
    const home = await tempHome();
    const dry = await runCli(['--client', 'windsurf', '--native', '--region', 'eu', '--dry-run', '--no-check'], { home });
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toContain('"serverUrl": "https://mcp.eu.intercom.com/sse"');
    expect(await readdir(home)).toEqual([]);
    const real = await runCli(['--client', 'windsurf,claude-desktop', '--native', '--region', 'eu', '--json', '--no-check'], { home });
    expect(real.exitCode).toBe(0);
    expect(JSON.parse(await readFile(path.join(home, '.codeium/windsurf/mcp_config.json'), 'utf8')).mcpServers.intercom).toEqual({
      serverUrl: 'https://mcp.eu.intercom.com/sse',
    });
    // Claude Desktop has no native entry: it keeps the bridge.
    expect(JSON.parse(await readFile(path.join(home, '.config/Claude/claude_desktop_config.json'), 'utf8')).mcpServers.intercom.args[2]).toBe(
      'https://mcp.eu.intercom.com/sse',
    );
  });

  it('with --token-env the next step says to start the client with the variable, not to sign in', async () => {
    const home = await tempHome();
    const result = await runCli(['--client', 'cursor,claude-code', '--token-env', 'INTERCOM_TOKEN', '--no-check'], {
      home,
      env: { INTERCOM_TOKEN: 'sk-test-next-step' },
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('Cursor: Quit Cursor and start it again from an environment where INTERCOM_TOKEN is set');
    expect(result.stdout).toContain('Claude Code: Start claude from an environment where INTERCOM_TOKEN is set');
    expect(result.stdout).not.toContain('sign in to Intercom when asked');
    expect(result.stdout + result.stderr).not.toContain('sk-test-next-step');
  });

  it('claude-ai writes nothing and prints the connector steps', async () => {
    const home = await tempHome();
    const result = await runCli(['--client', 'claude-ai', '--no-check'], { home });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Settings → Connectors → Add custom connector');
    expect(result.stdout).toContain(SSE);
    expect(await readdir(home)).toEqual([]);
  });

  it('a folder it cannot write: a clear error naming it, exit 1, nothing else changed (run as nobody)', async () => {
    const home = await tempHome();
    // A copy of the built CLI that the unprivileged user can read.
    const install = path.join(home, 'install');
    await cp(path.join(ROOT, 'dist'), path.join(install, 'dist'), { recursive: true });
    await cp(path.join(ROOT, 'templates'), path.join(install, 'templates'), { recursive: true });
    await mkdir(path.join(home, '.cursor'));
    await write(path.join(home, '.codeium/windsurf/mcp_config.json'), '{}\n');
    await chmod(home, 0o755);
    await execa('chown', ['-R', '65534:65534', path.join(home, '.codeium')]);
    await execa('chmod', ['-R', 'a+rX', install]);
    await chmod(path.join(home, '.cursor'), 0o555); // owned by root: not writable for nobody
    const result = await execa(
      'setpriv',
      [
        '--reuid=65534',
        '--regid=65534',
        '--clear-groups',
        process.execPath,
        path.join(install, 'dist/cli.js'),
        '--client',
        'cursor,windsurf',
        '--json',
        '--no-check',
      ],
      {
        env: cleanEnv(home),
        extendEnv: false,
        reject: false,
        cwd: home,
        timeout: 20_000,
      },
    );
    expect(result.exitCode).toBe(1);
    const [cursor, windsurf] = jsonOut(result.stdout).results;
    expect(cursor!.action).toBe('failed');
    expect(cursor!.error).toContain(path.join(home, '.cursor'));
    expect(cursor!.error).toContain('permission denied');
    expect(windsurf!.action).toBe('updated');
    expect(await readdir(path.join(home, '.cursor'))).toEqual([]);
  });
});

describe('choosing clients without prompts', () => {
  it('without --client and without a TTY exits 2 at once, naming the detected clients', async () => {
    const home = await tempHome();
    await mkdir(path.join(home, '.cursor'));
    await mkdir(path.join(home, '.codeium/windsurf'), { recursive: true });
    const started = Date.now();
    const result = await runCli([], { home });
    expect(result.exitCode).toBe(2);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.stderr).toContain('detected: cursor, windsurf');
    expect(result.stderr).toContain('--client');
    expect(result.stdout).toBe('');
  });

  it('--yes configures every detected client; --client all does too', async () => {
    const home = await tempHome();
    await mkdir(path.join(home, '.cursor'));
    await write(path.join(home, '.claude.json'), '{"numStartups": 3}\n');
    const yes = await runCli(['--yes', '--json', '--no-check'], { home });
    expect(jsonOut(yes.stdout).results.map((row) => [row.client, row.action])).toEqual([
      ['cursor', 'created'],
      ['claude-code', 'updated'],
    ]);
    const all = await runCli(['--client', 'all', '--json', '--no-check'], { home });
    expect(jsonOut(all.stdout).results.map((row) => row.action)).toEqual(['unchanged', 'unchanged']);
  });
});

describe('usage errors exit 2 with what is valid', () => {
  it.each([
    [['--client', 'emacs'], 'valid clients are cursor, windsurf'],
    [['--transport', 'ws', '--client', 'cursor'], '--transport must be one of sse, http'],
    [['--bogus'], 'unknown option'],
    [['--url', 'ftp://mcp.intercom.com/sse', '--client', 'cursor'], 'scheme'],
    [['--url', 'http://mcp.intercom.com/sse', '--client', 'cursor'], 'only accepted for localhost'],
    [['--url', 'https://user:pw@mcp.intercom.com/sse', '--client', 'cursor'], 'password'],
    [['--name', '../evil', '--client', 'cursor'], '--name'],
    [['frobnicate'], 'unknown command'],
    [['remove'], 'remove needs --client'],
    [['--url', 'https://evil.example/sse', '--client', 'cursor'], 'not an Intercom host'],
  ])('%j', async (args, message) => {
    const home = await tempHome();
    const result = await runCli(args, { home });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(message);
    expect(await readdir(home)).toEqual([]);
  });

  it('a non-Intercom --url is written with --yes, with a warning', async () => {
    const home = await tempHome();
    const result = await runCli(['--url', 'https://mcp.example.com/sse', '--client', 'cursor', '--yes', '--no-check'], { home });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('not an Intercom host');
  });
});

describe('list and remove', () => {
  it('list --json reports detection, path, presence and correctness', async () => {
    const home = await tempHome();
    await write(path.join(home, '.cursor/mcp.json'), JSON.stringify({ mcpServers: { intercom: BRIDGE } }));
    await write(path.join(home, '.codeium/windsurf/mcp_config.json'), JSON.stringify({ mcpServers: { intercom: { url: SSE } } }));
    const result = await runCli(['list', '--json'], { home });
    expect(result.exitCode).toBe(0);
    const clients = JSON.parse(result.stdout).clients as Array<Record<string, unknown>>;
    expect(clients.find((row) => row.client === 'cursor')).toEqual({
      client: 'cursor',
      detected: true,
      path: path.join(home, '.cursor/mcp.json'),
      configured: true,
      correct: true,
    });
    expect(clients.find((row) => row.client === 'windsurf')).toMatchObject({ detected: true, configured: true, correct: false });
    expect(clients.find((row) => row.client === 'vscode')).toMatchObject({ detected: false, configured: false, correct: false });
    expect(clients.map((row) => row.client)).toEqual([
      'cursor',
      'windsurf',
      'vscode',
      'vscode-insiders',
      'claude-desktop',
      'claude-code',
      'gemini-cli',
      'codex',
      'zed',
      'cline',
      'roo-code',
      'kiro',
      'lm-studio',
      'windsurf-next',
      'devin',
      'opencode',
      'copilot-cli',
      'qwen-code',
      'kilo-code',
      'auggie',
      'droid',
      'amp',
      'crush',
      'visual-studio',
      'junie',
      'warp',
      'antigravity',
      'goose',
      'continue',
      'claude-ai',
    ]);
    const human = await runCli(['list'], { home });
    expect(human.stdout).toMatch(/windsurf .*entry needs fixing/);
    expect(human.stdout).toContain('serverUrl');
  });

  it('remove takes out only the Intercom entry, with a backup, and is idempotent', async () => {
    const home = await tempHome();
    const original = '{\n  // mine\n  "mcpServers": {\n    "linear": {"url": "https://mcp.linear.app/sse"}\n  }\n}\n';
    const file = await write(path.join(home, '.cursor/mcp.json'), original);
    await runCli(['--client', 'cursor', '--no-check'], { home });
    const removed = await runCli(['remove', '--client', 'cursor', '--json'], { home });
    expect(removed.exitCode).toBe(0);
    expect(jsonOut(removed.stdout).results[0]).toMatchObject({ client: 'cursor', action: 'removed' });
    expect(await readFile(file, 'utf8')).toBe(original);
    const again = await runCli(['remove', '--client', 'cursor', '--json'], { home });
    expect(jsonOut(again.stdout).results[0]!.action).toBe('unchanged');
  });
});

describe('help and version', () => {
  it('prints the version from package.json', async () => {
    const home = await tempHome();
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8'));
    expect((await runCli(['--version'], { home })).stdout.trim()).toBe(pkg.version);
  });

  it.each(['setup', 'list', 'remove', 'doctor', 'reset-auth'])('%s --help', async (command) => {
    const home = await tempHome();
    const result = await runCli([command, '--help'], { home });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`intercom-mcp-setup ${command}`);
    expect(result.stdout).toContain('Usage');
  });

  it('--help mentions that Intercom recommends Streamable HTTP', async () => {
    const result = await runCli(['--help'], { home: await tempHome() });
    expect(result.stdout).toContain('Intercom now recommends');
    expect(CLI).toContain('dist');
  });
});
