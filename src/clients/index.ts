import { claudeAi } from './claude-ai.js';
import { cline } from './cline.js';
import { codex } from './codex.js';
import { claudeCode } from './claude-code.js';
import { claudeDesktop } from './claude-desktop.js';
import { cursor } from './cursor.js';
import { vscode, vscodeInsiders } from './vscode.js';
import { windsurf, windsurfNext } from './windsurf.js';
import { geminiCli } from './gemini-cli.js';
import { kiro } from './kiro.js';
import { lmStudio } from './lm-studio.js';
import { rooCode } from './roo-code.js';
import type { ClientDescriptor, ConfigLocation, Scope } from './types.js';
import { zed } from './zed.js';
import { opencode, kiloCode } from './opencode.js';
import { copilotCli } from './copilot-cli.js';
import { qwenCode } from './qwen-code.js';
import { amp, antigravity, auggie, crush, droid, junie, warp } from './cli-agents.js';
import { devin } from './devin.js';
import { visualStudio } from './visual-studio.js';
import { goose } from './goose.js';
import { continueDev } from './continue.js';
import type { Platform } from '../core/platform.js';

export type { ClientDescriptor, ConfigLocation, Scope } from './types.js';

/** Every client the tool knows, in the order they are shown (claude.ai, a web page, last). */
export const CLIENTS: readonly ClientDescriptor[] = [
  cursor,
  windsurf,
  vscode,
  vscodeInsiders,
  claudeDesktop,
  claudeCode,
  geminiCli,
  codex,
  zed,
  cline,
  rooCode,
  kiro,
  lmStudio,
  windsurfNext,
  devin,
  opencode,
  copilotCli,
  qwenCode,
  kiloCode,
  auggie,
  droid,
  amp,
  crush,
  visualStudio,
  junie,
  warp,
  antigravity,
  goose,
  continueDev,
  claudeAi,
];

export const CLIENT_IDS: readonly string[] = CLIENTS.map((client) => client.id);

export function clientById(id: string): ClientDescriptor | undefined {
  return CLIENTS.find((client) => client.id === id);
}

/** Every config file of a client for a scope: several for Cline, Roo Code and VS Code profiles. */
export function configLocations(client: ClientDescriptor, platform: Platform, scope: Scope): ConfigLocation[] {
  if (client.configLocations) return client.configLocations(platform, scope);
  const path = client.configPath(platform, scope);
  return path ? [{ path }] : [];
}

/**
 * The client bound to one of its files: the same id (so --json rows and --client keep working),
 * a label that names the file ("Cline (Cursor)"), and that file as its config path for the scope.
 */
function atLocation(client: ClientDescriptor, location: ConfigLocation, scope: Scope): ClientDescriptor {
  return {
    ...client,
    label: location.label ? `${client.label} (${location.label})` : client.label,
    configPath: (platform, asked) => (asked === scope ? location.path : client.configPath(platform, asked)),
    configLocations: (platform, asked) => (asked === scope ? [location] : configLocations(client, platform, asked)),
  };
}

/**
 * One descriptor per config file of the client for the scope. A client with one file (or none:
 * then its notFound message is what setup reports) comes back as it is.
 */
export function clientsAtLocations(client: ClientDescriptor, platform: Platform, scope: Scope): ClientDescriptor[] {
  if (!client.configLocations) return [client];
  const locations = client.configLocations(platform, scope);
  if (locations.length === 0) return [client];
  return locations.map((location) => atLocation(client, location, scope));
}
