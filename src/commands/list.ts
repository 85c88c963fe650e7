import { CLIENTS, clientById, clientsAtLocations, type ClientDescriptor } from '../clients/index.js';
import { displayPath } from '../clients/paths.js';
import { inventoryShape } from '../clients/types.js';
import { readConfigFile } from '../config/files.js';
import { inventoryEntries, type FoundEntry } from '../entries/inventory.js';
import { describeFailure, parseConfigRoot } from '../engine/changes.js';
import { judgeEntry } from '../entries/expected-entry.js';
import type { Options } from '../cli/options.js';
import type { Platform } from '../core/platform.js';
import type { CommandContext } from '../ui/context.js';

export interface ClientStatus {
  client: ClientDescriptor;
  detected: boolean;
  evidence: string;
  path?: string;
  configured: boolean;
  correct: boolean;
  /** The entry that was judged, with the reasons it will not work. */
  entry?: FoundEntry;
  problems: string[];
  /** Other names under which an Intercom entry is also configured. */
  duplicates: string[];
  error?: string;
}

/** Reads one client's config and says whether an Intercom entry is there and whether it works. */
export async function clientStatus(client: ClientDescriptor, platform: Platform, options: Pick<Options, 'scope' | 'name' | 'url'>): Promise<ClientStatus> {
  const detection = client.detect(platform);
  const path = client.configPath(platform, options.scope);
  const status: ClientStatus = { client, detected: detection.detected, evidence: detection.evidence, path, configured: false, correct: false, problems: [], duplicates: [] };
  if (!path || !client.shape) return status;
  try {
    const snapshot = await readConfigFile(path);
    if (snapshot.text === undefined) return status;
    const root = parseConfigRoot(snapshot.text, client.shape.format);
    const inventory = inventoryEntries(root, inventoryShape(client.shape), options.name, [options.url]);
    const candidates = [...(inventory.own ? [inventory.own] : []), ...inventory.legacy, ...inventory.duplicates];
    const judged = candidates.map((entry) => ({ entry, verdict: judgeEntry(client, platform, entry.value, [options.url]) }));
    const chosen = judged.find(({ entry }) => entry === inventory.own) ?? judged.find(({ verdict }) => verdict.correct) ?? judged[0];
    if (!chosen) return status;
    const misplaced = chosen.entry.container !== client.shape.serversKey;
    return {
      ...status,
      configured: true,
      correct: chosen.verdict.correct && !misplaced,
      entry: chosen.entry,
      duplicates: candidates.filter((entry) => entry !== chosen.entry && entry.container === client.shape?.serversKey).map((entry) => entry.name),
      problems: misplaced ? [`it is under "${chosen.entry.container}", which ${client.label} does not read (it reads "${client.shape.serversKey}")`] : chosen.verdict.problems,
    };
  } catch (error) {
    return { ...status, error: describeFailure(error, path) };
  }
}

/**
 * One status per config file: a client with several (Cline and Roo Code in each editor, VS Code
 * profiles) gives one for each, with the same client id and its own label and path.
 */
export async function clientStatuses(client: ClientDescriptor, platform: Platform, options: Pick<Options, 'scope' | 'name' | 'url'>): Promise<ClientStatus[]> {
  return Promise.all(clientsAtLocations(client, platform, options.scope).map((bound) => clientStatus(bound, platform, options)));
}

export function selectedClients(ids: string[]): ClientDescriptor[] {
  if (ids.length === 0 || ids.includes('all')) return [...CLIENTS];
  return ids.map((id) => clientById(id)).filter((client): client is ClientDescriptor => client !== undefined);
}

export async function runList(ctx: CommandContext, options: Options): Promise<number> {
  const { platform, out } = ctx;
  const statuses = (await Promise.all(selectedClients(options.clients).map((client) => clientStatuses(client, platform, options)))).flat();
  if (options.json) {
    out.json({
      clients: statuses.map((status) => ({
        client: status.client.id,
        detected: status.detected,
        path: status.path ?? null,
        configured: status.configured,
        correct: status.correct,
        ...(status.error ? { error: status.error } : {}),
      })),
    });
    return 0;
  }
  const { colors } = out;
  for (const status of statuses) {
    const detected = status.detected ? colors.green('detected ') : colors.dim('not found');
    const entry = status.error
      ? colors.red('unreadable')
      : !status.configured
        ? colors.dim('no Intercom entry')
        : status.correct
          ? colors.green('configured')
          : colors.yellow('entry needs fixing');
    const notFound = status.client.shape ? status.client.notFound?.(platform, options.scope) : undefined;
    const missing = !status.client.shape ? '(web app: Settings → Connectors)' : notFound ? '(not installed in any editor)' : `(no ${options.scope}-scope file)`;
    const where = status.path ? displayPath(platform, status.path) : colors.dim(missing);
    const label = status.client.label === clientById(status.client.id)?.label ? '' : `  ${colors.dim(status.client.label)}`;
    out.line(`${colors.bold(status.client.id.padEnd(16))} ${detected}  ${entry.padEnd(18)}  ${where}${label}`);
    if (!status.path && notFound && options.clients.length > 0) out.line(`    ${colors.dim(notFound)}`);
    if (status.error) out.line(`    ${colors.red(status.error)}`);
    else if (status.configured && !status.correct) out.line(`    ${status.problems[0]}; fix: intercom-mcp-setup --client ${status.client.id}`);
  }
  return 0;
}
