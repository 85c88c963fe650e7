/**
 * How the program answers a mistyped command line (issue 17, "smaller things"): the nearest valid
 * word, client ids in any case, its own words instead of node's parseArgs texts, `help` as a
 * command, and the --url / --region combinations that cannot work refused before anything runs.
 */
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/cli.js';

/** What node:util parseArgs says in its own errors: none of it may reach a person. */
const NODE_TEXTS = /Option '|argument missing|To specify a positional|does not take positional|Unexpected argument '|is ambiguous|ERR_PARSE_ARGS/;

describe('a mistyped command line', () => {
  it.each([
    [['--clinet', 'cursor'], "unknown option '--clinet': did you mean '--client'?"],
    [['doctor', '--ofline'], "unknown option '--ofline': did you mean '--offline'?"],
    [['--client', 'cursr'], 'unknown client "cursr": did you mean cursor?'],
    [['--client', 'cursor,windsruf'], 'unknown client "windsruf": did you mean windsurf?'],
    [['doctr'], 'unknown command "doctr": did you mean "doctor"?'],
    [['cursor'], 'unknown command "cursor": did you mean --client cursor?'],
    [['list', '--fix'], "unknown option '--fix' for list: it is an option of doctor"],
    [['help', 'doctr'], 'unknown command "doctr": did you mean "doctor"?'],
  ])('%j → the nearest valid word', async (args, message) => {
    const home = await tempHome();
    const result = await runCli(args, { home });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(await readdir(home)).toEqual([]);
  });

  it("never shows node's parseArgs texts, whatever is wrong", async () => {
    const home = await tempHome();
    const argvs = [
      ['--url'],
      ['--client'],
      ['--client', '--json'],
      ['--json=yes'],
      ['-x'],
      ['-yx'],
      ['--client', 'cursor', 'extra'],
      ['--', '--client', 'cursor'],
      ['doctor', '--timeout'],
      ['remove', '--client', 'cursor', 'windsurf'],
      ['reset-auth', '--url'],
      ['login', 'now'],
      ['link', '--client'],
      ['list', '--zzz'],
    ];
    for (const args of argvs) {
      const result = await runCli(args, { home });
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(/^intercom-mcp-setup: \S/);
      expect(result.stderr, args.join(' ')).not.toMatch(NODE_TEXTS);
    }
    expect((await runCli(['--url'], { home })).stderr).toContain('--url needs a value, e.g. --url https://mcp.intercom.com/mcp');
    expect((await runCli(['--client', 'cursor', 'windsurf'], { home })).stderr).toContain('unexpected argument "windsurf": did you mean --client windsurf?');
  });

  it('matches client ids in any case', async () => {
    const home = await tempHome();
    const result = await runCli(['--client', 'Cursor,WINDSURF', '--dry-run', '--json'], { home });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).results.map((row: { client: string }) => row.client)).toEqual(['cursor', 'windsurf']);
  });
});

describe('help', () => {
  it('`help` and `help <command>` print the help, like --help', async () => {
    const home = await tempHome();
    const help = await runCli(['help'], { home });
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toBe((await runCli(['--help'], { home })).stdout);
    expect(help.stdout).toContain('Commands');
    const doctor = await runCli(['help', 'doctor'], { home });
    expect(doctor.exitCode).toBe(0);
    expect(doctor.stdout).toBe((await runCli(['doctor', '--help'], { home })).stdout);
    expect(doctor.stdout).toContain('doctor — explain what is wrong');
  });
});

describe('--url and --region that cannot work together', () => {
  it.each([
    [['--url', 'https://mcp.intercom.com', '--client', 'cursor'], 'use https://mcp.intercom.com/mcp (Streamable HTTP) or https://mcp.intercom.com/sse (SSE)'],
    [
      ['--url', 'https://mcp.eu.intercom.com/', '--client', 'cursor'],
      'use https://mcp.eu.intercom.com/mcp (Streamable HTTP) or https://mcp.eu.intercom.com/sse (SSE)',
    ],
    [['doctor', '--url', 'https://mcp.intercom.com/v1'], 'https://mcp.intercom.com/mcp'],
    [
      ['--region', 'eu', '--url', 'https://mcp.intercom.com/sse', '--client', 'cursor'],
      '--region eu contradicts --url https://mcp.intercom.com/sse, a US endpoint',
    ],
    [
      ['--region', 'us', '--url', 'https://mcp.eu.intercom.com/mcp', '--client', 'cursor'],
      '--region us contradicts --url https://mcp.eu.intercom.com/mcp, an EU endpoint',
    ],
  ])('%j is a usage error', async (args, message) => {
    const home = await tempHome();
    const result = await runCli(args, { home });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(message);
    expect(await readdir(home)).toEqual([]);
  });

  it('the region that matches the URL is fine', async () => {
    const home = await tempHome();
    const result = await runCli(['--region', 'eu', '--url', 'https://mcp.eu.intercom.com/mcp', '--client', 'cursor', '--dry-run'], { home });
    expect(result.exitCode, result.stderr).toBe(0);
  });
});
