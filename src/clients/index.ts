import { claudeAi } from './claude-ai.js';
import { claudeCode } from './claude-code.js';
import { claudeDesktop } from './claude-desktop.js';
import { cursor } from './cursor.js';
import type { ClientDescriptor } from './types.js';
import { vscode, vscodeInsiders } from './vscode.js';
import { windsurf } from './windsurf.js';

export type { ClientDescriptor, Scope, Mode } from './types.js';

/** Every client the tool knows, in the order they are shown. */
export const CLIENTS: readonly ClientDescriptor[] = [cursor, windsurf, vscode, vscodeInsiders, claudeDesktop, claudeCode, claudeAi];

export const CLIENT_IDS: readonly string[] = CLIENTS.map((client) => client.id);

export function clientById(id: string): ClientDescriptor | undefined {
  return CLIENTS.find((client) => client.id === id);
}
