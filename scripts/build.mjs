// Bundles the CLI into dist/ so the published package has no runtime dependencies.
// Code splitting keeps the prompt library and the network code out of the start-up path:
// they are loaded by dynamic import() only by the commands that need them.
//
// The output is CommonJS, in two steps: esbuild splits only ESM, so the bundle is built as ESM and
// each file is then converted. Node 20 starts a CommonJS program sooner: its ESM loader is not in
// the start-up snapshot and pulls in readline, fs/promises and the stream stack before the first
// line of ours runs (docs/performance.md has the numbers). dist/package.json says
// `"type": "commonjs"` so that dist/cli.js keeps its name.
//
// dist/cli.js, the bin, is src/bin.ts with src/cli/main.ts: it answers --version itself and loads
// dist/help.js (the help text, with Node's require) or dist/run.js (every command) and its chunks
// with a V8 code cache (src/startup/launcher.ts says why and where). Nothing else is compiled on a
// run without a cache: a dist/main.js between the two, with its own two helper chunks, made setup
// slower (docs/performance.md).
//
// The bundle is built in a folder of its own and swapped in with a rename, so a CLI started
// while a build runs (another test run, say) never sees a half-empty dist/.
//
// The chunks that setup, list and remove load are then merged into one file, a "pack" (see
// packCommandChunks below): each file costs the loader a read, a code-cache read and a compile,
// and setup needed fourteen of them.
//
// `node scripts/build.mjs --no-minify` keeps names readable, for profiling (--cpu-prof).
import { build, transform } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = createRequire(import.meta.url)('../package.json');
const minify = !process.argv.includes('--no-minify');
const staging = `${root}dist.build-${process.pid}`;
const old = `${root}dist.old-${process.pid}`;
const SHEBANG = '#!/usr/bin/env node\n';
await rm(staging, { recursive: true, force: true });

/**
 * The parser half of jsonc-parser for src/config/jsonc.ts and json-splice.ts: its scanner and
 * parser files, which the package's main file re-exports, without that main file. The main file
 * also imports the package's editor and formatter, and the formatter builds tables of indentation
 * strings as it loads, which every garbage collection of the run then copies (docs/performance.md
 * has the A/B). The editor is used only by src/config/jsonc-modify.ts, loaded
 * on demand, which imports the package as usual. Nothing in the package is changed; the sources
 * and the tests import 'jsonc-parser' as usual; and if an upgrade stops re-exporting these very
 * functions from these files, the build stops here rather than bundle something else.
 */
const JSONC_PARSER_HALF = { scanner: ['createScanner'], parser: ['parseTree', 'findNodeAtLocation', 'visit'] };
const jsoncParserWithoutEditor = {
  name: 'jsonc-parser-without-editor',
  setup(pluginBuild) {
    const users = /[\\/]src[\\/]config[\\/](?:jsonc|json-splice)\.ts$/;
    pluginBuild.onResolve({ filter: /^jsonc-parser$/ }, (args) =>
      users.test(args.importer) ? { path: 'jsonc-parser', namespace: 'jsonc-parser-half' } : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'jsonc-parser-half' }, async () => {
      const folder = path.join(root, 'node_modules', 'jsonc-parser', 'lib', 'esm');
      const main = await readFile(path.join(folder, 'main.js'), 'utf8');
      const lines = [];
      for (const [file, names] of Object.entries(JSONC_PARSER_HALF)) {
        if (!main.includes(`import * as ${file} from './impl/${file}';`))
          throw new Error(`jsonc-parser's main.js no longer imports ./impl/${file}: check scripts/build.mjs`);
        for (const name of names) {
          if (!main.includes(`export const ${name} = ${file}.${name};`))
            throw new Error(`jsonc-parser's main.js no longer re-exports ${name} from ./impl/${file}: check scripts/build.mjs`);
        }
        lines.push(`export { ${names.join(', ')} } from ${JSON.stringify(path.join(folder, 'impl', `${file}.js`))};`);
      }
      return { contents: lines.join('\n'), loader: 'js', resolveDir: folder };
    });
  },
};

const esm = await build({
  entryPoints: { run: 'src/cli/run.ts' },
  metafile: true,
  outdir: staging,
  absWorkingDir: root,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // jsonc-parser's main entry is a UMD build with dynamic require(); its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  target: 'node20',
  minify,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  plugins: [jsoncParserWithoutEditor],
});

const files = ['run.js', ...(await readdir(path.join(staging, 'chunks'))).map((name) => `chunks/${name}`)];
/**
 * esbuild's CommonJS form of an ES module: module.exports is a copy of the module's table of
 * getters, each new getter calling the table's. The copy costs every chunk a pass over its exports
 * when it loads, and every use of an import two getter calls; module.exports is the table itself
 * here (marked __esModule as the copy was), so a use costs one (docs/performance.md, "exports").
 * The helper's text is esbuild's own; if a new esbuild writes it otherwise, the build stops here.
 */
const COPYING_TO_COMMON_JS = 'var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);';
const MARKING_TO_COMMON_JS = 'var __toCommonJS = (mod) => __defProp(mod, "__esModule", { value: true });';
for (const file of files) {
  const esm = await readFile(path.join(staging, file), 'utf8');
  const { code: cjs } = await transform(esm, {
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // import() of a chunk becomes require() in a promise: the chunk still loads only when asked for.
    supported: { 'dynamic-import': false },
    // src/entries/templates.ts reads __dirname in CommonJS and import.meta.url only in the sources.
    logOverride: { 'empty-import-meta': 'silent' },
    logLevel: 'warning',
  });
  if (!cjs.includes(COPYING_TO_COMMON_JS))
    throw new Error(`esbuild's __toCommonJS helper is not where scripts/build.mjs expects it in ${file}: check the build`);
  // format: 'cjs' again, so that minification renames the module's own top-level names, and tree
  // shaking drops the helpers the new __toCommonJS no longer calls.
  const { code } = await transform(cjs.replace(COPYING_TO_COMMON_JS, MARKING_TO_COMMON_JS), {
    format: 'cjs',
    treeShaking: true,
    platform: 'node',
    target: 'node20',
    minify,
    logLevel: 'warning',
  });
  await writeFile(path.join(staging, file), code);
}

/**
 * Merges into one file the chunks the file commands load (setup, list and remove: dist/run.js
 * and what they import statically). The pack is an object of CommonJS module functions keyed by
 * the file's path in dist/; the files themselves are not kept (nothing is shipped twice).
 * Returns that chunk → pack map, which dist/cli.js is built with (src/startup/launcher.ts).
 */
async function packCommandChunks(metafile) {
  const prefix = `${path.relative(root, staging).split(path.sep).join('/')}/`;
  const relative = (name) => name.slice(prefix.length);
  const outputs = new Map(Object.entries(metafile.outputs).map(([name, info]) => [relative(name), info]));
  const imports = (name, kind) =>
    outputs
      .get(name)
      .imports.filter((entry) => entry.kind === kind && !entry.external)
      .map((entry) => relative(entry.path));
  const closure = (names) => {
    const found = new Set();
    const visit = (name) => {
      if (found.has(name)) return;
      found.add(name);
      for (const next of imports(name, 'import-statement')) visit(next);
    };
    names.forEach(visit);
    return found;
  };
  const run = 'run.js';
  if (outputs.get(run)?.entryPoint !== 'src/cli/run.ts') throw new Error('packCommandChunks: run.js should be the output of src/cli/run.ts');
  const fileCommands = ['setup', 'list', 'remove'].map((name) => `src/commands/${name}.ts`);
  const commands = imports(run, 'dynamic-import').filter((name) => fileCommands.includes(outputs.get(name).entryPoint));
  if (commands.length !== fileCommands.length)
    throw new Error(`packCommandChunks: found ${commands.length} of the ${fileCommands.length} file commands' chunks`);
  const members = [...closure([run, ...commands])].sort();
  let pack = '({\n';
  for (const name of members) {
    const code = await readFile(path.join(staging, name), 'utf8');
    pack += `${JSON.stringify(name)}: function (exports, require, module, __filename, __dirname) {\n${code}\n},\n`;
  }
  pack += '})\n';
  const packName = `chunks/pack-${createHash('sha256').update(pack).digest('base64url').slice(0, 8)}.js`;
  await writeFile(path.join(staging, packName), pack);
  for (const name of members) await unlink(path.join(staging, name));
  return Object.fromEntries(members.map((name) => [name, packName]));
}
const packed = await packCommandChunks(esm.metafile);
/** A standalone CommonJS file of dist/ (no splitting: it imports no chunk). */
const standalone = (options) =>
  build({
    outdir: staging,
    absWorkingDir: root,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify,
    legalComments: 'none',
    // src/core/node-require.ts reads import.meta.url only when there is no require (the sources as ESM).
    logOverride: { 'empty-import-meta': 'silent' },
    logLevel: 'warning',
    ...options,
  });
// The help text on its own, outside the split bundle: esbuild has every entry of a split bundle
// import its runtime chunk, which --help would then load for nothing.
await standalone({ entryPoints: { help: 'src/cli/help.ts' } });
await standalone({
  entryPoints: { cli: 'src/bin.ts' },
  define: { __TOOL_VERSION__: JSON.stringify(version), __PACKED_CHUNKS__: JSON.stringify(packed) },
  banner: { js: SHEBANG.trim() },
});
await writeFile(path.join(staging, 'package.json'), '{ "type": "commonjs" }\n');

// Node decodes a file of ASCII bytes on a fast path; one other byte (a character esbuild left as
// it is, as in a regular expression) and the whole file is decoded the slow way, into a string of
// twice the size (docs/performance.md, "ASCII bundle"). Write such a character as an escape.
// (A --no-minify build keeps the sources' comments, which may hold any character.)
for (const file of minify ? await readdir(staging, { recursive: true }) : []) {
  if (!file.endsWith('.js')) continue;
  const bytes = await readFile(path.join(staging, file));
  const at = bytes.findIndex((byte) => byte > 0x7f);
  if (at !== -1) throw new Error(`dist/${file} holds a non-ASCII byte at offset ${at}: write that character as an escape (\\u...) in the source`);
}

await rename(`${root}dist`, old).catch(() => undefined);
await rename(staging, `${root}dist`);
await rm(old, { recursive: true, force: true });
