import { detectByHints } from './detect.js';
import { macAppBundles, windowsLocalAppData } from './paths.js';
import type { ClientDescriptor } from './types.js';

export const windsurf: ClientDescriptor = {
  id: 'windsurf',
  label: 'Windsurf',
  shape: { format: 'jsonc', serversKey: 'mcpServers' },
  configPath(platform, scope) {
    if (scope !== 'user') return undefined;
    return platform.path.join(platform.home, '.codeium', 'windsurf', 'mcp_config.json');
  },
  detect(platform) {
    return detectByHints(platform, {
      folders: [platform.path.join(platform.home, '.codeium', 'windsurf')],
      commands: ['windsurf'],
      installs: [
        ...macAppBundles(platform, 'Windsurf.app'),
        ...(platform.os === 'win32' ? [platform.path.join(windowsLocalAppData(platform), 'Programs', 'Windsurf')] : []),
      ],
    });
  },
  // Windsurf expands `${env:VAR}` in serverUrl, headers, command, args and env.
  templates: { bridge: 'windsurf.bridge', native: 'windsurf.native', bridgeToken: 'windsurf.bridge-token', nativeToken: 'windsurf.native-token' },
  nextStep: () => 'Restart Windsurf (or press Refresh in Cascade → MCP servers), then sign in to Intercom when asked.',
};
