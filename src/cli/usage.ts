/**
 * Usage errors in the program's own words: what was wrong in the argv, the nearest valid word
 * when it looks like a typo, and what to run for the rest. node's parseArgs messages ("Option
 * '--url <value>' argument missing. To specify a positional argument…") never reach a person.
 */
import { CLIENT_IDS } from '../clients/index.js';
import { endpointUrl, isIntercomHost, REGION_ORIGINS, type Region } from '../core/endpoint.js';
import { command } from '../core/invocation.js';
import { nearest } from '../core/suggest.js';
import { COMMAND_NAMES, type CommandName } from '../core/options.js';
import { COMMAND_OPTIONS, OPTION_SPECS, type OptionName } from './option-specs.js';

const EXAMPLES: Partial<Record<OptionName, string>> = {
  client: 'cursor',
  scope: 'user',
  transport: 'http',
  region: 'eu',
  url: 'https://mcp.intercom.com/mcp',
  name: 'intercom',
  timeout: '5000',
  'token-env': 'INTERCOM_TOKEN',
};

function commandsTaking(name: string): CommandName[] {
  return (Object.keys(COMMAND_OPTIONS) as CommandName[]).filter((each) => (COMMAND_OPTIONS[each] as readonly string[]).includes(name));
}

function seeHelp(commandName: CommandName): string {
  return `see: ${command(`${commandName === 'setup' ? '' : `${commandName} `}--help`)}`;
}

function unknownOption(commandName: CommandName, typed: string): string {
  const allowed = COMMAND_OPTIONS[commandName] as readonly OptionName[];
  const name = typed.replace(/^-+/, '').replace(/=.*$/, '');
  if (typed.startsWith('--')) {
    const elsewhere = commandsTaking(name);
    if (elsewhere.length > 0) return `unknown option '--${name}' for ${commandName}: it is an option of ${elsewhere.join(', ')} (${seeHelp(commandName)})`;
    const guess = nearest(name, allowed);
    if (guess) return `unknown option '--${name}': did you mean '--${guess}'?`;
  } else {
    const letter = typed.slice(1, 2);
    const guess = allowed.find((option) => (OPTION_SPECS[option] as { short?: string }).short === letter.toLowerCase());
    if (guess) return `unknown option '-${letter}': did you mean '-${letter.toLowerCase()}' (--${guess})?`;
  }
  return `unknown option '${typed.replace(/=.*$/, '')}' (${seeHelp(commandName)})`;
}

/**
 * What is wrong with an argv that parseArgs refused, found by walking it the same way: an
 * unknown option (with the nearest one), an option without its value, a value given to a flag,
 * or an argument that is not an option (with `--client X` when X is a client).
 */
export function argvProblem(commandName: CommandName, argv: readonly string[]): string {
  const allowed = COMMAND_OPTIONS[commandName] as readonly OptionName[];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return `unexpected "--": ${commandName} takes options only (${seeHelp(commandName)})`;
    if (arg.startsWith('--')) {
      const equals = arg.indexOf('=');
      const name = (equals === -1 ? arg.slice(2) : arg.slice(2, equals)) as OptionName;
      if (!allowed.includes(name)) return unknownOption(commandName, arg);
      const spec = OPTION_SPECS[name];
      if (spec.type === 'boolean') {
        if (equals !== -1) return `--${name} takes no value (got "${arg}")`;
        continue;
      }
      if (equals !== -1) continue;
      const next = argv[i + 1];
      if (next === undefined || (next.length > 1 && next.startsWith('-'))) {
        return `--${name} needs a value, e.g. --${name} ${EXAMPLES[name] ?? 'VALUE'}${next === undefined ? '' : ` (got the option ${next} instead)`}`;
      }
      i++;
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (const letter of arg.slice(1)) {
        const known = allowed.find((option) => (OPTION_SPECS[option] as { short?: string }).short === letter);
        if (!known) return unknownOption(commandName, `-${letter}`);
      }
      continue;
    }
    const client = CLIENT_IDS.find((id) => id === arg.toLowerCase());
    // The first word of a setup argv is where a command goes: that is what was meant.
    if (i === 0 && commandName === 'setup') {
      return `unknown command "${arg}": ${client ? `did you mean --client ${client}? ` : ''}commands are ${COMMAND_NAMES.join(', ')}, help`;
    }
    if (client && allowed.includes('client')) return `unexpected argument "${arg}": did you mean --client ${client}?`;
    return `unexpected argument "${arg}": ${commandName} takes options only (${seeHelp(commandName)})`;
  }
  return `the arguments could not be read (${seeHelp(commandName)})`;
}

/** A --client value that names no client: the nearest id when it looks like a typo. */
export function unknownClient(id: string): string {
  const guess = nearest(id, CLIENT_IDS);
  return `unknown client "${id}": ${guess ? `did you mean ${guess}? Valid` : 'valid'} clients are ${CLIENT_IDS.join(', ')}, or all`;
}

function regionOfOrigin(origin: string): Region | undefined {
  return (Object.keys(REGION_ORIGINS) as Region[]).find((region) => REGION_ORIGINS[region] === origin);
}

/**
 * An Intercom --url that cannot work: an Intercom host without the /sse or /mcp path (refused
 * with the two valid URLs), or one whose region contradicts --region.
 */
export function intercomUrlProblem(url: string, region: Region | undefined): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!isIntercomHost(parsed.hostname)) return undefined;
  const urlRegion = regionOfOrigin(parsed.origin);
  const path = parsed.pathname.replace(/\/+$/, '');
  if (path !== '/sse' && path !== '/mcp') {
    const base = urlRegion ?? 'us';
    return `--url ${url} is not an endpoint of Intercom's MCP server: use ${endpointUrl(base, 'http')} (Streamable HTTP) or ${endpointUrl(base, 'sse')} (SSE)`;
  }
  if (region && urlRegion && region !== urlRegion) {
    const other = endpointUrl(region, path === '/mcp' ? 'http' : 'sse');
    return `--region ${region} contradicts --url ${url}, ${urlRegion === 'eu' ? 'an EU' : 'a US'} endpoint: give one of them (the ${region.toUpperCase()} endpoint is ${other})`;
  }
  return undefined;
}
