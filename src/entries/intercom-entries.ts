import { isIntercomUrl, parseMcpRemoteArgs, type McpRemoteInvocation } from './mcp-remote-args.js';
import { CLIENTS, configLocations, type ClientDescriptor, type Scope } from '../clients/index.js';
import { inventoryRoot, inventoryShape, type ClientConfigShape } from '../clients/types.js';
import { readConfigFile, readNamedFile } from '../config/files.js';
import { parseDocument } from '../config/jsonc.js';
import { parseToml } from '../config/toml.js';
import { inventoryEntries, type FoundEntry } from './inventory.js';
import type { Platform } from '../core/platform.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../config/json-types.js';

/** An Intercom entry found in some client's config file. */
export interface IntercomEntry {
  client: ClientDescriptor;
  scope: Scope;
  path: string;
  entry: FoundEntry;
  /** The endpoint it connects to (native `url`/`serverUrl`, or the bridge's URL argument). */
  url?: string;
  /** How it starts mcp-remote, when it does (what mcp-remote hashes its cache files by). */
  invocation?: McpRemoteInvocation;
  /** The entry's own `env.MCP_REMOTE_CONFIG_DIR`, when it sets one (its cache is elsewhere). */
  configDir?: string;
}

/**
 * config/yaml.ts and the `yaml` package, loaded only when a Goose or Continue file is there to
 * read: the runs that read no YAML never load that code (docs/performance.md).
 */
const loadYaml = () => import('../config/yaml.js');

/** A header file holds a few `Name: value` lines; anything bigger is not one. */
const MAX_HEADER_FILE_BYTES = 64 * 1024;

/**
 * Reads a `--header-file` the way mcp-remote would; a relative path depends on the client's
 * working folder, unknown here. The path comes from a config file (a cloned repository's
 * `.mcp.json` too), so it is read with readNamedFile: a regular file under the cap, or nothing.
 */
function headerFileReader(platform: Platform): (file: string) => string {
  return (file) => {
    if (!platform.path.isAbsolute(file)) throw new Error(`${file} is relative to the client's working folder`);
    return readNamedFile(file, { maxBytes: MAX_HEADER_FILE_BYTES });
  };
}

function invocationOf(value: JsonValue, readFile: (file: string) => string): McpRemoteInvocation | undefined {
  if (!isJsonObject(value)) return undefined;
  // OpenCode and Kilo: `"command": ["npx", "-y", "mcp-remote", URL]`, the program first.
  const line = Array.isArray(value.command) ? value.command : undefined;
  const args = line ? line.slice(1) : value.args;
  if (!Array.isArray(args) || !args.every((arg): arg is string => typeof arg === 'string')) return undefined;
  const command = line ? (typeof line[0] === 'string' ? line[0] : undefined) : typeof value.command === 'string' ? value.command : undefined;
  try {
    return parseMcpRemoteArgs(args, { ...(command !== undefined ? { command } : {}), readFile });
  } catch {
    return undefined;
  }
}

function urlOf(value: JsonValue, invocation: McpRemoteInvocation | undefined): string | undefined {
  if (invocation) return invocation.url;
  if (!isJsonObject(value)) return undefined;
  const url = value.url ?? value.serverUrl ?? value.httpUrl ?? value.uri;
  return typeof url === 'string' ? url : undefined;
}

/** The top-level object and, for Claude Code, each project's object (they hold servers too). */
function serverRoots(root: JsonObject, shape: ClientConfigShape): JsonObject[] {
  const projects = (shape.format === 'json' || shape.format === 'jsonc') && shape.perProjectKey ? root[shape.perProjectKey] : undefined;
  return [root, ...(isJsonObject(projects) ? Object.values(projects).filter(isJsonObject) : [])];
}

/**
 * Every Intercom entry in every client's user and project config: under our name, legacy ones,
 * duplicates under other names, entries under keys the client never reads, and Claude Code's
 * per-project servers, in every file of a client that has several (editors, VS Code profiles).
 * JSON is parsed leniently (JSONC), TOML as TOML; missing or unparsable files are passed over:
 * reset-auth must work whatever state the configs are in, and doctor reports files itself.
 */
export async function findIntercomEntries(platform: Platform, options: { name: string; extraUrls?: readonly string[] }): Promise<IntercomEntry[]> {
  const found: IntercomEntry[] = [];
  const seen = new Set<string>();
  const readFile = headerFileReader(platform);
  for (const client of CLIENTS) {
    const shape = client.shape;
    if (!shape) continue;
    for (const scope of ['user', 'project'] as const) {
      for (const { path } of configLocations(client, platform, scope)) {
        if (seen.has(`${client.id}\0${path}`)) continue;
        seen.add(`${client.id}\0${path}`);
        let root: JsonObject;
        try {
          const snapshot = await readConfigFile(path);
          if (snapshot.text === undefined) continue;
          root =
            shape.format === 'toml'
              ? parseToml(snapshot.text).root
              : shape.format === 'yaml'
                ? inventoryRoot((await loadYaml()).parseYaml(snapshot.text).root, shape)
                : parseDocument(snapshot.text, 'jsonc').root;
        } catch {
          continue;
        }
        for (const serversRoot of serverRoots(root, shape)) {
          const inventory = inventoryEntries(serversRoot, inventoryShape(shape), options.name, options.extraUrls);
          for (const entry of [...(inventory.own ? [inventory.own] : []), ...inventory.legacy, ...inventory.duplicates]) {
            const invocation = invocationOf(entry.value, readFile);
            const env = isJsonObject(entry.value) ? entry.value.env : undefined;
            const configDir =
              isJsonObject(env) && typeof env.MCP_REMOTE_CONFIG_DIR === 'string' && env.MCP_REMOTE_CONFIG_DIR !== '' ? env.MCP_REMOTE_CONFIG_DIR : undefined;
            found.push({ client, scope, path, entry, invocation, url: urlOf(entry.value, invocation), ...(configDir ? { configDir } : {}) });
          }
        }
      }
    }
  }
  return found;
}

/** The entries that start mcp-remote for Intercom (or for one of `extraUrls`). */
export function intercomBridges(entries: IntercomEntry[], extraUrls: readonly string[] = []): Array<IntercomEntry & { invocation: McpRemoteInvocation }> {
  return entries.filter(
    (entry): entry is IntercomEntry & { invocation: McpRemoteInvocation } =>
      entry.invocation !== undefined && (isIntercomUrl(entry.invocation.url) || extraUrls.includes(entry.invocation.url)),
  );
}
