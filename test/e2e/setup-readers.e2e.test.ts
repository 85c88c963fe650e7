/**
 * What setup writes, read back by each client's own program (pinned in test/real-programs.json,
 * run offline in a temp HOME by test/helpers/readers.ts). Per client: another server is already in
 * the file; our setup writes the entry (the default run, --transport http, and --native where it
 * differs); the program lists `intercom` with the transport and URL we meant and still lists the
 * other server; our remove makes it stop listing `intercom` and leaves the other one.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/cli.js';
import {
  CONTINUE_PREAMBLE,
  readAmp,
  readAuggie,
  readCline,
  readCodex,
  readContinue,
  readCopilotCli,
  readDroid,
  readKilo,
  readOpenCode,
  readQwenCode,
  type ListedServer,
  type Listing,
  type ReaderOptions,
} from '../helpers/readers.js';
import { realProgram, type ProgramName } from '../helpers/real-programs.js';

const SSE = 'https://mcp.intercom.com/sse';
const HTTP = 'https://mcp.intercom.com/mcp';
const bridgeArgs = (url: string) => ['-y', 'mcp-remote', url];

interface Case {
  client: string;
  program: ProgramName;
  read: (options: ReaderOptions) => Promise<Listing>;
  /** The file and the other server in it, in the client's own format. */
  file: string[];
  other: string;
  /** What the program lists for each run; `undefined`: that run gives what the one before gave. */
  expected: { default: Partial<ListedServer>; http: Partial<ListedServer>; native?: Partial<ListedServer>; nativeHttp?: Partial<ListedServer> };
  env?: (home: string) => Record<string, string>;
}

const stdio = (url: string): Partial<ListedServer> => ({ transport: 'stdio', command: 'npx', args: bridgeArgs(url) });

/** A Continue config.yaml as a person has it: a model (readers.ts CONTINUE_PREAMBLE) and a server. */
const CONTINUE_YAML = `${CONTINUE_PREAMBLE}mcpServers:
  - name: linear
    type: streamable-http
    url: https://mcp.linear.app/mcp`;

const CASES: Case[] = [
  {
    client: 'opencode',
    program: 'opencode',
    read: readOpenCode,
    file: ['.config', 'opencode', 'opencode.json'],
    other: JSON.stringify({ mcp: { linear: { type: 'remote', url: 'https://mcp.linear.app/mcp' } } }, null, 2),
    expected: {
      default: stdio(SSE),
      http: stdio(HTTP),
      native: { transport: 'http', kind: 'remote', url: SSE },
      nativeHttp: { transport: 'http', kind: 'remote', url: HTTP },
    },
  },
  {
    client: 'kilo-code',
    program: 'kilo',
    read: readKilo,
    file: ['.config', 'kilo', 'kilo.json'],
    other: JSON.stringify({ mcp: { linear: { type: 'remote', url: 'https://mcp.linear.app/mcp' } } }, null, 2),
    expected: {
      default: stdio(SSE),
      http: stdio(HTTP),
      native: { transport: 'http', kind: 'remote', url: SSE },
      nativeHttp: { transport: 'http', kind: 'remote', url: HTTP },
    },
  },
  {
    client: 'copilot-cli',
    program: 'copilot',
    read: readCopilotCli,
    file: ['.copilot', 'mcp-config.json'],
    other: JSON.stringify({ mcpServers: { linear: { type: 'http', url: 'https://mcp.linear.app/mcp' } } }, null, 2),
    expected: { default: { transport: 'sse', url: SSE }, http: { transport: 'http', url: HTTP } },
  },
  {
    client: 'qwen-code',
    program: 'qwen',
    read: readQwenCode,
    file: ['.qwen', 'settings.json'],
    other: JSON.stringify({ mcpServers: { linear: { httpUrl: 'https://mcp.linear.app/mcp' } } }, null, 2),
    expected: { default: stdio(SSE), http: stdio(HTTP), native: { transport: 'sse', url: SSE }, nativeHttp: { transport: 'http', url: HTTP } },
  },
  {
    client: 'auggie',
    program: 'auggie',
    read: readAuggie,
    file: ['.augment', 'settings.json'],
    other: JSON.stringify({ mcpServers: { linear: { type: 'http', url: 'https://mcp.linear.app/mcp' } } }, null, 2),
    expected: { default: stdio(SSE), http: stdio(HTTP), native: { transport: 'sse', url: SSE }, nativeHttp: { transport: 'http', url: HTTP } },
  },
  {
    client: 'droid',
    program: 'droid',
    read: readDroid,
    file: ['.factory', 'mcp.json'],
    other: JSON.stringify({ mcpServers: { linear: { type: 'http', url: 'https://mcp.linear.app/mcp' } } }, null, 2),
    // droid mcp list names the transport; the URL of a stdio server is not in its output.
    expected: {
      default: { transport: 'stdio' },
      http: { transport: 'stdio' },
      native: { transport: 'sse', url: SSE },
      nativeHttp: { transport: 'http', url: HTTP },
    },
  },
  {
    client: 'amp',
    program: 'amp',
    read: readAmp,
    file: ['.config', 'amp', 'settings.json'],
    other: JSON.stringify({ 'amp.mcpServers': { linear: { url: 'https://mcp.linear.app/mcp' } } }, null, 2),
    expected: {
      default: stdio(SSE),
      http: stdio(HTTP),
      native: { transport: 'http', kind: 'url', url: SSE },
      nativeHttp: { transport: 'http', kind: 'url', url: HTTP },
    },
  },
  {
    client: 'cline',
    program: 'cline',
    read: readCline,
    file: ['.cline', 'data', 'settings', 'cline_mcp_settings.json'],
    other: JSON.stringify({ mcpServers: { linear: { type: 'streamableHttp', url: 'https://mcp.linear.app/mcp' } } }, null, 2),
    // Cline gets its own entry whatever is asked: no --native run of its own.
    expected: { default: { transport: 'sse', kind: 'sse', url: SSE }, http: { transport: 'http', kind: 'streamableHttp', url: HTTP } },
  },
  {
    client: 'continue',
    program: 'cn',
    read: readContinue,
    file: ['.continue', 'config.yaml'],
    other: CONTINUE_YAML,
    expected: { default: stdio(SSE), http: stdio(HTTP), native: { transport: 'sse', url: SSE }, nativeHttp: { transport: 'http', url: HTTP } },
  },
];

async function write(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

function find(listing: Listing, name: string): ListedServer | undefined {
  return listing.find((server) => server.name === name);
}

async function setup(home: string, client: string, extra: string[]): Promise<void> {
  const result = await runCli(['--client', client, '--json', '--no-check', ...extra], { home });
  expect(result.exitCode, result.stdout + result.stderr).toBe(0);
}

describe.each(CASES)('$client: setup, read back by its own program, then remove', (testCase) => {
  it('lists intercom as meant after each run, keeps the other server, and stops listing intercom after remove', async (context) => {
    const program = await realProgram(testCase.program);
    if (program.skipped !== undefined) {
      context.skip(`${testCase.program} ${program.version} could not be installed: ${program.skipped}`);
      return;
    }
    const home = await tempHome(`ims-reader-${testCase.client}-`);
    await write(path.join(home, ...testCase.file), `${testCase.other}\n`);
    const options = { home };
    const runs: Array<[string[], Partial<ListedServer>]> = [
      [[], testCase.expected.default],
      [['--transport', 'http'], testCase.expected.http],
      ...(testCase.expected.native ? [[['--native'], testCase.expected.native] as [string[], Partial<ListedServer>]] : []),
      ...(testCase.expected.nativeHttp ? [[['--native', '--transport', 'http'], testCase.expected.nativeHttp] as [string[], Partial<ListedServer>]] : []),
    ];
    for (const [flags, expected] of runs) {
      await setup(home, testCase.client, flags);
      const listing = await testCase.read(options);
      expect(find(listing, 'intercom'), `${flags.join(' ') || 'default'}\n${listing.output}`).toMatchObject(expected);
      expect(find(listing, 'linear'), listing.output).toBeDefined();
    }
    const removed = await runCli(['remove', '--client', testCase.client, '--json'], { home });
    expect(removed.exitCode, removed.stdout).toBe(0);
    const after = await testCase.read(options);
    expect(find(after, 'intercom'), after.output).toBeUndefined();
    expect(find(after, 'linear'), after.output).toBeDefined();
  }, 240_000);
});

describe('shared and project files, read by their programs', () => {
  it("Codex reads setup's project .codex/config.toml once the project is trusted, as the next step says", async (context) => {
    const program = await realProgram('codex');
    if (program.skipped !== undefined) return context.skip(program.skipped);
    const home = await tempHome('ims-reader-codex-project-');
    const project = path.join(home, 'work', 'app');
    await mkdir(project, { recursive: true });
    const result = await runCli(['--client', 'codex', '--scope', 'project', '--native', '--no-check'], { home, cwd: project });
    expect(result.exitCode).toBe(0);
    // Untrusted: Codex does not read it.
    expect(find(await readCodex({ home, cwd: project }), 'intercom')).toBeUndefined();
    // The step setup printed, done by hand.
    const step = /add (\[projects\."[^"]+"\]) trust_level = "trusted"/.exec(result.stdout);
    expect(step, result.stdout).not.toBeNull();
    await write(path.join(home, '.codex', 'config.toml'), `${step![1]}\ntrust_level = "trusted"\n`);
    expect(find(await readCodex({ home, cwd: project }), 'intercom')).toMatchObject({ transport: 'http', url: HTTP });
  });

  it('the Copilot CLI reads the project .mcp.json that setup wrote for Claude Code and for it (a trusted folder)', async (context) => {
    const program = await realProgram('copilot');
    if (program.skipped !== undefined) return context.skip(program.skipped);
    const home = await tempHome('ims-reader-copilot-project-');
    const project = path.join(home, 'app');
    await write(
      path.join(project, '.mcp.json'),
      `${JSON.stringify({ mcpServers: { linear: { type: 'http', url: 'https://mcp.linear.app/mcp' } } }, null, 2)}\n`,
    );
    const result = await runCli(['--client', 'claude-code,copilot-cli', '--scope', 'project', '--transport', 'http', '--json', '--no-check'], {
      home,
      cwd: project,
    });
    expect(result.exitCode, result.stdout).toBe(0);
    const listing = await readCopilotCli({ home, cwd: project, env: { COPILOT_ALLOW_ALL: 'true' } });
    expect(find(listing, 'intercom'), listing.output).toMatchObject({ transport: 'http', url: HTTP });
    expect(find(listing, 'linear'), listing.output).toBeDefined();
  });
});
