import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CLIENT_IDS } from '../clients/index.js';
import { checkEndpointUrl, endpointUrl, INTERCOM_STANDARD_URLS, normalizeEndpointUrl, transportOfUrl, type Transport } from '../core/endpoint.js';
import { UsageError } from '../core/errors.js';
import type { GivenValues } from './option-schemas.js';
import { COMMAND_OPTIONS, OPTION_SPECS, type OptionName } from './option-specs.js';
import type { CommandName, Options } from '../core/options.js';

type OptionSpec = NonNullable<ParseArgsConfig['options']>[string];
type ArgvValues = Record<string, string | boolean | Array<string | boolean> | undefined>;

/**
 * node:util's parseArgs for the usual argv only: `--name`, `--name value`, `--name=value` and a
 * one-letter `-y`, each a known option. Anything else (a short group, `--`, a positional, a value
 * that looks like an option, an unknown name) goes to parseArgs itself, which gives its own
 * answer or error. Why: parseArgs is a part of node:util that loads on first use, which every run
 * would pay (the A/B of two builds is in docs/performance.md). test/unit/options-argv.test.ts
 * checks both agree on generated argv.
 */
export function readArgv(argv: readonly string[], options: Readonly<Record<string, OptionSpec>>): { values: ArgvValues } {
  const values: ArgvValues = {};
  const parsedByNode = () => parseArgs({ args: [...argv], options, strict: true, allowPositionals: false });
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    let name: string | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const equals = arg.indexOf('=');
      name = equals === -1 ? arg.slice(2) : arg.slice(2, equals);
      inline = equals === -1 ? undefined : arg.slice(equals + 1);
    } else if (arg.length === 2 && arg[0] === '-') {
      name = Object.keys(options).find((key) => options[key]!.short === arg[1]);
    }
    const spec = name !== undefined && Object.hasOwn(options, name) ? options[name] : undefined;
    if (name === undefined || !spec) return parsedByNode();
    let value: string | boolean;
    if (spec.type === 'boolean') {
      if (inline !== undefined) return parsedByNode();
      value = true;
    } else if (inline !== undefined) {
      value = inline;
    } else {
      const next = argv[i + 1];
      if (next === undefined || (next.length > 1 && next.startsWith('-'))) return parsedByNode();
      value = next;
      i++;
    }
    if (spec.multiple) ((values[name] ??= []) as Array<string | boolean>).push(value);
    else values[name] = value;
  }
  return { values };
}

/** The ids of --client, split at commas; matched case-insensitively (`Cursor` is cursor). */
async function splitClients(values: string[] | undefined): Promise<string[]> {
  const ids = (values ?? [])
    .flatMap((value) => value.split(','))
    .map((id) => id.trim().toLowerCase())
    .filter(Boolean);
  for (const id of ids) {
    if (id !== 'all' && !CLIENT_IDS.includes(id)) throw new UsageError((await import('./usage.js')).unknownClient(id));
  }
  return [...new Set(ids)];
}

/**
 * Options whose value the argv reader already types completely: the flags (true) and --client (a
 * list of strings, whose ids splitClients checks). Their zod schemas are that type and nothing
 * more, so an argv of only these is not handed to zod, whose load and cold parser a setup would
 * otherwise pay (docs/performance.md). test/unit/options-argv.test.ts checks that the schemas
 * accept these values and return them unchanged, which is what makes skipping zod give the same
 * Options.
 */
export function typedByArgv(name: OptionName): boolean {
  return OPTION_SPECS[name].type === 'boolean' || name === 'client';
}

export async function parseOptions(command: CommandName, argv: string[]): Promise<Options> {
  const allowed = COMMAND_OPTIONS[command] as readonly OptionName[];
  const options = Object.fromEntries(allowed.map((name) => [name, OPTION_SPECS[name]]));
  let parsed;
  try {
    parsed = readArgv(argv, options);
  } catch {
    // parseArgs's own text is not for people: the argv is walked again to say what is wrong.
    throw new UsageError((await import('./usage.js')).argvProblem(command, argv));
  }
  // In the order of OPTION_SPECS, so the first problem reported does not depend on the argv order.
  const given = (Object.keys(OPTION_SPECS) as OptionName[]).filter((name) => parsed.values[name] !== undefined);
  const values = given.every(typedByArgv)
    ? (parsed.values as GivenValues)
    : await import('./option-schemas.js').then(({ validateOptions }) => validateOptions(given, parsed.values));
  // The URL written is the one a parser reads back (new URL(raw).href), once it passed the checks.
  let url: string | undefined;
  if (values.url !== undefined) {
    const verdict = checkEndpointUrl(values.url);
    if (!verdict.ok) throw new UsageError(`--url is not usable: ${verdict.error}`);
    url = normalizeEndpointUrl(values.url);
    // Intercom's own four URLs need no more checks unless a --region may contradict them.
    if (!INTERCOM_STANDARD_URLS.includes(url) || values.region) {
      const problem = (await import('./usage.js')).intercomUrlProblem(values.url, values.region);
      if (problem) throw new UsageError(problem);
    }
  }
  const transport: Transport = values.transport ?? (url ? transportOfUrl(url) : 'sse');
  const region = values.region ?? 'us';
  return {
    command,
    clients: await splitClients(values.client),
    scope: values.scope ?? 'user',
    scopeGiven: values.scope !== undefined,
    transport,
    transportGiven: values.transport !== undefined,
    region,
    url: url ?? endpointUrl(region, transport),
    urlGiven: values.url !== undefined,
    regionGiven: parsed.values.region !== undefined,
    name: values.name ?? 'intercom',
    native: values.native ?? false,
    dryRun: values['dry-run'] ?? false,
    yes: values.yes ?? false,
    json: values.json ?? false,
    check: !values['no-check'],
    timeoutMs: values.timeout ?? 5000,
    timeoutGiven: values.timeout !== undefined,
    offline: values.offline ?? false,
    fix: values.fix ?? false,
    all: values.all ?? false,
    force: values.force ?? false,
    tokenEnv: values['token-env'],
    login: values.login ?? false,
    help: values.help ?? false,
  };
}
