import type { ClientDescriptor } from '../clients/index.js';
import { displayPath } from '../clients/paths.js';
import { clientStatuses, type ClientStatus } from '../engine/status.js';
import type { Platform } from '../core/platform.js';
import type { Check } from './types.js';
import { command } from '../core/invocation.js';

export const CLIENTS_GROUP = 'Clients';

/**
 * Whether the fix should keep the person's choice of the client's own remote entry: the entry
 * found is a remote one (`url`/`serverUrl`/`httpUrl`/`uri`, OpenCode's `type: remote`) and the client offers both kinds.
 */
export function keepsNative(status: ClientStatus): boolean {
  const value = status.entry?.value;
  const remote = Boolean(
    value &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    ('url' in value || 'serverUrl' in value || 'httpUrl' in value || 'uri' in value || value.type === 'remote'),
  );
  return remote && Boolean(status.client.templates.bridge && status.client.templates.native);
}

function setupCommand(status: ClientStatus): string {
  return command(`--client ${status.client.id}${keepsNative(status) ? ' --native' : ''}`);
}

/** The checks for one client's config: file, parse, entry present, entry correct, duplicates. */
function checksForClient(status: ClientStatus, platform: Platform, index = 0): Check[] {
  const { client } = status;
  // A client with several files (VS Code profiles, Cline per editor) gets an id per file.
  const id = index === 0 ? `client.${client.id}` : `client.${client.id}.${index + 1}`;
  const label = client.label;
  const where = status.path ? displayPath(platform, status.path) : '';
  const check = (suffix: string, rest: Omit<Check, 'id' | 'group'>): Check => ({ id: `${id}.${suffix}`, group: CLIENTS_GROUP, ...rest });
  if (status.error) {
    return [check('config', { status: 'fail', message: `${label}: ${status.error}`, fix: `fix ${where} at that line, then run: ${setupCommand(status)}` })];
  }
  if (!status.configured) {
    const exists = status.path !== undefined && platform.exists(status.path);
    return [
      check('entry', {
        status: 'warn',
        message: exists ? `${label}: ${where} has no Intercom entry` : `${label}: no config file yet (${where})`,
        fix: command(`--client ${client.id}`),
      }),
    ];
  }
  const checks: Check[] = [];
  const entryName = status.entry?.name ?? 'intercom';
  if (status.disabled) {
    // Turned off on purpose: reported as such, never "broken", and doctor --fix leaves it alone.
    const also = status.correct ? '' : `; once turned on it would not work: ${status.problems[0] ?? 'wrong shape'}`;
    checks.push(
      check('entry', {
        status: 'warn',
        message: `${label}: "${entryName}" in ${where} is turned off (${status.disabled}), so ${label} does not start it${also}`,
        fix: status.correct
          ? `to use it, take ${status.disabled} out of the entry (setup and doctor --fix leave it as you set it)`
          : `${setupCommand(status)}   (it fixes the entry and leaves it turned off; take ${status.disabled} out to use it)`,
      }),
    );
  } else if (status.correct) {
    checks.push(check('entry', { status: 'pass', message: `${label}: "${entryName}" in ${where} is correct` }));
  } else {
    checks.push(
      check('entry', {
        status: 'fail',
        message: `${label}: "${entryName}" in ${where} will not work: ${status.problems[0] ?? 'wrong shape'}`,
        fix: `${setupCommand(status)}   (or: ${command('doctor --fix')})`,
      }),
    );
  }
  if (status.duplicates.length > 0) {
    checks.push(
      check('duplicates', {
        status: 'warn',
        message: `${label}: Intercom is also configured as ${status.duplicates.map((name) => `"${name}"`).join(', ')} in ${where}; the client will start it twice`,
        fix: `remove the extra entries by hand, keeping "${entryName}"`,
      }),
    );
  }
  return checks;
}

export async function clientChecks(
  clients: ClientDescriptor[],
  platform: Platform,
  options: { scope: 'user' | 'project'; name: string; url: string },
): Promise<{ checks: Check[]; statuses: ClientStatus[] }> {
  const perClient = await Promise.all(clients.map((client) => clientStatuses(client, platform, options)));
  const checks = perClient.flatMap((statuses) => statuses.flatMap((status, index) => checksForClient(status, platform, index)));
  const statuses = perClient.flat();
  if (checks.length === 0) {
    checks.push({
      id: 'client.none',
      group: CLIENTS_GROUP,
      status: 'warn',
      message: 'No AI client was detected on this machine',
      fix: `install one, or name it: ${command('--client cursor')}`,
    });
  }
  return { checks, statuses };
}
