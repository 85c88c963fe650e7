import { detectByHints } from './detect.js';
import { macAppBundles, windowsLocalAppData } from './paths.js';
import type { ClientDescriptor } from './types.js';

interface WindsurfChannel {
  id: string;
  label: string;
  /** The application's name in messages: `Devin Desktop`, `Windsurf Next`. */
  app: string;
  /** The folder under ~/.codeium: `windsurf`, or `windsurf-next` for the pre-release channel. */
  folder: string;
  command: string;
  macBundle: string;
  windowsInstallFolder: string;
}

function windsurfClient(channel: WindsurfChannel): ClientDescriptor {
  return {
    id: channel.id,
    label: channel.label,
    shape: { format: 'jsonc', serversKey: 'mcpServers' },
    configPath(platform, scope) {
      if (scope !== 'user') return undefined;
      return platform.path.join(platform.home, '.codeium', channel.folder, 'mcp_config.json');
    },
    detect(platform) {
      return detectByHints(platform, {
        folders: [platform.path.join(platform.home, '.codeium', channel.folder)],
        commands: [channel.command],
        installs: [
          ...macAppBundles(platform, channel.macBundle),
          ...(platform.os === 'win32' ? [platform.path.join(windowsLocalAppData(platform), 'Programs', channel.windowsInstallFolder)] : []),
        ],
      });
    },
    // Windsurf expands `${env:VAR}` in serverUrl, headers, command, args and env.
    templates: { bridge: 'windsurf.bridge', native: 'windsurf.native', bridgeToken: 'windsurf.bridge-token', nativeToken: 'windsurf.native-token' },
    nextStep: ({ tokenEnv }) =>
      tokenEnv
        ? `Quit ${channel.app} and start it again from an environment where ${tokenEnv} is set; Intercom connects with that token (no browser sign-in).`
        : `Restart ${channel.app} (or press Refresh in Cascade → MCP servers), then sign in to Intercom when asked.`,
  };
}

/**
 * Windsurf is Devin Desktop now (Cognition, 2026); its Cascade agent still reads
 * ~/.codeium/windsurf/mcp_config.json, while the default agent, Devin Local, reads Devin's own
 * config (the `devin` client). The id stays `windsurf`.
 * Source: docs.windsurf.com/windsurf/devin-local — Devin Local "is meant to eventually replace Cascade"; Cascade keeps mcp_config.json.
 */
export const windsurf = windsurfClient({
  id: 'windsurf',
  label: 'Devin Desktop Cascade (Windsurf)',
  app: 'Devin Desktop',
  folder: 'windsurf',
  command: 'windsurf',
  macBundle: 'Windsurf.app',
  windowsInstallFolder: 'Windsurf',
});

/** Windsurf Next, the pre-release channel: Windsurf's format in its own folder. */
export const windsurfNext = windsurfClient({
  id: 'windsurf-next',
  label: 'Windsurf Next',
  app: 'Windsurf Next',
  folder: 'windsurf-next',
  command: 'windsurf-next',
  macBundle: 'Windsurf - Next.app',
  windowsInstallFolder: 'Windsurf Next',
});
