import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { temporaryFolder } from '../../src/startup/launcher.js';

/** The code cache's folder is found without node:os: its answer must be os.tmpdir()'s. */
describe("the launcher's temporary folder", () => {
  const saved = { TMPDIR: process.env.TMPDIR, TMP: process.env.TMP, TEMP: process.env.TEMP };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it.each([
    [{}],
    [{ TMPDIR: '/var/tmp' }],
    [{ TMPDIR: '/var/tmp/' }],
    [{ TMPDIR: '/' }],
    [{ TMPDIR: '', TMP: '/x/y/' }],
    [{ TMP: '/x', TEMP: '/z' }],
    [{ TEMP: '/z//' }],
    [{ TMPDIR: 'relative/dir/' }],
    [{ TMPDIR: '/with space/é/' }],
  ])('%j is what os.tmpdir() says', (env: Record<string, string>) => {
    for (const name of ['TMPDIR', 'TMP', 'TEMP']) delete process.env[name];
    Object.assign(process.env, env);
    expect(temporaryFolder()).toBe(os.tmpdir());
  });
});
