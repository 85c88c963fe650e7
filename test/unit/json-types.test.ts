import { describe, expect, it } from 'vitest';
import { isJsonObject, stringsIn, type JsonValue } from '../../src/config/json-types.js';

describe('JSON value helpers (one definition each)', () => {
  it('isJsonObject: objects only, not null nor arrays', () => {
    const objects: JsonValue[] = [{}, { a: 1 }];
    const others: Array<JsonValue | undefined> = [null, [], 'x', 1, true, undefined];
    expect(objects.every((value) => isJsonObject(value))).toBe(true);
    expect(others.some((value) => isJsonObject(value))).toBe(false);
  });

  it('stringsIn: every string value at any depth, in order, keys not included', () => {
    expect(
      stringsIn({ command: 'npx', args: ['-y', 'mcp-remote', { url: 'https://mcp.intercom.com/sse' }], env: { TOKEN: '${env:X}' }, n: 1, b: null }),
    ).toEqual(['npx', '-y', 'mcp-remote', 'https://mcp.intercom.com/sse', '${env:X}']);
    expect(stringsIn('one')).toEqual(['one']);
    expect(stringsIn(3)).toEqual([]);
  });
});
