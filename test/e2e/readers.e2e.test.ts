/**
 * Each client's own program reads a hand-written file (the shapes of
 * /work/shared/reference/clients.md) and the reader of test/helpers/readers.ts lists what it read:
 * our `intercom` entry with the transport and URL meant, and another server in the same file. The
 * quirks each program showed are tested too, so that a new version that changes them fails here.
 *
 * Every program runs from the pinned install (test/real-programs.json), in a temp HOME, with
 * cleanEnv (no inherited settings), the switches below, a time limit, and in a network namespace of
 * its own (`unshare -n`). Traced with strace WITHOUT that namespace and WITH the switches, the read
 * commands looked up no host except the MCP servers that a `list` connects to; without the
 * switches they looked up: opencode models.opencode.ai; kilo models.dev and us.i.posthog.com;
 * droid api.factory.ai; amp ampcode.com; cline otel.cline.bot (hard-wired, no switch); cn
 * api.continue.dev (its version check, hard-wired, no switch). Claude, Gemini, Codex, Copilot,
 * Qwen and Auggie looked up nothing of their own.
 *
 * Per client: the command, the environment, what it did.
 *
 * - Claude Code 2.1.332 (`@anthropic-ai/claude-code`): `claude mcp list` (names; checks each
 *   server's health), `claude mcp get NAME` (Type, URL, Command, Args). Env:
 *   CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 DISABLE_AUTOUPDATER=1 DISABLE_TELEMETRY=1
 *   MCP_TIMEOUT=2000. Quirk: a bare `{url}` is skipped, with a warning in "MCP config diagnostics".
 * - Gemini CLI 0.61.0 (`@google/gemini-cli`): `gemini mcp list`, on stderr. Env:
 *   GEMINI_CLI_NO_RELAUNCH=true. In an untrusted folder it lists without connecting ("Disabled").
 *   Quirk: a bare `{url}` is read as http (Streamable HTTP), `httpUrl` too.
 * - Codex 0.169.0 (`@openai/codex`): `codex mcp list --json`. Env: CODEX_HOME (optional; must
 *   exist). Reads a project's .codex/config.toml only when the user config trusts the project
 *   (`[projects."<path>"] trust_level = "trusted"`), git repository or not.
 * - OpenCode 1.18.33 (`opencode-ai`): `opencode debug config` (resolved config, JSON; exit 1 with
 *   "Configuration is invalid" for an entry its schema refuses), `opencode mcp list` (names and
 *   connection status, no transport). Env: OPENCODE_DISABLE_AUTOUPDATE, _MODELS_FETCH, _SHARE,
 *   _LSP_DOWNLOAD, _DEFAULT_PLUGINS = 1. Quirks: a Cursor-style `{url}` makes the whole config
 *   invalid; it inserts `"$schema": "https://opencode.ai/config.json"` at the top of the user's and
 *   the project's opencode.json on every start when it is missing (rest of the text kept); it reads
 *   the project's opencode.json and .opencode/opencode.jsonc without a git repository;
 *   OPENCODE_CONFIG_DIR adds a config folder. A `remote` server is tried as Streamable HTTP, then
 *   SSE (its error for an unreachable /mcp URL is "SSE error").
 * - Kilo 7.7.7 (`@kilocode/cli` + `@kilocode/cli-linux-x64`): `kilo debug config`, `kilo mcp
 *   list`, as OpenCode. Env: KILO_TELEMETRY_LEVEL=off (anything but "all" turns PostHog off) and
 *   KILO_DISABLE_AUTOUPDATE, _MODELS_FETCH, _SHARE, _LSP_DOWNLOAD, _DEFAULT_PLUGINS,
 *   _CODEBASE_INDEXING, _PRESENCE, _SESSION_INGEST = 1. Quirks: it REWRITES its config files on
 *   start: kilo.json and opencode.json in ~/.config/kilo are pretty-printed with `$schema` added, and
 *   the first run adds `"permission": {"bash": "allow"}` (a one-time migration, marked by
 *   ~/.config/kilo/.bash-permission-migrated); comments in kilo.jsonc survive. It reads
 *   opencode.json beside kilo.json. KILO_CONFIG_DIR adds a config folder.
 * - GitHub Copilot CLI 1.0.102 (`@github/copilot`): `copilot mcp list --json` (and `mcp get NAME`).
 *   Env: COPILOT_AUTO_UPDATE=false; COPILOT_PKG_CACHE_HOME beside the install (it unpacks 235 MB
 *   into ~/.cache/copilot on the first run in each home otherwise). Quirks: a bare `{url}` is read as
 *   http; a project's .mcp.json is read only in a trusted folder (`trusted_folders` in
 *   ~/.copilot/config.json, or COPILOT_ALLOW_ALL=true); COPILOT_HOME replaces ~/.copilot.
 * - Qwen Code 0.15.10 (`@qwen-code/qwen-code`): `qwen mcp list` (connects to each server, prints
 *   in colour whatever NO_COLOR says). Env: QWEN_CODE_NO_RELAUNCH=true. Quirk (as clients.md
 *   says): `{"url", "type": "http"}` is read as SSE; `httpUrl` is http; `{url}` is SSE. QWEN_HOME
 *   replaces ~/.qwen. The project's .qwen/settings.json is read without a trust step.
 * - Auggie 0.36.0 (`@augmentcode/auggie`): `auggie mcp list --json` (a stdio command comes as one
 *   line). No switch needed (it warns that it cannot fetch tenant servers without an API URL). A
 *   bare `{url}` is http. It reads the project's .augment/settings.json (and labels it "user").
 * - Factory Droid 0.225.1 (`@factory/cli`, binary from `@factory/cli-linux-x64` 0.225.2: the
 *   0.225.1 platform package does not exist): `droid mcp list` (name, transport, status, scope; no
 *   URL: the URL is taken from its log, ~/.factory/logs/droid-log-single.log). Env:
 *   FACTORY_API_BASE_URL and FACTORY_TELEMETRY_INGEST_BASE_URL=http://127.0.0.1:9,
 *   FACTORY_DROID_AUTO_UPDATE_ENABLED=false. Quirk (as clients.md says): a bare `{url}` is read as
 *   stdio. FACTORY_HOME_OVERRIDE replaces the HOME (it reads <override>/.factory/mcp.json).
 * - Amp 0.0.1790142911-g7618fb (`@ampcode/cli`): `amp mcp list --json` (type `url` or `command`).
 *   Env: AMP_URL=http://127.0.0.1:9 (else it asks ampcode.com for the account's servers). It lists
 *   a workspace .amp/settings.json (approval is asked only when it starts one). AMP_SETTINGS_FILE
 *   replaces the global file.
 * - Cline 3.0.65 (`cline`): `cline config mcp --json` (name and transport, no URL); the URL from
 *   the same install's @cline/core `resolveMcpServerRegistrations()`. No switch turns its telemetry
 *   off: the namespace keeps it in. Quirks (as clients.md says): the exact
 *   `{"command":"npx","args":["-y","mcp-remote",URL]}` is read as Streamable HTTP to URL, the /sse
 *   URL included (it then POSTs to /sse); with `env` or another argument it stays stdio; a bare
 *   `{url}` is SSE. CLINE_DIR and CLINE_MCP_SETTINGS_PATH move the file.
 * - Continue 1.5.47 (`@continuedev/cli`, `cn`): `cn -p` (needs a model in the file to get to the
 *   MCP servers: the tests' files have one at 127.0.0.1:9), checked against
 *   `@continuedev/config-yaml` 1.42.0's `configYamlSchema`. Env: CONTINUE_API_BASE=127.0.0.1:9,
 *   CONTINUE_CLI_ENABLE_TELEMETRY=0, CONTINUE_METRICS_ENABLED=0 (its version check to
 *   api.continue.dev is hard-wired). Quirks: `type: http` is refused ("Failed to parse config");
 *   an entry with a url and no type is SSE. CONTINUE_GLOBAL_DIR replaces ~/.continue.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempHome } from '../helpers/cli.js';
import {
  continueConfigYamlSchema,
  opencodeMcpList,
  readAmp,
  readAuggie,
  readClaudeCode,
  readCline,
  readCodex,
  readContinue,
  readCopilotCli,
  readDroid,
  readGeminiCli,
  readKilo,
  readOpenCode,
  readQwenCode,
  type Listing,
  type ListedServer,
} from '../helpers/readers.js';
import { PROGRAM_NAMES, realPrograms, type RealProgram } from '../helpers/real-programs.js';
import { parse as parseYaml } from 'yaml';

const SSE = 'https://mcp.intercom.com/sse';
const HTTP = 'https://mcp.intercom.com/mcp';
const OTHER = 'https://example.invalid/mcp';
const OTHER_SSE = 'https://example.invalid/sse';
const SLOW = { timeout: 180_000 };

const programs = await realPrograms(PROGRAM_NAMES);
const missing = (program: RealProgram) => program.skipped !== undefined;

let home: string;

beforeEach(async () => {
  home = await tempHome('ims-readers-');
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

async function write(relative: string, content: unknown, base = home): Promise<string> {
  const file = path.join(base, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  return file;
}

/** The servers, by name, without the fields the program adds (scope, kind) unless asked. */
function byName(list: Listing, keep: Array<keyof ListedServer> = ['name', 'transport', 'url', 'command', 'args']): Record<string, Partial<ListedServer>> {
  const result: Record<string, Partial<ListedServer>> = {};
  for (const server of list) {
    const picked: Partial<ListedServer> = {};
    for (const key of keep) if (server[key] !== undefined) (picked as Record<string, unknown>)[key] = server[key];
    result[server.name] = picked;
  }
  return result;
}

// ---- Claude Code -------------------------------------------------------------------------------------

describe.skipIf(missing(programs.claude))('Claude Code 2.1.332 (claude mcp list / get)', SLOW, () => {
  it('lists our SSE entry and another HTTP server, a stdio one with its args; skips a bare {url} and says so', async () => {
    await write('.claude.json', {
      mcpServers: {
        intercom: { type: 'sse', url: SSE },
        other: { type: 'http', url: OTHER },
        bridge: { command: 'npx', args: ['-y', 'mcp-remote', SSE] },
        bare: { url: OTHER },
      },
    });
    const list = await readClaudeCode({ home });
    expect(byName(list)).toEqual({
      intercom: { name: 'intercom', transport: 'sse', url: SSE },
      other: { name: 'other', transport: 'http', url: OTHER },
      bridge: { name: 'bridge', transport: 'stdio', command: 'npx', args: ['-y', 'mcp-remote', SSE] },
    });
    expect(list.output).toContain('[bare] mcpServers.bare: Skipped');
  });

  it("reads a project's .mcp.json in that folder", async () => {
    const project = path.join(home, 'app');
    await write('.mcp.json', { mcpServers: { intercom: { type: 'http', url: HTTP } } }, project);
    await write('.claude.json', { mcpServers: { other: { type: 'sse', url: OTHER_SSE } } });
    const list = await readClaudeCode({ home, cwd: project });
    expect(byName(list, ['name', 'transport', 'url', 'scope'])).toEqual({
      intercom: { name: 'intercom', transport: 'http', url: HTTP, scope: 'Project config (shared via .mcp.json)' },
      other: { name: 'other', transport: 'sse', url: OTHER_SSE, scope: 'User config (available in all your projects)' },
    });
  });
});

// ---- Gemini CLI ----------------------------------------------------------------------------------------

describe.skipIf(missing(programs.gemini))('Gemini CLI 0.61.0 (gemini mcp list)', SLOW, () => {
  it('lists our {url, type} entries and another server; a bare {url} and httpUrl are http', async () => {
    await write('.gemini/settings.json', {
      mcpServers: {
        intercom: { url: SSE, type: 'sse' },
        'intercom-http': { url: HTTP, type: 'http' },
        other: { httpUrl: OTHER },
        bare: { url: OTHER },
        bridge: { command: 'npx', args: ['-y', 'mcp-remote', SSE] },
      },
    });
    const list = await readGeminiCli({ home });
    expect(byName(list)).toEqual({
      intercom: { name: 'intercom', transport: 'sse', url: SSE },
      'intercom-http': { name: 'intercom-http', transport: 'http', url: HTTP },
      other: { name: 'other', transport: 'http', url: OTHER },
      bare: { name: 'bare', transport: 'http', url: OTHER },
      bridge: { name: 'bridge', transport: 'stdio', command: 'npx', args: ['-y', 'mcp-remote', SSE] },
    });
    expect(list.output).not.toContain('Invalid configuration');
  });
});

// ---- Codex ----------------------------------------------------------------------------------------------

describe.skipIf(missing(programs.codex))('Codex 0.169.0 (codex mcp list --json)', SLOW, () => {
  it('lists our Streamable HTTP entry and another stdio server', async () => {
    await write(
      '.codex/config.toml',
      `[mcp_servers.intercom]\nurl = "${HTTP}"\n\n[mcp_servers.other]\ncommand = "npx"\nargs = ["-y", "mcp-remote", "${SSE}"]\n`,
    );
    const list = await readCodex({ home });
    expect(byName(list)).toEqual({
      intercom: { name: 'intercom', transport: 'http', url: HTTP },
      other: { name: 'other', transport: 'stdio', command: 'npx', args: ['-y', 'mcp-remote', SSE] },
    });
  });

  it("reads a project's .codex/config.toml only once the user config trusts the project", async () => {
    const project = path.join(home, 'app');
    await write('.codex/config.toml', `[mcp_servers.intercom]\nurl = "${HTTP}"\n`, project);
    const user = await write('.codex/config.toml', `[mcp_servers.other]\nurl = "${OTHER}"\n`);
    expect((await readCodex({ home, cwd: project })).map((server) => server.name)).toEqual(['other']);
    await writeFile(user, `${await readFile(user, 'utf8')}\n[projects."${project}"]\ntrust_level = "trusted"\n`);
    expect(byName(await readCodex({ home, cwd: project }))).toEqual({
      intercom: { name: 'intercom', transport: 'http', url: HTTP },
      other: { name: 'other', transport: 'http', url: OTHER },
    });
  });
});

// ---- OpenCode -------------------------------------------------------------------------------------------

describe.skipIf(missing(programs.opencode))('OpenCode 1.18.33 (opencode debug config, opencode mcp list)', SLOW, () => {
  it('lists our remote entry and a local one; mcp list shows both; it adds "$schema" to the file', async () => {
    const text = JSON.stringify(
      { mcp: { intercom: { type: 'remote', url: HTTP }, other: { type: 'local', command: ['npx', '-y', 'mcp-remote', OTHER_SSE] } } },
      null,
      2,
    );
    const file = await write('.config/opencode/opencode.json', `${text}\n`);
    const list = await readOpenCode({ home });
    expect(byName(list, ['name', 'transport', 'url', 'command', 'args', 'kind'])).toEqual({
      intercom: { name: 'intercom', transport: 'http', url: HTTP, kind: 'remote' },
      other: { name: 'other', transport: 'stdio', command: 'npx', args: ['-y', 'mcp-remote', OTHER_SSE], kind: 'local' },
    });
    const status = await opencodeMcpList('opencode', { home });
    expect(status.map(({ name, target }) => [name, target])).toEqual([
      ['intercom', HTTP],
      ['other', `npx -y mcp-remote ${OTHER_SSE}`],
    ]);
    // OpenCode writes its schema URL into the person's file (first key), the rest byte for byte.
    expect(await readFile(file, 'utf8')).toBe(`{\n  "$schema": "https://opencode.ai/config.json",${text.slice(1)}\n`);
  });

  it('a Cursor-style {url} makes the whole file invalid: the reader throws with its message', async () => {
    await write('.config/opencode/opencode.json', { mcp: { intercom: { type: 'remote', url: HTTP }, bare: { url: OTHER } } });
    await expect(readOpenCode({ home })).rejects.toThrow(/Configuration is invalid[\s\S]*mcp\.bare/);
  });

  it("reads the project's opencode.json and .opencode/opencode.jsonc, no git repository needed", async () => {
    const project = path.join(home, 'app');
    await write('opencode.json', { mcp: { intercom: { type: 'remote', url: SSE } } }, project);
    await write('.opencode/opencode.jsonc', `// theirs\n{ "mcp": { "other": { "type": "remote", "url": "${OTHER}" } } }\n`, project);
    expect(byName(await readOpenCode({ home, cwd: project }))).toEqual({
      intercom: { name: 'intercom', transport: 'http', url: SSE },
      other: { name: 'other', transport: 'http', url: OTHER },
    });
  });
});

// ---- Kilo ---------------------------------------------------------------------------------------------------

describe.skipIf(missing(programs.kilo))('Kilo 7.7.7 (kilo debug config, kilo mcp list)', SLOW, () => {
  it('lists our remote entry and one from opencode.json beside it; rewrites both files its own way', async () => {
    const kilo = await write('.config/kilo/kilo.json', `{"mcp":{"intercom":{"type":"remote","url":"${HTTP}"}}}`);
    const opencode = await write('.config/kilo/opencode.json', `{"mcp":{"other":{"type":"local","command":["npx","-y","mcp-remote","${OTHER_SSE}"]}}}`);
    const list = await readKilo({ home });
    expect(byName(list)).toEqual({
      intercom: { name: 'intercom', transport: 'http', url: HTTP },
      other: { name: 'other', transport: 'stdio', command: 'npx', args: ['-y', 'mcp-remote', OTHER_SSE] },
    });
    expect((await opencodeMcpList('kilo', { home })).map((server) => server.name).sort()).toEqual(['intercom', 'other']);
    // Kilo pretty-prints both files, with its schema and, once, a permission it migrates.
    expect(JSON.parse(await readFile(kilo, 'utf8'))).toEqual({ $schema: 'https://app.kilo.ai/config.json', mcp: { intercom: { type: 'remote', url: HTTP } } });
    expect(await readFile(kilo, 'utf8')).toContain('\n  "mcp": {\n');
    expect(JSON.parse(await readFile(opencode, 'utf8'))).toMatchObject({ $schema: 'https://app.kilo.ai/config.json', permission: { bash: 'allow' } });
  });

  it('keeps the comments of kilo.jsonc when it rewrites it', async () => {
    const file = await write('.config/kilo/kilo.jsonc', `// mine\n{"mcp":{"intercom":{"type":"remote","url":"${SSE}"}}}\n`);
    expect(byName(await readKilo({ home }))).toEqual({ intercom: { name: 'intercom', transport: 'http', url: SSE } });
    expect(await readFile(file, 'utf8')).toMatch(/^\/\/ mine\n\{\n {2}"\$schema": "https:\/\/app\.kilo\.ai\/config\.json",/);
  });
});

// ---- GitHub Copilot CLI --------------------------------------------------------------------------------------

describe.skipIf(missing(programs.copilot))('GitHub Copilot CLI 1.0.102 (copilot mcp list --json)', SLOW, () => {
  it('lists our http entry, an sse and a local one; a bare {url} is http', async () => {
    await write('.copilot/mcp-config.json', {
      mcpServers: {
        intercom: { type: 'http', url: HTTP },
        other: { type: 'sse', url: OTHER_SSE },
        bridge: { type: 'local', command: 'npx', args: ['-y', 'mcp-remote', SSE] },
        bare: { url: OTHER },
      },
    });
    expect(byName(await readCopilotCli({ home }))).toEqual({
      intercom: { name: 'intercom', transport: 'http', url: HTTP },
      other: { name: 'other', transport: 'sse', url: OTHER_SSE },
      bridge: { name: 'bridge', transport: 'stdio', command: 'npx', args: ['-y', 'mcp-remote', SSE] },
      bare: { name: 'bare', transport: 'http', url: OTHER },
    });
  });

  it("reads a project's .mcp.json only in a trusted folder", async () => {
    const project = path.join(home, 'app');
    await write('.mcp.json', { mcpServers: { intercom: { type: 'sse', url: SSE } } }, project);
    await write('.copilot/mcp-config.json', { mcpServers: { other: { type: 'http', url: OTHER } } });
    expect((await readCopilotCli({ home, cwd: project })).map((server) => server.name)).toEqual(['other']);
    await write('.copilot/config.json', { trusted_folders: [project] });
    expect(byName(await readCopilotCli({ home, cwd: project }), ['name', 'transport', 'url', 'scope'])).toEqual({
      other: { name: 'other', transport: 'http', url: OTHER, scope: 'user' },
      intercom: { name: 'intercom', transport: 'sse', url: SSE, scope: 'workspace' },
    });
  });

  it('COPILOT_HOME replaces ~/.copilot', async () => {
    await write('elsewhere/mcp-config.json', { mcpServers: { intercom: { type: 'http', url: HTTP } } });
    expect(byName(await readCopilotCli({ home, env: { COPILOT_HOME: path.join(home, 'elsewhere') } }))).toEqual({
      intercom: { name: 'intercom', transport: 'http', url: HTTP },
    });
  });
});

// ---- Qwen Code -------------------------------------------------------------------------------------------------

describe.skipIf(missing(programs.qwen))('Qwen Code 0.15.10 (qwen mcp list)', SLOW, () => {
  it('httpUrl is http, {url} is SSE, and Gemini\'s {url, type: "http"} is read as SSE', async () => {
    await write('.qwen/settings.json', {
      mcpServers: {
        intercom: { httpUrl: HTTP },
        other: { url: OTHER_SSE },
        'gemini-style': { url: HTTP, type: 'http' },
      },
    });
    expect(byName(await readQwenCode({ home }))).toEqual({
      intercom: { name: 'intercom', transport: 'http', url: HTTP },
      other: { name: 'other', transport: 'sse', url: OTHER_SSE },
      'gemini-style': { name: 'gemini-style', transport: 'sse', url: HTTP },
    });
  });

  it("reads the project's .qwen/settings.json; QWEN_HOME replaces ~/.qwen", async () => {
    const project = path.join(home, 'app');
    await write('.qwen/settings.json', { mcpServers: { intercom: { url: SSE } } }, project);
    await write('qwen-home/settings.json', { mcpServers: { other: { httpUrl: OTHER } } });
    await write('.qwen/settings.json', { mcpServers: { ignored: { httpUrl: OTHER } } });
    expect(byName(await readQwenCode({ home, cwd: project, env: { QWEN_HOME: path.join(home, 'qwen-home') } }))).toEqual({
      other: { name: 'other', transport: 'http', url: OTHER },
      intercom: { name: 'intercom', transport: 'sse', url: SSE },
    });
  });
});

// ---- Auggie ----------------------------------------------------------------------------------------------------

describe.skipIf(missing(programs.auggie))('Auggie 0.36.0 (auggie mcp list --json)', SLOW, () => {
  it('lists our http entry, an sse one and a stdio one', async () => {
    await write('.augment/settings.json', {
      mcpServers: {
        intercom: { type: 'http', url: HTTP },
        other: { type: 'sse', url: OTHER_SSE },
        bridge: { type: 'stdio', command: 'npx', args: ['-y', 'mcp-remote', SSE] },
      },
    });
    expect(byName(await readAuggie({ home }))).toEqual({
      intercom: { name: 'intercom', transport: 'http', url: HTTP },
      other: { name: 'other', transport: 'sse', url: OTHER_SSE },
      bridge: { name: 'bridge', transport: 'stdio', command: 'npx', args: ['-y', 'mcp-remote', SSE] },
    });
  });

  it("reads the project's .augment/settings.json", async () => {
    const project = path.join(home, 'app');
    await write('.augment/settings.json', { mcpServers: { intercom: { type: 'sse', url: SSE } } }, project);
    await write('.augment/settings.json', { mcpServers: { other: { type: 'http', url: OTHER } } });
    expect(byName(await readAuggie({ home, cwd: project }))).toEqual({
      intercom: { name: 'intercom', transport: 'sse', url: SSE },
      other: { name: 'other', transport: 'http', url: OTHER },
    });
  });
});

// ---- Factory Droid -------------------------------------------------------------------------------------------------

describe.skipIf(missing(programs.droid))('Factory Droid 0.225.1 (droid mcp list)', SLOW, () => {
  it('lists our http entry and an sse one with their URLs; a bare {url} is read as stdio', async () => {
    await write('.factory/mcp.json', {
      mcpServers: {
        intercom: { type: 'http', url: HTTP },
        other: { type: 'sse', url: OTHER_SSE },
        bare: { url: OTHER },
      },
    });
    const list = await readDroid({ home });
    expect(byName(list, ['name', 'transport', 'url', 'scope'])).toEqual({
      intercom: { name: 'intercom', transport: 'http', url: HTTP, scope: 'user' },
      other: { name: 'other', transport: 'sse', url: OTHER_SSE, scope: 'user' },
      bare: { name: 'bare', transport: 'stdio', scope: 'user' },
    });
  });

  it("reads the project's .factory/mcp.json; FACTORY_HOME_OVERRIDE replaces the home it reads", async () => {
    const project = path.join(home, 'app');
    const other = path.join(home, 'other-home');
    await write('.factory/mcp.json', { mcpServers: { intercom: { type: 'sse', url: SSE } } }, project);
    await write('.factory/mcp.json', { mcpServers: { other: { type: 'http', url: OTHER } } }, other);
    await write('.factory/mcp.json', { mcpServers: { ignored: { type: 'http', url: OTHER } } });
    expect(byName(await readDroid({ home, cwd: project, env: { FACTORY_HOME_OVERRIDE: other } }), ['name', 'transport', 'url', 'scope'])).toEqual({
      intercom: { name: 'intercom', transport: 'sse', url: SSE, scope: 'project' },
      other: { name: 'other', transport: 'http', url: OTHER, scope: 'user' },
    });
  });
});

// ---- Amp ------------------------------------------------------------------------------------------------------------

describe.skipIf(missing(programs.amp))('Amp 0.0.1790142911-g7618fb (amp mcp list --json)', SLOW, () => {
  it('lists our {url} entry and a command; and a workspace .amp/settings.json', async () => {
    await write('.config/amp/settings.json', {
      'amp.mcpServers': { intercom: { url: HTTP }, other: { command: 'npx', args: ['-y', 'mcp-remote', OTHER_SSE] } },
    });
    const project = path.join(home, 'app');
    await write('.amp/settings.json', { 'amp.mcpServers': { 'intercom-sse': { url: SSE } } }, project);
    expect(byName(await readAmp({ home, cwd: project }), ['name', 'transport', 'url', 'command', 'args', 'kind', 'scope'])).toEqual({
      intercom: { name: 'intercom', transport: 'http', url: HTTP, kind: 'url', scope: 'global' },
      other: { name: 'other', transport: 'stdio', command: 'npx', args: ['-y', 'mcp-remote', OTHER_SSE], kind: 'command', scope: 'global' },
      'intercom-sse': { name: 'intercom-sse', transport: 'http', url: SSE, kind: 'url', scope: 'workspace' },
    });
  });

  it('AMP_SETTINGS_FILE replaces the global file', async () => {
    const file = await write('elsewhere.json', { 'amp.mcpServers': { intercom: { url: SSE } } });
    await write('.config/amp/settings.json', { 'amp.mcpServers': { ignored: { url: OTHER } } });
    expect(byName(await readAmp({ home, env: { AMP_SETTINGS_FILE: file } }))).toEqual({ intercom: { name: 'intercom', transport: 'http', url: SSE } });
  });
});

// ---- Cline ----------------------------------------------------------------------------------------------------------

describe.skipIf(missing(programs.cline))('Cline 3.0.65 (cline config mcp --json)', SLOW, () => {
  const settings = '.cline/data/settings/cline_mcp_settings.json';

  it('lists our streamableHttp entry and an sse one; a bare {url} is SSE', async () => {
    await write(settings, { mcpServers: { intercom: { type: 'streamableHttp', url: HTTP }, other: { type: 'sse', url: OTHER_SSE }, bare: { url: OTHER } } });
    expect(byName(await readCline({ home }), ['name', 'transport', 'url', 'kind'])).toEqual({
      intercom: { name: 'intercom', transport: 'http', url: HTTP, kind: 'streamableHttp' },
      other: { name: 'other', transport: 'sse', url: OTHER_SSE, kind: 'sse' },
      bare: { name: 'bare', transport: 'sse', url: OTHER, kind: 'sse' },
    });
  });

  it('rewrites the exact `npx -y mcp-remote URL` bridge into Streamable HTTP to URL, /sse included; not with env or another argument', async () => {
    await write(settings, {
      mcpServers: {
        intercom: { command: 'npx', args: ['-y', 'mcp-remote', SSE] },
        'intercom-http': { command: 'npx', args: ['-y', 'mcp-remote', HTTP] },
        pinned: { command: 'npx', args: ['-y', 'mcp-remote@0.1.38', SSE] },
        'with-env': { command: 'npx', args: ['-y', 'mcp-remote', SSE], env: { MCP_REMOTE_CONFIG_DIR: '/tmp/x' } },
        'with-flag': { command: 'npx', args: ['-y', 'mcp-remote', SSE, '--transport', 'sse-only'] },
      },
    });
    expect(byName(await readCline({ home }))).toEqual({
      intercom: { name: 'intercom', transport: 'http', url: SSE },
      'intercom-http': { name: 'intercom-http', transport: 'http', url: HTTP },
      pinned: { name: 'pinned', transport: 'http', url: SSE },
      'with-env': { name: 'with-env', transport: 'stdio', command: 'npx', args: ['-y', 'mcp-remote', SSE] },
      'with-flag': { name: 'with-flag', transport: 'stdio', command: 'npx', args: ['-y', 'mcp-remote', SSE, '--transport', 'sse-only'] },
    });
  });

  it('CLINE_DIR and CLINE_MCP_SETTINGS_PATH move the file', async () => {
    await write('cline-dir/data/settings/cline_mcp_settings.json', { mcpServers: { intercom: { type: 'sse', url: SSE } } });
    expect(byName(await readCline({ home, env: { CLINE_DIR: path.join(home, 'cline-dir') } }))).toEqual({
      intercom: { name: 'intercom', transport: 'sse', url: SSE },
    });
    const file = await write('mine.json', { mcpServers: { other: { type: 'streamableHttp', url: OTHER } } });
    expect(byName(await readCline({ home, env: { CLINE_MCP_SETTINGS_PATH: file } }))).toEqual({ other: { name: 'other', transport: 'http', url: OTHER } });
  });
});

// ---- Continue ---------------------------------------------------------------------------------------------------------

describe.skipIf(missing(programs.cn) || missing(programs['config-yaml']))('Continue 1.5.47 (cn -p) and @continuedev/config-yaml 1.42.0', SLOW, () => {
  /** A config.yaml as a person has it: a model (cn -p needs one; at 127.0.0.1:9, never reached) and the servers. */
  const config = (servers: string) =>
    `name: Local Assistant\nversion: 1.0.0\nschema: v1\nmodels:\n  - name: local\n    provider: openai\n    model: gpt-4o\n    apiKey: not-a-key\n    apiBase: http://127.0.0.1:9/v1\nmcpServers:\n${servers}`;

  it('lists our streamable-http entry, an sse one and a stdio one; a url with no type is SSE', async () => {
    await write(
      '.continue/config.yaml',
      config(
        `  - name: intercom\n    type: streamable-http\n    url: ${HTTP}\n  - name: other\n    type: sse\n    url: ${OTHER_SSE}\n  - name: untyped\n    url: ${OTHER}\n  - name: bridge\n    command: npx\n    args: ["-y", "mcp-remote", "${SSE}"]\n`,
      ),
    );
    expect(byName(await readContinue({ home }))).toEqual({
      intercom: { name: 'intercom', transport: 'http', url: HTTP },
      other: { name: 'other', transport: 'sse', url: OTHER_SSE },
      untyped: { name: 'untyped', transport: 'sse', url: OTHER },
      bridge: { name: 'bridge', transport: 'stdio', command: 'npx', args: ['-y', 'mcp-remote', SSE] },
    });
  });

  it('`type: http` is refused by cn and by the schema', async () => {
    const text = config(`  - name: intercom\n    type: http\n    url: ${HTTP}\n`);
    await write('.continue/config.yaml', text);
    await expect(readContinue({ home })).rejects.toThrow(/Failed to parse config: mcpServers\.0: Invalid input/);
    expect((await continueConfigYamlSchema()).safeParse(parseYaml(text)).success).toBe(false);
    expect((await continueConfigYamlSchema()).safeParse(parseYaml(text.replace('type: http', 'type: streamable-http'))).success).toBe(true);
  });

  it('CONTINUE_GLOBAL_DIR replaces ~/.continue', async () => {
    await write('continue-home/config.yaml', config(`  - name: intercom\n    type: sse\n    url: ${SSE}\n`));
    expect(byName(await readContinue({ home, env: { CONTINUE_GLOBAL_DIR: path.join(home, 'continue-home') } }))).toEqual({
      intercom: { name: 'intercom', transport: 'sse', url: SSE },
    });
  });
});
