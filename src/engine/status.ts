import { CLIENTS, clientById, clientsAtLocations, type ClientDescriptor } from '../clients/index.js';
import { inventoryShape } from '../clients/types.js';
import { readConfigFile } from '../config/files.js';
import type { Options } from '../core/options.js';
import type { Platform } from '../core/platform.js';
import { judgeEntry } from '../entries/expected-entry.js';
import { inventoryEntries, type FoundEntry } from '../entries/inventory.js';
import { describeFailure, parseConfigRoot } from './changes.js';

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
  /** The entry was turned off in the file, on purpose: how the file says it (`"disabled": true`, `enabled = false`). */
  disabled?: string;
  error?: string;
}

/** Reads one client's config and says whether an Intercom entry is there and whether it works. */
async function clientStatus(client: ClientDescriptor, platform: Platform, options: Pick<Options, 'scope' | 'name' | 'url'>): Promise<ClientStatus> {
  const detection = client.detect(platform);
  const path = client.configPath(platform, options.scope);
  const status: ClientStatus = {
    client,
    detected: detection.detected,
    evidence: detection.evidence,
    path,
    configured: false,
    correct: false,
    problems: [],
    duplicates: [],
  };
  if (!path || !client.shape) return status;
  try {
    const snapshot = await readConfigFile(path);
    if (snapshot.text === undefined) return status;
    const root = await parseConfigRoot(snapshot.text, client.shape);
    const inventory = inventoryEntries(root, inventoryShape(client.shape), options.name, [options.url]);
    const candidates = [...(inventory.own ? [inventory.own] : []), ...inventory.legacy, ...inventory.duplicates];
    const judged = candidates.map((entry) => ({ entry, verdict: judgeEntry(client, platform, entry.value, [options.url], entry.name) }));
    const chosen = judged.find(({ entry }) => entry === inventory.own) ?? judged.find(({ verdict }) => verdict.correct) ?? judged[0];
    if (!chosen) return status;
    const misplaced = chosen.entry.container !== client.shape.serversKey;
    const toml = client.shape.format === 'toml';
    const disabled =
      chosen.verdict.disabled &&
      (chosen.verdict.disabled === 'disabled' ? (toml ? 'disabled = true' : '"disabled": true') : toml ? 'enabled = false' : '"enabled": false');
    return {
      ...status,
      ...(disabled ? { disabled } : {}),
      configured: true,
      correct: chosen.verdict.correct && !misplaced,
      entry: chosen.entry,
      duplicates: candidates.filter((entry) => entry !== chosen.entry && entry.container === client.shape?.serversKey).map((entry) => entry.name),
      problems: misplaced
        ? [`it is under "${chosen.entry.container}", which ${client.label} does not read (it reads "${client.shape.serversKey}")`]
        : chosen.verdict.problems,
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
