import { execa } from 'execa';
import { mkdtemp, readFile, readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cleanEnv, tempHome } from '../helpers/cli.js';

/**
 * The published package, as a user gets it: `npm pack`, installed into an empty folder, run
 * through its bin. Catches a file missing from `files`, a runtime dependency left unbundled,
 * and a package that grew past its budget.
 */
describe('the npm package', () => {
  it('packs under 200 kB, installs with no dependencies, and its bin runs', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'ims-pack-'));
    const { stdout } = await execa('npm', ['pack', '--json', '--pack-destination', out], {
      cwd: ROOT,
      env: { ...process.env, npm_config_ignore_scripts: 'true' },
    });
    const [info] = JSON.parse(stdout) as Array<{ filename: string; size: number; files: Array<{ path: string }> }>;
    const tarball = path.join(out, info!.filename);
    expect((await stat(tarball)).size).toBeLessThan(200 * 1024);
    const files = info!.files.map((file) => file.path);
    expect(files).toContain('dist/cli.js');
    expect(files).toContain('templates/cursor.bridge.json');
    expect(files).toContain('README.md');
    expect(files.some((file) => file.startsWith('src/') || file.startsWith('test/'))).toBe(false);

    const manifest = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});

    const prefix = await mkdtemp(path.join(os.tmpdir(), 'ims-install-'));
    await execa('npm', ['install', tarball, '--prefix', prefix, '--no-audit', '--no-fund', '--offline'], { timeout: 120_000 });
    const installed = (await readdir(path.join(prefix, 'node_modules'))).filter((name) => !name.startsWith('.'));
    expect(installed).toEqual(['intercom-mcp-setup']);

    const bin = path.join(prefix, 'node_modules', '.bin', 'intercom-mcp-setup');
    const version = await execa(bin, ['--version'], { env: cleanEnv(await tempHome()), extendEnv: false });
    expect(version.stdout.trim()).toBe(manifest.version);
    const home = await tempHome();
    const setup = await execa(bin, ['--client', 'cursor', '--no-check', '--json'], { env: cleanEnv(home), extendEnv: false, cwd: home, reject: false });
    expect(setup.exitCode).toBe(0);
    expect(JSON.parse(await readFile(path.join(home, '.cursor/mcp.json'), 'utf8')).mcpServers.intercom.args).toEqual([
      '-y',
      'mcp-remote',
      'https://mcp.intercom.com/sse',
    ]);
  }, 180_000);
});
