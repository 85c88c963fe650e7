import { CLIENTS, clientById, type ClientDescriptor, type Scope } from './clients/index.js';
import type { Mode } from './clients/types.js';
import { ConfigFileError, readConfigFile, updateConfigFile } from './config/files.js';
import { ConfigParseError } from './config/jsonc.js';
import { errorMessage } from './errors.js';
import { chooseTemplate } from './expected-entry.js';
import { transportOfUrl } from './endpoint.js';
import { planEntryRemoval, planEntryUpsert, type EntryRequest, type TextChange } from './plan.js';
import type { Platform } from './platform.js';
import { renderTemplate, type JsonObject } from './templates.js';

export type Action = 'created' | 'updated' | 'unchanged' | 'removed' | 'skipped' | 'failed';

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
  notes: string[];
  error?: string;
  backup?: string;
}

export interface Target {
  client: ClientDescriptor;
  scope: Scope;
}

export interface EntrySpec {
  url: string;
  name: string;
  native: boolean;
}

/** New config files can hold credentials (env blocks, headers): readable by the owner only. */
const NEW_FILE_MODE = 0o600;

export function detectedClients(platform: Platform): ClientDescriptor[] {
  return CLIENTS.filter((client) => client.detect(platform).detected);
}

/** `--client a,b` as descriptors; `all` means every detected client. */
export function resolveTargets(platform: Platform, ids: string[], scope: Scope): Target[] {
  const clients = ids.includes('all')
    ? detectedClients(platform)
    : ids.map((id) => clientById(id)).filter((client): client is ClientDescriptor => client !== undefined);
  return clients.map((client) => ({ client, scope }));
}

/** One line that names the file (with line and column for a parse error) and what to do. */
export function describeFailure(error: unknown, path: string): string {
  if (error instanceof ConfigParseError) {
    return `${path}:${error.line}:${error.column}: ${error.reason}; fix the file there and run again (it was not changed)`;
  }
  if (error instanceof ConfigFileError) return error.message;
  return `${path}: ${errorMessage(error)}`;
}

function skipped(target: Target, reason: string): ClientChange {
  return { client: target.client, scope: target.scope, action: 'skipped', notes: [reason] };
}

/** Reads the client's file and works out the change, writing nothing. */
async function planChange(
  target: Target,
  platform: Platform,
  request: Omit<EntryRequest, 'shape'>,
  compute: (text: string | undefined, request: EntryRequest) => TextChange,
  extra: Partial<ClientChange> = {},
): Promise<ClientChange> {
  const { client, scope } = target;
  const path = client.configPath(platform, scope);
  if (!path || !client.shape) {
    return skipped(target, client.shape ? `${client.label} has no ${scope}-scope config file` : 'nothing to write');
  }
  try {
    const snapshot = await readConfigFile(path);
    const change = compute(snapshot.text, { ...request, shape: client.shape });
    return {
      client,
      scope,
      path,
      action: change.kind,
      before: snapshot.text,
      after: change.text,
      notes: change.notes,
      ...extra,
    };
  } catch (error) {
    return { client, scope, path, action: 'failed', notes: [], error: describeFailure(error, path), ...extra };
  }
}

export async function planSetup(target: Target, platform: Platform, spec: EntrySpec): Promise<ClientChange> {
  const { client } = target;
  if (!client.shape) return skipped(target, client.nextStep({ url: spec.url, transport: transportOfUrl(spec.url), mode: 'native' }));
  const choice = chooseTemplate(client, spec.native);
  if (!choice) return skipped(target, `${client.label} has no entry template`);
  const entry = renderTemplate(choice.template, { url: spec.url, transport: transportOfUrl(spec.url), os: platform.os });
  const notes = choice.fallbackReason ? [choice.fallbackReason] : [];
  const request = { name: spec.name, extraUrls: [spec.url] };
  const change = await planChange(target, platform, request, (text, full) => planEntryUpsert(text, full, entry), {
    entry,
    mode: choice.mode,
  });
  change.notes = [...notes, ...change.notes];
  return change;
}

export async function planRemoval(target: Target, platform: Platform, spec: Pick<EntrySpec, 'name' | 'url'>): Promise<ClientChange> {
  if (!target.client.shape) return skipped(target, 'nothing to remove: claude.ai is configured in its web settings');
  return planChange(target, platform, { name: spec.name, extraUrls: [spec.url] }, planEntryRemoval);
}

/**
 * Writes a planned change. The edit is computed again from the file as it is at write time,
 * so a client that rewrote its file since the plan (Claude Code does) loses nothing.
 */
export async function applyChange(change: ClientChange, spec: Pick<EntrySpec, 'name' | 'url'>, removing: boolean): Promise<ClientChange> {
  const { client, path } = change;
  if (!path || !client.shape || change.action === 'failed' || change.action === 'skipped' || change.action === 'unchanged') {
    return change;
  }
  const request: EntryRequest = { shape: client.shape, name: spec.name, extraUrls: [spec.url] };
  let kind: TextChange['kind'] = change.action === 'removed' ? 'removed' : change.action === 'created' ? 'created' : 'updated';
  try {
    const result = await updateConfigFile(
      path,
      (current) => {
        const next = removing ? planEntryRemoval(current, request) : planEntryUpsert(current, request, change.entry ?? {});
        kind = next.kind;
        return next.text;
      },
      { newFileMode: NEW_FILE_MODE },
    );
    const action: Action = result.kind === 'unchanged' ? 'unchanged' : kind;
    return { ...change, action, backup: result.backup };
  } catch (error) {
    return { ...change, action: 'failed', error: describeFailure(error, path) };
  }
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
