/**
 * setup without a preview plans without reading the files (planSetup's deferRead): such a plan is
 * a PendingChange, with no action until applyChange has read the file, so nothing can print a
 * guessed one. Real files in a temp home.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { clientById } from '../../src/clients/index.js';
import { applyChange, planSetup, resultRow, type ClientChange, type PendingChange } from '../../src/engine/changes.js';
import { changeHeading } from '../../src/engine/report.js';
import { tempHome } from '../helpers/cli.js';
import { fakePlatform, onDisk } from '../helpers/platform.js';

const URL = 'https://mcp.intercom.com/mcp';
const spec = { url: URL, name: 'intercom', native: true };

async function cursor() {
  const home = await tempHome('ims-pending-');
  const platform = onDisk(fakePlatform('linux', { home }));
  return { platform, file: path.join(home, '.cursor', 'mcp.json'), target: { client: clientById('cursor')!, scope: 'user' as const } };
}

describe('a pending change (planned without reading the file)', () => {
  it('has no action; applied, it says what the write found: created, then unchanged', async () => {
    const { platform, file, target } = await cursor();
    const pending = await planSetup(target, platform, spec, { deferRead: true });
    expect(pending).toMatchObject({ pending: true, path: file });
    expect('action' in pending).toBe(false);

    const created = await applyChange(pending, spec, false);
    expect(created.action).toBe('created');
    expect('pending' in created).toBe(false);
    const written = await readFile(file, 'utf8');

    // The same plan again: the file is already right, so nothing is written and it says so.
    const again = await applyChange(await planSetup(target, platform, spec, { deferRead: true }), spec, false);
    expect(again.action).toBe('unchanged');
    expect(again.backup).toBeUndefined();
    expect(await readFile(file, 'utf8')).toBe(written);
  });

  it('a file that does not parse: failed, with file:line:column, and the notes of what it chose', async () => {
    const { platform, file, target } = await cursor();
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '{\n  "mcpServers": {,}\n}\n');
    const applied = await applyChange(await planSetup(target, platform, spec, { deferRead: true }), spec, false);
    expect(applied.action).toBe('failed');
    expect(applied.error).toContain(`${file}:2:`);
    expect(await readFile(file, 'utf8')).toBe('{\n  "mcpServers": {,}\n}\n');
  });

  it('what is known without the file stays a ClientChange (no config path: skipped)', async () => {
    const { platform } = await cursor();
    const planned = await planSetup({ client: clientById('claude-ai')!, scope: 'user' }, platform, spec, { deferRead: true });
    expect('pending' in planned).toBe(false);
    expect((planned as ClientChange).action).toBe('skipped');
  });

  it('cannot be printed or reported as a result (type checks: npm run typecheck)', () => {
    expectTypeOf<PendingChange>().not.toHaveProperty('action');
    expectTypeOf<PendingChange>().not.toHaveProperty('before');
    expectTypeOf<PendingChange>().not.toHaveProperty('after');
    expectTypeOf<PendingChange>().not.toExtend<ClientChange>();
    // What prints or reports a change takes a ClientChange: one with its action known.
    expectTypeOf(resultRow).parameter(0).toEqualTypeOf<ClientChange>();
    expectTypeOf(changeHeading).parameter(0).toEqualTypeOf<ClientChange>();
    expectTypeOf(applyChange).returns.resolves.toEqualTypeOf<ClientChange>();
  });
});
