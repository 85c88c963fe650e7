import type { Transport } from '../endpoint.js';
import type { Platform } from '../platform.js';

export type Scope = 'user' | 'project';
export type Mode = 'bridge' | 'native';

/** How a client stores its servers: which file format, and the JSON path of the servers object. */
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
}

export interface Detection {
  detected: boolean;
  /** What was found, e.g. "~/.cursor exists" or "cursor on PATH"; empty when not detected. */
  evidence: string;
}

export interface ClientDescriptor {
  id: string;
  label: string;
  /** Undefined for clients configured in a web page (claude.ai). */
  shape?: ConfigShape;
  /** The config file for a scope, or undefined when the client has no such scope. */
  configPath(platform: Platform, scope: Scope): string | undefined;
  detect(platform: Platform): Detection;
  /**
   * Template names per mode. `native` missing: the client has no remote entry of its own and
   * keeps the bridge (`nativeUnsupported` says why). `bridge` missing: the client runs OAuth
   * itself and only has the native entry.
   */
  templates: { bridge?: string; native?: string };
  nativeUnsupported?: string;
  /** What the person does after the file is written, with the URL at hand. */
  nextStep(context: { url: string; transport: Transport; mode: Mode }): string;
}
