import { printParseErrorCode } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { editDocument, FullEditorNeeded, parseDocument, parseErrorName, withFullEditor } from '../../src/config/jsonc.js';

describe("jsonc-parser's own editor, loaded on demand", () => {
  // An edit the splices leave to jsonc-parser: a value put at an index of an array that is not its
  // end (the splices add at the end and cut out; jsonc-parser's modify replaces the item).
  const text = '{\n  // mine\n  "list": [1, 2],\n  "other": true\n}\n';
  const replaced = '{\n  // mine\n  "list": [5, 2],\n  "other": true\n}\n';

  it('an edit that needs it throws FullEditorNeeded until it is loaded, having changed nothing', () => {
    const document = parseDocument(text, 'jsonc');
    expect(() => editDocument(document, ['list', 0], 5)).toThrow(FullEditorNeeded);
    expect(document.body).toBe(text);
    // The usual edits (a member added, replaced, removed) never need it.
    expect(editDocument(document, ['other'], false)).toBe(text.replace('true', 'false'));
    expect(editDocument(document, ['list', -1], 3)).toBe(text.replace('[1, 2]', '[1, 2, 3]'));
  });

  it('withFullEditor runs the step again once the editor is loaded; after that the edit is made at once', async () => {
    let runs = 0;
    const edited = await withFullEditor(async () => {
      runs++;
      return editDocument(parseDocument(text, 'jsonc'), ['list', 0], 5);
    });
    expect(runs).toBe(2);
    expect(edited).toBe(replaced);
    expect(editDocument(parseDocument(text, 'jsonc'), ['list', 0], 5)).toBe(replaced);
    // Another error is not retried.
    let failing = 0;
    await expect(
      withFullEditor(async () => {
        failing++;
        throw new Error('something else');
      }),
    ).rejects.toThrow('something else');
    expect(failing).toBe(1);
  });
});

describe('parse error names without the package main file', () => {
  it("are jsonc-parser's printParseErrorCode names for every code, and unknown past them", () => {
    for (let code = 0; code <= 17; code++) expect(parseErrorName(code), String(code)).toBe(printParseErrorCode(code));
  });

  it('name the error of a broken file in words', () => {
    expect(() => parseDocument('{\n  "a": 1\n  "b": 2\n}\n', 'json')).toThrow(expect.objectContaining({ line: 3, column: 3, reason: 'expected a comma' }));
  });
});
