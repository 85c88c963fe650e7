/**
 * The one way text leaves the program: it knows --json, colour and masking, so no command can
 * print a token by accident. Commands build results; this turns them into lines.
 */

import { mayHoldTokenShape, maskTokenShapes } from '../core/token-shapes.js';
import { widthOf, wrapText } from './wrap.js';

export interface Streams {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
}

const MASK = '****';

/** Key names whose values are credentials: tokens, keys, secrets, passwords, cookies, auth headers. */
const SENSITIVE_NAME =
  /(?:^|[-_.]|[a-z](?=[A-Z]))(?:access[-_]?token|refresh[-_]?token|id[-_]?token|token|api[-_]?key|apikey|secret|client[-_]?secret|password|passwd|cookie|authorization|proxy[-_]?authorization|x[-_]?api[-_]?key|private[-_]?key|credentials?)(?:$|[-_.])|^(?:token|secret|password|cookie|authorization|api[-_]?key|apikey|accessToken|refreshToken|apiKey|clientSecret)$/i;
/** Names that hold the NAME of a variable, not its value (Codex's bearer_token_env_var, --token-env). */
const VARIABLE_NAME_KEY = /(?:env[-_]?var|EnvVar|_env|tokenEnv)$/;

/** Every credential-like name contains one of these; most names (url, command, args) are ruled out cheaply. */
const SENSITIVE_HINTS = ['token', 'key', 'secret', 'passw', 'cookie', 'authoriz', 'credential'];

function isSensitiveName(name: string): boolean {
  const lower = name.toLowerCase();
  if (!SENSITIVE_HINTS.some((hint) => lower.includes(hint))) return false;
  return SENSITIVE_NAME.test(name) && !VARIABLE_NAME_KEY.test(name);
}

/** `${VAR}`, `${env:VAR}`, `${input:id}`: placeholders, not secrets. */
const isPlaceholder = (value: string) => /^\$\{[^}]+\}$/.test(value.trim()) || value === MASK;

/**
 * Replaces credentials with a mask, wherever they appear: Authorization-style values (any scheme),
 * Bearer/Basic tokens, JSON string values under credential-like keys (headers, env blocks, OAuth
 * fields, camelCase or not), credential-like URL query parameters, and the known secrets given.
 * Placeholders such as `${AUTH_HEADER}` stay readable.
 */
export function maskSecrets(text: string, knownSecrets: readonly string[] = []): string {
  let masked = text;
  for (const secret of knownSecrets) masked = maskKnownSecret(masked, secret);
  for (const rule of MASK_RULES) {
    if (rule.mayMatch(masked)) masked = rule.mask(masked);
  }
  return masked;
}

/** Runs this long of a known secret (or of one of its encodings) are masked wherever they appear. */
const SECRET_RUN = 8;

interface KnownSecret {
  /** The secret and its encodings, each as a whole (what is masked when it is shorter than a run). */
  forms: string[];
  /** Every run of SECRET_RUN characters of every form. */
  runs: Set<string>;
}

const knownSecretCache = new Map<string, KnownSecret>();

/**
 * The ways a secret can come back in a server's text or an error: as it is, URL-encoded,
 * JSON-escaped, in base64 (standard and URL-safe, at each of the three alignments it can have
 * inside a longer encoded text, such as `Basic` credentials or `Bearer <token>`), and reversed.
 */
function knownSecret(secret: string): KnownSecret {
  const cached = knownSecretCache.get(secret);
  if (cached) return cached;
  const forms = new Set<string>([secret, [...secret].reverse().join('')]);
  forms.add(encodeURIComponent(secret));
  forms.add(encodeURIComponent(secret).toLowerCase());
  forms.add(JSON.stringify(secret).slice(1, -1));
  const bytes = Buffer.from(secret, 'utf8');
  for (let shift = 0; shift < 3; shift++) {
    const shifted = Buffer.concat([Buffer.alloc(shift), bytes]);
    for (const encoding of ['base64', 'base64url'] as const) {
      const encoded = shifted.toString(encoding).replace(/=+$/, '');
      // The first group mixes in the bytes before the secret, the last one what follows it.
      const inner = encoded.slice(shift === 0 ? 0 : 4, Math.max(0, encoded.length - (encoded.length % 4 === 0 ? 0 : encoded.length % 4)));
      if (inner.length >= SECRET_RUN) forms.add(inner);
      if (shift === 0) forms.add(encoded);
    }
  }
  const runs = new Set<string>();
  for (const form of forms) for (let i = 0; i + SECRET_RUN <= form.length; i++) runs.add(form.slice(i, i + SECRET_RUN));
  const known = { forms: [...forms], runs };
  knownSecretCache.set(secret, known);
  return known;
}

/**
 * Masks a secret the program holds (Output.addSecret): every encoding of it, and any run of
 * SECRET_RUN or more characters of one of them, so a server that echoes the token cut, reversed
 * or encoded does not get it printed. A secret shorter than a run is masked whole (4 characters
 * at least: shorter ones would mask ordinary words).
 */
function maskKnownSecret(text: string, secret: string): string {
  if (secret.length < 4) return text;
  if (secret.length < SECRET_RUN) return text.split(secret).join(MASK);
  const { forms, runs } = knownSecret(secret);
  let out = text;
  for (const form of forms) if (form.length < SECRET_RUN && form.length >= 4) out = out.split(form).join(MASK);
  if (out.length < SECRET_RUN) return out;
  // Mark every character covered by a run, then replace each covered stretch with one mask.
  let result = '';
  let copiedTo = 0;
  let coveredTo = -1;
  let stretchStart = -1;
  for (let i = 0; i + SECRET_RUN <= out.length; i++) {
    if (!runs.has(out.slice(i, i + SECRET_RUN))) continue;
    if (i > coveredTo) {
      if (stretchStart !== -1) {
        result += out.slice(copiedTo, stretchStart) + MASK;
        copiedTo = coveredTo;
      }
      stretchStart = i;
    }
    coveredTo = i + SECRET_RUN;
  }
  if (stretchStart === -1) return out;
  return result + out.slice(copiedTo, stretchStart) + MASK + out.slice(coveredTo);
}

/**
 * The pattern rules of maskSecrets. Each runs only on text that has what its pattern cannot match
 * without (`mayMatch`): most lines have none of it, and each regex costs its compile on first use
 * (about a millisecond for these four). The /i patterns match only ASCII letters in their names,
 * which lower-case to what mayMatch looks for.
 */
export const MASK_RULES: ReadonlyArray<{ mayMatch(text: string): boolean; mask(text: string): string }> = [
  {
    // JSON pairs: "Some-Token-Name": "value" (the value may start on the next line).
    mayMatch: (text) => text.includes('"'),
    mask: (text) =>
      text.replace(/"([^"\\\n]{1,80})"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g, (pair, name: string, colon: string, value: string) => {
        if (!isSensitiveName(name) || isPlaceholder(value)) return pair;
        const scheme = /^(Bearer|Basic|Token|Digest|ApiKey|Negotiate)(\s+|\\t)/i.exec(value);
        if (scheme) return isPlaceholder(value.slice(scheme[0].length)) ? pair : `"${name}"${colon}"${scheme[1]} ${MASK}"`;
        return `"${name}"${colon}"${MASK}"`;
      }),
  },
  {
    // Header-style text: Authorization: Token abc, Authorization:Bearer abc, X-Api-Key=abc.
    mayMatch: (text) => {
      const lower = text.toLowerCase();
      return lower.includes('authorization') || lower.includes('api') || lower.includes('cookie');
    },
    mask: (text) =>
      text.replace(
        /\b((?:proxy-)?authorization|x-api-key|api[-_]?key|cookie)(\s*[:=]\s*)(?!\$\{|\*\*\*\*)((?:Bearer|Basic|Token|Digest|ApiKey|Negotiate)(?:\s+|\\t))?([^\s"',}]+)/gi,
        (whole, name: string, sep: string, scheme: string | undefined, value: string) =>
          isPlaceholder(value) ? whole : `${name}${sep}${scheme ? `${scheme.trim().replace(/\\t$/, '')} ` : ''}${MASK}`,
      ),
  },
  {
    // A bare Bearer/Basic token anywhere else.
    mayMatch: (text) => text.includes('Bearer') || text.includes('Basic'),
    mask: (text) => text.replace(/\b(Bearer|Basic)(\s+|\\t)(?!\$\{|\*\*\*\*)[^\s"',}]+/g, `$1 ${MASK}`),
  },
  {
    // Credential-like URL query parameters.
    mayMatch: (text) => text.includes('=') && (text.includes('?') || text.includes('&')),
    mask: (text) =>
      text.replace(/([?&](?:access_token|refresh_token|id_token|token|api_key|apikey|key|secret|client_secret|password|auth|code)=)[^&\s"'#)]+/gi, `$1${MASK}`),
  },
  {
    // A credential given as an argument: `--api-key VALUE`, `--password=VALUE`, and the same as
    // items of a JSON or TOML array (`"--token", "VALUE"`, also with the value on the next line).
    mayMatch: (text) => text.includes('-') && hasSensitiveHint(text.toLowerCase()),
    mask: (text) =>
      text.replace(
        /(^|[\s"'[,(])(--?[A-Za-z][\w.-]*)(=|"\s*,\s*"|'\s*,\s*'|[ \t]+)(?!\$\{|\*\*\*\*|-)([^\s"',\]}]+)/g,
        (whole, before: string, flag: string, sep: string, value: string) =>
          isSensitiveFlag(flag) && !isPlaceholder(value) ? `${before}${flag}${sep}${MASK}` : whole,
      ),
  },
  {
    // The password of a URL's user info: postgres://user:PASSWORD@host, https://user:PASSWORD@host.
    mayMatch: (text) => text.includes('://') && text.includes('@'),
    mask: (text) => text.replace(/(\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s/?#@:"'<>]*:)(?!\*\*\*\*@|\$\{)[^\s/?#@"'<>]+@/g, `$1${MASK}@`),
  },
  {
    // A credential known by its shape wherever it is (`ghp_…` typed as a command): core/token-shapes.ts.
    mayMatch: mayHoldTokenShape,
    mask: (text) => maskTokenShapes(text, MASK),
  },
];

function hasSensitiveHint(lower: string): boolean {
  return SENSITIVE_HINTS.some((hint) => lower.includes(hint));
}

/** `--api-key`, `-token`, `--client-secret`: a flag whose value is a credential (not `--token-env`, `--key-file`). */
function isSensitiveFlag(flag: string): boolean {
  const name = flag.replace(/^-+/, '');
  if (/[-_.](?:env|var|file|path|dir|name|id|type|url|header)$/i.test(name)) return false;
  return isSensitiveName(name);
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

  /**
   * Human-readable lines, word-wrapped to the terminal (80 columns when it is not one); sent to
   * stderr in --json mode so stdout stays one JSON object.
   */
  line(text = ''): void {
    if (this.options.json) this.error(text);
    else this.streams.stdout.write(`${wrapText(this.mask(text), widthOf(this.streams.stdout))}\n`);
  }

  /**
   * A problem, always on stderr, word-wrapped like every line (80 columns, or COLUMNS, when stderr
   * is not a terminal). A command, a URL, a path (`file:line:column`) or any other word is never
   * cut: one wider than the line runs past it, so it can still be copied and searched for whole.
   */
  error(text: string): void {
    const stderr = this.streams.stderr;
    stderr.write(`${wrapText(this.mask(text), widthOf(stderr), { keepPaths: true })}\n`);
  }

  /** The columns lines are wrapped to on stdout. */
  get width(): number {
    return widthOf(this.streams.stdout);
  }

  /**
   * Text as it is (no newline added), masked, where line() writes: the prompts' frames, which
   * carry their own newlines and cursor moves.
   */
  write(text: string): void {
    const stream = this.options.json ? this.streams.stderr : this.streams.stdout;
    stream.write(this.mask(text));
  }

  /** Whether progress is shown: stderr is a terminal and the output is not --json (see ui/spinner.ts). */
  get showsProgress(): boolean {
    return !this.options.json && Boolean(this.streams.stderr.isTTY);
  }

  /** Progress on stderr as it is (no newline), masked: a spinner's frame, which the next one overwrites. */
  progress(text: string): void {
    this.streams.stderr.write(this.mask(text));
  }

  json(value: unknown): void {
    this.streams.stdout.write(`${this.mask(JSON.stringify(value, null, 2))}\n`);
  }

  get isTTY(): boolean {
    return Boolean(this.streams.stdout.isTTY);
  }
}
