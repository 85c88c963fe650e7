import { detectByHints } from './detect.js';
import { appConfigRoot, macAppBundles, windowsLocalAppData } from './paths.js';
import type { ClientDescriptor } from './types.js';

interface VsCodeFlavour {
  id: string;
  label: string;
  /** The user-data folder name: `Code` or `Code - Insiders`. */
  dataFolder: string;
  command: string;
  macBundle: string;
  windowsInstallFolder: string;
}

function vsCodeClient(flavour: VsCodeFlavour): ClientDescriptor {
  const userFolder = (platform: Parameters<ClientDescriptor['configPath']>[0]) =>
    platform.path.join(appConfigRoot(platform), flavour.dataFolder, 'User');
  return {
    id: flavour.id,
    label: flavour.label,
    shape: { format: 'jsonc', serversKey: 'servers', ignoredKeys: ['mcpServers'] },
    configPath(platform, scope) {
      if (scope === 'project') return platform.path.join(platform.cwd, '.vscode', 'mcp.json');
      return platform.path.join(userFolder(platform), 'mcp.json');
    },
    detect(platform) {
      return detectByHints(platform, {
        folders: [userFolder(platform)],
        commands: [flavour.command],
        installs: [
          ...macAppBundles(platform, flavour.macBundle),
          ...(platform.os === 'win32'
            ? [platform.path.join(windowsLocalAppData(platform), 'Programs', flavour.windowsInstallFolder)]
            : []),
        ],
      });
    },
    templates: { bridge: 'vscode.bridge', native: 'vscode.native' },
    nextStep: () =>
      `In ${flavour.label}, run "MCP: List Servers" from the Command Palette, start intercom, and sign in when asked.`,
  };
}

export const vscode = vsCodeClient({
  id: 'vscode',
  label: 'VS Code',
  dataFolder: 'Code',
  command: 'code',
  macBundle: 'Visual Studio Code.app',
  windowsInstallFolder: 'Microsoft VS Code',
});

export const vscodeInsiders = vsCodeClient({
  id: 'vscode-insiders',
  label: 'VS Code Insiders',
  dataFolder: 'Code - Insiders',
  command: 'code-insiders',
  macBundle: 'Visual Studio Code - Insiders.app',
  windowsInstallFolder: 'Microsoft VS Code Insiders',
});
