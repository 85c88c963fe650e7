import { transportOfUrl } from '../core/endpoint.js';
import type { ClientChange } from './changes.js';

/** Steps to show after writing, one per client that changed or needs something done by hand. */
export function nextStepsFor(changes: ClientChange[], url: string, name: string): Map<string, string> {
  const steps = new Map<string, string>();
  for (const change of changes) {
    const needsStep = change.action === 'created' || change.action === 'updated' || (change.action === 'skipped' && !change.client.shape);
    if (!needsStep) continue;
    steps.set(
      change.client.label,
      change.client.nextStep({
        url,
        transport: transportOfUrl(url),
        mode: change.mode ?? 'bridge',
        name,
        scope: change.scope,
        ...(change.path ? { path: change.path } : {}),
        ...(change.tokenEnv ? { tokenEnv: change.tokenEnv } : {}),
      }),
    );
  }
  return steps;
}

/** The entries in place after writing: bridges (mcp-remote, signed in by `login`) and the clients' own. */
export function entriesByMode(changes: ClientChange[]): { bridge: ClientChange[]; native: ClientChange[] } {
  const inPlace = changes.filter((change) => change.client.shape && ['created', 'updated', 'unchanged'].includes(change.action));
  return {
    bridge: inPlace.filter((change) => (change.mode ?? 'bridge') === 'bridge'),
    native: inPlace.filter((change) => change.mode === 'native'),
  };
}

/** Native entries keep their tokens in the client: what to say instead of signing in for them. */
export function nativeSignInNote(native: ClientChange[]): string {
  const labels = [...new Set(native.map((change) => change.client.label))];
  const one = labels.length === 1;
  return `${labels.join(', ')} ${one ? 'uses its' : 'use their'} own entry and ${one ? 'keeps its' : 'keep their'} own sign-in: ${one ? 'it opens' : 'each opens'} the browser the first time ${one ? 'it connects' : 'they connect'}; login only signs in the mcp-remote bridge entries.`;
}
