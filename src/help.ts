/** Help texts. Kept free of imports so `--help` starts as fast as bare node. */

const ENDPOINT_OPTIONS = `  --transport sse|http  sse (default): https://mcp.intercom.com/sse, as in Intercom's setup guide;
                        http: https://mcp.intercom.com/mcp (Streamable HTTP), which Intercom now recommends
  --region us|eu        us (default), or eu for workspaces on app.eu.intercom.com (mcp.eu.intercom.com);
                        Australian workspaces are not supported by Intercom's MCP server
  --url URL             another endpoint (http:// only for localhost/127.0.0.1, for testing)`;

const CLIENT_LIST = 'cursor, windsurf, vscode, vscode-insiders, claude-desktop, claude-code, claude-ai';

export const HELP: Record<string, string> = {
  main: `intercom-mcp-setup — connect your AI clients to Intercom's MCP server

Usage
  npx intercom-mcp-setup                     the wizard: pick clients, review, confirm
  npx intercom-mcp-setup --client cursor     the same without questions (for scripts)
  npx intercom-mcp-setup <command> [options]

Commands
  setup        write the Intercom entry into client configs (the default command)
  list         each client: detected?, config file, Intercom entry present and correct?
  remove       remove only the Intercom entry from clients' configs
  doctor       explain what is wrong between your clients and Intercom
  reset-auth   clear Intercom's stale sign-in only (not every server's)
  login        sign in to Intercom once from the terminal, for the bridge entries
  link         print a one-click install link (Cursor, VS Code) for a team wiki

Setup options
  --client ID[,ID...]   ${CLIENT_LIST}, or all (= every detected client); repeatable
  --scope user|project  user (default), or this project's file where the client has one
${ENDPOINT_OPTIONS}
  --name KEY            the entry's name (default: intercom)
  --native              the client's own remote entry instead of the mcp-remote bridge
  --dry-run             show the plan and diffs; write nothing
  -y, --yes             answer yes: with no --client, set up every detected client
  --json                one JSON object on stdout: {"results":[{client,scope,path,action,backup?,error?}]}
  --no-check            skip the connectivity check after writing
  --timeout MS          bound for each step of that check (default 5000)
  -h, --help            help (also per command: intercom-mcp-setup doctor --help)
  -v, --version         the version

Exit codes: 0 ok, 1 something failed, 2 usage error, 130 cancelled.
Examples
  npx intercom-mcp-setup --client cursor,vscode --transport http
  npx intercom-mcp-setup --client all --yes --json
  npx intercom-mcp-setup doctor`,

  setup: `intercom-mcp-setup setup — write the Intercom entry into client configs

Usage
  intercom-mcp-setup [setup] [--client ID[,ID...]] [options]

Without --client (and without --yes) on a terminal, a wizard asks which clients, where, and shows
each change before writing. With --client it never asks. Without a terminal it needs --client or --yes.

Options
  --client ID[,ID...]   ${CLIENT_LIST}, or all (= every detected client); repeatable
  --scope user|project  user (default), or this project's file (.cursor/mcp.json, .vscode/mcp.json, .mcp.json)
${ENDPOINT_OPTIONS}
  --name KEY            the entry's name (default: intercom)
  --native              the client's own remote entry ({"url"}, {"serverUrl"}, {"type":"http"}) instead of the bridge
  --dry-run             show the plan and diffs; write nothing
  -y, --yes             with no --client: every detected client; confirms a non-Intercom --url
  --json                {"results":[{"client","scope","path","action","backup"?,"error"?}]}
  --no-check            skip the connectivity check after writing
  --timeout MS          bound for each step of that check (default 5000)

Every changed file is backed up next to itself first; files that do not parse are never touched.

Examples
  intercom-mcp-setup --client cursor
  intercom-mcp-setup --client vscode --scope project --transport http
  intercom-mcp-setup --client all --yes --dry-run`,

  list: `intercom-mcp-setup list — each client: detected, config file, Intercom entry present and correct

Usage
  intercom-mcp-setup list [--client ID[,ID...]] [--scope user|project] [--json]

Options
  --client ID[,ID...]   only these clients
  --scope user|project  which config file to look at (default user)
  --name KEY            the entry's name (default: intercom)
  --url URL             also accept this endpoint as correct
  --json                {"clients":[{"client","detected","path","configured","correct"}]}

Example
  intercom-mcp-setup list --json`,

  remove: `intercom-mcp-setup remove — remove only the Intercom entry

Usage
  intercom-mcp-setup remove --client ID[,ID...] [--scope user|project] [--dry-run] [--json]

Options
  --client ID[,ID...]   ${CLIENT_LIST}, or all
  --scope user|project  which config file (default user)
  --name KEY            the entry's name (default: intercom)
  --dry-run             show what would be removed
  --json                {"results":[{"client","scope","path","action","backup"?,"error"?}]}

Example
  intercom-mcp-setup remove --client cursor,vscode`,

  doctor: `intercom-mcp-setup doctor — explain what is wrong between your clients and Intercom

Usage
  intercom-mcp-setup doctor [--client ID[,ID...]] [--offline] [--json] [--fix]

Checks Node and npx, proxies and certificates, each client's config and entry, the network path
to Intercom step by step (DNS, TCP, TLS, HTTP, OAuth metadata), the region, and mcp-remote's
sign-in cache. Exit 1 when a check failed.

Options
  --client ID[,ID...]   only these clients
${ENDPOINT_OPTIONS}
  --timeout MS          bound for each network step (default 5000)
  --offline             skip the network checks
  --fix                 rewrite broken or legacy entries (same safe writer as setup)
  --json                {"ok":bool,"checks":[{"id","status","message","fix"?}]}

Example
  intercom-mcp-setup doctor --client cursor`,

  'reset-auth': `intercom-mcp-setup reset-auth — clear Intercom's stale sign-in, and only Intercom's

Usage
  intercom-mcp-setup reset-auth [--dry-run] [--yes] [--json] [--url URL] [--all] [--force]

Deletes mcp-remote's cached tokens and client registration for Intercom from ~/.mcp-auth (or
$MCP_REMOTE_CONFIG_DIR), in every mcp-remote-* folder: the files of Intercom's four URLs, of every
Intercom URL your clients' configs pass to mcp-remote (with their --header/--resource variants),
and of --url. Other servers stay signed in. It lists what it will delete, per server URL and
folder (with when the access token expires; never the token), asks, deletes, and says what next:
restart the client; its next connection opens the browser to sign in again.

Options
  --dry-run   list what would be deleted; delete nothing
  -y, --yes   do not ask for confirmation (needed without a terminal, and with --json)
  --url URL   also clear this endpoint's sign-in
  --all       clear every server's sign-in (like rm -rf ~/.mcp-auth, but only mcp-remote-* folders),
              after a confirmation that says so
  --force     also delete a sign-in in progress (a live process holds its lock; it is named)
  --json      stdout is one object: {"removed":[paths],"kept":[paths]}; "removed" holds only
              what was really deleted, removed + kept is everything looked at. With --dry-run,
              or without --yes (--json never asks: exit 2), nothing is deleted and
              "wouldRemove":[paths] is added.

Without a terminal and without --yes it lists, deletes nothing and exits 2.
Exit codes: 0 done or nothing to reset, 1 a file could not be deleted or the cache folder is
unusable (MCP_REMOTE_CONFIG_DIR is /, a file or relative), 2 confirmation needed (use --yes),
130 cancelled.

Examples
  intercom-mcp-setup reset-auth --dry-run
  intercom-mcp-setup reset-auth --yes --json`,

  login: `intercom-mcp-setup login — sign in to Intercom once, from the terminal

Usage
  intercom-mcp-setup login [--transport sse|http] [--region us|eu] [--url URL] [--timeout MS]
`,

  link: `intercom-mcp-setup link — print a one-click install link for a team wiki

Usage
  intercom-mcp-setup link --client cursor|vscode|vscode-insiders [--native] [--transport sse|http]
`,
};
