import { CLIENTS, clientById, clientsAtLocations, type ClientDescriptor, type Scope } from '../clients/index.js';
import { inventoryRoot, type ClientConfigShape, type ConfigShape, type Mode } from '../clients/types.js';
import { dropUnusedInputs, ensureInputs, inputIdsIn, tokenInput } from '../clients/vscode-inputs.js';
import { ConfigFileError, oldestBackupText, readConfigFile, updateConfigFile, type WrittenFile } from '../config/files.js';
import { sha256Digest } from './digest.js';
import { ConfigParseError, parseDocument, splicedParts, withFullEditor } from '../config/jsonc.js';
import { parseToml } from '../config/toml.js';
import { planTomlRemoval, planTomlUpsert } from './toml-plan.js';
import { errorMessage } from '../core/errors.js';
import { chooseEntry, isRefusal, renderChoice, tokenInputId } from '../entries/expected-entry.js';
import { clientOwnedKeys } from '../entries/entry-keys.js';
import { transportOfUrl } from '../core/endpoint.js';
import { planEntryRemoval, planEntryUpsert, type TextChange } from './json-plan.js';
import type { Platform } from '../core/platform.js';
import type { JsonObject } from '../config/json-types.js';
import type { KeyPath } from '../entries/entry-keys.js';
import type { Options } from '../core/options.js';

type Action = 'created' | 'updated' | 'unchanged' | 'removed' | 'skipped' | 'failed';

/** What will happen (or happened) to one client's config file. */
export interface ClientChange {
  client: ClientDescriptor;
  scope: Scope;
  path?: string;
  action: Action;
  /** The file's text now and after the change, for the diff (absent when nothing is written). */
  before?: string;
  after?: string;
  entry?: JsonObject;
  mode?: Mode;
  /** The environment variable the entry reads the token from (--token-env). */
  tokenEnv?: string;
  /** VS Code password prompts that go into the file's `inputs` with the entry. */
  inputs?: JsonObject[];
  notes: string[];
  error?: string;
  backup?: string;
  /** The URLs that count as Intercom's for this edit (the --url, and the one the entry uses). */
  intercomUrls?: readonly string[];
  /** Project scope: the folder the file must stay inside, through every symlink. */
  within?: string;
  /** What the write did (the file, whether it was created, the SHA-256 of its bytes), for undo. */
  written?: WrittenFile;
}

/**
 * A change planned without reading the file (setup without a preview): what it does (created,
 * updated, unchanged, failed) is known only once applyChange has read the file, so it has no
 * action, no diff and no result yet, and nothing can print a guess.
 */
export interface PendingChange extends Omit<ClientChange, 'action' | 'path' | 'before' | 'after' | 'error' | 'backup' | 'written'> {
  pending: true;
  path: string;
}

/** What a planned setup change carries besides its outcome: the entry and how it was chosen. */
type EntryDetails = Pick<ClientChange, 'entry' | 'intercomUrls' | 'mode' | 'tokenEnv' | 'inputs'>;

/**
 * One config file to change. For clients with several files (Cline and Roo Code in each editor,
 * VS Code profiles) `client` is bound to one of them (clientsAtLocations): same id, its own
 * label and path. An unbound one stands for its first file.
 */
export interface Target {
  client: ClientDescriptor;
  scope: Scope;
}

export interface EntrySpec {
  url: string;
  name: string;
  native: boolean;
  /** --token-env: the entry sends `Authorization: Bearer` from this environment variable. */
  tokenEnv?: string;
}

/** New config files can hold credentials (env blocks, headers): readable by the owner only. */
const NEW_FILE_MODE = 0o600;
/** Project files (.mcp.json, .vscode/mcp.json) are shared through the repository, like any source file. */
const PROJECT_FILE_MODE = 0o644;

export function detectedClients(platform: Platform): ClientDescriptor[] {
  return CLIENTS.filter((client) => client.detect(platform).detected);
}

/** One target per config file: a client with several files becomes one target for each. */
export function expandTargets(platform: Platform, targets: readonly Target[]): Target[] {
  return targets.flatMap(({ client, scope }) => clientsAtLocations(client, platform, scope).map((bound) => ({ client: bound, scope })));
}

/** `--client a,b` as targets, one per config file; `all` means every detected client. */
export function resolveTargets(platform: Platform, ids: string[], scope: Scope): Target[] {
  const clients = ids.includes('all')
    ? detectedClients(platform)
    : ids.map((id) => clientById(id)).filter((client): client is ClientDescriptor => client !== undefined);
  return expandTargets(
    platform,
    clients.map((client) => ({ client, scope })),
  );
}

/** Every config file of every client with one (what `remove --client all` looks at). */
export function allTargets(platform: Platform, scope: Scope): Target[] {
  return expandTargets(
    platform,
    CLIENTS.filter((client) => client.shape).map((client) => ({ client, scope })),
  );
}

/** Project files must stay inside the project folder, through every symlink (config/files.ts). */
function withinProject(platform: Platform, scope: Scope): { within?: string } {
  return scope === 'project' ? { within: platform.cwd } : {};
}

/** One line that names the file (with line and column for a parse error) and what to do. */
export function describeFailure(error: unknown, path: string): string {
  if (error instanceof ConfigParseError) {
    return `${path}:${error.line}:${error.column}: ${error.reason}; fix the file there and run again (it was not changed)`;
  }
  if (error instanceof ConfigFileError) return error.message;
  return `${path}: ${errorMessage(error)}`;
}

type YamlPlanner = typeof import('./yaml-plan.js');

let yamlPlanner: Promise<YamlPlanner> | undefined;

/**
 * engine/yaml-plan.ts, with config/yaml.ts and the `yaml` package under it, loaded by the first
 * YAML file a run reads: only Goose and Continue keep YAML, and a run for the other clients never
 * loads or evaluates that code (a large part of setup's code otherwise; docs/performance.md).
 * `undefined` for the other formats.
 */
async function yamlPlannerFor(shape: ClientConfigShape): Promise<YamlPlanner | undefined> {
  if (shape.format !== 'yaml') return undefined;
  return (yamlPlanner ??= import('./yaml-plan.js'));
}

/** The YAML planner a YAML edit was given (yamlPlannerFor loads it before the edit is computed). */
function loadedYamlPlanner(planner: YamlPlanner | undefined): YamlPlanner {
  if (!planner) throw new Error('a YAML edit was computed before engine/yaml-plan.ts was loaded');
  return planner;
}

/**
 * The top-level object of a config text, read under its format's rules (throws ConfigParseError),
 * with a list of servers read as a mapping by name (inventoryRoot).
 */
export async function parseConfigRoot(text: string, shape: ClientConfigShape): Promise<JsonObject> {
  if (shape.format === 'toml') return parseToml(text).root;
  if (shape.format === 'yaml') {
    const { parseYaml } = await import('../config/yaml.js');
    return inventoryRoot(parseYaml(text).root, shape);
  }
  return parseDocument(text, shape.format).root;
}

// ---- the text edits, per format -----------------------------------------------------------------

interface EditRequest {
  shape: ClientConfigShape;
  name: string;
  extraUrls: readonly string[];
  /** The keys setup owns in this client's entry: an update changes those and keeps the person's. */
  owned?: () => readonly KeyPath[];
  /** For a YAML file: the planner, loaded beforehand (yamlPlannerFor). */
  yaml?: YamlPlanner;
}

function upsertText(current: string | undefined, request: EditRequest, entry: JsonObject, inputs: readonly JsonObject[]): TextChange {
  const { shape } = request;
  if (shape.format === 'toml') return planTomlUpsert(current, { ...request, shape }, entry);
  if (shape.format === 'yaml') return loadedYamlPlanner(request.yaml).planYamlUpsert(current, { ...request, shape }, entry);
  const change = planEntryUpsert(current, { ...request, shape }, entry);
  return withInputs(change, current, shape, inputs);
}

/** Adds VS Code's password prompts the entry refers to; an entry already right but lacking them is updated. */
function withInputs(change: TextChange, current: string | undefined, shape: ConfigShape, inputs: readonly JsonObject[]): TextChange {
  if (!shape.inputsKey || inputs.length === 0) return change;
  const base = change.kind === 'unchanged' ? (current ?? '') : change.text;
  const next = ensureInputs(base, shape, inputs);
  if (next === base) return change;
  const ids = inputs.map((input) => `"${String(input.id)}"`).join(', ');
  return {
    ...change,
    kind: change.kind === 'unchanged' ? 'updated' : change.kind,
    text: next,
    notes: [...change.notes, `added the password prompt ${ids} to "${shape.inputsKey}": VS Code asks for the token once and keeps it in its secret storage`],
  };
}

/** `target`: where the file's bytes are; its oldest backup says what was there before this program (json-plan.ts). */
function removeText(current: string | undefined, request: EditRequest, target: string): TextChange {
  const { shape } = request;
  if (shape.format === 'toml') return planTomlRemoval(current, { ...request, shape });
  let original: { text: string | undefined } | undefined;
  const before = () => (original ??= { text: oldestBackupText(target) }).text;
  if (shape.format === 'yaml') return loadedYamlPlanner(request.yaml).planYamlRemoval(current, { ...request, shape }, before);
  const change = planEntryRemoval(current, { ...request, shape }, before);
  if (!shape.inputsKey || change.kind !== 'removed') return change;
  return { ...change, text: dropUnusedInputs(change.text, shape, inputIdsIn(change.previous), before) };
}

// ---- planning and applying ----------------------------------------------------------------------

function skipped(target: Target, reason: string): ClientChange {
  return { client: target.client, scope: target.scope, action: 'skipped', notes: [reason] };
}

/** The target's config file, its shape and (project scope) the folder it must stay in, or the change that says there is none. */
function configFileOf(target: Target, platform: Platform): { path: string; shape: ClientConfigShape; within: { within?: string } } | ClientChange {
  const { client, scope } = target;
  if (!client.shape) return skipped(target, 'nothing to write');
  const path = client.configPath(platform, scope);
  if (!path) return skipped(target, client.notFound?.(platform, scope) ?? `${client.label} has no ${scope}-scope config file`);
  return { path, shape: client.shape, within: withinProject(platform, scope) };
}

/** Reads the client's file and works out the change, writing nothing. */
async function planChange(
  target: Target,
  platform: Platform,
  compute: (text: string | undefined, shape: ClientConfigShape, yaml: YamlPlanner | undefined, target: string) => TextChange,
  extra: EntryDetails = {},
): Promise<ClientChange> {
  const { client, scope } = target;
  const file = configFileOf(target, platform);
  if ('action' in file) return file;
  const { path, within } = file;
  try {
    const yaml = await yamlPlannerFor(file.shape);
    const { snapshot, change } = await withFullEditor(async () => {
      const snapshot = await readConfigFile(path, within);
      return { snapshot, change: compute(snapshot.text, file.shape, yaml, snapshot.target) };
    });
    return {
      client,
      scope,
      path,
      action: change.kind,
      before: snapshot.text,
      after: change.text,
      notes: change.notes,
      ...within,
      ...extra,
    };
  } catch (error) {
    return { client, scope, path, action: 'failed', notes: [], error: describeFailure(error, path), ...within, ...extra };
  }
}

/** What the report says about a token entry, so nobody looks for the token in the file. */
function tokenNote(client: ClientDescriptor, tokenEnv: string, inputs: readonly JsonObject[]): string {
  if (inputs.length > 0) {
    return `${client.label} asks for the token in a password prompt the first time intercom starts (paste the value of ${tokenEnv}); it is not written to the file`;
  }
  return `the entry reads the token from ${tokenEnv} when ${client.label} starts; the token itself is not written to the file (a GUI app needs ${tokenEnv} in the environment it is started from)`;
}

/**
 * The change setup makes to a target's file. With `deferRead` (setup without a preview) the file
 * is not read here but once, when the change is applied (reading it twice would hold a large
 * ~/.claude.json in memory twice for nothing): the plan is then a PendingChange, unless what it
 * does is known without the file (skipped, refused).
 */
export async function planSetup(target: Target, platform: Platform, spec: EntrySpec): Promise<ClientChange>;
export async function planSetup(target: Target, platform: Platform, spec: EntrySpec, options: { deferRead: true }): Promise<ClientChange | PendingChange>;
export async function planSetup(
  target: Target,
  platform: Platform,
  spec: EntrySpec,
  options: { deferRead?: boolean } = {},
): Promise<ClientChange | PendingChange> {
  const { client } = target;
  if (!client.shape)
    return skipped(target, client.nextStep({ url: spec.url, transport: transportOfUrl(spec.url), mode: 'native', name: spec.name, scope: target.scope }));
  const choice = chooseEntry(client, { url: spec.url, native: spec.native, tokenEnv: spec.tokenEnv });
  if (isRefusal(choice)) {
    const path = client.configPath(platform, target.scope);
    return { client, scope: target.scope, ...(path ? { path } : {}), action: 'failed', notes: [], error: choice.refused };
  }
  const entry = renderChoice(client, platform, choice, spec.name);
  const inputs =
    spec.tokenEnv && (client.shape.format === 'json' || client.shape.format === 'jsonc') && client.shape.inputsKey
      ? inputIdsIn(entry)
          .filter((id) => id === tokenInputId(spec.name))
          .map((id) => tokenInput(id, spec.tokenEnv))
      : [];
  const notes = [...choice.notes, ...(choice.fallbackReason ? [choice.fallbackReason] : [])];
  if (spec.tokenEnv) notes.push(tokenNote(client, spec.tokenEnv, inputs));
  const intercomUrls = [...new Set([spec.url, choice.url])];
  const request = { name: spec.name, extraUrls: intercomUrls, owned: () => clientOwnedKeys(client) };
  const details: EntryDetails = {
    entry,
    intercomUrls,
    mode: choice.mode,
    ...(spec.tokenEnv ? { tokenEnv: spec.tokenEnv } : {}),
    ...(inputs.length > 0 ? { inputs } : {}),
  };
  if (options.deferRead) {
    const file = configFileOf(target, platform);
    if ('action' in file) return { ...file, notes: [...notes, ...file.notes], ...details };
    return { client, scope: target.scope, path: file.path, pending: true, notes, ...file.within, ...details };
  }
  const change = await planChange(target, platform, (text, shape, yaml) => upsertText(text, { ...request, shape, yaml }, entry, inputs), details);
  change.notes = [...notes, ...change.notes];
  return change;
}

export async function planRemoval(target: Target, platform: Platform, spec: Pick<EntrySpec, 'name' | 'url'>): Promise<ClientChange> {
  if (!target.client.shape) return skipped(target, 'nothing to remove: claude.ai is configured in its web settings');
  return planChange(target, platform, (text, shape, yaml, where) => removeText(text, { shape, name: spec.name, extraUrls: [spec.url], yaml }, where));
}

/**
 * Writes a planned change. The edit is computed again from the file as it is at write time,
 * so a client that rewrote its file since the plan (Claude Code does) loses nothing.
 */
export interface ApplyHooks {
  /** Told once when the file's lock is held by another program and the write waits for it. */
  onWait?: (message: string) => void;
}

export async function applyChange(
  planned: ClientChange | PendingChange,
  spec: Pick<EntrySpec, 'name' | 'url'>,
  removing: boolean,
  hooks: ApplyHooks = {},
): Promise<ClientChange> {
  const pending = 'pending' in planned;
  if (!pending && (planned.action === 'failed' || planned.action === 'skipped' || planned.action === 'unchanged')) return planned;
  const change: Omit<ClientChange, 'action'> = pending ? withoutMark(planned) : planned;
  const { client, path } = change;
  if (!path || !client.shape) return pending ? skipped(change, 'nothing to write') : planned;
  // The same URLs as the plan, so the edit written is the edit previewed.
  const request: EditRequest = { shape: client.shape, name: spec.name, extraUrls: change.intercomUrls ?? [spec.url], owned: () => clientOwnedKeys(client) };
  // What the edit does to the file as the write finds it: updateConfigFile computes it before anything.
  let edit: TextChange['kind'] = 'unchanged';
  let notes = change.notes;
  try {
    request.yaml = await yamlPlannerFor(client.shape);
    const result = await withFullEditor(() =>
      updateConfigFile(
        path,
        (current, where) => {
          const next = removing ? removeText(current, request, where) : upsertText(current, request, change.entry ?? {}, change.inputs ?? []);
          edit = next.kind;
          // A pending plan has not seen the file: what the edit found there is reported now.
          if (pending) notes = [...change.notes, ...next.notes];
          // Nothing to do (a removal from a file that is gone, say): write nothing, create nothing.
          if (next.kind === 'unchanged') return undefined;
          const parts = splicedParts(next.text);
          return parts ? { text: next.text, parts } : next.text;
        },
        {
          newFileMode: change.scope === 'project' ? PROJECT_FILE_MODE : NEW_FILE_MODE,
          digest: sha256Digest,
          ...(change.within !== undefined ? { within: change.within } : {}),
          ...(hooks.onWait ? { onWait: hooks.onWait } : {}),
        },
      ),
    );
    const action: Action = result.kind === 'unchanged' ? 'unchanged' : edit;
    return { ...change, action, notes, backup: result.backup, ...(result.written ? { written: result.written } : {}) };
  } catch (error) {
    return { ...change, action: 'failed', error: describeFailure(error, path) };
  }
}

/** A pending change's fields without its mark. */
function withoutMark({ pending: _pending, ...change }: PendingChange): Omit<PendingChange, 'pending'> {
  return change;
}

/** One row of `--json` output: the contract other tools read. */
export function resultRow(change: ClientChange): Record<string, string> {
  return {
    client: change.client.id,
    scope: change.scope,
    path: change.path ?? '',
    action: change.action,
    ...(change.backup ? { backup: change.backup } : {}),
    ...(change.error ? { error: change.error } : {}),
  };
}

export function entrySpec(options: Pick<Options, 'url' | 'name' | 'native' | 'tokenEnv'>): EntrySpec {
  return { url: options.url, name: options.name, native: options.native, ...(options.tokenEnv ? { tokenEnv: options.tokenEnv } : {}) };
}
