/**
 * VS Code's `inputs`: an entry that sends `Bearer ${input:ID}` needs `{"type": "promptString",
 * "id": ID, "password": true}` in the file's top-level `inputs` list. VS Code asks for the value
 * the first time the server starts and keeps it in its secret storage, never in mcp.json.
 */
import { withBom } from '../config/bom.js';
import { ConfigParseError, editDocument, findDuplicateKey, parseDocument, setupMadeContainer } from '../config/jsonc.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../config/json-types.js';
import type { ConfigShape } from './types.js';

/** The password prompt for an entry's token. */
export function tokenInput(id: string, tokenEnv: string | undefined): JsonObject {
  return {
    type: 'promptString',
    id,
    description: `Intercom access token${tokenEnv ? ` (the value of ${tokenEnv})` : ''}`,
    password: true,
  };
}

/** The input ids an entry refers to with `${input:ID}`. */
export function inputIdsIn(value: JsonValue | undefined): string[] {
  const text = JSON.stringify(value ?? null);
  return [...new Set([...text.matchAll(/\$\{input:([^}]+)\}/g)].map((match) => match[1]!))];
}

function inputsOf(body: string, root: JsonObject, key: string): JsonValue[] | undefined {
  const value = root[key];
  if (value === undefined) return undefined;
  // VS Code reads the last of two lists; an edit would go to the first.
  const duplicate = findDuplicateKey(body, [key]);
  if (duplicate)
    throw new ConfigParseError(duplicate.line, duplicate.column, `"${key}" appears more than once, and VS Code reads only the last one; merge them into one`);
  if (!Array.isArray(value)) throw new ConfigParseError(1, 1, `"${key}" is not a list, so the token prompt cannot be added to it; fix it by hand`);
  return value;
}

/**
 * Adds the inputs that the file lacks (by id); an input the person already has stays as it is.
 * Each goes in as a splice (config/jsonc.ts editDocument): the list, or the item at its end, and
 * nothing else changes, a minified file's line included.
 */
export function ensureInputs(text: string, shape: ConfigShape, inputs: readonly JsonObject[]): string {
  const key = shape.inputsKey;
  if (!key || inputs.length === 0) return text;
  const document = parseDocument(text, shape.format);
  const existing = inputsOf(document.body, document.root, key);
  const present = new Set((existing ?? []).filter(isJsonObject).map((input) => input.id));
  const missing = inputs.filter((input) => !present.has(input.id));
  if (missing.length === 0) return text;
  if (existing === undefined) return withBom(document, editDocument(document, [key], [...missing]));
  let body = document.body;
  for (const input of missing) body = editDocument({ ...document, body }, [key, -1], input);
  return withBom(document, body);
}

/**
 * Removes the inputs with these ids that nothing in the file refers to any more, each cut out
 * with its comma alone. A list left empty goes too if setup made it, as `original` (the file
 * before this program first changed it) says; without it, where it is laid out as ensureInputs
 * creates one (config/jsonc.ts setupMadeContainer). So setup followed by remove gives the file back
 * byte for byte, and a list the person had (`"inputs": []`) stays.
 */
export function dropUnusedInputs(text: string, shape: ConfigShape, ids: readonly string[], original?: () => string | undefined): string {
  const key = shape.inputsKey;
  if (!key || ids.length === 0) return text;
  const document = parseDocument(text, shape.format);
  const existing = inputsOf(document.body, document.root, key);
  if (!existing) return text;
  const stillUsed = new Set(inputIdsIn(Object.fromEntries(Object.entries(document.root).filter(([name]) => name !== key))));
  const doomed = existing
    .map((input, index) => ({ input, index }))
    .filter(({ input }) => isJsonObject(input) && typeof input.id === 'string' && ids.includes(input.id) && !stillUsed.has(input.id));
  if (doomed.length === 0) return text;
  let body = document.body;
  for (const { index } of doomed.reverse()) body = editDocument({ ...document, body }, [key, index], undefined);
  if (doomed.length === existing.length && setupMadeContainer(body, key, shape.format, original)) {
    body = editDocument({ ...document, body }, [key], undefined);
  }
  return withBom(document, body);
}
