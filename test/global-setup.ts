import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The e2e suites run the real built CLI, so build it once before any test file runs. */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
}
