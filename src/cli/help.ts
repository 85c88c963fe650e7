/**
 * Help texts. Each logical line is written once, unwrapped: `helpText` wraps it to the terminal
 * (80 columns when it is not one), continuation lines hanging under the option's description, and
 * writes `{cmd}` as this run's command (`npx intercom-mcp-setup`, or the bare name when that is on
 * PATH), so every example can be copied as printed. Imports only the two small modules that do
 * that, so `--help` stays about as fast as bare node.
 */
import { commandPrefix } from '../core/invocation.js';
import { widthOf, wrapText } from '../ui/wrap.js';

const ENDPOINT_OPTIONS = `  --transport sse|http  sse (default): https://mcp.intercom.com/sse, as in Intercom's setup guide; http: https://mcp.intercom.com/mcp (Streamable HTTP), which Intercom now recommends
  --region us|eu        us (default), or eu for workspaces on app.eu.intercom.com (mcp.eu.intercom.com); Australian workspaces are not supported by Intercom's MCP server
  --url URL             another endpoint: an Intercom URL ends in /sse or /mcp; http:// only for localhost/127.0.0.1, for testing`;

const CLIENT_LIST =
  "cursor, windsurf (Devin Desktop's Cascade), vscode, vscode-insiders, claude-desktop, claude-code, gemini-cli, codex, zed, cline, roo-code, kiro, lm-studio, windsurf-next, devin, opencode, copilot-cli, qwen-code, kilo-code, auggie, droid, amp, crush, visual-studio, junie, warp, antigravity, goose, continue, claude-ai (any case)";

const TOKEN_OPTION = `  --token-env VAR       sign in with an Intercom access token from the environment variable VAR (machines without a browser, clients without OAuth): the entry sends Authorization: Bearer from VAR, never the token itself (Cursor \${env:VAR}, Claude Code/Copilot CLI/Gemini/Qwen/Kiro \${VAR}, OpenCode/Kilo {env:VAR}, Crush $VAR, Codex bearer_token_env_var, VS Code a password prompt; Cline's \${env:VAR} is read by its extension only); refused for clients that cannot read a variable (Claude Desktop, Zed, LM Studio, Auggie, Droid, Amp, Devin, Visual Studio, Junie, Warp, Antigravity, Goose, Continue)`;

/** Each topic's text, with `{cmd}` where the command goes (see helpText). */
export const HELP: Record<string, string> = {
  main: `intercom-mcp-setup — connect your AI clients to Intercom's MCP server

Usage
  {cmd}                     the wizard: pick clients, say where your workspace is, review, confirm
  {cmd} --client cursor     the same without questions (for scripts)
  {cmd} <command> [options]

Commands
  setup        write the Intercom entry into client configs (the default command)
  list         each client: detected?, config file, Intercom entry present and correct?
  remove       remove only the Intercom entry from clients' configs
  undo         put back the files the last setup, remove or doctor --fix changed
  doctor       explain what is wrong between your clients and Intercom
  reset-auth   clear Intercom's stale sign-in only (not every server's)
  login        sign in to Intercom once from the terminal, for the bridge entries
  link         print a one-click install link (Cursor, VS Code, LM Studio) for a team wiki
  help         this help; help <command> for one command's

Setup options
  --client ID[,ID...]   ${CLIENT_LIST}, or all (= every detected client); repeatable
  --scope user|project  user (default), or this project's file where the client has one
${ENDPOINT_OPTIONS}
  --name KEY            the entry's name (default: intercom)
  --native              the client's own remote entry instead of the mcp-remote bridge
  --dry-run             show the plan and diffs; write nothing (the wizard too)
  -y, --yes             answer yes: with no --client, set up every detected client
  --json                one JSON object on stdout: {"results":[{client, scope, path, action, backup?, error?}]}; never asks, so it needs --client or --yes
  --no-check            skip the connectivity check after writing (--json never runs it: use doctor --json)
  --timeout MS          bound for each step of that check (default 5000)
  -h, --help            help (also per command: {cmd} doctor --help)
  -v, --version         the version

Exit codes: 0 ok (also when you answer No to "Write these changes?": nothing is written), 1 something failed, 2 usage error, 130 cancelled (Ctrl-C).
To start faster it keeps a code cache in the temp folder (intercom-mcp-setup-<uid>); INTERCOM_MCP_SETUP_CODE_CACHE=0 turns it off.
Examples
  {cmd} --client cursor,vscode --transport http
  {cmd} --client all --yes --json
  {cmd} doctor`,

  setup: `intercom-mcp-setup setup — write the Intercom entry into client configs

Usage
  {cmd} [setup] [--client ID[,ID...]] [options]

Without --client (and without --yes) on a terminal, a wizard asks which clients, where the entry goes and where your Intercom workspace is (US or EU), and shows each change before writing; a question whose flag is given (--scope, --region, --transport, --url) is not asked. Clients already set up are marked and not preselected. With --client it never asks. Without a terminal, and always with --json, it needs --client or --yes.
Answering No to "Write these changes?" writes nothing and exits 0; Ctrl-C exits 130.

Options
  --client ID[,ID...]   ${CLIENT_LIST}, or all (= every detected client); repeatable
  --scope user|project  user (default), or this project's file (.cursor/mcp.json, .vscode/mcp.json, .mcp.json, .gemini/settings.json, .zed/settings.json, .roo/mcp.json, .kiro/settings/mcp.json)
${ENDPOINT_OPTIONS}
  --name KEY            the entry's name (default: intercom)
  --native              the client's own remote entry ({"url"}, {"serverUrl"}, {"type":"http"}) instead of the bridge
${TOKEN_OPTION}
  --dry-run             show the plan and diffs; write nothing (the wizard asks its questions, then stops before writing)
  -y, --yes             with no --client: every detected client; confirms a non-Intercom --url
  --json                {"results":[{"client", "scope", "path", "action", "backup"?, "error"?}]}; never asks
  --no-check            skip the connectivity check after writing (--json never runs it: use doctor --json)
  --timeout MS          bound for each step of that check (default 5000)
  --login               then sign in once for the mcp-remote bridge entries (as the login command; the wizard asks instead). Native entries sign in by themselves

Every changed file is backed up next to itself first; files that do not parse are never touched. Clients with several files get one result row each (same client id, another path): Cline and Roo Code in every editor that has them (VS Code, VS Code Insiders, Cursor, Windsurf), and each VS Code profile that keeps its own mcp.json. Codex's config.toml is edited as TOML: only the [mcp_servers.<name>] table changes; Codex has no SSE, so its own entry always uses /mcp.

Examples
  {cmd} --client cursor
  {cmd} --client vscode --scope project --transport http
  {cmd} --client all --yes --dry-run`,

  list: `intercom-mcp-setup list — each client: detected, config file, Intercom entry present and correct

Usage
  {cmd} list [--client ID[,ID...]] [--scope user|project] [--json]

Options
  --client ID[,ID...]   only these clients
  --scope user|project  which config file to look at (default user)
  --name KEY            the entry's name (default: intercom)
  --url URL             also accept this endpoint as correct
  --json                {"clients":[{"client", "detected", "path", "configured", "correct"}]}

Example
  {cmd} list --json`,

  remove: `intercom-mcp-setup remove — remove only the Intercom entry

Usage
  {cmd} remove --client ID[,ID...] [--scope user|project] [--dry-run] [--json]

Options
  --client ID[,ID...]   ${CLIENT_LIST}, or all (= every client that has an Intercom entry)
  --scope user|project  which config file (default user)
  --name KEY            the entry's name (default: intercom)
  --dry-run             show what would be removed
  --json                {"results":[{"client", "scope", "path", "action", "backup"?, "error"?}]}

Example
  {cmd} remove --client cursor,vscode`,

  undo: `intercom-mcp-setup undo — put back what the last setup, remove or doctor --fix changed

Usage
  {cmd} undo [--dry-run] [--yes] [--json]

Each file that run changed is put back as it was before, from the backup the run made next to it; a file the run created is deleted (and the folders it made for it, while empty). Only a file that still holds exactly what the run wrote is touched: one changed since (by you or by the client) is kept as it is, named, with the backup that holds its earlier content. A second undo finds nothing to undo. Only the last run that changed files can be undone.

Options
  --dry-run   list what would be put back or deleted; change nothing
  -y, --yes   do not ask for confirmation (needed without a terminal, and with --json)
  --json      {"results":[{"client", "path", "action", "backup"?, "error"?}]}, action restored, removed, skipped or failed; with "dryRun":true when nothing was changed (--dry-run, or without --yes: --json never asks, exit 2)

Without a terminal and without --yes it lists, changes nothing and exits 2.
Exit codes: 0 undone (or nothing to undo), 1 a file was kept because it changed since, or could not be put back, 2 confirmation needed (use --yes), 130 cancelled.

Examples
  {cmd} undo --dry-run
  {cmd} undo --yes --json`,

  doctor: `intercom-mcp-setup doctor — explain what is wrong between your clients and Intercom

Usage
  {cmd} doctor [--client ID[,ID...]] [--offline] [--json] [--fix]

Checks Node and npx, proxies and certificates, each client's config and entry, the network path to Intercom step by step (DNS, TCP, TLS, HTTP, OAuth metadata), the region, and mcp-remote's sign-in cache. Exit 1 when a check failed.

Options
  --client ID[,ID...]   only these clients
${ENDPOINT_OPTIONS}
  --timeout MS          bound for each network step (default 5000)
  --token-env VAR       also sign in with the token in VAR: initialize and tools/list against the endpoint, reporting the number of tools (never the token)
  --offline             skip the network checks
  --fix                 rewrite broken or legacy entries (same safe writer as setup), then check those clients again: exit 0 when that resolved every failure
  --json                {"ok":bool, "checks":[{"id", "status", "message", "fix"?, "url"?}]}; the network checks carry the "url" they probed

Example
  {cmd} doctor --client cursor`,

  'reset-auth': `intercom-mcp-setup reset-auth — clear Intercom's stale sign-in, and only Intercom's

Usage
  {cmd} reset-auth [--dry-run] [--yes] [--json] [--url URL] [--all] [--force]

Deletes mcp-remote's cached tokens and client registration for Intercom from ~/.mcp-auth (or $MCP_REMOTE_CONFIG_DIR), in every mcp-remote-* folder: the files of Intercom's four URLs, of every Intercom URL your clients' configs pass to mcp-remote (with their --header/--resource variants), and of --url. Other servers stay signed in. It lists what it will delete, per server URL and folder (with when the access token expires; never the token), asks, deletes, and says what next: restart the client; its next connection opens the browser to sign in again.

Options
  --dry-run   list what would be deleted; delete nothing
  -y, --yes   do not ask for confirmation (needed without a terminal, and with --json)
  --url URL   also clear this endpoint's sign-in
  --all       clear every server's sign-in (like rm -rf ~/.mcp-auth, but only mcp-remote-* folders), after a confirmation that says so
  --force     also delete a sign-in in progress (a live process holds its lock; it is named)
  --json      stdout is one object: {"removed":[paths],"kept":[paths]}; "removed" holds only what was really deleted, removed + kept is everything looked at. With --dry-run, or without --yes (--json never asks: exit 2), nothing is deleted and "wouldRemove":[paths] is added.

Without a terminal and without --yes it lists, deletes nothing and exits 2.
Exit codes: 0 done or nothing to reset, 1 a file could not be deleted or the cache folder is unusable (MCP_REMOTE_CONFIG_DIR is /, a file or relative), 2 confirmation needed (use --yes), 130 cancelled.

Examples
  {cmd} reset-auth --dry-run
  {cmd} reset-auth --yes --json`,

  login: `intercom-mcp-setup login — sign in to Intercom once, from the terminal

Usage
  {cmd} login [--transport sse|http] [--region us|eu] [--url URL] [--timeout MS] [--json]

Signs in the way your bridge entries (npx -y mcp-remote URL) will, with mcp-remote's own client (mcp-remote-client, from the same package the entries run), so the tokens land in mcp-remote's cache (~/.mcp-auth, or $MCP_REMOTE_CONFIG_DIR) under the key those entries read: restarted clients do not ask again. It opens your browser (without a display it prints the URL to open), waits with a spinner, then lists the workspace's tools. Ctrl-C cancels. Tokens are never printed.
Entries of the client's own kind (Cursor {"url"}, VS Code {"type":"http"}, Claude Code) keep their own sign-in in the client: this command is only for the mcp-remote bridge.

Options
${ENDPOINT_OPTIONS}
  --timeout MS          how long to wait for the whole sign-in (default 120000: 2 minutes)
  --json                {"ok", "url", "tools", "toolNames", "alreadySignedIn", "hash", "tokensFile"} or {"ok":false, "step", "error"}; progress goes to stderr

On failure one line says which step failed (mcp-remote did not start the sign-in, registration refused, browser not opened, callback never reached, sign-in refused, token exchange refused, region mismatch, connection failed) and what to do.
Environment: INTERCOM_MCP_SETUP_MCP_REMOTE_CLIENT=/abs/path/to/mcp-remote-client runs that binary instead of npx (for machines without npm access, and for tests).
Exit codes: 0 signed in, 1 failed, 2 usage error, 130 cancelled.

Examples
  {cmd} login
  {cmd} login --region eu --transport http`,

  link: `intercom-mcp-setup link — print a one-click install link for a team wiki

Usage
  {cmd} link --client cursor|vscode|vscode-insiders|lm-studio [options]

Prints the link that adds the Intercom entry in one click (the same entry setup writes) on stdout; notes go to stderr. Links hold no token: with --token-env each person's client reads their own.
  Cursor     cursor://anysphere.cursor-deeplink/mcp/install?name=NAME&config=BASE64(entry)
  VS Code    vscode:mcp/install?URL-ENCODED({"name":NAME,...entry}) (vscode-insiders: for Insiders)
  LM Studio  lmstudio://add_mcp?name=NAME&config=BASE64(entry)

Options
  --client ID           cursor, vscode, vscode-insiders or lm-studio
${ENDPOINT_OPTIONS}
  --name KEY            the entry's name (default: intercom)
  --native              the client's own remote entry instead of the mcp-remote bridge (best for a wiki: the bridge link starts npx directly, which Windows GUI apps cannot)
${TOKEN_OPTION}
  --json                {"client", "name", "mode", "url", "entry", "link", "notes"}

Examples
  {cmd} link --client cursor --native --transport http
  {cmd} link --client vscode --native --token-env INTERCOM_TOKEN`,
};

/** A topic's help, with this run's command in it, wrapped to the width of `stream` (see widthOf). */
export function helpText(topic: string, stream: { isTTY?: boolean; columns?: number }, prefix: string = commandPrefix()): string {
  const text = HELP[topic] ?? HELP.main!;
  return wrapText(text.replaceAll('{cmd}', prefix), widthOf(stream));
}
