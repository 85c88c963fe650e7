import type { Platform } from '../core/platform.js';
import { detectByHints } from './detect.js';
import { absoluteEnvPath } from './paths.js';
import type { ClientDescriptor } from './types.js';

/** Continue's folder: $CONTINUE_GLOBAL_DIR, else ~/.continue. */
function continueFolder(platform: Platform): string {
  return absoluteEnvPath(platform, 'CONTINUE_GLOBAL_DIR') ?? platform.path.join(platform.home, '.continue');
}

/**
 * Continue (IDE extensions and the `cn` CLI): `mcpServers` in ~/.continue/config.yaml
 * ($CONTINUE_GLOBAL_DIR) is a list, each server carrying its `name`: remote
 * `{name, type: sse | streamable-http, url}` (`type: http` is not valid), stdio `{name, command, args}`.
 * Source: issue 19 (clients.md, third wave) — @continuedev/cli 1.5.47 `cn -p` loaded `{name, type: sse|streamable-http, url}`
 * and `{name, command, args}` from ~/.continue/config.yaml ($CONTINUE_GLOBAL_DIR), and @continuedev/config-yaml's
 * configYamlSchema validated them (`type: http` it rejects); not re-run here: golden tests from that report.
 */
export const continueDev: ClientDescriptor = {
  id: 'continue',
  label: 'Continue',
  shape: { format: 'yaml', serversKey: 'mcpServers', list: true },
  configPath(platform, scope) {
    if (scope !== 'user') return undefined;
    return platform.path.join(continueFolder(platform), 'config.yaml');
  },
  detect(platform) {
    return detectByHints(platform, { folders: [continueFolder(platform)], commands: ['cn'] });
  },
  templates: { bridge: 'continue.bridge', native: 'continue.native' },
  transportNames: { sse: 'sse', http: 'streamable-http' },
  tokenUnsupported:
    'Continue reads secrets as ${{ secrets.NAME }} from its own store, not from an environment variable named here, so the token itself would have to be written there; refusing. Use the browser sign-in instead (without --token-env).',
  nextStep: ({ mode, name }) =>
    mode === 'native'
      ? `Reload Continue (or start cn): ${name} connects and signs in to Intercom in the browser when it asks.`
      : `Reload Continue (or start cn): ${name} starts, and mcp-remote opens the browser to sign in.`,
};
