import { detectByHints } from './detect.js';
import { vsCodeProfileLocations } from './vscode-profiles.js';
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
  const userFolder = (platform: Parameters<ClientDescriptor['configPath']>[0]) => platform.path.join(appConfigRoot(platform), flavour.dataFolder, 'User');
  return {
    id: flavour.id,
    label: flavour.label,
    // The token of --token-env comes from an `inputs` password prompt (`${input:ID}`), which VS Code
    // asks for once and keeps in its secret storage.
    shape: { format: 'jsonc', serversKey: 'servers', ignoredKeys: ['mcpServers'], inputsKey: 'inputs' },
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
          ...(platform.os === 'win32' ? [platform.path.join(windowsLocalAppData(platform), 'Programs', flavour.windowsInstallFolder)] : []),
        ],
      });
    },
    // The user-scope file is one per profile.
    configLocations(platform, scope) {
      if (scope === 'user') return vsCodeProfileLocations(platform, flavour.dataFolder);
      return [{ path: platform.path.join(platform.cwd, '.vscode', 'mcp.json') }];
    },
    templates: { bridge: 'vscode.bridge', native: 'vscode.native', bridgeToken: 'vscode.bridge-token', nativeToken: 'vscode.native-token' },
    nextStep: ({ name, tokenEnv }) =>
      tokenEnv
        ? `In ${flavour.label}, run "MCP: List Servers", start ${name}, and paste your Intercom token (the value of ${tokenEnv}) when it asks; it is kept in VS Code's secret storage.`
        : `In ${flavour.label}, run "MCP: List Servers" from the Command Palette, start ${name}, and sign in when asked.`,
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
