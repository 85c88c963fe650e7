/**
 * The shape of src/: folders are layers, imports point down the list, and no module imports
 * itself through others. README "Layout" draws the same list.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

/** Top to bottom: a module may import its own folder and the folders below it, never above. */
export const LAYERS = ['(entry)', 'startup', 'cli', 'commands', 'doctor', 'auth', 'engine', 'entries', 'clients', 'ui', 'core', 'config'] as const;

/** The one pair of command files that belong together: setup opens its wizard. */
const SAME_COMMAND = new Set(['commands/setup.ts -> commands/setup-wizard.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [path.relative(SRC, full).split(path.sep).join('/')] : [];
  });
}

/** Every relative module a file names: static imports and exports, `import type`, `import()` and `typeof import()`. */
export function importsOf(text: string): string[] {
  const specs = new Set<string>();
  for (const match of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)'(\.[^']+)'/gm)) specs.add(match[1]!);
  return [...specs];
}

function layerOf(file: string): string {
  return file.includes('/') ? file.slice(0, file.indexOf('/')) : '(entry)';
}

function graph(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(path.join(SRC, file), 'utf8');
    const targets = importsOf(text)
      .map((spec) => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '.ts'))
      .filter((target) => !target.startsWith('..')); // ../package.json
    edges.set(file, targets);
  }
  return edges;
}

/** Strongly connected components of more than one module, or a module importing itself (Tarjan). */
export function cyclesIn(edges: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    indices.set(node, index);
    low.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indices.get(next)!));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (edges.get(node) ?? []).includes(node)) cycles.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!indices.has(node)) visit(node);
  return cycles;
}

describe('the layers of src/', () => {
  const edges = graph();

  it('reads the imports of every module (static, type-only and dynamic)', () => {
    expect(edges.size).toBeGreaterThan(50);
    expect(edges.get('cli/run.ts')).toEqual(expect.arrayContaining(['core/errors.ts', 'commands/setup.ts']));
  });

  it('every module lives in a known layer', () => {
    const unknown = [...edges.keys()].filter((file) => !(LAYERS as readonly string[]).includes(layerOf(file)));
    expect(unknown).toEqual([]);
  });

  it('imports only point down the layer list', () => {
    const upward: string[] = [];
    for (const [file, targets] of edges) {
      const from = LAYERS.indexOf(layerOf(file) as (typeof LAYERS)[number]);
      for (const target of targets) {
        const to = LAYERS.indexOf(layerOf(target) as (typeof LAYERS)[number]);
        if (to < from) upward.push(`${file} -> ${target}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('a command never imports another command', () => {
    const crossing = [...edges]
      .filter(([file]) => layerOf(file) === 'commands')
      .flatMap(([file, targets]) => targets.filter((target) => layerOf(target) === 'commands').map((target) => `${file} -> ${target}`))
      .filter((pair) => !SAME_COMMAND.has(pair));
    expect(crossing).toEqual([]);
  });

  it('config/ imports nothing outside config/', () => {
    const outside = [...edges]
      .filter(([file]) => layerOf(file) === 'config')
      .flatMap(([file, targets]) => targets.filter((target) => layerOf(target) !== 'config').map((target) => `${file} -> ${target}`));
    expect(outside).toEqual([]);
  });

  it('no import circle', () => {
    expect(cyclesIn(edges)).toEqual([]);
  });

  it('the checks themselves catch an upward import and a circle', () => {
    expect(
      importsOf(`import { a } from './a.js';\nimport type { B } from '../b/b.js';\nconst c = await import('./c.js');\ntype D = typeof import('./d.js');`),
    ).toEqual(['./a.js', '../b/b.js', './c.js', './d.js']);
    const circle = new Map([
      ['engine/a.ts', ['engine/b.ts']],
      ['engine/b.ts', ['engine/c.ts']],
      ['engine/c.ts', ['engine/a.ts']],
      ['engine/d.ts', ['engine/d.ts']],
      ['engine/e.ts', ['engine/a.ts']],
    ]);
    expect(cyclesIn(circle)).toEqual([['engine/a.ts', 'engine/b.ts', 'engine/c.ts'], ['engine/d.ts']]);
    expect(LAYERS.indexOf('config')).toBeGreaterThan(LAYERS.indexOf('commands'));
  });
});
