import type { Transport } from '../core/endpoint.js';
import type { Platform } from '../core/platform.js';

export type Scope = 'user' | 'project';
export type Mode = 'bridge' | 'native';

/**
 * How a config file is read: `jsonc` accepts comments and trailing commas, `json` is read by a
 * strict JSON parser, `toml` is TOML (Codex's config.toml).
 */
export type ConfigFormat = 'json' | 'jsonc' | 'toml';

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

/** Any client's config: JSON (engine/json-plan.ts) or TOML (config/toml.ts). */
export type ClientConfigShape = ConfigShape | TomlConfigShape;

/** The keys that say where servers are, whatever the format: what inventoryEntries needs. */
export function inventoryShape(shape: ClientConfigShape): ConfigShape {
  if (shape.format === 'json' || shape.format === 'jsonc') return shape;
  return { format: 'jsonc', serversKey: shape.serversKey, ...(shape.ignoredKeys ? { ignoredKeys: shape.ignoredKeys } : {}) };
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
export interface EntryTemplates {
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
