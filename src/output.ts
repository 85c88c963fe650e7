/**
 * The one way text leaves the program: it knows --json, colour and masking, so no command can
 * print a token by accident. Commands build results; this turns them into lines.
 */

export interface Streams {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

const MASK = '****';

/** Replaces credentials with a mask: Bearer tokens, Authorization values, token-like JSON fields. */
export function maskSecrets(text: string, knownSecrets: readonly string[] = []): string {
  let masked = text;
  for (const secret of knownSecrets) {
    if (secret.length >= 4) masked = masked.split(secret).join(MASK);
  }
  return masked
    .replace(/\b(Bearer|Basic)(\s+)(?!\$\{)[A-Za-z0-9\-._~+/]+=*/gi, `$1$2${MASK}`)
    .replace(/(authorization["']?\s*[:=]\s*["']?)(?!\$\{|Bearer\b|Basic\b|\*\*\*\*)[^\s"',}]+/gi, `$1${MASK}`)
    .replace(/("(?:access_token|refresh_token|id_token|client_secret|token)"\s*:\s*")[^"]*(")/gi, `$1${MASK}$2`);
}

export interface Colors {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
}

function ansi(open: number, close: number): (text: string) => string {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

const identity = (text: string) => text;
const PLAIN: Colors = { bold: identity, dim: identity, green: identity, yellow: identity, red: identity, cyan: identity };
const ANSI: Colors = {
  bold: ansi(1, 22),
  dim: ansi(2, 22),
  green: ansi(32, 39),
  yellow: ansi(33, 39),
  red: ansi(31, 39),
  cyan: ansi(36, 39),
};

/** Colour follows the conventions: NO_COLOR wins, FORCE_COLOR forces, otherwise only on a TTY. */
export function useColor(env: Readonly<Record<string, string | undefined>>, isTTY: boolean | undefined): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.TERM === 'dumb') return false;
  return Boolean(isTTY);
}

export class Output {
  readonly colors: Colors;
  private readonly secrets: string[] = [];

  constructor(
    private readonly streams: Streams,
    readonly options: { json: boolean; color: boolean },
  ) {
    this.colors = options.color ? ANSI : PLAIN;
  }

  /** A value that must never be printed (a token read from the environment). */
  addSecret(secret: string): void {
    this.secrets.push(secret);
  }

  mask(text: string): string {
    return maskSecrets(text, this.secrets);
  }

  /** Human-readable lines; sent to stderr in --json mode so stdout stays one JSON object. */
  line(text = ''): void {
    const stream = this.options.json ? this.streams.stderr : this.streams.stdout;
    stream.write(`${this.mask(text)}\n`);
  }

  /** A problem, always on stderr. */
  error(text: string): void {
    this.streams.stderr.write(`${this.mask(text)}\n`);
  }

  json(value: unknown): void {
    this.streams.stdout.write(`${this.mask(JSON.stringify(value, null, 2))}\n`);
  }

  get isTTY(): boolean {
    return Boolean(this.streams.stdout.isTTY);
  }
}
