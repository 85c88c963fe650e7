import { existsSync, readFileSync } from 'node:fs';
import { nativePath as path } from '../config/fast-path.js';
import { fileURLToPath } from 'node:url';
import type { Transport } from '../core/endpoint.js';
import type { OsName } from '../core/platform.js';

import type { JsonObject, JsonValue } from '../config/json-types.js';

/**
 * The templates folder ships next to dist/ in the package and next to src/ in the repository;
 * the bundler may place this code in a nested chunk, so look upwards for it.
 */
function findTemplatesDir(): string {
  // dist/ is CommonJS (scripts/build.mjs), where import.meta is empty; the sources are ESM.
  let dir = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = path.join(dir, 'templates');
    if (existsSync(path.join(candidate, 'cursor.bridge.json'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('The templates folder is missing from this installation: reinstall intercom-mcp-setup.');
}

let templatesDir: string | undefined;
const cache = new Map<string, JsonObject>();

export function loadTemplate(name: string): JsonObject {
  const cached = cache.get(name);
  if (cached) return cached;
  templatesDir ??= findTemplatesDir();
  const parsed = JSON.parse(readFileSync(path.join(templatesDir, `${name}.json`), 'utf8')) as JsonObject;
  cache.set(name, parsed);
  return parsed;
}

export interface RenderContext {
  url: string;
  transport: Transport;
  os: OsName;
  /** How the client spells the transport in `{{transport}}` (Cline: `streamableHttp`); default `sse`/`http`. */
  transportName?: string;
  /** `{{tokenEnv}}`: the environment variable that holds the token (--token-env). */
  tokenEnv?: string;
  /** `{{inputId}}`: the id of VS Code's password prompt for the token. */
  inputId?: string;
  /** `{{name}}`: the entry's name, for clients that keep it inside the entry (Goose, Continue). */
  name?: string;
}

/** The placeholders a template may use; one that is left unfilled is an error, never written. */
const PLACEHOLDER = /\{\{(url|transport|tokenEnv|inputId|name)\}\}/g;

function substitute(value: JsonValue, context: RenderContext): JsonValue {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (_match, key: string) => {
      const filled =
        key === 'url'
          ? context.url
          : key === 'transport'
            ? (context.transportName ?? context.transport)
            : key === 'tokenEnv'
              ? context.tokenEnv
              : key === 'name'
                ? context.name
                : context.inputId;
      if (filled === undefined) throw new Error(`the template needs {{${key}}}, which was not given`);
      return filled;
    });
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, context));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, context)]));
  }
  return value;
}

/**
 * GUI apps on Windows start commands without a shell, and `npx` there is a .cmd script that
 * cannot be spawned directly (`spawn npx ENOENT`), so the bridge goes through `cmd /c`. OpenCode
 * and Kilo keep the whole command line in one `command` list: it starts with `cmd`, `/c` there.
 */
function adaptToOs(entry: JsonObject, os: OsName): JsonObject {
  if (os !== 'win32') return entry;
  if (Array.isArray(entry.command) && entry.command[0] === 'npx') return { ...entry, command: ['cmd', '/c', ...entry.command] };
  if (entry.command !== 'npx') return entry;
  const args = Array.isArray(entry.args) ? entry.args : [];
  return { ...entry, command: 'cmd', args: ['/c', 'npx', ...args] };
}

export function renderTemplate(name: string, context: RenderContext): JsonObject {
  return adaptToOs(substitute(loadTemplate(name), context) as JsonObject, context.os);
}
