import { detectByHints } from './detect.js';
import { macAppBundles, windowsLocalAppData } from './paths.js';
import type { ClientDescriptor } from './types.js';

/**
 * Kiro (IDE and kiro-cli share the file): `~/.kiro/settings/mcp.json` and, in a workspace,
 * `.kiro/settings/mcp.json`, servers under `mcpServers` (kiro.dev/docs/mcp/configuration).
 * A remote server is `{"url"}` (optional `headers`); Kiro signs in with OAuth itself and
 * expands `${VAR}` once the person has approved that variable (so the token entry is the native
 * one: a bridge's `${AUTH_HEADER}` placeholder would be taken for a Kiro variable too).
 */
export const kiro: ClientDescriptor = {
  id: 'kiro',
  label: 'Kiro',
  shape: { format: 'jsonc', serversKey: 'mcpServers' },
  configPath(platform, scope) {
    const root = scope === 'user' ? platform.home : platform.cwd;
    return platform.path.join(root, '.kiro', 'settings', 'mcp.json');
  },
  detect(platform) {
    return detectByHints(platform, {
      folders: [platform.path.join(platform.home, '.kiro')],
      commands: ['kiro', 'kiro-cli'],
      installs: [
        ...macAppBundles(platform, 'Kiro.app'),
        ...(platform.os === 'win32' ? [platform.path.join(windowsLocalAppData(platform), 'Programs', 'Kiro')] : []),
      ],
    });
  },
  templates: { bridge: 'kiro.bridge', native: 'kiro.native', nativeToken: 'kiro.native-token' },
  nextStep: ({ mode, tokenEnv }) => {
    if (tokenEnv) return `Kiro asks before it reads ${tokenEnv}: approve it (or add it to "Mcp Approved Env Vars"), with ${tokenEnv} set where Kiro starts.`;
    return mode === 'native'
      ? 'Kiro reconnects when the file is saved and opens the browser to sign in to Intercom.'
      : 'Kiro reconnects when the file is saved; mcp-remote opens the browser to sign in.';
  },
};
