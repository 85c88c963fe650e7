import type { ClientDescriptor, Mode, TemplateRef } from '../clients/types.js';
import { jsonEqual } from '../config/jsonc.js';
import { INTERCOM_STANDARD_URLS, REGION_ORIGINS, transportOfUrl, type Transport } from '../core/endpoint.js';
import { CLI_REWRITES_BRIDGE } from '../clients/cline.js';
import { codexOtherTransportKeys } from '../clients/codex.js';
import { clientOwnedKeys, disabledKey, endpointPart } from './entry-keys.js';
import { isOneStringCommand } from './inventory.js';
import type { Platform } from '../core/platform.js';
import { isJsonObject, stringsIn, type JsonObject, type JsonValue } from '../config/json-types.js';
import { renderTemplate } from './templates.js';

export interface EntryChoice {
  mode: Mode;
  /** Set when the client has no entry for the requested mode and uses the other one. */
  fallbackReason?: string;
  template: string;
  /** The URL the entry uses: the one asked for, or Intercom's /mcp URL for a client without SSE. */
  url: string;
  /** Why the URL or the mode differ from what was asked, for the report. */
  notes: string[];
  /** The entry reads the token from this environment variable (--token-env). */
  tokenEnv?: string;
}

/** The client cannot take the entry asked for (--token-env where nothing can be interpolated). */
export interface EntryRefusal {
  refused: string;
}

export interface EntryWish {
  url: string;
  native: boolean;
  /** --token-env: send `Authorization: Bearer` from this environment variable. */
  tokenEnv?: string;
}

/** The template's name for a transport: the one name, or the transport's in a per-transport map. */
function templateFor(ref: TemplateRef, transport: Transport): string | undefined {
  return typeof ref === 'string' ? ref : ref[transport];
}

/** Intercom's Streamable HTTP URL in the same region as an Intercom SSE URL; undefined for any other URL. */
function streamableEquivalent(url: string): string | undefined {
  if (!INTERCOM_STANDARD_URLS.includes(url) || transportOfUrl(url) !== 'sse') return undefined;
  const origin = Object.values(REGION_ORIGINS).find((candidate) => url.startsWith(`${candidate}/`));
  return origin ? `${origin}/mcp` : undefined;
}

/** Whether the client's native entry can speak this URL's transport. */
function nativeSpeaks(client: ClientDescriptor, url: string): boolean {
  return client.nativeTransports?.includes(transportOfUrl(url)) ?? true;
}

/** The native entry's transports and the bridge's are not the same question: only native ones are limited. */
function modeSpeaks(client: ClientDescriptor, mode: Mode, url: string): boolean {
  return mode === 'bridge' || nativeSpeaks(client, url);
}

function noSseNote(client: ClientDescriptor, from: string, to: string): string {
  return `${client.label} speaks Streamable HTTP only (no SSE), so its native entry uses ${to} instead of ${from}`;
}

/**
 * The entry a client gets for a wish: the mode (native or bridge), the template, the URL (an SSE
 * URL becomes Intercom's /mcp URL for clients without SSE, or the bridge), and with --token-env
 * the token variant, or a refusal when the client cannot read a variable from its config.
 */
export function chooseEntry(client: ClientDescriptor, wish: EntryWish): EntryChoice | EntryRefusal {
  const { templates } = client;
  const order: Mode[] = wish.native ? ['native', 'bridge'] : ['bridge', 'native'];
  const token = wish.tokenEnv;
  const refFor = (mode: Mode) =>
    token ? (mode === 'native' ? templates.nativeToken : templates.bridgeToken) : mode === 'native' ? templates.native : templates.bridge;

  if (token && !templates.nativeToken && !templates.bridgeToken) {
    return {
      refused:
        client.tokenUnsupported ??
        `${client.label} cannot read an environment variable in its config, so the token itself would have to be written there; refusing`,
    };
  }
  const notes: string[] = [];
  for (const mode of order) {
    const ref = refFor(mode);
    if (!ref) continue;
    let url = wish.url;
    if (!modeSpeaks(client, mode, url)) {
      const equivalent = streamableEquivalent(url);
      if (!equivalent) {
        notes.push(`${client.label} speaks Streamable HTTP only (no SSE), so ${url} needs the mcp-remote bridge`);
        continue;
      }
      notes.push(noSseNote(client, url, equivalent));
      url = equivalent;
    }
    const template = templateFor(ref, transportOfUrl(url));
    if (!template) continue;
    const preferred = mode === order[0];
    const fallbackReason =
      preferred || notes.length > 0
        ? undefined
        : wish.native
          ? (client.nativeUnsupported ?? `${client.label} has no native ${token ? 'token ' : ''}entry, so it keeps the mcp-remote bridge`)
          : token
            ? `${client.label} reads the token in its own remote entry, so it gets that instead of the bridge`
            : undefined;
    return { mode, template, url, notes, ...(fallbackReason ? { fallbackReason } : {}), ...(token ? { tokenEnv: token } : {}) };
  }
  return { refused: notes[0] ?? `${client.label} has no entry for this` };
}

export function isRefusal(choice: EntryChoice | EntryRefusal): choice is EntryRefusal {
  return 'refused' in choice;
}

/** The id of VS Code's password prompt for an entry's token: one per entry name. */
export function tokenInputId(name: string): string {
  return `${name}-token`;
}

/** The entry a choice stands for, rendered for the platform. */
export function renderChoice(client: ClientDescriptor, platform: Pick<Platform, 'os'>, choice: EntryChoice, name: string): JsonObject {
  const transport = transportOfUrl(choice.url);
  return renderTemplate(choice.template, {
    url: choice.url,
    transport,
    transportName: client.transportNames?.[transport],
    os: platform.os,
    tokenEnv: choice.tokenEnv,
    inputId: tokenInputId(name),
    name,
  });
}

/** A pinned bridge (`mcp-remote@0.15.1`) is as good as the unpinned one. */
function unpinBridge(value: JsonValue): JsonValue {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const unpin = (list: JsonValue[]) => list.map((arg) => (typeof arg === 'string' ? arg.replace(/^mcp-remote@[\w.^~-]+$/, 'mcp-remote') : arg));
  // OpenCode and Kilo keep the arguments in the `command` list itself.
  if (Array.isArray(value.command)) return { ...value, command: unpin(value.command) };
  if (!Array.isArray(value.args)) return value;
  return { ...value, args: unpin(value.args) };
}

/**
 * The variable names a token entry may refer to: `${env:X}`, `${X}`, `${input:X}`, `{env:X}`,
 * `$X` and Codex's `bearer_token_env_var`, so that a token entry for any variable is recognised as ours.
 */
function tokenNamesIn(value: JsonValue): string[] {
  const names = new Set<string>();
  for (const text of stringsIn(value)) {
    // `${VAR}`, `${env:VAR}`, `${input:ID}`; OpenCode's `{env:VAR}`; Crush's shell-style `$VAR`.
    for (const match of text.matchAll(/\$\{(?:env:|input:)?([A-Za-z_][\w.-]*)\}|\{env:([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)/g)) {
      const name = match[1] ?? match[2] ?? match[3]!;
      if (name !== 'AUTH_HEADER') names.add(name);
    }
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && typeof value.bearer_token_env_var === 'string') {
    names.add(value.bearer_token_env_var);
  }
  return [...names];
}

/** The entries that are correct for the client: every shape this tool writes, for these URLs. */
function acceptedEntries(client: ClientDescriptor, platform: Pick<Platform, 'os'>, urls: string[], value: JsonValue, name: string): JsonObject[] {
  const accepted: JsonObject[] = [];
  const tokens: Array<string | undefined> = [undefined, ...tokenNamesIn(value)];
  for (const url of urls) {
    for (const native of [false, true]) {
      for (const tokenEnv of tokens) {
        const choice = chooseEntry(client, { url, native, tokenEnv });
        if (isRefusal(choice)) continue;
        // The VS Code prompt's id is not the variable's name: try the id the entry uses.
        accepted.push(renderChoice(client, platform, choice, name));
        if (tokenEnv) {
          accepted.push(
            renderTemplate(choice.template, {
              url: choice.url,
              transport: transportOfUrl(choice.url),
              transportName: client.transportNames?.[transportOfUrl(choice.url)],
              os: platform.os,
              tokenEnv,
              inputId: tokenEnv,
              name,
            }),
          );
        }
      }
    }
  }
  return accepted;
}

export interface EntryVerdict {
  correct: boolean;
  /** Specific reasons it will not work, most useful first; empty when correct. */
  problems: string[];
  /** The key that turns the entry off (`"disabled": true`, Codex's `enabled = false`): it was turned off on purpose. */
  disabled?: 'disabled' | 'enabled';
}

/**
 * Whether an entry is one that works for this client: any of the shapes this tool writes
 * (bridge or native, with or without a token variable) for any Intercom URL, or for the URLs given.
 * Only the keys that carry the endpoint are compared (entries/entry-keys.ts): `env`, `autoApprove`
 * and the other keys a person adds are theirs and make no entry wrong.
 */
export function judgeEntry(
  client: ClientDescriptor,
  platform: Pick<Platform, 'os'>,
  value: JsonValue,
  extraUrls: readonly string[] = [],
  /** The entry's name: Goose and Continue keep it inside the entry too. */
  name = 'intercom',
): EntryVerdict {
  const urls = [...new Set([...INTERCOM_STANDARD_URLS, ...extraUrls])];
  const owned = clientOwnedKeys(client);
  const normalized = unpinBridge(endpointPart(value, owned));
  const disabled = disabledKey(value);
  const off = disabled ? { disabled } : {};
  // A key of the other transport's makes Codex load no config at all, whoever added it.
  const refused = client.id === 'codex' && isJsonObject(value) ? codexOtherTransportKeys(value).filter((key) => Object.hasOwn(value, key)) : [];
  if (refused.length > 0) {
    const keys = refused.map((key) => `"${key}"`).join(', ');
    const kind = Object.hasOwn(value as JsonObject, 'url') ? 'a URL server (streamable_http)' : 'a command server (stdio)';
    return { correct: false, problems: [`Codex refuses ${keys} in ${kind} and then loads no configuration at all`], ...off };
  }
  if (acceptedEntries(client, platform, urls, value, name).some((expected) => jsonEqual(normalized, endpointPart(expected, owned)))) {
    return { correct: true, problems: [], ...off };
  }
  return { correct: false, problems: explainProblems(client, platform, value, urls), ...off };
}

function explainProblems(client: ClientDescriptor, platform: Pick<Platform, 'os'>, value: JsonValue, urls: string[]): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return ['the entry is not an object'];
  const problems: string[] = [];
  const entry = value as JsonObject;
  if (isOneStringCommand(entry)) problems.push('the whole command is in one string; it must be "command" plus an "args" list');
  if (entry.type === 'Command') problems.push('"type": "Command" is not a type any client reads');
  const args = Array.isArray(entry.args) ? entry.args : [];
  if (args.some((arg) => typeof arg === 'string' && /\s/.test(arg))) {
    problems.push('an argument contains a space, which some clients split or mangle (on Windows especially)');
  }
  if (platform.os === 'win32' && entry.command === 'npx') {
    problems.push('on Windows the command must be "cmd" with "/c", "npx", … (GUI apps cannot start npx directly: spawn npx ENOENT)');
  }
  const url =
    typeof entry.url === 'string'
      ? entry.url
      : typeof entry.serverUrl === 'string'
        ? entry.serverUrl
        : typeof entry.httpUrl === 'string'
          ? entry.httpUrl
          : typeof entry.uri === 'string'
            ? entry.uri
            : undefined;
  if (client.id === 'claude-code' && url && entry.type === undefined) {
    problems.push('it has a "url" but no "type", so Claude Code skips it ("has a url but no type")');
  }
  if ((client.id === 'windsurf' || client.id === 'windsurf-next') && typeof entry.url === 'string') problems.push('Windsurf reads "serverUrl", not "url"');
  if (
    client.id === 'cline' &&
    (entry.command === 'npx' || entry.command === 'cmd') &&
    args.some((arg) => typeof arg === 'string' && /^mcp-remote(@|$)/.test(arg))
  ) {
    problems.push(CLI_REWRITES_BRIDGE);
  }
  if (client.id === 'claude-desktop' && url) problems.push('Claude Desktop cannot use a "url" entry; it needs the mcp-remote bridge');
  if (client.id === 'roo-code' && url && !entry.headers)
    problems.push('Roo Code cannot sign in to a remote server itself (no OAuth); it needs the mcp-remote bridge');
  if (client.nativeTransports && url && !client.nativeTransports.includes(transportOfUrl(url))) {
    problems.push(`${client.label} speaks Streamable HTTP only, so the SSE URL ${url} cannot work; use ${streamableEquivalent(url) ?? 'the /mcp URL'}`);
  }
  if (client.transportNames && url && typeof entry.type === 'string') {
    const expectedType = client.transportNames[transportOfUrl(url)];
    if (expectedType && entry.type !== expectedType) problems.push(`${client.label} needs "type": "${expectedType}" for ${url}`);
  }
  const serialized = JSON.stringify(entry);
  if (/Bearer [A-Za-z0-9._~+/-]{16,}/.test(serialized) && tokenNamesIn(entry).length === 0) {
    problems.push('it holds a token itself; use --token-env so that the token stays in the environment');
  }
  const mentioned = [url, ...args].filter((item): item is string => typeof item === 'string' && /^https?:\/\//.test(item));
  if (mentioned.length > 0 && !mentioned.some((item) => urls.includes(item))) {
    problems.push(`its URL ${mentioned[0]} is not one of Intercom's endpoints`);
  }
  if (problems.length === 0) problems.push(`it does not match the entry ${client.label} needs`);
  return problems;
}
