/** Planning a Codex config.toml edit: the TOML twin of json-plan.ts, over src/config/toml.ts. */
import { inventoryShape, type TomlConfigShape } from '../clients/types.js';
import type { JsonObject } from '../config/json-types.js';
import { ConfigParseError, lineAndColumn } from '../config/jsonc.js';
import { parseToml, removeTomlEntries, setTomlEntry, tomlKey, updateTomlEntry, type TomlDocument } from '../config/toml.js';
import { updateEntry, type KeyPath } from '../entries/entry-keys.js';
import { inventoryEntries, type FoundEntry } from '../entries/inventory.js';
import { updateNotes, type TextChange } from './json-plan.js';

export interface TomlEntryRequest {
  shape: TomlConfigShape;
  name: string;
  /** URLs that count as Intercom's besides intercom.com (the --url being configured). */
  extraUrls?: readonly string[];
  /** The keys setup owns in the client's entry (entries/entry-keys.ts clientOwnedKeys); ENDPOINT_KEYS without it. */
  owned?: readonly KeyPath[];
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

/**
 * Adds `[servers.name]`, or updates it key by key (entries/entry-keys.ts): the keys that carry the
 * endpoint change, the person's keys (`env`, `enabled`, timeouts…) stay. Throws ConfigParseError
 * when the text cannot be read or edited safely.
 */
export function planTomlUpsert(current: string | undefined, request: TomlEntryRequest, entry: JsonObject): TextChange {
  const document = parseToml(current ?? '');
  const inventory = inventoryEntries(document.root, inventoryShape(request.shape), request.name, request.extraUrls);
  requireServersTable(document, request.shape.serversKey, inventory.containerNotObject);
  const previous = inventory.own?.value;
  const update = updateEntry(previous, entry, request.owned);
  const ownIsCurrent = previous !== undefined && update.edits.length === 0;
  if (ownIsCurrent && inventory.legacy.length === 0) return { kind: 'unchanged', text: current ?? '', notes: [], previous };
  const legacy = inventory.legacy.map(({ container, name }) => ({ container, name }));
  const { serversKey } = request.shape;
  const edit = ownIsCurrent
    ? removeTomlEntries(document, legacy)
    : previous === undefined
      ? setTomlEntry(document, serversKey, request.name, entry, legacy)
      : updateTomlEntry(document, serversKey, request.name, update.edits, update.value, legacy);
  const notes = inventory.legacy.map((found) =>
    found.container !== request.shape.serversKey
      ? `replaced the old Intercom entry ${describeEntry(found)}: Codex does not read "${found.container}"`
      : `replaced the old Intercom entry ${describeEntry(found)}: it could not work as written`,
  );
  if (!ownIsCurrent && previous !== undefined)
    notes.push(...updateNotes(request.name, update, (key) => (key === 'disabled' ? 'disabled = true' : 'enabled = false')));
  return { kind: current === undefined ? 'created' : 'updated', text: edit.text, notes, previous };
}

/** Removes `[servers.name]` (and the legacy entries), with their sub-tables and nothing else. */
export function planTomlRemoval(current: string | undefined, request: TomlEntryRequest): TextChange {
  if (current === undefined) return { kind: 'unchanged', text: '', notes: ['no config file'] };
  const document = parseToml(current);
  const inventory = inventoryEntries(document.root, inventoryShape(request.shape), request.name, request.extraUrls);
  const targets = [...(inventory.own ? [inventory.own] : []), ...inventory.legacy];
  if (targets.length === 0) return { kind: 'unchanged', text: current, notes: [] };
  const edit = removeTomlEntries(
    document,
    targets.map(({ container, name }) => ({ container, name })),
  );
  const notes = inventory.legacy.map((found) => `also removed the old Intercom entry ${describeEntry(found)}`);
  return { kind: 'removed', text: edit.text, notes, previous: inventory.own?.value };
}
