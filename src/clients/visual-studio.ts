import { getEnv } from '../core/platform.js';
import { detectByHints } from './detect.js';
import { windowsLocalAppData } from './paths.js';
import type { ClientDescriptor } from './types.js';

/**
 * Visual Studio 2022 (17.14 and later) and 2026, on Windows: `servers` in %USERPROFILE%\.mcp.json
 * and in a solution's .mcp.json (the folder it runs from); remote `{"type": "http"|"sse", "url"}`
 * (it signs in from the CodeLens above the entry), stdio `{"type": "stdio", "command", "args"}`.
 * A project's .mcp.json also holds Claude Code's and the Copilot CLI's `mcpServers`: another key.
 * Source: learn.microsoft.com/visualstudio/ide/mcp-servers — create <SOLUTIONDIR>\.mcp.json or %USERPROFILE%\.mcp.json with
 * `"servers"`; transports stdio, sse and http; authenticate from the CodeLens.
 */
export const visualStudio: ClientDescriptor = {
  id: 'visual-studio',
  label: 'Visual Studio',
  shape: { format: 'jsonc', serversKey: 'servers' },
  configPath(platform, scope) {
    if (scope === 'project') return platform.path.join(platform.cwd, '.mcp.json');
    if (platform.os !== 'win32') return undefined;
    return platform.path.join(platform.home, '.mcp.json');
  },
  notFound: (platform, scope) =>
    scope === 'user' && platform.os !== 'win32' ? "Visual Studio runs on Windows only (use --scope project for a solution's .mcp.json)" : undefined,
  detect(platform) {
    if (platform.os !== 'win32') return { detected: false, evidence: '' };
    const programFiles = getEnv(platform, 'ProgramFiles') ?? 'C:\\Program Files';
    return detectByHints(platform, {
      folders: [platform.path.join(windowsLocalAppData(platform), 'Microsoft', 'VisualStudio')],
      installs: [platform.path.join(programFiles, 'Microsoft Visual Studio')],
    });
  },
  templates: { bridge: 'visual-studio.bridge', native: 'visual-studio.native' },
  tokenUnsupported:
    'Visual Studio does not document environment variables in .mcp.json, so the token itself would have to be written there; refusing. Use its sign-in instead (without --token-env).',
  nextStep: ({ mode, name }) =>
    mode === 'native'
      ? `Open the .mcp.json in Visual Studio and choose Authenticate in the CodeLens above ${name}, then pick it in Copilot Chat → Agent → tools.`
      : `In Visual Studio open Copilot Chat → Agent → tools: ${name} starts, and mcp-remote opens the browser to sign in.`,
};
