import { describe, expect, it } from 'vitest';
import { HELP } from '../../src/cli/help.js';
import { CLIENT_IDS } from '../../src/clients/index.js';

// help.ts imports nothing (so that --help starts as fast as bare node): its client list is
// written out, and this keeps it whole.
describe('help knows every client', () => {
  it.each(['main', 'setup', 'remove'])('%s lists every client id', (topic) => {
    const text = HELP[topic]!;
    for (const id of CLIENT_IDS) expect(text, id).toMatch(new RegExp(`(^|[\\s,])${id.replace(/-/g, '\\-')}(,|\\s|$)`, 'm'));
  });
});
