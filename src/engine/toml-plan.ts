/** Planning a Codex config.toml edit: the TOML twin of json-plan.ts, over src/config/toml.ts. */
import { codexOtherTransportKeys } from '../clients/codex.js';
import { inventoryShape, type TomlConfigShape } from '../clients/types.js';
import type { JsonObject, JsonValue } from '../config/json-types.js';
import { ConfigParseError, lineAndColumn } from '../config/jsonc.js';
import { parseToml, removeTomlEntries, setTomlEntry, tomlKey, updateTomlEntry, type TomlDocument } from '../config/toml.js';
import { updateEntry, type EntryUpdate, type KeyPath } from '../entries/entry-keys.js';
import { inventoryEntries, type FoundEntry } from '../entries/inventory.js';
import { updateNotes, type TextChange } from './json-plan.js';

export interface TomlEntryRequest {
  shape: TomlConfigShape;
  name: string;
  /** URLs that count as Intercom's besides intercom.com (the --url being configured). */
  extraUrls?: readonly string[];
  /** The keys setup owns in the client's entry (entries/entry-keys.ts clientOwnedKeys); ENDPOINT_KEYS without it. */
  owned?: () => readonly KeyPath[];
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
 * The person's keys that the entry's transport does not take (an `env` sub-table kept from the
 * bridge when the entry becomes a URL server): they go too, and the notes say so, since Codex
 * would refuse the whole file with them.
 */
function withoutOtherTransportKeys(update: EntryUpdate, entry: JsonObject): { update: EntryUpdate; dropped: string[] } {
  const refused = codexOtherTransportKeys(entry);
  const dropped = refused.filter((key) => Object.hasOwn(update.value, key) && !Object.hasOwn(entry, key));
  if (dropped.length === 0) return { update, dropped };
  const value: JsonObject = { ...update.value };
  for (const key of dropped) delete value[key];
  const edits: Array<{ path: string[]; value?: JsonValue }> = [
    ...update.edits.filter((edit) => !dropped.includes(edit.path[0]!)),
    ...dropped.map((key) => ({ path: [key] })),
  ];
  // The report's "keeps …" no longer names them (entry-keys.ts writes each name as "name").
  const gone = new Set(dropped.map((key) => `"${key}"`));
  const note = update.note
    ?.split('; ')
    .map((part) =>
      part.startsWith('keeps ')
        ? `keeps ${part
            .slice(6)
            .split(', ')
            .filter((name) => !gone.has(name))
            .join(', ')}`
        : part,
    )
    .filter((part) => part !== 'keeps ')
    .join('; ');
  return { update: { value, edits, ...(note ? { note } : {}) }, dropped };
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
  const { update, dropped } = withoutOtherTransportKeys(updateEntry(previous, entry, request.owned), entry);
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
  if (dropped.length > 0) {
    const transport = Object.hasOwn(entry, 'url') ? 'a URL server' : 'a command server';
    notes.push(
      `removed ${dropped.map((key) => `"${key}"`).join(', ')} from "${request.name}": Codex does not accept ${dropped.length === 1 ? 'it' : 'them'} in ${transport}'s table and would load no config at all`,
    );
  }
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
