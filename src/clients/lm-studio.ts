import { detectByHints } from './detect.js';
import { macAppBundles, windowsLocalAppData } from './paths.js';
import type { ClientDescriptor } from './types.js';

/**
 * LM Studio (0.3.17 and later): `~/.lmstudio/mcp.json` in Cursor's notation, servers under
 * `mcpServers`; a remote one is `{"url"}` with optional `headers` (lmstudio.ai/docs/app/mcp).
 * It does not expand environment variables in that file.
 */
export const lmStudio: ClientDescriptor = {
  id: 'lm-studio',
  label: 'LM Studio',
  shape: { format: 'json', serversKey: 'mcpServers' },
  configPath(platform, scope) {
    if (scope !== 'user') return undefined;
    return platform.path.join(platform.home, '.lmstudio', 'mcp.json');
  },
  detect(platform) {
    return detectByHints(platform, {
      folders: [platform.path.join(platform.home, '.lmstudio')],
      commands: ['lms'],
      installs: [
        ...macAppBundles(platform, 'LM Studio.app'),
        ...(platform.os === 'win32' ? [platform.path.join(windowsLocalAppData(platform), 'Programs', 'LM Studio')] : []),
      ],
    });
  },
  templates: { bridge: 'lm-studio.bridge', native: 'lm-studio.native' },
  tokenUnsupported:
    'LM Studio does not expand environment variables in mcp.json, so the token itself would have to be written there; refusing. Use its browser sign-in instead (--native, without --token-env).',
  nextStep: ({ mode, name }) =>
    mode === 'native'
      ? `In LM Studio open Program → Integrations: enable ${name} and sign in to Intercom in the browser.`
      : `In LM Studio open Program → Integrations: enable ${name}; mcp-remote opens the browser to sign in.`,
};
