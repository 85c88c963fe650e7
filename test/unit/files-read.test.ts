/**
 * readNamedFile (src/config/files.ts): the one read of a file that a config or the environment
 * names (issue 18 point 4). A FIFO, a device, a folder or a file over the cap is refused at once,
 * with a message naming it; a regular file (also through a symlink, unless noFollow) is read.
 */
import { execa } from 'execa';
import { mkdir, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigFileError, oldestBackupText, readNamedFile } from '../../src/config/files.js';
import { tempHome } from '../helpers/cli.js';

describe('readNamedFile', () => {
  it('reads a regular file, also through a symlink', async () => {
    const dir = await tempHome('ims-named-');
    await writeFile(path.join(dir, 'headers.txt'), 'X-Workspace: acme\n');
    await symlink(path.join(dir, 'headers.txt'), path.join(dir, 'link.txt'));
    expect(readNamedFile(path.join(dir, 'headers.txt'))).toBe('X-Workspace: acme\n');
    expect(readNamedFile(path.join(dir, 'link.txt'))).toBe('X-Workspace: acme\n');
    expect(readNamedFile(path.join(dir, 'headers.txt'), { noFollow: true })).toBe('X-Workspace: acme\n');
  });

  it('refuses a FIFO at once (an open for reading would wait for a writer forever), also through a symlink', async () => {
    const dir = await tempHome('ims-named-');
    const fifo = path.join(dir, 'pipe');
    await execa('mkfifo', [fifo]);
    await symlink(fifo, path.join(dir, 'link'));
    for (const file of [fifo, path.join(dir, 'link')]) {
      const started = Date.now();
      expect(() => readNamedFile(file)).toThrow(/is not a regular file \(a pipe, socket or device\); not read/);
      expect(Date.now() - started).toBeLessThan(1000);
    }
  });

  it('refuses /dev/zero and /dev/urandom (a read would never end), and a symlink to them', async () => {
    const dir = await tempHome('ims-named-');
    await symlink('/dev/zero', path.join(dir, 'zero'));
    for (const file of ['/dev/zero', '/dev/urandom', path.join(dir, 'zero')]) {
      expect(() => readNamedFile(file)).toThrow(ConfigFileError);
      expect(() => readNamedFile(file)).toThrow(`${file} is not a regular file`);
    }
  });

  it('refuses a socket and a folder', async () => {
    const dir = await tempHome('ims-named-');
    const socket = path.join(dir, 'sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      expect(() => readNamedFile(socket)).toThrow('is not a regular file');
    } finally {
      server.close();
    }
    await mkdir(path.join(dir, 'folder'));
    expect(() => readNamedFile(path.join(dir, 'folder'))).toThrow('is a folder, not a file');
  });

  it('refuses a file over the cap before reading it (a sparse 8 GB file), and one just over a small cap', async () => {
    const dir = await tempHome('ims-named-');
    const huge = path.join(dir, 'huge');
    await writeFile(huge, '');
    await truncate(huge, 8 * 1024 ** 3);
    const started = Date.now();
    expect(() => readNamedFile(huge)).toThrow(`${huge} is larger than 1 MB; not read`);
    expect(Date.now() - started).toBeLessThan(1000);
    await writeFile(path.join(dir, 'small'), 'x'.repeat(1025));
    expect(() => readNamedFile(path.join(dir, 'small'), { maxBytes: 1024 })).toThrow('is larger than 1 KB');
    expect(readNamedFile(path.join(dir, 'small'), { maxBytes: 1025 })).toHaveLength(1025);
  });

  it('with noFollow, refuses a symlink even to a regular file', async () => {
    const dir = await tempHome('ims-named-');
    await writeFile(path.join(dir, 'real'), '{}');
    await symlink(path.join(dir, 'real'), path.join(dir, 'link'));
    expect(() => readNamedFile(path.join(dir, 'link'), { noFollow: true })).toThrow('is a symlink');
  });

  it('a missing file: a ConfigFileError naming it', () => {
    expect(() => readNamedFile('/nonexistent/headers.txt')).toThrow(ConfigFileError);
    expect(() => readNamedFile('/nonexistent/headers.txt')).toThrow('/nonexistent/headers.txt');
  });
});

describe('oldestBackupText: the file before this program first changed it', () => {
  const TAG = 'intercom-mcp-setup';
  it('reads the oldest of the backups next to the file, and nothing but regular files under the cap', async () => {
    const dir = await tempHome('ims-oldest-');
    const file = path.join(dir, 'mcp.json');
    expect(oldestBackupText(file)).toBeUndefined();
    await writeFile(path.join(dir, `mcp.json.${TAG}-20261205T100000-000Z.bak`), 'newer');
    await writeFile(path.join(dir, `mcp.json.${TAG}-20261201T100000-000Z.bak`), 'oldest');
    await writeFile(path.join(dir, `other.json.${TAG}-20261101T100000-000Z.bak`), 'another file');
    expect(oldestBackupText(file)).toBe('oldest');
  });

  it("a symlink, a FIFO or a file over the cap in the oldest backup's place counts as no backup", async () => {
    const dir = await tempHome('ims-oldest-');
    const file = path.join(dir, 'mcp.json');
    const oldest = path.join(dir, `mcp.json.${TAG}-20261201T100000-000Z.bak`);
    await writeFile(path.join(dir, `mcp.json.${TAG}-20261205T100000-000Z.bak`), 'newer');
    await writeFile(path.join(dir, 'elsewhere'), 'not a backup');
    await symlink(path.join(dir, 'elsewhere'), oldest);
    expect(oldestBackupText(file)).toBeUndefined();
    await rm(oldest);
    await execa('mkfifo', [oldest]);
    expect(oldestBackupText(file)).toBeUndefined();
    await rm(oldest);
    await writeFile(oldest, '');
    await truncate(oldest, 300 * 1024 * 1024); // sparse: nothing is written, nothing must be read
    expect(oldestBackupText(file)).toBeUndefined();
  });
});
