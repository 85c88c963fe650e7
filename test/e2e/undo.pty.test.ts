/**
 * `undo` on a real terminal (tmux, built CLI): it lists what it will do and asks; yes undoes,
 * no changes nothing and exits 0, Ctrl-C changes nothing and exits 130.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/cli.js';
import { cliTerminals } from '../helpers/tmux-terminal.js';

const CURSOR_TEXT = '{\n  // mine\n  "mcpServers": {}\n}\n';

/** `intercom-mcp-setup <args>` in a 100×40 terminal of its own, started in HOME. */
const startCli = cliTerminals({ width: 100, height: 40 });

async function afterSetup() {
  const home = await tempHome('ims-undo-pty-');
  const cursor = path.join(home, '.cursor', 'mcp.json');
  await mkdir(path.dirname(cursor));
  await writeFile(cursor, CURSOR_TEXT);
  const setup = await runCli(['--client', 'cursor,windsurf', '--no-check'], { home });
  expect(setup.exitCode, setup.stderr).toBe(0);
  const windsurf = path.join(home, '.codeium', 'windsurf', 'mcp_config.json');
  return { home, cursor, windsurf, written: await readFile(cursor, 'utf8') };
}

describe.skipIf(!existsSync('/usr/bin/tmux') && !existsSync('/usr/local/bin/tmux'))('undo on a terminal (tmux, built CLI)', () => {
  it('lists, asks, and on yes puts everything back', async () => {
    const { home, cursor, windsurf } = await afterSetup();
    const terminal = await startCli(home, ['undo']);
    const screen = await terminal.waitFor('Undo 2 changes?');
    expect(screen).toMatch(/• Cursor +will restore +~\/\.cursor\/mcp\.json/);
    expect(screen).not.toMatch(/✓.*will/); // a check means done, never "will do"
    expect(screen).toMatch(/• Devin Desktop Cascade \(Windsurf\) +will remove +~\/\.codeium\/windsurf\/mcp_config\.json/);
    await terminal.press('Enter');
    expect(await terminal.exitStatus()).toBe(0);
    expect(await terminal.waitFor('Restart Cursor, Devin Desktop Cascade (Windsurf)')).toMatch(/✓ Cursor +restored/);
    expect(await readFile(cursor, 'utf8')).toBe(CURSOR_TEXT);
    expect(existsSync(windsurf)).toBe(false);
  });

  it('no changes nothing and exits 0; Ctrl-C changes nothing and exits 130', async () => {
    const { home, cursor, windsurf, written } = await afterSetup();
    let terminal = await startCli(home, ['undo']);
    await terminal.waitFor('Undo 2 changes?');
    await terminal.press('Right', 'Enter');
    expect(await terminal.exitStatus()).toBe(0);
    await terminal.waitFor('Nothing was changed.');
    expect(await readFile(cursor, 'utf8')).toBe(written);
    expect(existsSync(windsurf)).toBe(true);
    await terminal.kill();

    terminal = await startCli(home, ['undo']);
    await terminal.waitFor('Undo 2 changes?');
    await terminal.press('C-c');
    expect(await terminal.exitStatus()).toBe(130);
    await terminal.waitFor('Cancelled: nothing was changed.');
    expect(await readFile(cursor, 'utf8')).toBe(written);
    expect(existsSync(windsurf)).toBe(true);
  });
});
