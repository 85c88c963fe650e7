import { describe, expect, it } from 'vitest';
import { mayHoldTokenShape, maskTokenShapes } from '../../src/core/token-shapes.js';
import { maskSecrets } from '../../src/ui/output.js';

// Shapes of real credentials, made up for this test.
const GITHUB = 'ghp_0123456789abcdefghijklmnopqrstuvwxyz0123';

describe('credentials recognised by their shape', () => {
  it.each([
    ['a GitHub token typed as a command', `unknown command "${GITHUB}": commands are`, 'unknown command "ghp_****": commands are'],
    ['a fine-grained GitHub token', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', 'github_pat_****'],
    ['a GitLab token', 'glpat-abcdEFGH1234ijklMNOP', 'glpat-****'],
    ['a Slack token', 'xoxb-123456789012-abcdefghijklmnop', 'xoxb-****'],
    ['an OpenAI project key', 'key sk-proj-AbC123456789012345678901234 end', 'key sk-proj-**** end'],
    ['an Anthropic key', 'sk-ant-api03-abcDEF1234567890abcdef', 'sk-ant-****'],
    ['a Stripe secret key', 'sk_live_51Habcdefghijklmnop', 'sk_live_****'],
    ['a Linear key', 'Bearer-less lin_api_abcdefghijklmnop0123', 'Bearer-less lin_api_****'],
    ['an npm token', 'npm_abcdefghijklmnopqrstuvwxyz0123456789', 'npm_****'],
    ['an AWS access key id', 'AKIAIOSFODNN7EXAMPLE', 'AKIA****'],
    ['a Google API key', 'AIzaSyA-abcdefghijklmnopqrstuvwxyz01234', 'AIza****'],
    ['an Intercom access token', 'tok dG9rOjEyMzQ1Njc4OWFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6MTIzNDU2Nzg5MA== ok', 'tok dG9rO**** ok'],
    ['a JWT', 'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U.', 'jwt eyJ****.'],
  ])('masks %s, keeping the prefix that says what it was', (_label, text, masked) => {
    expect(maskTokenShapes(text)).toBe(masked);
    expect(maskSecrets(text)).toBe(masked);
  });

  it.each([
    ['hyphenated words after sk-', 'pip install sk-learn-and-friends-together'],
    ['a folder named like a prefix, in a path', '~/.config/sk-tool-Settings-v2000000000/x'],
    ['a word that contains a prefix', 'mask-ghp_0123456789abcdefghijklmn'],
    ['a short tail', 'ghp_short'],
    ['ordinary words', 'through the right high road'],
  ])('leaves %s alone', (_label, text) => {
    expect(maskTokenShapes(text)).toBe(text);
  });

  it('skips text that has none of the prefixes without a regex', () => {
    expect(mayHoldTokenShape('✓ Claude Desktop   created             ~/.config/Claude/claude_desktop_config.json')).toBe(false);
  });
});
