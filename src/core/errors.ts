/** A mistake in how the tool was called: exit code 2, with what is valid. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

/** A failure the user can act on: exit code 1, one line that says what, where and what to do. */
export class CliError extends Error {
  readonly exitCode = 1;
}

/** The user cancelled a prompt (Ctrl-C): exit code 130. */
export class CancelledError extends Error {
  readonly exitCode = 130;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
