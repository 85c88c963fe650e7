import type { Platform } from '../core/platform.js';
import { detectByHints } from './detect.js';
import { absoluteEnvPath, macAppBundles, readTextIfPresent, windowsLocalAppData } from './paths.js';
import type { ClientDescriptor } from './types.js';

/**
 * LM Studio's home folder, as lmstudio-js finds it: $LMSTUDIO_HOME, else the folder named in
 * ~/.lmstudio-home-pointer, else ~/.cache/lm-studio (the legacy home) when it exists, else ~/.lmstudio.
 * Source: lmstudio-ai/lmstudio-js packages/lms-common-server/src/findLMStudioHome.ts — that order.
 */
function lmStudioHome(platform: Platform): string {
  const fromEnv = absoluteEnvPath(platform, 'LMSTUDIO_HOME');
  if (fromEnv) return fromEnv;
  const pointer = readTextIfPresent(platform.path.join(platform.home, '.lmstudio-home-pointer'))?.trim();
  if (pointer && platform.path.isAbsolute(pointer)) return pointer;
  const legacy = platform.path.join(platform.home, '.cache', 'lm-studio');
  if (platform.exists(legacy)) return legacy;
  return platform.path.join(platform.home, '.lmstudio');
}

/**
 * LM Studio (0.3.17 and later): `mcp.json` in its home folder, in Cursor's notation, servers under
 * `mcpServers`; a remote one is `{"url"}` with optional `headers`.
 * Source: lmstudio.ai/docs/app/mcp — mcp.json with mcpServers, `url` + `headers` for remote servers;
 * it says nothing of OAuth, so the native entry promises no browser sign-in.
 * It does not expand environment variables in that file.
 */
export const lmStudio: ClientDescriptor = {
  id: 'lm-studio',
  label: 'LM Studio',
  shape: { format: 'json', serversKey: 'mcpServers' },
  configPath(platform, scope) {
    if (scope !== 'user') return undefined;
    return platform.path.join(lmStudioHome(platform), 'mcp.json');
  },
  detect(platform) {
    return detectByHints(platform, {
      folders: [lmStudioHome(platform)],
      commands: ['lms'],
      installs: [
        ...macAppBundles(platform, 'LM Studio.app'),
        ...(platform.os === 'win32' ? [platform.path.join(windowsLocalAppData(platform), 'Programs', 'LM Studio')] : []),
      ],
    });
  },
  templates: { bridge: 'lm-studio.bridge', native: 'lm-studio.native' },
  tokenUnsupported:
    "LM Studio does not expand environment variables in mcp.json, so the token itself would have to be written there; refusing. Use the bridge's browser sign-in instead (without --token-env).",
  nextStep: ({ mode, name }) =>
    mode === 'native'
      ? `In LM Studio open Program → Integrations and enable ${name}. LM Studio documents no sign-in for remote servers: if ${name} does not connect, run setup again without --native (the bridge signs in in the browser).`
      : `In LM Studio open Program → Integrations: enable ${name}; mcp-remote opens the browser to sign in.`,
};
