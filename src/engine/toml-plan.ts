/** Planning a Codex config.toml edit: the TOML twin of json-plan.ts, over src/config/toml.ts. */
import { inventoryShape, type TomlConfigShape } from '../clients/types.js';
import type { JsonObject } from '../config/json-types.js';
import { ConfigParseError, jsonEqual, lineAndColumn } from '../config/jsonc.js';
import { parseToml, removeTomlEntries, setTomlEntry, tomlKey, type TomlDocument } from '../config/toml.js';
import { inventoryEntries, type FoundEntry } from '../entries/inventory.js';
import type { TextChange } from './json-plan.js';

export interface TomlEntryRequest {
  shape: TomlConfigShape;
  name: string;
  /** URLs that count as Intercom's besides intercom.com (the --url being configured). */
  extraUrls?: readonly string[];
}

function describeEntry(entry: FoundEntry): string {
  return `[${entry.container}.${tomlKey(entry.name)}]`;
}

function requireServersTable(document: TomlDocument, container: string, notTable: string | undefined): void {
  if (!notTable) return;
  const pair = document.pairs.find((candidate) => candidate.path.length === 1 && candidate.path[0] === container);
  const { line, column } = lineAndColumn(document.body, pair?.start ?? 0);
  throw new ConfigParseError(line, column, `"${container}" is not a table, so no server can be added to it; fix it by hand`);
}

/** Adds or replaces `[servers.name]`. Throws ConfigParseError when the text cannot be read or edited safely. */
export function planTomlUpsert(current: string | undefined, request: TomlEntryRequest, entry: JsonObject): TextChange {
  const document = parseToml(current ?? '');
  const inventory = inventoryEntries(document.root, inventoryShape(request.shape), request.name, request.extraUrls);
  requireServersTable(document, request.shape.serversKey, inventory.containerNotObject);
  const previous = inventory.own?.value;
  const ownIsCurrent = previous !== undefined && jsonEqual(previous, entry);
  if (ownIsCurrent && inventory.legacy.length === 0) return { kind: 'unchanged', text: current ?? '', notes: [], previous };
  const legacy = inventory.legacy.map(({ container, name }) => ({ container, name }));
  const edit = ownIsCurrent
    ? removeTomlEntries(document, legacy)
    : setTomlEntry(document, request.shape.serversKey, request.name, entry, legacy);
  const notes = inventory.legacy.map((found) =>
    found.container !== request.shape.serversKey
      ? `replaced the old Intercom entry ${describeEntry(found)}: Codex does not read "${found.container}"`
      : `replaced the old Intercom entry ${describeEntry(found)}: it could not work as written`,
  );
  return { kind: current === undefined ? 'created' : 'updated', text: edit.text, notes, previous };
}

/** Removes `[servers.name]` (and the legacy entries), with their sub-tables and nothing else. */
export function planTomlRemoval(current: string | undefined, request: TomlEntryRequest): TextChange {
  if (current === undefined) return { kind: 'unchanged', text: '', notes: ['no config file'] };
  const document = parseToml(current);
  const inventory = inventoryEntries(document.root, inventoryShape(request.shape), request.name, request.extraUrls);
  const targets = [...(inventory.own ? [inventory.own] : []), ...inventory.legacy];
  if (targets.length === 0) return { kind: 'unchanged', text: current, notes: [] };
  const edit = removeTomlEntries(document, targets.map(({ container, name }) => ({ container, name })));
  const notes = inventory.legacy.map((found) => `also removed the old Intercom entry ${describeEntry(found)}`);
  return { kind: 'removed', text: edit.text, notes, previous: inventory.own?.value };
}
