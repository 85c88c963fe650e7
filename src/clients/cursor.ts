import { detectByHints } from './detect.js';
import { macAppBundles, windowsLocalAppData } from './paths.js';
import type { ClientDescriptor } from './types.js';

export const cursor: ClientDescriptor = {
  id: 'cursor',
  label: 'Cursor',
  shape: { format: 'jsonc', serversKey: 'mcpServers' },
  configPath(platform, scope) {
    const root = scope === 'user' ? platform.home : platform.cwd;
    return platform.path.join(root, '.cursor', 'mcp.json');
  },
  detect(platform) {
    return detectByHints(platform, {
      folders: [platform.path.join(platform.home, '.cursor')],
      commands: ['cursor'],
      installs: [
        ...macAppBundles(platform, 'Cursor.app'),
        ...(platform.os === 'win32' ? [platform.path.join(windowsLocalAppData(platform), 'Programs', 'cursor')] : []),
      ],
    });
  },
  // Cursor expands `${env:VAR}` in url, headers, command, args and env (its MCP config interpolation).
  templates: { bridge: 'cursor.bridge', native: 'cursor.native', bridgeToken: 'cursor.bridge-token', nativeToken: 'cursor.native-token' },
  nextStep: ({ tokenEnv }) =>
    tokenEnv
      ? `Quit Cursor and start it again from an environment where ${tokenEnv} is set; Intercom connects with that token (no browser sign-in).`
      : 'Restart Cursor, then open Settings → MCP and sign in to Intercom when asked.',
};
