import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntercomFixture, type IntercomFixture } from '../fixtures/intercom-server.js';
import { runCli, tempHome } from '../helpers/cli.js';

interface DoctorJson {
  ok: boolean;
  checks: Array<{ id: string; status: string; message: string; fix?: string }>;
}

let fixture: IntercomFixture;
beforeAll(async () => {
  fixture = await startIntercomFixture();
});
afterAll(async () => {
  await fixture.close();
});

async function write(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

function byId(report: DoctorJson, id: string) {
  return report.checks.find((check) => check.id === id);
}

describe('doctor (the built CLI in a temp HOME)', () => {
  it('--json prints only the report; a healthy endpoint and a correct config pass', async () => {
    const home = await tempHome();
    await runCli(['--client', 'cursor', '--url', fixture.mcpUrl, '--no-check'], { home });
    const result = await runCli(['doctor', '--json', '--url', fixture.mcpUrl, '--timeout', '3000'], { home });
    const report = JSON.parse(result.stdout) as DoctorJson;
    expect(Object.keys(report)).toEqual(['ok', 'checks']);
    expect(byId(report, 'client.cursor.entry')).toMatchObject({ status: 'pass' });
    expect(byId(report, 'net.http')).toMatchObject({ status: 'pass' });
    expect(byId(report, 'net.oauth-metadata')).toMatchObject({ status: 'pass' });
    for (const check of report.checks) {
      expect(['pass', 'warn', 'fail', 'skip']).toContain(check.status);
      if (check.status === 'warn' || check.status === 'fail') expect(check.fix).toBeTruthy();
    }
    expect(report.ok).toBe(!report.checks.some((check) => check.status === 'fail'));
    expect(result.exitCode).toBe(report.ok ? 0 : 1);
  });

  it('names a broken config with file:line:column and a legacy entry with the setup command, exit 1', async () => {
    const home = await tempHome();
    await write(path.join(home, '.cursor/mcp.json'), '{\n  "mcpServers": {\n    "a": 1,,\n  }\n}\n');
    await write(
      path.join(home, '.codeium/windsurf/mcp_config.json'),
      JSON.stringify({ mcpServers: { Intercom: { type: 'Command', command: 'npx -y mcp-remote https://mcp.intercom.com/sse' } } }),
    );
    const result = await runCli(['doctor', '--json', '--offline'], { home });
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as DoctorJson;
    expect(report.ok).toBe(false);
    expect(byId(report, 'client.cursor.config')?.message).toContain(`${path.join(home, '.cursor/mcp.json')}:3:12`);
    const windsurf = byId(report, 'client.windsurf.entry');
    expect(windsurf).toMatchObject({ status: 'fail' });
    expect(windsurf?.message).toContain('one string');
    expect(windsurf?.fix).toContain('intercom-mcp-setup --client windsurf');
    expect(byId(report, 'network')).toMatchObject({ status: 'skip' });
  });

  it('--fix rewrites the legacy entry through the safe writer', async () => {
    const home = await tempHome();
    const file = path.join(home, '.codeium/windsurf/mcp_config.json');
    await write(file, JSON.stringify({ theme: 'x', mcpServers: { Intercom: { type: 'Command', command: 'npx -y mcp-remote https://mcp.intercom.com/sse' } } }));
    const result = await runCli(['doctor', '--fix', '--offline', '--client', 'windsurf'], { home });
    expect(result.stdout).toContain('Devin Desktop Cascade (Windsurf): entry updated');
    const fixed = JSON.parse(await readFile(file, 'utf8'));
    expect(fixed).toEqual({ theme: 'x', mcpServers: { intercom: { command: 'npx', args: ['-y', 'mcp-remote', 'https://mcp.intercom.com/sse'] } } });
    const again = await runCli(['doctor', '--json', '--offline', '--client', 'windsurf'], { home });
    expect(byId(JSON.parse(again.stdout), 'client.windsurf.entry')).toMatchObject({ status: 'pass' });
  });

  it('--fix keeps a remote entry remote (Windsurf "url" becomes "serverUrl", with its EU URL)', async () => {
    const home = await tempHome();
    const file = path.join(home, '.codeium/windsurf/mcp_config.json');
    await write(file, JSON.stringify({ mcpServers: { intercom: { url: 'https://mcp.eu.intercom.com/mcp' } } }));
    const report = JSON.parse((await runCli(['doctor', '--json', '--offline', '--client', 'windsurf'], { home })).stdout) as DoctorJson;
    expect(byId(report, 'client.windsurf.entry')?.fix).toContain('intercom-mcp-setup --client windsurf --native');
    await runCli(['doctor', '--fix', '--offline', '--client', 'windsurf'], { home });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ mcpServers: { intercom: { serverUrl: 'https://mcp.eu.intercom.com/mcp' } } });
  });

  it('an entry turned off on purpose ("disabled": true) is reported as such, and --fix leaves it, and its disabled tools, byte for byte', async () => {
    const home = await tempHome();
    const file = path.join(home, '.codeium/windsurf/mcp_config.json');
    const working = {
      command: 'npx',
      args: ['-y', 'mcp-remote', 'https://mcp.intercom.com/sse'],
      disabled: true,
      disabledTools: ['delete_contact'],
      env: { HTTPS_PROXY: 'http://proxy.corp:8080' },
    };
    const text = `${JSON.stringify({ mcpServers: { intercom: working } }, null, 2)}\n`;
    await write(file, text);
    const report = JSON.parse((await runCli(['doctor', '--json', '--offline', '--client', 'windsurf'], { home })).stdout) as DoctorJson;
    const entry = byId(report, 'client.windsurf.entry');
    expect(entry).toMatchObject({ status: 'warn', message: expect.stringContaining('is turned off ("disabled": true)') });
    expect(entry?.fix).toContain('"disabled": true');
    await runCli(['doctor', '--fix', '--offline', '--client', 'windsurf'], { home });
    expect(await readFile(file, 'utf8')).toBe(text);

    // Turned off and also wrong (Windsurf reads "serverUrl", not "url"): still reported as turned off, still never touched by --fix.
    const broken = `${JSON.stringify({ mcpServers: { intercom: { url: 'https://mcp.intercom.com/mcp', disabled: true } } }, null, 2)}\n`;
    await write(file, broken);
    const brokenReport = JSON.parse((await runCli(['doctor', '--json', '--offline', '--client', 'windsurf'], { home })).stdout) as DoctorJson;
    expect(byId(brokenReport, 'client.windsurf.entry')).toMatchObject({
      status: 'warn',
      message: expect.stringContaining('once turned on it would not work: Windsurf reads "serverUrl"'),
    });
    const fixed = await runCli(['doctor', '--fix', '--offline', '--client', 'windsurf'], { home });
    expect(fixed.stdout).not.toContain('entry updated');
    expect(await readFile(file, 'utf8')).toBe(broken);
    // setup fixes what it owns and keeps it turned off.
    await runCli(['--client', 'windsurf', '--native', '--no-check'], { home });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ mcpServers: { intercom: { disabled: true, serverUrl: 'https://mcp.intercom.com/sse' } } });
  });

  it('reports a duplicate Intercom entry under another name', async () => {
    const home = await tempHome();
    await write(
      path.join(home, '.cursor/mcp.json'),
      JSON.stringify({ mcpServers: { intercom: { url: 'https://mcp.intercom.com/sse' }, 'intercom-2': { url: 'https://mcp.intercom.com/mcp' } } }),
    );
    const report = JSON.parse((await runCli(['doctor', '--json', '--offline'], { home })).stdout) as DoctorJson;
    expect(byId(report, 'client.cursor.duplicates')).toMatchObject({ status: 'warn', message: expect.stringContaining('"intercom-2"') });
  });

  it('checks the endpoints the configs actually use', async () => {
    const home = await tempHome();
    await write(path.join(home, '.cursor/mcp.json'), JSON.stringify({ mcpServers: { intercom: { url: 'https://mcp.eu.intercom.com/mcp' } } }));
    const report = JSON.parse((await runCli(['doctor', '--json', '--offline'], { home })).stdout) as DoctorJson;
    expect(byId(report, 'network')?.message).toBeDefined();
    const human = await runCli(['doctor', '--offline'], { home });
    expect(human.stdout).toContain('Network (https://mcp.eu.intercom.com/mcp)');
    expect(human.stdout).toContain('EU endpoint in use');
  });

  it('a hanging server: the whole run ends within the timeout + 2 s', async () => {
    const hanging = await startIntercomFixture({ mode: 'hang' });
    try {
      const home = await tempHome();
      const started = Date.now();
      const result = await runCli(['doctor', '--json', '--url', hanging.mcpUrl, '--timeout', '1000'], { home });
      const elapsed = Date.now() - started;
      expect(elapsed).toBeLessThan(3000);
      const report = JSON.parse(result.stdout) as DoctorJson;
      expect(byId(report, 'net.http')).toMatchObject({ status: 'fail', message: expect.stringMatching(/timed? ?out/i) });
      expect(result.exitCode).toBe(1);
    } finally {
      await hanging.close();
    }
  });

  it('human output: flutter-doctor marks, fixes under failures, a summary', async () => {
    const home = await tempHome();
    await write(path.join(home, '.cursor/mcp.json'), '{ broken');
    const result = await runCli(['doctor', '--offline'], { home });
    expect(result.stdout).toMatch(/^Environment$/m);
    expect(result.stdout).toMatch(/\[✓\] Node\.js/);
    expect(result.stdout).toMatch(/\[✗\] Cursor: .*mcp\.json:1:3/);
    expect(result.stdout).toMatch(/\[-\] skipped \(--offline\)/);
    expect(result.stdout).toMatch(/→ fix /);
    expect(result.stdout).toMatch(/^Problems found: 1 failed/m);
  });

  it('setup runs the connectivity check after writing, unless --no-check', async () => {
    const home = await tempHome();
    const checked = await runCli(['--client', 'cursor', '--url', fixture.sseUrl], { home });
    expect(checked.exitCode).toBe(0);
    // One line after writing; the step-by-step table is doctor's (issue 17 point 9).
    expect(checked.stdout).toContain(`Intercom is reachable: ${fixture.sseUrl} answers and asks for a sign-in, as it should.`);
    expect(checked.stdout).not.toContain('Network (');
    const unchecked = await runCli(['--client', 'windsurf', '--url', fixture.sseUrl, '--no-check'], { home });
    expect(unchecked.stdout).not.toContain('Network (');
  });
});
