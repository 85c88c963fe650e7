// Bundles the CLI into dist/ so the published package has no runtime dependencies.
// Code splitting keeps the prompt library and the network code out of the start-up path:
// they are loaded by dynamic import() only by the commands that need them.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
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
