import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { visibleWidth, widthOf, wrapLine, wrapText } from '../../src/ui/wrap.js';
import { propertySeed } from '../helpers/property-seed.js';

const SEED = propertySeed(20_261_206);

const widest = (lines: string[]) => Math.max(...lines.map(visibleWidth));

describe('wrapLine: word boundaries, hanging indents, commands kept whole', () => {
  it('leaves a line that fits alone', () => {
    expect(wrapLine('short line', 80)).toEqual(['short line']);
  });

  it('breaks between words, never inside one, and keeps every word', () => {
    const text = 'The entries are written, but Intercom cannot be reached from here yet: DNS failure: mcp.intercom.com was not found (ENOTFOUND)';
    const lines = wrapLine(text, 40);
    expect(widest(lines)).toBeLessThanOrEqual(40);
    expect(lines.join(' ').split(/\s+/)).toEqual(text.split(/\s+/));
    expect(lines.length).toBeGreaterThan(2);
  });

  it('hangs continuation lines after a mark and under the second column', () => {
    const check = wrapLine('  [✗] Connection refused by 127.0.0.1:9 (ECONNREFUSED): nothing listens there, or a firewall rejects it', 50);
    expect(check[0]).toMatch(/^ {2}\[✗\] Connection/);
    for (const line of check.slice(1)) expect(line).toMatch(/^ {6}\S/);
    const option = wrapLine('  --no-check            skip the connectivity check after writing (--json never runs it: use doctor --json)', 60);
    for (const line of option.slice(1)) expect(line).toMatch(/^ {24}\S/);
    expect(widest(option)).toBeLessThanOrEqual(60);
  });

  it('never breaks a hint command that fits on a line of its own', () => {
    const lines = wrapLine('The configuration is written. When you are online, check again with npx intercom-mcp-setup doctor --client cursor.', 60);
    expect(lines.some((line) => line.includes('npx intercom-mcp-setup doctor --client cursor.'))).toBe(true);
    expect(widest(lines)).toBeLessThanOrEqual(60);
    // The words after a command are not part of it.
    const after = wrapLine('Not signing in now: run intercom-mcp-setup login any time, or sign in when a client asks for it again later.', 40);
    expect(after.some((line) => line.includes('intercom-mcp-setup login'))).toBe(true);
    expect(widest(after)).toBeLessThanOrEqual(40);
  });

  it('cuts a path wider than the line after a slash; never any other word (a link, a token)', () => {
    const lines = wrapLine('backup: ~/.cursor/some/very/long/folder/name/mcp.json.intercom-mcp-setup.bak', 40);
    expect(widest(lines)).toBeLessThanOrEqual(40);
    expect(lines.join('').replace(/\s+/g, '')).toBe('backup:~/.cursor/some/very/long/folder/name/mcp.json.intercom-mcp-setup.bak');
    const link = `cursor://anysphere.cursor-deeplink/mcp/install?name=intercom&config=${'A'.repeat(60)}`;
    expect(wrapLine(`see ${link}`, 40)).toEqual(['see', link]);
    expect(wrapLine(link, 40)).toEqual([link]);
  });

  it("width: the terminal's; otherwise COLUMNS when it is a number; otherwise 80", () => {
    expect(widthOf({ isTTY: true, columns: 63 }, { COLUMNS: '200' })).toBe(63);
    expect(widthOf({ isTTY: false }, { COLUMNS: '200' })).toBe(200);
    expect(widthOf({ isTTY: false }, { COLUMNS: 'wide' })).toBe(80);
    expect(widthOf(undefined, {})).toBe(80);
  });

  it('measures text without its colour sequences', () => {
    const coloured = `\u001b[32m✓\u001b[39m ${'word '.repeat(20).trim()}`;
    const lines = wrapLine(coloured, 30);
    expect(widest(lines)).toBeLessThanOrEqual(30);
    expect(lines[0]).toContain('\u001b[32m✓\u001b[39m');
  });

  it('wraps each line of a text on its own', () => {
    expect(wrapText('a\n\nb', 80)).toBe('a\n\nb');
    expect(
      wrapText(`${'x '.repeat(50)}\nend`, 30)
        .split('\n')
        .at(-1),
    ).toBe('end');
  });
});

describe('keepPaths: an error keeps a path whole (file:line:column is copied and searched for as one word)', () => {
  it('puts a path wider than the line on a line of its own, uncut, and wraps the rest', () => {
    const file = '/home/someone/projects/a-long-folder-name/another-one/.cursor/mcp.json:3:12:';
    const lines = wrapLine(`intercom-mcp-setup: ${file} expected a value; fix the file there and run again`, 40, { keepPaths: true });
    expect(lines).toContain(file);
    expect(lines.filter((line) => line !== file).every((line) => visibleWidth(line) <= 40)).toBe(true);
    expect(wrapLine(`see ${file}`, 40)).not.toContain(file); // without it, cut after a slash
  });
});

describe('visibleWidth', () => {
  /** Code points, a surrogate pair counted once and a lone half as one, by walking the code units. */
  const codePointsByHand = (text: string) => {
    let width = text.length;
    for (let i = 1; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const before = text.charCodeAt(i - 1);
      if (code >= 0xdc00 && code <= 0xdfff && before >= 0xd800 && before <= 0xdbff) width--;
    }
    return width;
  };

  it('counts a surrogate pair as one column and a lone half as one, outside colour codes', () => {
    expect(visibleWidth('a\u{1F600}b')).toBe(3);
    expect(visibleWidth('\ud83d\ud83d\ude00')).toBe(2);
    expect(visibleWidth('\ude00\ud83d')).toBe(2);
    expect(visibleWidth('\u001b[32m\u{1F680}\u001b[39m ok')).toBe(4);
  });

  it('equals the code points of any text, lone surrogates and all', () => {
    const unit = fc.oneof(
      fc.constantFrom('a', ' ', 'é', '\ud83d', '\ude00', '\udbff', '\udc00', '\u{1F600}', '\u{10FFFF}'),
      fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (units) => {
        const text = units.join('').replace(/\u001b/g, '');
        expect(visibleWidth(text)).toBe(codePointsByHand(text));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});
