/**
 * Issue 17 without a terminal: hints that name the command the way the run was started, the
 * check after writing in a line or two with the next steps last, lines wrapped to 80 columns,
 * `remove --client all`, `doctor --fix` checking again, and `doctor --json` telling two endpoints'
 * checks apart.
 */
import { mkdir, readFile, symlink, writeFile, chmod, readdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntercomFixture, type IntercomFixture } from '../fixtures/intercom-server.js';
import { CLI, runCli, tempHome } from '../helpers/cli.js';

const SYSTEM_PATH = [path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter);
/** No COLUMNS: the width of a run whose output is not a terminal, 80 columns. */
const AT_80 = { COLUMNS: undefined };
/** Cursor's entry written by hand the way the seed README showed it: it cannot work. */
const LEGACY = { type: 'Command', command: 'npx -y mcp-remote https://mcp.intercom.com/sse' };

async function write(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

/** Text read as sentences: line breaks and indents of wrapped lines are spaces. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

async function refusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let fixture: IntercomFixture;
beforeAll(async () => {
  fixture = await startIntercomFixture();
});
afterAll(async () => {
  await fixture.close();
});

describe('4. hints name the command the way this run was started', () => {
  /** A home whose Cursor entry is broken, so that `list` prints the command that fixes it. */
  async function brokenHome(): Promise<string> {
    const home = await tempHome();
    await write(path.join(home, '.cursor', 'mcp.json'), JSON.stringify({ mcpServers: { Intercom: LEGACY } }));
    return home;
  }

  it('not on PATH (here: node dist/cli.js): npx intercom-mcp-setup …', async () => {
    const home = await brokenHome();
    const list = await runCli(['list'], { home });
    expect(list.stdout).toContain('fix: npx intercom-mcp-setup --client cursor');
    const help = await runCli(['--help'], { home });
    expect(help.stdout).toContain('  npx intercom-mcp-setup doctor');
    expect(help.stdout).not.toMatch(/^ {2}intercom-mcp-setup /m);
  });

  it("the name on PATH is this program (npm's bin link): the bare name", async () => {
    const home = await brokenHome();
    const bin = path.join(home, 'bin');
    await mkdir(bin);
    await symlink(CLI, path.join(bin, 'intercom-mcp-setup'));
    const env = { PATH: `${bin}${path.delimiter}${SYSTEM_PATH}` };
    const list = await runCli(['list'], { home, env });
    expect(list.stdout).toContain('fix: intercom-mcp-setup --client cursor');
    expect(list.stdout).not.toContain('npx intercom-mcp-setup');
    const help = await runCli(['--help'], { home, env });
    expect(help.stdout).toMatch(/^ {2}intercom-mcp-setup doctor$/m);
  });

  it('another program of that name on PATH, or a run through npx: npx intercom-mcp-setup …', async () => {
    const home = await brokenHome();
    const other = path.join(home, 'other-bin');
    await mkdir(other);
    await write(path.join(other, 'intercom-mcp-setup'), '#!/bin/sh\necho an older copy\n');
    await chmod(path.join(other, 'intercom-mcp-setup'), 0o755);
    const shadowed = await runCli(['list'], { home, env: { PATH: `${other}${path.delimiter}${SYSTEM_PATH}` } });
    expect(shadowed.stdout).toContain('fix: npx intercom-mcp-setup --client cursor');

    // npx puts its own copy on PATH for the run, and says so in npm's variables.
    const bin = path.join(home, 'npx-bin');
    await mkdir(bin);
    await symlink(CLI, path.join(bin, 'intercom-mcp-setup'));
    for (const npm of [{ npm_command: 'exec' }, { npm_lifecycle_event: 'npx' }]) {
      const viaNpx = await runCli(['list'], { home, env: { PATH: `${bin}${path.delimiter}${SYSTEM_PATH}`, ...npm } });
      expect(viaNpx.stdout).toContain('fix: npx intercom-mcp-setup --client cursor');
    }
  });

  it('a wrapped line never breaks inside a command', async () => {
    const home = await brokenHome();
    const doctor = await runCli(['doctor', '--offline'], { home, env: AT_80 });
    expect(doctor.stdout).toContain('npx intercom-mcp-setup --client cursor');
    expect(doctor.stdout).toContain('npx intercom-mcp-setup doctor --fix');
    for (const line of doctor.stdout.split('\n')) {
      expect(line, line).not.toMatch(/(?:\snpx|intercom-mcp-setup|--client|--url)$/);
      expect([...line].length, line).toBeLessThanOrEqual(80);
    }
  });
});

describe('8. lines wrap at word boundaries to 80 columns when the output is not a terminal', () => {
  it('doctor, setup --dry-run and --help: no line over 80, and every word kept whole', async () => {
    const home = await tempHome();
    await write(path.join(home, '.cursor', 'mcp.json'), JSON.stringify({ mcpServers: { Intercom: LEGACY } }));
    for (const args of [['doctor', '--offline'], ['--client', 'cursor,windsurf', '--dry-run'], ['--help'], ['doctor', '--help']]) {
      const result = await runCli(args, { home, env: AT_80 });
      // Wider only when there is no word boundary to break at: one word after its indent and
      // diff mark (a minified file's one line of JSON is shown whole, as data).
      const wide = result.stdout.split('\n').filter((line) => [...line].length > 80 && !/^ *(?:[-+] +)?\S+$/.test(line));
      expect(wide, args.join(' ')).toEqual([]);
    }
    const doctor = await runCli(['doctor', '--offline'], { home, env: AT_80 });
    expect(doctor.stdout).toMatch(/^ {2}\[✗\] Cursor: "Intercom" in ~\/\.cursor\/mcp\.json will not work: the whole command\n {6}is in one string;/m);
  });
});

describe('9 and 10. the check after writing says one true thing, then the next steps, last', () => {
  it('unreachable: two lines (what failed, written, the doctor command), no table, the next steps after them', async () => {
    const home = await tempHome();
    const port = await refusedPort();
    const result = await runCli(['--client', 'cursor', '--url', `http://127.0.0.1:${port}/sse`, '--timeout', '2000'], { home, env: AT_80 });
    expect(result.exitCode).toBe(0);
    const out = result.stdout;
    expect(flat(out)).toContain(`Intercom cannot be reached from here: Connection refused by 127.0.0.1:${port} (ECONNREFUSED)`);
    expect(flat(out)).toContain('The configuration is written; when you are online, check again with: npx intercom-mcp-setup doctor');
    expect(out).toMatch(/^npx intercom-mcp-setup doctor$/m); // wrapped whole onto a line of its own
    expect(out).not.toMatch(/\[✗\]|\[-\]|Network \(|skipped, the/);
    const lines = out.trimEnd().split('\n');
    expect(lines.slice(-3, -1)).toEqual(['Next steps', '  Cursor: Restart Cursor, then open Settings → MCP and sign in to Intercom when']);
    expect(lines.at(-1)).toBe('  asked.');
    expect(out.indexOf('cannot be reached')).toBeLessThan(out.indexOf('Next steps'));
  });

  it('reachable: one line, no table', async () => {
    const home = await tempHome();
    const result = await runCli(['--client', 'cursor', '--url', fixture.sseUrl], { home, env: AT_80 });
    expect(result.exitCode).toBe(0);
    expect(flat(result.stdout)).toContain(`Intercom is reachable: ${fixture.sseUrl} answers and asks for a sign-in, as it should.`);
    expect(result.stdout).not.toMatch(/\[✓\]|Network \(/);
    expect(result.stdout.trimEnd().split('\n').at(-3)).toBe('Next steps');
  });

  it('skipped when nothing was written: nothing changed, or every write failed; never "written" then', async () => {
    const home = await tempHome();
    const url = `http://127.0.0.1:${await refusedPort()}/sse`;
    expect((await runCli(['--client', 'cursor', '--url', url, '--no-check'], { home })).exitCode).toBe(0);
    const again = await runCli(['--client', 'cursor', '--url', url], { home });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/Cursor +already up to date/);
    expect(again.stdout).not.toMatch(/reach|written/);

    const broken = await tempHome();
    await write(path.join(broken, '.codeium', 'windsurf', 'mcp_config.json'), '{ "mcpServers": { ,, } }');
    const failed = await runCli(['--client', 'windsurf', '--url', url], { home: broken });
    expect(failed.exitCode).toBe(1);
    expect(failed.stdout).toMatch(/✗ Devin Desktop Cascade \(Windsurf\) +failed/);
    expect(failed.stdout).not.toMatch(/reach|written/);
  });
});

describe('remove --client all', () => {
  it('covers the clients that have an Intercom entry, and says "nothing to remove" when none has', async () => {
    const home = await tempHome();
    const empty = await runCli(['remove', '--client', 'all'], { home });
    expect(empty.exitCode).toBe(0);
    expect(empty.stdout).toMatch(/^Nothing to remove: no client has an Intercom entry/);
    expect(empty.stdout).not.toMatch(/install|up to date/i);
    expect(JSON.parse((await runCli(['remove', '--client', 'all', '--json'], { home })).stdout)).toEqual({ results: [] });

    await write(
      path.join(home, '.cursor', 'mcp.json'),
      JSON.stringify({ mcpServers: { intercom: { url: 'https://mcp.intercom.com/mcp' }, other: { command: 'x' } } }),
    );
    await write(path.join(home, '.codeium', 'windsurf', 'mcp_config.json'), JSON.stringify({ mcpServers: { other: { command: 'x' } } }));
    const removed = await runCli(['remove', '--client', 'all', '--json'], { home });
    expect(removed.exitCode).toBe(0);
    expect(JSON.parse(removed.stdout).results.map((row: { client: string; action: string }) => [row.client, row.action])).toEqual([['cursor', 'removed']]);
    expect(JSON.parse(await readFile(path.join(home, '.cursor', 'mcp.json'), 'utf8'))).toEqual({ mcpServers: { other: { command: 'x' } } });
  });

  it('a named client without an entry or without a file: nothing to remove, never "install it"', async () => {
    const home = await tempHome();
    await write(path.join(home, '.cursor', 'mcp.json'), '{ "mcpServers": {} }\n');
    const result = await runCli(['remove', '--client', 'cursor,cline,roo-code'], { home });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/Cursor +nothing to remove +~\/\.cursor\/mcp\.json/);
    expect(result.stdout).toContain('nothing to remove: Cline has no user-scope config file here');
    expect(result.stdout).not.toMatch(/install|up to date/i);
    expect(await readdir(path.join(home, '.cursor'))).toEqual(['mcp.json']);
  });
});

describe('doctor --fix checks again', () => {
  it('a run whose fixes resolved every failure exits 0 and says so', async () => {
    const home = await tempHome();
    const file = path.join(home, '.codeium', 'windsurf', 'mcp_config.json');
    await write(file, JSON.stringify({ mcpServers: { Intercom: LEGACY } }));
    const fixed = await runCli(['doctor', '--fix', '--offline', '--client', 'windsurf'], { home, env: AT_80 });
    expect(fixed.exitCode).toBe(0);
    expect(fixed.stdout).toContain('Devin Desktop Cascade (Windsurf): entry updated');
    expect(flat(fixed.stdout)).toContain('--fix rewrote the broken entries and checked them again: every failure is resolved.');
    expect(flat(fixed.stdout)).toContain('[✓] Devin Desktop Cascade (Windsurf): "intercom" in ~/.codeium/windsurf/mcp_config.json is correct');
    expect(fixed.stdout).not.toContain('will not work');
    const json = JSON.parse((await runCli(['doctor', '--fix', '--offline', '--client', 'windsurf', '--json'], { home })).stdout);
    expect(json.ok).toBe(true);
  });
});

describe('doctor --json with two endpoints', () => {
  it("each network check carries the URL it probed, so two endpoints' checks can be told apart", async () => {
    const home = await tempHome();
    await write(path.join(home, '.cursor', 'mcp.json'), JSON.stringify({ mcpServers: { intercom: { url: 'https://mcp.intercom.com/mcp' } } }));
    await write(
      path.join(home, '.codeium', 'windsurf', 'mcp_config.json'),
      JSON.stringify({ mcpServers: { intercom: { serverUrl: 'https://mcp.eu.intercom.com/sse' } } }),
    );
    const result = await runCli(['doctor', '--json', '--offline'], { home });
    const report = JSON.parse(result.stdout) as { checks: Array<{ id: string; url?: string }> };
    const network = report.checks.filter((check) => check.id === 'network');
    expect(network.map((check) => check.url).sort()).toEqual(['https://mcp.eu.intercom.com/sse', 'https://mcp.intercom.com/mcp']);
    expect(report.checks.filter((check) => check.id !== 'network').every((check) => check.url === undefined)).toBe(true);

    // Probed for real (two loopback endpoints of the fixture): every step says which URL it was.
    const { networkCheckList } = await import('../../src/doctor/connectivity.js');
    const { currentPlatform } = await import('../../src/core/platform.js');
    const platform = currentPlatform({ HOME: home, PATH: SYSTEM_PATH });
    const checks = (await Promise.all([fixture.mcpUrl, fixture.sseUrl].map((url) => networkCheckList(platform, url, 3000)))).flat();
    expect(checks.filter((check) => check.id === 'net.http').map((check) => check.url)).toEqual([fixture.mcpUrl, fixture.sseUrl]);
    const keys = checks.map((check) => `${check.id} ${check.url}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
