/**
 * Intercom entries found in config files whose URL `--url` would refuse (issue 18 point 9): a
 * cmd.exe operator (`&calc.exe` runs a program when a Windows client starts the entry), a
 * backslash (`https://mcp.intercom.com\@evil.example/sse` is Intercom's host to one parser and
 * evil.example to another), a user name or password, a credential in the query. A cloned
 * repository's project file can hold such an entry as easily as a hand edit.
 */
import { displayPath } from '../clients/paths.js';
import { checkEndpointUrl } from '../core/endpoint.js';
import type { Platform } from '../core/platform.js';
import type { IntercomEntry } from '../entries/intercom-entries.js';
import { CLIENTS_GROUP } from './client-checks.js';
import type { Check } from './types.js';
import { command } from '../core/invocation.js';

/** Whether doctor may use this URL as an endpoint (probe it): only one --url would accept. */
export function isUsableEndpoint(url: string): boolean {
  return checkEndpointUrl(url).ok;
}

/** One failing check per entry whose URL would be refused as --url, naming the file and the entry. */
export function entryUrlChecks(entries: readonly IntercomEntry[], platform: Platform): Check[] {
  const checks: Check[] = [];
  const seen = new Set<string>();
  for (const found of entries) {
    if (found.url === undefined) continue;
    const key = `${found.client.id}\0${found.path}\0${found.entry.container}\0${found.entry.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const verdict = checkEndpointUrl(found.url);
    if (verdict.ok) continue;
    const where = displayPath(platform, found.path);
    checks.push({
      id: `entry-url.${found.client.id}`,
      group: CLIENTS_GROUP,
      status: 'fail',
      message: `${found.client.label}: "${found.entry.name}" in ${where} has a URL that is not safe to run: ${verdict.error}`,
      fix: `remove or correct "${found.entry.name}" in ${where} by hand, then run: ${command(`--client ${found.client.id}${found.scope === 'project' ? ' --scope project' : ''}`)}`,
    });
  }
  return checks;
}
