import type { Platform } from '../core/platform.js';
import { detectByHints } from './detect.js';
import type { ClientDescriptor } from './types.js';

/** Qwen Code's folder: $QWEN_HOME (a relative one from the working folder), else ~/.qwen. */
function qwenHome(platform: Platform): string {
  const value = platform.env.QWEN_HOME?.trim();
  if (value) return platform.path.resolve(platform.cwd, value);
  return platform.path.join(platform.home, '.qwen');
}

/**
 * Qwen Code (`@qwen-code/qwen-code`, a Gemini CLI fork): `mcpServers` in $QWEN_HOME/settings.json
 * and `.qwen/settings.json` in a project. Streamable HTTP is `{"httpUrl"}` and SSE `{"url"}`:
 * unlike Gemini CLI, Qwen reads `{"url", "type": "http"}` as SSE, so Gemini's template is never
 * reused. It signs in with OAuth itself and expands `$VAR`/`${VAR}` in settings strings (so, as
 * for Gemini, no bridge token entry: mcp-remote's `${AUTH_HEADER}` would be expanded too).
 * Source: QwenLM/qwen-code packages/core Storage.getGlobalQwenDir — $QWEN_HOME, else ~/.qwen; docs/tools/mcp-server.md — httpUrl / url.
 * Verified: @qwen-code/qwen-code 0.15.10 `qwen mcp list` read `{"httpUrl"}` as HTTP and `{"url"}` as SSE (clients.md, third wave).
 */
export const qwenCode: ClientDescriptor = {
  id: 'qwen-code',
  label: 'Qwen Code',
  shape: { format: 'jsonc', serversKey: 'mcpServers' },
  configPath(platform, scope) {
    if (scope === 'project') return platform.path.join(platform.cwd, '.qwen', 'settings.json');
    return platform.path.join(qwenHome(platform), 'settings.json');
  },
  detect(platform) {
    return detectByHints(platform, { folders: [qwenHome(platform)], commands: ['qwen'] });
  },
  templates: {
    bridge: 'qwen-code.bridge',
    native: { http: 'qwen-code.native-http', sse: 'qwen-code.native-sse' },
    nativeToken: { http: 'qwen-code.native-http-token', sse: 'qwen-code.native-sse-token' },
  },
  nextStep: ({ mode, tokenEnv, name }) => {
    if (tokenEnv) return `Start qwen with ${tokenEnv} set in its environment; /mcp shows ${name} connected.`;
    return mode === 'native'
      ? `Start qwen and run /mcp auth ${name} to sign in to Intercom in the browser.`
      : 'Start qwen; mcp-remote opens the browser to sign in to Intercom.';
  },
};
