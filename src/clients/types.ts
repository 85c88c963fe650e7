import type { JsonObject } from '../config/json-types.js';
import type { Transport } from '../core/endpoint.js';
import type { Platform } from '../core/platform.js';

export type Scope = 'user' | 'project';
export type Mode = 'bridge' | 'native';

/** How a client stores its servers in a JSON file: strict or lenient, and the servers object's key. */
export interface ConfigShape {
  /** `jsonc` accepts comments and trailing commas; `json` is read by a strict JSON parser. */
  format: 'json' | 'jsonc';
  serversKey: string;
  /**
   * Keys that people wrote by mistake (VS Code's `mcpServers` inside mcp.json): the client never
   * reads them, so an Intercom entry found there is moved to `serversKey`.
   */
  ignoredKeys?: readonly string[];
  /**
   * A key whose object values each hold a servers object of their own: Claude Code's
   * `projects["<path>"].mcpServers` ("local" scope). Read for reporting, never written.
   */
  perProjectKey?: string;
  /**
   * VS Code's top-level `inputs` array: an entry that says `${input:ID}` needs an input with that
   * id declared there (a password prompt), so it is added with the entry and removed with it.
   */
  inputsKey?: string;
}

/**
 * A TOML config (Codex): one `[<serversKey>.<name>]` table per server. Only the text of that
 * table (and its sub-tables) is ever edited; see src/config/toml.ts.
 */
export interface TomlConfigShape {
  format: 'toml';
  serversKey: string;
  ignoredKeys?: readonly string[];
}

/**
 * A YAML config (config/yaml.ts): Goose keeps a mapping `extensions.<name>`; Continue a list
 * `mcpServers: [{name, …}]` (`list`), each entry named by its `name` field. Only our entry's
 * lines are ever edited.
 */
export interface YamlConfigShape {
  format: 'yaml';
  serversKey: string;
  /** The servers are a list of mappings named by their `name` field, not a mapping of name → entry. */
  list?: boolean;
}

/** Any client's config: JSON (engine/json-plan.ts), TOML (engine/toml-plan.ts) or YAML (engine/yaml-plan.ts). */
export type ClientConfigShape = ConfigShape | TomlConfigShape | YamlConfigShape;

/** The keys that say where servers are, whatever the format: what inventoryEntries needs. */
export function inventoryShape(shape: ClientConfigShape): ConfigShape {
  if (shape.format === 'json' || shape.format === 'jsonc') return shape;
  const ignoredKeys = shape.format === 'toml' ? shape.ignoredKeys : undefined;
  return { format: 'jsonc', serversKey: shape.serversKey, ...(ignoredKeys ? { ignoredKeys } : {}) };
}

/**
 * The root as inventoryEntries reads it: a list of servers (Continue's `mcpServers: [{name, …}]`)
 * becomes a mapping of each item's `name` to the item; items without a string name are left out.
 */
export function inventoryRoot(root: JsonObject, shape: ClientConfigShape): JsonObject {
  if (shape.format !== 'yaml' || !shape.list) return root;
  const servers = root[shape.serversKey];
  if (!Array.isArray(servers)) return root;
  const named = servers.filter(
    (item): item is JsonObject => typeof item === 'object' && item !== null && !Array.isArray(item) && typeof item.name === 'string',
  );
  return { ...root, [shape.serversKey]: Object.fromEntries(named.map((item) => [item.name as string, item])) };
}

export interface Detection {
  detected: boolean;
  /** What was found, e.g. "~/.cursor exists" or "cursor on PATH"; empty when not detected. */
  evidence: string;
}

/** One of several config files of a client (Cline in each editor, each VS Code profile). */
export interface ConfigLocation {
  path: string;
  /** Which one it is, shown after the client's name: "Cursor", "profile Work". Absent for the main one. */
  label?: string;
}

/**
 * Template names (files in templates/, without `.json`). `bridge` starts mcp-remote, `native` is
 * the client's own remote entry; the `…Token` variants send `Authorization: Bearer` read from an
 * environment variable (--token-env), never the token itself.
 */
interface EntryTemplates {
  bridge?: TemplateRef;
  native?: TemplateRef;
  bridgeToken?: TemplateRef;
  nativeToken?: TemplateRef;
}

/**
 * One template for every transport, or one per transport when the entry's shape depends on it
 * (Qwen Code: `{"httpUrl"}` for Streamable HTTP, `{"url"}` for SSE). A transport missing from
 * the map is one the entry cannot speak.
 */
export type TemplateRef = string | Readonly<Partial<Record<Transport, string>>>;

export interface ClientDescriptor {
  id: string;
  label: string;
  /** Undefined for clients configured in a web page (claude.ai). */
  shape?: ClientConfigShape;
  /**
   * The config file for a scope, or undefined when the client has no such scope. For a client
   * with several files (`configLocations`) this is the first of them.
   */
  configPath(platform: Platform, scope: Scope): string | undefined;
  /**
   * Every config file for a scope, for clients that keep more than one (one per editor that has
   * the extension, one per VS Code profile). Absent: the one `configPath` names.
   */
  configLocations?(platform: Platform, scope: Scope): ConfigLocation[];
  /** Why there is no config file for a scope to write (the extension is installed nowhere). */
  notFound?(platform: Platform, scope: Scope): string | undefined;
  detect(platform: Platform): Detection;
  /**
   * Template names per mode. `native` missing: the client has no remote entry of its own and
   * keeps the bridge (`nativeUnsupported` says why). `bridge` missing: the client runs OAuth
   * itself and only has the native entry.
   */
  templates: EntryTemplates;
  nativeUnsupported?: string;
  /**
   * The transports the native entry speaks, when not both (Codex and Zed: Streamable HTTP only).
   * An SSE URL then gets the same region's /mcp URL (Intercom's own), or the bridge.
   */
  nativeTransports?: readonly Transport[];
  /** What `{{transport}}` is written as in this client's templates (Cline: `streamableHttp`). */
  transportNames?: Partial<Record<Transport, string>>;
  /** Why --token-env is refused: the client cannot read an environment variable in its config. */
  tokenUnsupported?: string;
  /** What the person does after the file is written, with the URL at hand. */
  nextStep(context: { url: string; transport: Transport; mode: Mode; tokenEnv?: string; name: string; scope: Scope; path?: string }): string;
}
