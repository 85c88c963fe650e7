/** Planning a Goose or Continue config.yaml edit: the YAML twin of toml-plan.ts, over src/config/yaml.ts. */
import { inventoryRoot, inventoryShape, type YamlConfigShape } from '../clients/types.js';
import type { JsonObject } from '../config/json-types.js';
import { ConfigParseError } from '../config/jsonc.js';
import { parseYaml, removeYamlEntries, setYamlEntry, type YamlContainer, type YamlDocument } from '../config/yaml.js';
import { updateEntry, type KeyPath } from '../entries/entry-keys.js';
import { inventoryEntries, type FoundEntry } from '../entries/inventory.js';
import { updateNotes, type TextChange } from './json-plan.js';

export interface YamlEntryRequest {
  shape: YamlConfigShape;
  name: string;
  /** URLs that count as Intercom's besides intercom.com (the --url being configured). */
  extraUrls?: readonly string[];
  /** The keys setup owns in the client's entry (entries/entry-keys.ts clientOwnedKeys); ENDPOINT_KEYS without it. */
  owned?: () => readonly KeyPath[];
}

function containerOf(shape: YamlConfigShape): YamlContainer {
  return { path: [shape.serversKey], shape: shape.list ? 'list' : 'map' };
}

function describeEntry(entry: FoundEntry): string {
  return `"${entry.name}" in "${entry.container}"`;
}

/** The servers found, with a list read as a mapping by name (inventoryRoot). */
function inventoryOf(document: YamlDocument, request: YamlEntryRequest) {
  const root = inventoryRoot(document.root, request.shape);
  const inventory = inventoryEntries(root, inventoryShape(request.shape), request.name, request.extraUrls);
  const servers = document.root[request.shape.serversKey];
  // A bare key (null) is an empty container: config/yaml.ts fills it in place.
  const wrongType =
    servers !== undefined && servers !== null && (request.shape.list ? !Array.isArray(servers) : typeof servers !== 'object' || Array.isArray(servers));
  return { inventory, wrongType };
}

function requireContainer(document: YamlDocument, request: YamlEntryRequest, wrongType: boolean): void {
  if (!wrongType) return;
  const kind = request.shape.list ? 'a list' : 'a mapping';
  // The line of the key: config/yaml.ts knows the document's positions, the plan only its meaning.
  const offset = Math.max(0, document.body.search(new RegExp(`^${request.shape.serversKey}\\s*:`, 'm')));
  const before = document.body.slice(0, offset);
  const line = before.split('\n').length;
  throw new ConfigParseError(line, 1, `"${request.shape.serversKey}" is not ${kind}, so no server can be added to it; fix it by hand`);
}

/**
 * Adds our entry, or updates the one under our name (entries/entry-keys.ts): the keys that carry
 * the endpoint change, the person's keys (Goose's `enabled: false`, `timeout`, `envs`…) stay.
 * Throws ConfigParseError when the text cannot be read or edited safely.
 */
export function planYamlUpsert(current: string | undefined, request: YamlEntryRequest, entry: JsonObject): TextChange {
  const document = parseYaml(current ?? '');
  const { inventory, wrongType } = inventoryOf(document, request);
  requireContainer(document, request, wrongType);
  const previous = inventory.own?.value;
  const update = updateEntry(previous, entry, request.owned);
  const ownIsCurrent = previous !== undefined && update.edits.length === 0;
  if (ownIsCurrent && inventory.legacy.length === 0) return { kind: 'unchanged', text: current ?? '', notes: [], previous };
  const container = containerOf(request.shape);
  const legacy = inventory.legacy.map(({ name }) => ({ container, name }));
  const edit = ownIsCurrent ? removeYamlEntries(document, legacy) : setYamlEntry(document, container, request.name, update.value, legacy);
  const notes = inventory.legacy.map((found) => `replaced the old Intercom entry ${describeEntry(found)}: it could not work as written`);
  if (!ownIsCurrent && previous !== undefined)
    notes.push(...updateNotes(request.name, update, (key) => (key === 'disabled' ? 'disabled: true' : 'enabled: false')));
  return { kind: current === undefined ? 'created' : 'updated', text: edit.text, notes, previous };
}

/** Removes our entry (and the legacy ones) and nothing else. */
/**
 * Removes our entry (and the legacy ones). A container left empty keeps its key (`extensions: {}`),
 * unless `original` (the file before this program first changed it: its oldest backup) had no such
 * key: setup made it, and its lines go, so that setup then remove gives the file back.
 */
export function planYamlRemoval(current: string | undefined, request: YamlEntryRequest, original?: () => string | undefined): TextChange {
  if (current === undefined) return { kind: 'unchanged', text: '', notes: ['no config file'] };
  const document = parseYaml(current);
  const { inventory } = inventoryOf(document, request);
  const targets = [...(inventory.own ? [inventory.own] : []), ...inventory.legacy];
  if (targets.length === 0) return { kind: 'unchanged', text: current, notes: [] };
  const container = containerOf(request.shape);
  const edit = removeYamlEntries(
    document,
    targets.map(({ name }) => ({ container, name })),
    setupMadeIt(original?.(), request.shape.serversKey) ? [container] : [],
  );
  const notes = inventory.legacy.map((found) => `also removed the old Intercom entry ${describeEntry(found)}`);
  return { kind: 'removed', text: edit.text, notes, previous: inventory.own?.value };
}

/** Whether `before` (a backup) parses and lacks the top-level `key`; false when there is none to ask. */
function setupMadeIt(before: string | undefined, key: string): boolean {
  if (before === undefined) return false;
  try {
    const root = parseYaml(before).root;
    return !Object.hasOwn(root, key);
  } catch {
    return false;
  }
}
