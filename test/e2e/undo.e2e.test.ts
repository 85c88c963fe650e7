/**
 * `undo` through the built CLI (dist/cli.js), in a temporary HOME, with no terminal: it puts back
 * what the last setup, remove or doctor --fix changed, byte for byte, and only files that still
 * hold what that run wrote.
 */
import { chmod, cp, lstat, mkdir, readdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempHome } from '../helpers/cli.js';

const CODEX_FIXTURE = path.join(ROOT, 'test', 'fixtures', 'real-clients', 'codex-0.169.0.config.toml');
const CURSOR_TEXT = '{\r\n\t// my servers, by hand\r\n\t"mcpServers": {\r\n\t\t"linear": { "url": "https://mcp.linear.app/sse" }, // keep\r\n\t},\r\n}\r\n';
const STATE = '.local/state/intercom-mcp-setup';

async function write(file: string, text: string): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  return file;
}

/** Every file and folder under `dir`: its kind, mode, inode, mtime and bytes (a symlink: where it points). */
async function tree(dir: string, skip: (rel: string) => boolean = () => false): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      const rel = path.relative(dir, full);
      if (skip(rel)) continue;
      const stats = await lstat(full);
      if (entry.isSymbolicLink()) out[rel] = `link -> ${await readlink(full)}`;
      else if (entry.isDirectory()) {
        out[rel] = `dir ${(stats.mode & 0o777).toString(8)}`;
        await walk(full);
      } else out[rel] = `file ${(stats.mode & 0o777).toString(8)} ino ${stats.ino} mtime ${stats.mtimeMs} ${(await readFile(full)).toString('base64')}`;
    }
  };
  await walk(dir);
  return out;
}

/** A HOME with Cursor's file (comments, tabs, CRLF, mode 0640) and Codex's real config.toml; no ~/.claude.json. */
async function homeWithConfigs() {
  const home = await tempHome('ims-undo-');
  const cursor = await write(path.join(home, '.cursor', 'mcp.json'), CURSOR_TEXT);
  await chmod(cursor, 0o640);
  const codex = path.join(home, '.codex', 'config.toml');
  await mkdir(path.dirname(codex), { recursive: true });
  await cp(CODEX_FIXTURE, codex);
  const claude = path.join(home, '.claude.json');
  return { home, cursor, codex, claude, before: { cursor: await readFile(cursor), codex: await readFile(codex) } };
}

const SETUP = ['--client', 'cursor,claude-code,codex', '--no-check', '--json'];

function rows(stdout: string): Array<Record<string, string>> {
  return (JSON.parse(stdout) as { results: Array<Record<string, string>> }).results;
}

const isBackup = (rel: string) => rel.endsWith('.bak');

describe('undo (built CLI, no terminal)', () => {
  it('after setup on Cursor, Claude Code and Codex: restores the two files byte for byte and removes the one created', async () => {
    const { home, cursor, codex, claude, before } = await homeWithConfigs();
    const start = await tree(home);
    const setup = await runCli(SETUP, { home });
    expect(setup.exitCode, setup.stderr).toBe(0);
    expect(rows(setup.stdout).map((row) => row.action)).toEqual(['updated', 'created', 'updated']);
    const journal = path.join(home, STATE, 'last-run.json');
    expect((await stat(journal)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(journal))).mode & 0o777).toBe(0o700);
    // The journal holds paths and digests, never a file's text.
    expect(await readFile(journal, 'utf8')).not.toContain('linear');

    const undo = await runCli(['undo', '--yes'], { home });
    expect(undo.exitCode, undo.stderr).toBe(0);
    expect(undo.stdout).toMatch(/Undo the setup run of \d{4}-\d\d-\d\d \d\d:\d\d UTC: 3 files/);
    expect(undo.stdout).toMatch(/✓ Cursor +restored +~\/\.cursor\/mcp\.json/);
    expect(undo.stdout).toMatch(/✓ Claude Code +removed +~\/\.claude\.json/);
    expect(undo.stdout).toMatch(/✓ Codex +restored +~\/\.codex\/config\.toml/);
    expect(undo.stdout).toContain('Restart Cursor, Claude Code, Codex');
    expect(await readFile(cursor)).toEqual(before.cursor);
    expect(await readFile(codex)).toEqual(before.codex);
    expect(existsSync(claude)).toBe(false);
    expect((await stat(cursor)).mode & 0o777).toBe(0o640);
    // Everything else is as it was: only the backups setup made, and the journal, are new.
    const end = await tree(home, (rel) => isBackup(rel) || rel.startsWith('.local'));
    const startFiles = Object.fromEntries(Object.entries(start).map(([rel, value]) => [rel, value.replace(/ ino \d+ mtime [\d.]+/, '')]));
    const endFiles = Object.fromEntries(Object.entries(end).map(([rel, value]) => [rel, value.replace(/ ino \d+ mtime [\d.]+/, '')]));
    expect(endFiles).toEqual(startFiles);
    // Undo made no backup of its own: one per changed file, the one setup made.
    expect(Object.keys(await tree(home)).filter(isBackup).length).toBe(2);
  });

  it('a file edited after setup is kept, named, with the backup that holds its old content; the others are undone; exit 1', async () => {
    const { home, cursor, codex, before } = await homeWithConfigs();
    const setup = await runCli(SETUP, { home });
    const cursorBackup = rows(setup.stdout)[0]!.backup!;
    const edited = `${await readFile(cursor, 'utf8')}// and one more line by hand\r\n`;
    await writeFile(cursor, edited);

    const undo = await runCli(['undo', '--yes'], { home });
    expect(undo.exitCode).toBe(1);
    expect(undo.stdout).toMatch(/! Cursor +kept +~\/\.cursor\/mcp\.json/);
    expect(undo.stdout).toContain(`${cursor} changed since setup wrote it, so it is kept as it is; its content from before setup is in ${cursorBackup}`);
    expect(undo.stdout).toContain('1 file kept as it is: changed since setup (see above).');
    expect(await readFile(cursor, 'utf8')).toBe(edited);
    expect(await readFile(cursorBackup)).toEqual(before.cursor);
    expect(await readFile(codex)).toEqual(before.codex);

    // Undoing again changes nothing: the kept file is looked at again and kept again.
    const start = await tree(home);
    const again = await runCli(['undo', '--yes', '--json'], { home });
    expect(again.exitCode).toBe(1);
    expect(rows(again.stdout)).toEqual([
      { client: 'cursor', path: cursor, action: 'skipped', backup: cursorBackup, error: expect.stringContaining('changed since setup wrote it') },
    ]);
    expect(await tree(home)).toEqual(start);
  });

  it('--dry-run lists what it would do and changes no byte (no file, folder, lock, backup or journal mark)', async () => {
    const { home, cursor, claude } = await homeWithConfigs();
    await runCli(SETUP, { home });
    const start = await tree(home);
    const dry = await runCli(['undo', '--dry-run'], { home });
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Dry run: nothing is changed. Undo the setup run of');
    expect(dry.stdout).toMatch(/• Cursor +will restore +~\/\.cursor\/mcp\.json/);
    expect(dry.stdout).toMatch(/• Claude Code +will remove +~\/\.claude\.json/);
    const json = await runCli(['undo', '--dry-run', '--json'], { home });
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout).dryRun).toBe(true);
    expect(rows(json.stdout).map((row) => [row.client, row.action])).toEqual([
      ['cursor', 'restored'],
      ['claude-code', 'removed'],
      ['codex', 'restored'],
    ]);
    expect(await tree(home)).toEqual(start);
    // And the real undo still has all three to do.
    const undo = await runCli(['undo', '--yes', '--json'], { home });
    expect(rows(undo.stdout).map((row) => row.action)).toEqual(['restored', 'removed', 'restored']);
    expect(existsSync(claude)).toBe(false);
    expect(await readFile(cursor, 'utf8')).toBe(CURSOR_TEXT);
  });

  it('no terminal and no --yes: lists, changes nothing, exit 2; --json never asks either', async () => {
    const { home } = await homeWithConfigs();
    await runCli(SETUP, { home });
    const start = await tree(home);
    const listed = await runCli(['undo'], { home });
    expect(listed.exitCode).toBe(2);
    expect(listed.stdout).toMatch(/• Cursor +will restore/);
    expect(listed.stderr).toBe(
      'intercom-mcp-setup: nothing changed: no terminal to ask on; run "intercom-mcp-setup undo --yes" to undo the 3 files listed above\n',
    );
    const json = await runCli(['undo', '--json'], { home });
    expect(json.exitCode).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ dryRun: true });
    expect(json.stderr).toContain('--json never asks');
    expect(await tree(home)).toEqual(start);
  });

  it('--json: {"results":[{client,path,action,backup?,error?}]}, then undo twice: nothing to undo, exit 0', async () => {
    const { home, cursor, codex, claude } = await homeWithConfigs();
    const setup = rows((await runCli(SETUP, { home })).stdout);
    const undo = await runCli(['undo', '--yes', '--json'], { home });
    expect(undo.exitCode).toBe(0);
    expect(JSON.parse(undo.stdout)).toEqual({
      results: [
        { client: 'cursor', path: cursor, action: 'restored', backup: setup[0]!.backup },
        { client: 'claude-code', path: claude, action: 'removed' },
        { client: 'codex', path: codex, action: 'restored', backup: setup[2]!.backup },
      ],
    });
    const start = await tree(home);
    const twice = await runCli(['undo', '--yes'], { home });
    expect(twice.exitCode).toBe(0);
    expect(twice.stdout).toMatch(/^Nothing to undo: the setup run of .* is undone already\.\n$/);
    const twiceJson = await runCli(['undo', '--json'], { home });
    expect(twiceJson.exitCode).toBe(0);
    expect(JSON.parse(twiceJson.stdout)).toEqual({ results: [] });
    expect(await tree(home)).toEqual(start);
  });

  it('with no run recorded: nothing to undo, exit 0, and nothing is created', async () => {
    const home = await tempHome('ims-undo-');
    const result = await runCli(['undo'], { home });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('Nothing to undo: no setup, remove or doctor --fix run has changed a file here.\n');
    expect(await readdir(home)).toEqual([]);
  });

  it('a run that changes nothing leaves the last journal alone: undo still undoes the run that wrote', async () => {
    const { home, cursor } = await homeWithConfigs();
    await runCli(['--client', 'cursor', '--no-check'], { home });
    const again = await runCli(['--client', 'cursor', '--no-check', '--json'], { home });
    expect(rows(again.stdout)[0]!.action).toBe('unchanged');
    const undo = await runCli(['undo', '--yes'], { home });
    expect(undo.exitCode).toBe(0);
    expect(await readFile(cursor, 'utf8')).toBe(CURSOR_TEXT);
  });

  it('after remove: puts the Intercom entry back as remove found it', async () => {
    const home = await tempHome('ims-undo-');
    await runCli(['--client', 'cursor,windsurf', '--no-check'], { home });
    const cursor = path.join(home, '.cursor', 'mcp.json');
    const windsurf = path.join(home, '.codeium', 'windsurf', 'mcp_config.json');
    const withEntry = { cursor: await readFile(cursor, 'utf8'), windsurf: await readFile(windsurf, 'utf8') };
    const remove = await runCli(['remove', '--client', 'cursor,windsurf', '--json'], { home });
    expect(rows(remove.stdout).map((row) => row.action)).toEqual(['removed', 'removed']);
    expect(await readFile(cursor, 'utf8')).not.toContain('intercom');
    const undo = await runCli(['undo', '--yes'], { home });
    expect(undo.exitCode, undo.stderr).toBe(0);
    expect(undo.stdout).toContain('Undo the remove run of');
    expect(await readFile(cursor, 'utf8')).toBe(withEntry.cursor);
    expect(await readFile(windsurf, 'utf8')).toBe(withEntry.windsurf);
  });

  it('after setup created a file in new folders: removes the file and the folders it made, while empty', async () => {
    const home = await tempHome('ims-undo-');
    const setup = await runCli(['--client', 'windsurf,cursor', '--no-check', '--json'], { home });
    expect(rows(setup.stdout).map((row) => row.action)).toEqual(['created', 'created']);
    // Something of the person's own lands in ~/.cursor meanwhile: that folder stays.
    await writeFile(path.join(home, '.cursor', 'notes.txt'), 'mine\n');
    const undo = await runCli(['undo', '--yes'], { home });
    expect(undo.exitCode, undo.stderr).toBe(0);
    expect(existsSync(path.join(home, '.codeium'))).toBe(false);
    expect(await readdir(path.join(home, '.cursor'))).toEqual(['notes.txt']);
    expect((await readdir(home)).sort()).toEqual(['.cursor', '.local']);
  });

  it('after doctor --fix: puts the broken entry back as doctor found it', async () => {
    const home = await tempHome('ims-undo-');
    const legacy =
      '{\n  "mcpServers": {\n    // by hand, a while ago\n    "intercom": { "command": "npx", "args": ["mcp-remote", "https://mcp.intercom.com/sse"] }\n  }\n}\n';
    const cursor = await write(path.join(home, '.cursor', 'mcp.json'), legacy);
    const doctor = await runCli(['doctor', '--client', 'cursor', '--offline', '--fix'], { home });
    expect(doctor.stdout).toContain('Cursor: entry updated');
    expect(await readFile(cursor, 'utf8')).not.toBe(legacy);
    const undo = await runCli(['undo', '--yes', '--json'], { home });
    expect(undo.exitCode, undo.stderr).toBe(0);
    expect(rows(undo.stdout).map((row) => [row.client, row.action])).toEqual([['cursor', 'restored']]);
    expect(await readFile(cursor, 'utf8')).toBe(legacy);
    expect((await runCli(['undo'], { home })).stdout).toContain('Nothing to undo: the doctor --fix run of');
  });

  it('through a symlinked config: the target is put back and the link stays', async () => {
    const home = await tempHome('ims-undo-');
    const real = await write(path.join(home, 'dotfiles', 'cursor-mcp.json'), CURSOR_TEXT);
    await mkdir(path.join(home, '.cursor'));
    const link = path.join(home, '.cursor', 'mcp.json');
    await symlink(real, link);
    await runCli(['--client', 'cursor', '--no-check'], { home });
    expect(await readFile(real, 'utf8')).toContain('intercom');
    const undo = await runCli(['undo', '--yes'], { home });
    expect(undo.exitCode, undo.stderr).toBe(0);
    expect(await readlink(link)).toBe(real);
    expect(await readFile(real, 'utf8')).toBe(CURSOR_TEXT);
  });

  it('keeps the journal in $XDG_STATE_HOME when it is set', async () => {
    const home = await tempHome('ims-undo-');
    const state = path.join(home, 'state');
    await runCli(['--client', 'cursor', '--no-check'], { home, env: { XDG_STATE_HOME: state } });
    expect(existsSync(path.join(state, 'intercom-mcp-setup', 'last-run.json'))).toBe(true);
    expect(existsSync(path.join(home, '.local'))).toBe(false);
    expect((await runCli(['undo', '--yes'], { home, env: { XDG_STATE_HOME: state } })).exitCode).toBe(0);
    expect(existsSync(path.join(home, '.cursor', 'mcp.json'))).toBe(false);
  });

  it('backups over 6 runs: the oldest (the file before this program touched it) and the newest three', async () => {
    const home = await tempHome('ims-undo-');
    const cursor = await write(path.join(home, '.cursor', 'mcp.json'), CURSOR_TEXT);
    for (let run = 0; run < 6; run++) {
      const result = await runCli(run % 2 === 0 ? ['--client', 'cursor', '--no-check'] : ['remove', '--client', 'cursor'], { home });
      expect(result.exitCode, result.stderr).toBe(0);
    }
    const backups = (await readdir(path.dirname(cursor))).filter((name) => name.endsWith('.bak')).sort();
    expect(backups).toHaveLength(4);
    expect(await readFile(path.join(home, '.cursor', backups[0]!), 'utf8')).toBe(CURSOR_TEXT);
    // The newest three alternate with and without the entry (runs 3, 4, 5 backed up what 2, 3, 4 left).
    const newest = await Promise.all(backups.slice(1).map((name) => readFile(path.join(home, '.cursor', name), 'utf8')));
    expect(newest.map((text) => text.includes('"intercom"'))).toEqual([true, false, true]);
    // And the last run (a remove) can still be undone from its backup.
    expect((await runCli(['undo', '--yes'], { home })).exitCode).toBe(0);
    expect(await readFile(cursor, 'utf8')).toBe(newest[2]);
  });
});
