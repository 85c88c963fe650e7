import { describe, expect, it } from 'vitest';
import { cacheProfileOf, splitCommand } from '../../src/cli/command-names.js';

describe('cacheProfileOf', () => {
  it.each([
    [[], 'setup+wizard'],
    [['--client', 'cursor'], 'setup'],
    [['--client=cursor', '--no-check'], 'setup'],
    [['--yes'], 'setup'],
    [['-y', '--dry-run'], 'setup+dry-run'],
    [['setup', '--client', 'all', '--json'], 'setup+json'],
    [['--client', 'all', '--dry-run', '--json'], 'setup+dry-run+json'],
    [['doctor', '--offline', '--json'], 'doctor+json'],
    [['list'], 'list'],
    [['reset-auth', '--dry-run'], 'reset-auth+dry-run'],
  ])('%j → %s', (argv, profile) => {
    expect(cacheProfileOf(argv)).toBe(profile);
    // Always the command's own folder first: a profile never mixes two commands' code.
    expect(profile.startsWith(splitCommand(argv).command)).toBe(true);
  });
});
