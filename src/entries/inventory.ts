import { isIntercomHost } from '../core/endpoint.js';
import type { ConfigShape } from '../clients/types.js';
import { isJsonObject, stringsIn, type JsonObject, type JsonValue } from '../config/json-types.js';

/** One server entry in a config file: where it is and what it says. */
export interface FoundEntry {
  /** The key of the servers object it is in (`servers`, `mcpServers`, …). */
  container: string;
  name: string;
  value: JsonValue;
}

export interface EntryInventory {
  /** The entry under our name in the client's servers object. */
  own?: FoundEntry;
  /**
   * Entries that are Intercom's but cannot work and are replaced by ours: the seed guide's
   * one-string `"type": "Command"`, an Intercom entry under a key the client never reads, or
   * our name in another letter case.
   */
  legacy: FoundEntry[];
  /** Other working entries that also point at Intercom (duplicates under other names). */
  duplicates: FoundEntry[];
  /** The servers object exists but is not an object: the file cannot take an entry. */
  containerNotObject?: string;
}

/** True when any URL in the entry points at Intercom (or at the URL being configured). */
function pointsAtIntercom(value: JsonValue, extraUrls: readonly string[] = []): boolean {
  return stringsIn(value).some((text) => {
    if (extraUrls.some((url) => text.includes(url))) return true;
    for (const match of text.matchAll(/https?:\/\/[^\s"'<>]+/g)) {
      try {
        if (isIntercomHost(new URL(match[0]).hostname)) return true;
      } catch {
        // not a URL after all
      }
    }
    return false;
  });
}

/** The seed guide's Cursor snippet: the whole command line in one string, which no client splits. */
export function isOneStringCommand(value: JsonValue): boolean {
  if (!isJsonObject(value)) return false;
  const command = value.command;
  const hasArgs = Array.isArray(value.args) && value.args.length > 0;
  return typeof command === 'string' && /\s/.test(command.trim()) && !hasArgs;
}

export function inventoryEntries(root: JsonObject, shape: ConfigShape, name: string, extraUrls: readonly string[] = []): EntryInventory {
  const inventory: EntryInventory = { legacy: [], duplicates: [] };
  const servers = root[shape.serversKey];
  if (servers !== undefined && !isJsonObject(servers)) {
    inventory.containerNotObject = shape.serversKey;
  }
  if (isJsonObject(servers)) {
    for (const [key, value] of Object.entries(servers)) {
      const found = { container: shape.serversKey, name: key, value };
      if (key === name) inventory.own = found;
      else if (key.toLowerCase() === name.toLowerCase() && pointsAtIntercom(value, extraUrls)) inventory.legacy.push(found);
      else if (isOneStringCommand(value) && pointsAtIntercom(value, extraUrls)) inventory.legacy.push(found);
      else if (pointsAtIntercom(value, extraUrls)) inventory.duplicates.push(found);
    }
  }
  for (const ignoredKey of shape.ignoredKeys ?? []) {
    const ignored = root[ignoredKey];
    if (!isJsonObject(ignored)) continue;
    for (const [key, value] of Object.entries(ignored)) {
      if (key.toLowerCase() === name.toLowerCase() || pointsAtIntercom(value, extraUrls)) {
        inventory.legacy.push({ container: ignoredKey, name: key, value });
      }
    }
  }
  return inventory;
}
