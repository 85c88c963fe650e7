/**
 * `link`: the one-click install link of a client, for a team's wiki. The entry in the link is the
 * one setup would write (same templates, same --native/--transport/--region/--url/--token-env),
 * rendered without the Windows `cmd /c` wrapper since a wiki page serves every OS.
 */
import { clientById, type ClientDescriptor } from '../clients/index.js';
import { tokenInput } from '../clients/vscode-inputs.js';
import { CliError, UsageError } from '../core/errors.js';
import { chooseEntry, isRefusal, renderChoice, tokenInputId, type EntryChoice } from '../entries/expected-entry.js';
import type { Options } from '../core/options.js';
import type { JsonObject } from '../config/json-types.js';
import type { CommandContext } from '../ui/context.js';

/** The clients that register an MCP server from a link, and how each link is built. */
export const LINK_CLIENTS = ['cursor', 'vscode', 'vscode-insiders', 'lm-studio'] as const;
export type LinkClient = (typeof LINK_CLIENTS)[number];

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/**
 * The install link for an entry:
 * - Cursor: `cursor://anysphere.cursor-deeplink/mcp/install?name=NAME&config=BASE64(entry JSON)`
 * - VS Code: `vscode:mcp/install?` + the URL-encoded JSON of the entry with its `name` (and the
 *   `inputs` it prompts for); Insiders: `vscode-insiders:`
 * - LM Studio: `lmstudio://add_mcp?name=NAME&config=BASE64(entry JSON)`
 */
export function installLink(client: LinkClient, name: string, entry: JsonObject, inputs: JsonObject[] = []): string {
  switch (client) {
    case 'cursor':
      return `cursor://anysphere.cursor-deeplink/mcp/install?name=${encodeURIComponent(name)}&config=${encodeURIComponent(base64(JSON.stringify(entry)))}`;
    case 'lm-studio':
      return `lmstudio://add_mcp?name=${encodeURIComponent(name)}&config=${encodeURIComponent(base64(JSON.stringify(entry)))}`;
    case 'vscode':
    case 'vscode-insiders': {
      const scheme = client === 'vscode' ? 'vscode' : 'vscode-insiders';
      const config = { name, ...entry, ...(inputs.length > 0 ? { inputs } : {}) };
      return `${scheme}:mcp/install?${encodeURIComponent(JSON.stringify(config))}`;
    }
  }
}

export interface LinkPlan {
  client: ClientDescriptor;
  choice: EntryChoice;
  entry: JsonObject;
  inputs: JsonObject[];
  link: string;
  notes: string[];
}

/** The entry and link for one client and the options (no files involved). */
export function planLink(clientId: LinkClient, options: Pick<Options, 'url' | 'native' | 'tokenEnv' | 'name'>): LinkPlan {
  const client = clientById(clientId);
  if (!client) throw new UsageError(`unknown client "${clientId}"`);
  const choice = chooseEntry(client, { url: options.url, native: options.native, tokenEnv: options.tokenEnv });
  if (isRefusal(choice)) throw new CliError(choice.refused);
  // A wiki link serves every OS: no `cmd /c` (Windows users of the bridge are told below).
  const entry = renderChoice(client, { os: 'linux' }, choice, options.name);
  const inputs =
    options.tokenEnv && (clientId === 'vscode' || clientId === 'vscode-insiders') ? [tokenInput(tokenInputId(options.name), options.tokenEnv)] : [];
  const notes = [...choice.notes, ...(choice.fallbackReason ? [choice.fallbackReason] : [])];
  if (choice.mode === 'bridge') {
    notes.push(
      `this link installs the mcp-remote bridge with "npx" as the command; on Windows ${client.label} needs "cmd" "/c" "npx" instead, so Windows users should run: npx intercom-mcp-setup --client ${clientId}${options.native ? ' --native' : ''}`,
    );
  }
  if (options.tokenEnv) {
    notes.push(
      inputs.length > 0
        ? `${client.label} asks each person for their token in a password prompt; the link holds no token`
        : `the link holds no token: each person needs ${options.tokenEnv} set where ${client.label} starts`,
    );
  }
  return { client, choice, entry, inputs, link: installLink(clientId, options.name, entry, inputs), notes };
}

export async function runLink(ctx: CommandContext, options: Options): Promise<number> {
  const { out } = ctx;
  const ids = options.clients;
  if (ids.length !== 1 || !(LINK_CLIENTS as readonly string[]).includes(ids[0]!)) {
    throw new UsageError(`link needs exactly one --client of ${LINK_CLIENTS.join(', ')} (the clients that install from a link)`);
  }
  const plan = planLink(ids[0] as LinkClient, options);
  if (options.json) {
    out.json({
      client: plan.client.id,
      name: options.name,
      mode: plan.choice.mode,
      url: plan.choice.url,
      entry: plan.entry,
      link: plan.link,
      notes: plan.notes,
    });
    return 0;
  }
  out.line(plan.link);
  for (const note of plan.notes) out.error(`note: ${note}`);
  return 0;
}
