import { describe, expect, it } from 'vitest';
import { failed } from '../../src/cli/run.js';
import { CancelledError, CliError, errorCode, UsageError } from '../../src/core/errors.js';
import { currentPlatform, HomeError } from '../../src/core/platform.js';
import { CacheBaseError } from '../../src/auth/auth-cache.js';
import { Output } from '../../src/ui/output.js';

function capture() {
  const written = { stdout: '', stderr: '' };
  const out = new Output(
    { stdout: { write: (text: string) => (written.stdout += text) }, stderr: { write: (text: string) => (written.stderr += text) } },
    { json: false, color: false },
  );
  return { out, written };
}

function homeError(): unknown {
  try {
    currentPlatform({ HOME: 'relative/home' });
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('one error path: an error ends the run with its own exit code', () => {
  it.each([
    ['UsageError', new UsageError('--timeout is a whole number'), 2, 'intercom-mcp-setup: --timeout is a whole number\n'],
    [
      'CliError',
      new CliError('could not write ~/.cursor/mcp.json: permission denied'),
      1,
      'intercom-mcp-setup: could not write ~/.cursor/mcp.json: permission denied\n',
    ],
    ['CacheBaseError (a CliError)', new CacheBaseError('MCP_REMOTE_CONFIG_DIR is /', 'root', '/'), 1, 'intercom-mcp-setup: MCP_REMOTE_CONFIG_DIR is /\n'],
    ['HomeError', homeError(), 1, 'intercom-mcp-setup: HOME is not an absolute path ("relative/home"): set HOME to your home folder and run again.\n'],
    // Said already where the user was asked (the prompt's cancel line): no line of its own.
    ['CancelledError', new CancelledError(), 130, ''],
    // Nobody expected it: its message, exit 1.
    ['an unexpected Error', new Error('boom'), 1, 'intercom-mcp-setup: boom\n'],
    ['a thrown string', 'odd', 1, 'intercom-mcp-setup: odd\n'],
  ])('%s', (_name, error, code, stderr) => {
    expect(error).toBeDefined();
    const { out, written } = capture();
    expect(failed(out, error)).toBe(code);
    expect(written.stderr).toBe(stderr);
    expect(written.stdout).toBe('');
  });

  it('HomeError carries exit code 1 like every CliError', () => {
    const error = homeError();
    expect(error).toBeInstanceOf(HomeError);
    expect(error).toBeInstanceOf(CliError);
    expect((error as HomeError).exitCode).toBe(1);
  });

  it('masks a secret in the line, as every output', () => {
    const { out, written } = capture();
    failed(out, new CliError('request failed: Authorization: Bearer lin_api_abc123def456'));
    expect(written.stderr).toBe('intercom-mcp-setup: request failed: Authorization: Bearer ****\n');
  });
});

describe('errorCode (the one definition)', () => {
  it("reads an error's code, else its cause's, else nothing", () => {
    expect(errorCode(Object.assign(new Error('gone'), { code: 'ENOENT' }))).toBe('ENOENT');
    expect(errorCode(new Error('fetch failed', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) }))).toBe('ECONNRESET');
    expect(errorCode(new Error('wrapped twice', { cause: new Error('once', { cause: { code: 'CERT_HAS_EXPIRED' } }) }))).toBe('CERT_HAS_EXPIRED');
    expect(errorCode(Object.assign(new Error('numeric'), { code: 5 }))).toBeUndefined();
    expect(errorCode(new Error('plain'))).toBeUndefined();
    expect(errorCode(null)).toBeUndefined();
    expect(errorCode('ENOENT')).toBeUndefined();
  });
});
