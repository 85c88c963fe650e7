/**
 * readArgv (src/options.ts) reads the usual argv itself and hands the rest to node:util's
 * parseArgs: on generated argv, for every command's options, it must give what parseArgs gives
 * (the same values, or the same error). The seed is fixed when CI is set; FC_SEED=<seed> repeats one.
 */
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { COMMAND_OPTIONS, OPTION_SPECS, parseOptions, readArgv } from '../../src/options.js';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20_261_125 : Math.floor(Math.random() * 0x7fffffff);

function optionsOf(command: keyof typeof COMMAND_OPTIONS) {
  return Object.fromEntries(COMMAND_OPTIONS[command].map((name) => [name, OPTION_SPECS[name]]));
}

function outcome(read: () => { values: Record<string, unknown> }): { values: Record<string, unknown> } | { error: string } {
  try {
    return { values: { ...read().values } };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const ARGS = [
  '--client', 'cursor', 'all', 'cursor,vscode', '--client=windsurf', '--client=', '--yes', '-y', '-h', '--help', '--json', '--url',
  'https://mcp.intercom.com/mcp', '--url=-x', '--url=', '-', '--', '-yh', '-hy', '-x', '-Y', '--bogus', '--no-check', '--dry-run',
  '--dry-run=true', '--yes=', 'foo', '--timeout', '5000', '-5', '--name', '-intercom', '--CLIENT', '=', '--=', '---x', '--all',
  '--force', '--offline', '--fix', '--login', '--native', '--scope', 'user', '--region=eu', '--transport', 'http', '--token-env',
  'TOKEN', '--__proto__', '--constructor', '-_', '--h', '--y',
];

describe('readArgv', () => {
  it('gives what node:util parseArgs gives (values or error) on generated argv, for every command', () => {
    const commands = Object.keys(COMMAND_OPTIONS) as Array<keyof typeof COMMAND_OPTIONS>;
    let agreedOnValues = 0;
    fc.assert(
      fc.property(fc.constantFrom(...commands), fc.array(fc.constantFrom(...ARGS), { maxLength: 6 }), (command, argv) => {
        const options = optionsOf(command);
        const ours = outcome(() => readArgv(argv, options));
        const node = outcome(() => parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
        expect(ours).toEqual(node);
        if ('values' in ours) agreedOnValues++;
      }),
      { seed: SEED, numRuns: 5000 },
    );
    expect(agreedOnValues).toBeGreaterThan(500);
  });

  it('parseOptions reads through it: values of each kind, and parseArgs\'s errors where it hands over', () => {
    const options = parseOptions('setup', ['--client', 'cursor', '-y', '--client=vscode', '--name=x', '--no-check']);
    expect(options.clients).toEqual(['cursor', 'vscode']);
    expect(options.yes).toBe(true);
    expect(options.name).toBe('x');
    expect(options.check).toBe(false);
    expect(() => parseOptions('setup', ['--url'])).toThrow("Option '--url <value>' argument missing");
    expect(() => parseOptions('setup', ['-yx'])).toThrow("unknown option '-x'");
    expect(() => parseOptions('list', ['--yes'])).toThrow("unknown option '--yes'");
  });
});
