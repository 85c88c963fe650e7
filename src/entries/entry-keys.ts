/**
 * Which keys of an Intercom entry are this tool's and which are the person's. An entry found under
 * our name is updated key by key: the keys that carry the endpoint (ENDPOINT_KEYS, and the others
 * the client's templates set) are set as the template says, and those the template does not use go (switching the bridge for the native entry
 * drops `command` and `args`); every other key stays as it is — `env` with a proxy or a CA,
 * `disabled`, `autoApprove`, `disabledTools`, `alwaysAllow`, `timeout`, Codex's `enabled` and
 * `[….env]`, keys no client documents. In `headers` and `env` only the one key that carries the
 * token is ours.
 */
import type { ClientDescriptor, TemplateRef } from '../clients/types.js';
import type { JsonObject, JsonValue } from '../config/json-types.js';
import { jsonEqual } from '../config/jsonc.js';
import { loadTemplate } from './templates.js';

/** A key of an entry (`["url"]`) or a key inside one of its objects (`["headers", "Authorization"]`). */
export type KeyPath = readonly [string] | readonly [string, string];

/**
 * The keys that carry the endpoint in any client's entry: where it connects (a URL, a command) and
 * how (the transport's `type`, the token's header). A stale one goes even where the client's own
 * templates do not use it (Windsurf's `url` where it reads `serverUrl`).
 */
const ENDPOINT_KEYS: readonly KeyPath[] = [
  ['command'],
  ['args'],
  ['url'],
  ['uri'],
  ['type'],
  ['serverUrl'],
  ['httpUrl'],
  ['headers', 'Authorization'],
  ['env', 'AUTH_HEADER'],
];

/**
 * Keys a template writes into a new entry that are the person's to change afterwards (Goose's
 * `enabled: true` and `timeout: 300`): set where the entry lacks them, never overwritten. Setup
 * never turns an entry back on.
 */
const DEFAULT_KEYS: readonly string[] = ['enabled', 'disabled', 'timeout'];

/**
 * The keys setup owns in this client's entry: ENDPOINT_KEYS and every other key its templates set
 * (Codex's `bearer_token_env_var`, Devin's `transport`, Crush's `oauth`, the `name` Goose and
 * Continue keep inside the entry), but DEFAULT_KEYS. `templates` are the client's rendered or raw
 * templates, in any mode.
 */
function ownedKeys(templates: readonly JsonObject[]): KeyPath[] {
  const owned: KeyPath[] = [...ENDPOINT_KEYS];
  for (const template of templates) {
    for (const path of keyPathsOf(template)) {
      if (path.length === 1 && DEFAULT_KEYS.includes(path[0])) continue;
      if (!owned.some((other) => other.length === path.length && other.every((part, index) => part === path[index]))) owned.push(path);
    }
  }
  return owned;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets an own data property, "__proto__" included (assigning it would set the prototype). */
function setOwn(object: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

function copyObject(value: JsonObject): JsonObject {
  const copy: JsonObject = {};
  for (const [key, item] of Object.entries(value)) setOwn(copy, key, isObject(item) ? copyObject(item) : item);
  return copy;
}

/** The keys a value sets: each key, or each key inside a key whose value is a non-empty object. */
function keyPathsOf(entry: JsonObject): KeyPath[] {
  const paths: KeyPath[] = [];
  for (const [key, value] of Object.entries(entry)) {
    if (isObject(value) && Object.keys(value).length > 0) for (const inner of Object.keys(value)) paths.push([key, inner]);
    else paths.push([key]);
  }
  return paths;
}

const named = (path: readonly string[]) => `"${path.join('.')}"`;

const ownedByClient = new Map<string, KeyPath[]>();

/** The keys setup owns in this client's entries (entries/entry-keys.ts): the endpoint keys and whatever its templates set. */
export function clientOwnedKeys(client: Pick<ClientDescriptor, 'id' | 'templates'>): KeyPath[] {
  const cached = ownedByClient.get(client.id);
  if (cached) return cached;
  const refs = Object.values(client.templates).filter((ref): ref is TemplateRef => ref !== undefined);
  const names = refs.flatMap((ref) => (typeof ref === 'string' ? [ref] : Object.values(ref).filter((name): name is string => typeof name === 'string')));
  const owned = ownedKeys(names.map((name) => loadTemplate(name)));
  ownedByClient.set(client.id, owned);
  return owned;
}

/** One change to the text of an entry: a value set at `path` (inside the entry), or the key removed. */
interface EntryEdit {
  path: string[];
  value?: JsonValue;
}

export interface EntryUpdate {
  /** The entry after the update. */
  value: JsonObject;
  /** The changes that make it, in order; empty when the entry is already right. */
  edits: EntryEdit[];
  /** For the report: the keys that change and the keys that stay (names only, never values). */
  note?: string;
}

/**
 * `entry` (a rendered template) merged into the entry found under our name: the keys setup owns
 * (`owned`, from ownedKeys; ENDPOINT_KEYS at least) as the template has them, the person's keys
 * kept. An entry that is not an object is replaced. `owned` is asked only when there is an entry
 * to merge into: clientOwnedKeys reads every template of the client.
 */
export function updateEntry(previous: JsonValue | undefined, entry: JsonObject, ownedKeys: () => readonly KeyPath[] = () => ENDPOINT_KEYS): EntryUpdate {
  if (!isObject(previous)) return { value: entry, edits: [{ path: [], value: entry }] };
  const owned = ownedKeys();
  const value = copyObject(previous);
  const edits: EntryEdit[] = [];
  const changed: string[] = [];
  const removed: string[] = [];
  // A default the entry already has (a value of the person's) is not wanted: it stays as it is.
  const wanted = keyPathsOf(entry).filter((path) => !(path.length === 1 && DEFAULT_KEYS.includes(path[0]) && Object.hasOwn(previous, path[0])));
  const wants = (path: KeyPath) => wanted.some((other) => other.length === path.length && other.every((part, index) => part === path[index]));
  for (const path of owned) {
    if (wants(path) || (path.length === 1 && isObject(entry[path[0]]))) continue;
    if (path.length === 1) {
      if (!Object.hasOwn(value, path[0])) continue;
      delete value[path[0]];
      edits.push({ path: [path[0]] });
      removed.push(named(path));
      continue;
    }
    const [outer, inner] = path;
    const holder = Object.hasOwn(value, outer) ? value[outer] : undefined;
    if (!isObject(holder) || !Object.hasOwn(holder, inner) || (Object.hasOwn(entry, outer) && !isObject(entry[outer]))) continue;
    // An object left empty by taking our key out goes too: it held nothing of the person's.
    if (Object.keys(holder).length === 1) {
      delete value[outer];
      edits.push({ path: [outer] });
    } else {
      delete holder[inner];
      edits.push({ path: [outer, inner] });
    }
    removed.push(named(path));
  }
  const replacedWhole = new Set<string>();
  for (const path of wanted) {
    const [outer, inner] = path;
    const target = inner === undefined ? entry[outer]! : (entry[outer] as JsonObject)[inner]!;
    if (inner === undefined) {
      if (Object.hasOwn(value, outer) && jsonEqual(value[outer], target)) continue;
      setOwn(value, outer, target);
      edits.push({ path: [outer], value: target });
      changed.push(named(path));
      continue;
    }
    const holder = Object.hasOwn(value, outer) ? value[outer] : undefined;
    if (!isObject(holder)) {
      // Nothing of the person's to keep in it (absent, or not an object): the whole object is set.
      if (replacedWhole.has(outer)) continue;
      replacedWhole.add(outer);
      setOwn(value, outer, entry[outer]!);
      edits.push({ path: [outer], value: entry[outer]! });
      changed.push(named([outer]));
      continue;
    }
    if (Object.hasOwn(holder, inner) && jsonEqual(holder[inner], target)) continue;
    setOwn(holder, inner, target);
    edits.push({ path: [outer, inner], value: target });
    changed.push(named(path));
  }
  if (edits.length === 0) return { value, edits };
  const ours = new Set([...owned, ...wanted].map((path) => path[0]));
  const kept = Object.keys(value)
    .filter(
      (key) =>
        !ours.has(key) ||
        (isObject(value[key]) &&
          Object.keys(value[key] as JsonObject).some((inner) => !wants([key, inner]) && !owned.some((path) => path[0] === key && path[1] === inner))),
    )
    .map((key) => `"${key}"`);
  const parts = [
    ...(changed.length ? [`changes ${changed.join(', ')}`] : []),
    ...(removed.length ? [`removes ${removed.join(', ')}`] : []),
    ...(kept.length ? [`keeps ${kept.join(', ')}`] : []),
  ];
  return { value, edits, note: parts.join('; ') };
}

/** The part of an entry that says where it connects and how: the keys setup owns, nothing of the person's. */
export function endpointPart(value: JsonValue, owned: readonly KeyPath[] = ENDPOINT_KEYS): JsonValue {
  if (!isObject(value)) return value;
  const part: JsonObject = {};
  for (const path of owned) {
    const [outer, inner] = path;
    if (!Object.hasOwn(value, outer)) continue;
    const holder = value[outer]!;
    if (inner === undefined) {
      setOwn(part, outer, holder);
    } else if (isObject(holder) && Object.hasOwn(holder, inner)) {
      const target = Object.hasOwn(part, outer) ? (part[outer] as JsonObject) : {};
      setOwn(target, inner, holder[inner]!);
      setOwn(part, outer, target);
    }
  }
  return part;
}

/**
 * The key that turns the entry off, as the file says it: `"disabled": true` (Cline, Roo Code,
 * Windsurf, Kiro…) or `"enabled": false` (Codex's `enabled = false`). A disabled entry was turned
 * off on purpose: it is reported as such, never turned back on.
 */
export function disabledKey(value: JsonValue | undefined): 'disabled' | 'enabled' | undefined {
  if (!isObject(value)) return undefined;
  if (value.disabled === true) return 'disabled';
  if (value.enabled === false) return 'enabled';
  return undefined;
}
