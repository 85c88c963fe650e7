import type { ClientDescriptor, Mode } from './clients/types.js';
import { jsonEqual } from './config/jsonc.js';
import { INTERCOM_STANDARD_URLS, transportOfUrl } from './endpoint.js';
import { isOneStringCommand } from './entries.js';
import type { Platform } from './platform.js';
import { renderTemplate, type JsonObject, type JsonValue } from './templates.js';

export interface EntryChoice {
  mode: Mode;
  /** Set when the client has no entry for the requested mode and uses the other one. */
  fallbackReason?: string;
  template: string;
}

/** Which template a client gets for the requested mode (native, or the mcp-remote bridge). */
export function chooseTemplate(client: ClientDescriptor, native: boolean): EntryChoice | undefined {
  const { bridge, native: nativeTemplate } = client.templates;
  if (native && nativeTemplate) return { mode: 'native', template: nativeTemplate };
  if (native && bridge) return { mode: 'bridge', template: bridge, fallbackReason: client.nativeUnsupported };
  if (bridge) return { mode: 'bridge', template: bridge };
  if (nativeTemplate) return { mode: 'native', template: nativeTemplate };
  return undefined;
}

export function expectedEntry(client: ClientDescriptor, platform: Platform, url: string, native: boolean): JsonObject | undefined {
  const choice = chooseTemplate(client, native);
  if (!choice) return undefined;
  return renderTemplate(choice.template, { url, transport: transportOfUrl(url), os: platform.os });
}

/** A pinned bridge (`mcp-remote@0.15.1`) is as good as the unpinned one. */
function unpinBridge(value: JsonValue): JsonValue {
  if (!value || typeof value !== 'object' || Array.isArray(value) || !Array.isArray(value.args)) return value;
  return { ...value, args: value.args.map((arg) => (typeof arg === 'string' ? arg.replace(/^mcp-remote@[\w.^~-]+$/, 'mcp-remote') : arg)) };
}

export interface EntryVerdict {
  correct: boolean;
  /** Specific reasons it will not work, most useful first; empty when correct. */
  problems: string[];
}

/**
 * Whether an entry is one that works for this client: any of the shapes this tool writes
 * (bridge or native) for any Intercom URL, or for the URLs given.
 */
export function judgeEntry(
  client: ClientDescriptor,
  platform: Platform,
  value: JsonValue,
  extraUrls: readonly string[] = [],
): EntryVerdict {
  const urls = [...new Set([...INTERCOM_STANDARD_URLS, ...extraUrls])];
  const normalized = unpinBridge(value);
  for (const url of urls) {
    for (const native of [false, true]) {
      const expected = expectedEntry(client, platform, url, native);
      if (expected && jsonEqual(normalized, expected)) return { correct: true, problems: [] };
    }
  }
  return { correct: false, problems: explainProblems(client, platform, value, urls) };
}

function explainProblems(client: ClientDescriptor, platform: Platform, value: JsonValue, urls: string[]): string[] {
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
  const url = typeof entry.url === 'string' ? entry.url : typeof entry.serverUrl === 'string' ? entry.serverUrl : undefined;
  if (client.id === 'claude-code' && url && entry.type === undefined) {
    problems.push('it has a "url" but no "type", so Claude Code skips it ("has a url but no type")');
  }
  if (client.id === 'windsurf' && typeof entry.url === 'string') problems.push('Windsurf reads "serverUrl", not "url"');
  if (client.id === 'claude-desktop' && url) problems.push('Claude Desktop cannot use a "url" entry; it needs the mcp-remote bridge');
  const mentioned = [url, ...args].filter((item): item is string => typeof item === 'string' && /^https?:\/\//.test(item));
  if (mentioned.length > 0 && !mentioned.some((item) => urls.includes(item))) {
    problems.push(`its URL ${mentioned[0]} is not one of Intercom's endpoints`);
  }
  if (problems.length === 0) problems.push(`it does not match the entry ${client.label} needs`);
  return problems;
}
