// zod/mini: the same validation as zod's classic API at a fraction of the bundle and start-up cost.
import * as z from 'zod/mini';
import { UsageError } from '../core/errors.js';
import type { OptionName } from './option-specs.js';

// zod compiles a fast parser for each object schema with new Function() on first use; options are
// parsed once per run, so that compile (out of reach of the code cache) never pays off.
z.config({ jitless: true });

// A leading "_" is allowed (__proto__ and the like work: every lookup by name is an own-property
// one); a leading "-" or "." is not (an option, a hidden file).
const NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;

function oneOf<T extends string>(option: string, values: readonly [T, ...T[]]) {
  return z.enum(values, { error: (issue) => `--${option} must be one of ${values.join(', ')} (got "${String(issue.input)}")` });
}

const FLAG = z.boolean();

/**
 * Each option's schema, built only when the option is given: building them all cost every run
 * time and short-lived objects (zod schemas are objects with many members; docs/performance.md),
 * for the two or three options a run usually has. Defaults are applied in parseOptions.
 */
export const OPTION_SCHEMAS = {
  client: () => z.array(z.string()),
  scope: () => oneOf('scope', ['user', 'project'] as const),
  transport: () => oneOf('transport', ['sse', 'http'] as const),
  region: () => oneOf('region', ['us', 'eu'] as const),
  url: () => z.string(),
  name: () =>
    z.string().check(
      z.regex(NAME_PATTERN, {
        error: '--name must be 1–64 letters, digits, "-", "_" or "." and start with a letter, digit or "_" (no "/", quotes, spaces or control characters)',
      }),
      z.refine((name) => !name.includes('..'), { error: '--name must not contain ".."' }),
    ),
  native: () => FLAG,
  'dry-run': () => FLAG,
  yes: () => FLAG,
  json: () => FLAG,
  'no-check': () => FLAG,
  timeout: () =>
    z.pipe(
      z.string().check(z.regex(/^\d+$/, { error: '--timeout is a whole number of milliseconds, e.g. --timeout 5000' })),
      z.pipe(z.transform(Number), z.number().check(z.refine((ms) => ms >= 100 && ms <= 600_000, { error: '--timeout must be between 100 and 600000 ms' }))),
    ),
  offline: () => FLAG,
  fix: () => FLAG,
  all: () => FLAG,
  force: () => FLAG,
  'token-env': () =>
    z.string().check(
      z.regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, {
        error: '--token-env takes the NAME of an environment variable (letters, digits, _), not the token itself',
      }),
    ),
  login: () => FLAG,
  help: () => FLAG,
} satisfies Record<OptionName, () => z.ZodMiniType>;

/** The options given, validated: each one's value as its schema outputs it. */
export type GivenValues = { [K in OptionName]?: z.output<ReturnType<(typeof OPTION_SCHEMAS)[K]>> };

/**
 * The given options checked against their schemas, in the order of `given`, so the first problem
 * reported does not depend on the argv order. Throws UsageError with that problem's message.
 */
export function validateOptions(given: readonly OptionName[], values: Readonly<Record<string, unknown>>): GivenValues {
  const schema = z.object(Object.fromEntries(given.map((name) => [name, OPTION_SCHEMAS[name]()])));
  const result = schema.safeParse(values);
  if (!result.success) throw new UsageError(result.error.issues[0]?.message ?? 'invalid options');
  return result.data as GivenValues;
}
