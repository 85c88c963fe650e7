/**
 * A synchronous require() for Node built-ins that only some paths need (node:tty, node:crypto):
 * an ESM `import` would load them on every run. dist/ is CommonJS and has its own `require`; the
 * sources, run as ESM by the tests, make one. node:module is asked for only then, through
 * process.getBuiltinModule (Node 20.16 and later), not imported: an import would load it on every
 * run of dist/ too, where it is never used (docs/performance.md, "node:module").
 */
export const nodeRequire: NodeRequire =
  typeof require === 'function' ? require : (process.getBuiltinModule('node:module') as typeof import('node:module')).createRequire(import.meta.url);
