import { parseMcpRemoteArgs, type McpRemoteInvocation } from './auth-cache.js';
import { CLIENTS, type ClientDescriptor, type Scope } from './clients/index.js';
import { readConfigFile } from './config/files.js';
import { parseDocument } from './config/jsonc.js';
import { inventoryEntries, type FoundEntry } from './entries.js';
import type { Platform } from './platform.js';
import type { JsonValue } from './templates.js';

/** An Intercom entry found in some client's config file. */
export interface IntercomEntry {
  client: ClientDescriptor;
  scope: Scope;
  path: string;
  entry: FoundEntry;
  /** The endpoint it connects to (native `url`/`serverUrl`, or the bridge's URL argument). */
  url?: string;
  /** How it starts mcp-remote, when it does (what mcp-remote hashes its cache files by). */
  invocation?: McpRemoteInvocation;
}

function urlOf(value: JsonValue, invocation: McpRemoteInvocation | undefined): string | undefined {
  if (invocation) return invocation.url;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const url = value.url ?? value.serverUrl ?? value.httpUrl;
    if (typeof url === 'string') return url;
  }
  return undefined;
}

function invocationOf(value: JsonValue): McpRemoteInvocation | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const args = Array.isArray(value.args) ? value.args.filter((arg): arg is string => typeof arg === 'string') : [];
  const command = typeof value.command === 'string' ? value.command : undefined;
  return parseMcpRemoteArgs(args, { command });
}

/**
 * Every Intercom entry in every client's user and project config (our name, legacy ones and
 * duplicates). Files that are missing or do not parse are passed over: callers that must report
 * those (doctor) read the files themselves.
 */
export async function findIntercomEntries(platform: Platform, options: { name: string; extraUrls?: readonly string[] }): Promise<IntercomEntry[]> {
  const found: IntercomEntry[] = [];
  const seen = new Set<string>();
  for (const client of CLIENTS) {
    if (!client.shape) continue;
    for (const scope of ['user', 'project'] as const) {
      const path = client.configPath(platform, scope);
      if (!path || seen.has(`${client.id}:${path}`)) continue;
      seen.add(`${client.id}:${path}`);
      try {
        const snapshot = await readConfigFile(path);
        if (snapshot.text === undefined) continue;
        const inventory = inventoryEntries(parseDocument(snapshot.text, client.shape.format).root, client.shape, options.name, options.extraUrls);
        for (const entry of [...(inventory.own ? [inventory.own] : []), ...inventory.legacy, ...inventory.duplicates]) {
          const invocation = invocationOf(entry.value);
          found.push({ client, scope, path, entry, invocation, url: urlOf(entry.value, invocation) });
        }
      } catch {
        // unreadable or unparsable: not this function's to report
      }
    }
  }
  return found;
}
