import type { ConfigShape } from '../clients/types.js';
import { withBom } from '../config/bom.js';
import {
  ConfigParseError,
  editDocument,
  findDuplicateKey,
  setupMadeContainer,
  parseDocument,
  propertyHasComment,
  type ParsedDocument,
} from '../config/jsonc.js';
import { disabledKey, updateEntry, type EntryUpdate, type KeyPath } from '../entries/entry-keys.js';
import { inventoryEntries, type FoundEntry } from '../entries/inventory.js';
import type { JsonObject, JsonValue } from '../config/json-types.js';

type EditKind = 'created' | 'updated' | 'unchanged' | 'removed';

/** The outcome of applying a desired change to one config text. Pure: no files involved. */
export interface TextChange {
  kind: EditKind;
  /** The text to write; equal to the input when kind is `unchanged`. */
  text: string;
  /** What else happened, for the report (e.g. a legacy entry that was replaced). */
  notes: string[];
  /** Our entry as it was before, if there was one. */
  previous?: JsonValue;
}

export interface EntryRequest {
  shape: ConfigShape;
  name: string;
  /** URLs that count as Intercom's besides intercom.com (the --url being configured). */
  extraUrls?: readonly string[];
  /** The keys setup owns in the client's entry (entries/entry-keys.ts clientOwnedKeys); ENDPOINT_KEYS without it. Asked by updateEntry only when there is an entry to update. */
  owned?: () => readonly KeyPath[];
}

function describe(entry: FoundEntry): string {
  return `"${entry.name}" in "${entry.container}"`;
}

/** Applies edits one after the other, each on the text the previous one produced. */
class DocumentEditor {
  constructor(private document: ParsedDocument) {}

  set(path: string[], value: JsonValue | undefined): void {
    // A key that appears twice on the way: clients read the last one, an edit would change the
    // first, and setup would report an entry no client sees (found by the property tests).
    const duplicate = findDuplicateKey(this.document.body, path);
    if (duplicate) {
      throw new ConfigParseError(
        duplicate.line,
        duplicate.column,
        `"${duplicate.key}" appears more than once, and clients read only the last one; merge them into one`,
      );
    }
    const body = editDocument(this.document, path, value);
    this.document = { ...this.document, body, empty: false };
  }

  /** Whether a key appears twice on the way to `path` (set() would refuse it). */
  hasDuplicate(path: string[]): boolean {
    return findDuplicateKey(this.document.body, path) !== undefined;
  }

  text(): string {
    return withBom(this.document, this.document.body);
  }

  hasComment(path: string[]): boolean {
    return propertyHasComment(this.document.body, path);
  }

  /** Whether setup made the top-level container `key`, now empty (jsonc.ts setupMadeContainer). */
  setupMade(key: string, format: 'json' | 'jsonc', original: (() => string | undefined) | undefined, mayFollow: readonly string[]): boolean {
    return setupMadeContainer(this.document.body, key, format, original, mayFollow);
  }
}

/** The only top-level keys an edit reads: the rest of the file is checked but not built. */
function shapeKeys(shape: ConfigShape): string[] {
  return [shape.serversKey, ...(shape.ignoredKeys ?? [])];
}

function requireObjectContainer(containerNotObject: string | undefined): void {
  if (containerNotObject) {
    throw new ConfigParseError(1, 1, `"${containerNotObject}" is not an object, so no server can be added to it; fix it by hand`);
  }
}

/**
 * Removes entries; a servers object that the removal leaves empty goes too when `dropEmpty`
 * says so of its text, so that setup followed by remove gives back the document it started from.
 */
function removeEntries(editor: DocumentEditor, root: JsonObject, entries: FoundEntry[], dropEmpty: (container: string) => boolean): void {
  const removedPerContainer = new Map<string, number>();
  for (const entry of entries) {
    editor.set([entry.container, entry.name], undefined);
    removedPerContainer.set(entry.container, (removedPerContainer.get(entry.container) ?? 0) + 1);
  }
  for (const [container, removed] of removedPerContainer) {
    const value = root[container];
    // An emptied object that still holds a comment stays: deleting it would delete the comment
    // (found by the property tests; an empty servers object means no servers to every client).
    if (value && typeof value === 'object' && Object.keys(value).length === removed && !editor.hasComment([container]) && dropEmpty(container)) {
      editor.set([container], undefined);
    }
  }
}

function legacyNote(entry: FoundEntry, shape: ConfigShape): string {
  const why = entry.container !== shape.serversKey ? `it was under "${entry.container}", which this client does not read` : 'it could not work as written';
  return `replaced the old Intercom entry ${describe(entry)}: ${why}`;
}

/**
 * What the report says of an entry updated in place: the keys that change and those that stay,
 * and that a disabled entry stays disabled.
 */
export function updateNotes(name: string, update: EntryUpdate, disabledAs: (key: 'disabled' | 'enabled') => string): string[] {
  const notes = update.note ? [`updated "${name}" key by key: ${update.note}`] : [];
  const disabled = disabledKey(update.value);
  if (disabled) notes.push(`"${name}" stays turned off (${disabledAs(disabled)}), as it was: setup never turns an entry back on`);
  return notes;
}

/**
 * Adds our entry, or updates the one under our name key by key (entries/entry-keys.ts): the keys
 * that carry the endpoint change, the person's keys stay. Throws ConfigParseError when the text
 * cannot be read.
 */
export function planEntryUpsert(current: string | undefined, request: EntryRequest, entry: JsonObject): TextChange {
  const document = parseDocument(current ?? '', request.shape.format, shapeKeys(request.shape));
  const inventory = inventoryEntries(document.root, request.shape, request.name, request.extraUrls);
  requireObjectContainer(inventory.containerNotObject);
  const previous = inventory.own?.value;
  const update = updateEntry(previous, entry, request.owned);
  const ownIsCurrent = previous !== undefined && update.edits.length === 0;
  if (ownIsCurrent && inventory.legacy.length === 0) {
    return { kind: 'unchanged', text: current ?? '', notes: [], previous };
  }
  const editor = new DocumentEditor(document);
  // A key the client never reads, left empty by the move, goes too; the servers object stays.
  removeEntries(editor, document.root, inventory.legacy, (container) => container !== request.shape.serversKey);
  const notes = inventory.legacy.map((entry) => legacyNote(entry, request.shape));
  if (!ownIsCurrent) {
    const at = [request.shape.serversKey, request.name];
    // Key by key, unless a key inside the entry is repeated (the edit would go to the first of them).
    if (previous !== undefined && update.edits.every((edit) => edit.path.length > 0 && !editor.hasDuplicate([...at, ...edit.path]))) {
      for (const edit of update.edits) editor.set([...at, ...edit.path], edit.value);
    } else {
      editor.set(at, update.value);
    }
    if (previous !== undefined) notes.push(...updateNotes(request.name, update, (key) => (key === 'disabled' ? '"disabled": true' : '"enabled": false')));
  }
  const kind = current === undefined ? 'created' : 'updated';
  return { kind, text: editor.text(), notes, previous };
}

/**
 * Removes our entry (and the legacy ones); the servers object goes too if it ends up empty and
 * setup made it. `original` gives the file as it was before this program first changed it (its
 * oldest backup), if there is one.
 */
export function planEntryRemoval(current: string | undefined, request: EntryRequest, original?: () => string | undefined): TextChange {
  if (current === undefined) return { kind: 'unchanged', text: '', notes: ['no config file'] };
  const document = parseDocument(current, request.shape.format, shapeKeys(request.shape));
  const inventory = inventoryEntries(document.root, request.shape, request.name, request.extraUrls);
  const targets = [...(inventory.own ? [inventory.own] : []), ...inventory.legacy];
  if (targets.length === 0) return { kind: 'unchanged', text: current, notes: [] };
  const editor = new DocumentEditor(document);
  // An emptied servers object goes only if setup made it (jsonc.ts setupMadeContainer): setup then
  // remove gives the file back byte for byte, and `"mcpServers": {}` as the clients write it stays.
  const after = request.shape.inputsKey ? [request.shape.inputsKey] : [];
  removeEntries(
    editor,
    document.root,
    targets,
    (container) => container !== request.shape.serversKey || editor.setupMade(container, request.shape.format, original, after),
  );
  const notes = inventory.legacy.map((entry) => `also removed the old Intercom entry ${describe(entry)}`);
  return { kind: 'removed', text: editor.text(), notes, previous: inventory.own?.value };
}
