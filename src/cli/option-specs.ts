import type { ParseArgsConfig } from 'node:util';
import type { CommandName } from '../core/options.js';

/** Every option any command takes, as node:util parseArgs reads it. */
export const OPTION_SPECS = {
  client: { type: 'string', multiple: true },
  scope: { type: 'string' },
  transport: { type: 'string' },
  region: { type: 'string' },
  url: { type: 'string' },
  name: { type: 'string' },
  native: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  json: { type: 'boolean' },
  'no-check': { type: 'boolean' },
  timeout: { type: 'string' },
  offline: { type: 'boolean' },
  fix: { type: 'boolean' },
  all: { type: 'boolean' },
  force: { type: 'boolean' },
  'token-env': { type: 'string' },
  login: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export type OptionName = keyof typeof OPTION_SPECS;

/** Which options each command accepts; anything else is a usage error. */
export const COMMAND_OPTIONS = {
  setup: ['client', 'scope', 'transport', 'region', 'url', 'name', 'native', 'dry-run', 'yes', 'json', 'no-check', 'timeout', 'token-env', 'login', 'help'],
  list: ['client', 'scope', 'transport', 'region', 'url', 'name', 'json', 'help'],
  remove: ['client', 'scope', 'name', 'url', 'dry-run', 'yes', 'json', 'help'],
  undo: ['dry-run', 'yes', 'json', 'help'],
  doctor: ['client', 'scope', 'transport', 'region', 'url', 'name', 'timeout', 'offline', 'json', 'fix', 'yes', 'token-env', 'help'],
  'reset-auth': ['url', 'dry-run', 'yes', 'json', 'all', 'force', 'help'],
  login: ['transport', 'region', 'url', 'timeout', 'json', 'help'],
  link: ['client', 'transport', 'region', 'url', 'name', 'native', 'token-env', 'json', 'help'],
} as const satisfies Record<CommandName, readonly OptionName[]>;
