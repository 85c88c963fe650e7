import { detectByHints } from './detect.js';
import { macAppBundles, windowsLocalAppData } from './paths.js';
import type { ClientDescriptor } from './types.js';

/** Windsurf Next, the pre-release channel: Windsurf's format in its own folder. */
export const windsurfNext: ClientDescriptor = {
  id: 'windsurf-next',
  label: 'Windsurf Next',
  shape: { format: 'jsonc', serversKey: 'mcpServers' },
  configPath(platform, scope) {
    if (scope !== 'user') return undefined;
    return platform.path.join(platform.home, '.codeium', 'windsurf-next', 'mcp_config.json');
  },
  detect(platform) {
    return detectByHints(platform, {
      folders: [platform.path.join(platform.home, '.codeium', 'windsurf-next')],
      commands: ['windsurf-next'],
      installs: [
        ...macAppBundles(platform, 'Windsurf - Next.app'),
        ...(platform.os === 'win32' ? [platform.path.join(windowsLocalAppData(platform), 'Programs', 'Windsurf Next')] : []),
      ],
    });
  },
  // The same entries as Windsurf, `${env:VAR}` interpolation included.
  templates: { bridge: 'windsurf.bridge', native: 'windsurf.native', bridgeToken: 'windsurf.bridge-token', nativeToken: 'windsurf.native-token' },
  nextStep: () => 'Restart Windsurf Next (or press Refresh in Cascade → MCP servers), then sign in to Intercom when asked.',
};
