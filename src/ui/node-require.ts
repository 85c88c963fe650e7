import { createRequire } from 'node:module';

/**
 * A synchronous require() for Node built-ins that only some paths need (node:tty, node:crypto):
 * an ESM `import` would load them on every run. dist/ is CommonJS and has its own `require`; the
 * sources, run as ESM by the tests, make one.
 */
export const nodeRequire: NodeRequire = typeof require === 'function' ? require : createRequire(import.meta.url);
