/**
 * The parts of `undo` below the command: the journal's place on each OS, its rows, the writer's
 * report of what it wrote (digest, created, folder), the deletion of a created file under its lock,
 * the state file's privacy, and backup retention (the oldest copy plus the newest three).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLIENTS } from '../../src/clients/index.js';
import { BACKUPS_KEPT, isoTime, removeConfigFile, removeEmptyFoldersAbove, updateConfigFile, writePrivateFile } from '../../src/config/files.js';
import type { ClientChange } from '../../src/engine/changes.js';
import { sha256Digest, sha256OfText } from '../../src/engine/digest.js';
import { journalFiles, journalPath, readJournal, recordRun, saveJournal, type Journal } from '../../src/engine/journal.js';
import { planUndoFile, undoFiles } from '../../src/engine/undo.js';
import { Output } from '../../src/ui/output.js';
import { fakePlatform, onDisk } from '../helpers/platform.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'ims-undo-')));
  dirs.push(dir);
  return dir;
}

const sha256 = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('where the journal is kept', () => {
  it('Linux: $XDG_STATE_HOME when absolute, else ~/.local/state', () => {
    expect(journalPath(fakePlatform('linux'))).toBe('/home/ana/.local/state/intercom-mcp-setup/last-run.json');
    expect(journalPath(fakePlatform('linux', { env: { XDG_STATE_HOME: '/var/state/ana' } }))).toBe('/var/state/ana/intercom-mcp-setup/last-run.json');
    expect(journalPath(fakePlatform('linux', { env: { XDG_STATE_HOME: 'relative/state' } }))).toBe('/home/ana/.local/state/intercom-mcp-setup/last-run.json');
  });

  it('macOS: ~/Library/Application Support (XDG_STATE_HOME is not a Mac thing)', () => {
    expect(journalPath(fakePlatform('darwin', { env: { XDG_STATE_HOME: '/x' } }))).toBe(
      '/Users/ana/Library/Application Support/intercom-mcp-setup/last-run.json',
    );
  });

  it('Windows: %LOCALAPPDATA% (any case), else its default under the home folder', () => {
    expect(journalPath(fakePlatform('win32', { env: { LOCALAPPDATA: 'D:\\Local' } }))).toBe('D:\\Local\\intercom-mcp-setup\\last-run.json');
    expect(journalPath(fakePlatform('win32', { env: { localappdata: 'D:\\Lower' } }))).toBe('D:\\Lower\\intercom-mcp-setup\\last-run.json');
    expect(journalPath(fakePlatform('win32'))).toBe('C:\\Users\\ana\\AppData\\Local\\intercom-mcp-setup\\last-run.json');
  });
});

describe('what the safe writer reports for undo', () => {
  it('the SHA-256 of the bytes on disk, the mode, created or not, and the highest folder it made', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'a', 'b', 'mcp.json');
    const text = '\uFEFF{ "é": "\u{1F600}" }\r\n';
    const made = await updateConfigFile(file, () => text, { newFileMode: 0o600, digest: sha256Digest });
    expect(made.kind).toBe('written');
    expect(made.written).toEqual({ target: file, created: true, mode: 0o600, digest: sha256(await readFile(file)), createdFolder: path.join(dir, 'a') });
    expect(made.written!.digest).toBe(sha256OfText(text));

    const updated = await updateConfigFile(file, () => '{}\n', { newFileMode: 0o600, digest: sha256Digest });
    expect(updated.written).toEqual({ target: file, created: false, mode: 0o600, digest: sha256('{}\n') });
    expect(updated.backup).toBeDefined();
    // Without a digest asked for, none is computed.
    const plain = await updateConfigFile(file, () => '{"x":1}\n', { newFileMode: 0o600 });
    expect(plain.written?.digest).toBeUndefined();
  });

  it('backup: false writes without a backup', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'mcp.json');
    await writeFile(file, '{}\n');
    const result = await updateConfigFile(file, () => '{"a":1}\n', { newFileMode: 0o600, backup: false });
    expect(result.kind).toBe('written');
    expect(result.backup).toBeUndefined();
    expect(await readdir(dir)).toEqual(['mcp.json']);
  });
});

describe('backup retention', () => {
  it('keeps the oldest backup (the file before this program first touched it) and the newest three, over 6 writes', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'mcp.json');
    const original = '// mine, before any tool\n{}\n';
    await writeFile(file, original);
    const backups: string[] = [];
    for (let run = 1; run <= 6; run++) {
      const result = await updateConfigFile(file, () => `{"run": ${run}}\n`, { newFileMode: 0o600 });
      backups.push(result.backup!);
      const left = (await readdir(dir)).filter((name) => name.endsWith('.bak')).sort();
      expect(left.length).toBe(Math.min(run, BACKUPS_KEPT + 1));
    }
    const left = (await readdir(dir))
      .filter((name) => name.endsWith('.bak'))
      .sort()
      .map((name) => path.join(dir, name));
    expect(left).toEqual([backups[0], ...backups.slice(-BACKUPS_KEPT)]);
    expect(await readFile(left[0]!, 'utf8')).toBe(original);
    expect(await Promise.all(left.slice(1).map((backup) => readFile(backup, 'utf8')))).toEqual(['{"run": 3}\n', '{"run": 4}\n', '{"run": 5}\n']);
  });

  it('two writes in the same millisecond never share a backup name (the first one, the oldest, is not replaced)', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'mcp.json');
    await writeFile(file, 'original\n');
    const first = await updateConfigFile(file, () => 'one\n', { newFileMode: 0o600 });
    const second = await updateConfigFile(file, () => 'two\n', { newFileMode: 0o600 });
    expect(second.backup).not.toBe(first.backup);
    expect(await readFile(first.backup!, 'utf8')).toBe('original\n');
    expect(await readFile(second.backup!, 'utf8')).toBe('one\n');
  });
});

describe('removeConfigFile', () => {
  it('deletes a file only while it holds what was written; keeps a changed one or a symlink; says when it is gone', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'mcp.json');
    await writeFile(file, 'ours\n');
    expect(await removeConfigFile(file, (text) => text === 'theirs\n')).toBe('kept');
    expect(await readFile(file, 'utf8')).toBe('ours\n');
    expect(await removeConfigFile(file, (text) => text === 'ours\n')).toBe('removed');
    expect(existsSync(file)).toBe(false);
    expect(await removeConfigFile(file, () => true)).toBe('missing');
    // A symlink in its place (to a file holding the very same text) is not the file made.
    const elsewhere = path.join(dir, 'elsewhere.json');
    await writeFile(elsewhere, 'ours\n');
    await symlink(elsewhere, file);
    expect(await removeConfigFile(file, (text) => text === 'ours\n')).toBe('kept');
    expect(await readFile(elsewhere, 'utf8')).toBe('ours\n');
    expect((await readdir(dir)).sort()).toEqual(['elsewhere.json', 'mcp.json']);
  });

  it('removeEmptyFoldersAbove stops at the first folder that holds anything, and never leaves the top', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'top', 'mid', 'leaf'), { recursive: true });
    await writeFile(path.join(dir, 'top', 'keep.txt'), 'x');
    removeEmptyFoldersAbove(path.join(dir, 'top', 'mid', 'leaf', 'file.json'), path.join(dir, 'top'));
    expect(await readdir(path.join(dir, 'top'))).toEqual(['keep.txt']);
    // A top that is not above the file: nothing is touched.
    await mkdir(path.join(dir, 'other', 'x'), { recursive: true });
    removeEmptyFoldersAbove(path.join(dir, 'other', 'x', 'f'), path.join(dir, 'top'));
    expect(existsSync(path.join(dir, 'other', 'x'))).toBe(true);
  });
});

describe('the journal file', () => {
  it("stamps a run as toISOString does, without it (every field padded, the year's four digits too)", () => {
    const dates = [0, 1, 999, Date.UTC(2026, 11, 6, 2, 3, 4, 5), Date.UTC(2026, 0, 1), Date.UTC(1999, 11, 31, 23, 59, 59, 999), Date.UTC(2100, 1, 28, 12)];
    for (let i = 0; i < 200; i++) dates.push(Math.floor(Math.random() * Date.UTC(9999, 11, 31)));
    for (const time of dates) expect(isoTime(new Date(time)), String(time)).toBe(new Date(time).toISOString());
  });

  it('is private (0600 in a 0700 folder) and replaces a symlink in its place instead of following it', async () => {
    const home = await tempDir();
    const platform = onDisk(fakePlatform('linux', { home }));
    const file = journalPath(platform);
    const journal: Journal = { version: 1, command: 'setup', at: '2026-01-02T03:04:05.006Z', files: [] };
    await saveJournal(platform, journal);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    expect(readJournal(platform)).toEqual(journal);
    const victim = path.join(home, 'victim.txt');
    await writeFile(victim, 'keep me\n');
    await rm(file);
    await symlink(victim, file);
    await writePrivateFile(file, '{}\n');
    expect(await readFile(victim, 'utf8')).toBe('keep me\n');
    expect((await stat(file)).isFile()).toBe(true);
  });

  it('a journal that is not one (bad JSON, another version, a bad row) is refused in one line that names it', async () => {
    const home = await tempDir();
    const platform = onDisk(fakePlatform('linux', { home }));
    const file = journalPath(platform);
    expect(readJournal(platform)).toBeUndefined();
    for (const text of ['{', '{"version":2,"command":"setup","at":"x","files":[]}', '{"version":1,"command":"setup","at":"x","files":[{"client":"cursor"}]}']) {
      await writePrivateFile(file, text);
      expect(() => readJournal(platform)).toThrow(`${file} is not a journal this version can read`);
    }
  });

  it('records only the files a run wrote; a run that wrote nothing leaves the last journal alone', async () => {
    const home = await tempDir();
    const platform = onDisk(fakePlatform('linux', { home }));
    const errors: string[] = [];
    const out = new Output({ stdout: { write: () => true }, stderr: { write: (text: string) => errors.push(text) } }, { json: false, color: false });
    const ctx = { platform, out, interactive: false };
    const cursor = CLIENTS.find((client) => client.id === 'cursor')!;
    const change = (extra: Partial<ClientChange>): ClientChange => ({
      client: cursor,
      scope: 'user',
      path: '/h/.cursor/mcp.json',
      action: 'updated',
      notes: [],
      ...extra,
    });
    await recordRun(ctx, 'setup', [
      change({ written: { target: '/h/real.json', created: true, mode: 0o600, digest: 'a'.repeat(64), createdFolder: '/h/.cursor' } }),
    ]);
    const first = readJournal(platform)!;
    expect(first.files).toEqual([
      {
        client: 'cursor',
        label: 'Cursor',
        scope: 'user',
        path: '/h/.cursor/mcp.json',
        target: '/h/real.json',
        created: true,
        sha256: 'a'.repeat(64),
        mode: 0o600,
        createdFolder: '/h/.cursor',
      },
    ]);
    await recordRun(ctx, 'remove', [change({ action: 'unchanged' }), change({ action: 'failed', error: 'x' })]);
    expect(readJournal(platform)).toEqual(first);
    expect(errors).toEqual([]);

    // A journal that cannot be written (its folder's place is taken by a file) is a warning, not a
    // failure: the promise resolves, the line says why and what still holds the old contents.
    const stateFolder = path.dirname(journalPath(platform));
    await rm(stateFolder, { recursive: true });
    await writeFile(stateFolder, 'not a folder\n');
    await expect(
      recordRun(ctx, 'setup', [change({ written: { target: '/h/real.json', created: true, mode: 0o600, digest: 'b'.repeat(64) } })]),
    ).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('warning: this run cannot be undone with "intercom-mcp-setup undo"');
    expect(errors[0]).toContain(stateFolder);
    expect(errors[0]).toContain('the backups next to each file still hold what was there');
  });

  it("a file written twice in one run (two names for it) is one row: the earliest write's backup, the latest write's bytes", () => {
    const cursor = CLIENTS.find((client) => client.id === 'cursor')!;
    const row = (backup: string, digest: string): ClientChange => ({
      client: cursor,
      scope: 'user',
      path: '/h/a.json',
      action: 'updated',
      notes: [],
      backup,
      written: { target: '/h/real.json', created: false, mode: 0o644, digest },
    });
    const rows = journalFiles([
      row('/h/real.json.intercom-mcp-setup-20260101T000000-002Z.bak', 'b'.repeat(64)),
      row('/h/real.json.intercom-mcp-setup-20260101T000000-001Z.bak', 'c'.repeat(64)),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.backup).toBe('/h/real.json.intercom-mcp-setup-20260101T000000-001Z.bak');
    expect(rows[0]!.sha256).toBe('b'.repeat(64));
  });
});

describe('undoing one file', () => {
  it('puts a file back through its symlink (the link stays), byte for byte, without a new backup', async () => {
    const home = await tempDir();
    const real = path.join(home, 'dotfiles', 'mcp.json');
    await mkdir(path.dirname(real));
    const original = '{\r\n  // mine\r\n}\r\n';
    await writeFile(real, original);
    const link = path.join(home, 'mcp.json');
    await symlink(real, link);
    const written = await updateConfigFile(link, () => '{"intercom": 1}\n', { newFileMode: 0o600, digest: sha256Digest });
    const journal: Journal = {
      version: 1,
      command: 'setup',
      at: '2026-01-01T00:00:00.000Z',
      files: [
        {
          client: 'cursor',
          label: 'Cursor',
          scope: 'user',
          path: link,
          target: real,
          created: false,
          backup: written.backup!,
          sha256: written.written!.digest!,
          mode: 0o644,
        },
      ],
    };
    expect((await planUndoFile(journal, journal.files[0]!)).action).toBe('restored');
    const [result] = await undoFiles(journal, journal.files);
    expect(result!.action).toBe('restored');
    expect(await readFile(real, 'utf8')).toBe(original);
    expect((await readdir(path.dirname(real))).filter((name) => name.endsWith('.bak'))).toEqual([path.basename(written.backup!)]);
    // Again: it is as it was before, which harms nothing.
    const [again] = await undoFiles(journal, journal.files);
    expect(again).toMatchObject({ action: 'skipped', note: 'already as it was before setup' });
    expect(again!.error).toBeUndefined();
  });

  it('a backup that is gone: failed, naming it, and the file is kept', async () => {
    const home = await tempDir();
    const file = path.join(home, 'mcp.json');
    await writeFile(file, 'before\n');
    const written = await updateConfigFile(file, () => 'after\n', { newFileMode: 0o600, digest: sha256Digest });
    await rm(written.backup!);
    const journal: Journal = {
      version: 1,
      command: 'remove',
      at: '2026-01-01T00:00:00.000Z',
      files: [
        {
          client: 'cursor',
          label: 'Cursor',
          scope: 'user',
          path: file,
          target: file,
          created: false,
          backup: written.backup!,
          sha256: written.written!.digest!,
          mode: 0o644,
        },
      ],
    };
    const [result] = await undoFiles(journal, journal.files);
    expect(result!.action).toBe('failed');
    expect(result!.error).toContain(written.backup!);
    expect(await readFile(file, 'utf8')).toBe('after\n');
  });
});
