import type { Platform } from '../core/platform.js';
import { detectByHints } from './detect.js';
import { appConfigRoot, macAppBundles, windowsLocalAppData } from './paths.js';
import type { ClientDescriptor } from './types.js';

const CONFIG_FILE = 'claude_desktop_config.json';

/** The Microsoft Store build keeps its roaming data inside its package folder. */
function microsoftStorePackage(platform: Platform): string {
  return platform.path.join(windowsLocalAppData(platform), 'Packages', 'Claude_pzs8sxrjxfjjc');
}

function configFolder(platform: Platform): string {
  if (platform.os === 'win32' && platform.exists(microsoftStorePackage(platform))) {
    return platform.path.join(microsoftStorePackage(platform), 'LocalCache', 'Roaming', 'Claude');
  }
  return platform.path.join(appConfigRoot(platform), 'Claude');
}

export const claudeDesktop: ClientDescriptor = {
  id: 'claude-desktop',
  label: 'Claude Desktop',
  shape: { format: 'json', serversKey: 'mcpServers' },
  configPath(platform, scope) {
    if (scope !== 'user') return undefined;
    return platform.path.join(configFolder(platform), CONFIG_FILE);
  },
  detect(platform) {
    return detectByHints(platform, {
      folders: [configFolder(platform)],
      installs: [
        ...macAppBundles(platform, 'Claude.app'),
        ...(platform.os === 'win32' ? [microsoftStorePackage(platform), platform.path.join(windowsLocalAppData(platform), 'AnthropicClaude')] : []),
      ],
    });
  },
  templates: { bridge: 'claude-desktop.bridge' },
  nativeUnsupported:
    'Claude Desktop reads only local (stdio) servers from its config file, so it keeps the mcp-remote bridge; for a native connection use Settings → Connectors instead.',
  tokenUnsupported:
    "Claude Desktop does not expand environment variables in claude_desktop_config.json (and does not pass your shell's variables to the bridge), so the token itself would have to be written there; refusing. Use the bridge's browser sign-in instead (without --token-env), or Settings → Connectors.",
  nextStep: () =>
    'Quit Claude Desktop fully (tray/menu bar icon → Quit; it rewrites its config while running), start it again, and sign in to Intercom in the browser window.',
};
