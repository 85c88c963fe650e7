import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores here: more workers only make the subprocess-heavy e2e suites fight for CPU.
    maxWorkers: 2,
    // Output wraps at 80 columns off a terminal unless COLUMNS is set: in-process tests read whole
    // lines (test/helpers/cli.ts sets the same for the CLI it runs).
    env: { COLUMNS: '1000' },
  },
});
