/**
 * Issue 18 point 12: entry names that are also names of Object.prototype's members. A lookup
 * like `servers[name]` finds the inherited member (a function) and reads it as "already holds a
 * value"; `"__proto__"` as a plain assignment sets the prototype instead of adding a key. Every
 * lookup by a name from a file or from --name is an own-property lookup: setup, a second setup,
 * list, doctor and remove work with each of these names, on Cursor (JSON) and Codex (TOML), in a
 * fresh home and next to other servers.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/cli.js';

const NAMES = ['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty'];
const SSE = 'https://mcp.intercom.com/sse';

const CURSOR_OTHERS = '{\n  "mcpServers": {\n    "other": { "command": "other-mcp" }\n  }\n}\n';
const CODEX_OTHERS = '# mine\nmodel = "o4"\n\n[mcp_servers.other]\ncommand = "other-mcp"\n';

/** An own property's value (JSON.parse makes "__proto__" an own key). */
function own(object: unknown, key: string): unknown {
  return object && typeof object === 'object' && Object.hasOwn(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}

function rows(stdout: string): Array<Record<string, string>> {
  return (JSON.parse(stdout) as { results: Array<Record<string, string>> }).results;
}

describe.each([
  ['a fresh home', undefined, undefined],
  ['files with other servers', CURSOR_OTHERS, CODEX_OTHERS],
])('--name with an Object.prototype member name, %s', (_label, cursorText, codexBefore) => {
  it.each(NAMES)('--name %s: setup, setup again, list, doctor and remove on Cursor and Codex', async (name) => {
    const home = await tempHome('ims-names-');
    const cursor = path.join(home, '.cursor/mcp.json');
    const codex = path.join(home, '.codex/config.toml');
    await mkdir(path.dirname(cursor));
    await mkdir(path.dirname(codex));
    if (cursorText) await writeFile(cursor, cursorText);
    if (codexBefore) await writeFile(codex, codexBefore);

    const setup = await runCli(['--client', 'cursor,codex', '--name', name, '--no-check', '--json'], { home });
    expect(setup.exitCode, setup.stdout + setup.stderr).toBe(0);
    expect(rows(setup.stdout).map((row) => row.action)).toEqual(cursorText ? ['updated', 'updated'] : ['created', 'created']);
    const cursorConfig = JSON.parse(await readFile(cursor, 'utf8'));
    expect(own(cursorConfig.mcpServers, name)).toEqual({ command: 'npx', args: ['-y', 'mcp-remote', SSE] });
    // The TOML as text (no second TOML parser here): the table, after everything that was there.
    const table = `[mcp_servers.${name}]\ncommand = "npx"\nargs = ["-y", "mcp-remote", "${SSE}"]\n`;
    const codexText = await readFile(codex, 'utf8');
    if (codexBefore === undefined) expect(codexText).toBe(table);
    else {
      expect(codexText.startsWith(codexBefore)).toBe(true);
      expect(codexText.slice(codexBefore.length).trim()).toBe(table.trim());
      expect(own(cursorConfig.mcpServers, 'other')).toEqual({ command: 'other-mcp' });
    }

    const again = await runCli(['--client', 'cursor,codex', '--name', name, '--no-check', '--json'], { home });
    expect(again.exitCode, again.stdout + again.stderr).toBe(0);
    expect(rows(again.stdout).map((row) => row.action)).toEqual(['unchanged', 'unchanged']);

    const list = await runCli(['list', '--client', 'cursor,codex', '--name', name, '--json'], { home });
    expect(list.exitCode, list.stderr).toBe(0);
    const listed = (JSON.parse(list.stdout) as { clients: Array<{ configured: boolean; correct: boolean; error?: string }> }).clients;
    expect(listed.map(({ configured, correct, error }) => ({ configured, correct, error }))).toEqual([
      { configured: true, correct: true, error: undefined },
      { configured: true, correct: true, error: undefined },
    ]);

    const doctor = await runCli(['doctor', '--offline', '--client', 'cursor,codex', '--name', name, '--json'], { home });
    const checks = (JSON.parse(doctor.stdout) as { checks: Array<{ id: string; status: string; message: string }> }).checks;
    const entries = checks.filter((check) => /^client\.(cursor|codex)\.entry$/.test(check.id));
    expect(
      entries.map((check) => check.status),
      JSON.stringify(checks),
    ).toEqual(['pass', 'pass']);

    const remove = await runCli(['remove', '--client', 'cursor,codex', '--name', name, '--json'], { home });
    expect(remove.exitCode, remove.stdout + remove.stderr).toBe(0);
    expect(rows(remove.stdout).map((row) => row.action)).toEqual(['removed', 'removed']);
    expect(own(JSON.parse(await readFile(cursor, 'utf8')).mcpServers, name)).toBeUndefined();
    expect(await readFile(codex, 'utf8')).not.toContain(`[mcp_servers.${name}]`);
    if (cursorText) {
      expect(own(JSON.parse(await readFile(cursor, 'utf8')).mcpServers, 'other')).toEqual({ command: 'other-mcp' });
      expect(await readFile(codex, 'utf8')).toBe(CODEX_OTHERS);
    }

    const removeAgain = await runCli(['remove', '--client', 'cursor,codex', '--name', name, '--json'], { home });
    expect(removeAgain.exitCode, removeAgain.stdout + removeAgain.stderr).toBe(0);
  });
});
