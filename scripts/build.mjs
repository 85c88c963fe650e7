// Bundles the CLI into dist/ so the published package has no runtime dependencies.
// Code splitting keeps the prompt library and the network code out of the start-up path:
// they are loaded by dynamic import() only by the commands that need them.
// The bundle is built in a folder of its own and swapped in with a rename, so a CLI started
// while a build runs (another test run, say) never sees a half-empty dist/.
import { build } from 'esbuild';
import { rename, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const staging = `${root}dist.build-${process.pid}`;
const old = `${root}dist.old-${process.pid}`;
await rm(staging, { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: staging,
  absWorkingDir: root,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // jsonc-parser's main entry is a UMD build with dynamic require(); its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  target: 'node20',
  minify: true,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
await rename(`${root}dist`, old).catch(() => undefined);
await rename(staging, `${root}dist`);
await rm(old, { recursive: true, force: true });
