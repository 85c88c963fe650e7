/**
 * readArgv (src/cli/options.ts) reads the usual argv itself and hands the rest to node:util's
 * parseArgs: on generated argv, for every command's options, it must give what parseArgs gives
 * (the same values, or the same error). The seed is fixed when CI is set; FC_SEED=<seed> repeats one.
 */
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { OPTION_SCHEMAS, validateOptions } from '../../src/cli/option-schemas.js';
import { parseOptions, readArgv, typedByArgv } from '../../src/cli/options.js';
import { COMMAND_OPTIONS, OPTION_SPECS, type OptionName } from '../../src/cli/option-specs.js';
import { propertySeed } from '../helpers/property-seed.js';

const SEED = propertySeed(20_261_125);

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
  '--client',
  'cursor',
  'all',
  'cursor,vscode',
  '--client=windsurf',
  '--client=',
  '--yes',
  '-y',
  '-h',
  '--help',
  '--json',
  '--url',
  'https://mcp.intercom.com/mcp',
  '--url=-x',
  '--url=',
  '-',
  '--',
  '-yh',
  '-hy',
  '-x',
  '-Y',
  '--bogus',
  '--no-check',
  '--dry-run',
  '--dry-run=true',
  '--yes=',
  'foo',
  '--timeout',
  '5000',
  '-5',
  '--name',
  '-intercom',
  '--CLIENT',
  '=',
  '--=',
  '---x',
  '--all',
  '--force',
  '--offline',
  '--fix',
  '--login',
  '--native',
  '--scope',
  'user',
  '--region=eu',
  '--transport',
  'http',
  '--token-env',
  'TOKEN',
  '--__proto__',
  '--constructor',
  '-_',
  '--h',
  '--y',
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

  it("parseOptions reads through it: values of each kind, and parseArgs's errors where it hands over", async () => {
    const options = await parseOptions('setup', ['--client', 'cursor', '-y', '--client=vscode', '--name=x', '--no-check']);
    expect(options.clients).toEqual(['cursor', 'vscode']);
    expect(options.yes).toBe(true);
    expect(options.name).toBe('x');
    expect(options.check).toBe(false);
    await expect(parseOptions('setup', ['--url'])).rejects.toThrow('--url needs a value, e.g. --url https://mcp.intercom.com/mcp');
    await expect(parseOptions('setup', ['-yx'])).rejects.toThrow("unknown option '-x'");
    await expect(parseOptions('list', ['--yes'])).rejects.toThrow("unknown option '--yes'");
    await expect(parseOptions('setup', ['--client', 'cursor', '--scope', 'team'])).rejects.toThrow('--scope must be one of user, project (got "team")');
  });
});

describe('options the argv reader types itself (not handed to zod)', () => {
  const typed = (Object.keys(OPTION_SPECS) as OptionName[]).filter(typedByArgv);

  it('are the flags and --client, whose zod schemas accept what the reader gives, unchanged', () => {
    expect(typed.filter((name) => OPTION_SPECS[name].type !== 'boolean')).toEqual(['client']);
    expect(typed).not.toContain('url');
    fc.assert(
      fc.property(fc.constantFrom(...typed), fc.array(fc.string(), { minLength: 1, maxLength: 4 }), (name, strings) => {
        const value = OPTION_SPECS[name].type === 'boolean' ? true : strings;
        const result = OPTION_SCHEMAS[name]().safeParse(value);
        expect(result.success).toBe(true);
        expect(result.data).toEqual(value);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('give parseOptions the values zod would give, on generated argv of every command', async () => {
    const commands = Object.keys(COMMAND_OPTIONS) as Array<keyof typeof COMMAND_OPTIONS>;
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...commands), fc.array(fc.constantFrom(...ARGS), { maxLength: 6 }), async (command, argv) => {
        const read = outcome(() => readArgv(argv, optionsOf(command)));
        if (!('values' in read)) return;
        const given = (Object.keys(OPTION_SPECS) as OptionName[]).filter((name) => read.values[name] !== undefined);
        if (!given.every(typedByArgv)) return;
        compared++;
        expect(validateOptions(given, read.values)).toEqual(read.values);
        const parsed = await parseOptions(command, argv).catch((error: Error) => error);
        if (parsed instanceof Error) expect(parsed.message).toMatch(/^unknown client/);
        else expect(parsed.yes).toBe(read.values.yes === true);
      }),
      { seed: SEED, numRuns: 3000 },
    );
    expect(compared).toBeGreaterThan(300);
  });
});
