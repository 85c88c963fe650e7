/**
 * Each client's own program, asked what MCP servers it reads. One function per client with a
 * program that runs offline here: it runs the pinned program (test/real-programs.json, installed on
 * first use by ./real-programs.ts) with HOME set to `home`, in `cwd` (a project) if given, and
 * returns the servers it lists, parsed, or throws with the program's output when the program fails.
 *
 * Offline: every run gets a clean environment (./cli.ts's cleanEnv: HOME, PATH with node and the
 * system tools, CI=true, NO_COLOR=1, no XDG/APPDATA), the client's own switches that turn off update
 * checks, telemetry and model lists (PROGRAM_ENV below; where a client has no switch, its service
 * URL is pointed at 127.0.0.1:9, where nothing listens), a time limit, and, where the machine allows
 * it, a network namespace of its own (`unshare -n`: no interface but a loopback that is down), so
 * that nothing a program tries (`cline` and `cn` send telemetry and version checks that no switch
 * turns off; several `mcp list` commands connect to each server) leaves the machine. What each
 * program looked up without the namespace (traced with strace, the switches set) is in
 * test/e2e/readers.e2e.test.ts.
 */
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { cleanEnv } from './cli.js';
import { binOf, realProgram, type ProgramName } from './real-programs.js';

type Transport = 'stdio' | 'sse' | 'http';

/** The top of a Continue config.yaml as a person has it: a model (cn -p needs one; at 127.0.0.1:9, never reached). */
export const CONTINUE_PREAMBLE = `name: Local Assistant   # mine
version: 1.0.0
schema: v1
models:
  - name: local
    provider: openai
    model: gpt-4o
    apiKey: not-a-key
    apiBase: http://127.0.0.1:9/v1
`;

export interface ListedServer {
  name: string;
  transport: Transport;
  url?: string;
  command?: string;
  args?: string[];
  /** The program's own word for the kind when it is not one of ours (`remote`, `url`, `streamableHttp`, `local`, …). */
  kind?: string;
  /** Where the program says it found the server (user, project, workspace, …), when it says. */
  scope?: string;
}

/** The servers, with everything the program printed (stdout and stderr) for assertions on its warnings. */
export type Listing = ListedServer[] & { output: string };

export interface ReaderOptions {
  home: string;
  /** The folder the program runs in (a project); default `home`. */
  cwd?: string;
  /** More environment (a client's own override such as CODEX_HOME, COPILOT_HOME, …). */
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

interface ProgramRun {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved. */
  all: string;
}

/** Nothing listens on port 9 (discard) here: a program pointed at it fails at once, on this machine. */
const NOWHERE = 'http://127.0.0.1:9';

/**
 * Per program: the switches that keep it off the network (each checked with strace: with them, the
 * program's read commands look up no host but the MCP servers they were asked to check).
 */
const PROGRAM_ENV: Partial<Record<ProgramName, Record<string, string>>> = {
  claude: { CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', DISABLE_AUTOUPDATER: '1', DISABLE_TELEMETRY: '1', MCP_TIMEOUT: '2000' },
  gemini: { GEMINI_CLI_NO_RELAUNCH: 'true' },
  codex: {},
  opencode: {
    OPENCODE_DISABLE_AUTOUPDATE: '1',
    OPENCODE_DISABLE_MODELS_FETCH: '1',
    OPENCODE_DISABLE_SHARE: '1',
    OPENCODE_DISABLE_LSP_DOWNLOAD: '1',
    OPENCODE_DISABLE_DEFAULT_PLUGINS: '1',
  },
  kilo: {
    KILO_TELEMETRY_LEVEL: 'off',
    KILO_DISABLE_AUTOUPDATE: '1',
    KILO_DISABLE_MODELS_FETCH: '1',
    KILO_DISABLE_SHARE: '1',
    KILO_DISABLE_LSP_DOWNLOAD: '1',
    KILO_DISABLE_DEFAULT_PLUGINS: '1',
    KILO_DISABLE_CODEBASE_INDEXING: '1',
    KILO_DISABLE_PRESENCE: '1',
    KILO_DISABLE_SESSION_INGEST: '1',
  },
  copilot: { COPILOT_AUTO_UPDATE: 'false' },
  qwen: { QWEN_CODE_NO_RELAUNCH: 'true' },
  auggie: {},
  droid: { FACTORY_API_BASE_URL: NOWHERE, FACTORY_TELEMETRY_INGEST_BASE_URL: NOWHERE, FACTORY_DROID_AUTO_UPDATE_ENABLED: 'false' },
  amp: { AMP_URL: NOWHERE },
  cline: {},
  cn: { CONTINUE_API_BASE: `${NOWHERE}/`, CONTINUE_CLI_ENABLE_TELEMETRY: '0', CONTINUE_METRICS_ENABLED: '0' },
};

let sandbox: Promise<string[]> | undefined;

/** `unshare -n` (as root) or `unshare -rn` (a user namespace), whichever runs here; [] where neither does. */
function offlineSandbox(): Promise<string[]> {
  sandbox ??= (async () => {
    for (const prefix of [
      ['unshare', '-n'],
      ['unshare', '-rn'],
    ]) {
      const probe = await execa(prefix[0] ?? '', [...prefix.slice(1), 'true'], { reject: false, timeout: 5_000 });
      if (probe.exitCode === 0) return prefix;
    }
    console.warn('readers: neither `unshare -n` nor `unshare -rn` works here; the real programs run without a network namespace of their own');
    return [];
  })();
  return sandbox;
}

/** Runs a pinned program offline (see the file's comment), bounded in time. */
async function runProgram(name: ProgramName, args: string[], options: ReaderOptions): Promise<ProgramRun> {
  const program = await realProgram(name);
  const bin = binOf(program);
  const extra: Record<string, string> = { ...PROGRAM_ENV[name] };
  if (name === 'copilot' && program.dir) {
    // The Copilot CLI unpacks 235 MB into ~/.cache/copilot on its first run in a home: once, beside the install.
    extra.COPILOT_PKG_CACHE_HOME = path.join(program.dir, 'copilot-pkg-cache');
  }
  const prefix = await offlineSandbox();
  const timeout = options.timeoutMs ?? 60_000;
  const [file, ...rest] = [...prefix, bin, ...args];
  const result = await execa(file ?? bin, rest, {
    cwd: options.cwd ?? options.home,
    // npm_config_offline: a stdio entry that runs `npx -y mcp-remote` fails at once, not after npm's retries.
    env: cleanEnv(options.home, { TERM: 'dumb', npm_config_offline: 'true', ...extra, ...options.env }),
    extendEnv: false,
    reject: false,
    input: '',
    all: true,
    timeout,
  });
  const run = { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr), all: String(result.all) };
  if (result.timedOut) throw new ProgramError(`${name} ${args.join(' ')} did not finish within ${timeout / 1000} s`, run);
  return run;
}

class ProgramError extends Error {
  constructor(
    message: string,
    readonly run: ProgramRun,
  ) {
    super(`${message}\n--- its output (exit ${run.exitCode}) ---\n${run.all}`);
  }
}

function expectSuccess(name: string, args: string[], run: ProgramRun): void {
  if (run.exitCode !== 0) throw new ProgramError(`${name} ${args.join(' ')} failed`, run);
}

function listing(servers: ListedServer[], output: string): Listing {
  return Object.assign(servers, { output });
}

const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;
const plain = (text: string) => text.replace(ANSI, '');

function parseJson<T>(name: string, args: string[], run: ProgramRun, text = run.stdout): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ProgramError(`${name} ${args.join(' ')} did not print JSON`, run);
  }
}

/** "npx -y mcp-remote URL" → npx, [-y, mcp-remote, URL] (for programs that print a command as one line). */
function splitCommand(line: string): { command: string; args: string[] } {
  const [command = '', ...args] = line.trim().split(/\s+/);
  return { command, args };
}

// ---- Claude Code ----------------------------------------------------------------------------------

/**
 * `claude mcp list` for the names (it checks each server's health: offline, each fails at once),
 * then `claude mcp get NAME` for each: Type, URL, Command, Args, Scope. The entries it skipped are
 * in its "MCP config diagnostics" (in `output`).
 */
export async function readClaudeCode(options: ReaderOptions): Promise<Listing> {
  const list = await runProgram('claude', ['mcp', 'list'], options);
  expectSuccess('claude', ['mcp', 'list'], list);
  const names = [...plain(list.stdout).matchAll(/^([^\s:]+): .* - \S/gm)].map((match) => match[1] ?? '');
  const servers: ListedServer[] = [];
  let output = list.all;
  for (const name of names) {
    const get = await runProgram('claude', ['mcp', 'get', name], options);
    expectSuccess('claude', ['mcp', 'get', name], get);
    output += `\n${get.all}`;
    const field = (key: string) => new RegExp(`^ {2}${key}: (.*)$`, 'm').exec(plain(get.stdout))?.[1];
    const type = field('Type') ?? '';
    const server: ListedServer = { name, transport: type === 'stdio' ? 'stdio' : type === 'sse' ? 'sse' : 'http', kind: type, scope: field('Scope') };
    if (type !== 'stdio' && type !== 'sse' && type !== 'http') throw new ProgramError(`claude mcp get ${name}: unknown Type "${type}"`, get);
    if (type === 'stdio') {
      server.command = field('Command');
      server.args = field('Args')?.split(' ').filter(Boolean) ?? [];
    } else server.url = field('URL');
    servers.push(server);
  }
  return listing(servers, output);
}

// ---- Gemini CLI and Qwen Code (a fork: the same list) -----------------------------------------------

/** "○ name: target (type) - Status", Gemini on stderr, Qwen on stdout, Qwen in colour. */
function parseGeminiList(text: string): ListedServer[] {
  return [...plain(text).matchAll(/^[○✓✗…⏳] (\S+): (.+) \((stdio|sse|http)\) - /gm)].map((match) => {
    const [, name = '', target = '', type = 'stdio'] = match;
    return type === 'stdio' ? { name, transport: 'stdio', ...splitCommand(target) } : { name, transport: type as Transport, url: target };
  });
}

/**
 * `gemini mcp list`: in a folder that is not trusted it lists without connecting ("Disabled");
 * an entry its schema refuses is reported as "Invalid configuration" (kept in `output`).
 */
export async function readGeminiCli(options: ReaderOptions): Promise<Listing> {
  const run = await runProgram('gemini', ['mcp', 'list'], options);
  expectSuccess('gemini', ['mcp', 'list'], run);
  return listing(parseGeminiList(run.all), run.all);
}

/** `qwen mcp list`: connects to each server (offline: each "Disconnected") and prints its transport. */
export async function readQwenCode(options: ReaderOptions): Promise<Listing> {
  const run = await runProgram('qwen', ['mcp', 'list'], options);
  expectSuccess('qwen', ['mcp', 'list'], run);
  return listing(parseGeminiList(run.all), run.all);
}

// ---- Codex ----------------------------------------------------------------------------------------

interface CodexServer {
  name: string;
  transport: { type: string; url?: string; command?: string; args?: string[] };
}

/** `codex mcp list --json` (CODEX_HOME, when set, must exist). */
export async function readCodex(options: ReaderOptions): Promise<Listing> {
  const args = ['mcp', 'list', '--json'];
  const run = await runProgram('codex', args, options);
  expectSuccess('codex', args, run);
  const servers = parseJson<CodexServer[]>('codex', args, run).map(({ name, transport }): ListedServer => {
    if (transport.type === 'stdio') return { name, transport: 'stdio', command: transport.command, args: transport.args ?? [], kind: transport.type };
    return { name, transport: transport.type === 'sse' ? 'sse' : 'http', url: transport.url, kind: transport.type };
  });
  return listing(servers, run.all);
}

// ---- OpenCode and Kilo (a fork) ------------------------------------------------------------------------

interface OpenCodeEntry {
  type: 'remote' | 'local';
  url?: string;
  command?: string[];
  enabled?: boolean;
}

/**
 * `<opencode|kilo> debug config`: the configuration it resolved (user, project, overrides), as
 * JSON, after its schema check (an entry it refuses makes it exit 1 with "Configuration is
 * invalid"). A `remote` server is tried as Streamable HTTP, then SSE: listed as `http`, kind
 * `remote`.
 */
async function readOpenCodeLike(program: 'opencode' | 'kilo', options: ReaderOptions): Promise<Listing> {
  const args = ['debug', 'config'];
  const run = await runProgram(program, args, options);
  expectSuccess(program, args, run);
  const config = parseJson<{ mcp?: Record<string, OpenCodeEntry> }>(program, args, run);
  const servers = Object.entries(config.mcp ?? {}).map(([name, entry]): ListedServer => {
    if (entry.type === 'local') {
      const [command, ...rest] = entry.command ?? [];
      return { name, transport: 'stdio', command, args: rest, kind: 'local' };
    }
    return { name, transport: 'http', url: entry.url, kind: entry.type };
  });
  return listing(servers, run.all);
}

export const readOpenCode = (options: ReaderOptions) => readOpenCodeLike('opencode', options);
export const readKilo = (options: ReaderOptions) => readOpenCodeLike('kilo', options);

/** `<opencode|kilo> mcp list`: the names and the status of each connection (offline: "failed"). */
export async function opencodeMcpList(program: 'opencode' | 'kilo', options: ReaderOptions): Promise<{ name: string; status: string; target: string }[]> {
  const run = await runProgram(program, ['mcp', 'list'], options);
  expectSuccess(program, ['mcp', 'list'], run);
  return [...plain(run.stdout).matchAll(/^● {2}[✓✗○] (\S+) (\S+)\n│ {6}.*\n│ {6}(.*)$/gm)].map(([, name = '', status = '', target = '']) => ({
    name,
    status,
    target,
  }));
}

// ---- GitHub Copilot CLI -------------------------------------------------------------------------------

/**
 * `copilot mcp list --json`: user (~/.copilot/mcp-config.json or COPILOT_HOME) and workspace
 * (.mcp.json, .github/mcp.json: only in a trusted folder) servers.
 */
export async function readCopilotCli(options: ReaderOptions): Promise<Listing> {
  const args = ['mcp', 'list', '--json'];
  const run = await runProgram('copilot', args, options);
  expectSuccess('copilot', args, run);
  const parsed = parseJson<{ mcpServers: Record<string, { type: string; url?: string; command?: string; args?: string[]; source?: string }> }>(
    'copilot',
    args,
    run,
  );
  const servers = Object.entries(parsed.mcpServers).map(([name, entry]): ListedServer => {
    const common = { name, kind: entry.type, scope: entry.source };
    if (entry.type === 'local' || entry.type === 'stdio') return { ...common, transport: 'stdio', command: entry.command, args: entry.args ?? [] };
    return { ...common, transport: entry.type === 'sse' ? 'sse' : 'http', url: entry.url };
  });
  return listing(servers, run.all);
}

// ---- Auggie ------------------------------------------------------------------------------------------

/** `auggie mcp list --json` (a stdio server's command and args come as one line). */
export async function readAuggie(options: ReaderOptions): Promise<Listing> {
  const args = ['mcp', 'list', '--json'];
  const run = await runProgram('auggie', args, options);
  expectSuccess('auggie', args, run);
  const parsed = parseJson<{ servers: { name: string; transport: string; url?: string; command?: string; source?: string }[] }>('auggie', args, run);
  const servers = parsed.servers.map(({ name, transport, url, command, source }): ListedServer => {
    if (transport === 'stdio') return { name, transport: 'stdio', ...splitCommand(command ?? ''), scope: source };
    return { name, transport: transport === 'sse' ? 'sse' : 'http', url, kind: transport, scope: source };
  });
  return listing(servers, run.all);
}

// ---- Factory Droid -------------------------------------------------------------------------------------

/**
 * `droid mcp list` prints each server's name, transport, status and scope, not its URL; it
 * connects to each, and its log (`~/.factory/logs/droid-log-single.log`, or under
 * FACTORY_HOME_OVERRIDE) names the URL it connected to: taken from the lines this run added.
 */
export async function readDroid(options: ReaderOptions): Promise<Listing> {
  const factoryHome = options.env?.FACTORY_HOME_OVERRIDE ?? options.home;
  const log = path.join(factoryHome, '.factory', 'logs', 'droid-log-single.log');
  const before = existsSync(log) ? (await stat(log)).size : 0;
  const run = await runProgram('droid', ['mcp', 'list'], options);
  expectSuccess('droid', ['mcp', 'list'], run);
  const added = existsSync(log) ? (await readFile(log)).subarray(before).toString('utf8') : '';
  const urls = new Map<string, string>();
  for (const match of added.matchAll(/Context: \{"name":"([^"]+)",(?:"type":"[^"]*",)?"url":"([^"]+)"/g)) urls.set(match[1] ?? '', match[2] ?? '');
  const servers = [...plain(run.stdout).matchAll(/^ {2}(\S+) {2}(stdio|http|sse) {2}.*?(?: {2}\[(\w+)\])?$/gm)].map(
    ([, name = '', transport = '', scope]): ListedServer => {
      const server: ListedServer = { name, transport: transport as Transport, scope };
      if (transport !== 'stdio' && urls.has(name)) server.url = urls.get(name);
      return server;
    },
  );
  return listing(servers, `${run.all}\n--- droid-log-single.log (this run) ---\n${added}`);
}

// ---- Amp --------------------------------------------------------------------------------------------

/**
 * `amp mcp list --json`: global (~/.config/amp/settings.json, AMP_SETTINGS_FILE) and workspace
 * (.amp/settings.json) servers; a `url` server's transport is chosen when it connects: listed as
 * `http`, kind `url`.
 */
export async function readAmp(options: ReaderOptions): Promise<Listing> {
  const args = ['mcp', 'list', '--json'];
  const run = await runProgram('amp', args, options);
  expectSuccess('amp', args, run);
  const parsed = parseJson<{ name: string; type: string; source: string; spec: { url?: string; command?: string; args?: string[] } }[]>('amp', args, run);
  const servers = parsed.map(({ name, type, source, spec }): ListedServer => {
    if (type === 'command') return { name, transport: 'stdio', command: spec.command, args: spec.args ?? [], kind: type, scope: source };
    return { name, transport: 'http', url: spec.url, kind: type, scope: source };
  });
  return listing(servers, run.all);
}

// ---- Cline CLI ---------------------------------------------------------------------------------------

/**
 * `cline config mcp --json` gives each server's name and the transport Cline uses (after its own
 * rewrites), not the URL. The URL comes from the same install's `@cline/core`
 * (`resolveMcpServerRegistrations()`, the function the CLI's MCP loading uses), run by node with
 * the same environment; the two must agree on the transport.
 */
export async function readCline(options: ReaderOptions): Promise<Listing> {
  const args = ['config', 'mcp', '--json'];
  const run = await runProgram('cline', args, options);
  expectSuccess('cline', args, run);
  const listed = parseJson<{ name: string; transportType: string; disabled: boolean; path: string }[]>('cline', args, run);

  const cline = await realProgram('cline');
  const core = path.join(cline.dir ?? '', 'node_modules', '@cline', 'core', 'dist', 'index.js');
  const script = `const m = await import(${JSON.stringify(pathToFileURL(core).href)}); process.stdout.write(JSON.stringify(m.resolveMcpServerRegistrations())); process.exit(0);`;
  const prefix = await offlineSandbox();
  const resolved = await execa(
    prefix[0] ?? process.execPath,
    [...prefix.slice(1), ...(prefix.length ? [process.execPath] : []), '--input-type=module', '-e', script],
    {
      cwd: options.cwd ?? options.home,
      env: cleanEnv(options.home, options.env),
      extendEnv: false,
      reject: false,
      timeout: options.timeoutMs ?? 60_000,
      all: true,
    },
  );
  const coreRun = { exitCode: resolved.exitCode, stdout: String(resolved.stdout), stderr: String(resolved.stderr), all: String(resolved.all) };
  if (resolved.exitCode !== 0) throw new ProgramError("@cline/core's resolveMcpServerRegistrations() failed", coreRun);
  const registrations = parseJson<{ name: string; transport: { type: string; url?: string; command?: string; args?: string[] } }[]>('@cline/core', [], coreRun);

  const servers = listed.map(({ name, transportType }): ListedServer => {
    const registration = registrations.find((entry) => entry.name === name);
    if (registration?.transport.type !== transportType) {
      throw new ProgramError(`cline lists ${name} as ${transportType}, @cline/core resolves it as ${registration?.transport.type ?? 'nothing'}`, run);
    }
    const { transport } = registration;
    if (transportType === 'stdio') return { name, transport: 'stdio', command: transport.command, args: transport.args ?? [], kind: transportType };
    return { name, transport: transportType === 'sse' ? 'sse' : 'http', url: transport.url, kind: transportType };
  });
  return listing(servers, `${run.all}\n--- @cline/core ---\n${coreRun.all}`);
}

// ---- Continue (cn) -----------------------------------------------------------------------------------

/**
 * `cn -p` loads the config (`$CONTINUE_GLOBAL_DIR/config.yaml`, default ~/.continue/config.yaml;
 * it needs a model there to get as far as the MCP servers) and connects to each MCP server before
 * the prompt; offline each fails and `cn` reports them one per line ("name: error"), or refuses the
 * file ("Failed to parse config: …": thrown). The transport comes from the error (`SSE error` is
 * an SSE connection, `Connection closed`/spawn errors a process, anything else Streamable HTTP),
 * checked against the entry that the pinned `@continuedev/config-yaml` schema parses from the
 * same file, which also gives the URL and command.
 */
export async function readContinue(options: ReaderOptions): Promise<Listing> {
  const args = ['-p', 'Reply OK.'];
  const run = await runProgram('cn', args, options);
  // It prints {"status":"error","message":"…"} (on stderr); the servers are the lines after
  // "MCP server(s) failed to load:" up to a blank line (a server's own stderr may follow).
  const line = run.all.split('\n').find((text) => text.startsWith('{"status":"error"'));
  const message = line ? ((JSON.parse(line) as { message?: string }).message ?? '') : '';
  const head = 'MCP server(s) failed to load:\n';
  if (!message.startsWith(head)) throw new ProgramError('cn -p did not report its MCP servers', run);
  const failures = message
    .slice(head.length)
    .split('\n\n')[0]!
    .split('\n')
    .map((text) => {
      const at = text.indexOf(': ');
      return { name: text.slice(0, at), error: text.slice(at + 2) };
    });

  const globalDir = options.env?.CONTINUE_GLOBAL_DIR ?? path.join(options.home, '.continue');
  const entries = await continueEntries(path.join(globalDir, 'config.yaml'));
  const servers = failures.map(({ name, error }): ListedServer => {
    const entry = entries.find((candidate) => candidate.name === name);
    if (!entry) throw new ProgramError(`cn reports ${name}, which the config-yaml schema does not find`, run);
    const transport: Transport = /^SSE error/.test(error) ? 'sse' : /Connection closed|ENOENT|spawn/.test(error) ? 'stdio' : 'http';
    const expected = entry.command ? 'stdio' : entry.type === 'sse' ? 'sse' : entry.type === 'streamable-http' ? 'http' : transport;
    if (expected !== transport) throw new ProgramError(`cn connected to ${name} as ${transport}, its entry says ${entry.type ?? 'no type'}`, run);
    if (transport === 'stdio') return { name, transport, command: entry.command, args: entry.args ?? [], kind: entry.type ?? 'stdio' };
    return { name, transport, url: entry.url, kind: entry.type ?? '(none)' };
  });
  return listing(servers, run.all);
}

interface ContinueServer {
  name: string;
  type?: string;
  url?: string;
  command?: string;
  args?: string[];
}

/** The mcpServers of a Continue config.yaml, through the pinned @continuedev/config-yaml schema (throws its issues). */
async function continueEntries(file: string): Promise<ContinueServer[]> {
  const schema = await continueConfigYamlSchema();
  const result = schema.safeParse(parseYaml(await readFile(file, 'utf8')));
  if (!result.success) throw new Error(`${file} does not match @continuedev/config-yaml's configYamlSchema: ${JSON.stringify(result.error.issues)}`);
  return (result.data.mcpServers ?? []) as ContinueServer[];
}

interface ConfigYamlSchema {
  safeParse(value: unknown): { success: true; data: { mcpServers?: unknown[] } } | { success: false; error: { issues: unknown[] } };
}

/** `configYamlSchema` of the pinned @continuedev/config-yaml (the schema Continue's own tools check config.yaml with). */
export async function continueConfigYamlSchema(): Promise<ConfigYamlSchema> {
  const program = await realProgram('config-yaml');
  if (program.skipped !== undefined) throw new Error(`@continuedev/config-yaml was skipped: ${program.skipped}`);
  const module = (await import(pathToFileURL(path.join(program.packageDir, 'dist', 'index.js')).href)) as { configYamlSchema: ConfigYamlSchema };
  return module.configYamlSchema;
}
