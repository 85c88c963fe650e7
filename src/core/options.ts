import type { Region, Transport } from './endpoint.js';

/** The commands, in the order --help lists them; a first argument that is none of them is setup's. */
export const COMMAND_NAMES = ['setup', 'list', 'remove', 'undo', 'doctor', 'reset-auth', 'login', 'link'] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

/** What every command receives: the argv, validated (src/cli/options.ts), with defaults applied. */
export interface Options {
  command: CommandName;
  /** Client ids as given (commas split, `all` kept as is), empty when none was given. */
  clients: string[];
  scope: 'user' | 'project';
  /** Whether --scope was given (the wizard then does not ask where the entry goes). */
  scopeGiven: boolean;
  transport: Transport;
  /** Whether --transport was given (doctor and reset-auth then look at that endpoint only). */
  transportGiven: boolean;
  region: Region;
  /** The endpoint to write or check: --url, else the region and transport's URL. */
  url: string;
  urlGiven: boolean;
  regionGiven: boolean;
  name: string;
  native: boolean;
  dryRun: boolean;
  yes: boolean;
  json: boolean;
  check: boolean;
  timeoutMs: number;
  /** Whether --timeout was given (login waits 2 minutes by default, the network checks 5 s). */
  timeoutGiven: boolean;
  offline: boolean;
  fix: boolean;
  all: boolean;
  force: boolean;
  /** The environment variable that holds an Intercom access token, for token sign-in. */
  tokenEnv?: string;
  /** Sign in right after writing bridge entries (setup without a TTY). */
  login: boolean;
  help: boolean;
}
