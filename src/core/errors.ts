/**
 * The errors a user is meant to see. Each carries its exit code; its message is one line (what,
 * where, what to do). cli/run.ts prints the line and ends the run with the code; any other error
 * that escapes a command is unexpected: its message is printed and the code is 1.
 */
export abstract class UserError extends Error {
  abstract readonly exitCode: number;
}

/** A mistake in how the tool was called: exit code 2, with what is valid. */
export class UsageError extends UserError {
  override readonly exitCode = 2;
}

/** A failure the user can act on: exit code 1, one line that says what, where and what to do. */
export class CliError extends UserError {
  override readonly exitCode = 1;
}

/**
 * The user cancelled (Ctrl-C at a prompt or a sign-in, "no" to a confirmation): exit code 130.
 * Whoever asked has already said so where the user was looking (the prompt's cancel line,
 * login's "Cancelled: …"), so it carries no line of its own.
 */
export class CancelledError extends UserError {
  override readonly exitCode = 130;
  constructor() {
    super('');
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** An error's code (`ENOENT`, `ECONNRESET`, `CERT_HAS_EXPIRED`…), or its cause's when it has none. */
export function errorCode(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === 'string') return code;
  return cause === undefined ? undefined : errorCode(cause);
}
