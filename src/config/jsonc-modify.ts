/**
 * jsonc-parser's own editor (modify, applyEdits and its formatter), for the few layouts the
 * splices of config/json-splice.ts leave to it. Loaded only when an edit needs it (config/jsonc.ts
 * loadFullEditor): the formatter builds its tables of indentation strings when it loads, and
 * keeping them alive made every setup's garbage collections slower (docs/performance.md).
 */
import { applyEdits, modify, type FormattingOptions, type JSONPath } from 'jsonc-parser';

/** The text with `value` at `path` (removed when undefined), formatted as `formatting` says when given. */
export function modifiedText(body: string, path: JSONPath, value: unknown, formatting?: FormattingOptions): string {
  return applyEdits(body, modify(body, path, value, formatting ? { formattingOptions: formatting } : {}));
}
