/**
 * Terminal agents that keep MCP servers in a JSON file in a dot-folder of the home (and of the
 * project): Auggie, Factory Droid, Amp, Crush, Warp, Junie and Antigravity.
 */
import type { Platform } from '../core/platform.js';
import { detectByHints } from './detect.js';
import { absoluteEnvPath, macAppBundles, windowsLocalAppData, xdgConfigHome } from './paths.js';
import type { ClientDescriptor } from './types.js';

/** A file that may be `.json` or `.jsonc`: the `.jsonc` one when it exists. */
function jsonOrJsonc(platform: Platform, folder: string, base: string): string {
  const jsonc = platform.path.join(folder, `${base}.jsonc`);
  return platform.exists(jsonc) ? jsonc : platform.path.join(folder, `${base}.json`);
}

const bridgeStep = (program: string) => `Start ${program}; mcp-remote opens the browser to sign in to Intercom.`;

/**
 * Auggie (`@augmentcode/auggie`): `mcpServers` in ~/.augment/settings.json and a project's
 * .augment/settings.json; remote `{"type": "http"|"sse", "url"}`, stdio `{"type": "stdio", "command", "args"}`.
 * Source: augmentcode.com changelog, Auggie CLI 0.5.4 — MCP servers in ~/.augment/settings.json (`auggie mcp add|list`).
 * Verified: @augmentcode/auggie 0.36.0 `auggie mcp list --json` read both entries back (clients.md, third wave).
 */
export const auggie: ClientDescriptor = {
  id: 'auggie',
  label: 'Auggie',
  shape: { format: 'json', serversKey: 'mcpServers' },
  configPath(platform, scope) {
    const root = scope === 'user' ? platform.home : platform.cwd;
    return platform.path.join(root, '.augment', 'settings.json');
  },
  detect(platform) {
    return detectByHints(platform, { folders: [platform.path.join(platform.home, '.augment')], commands: ['auggie'] });
  },
  templates: { bridge: 'auggie.bridge', native: 'auggie.native' },
  tokenUnsupported:
    'Auggie does not document environment variables in settings.json, so the token itself would have to be written there; refusing. Use the browser sign-in instead (without --token-env).',
  nextStep: ({ mode, name }) =>
    mode === 'native' ? `Start auggie: ${name} opens the browser to sign in to Intercom (auggie mcp list shows it).` : bridgeStep('auggie'),
};

/** Factory's folder: $FACTORY_HOME_OVERRIDE, else the home; the files are in its .factory. */
function factoryRoot(platform: Platform): string {
  return absoluteEnvPath(platform, 'FACTORY_HOME_OVERRIDE') ?? platform.home;
}

/**
 * Factory Droid (`@factory/cli`): `mcpServers` in ~/.factory/mcp.json and .factory/mcp.json;
 * remote `{"type": "http"|"sse", "url"}` (it signs in with OAuth itself); a bare `{"url"}` is read
 * as stdio, so the type is always written; stdio `{"type": "stdio", "command", "args"}`.
 * Source: docs.factory.ai/cli/configuration/mcp — `droid mcp add <name> <url> --type http`, stdio servers, OAuth from /mcp.
 * Verified: @factory/cli 0.225.1 `droid mcp list` read both entries back (clients.md, third wave).
 */
export const droid: ClientDescriptor = {
  id: 'droid',
  label: 'Factory Droid',
  shape: { format: 'json', serversKey: 'mcpServers' },
  configPath(platform, scope) {
    const root = scope === 'user' ? factoryRoot(platform) : platform.cwd;
    return platform.path.join(root, '.factory', 'mcp.json');
  },
  detect(platform) {
    return detectByHints(platform, { folders: [platform.path.join(factoryRoot(platform), '.factory')], commands: ['droid'] });
  },
  templates: { bridge: 'droid.bridge', native: 'droid.native' },
  tokenUnsupported:
    'Droid does not document environment variables in mcp.json, so the token itself would have to be written there; refusing. Use its browser sign-in instead (--native, without --token-env).',
  nextStep: ({ mode, name }) => (mode === 'native' ? `Start droid and run /mcp: ${name} signs in to Intercom in the browser.` : bridgeStep('droid')),
};

/** Amp's user settings file: $AMP_SETTINGS_FILE, else settings.json[c] in $XDG_CONFIG_HOME/amp (~/.config/amp on Windows too). */
function ampSettings(platform: Platform): string {
  return absoluteEnvPath(platform, 'AMP_SETTINGS_FILE') ?? jsonOrJsonc(platform, platform.path.join(xdgConfigHome(platform), 'amp'), 'settings');
}

/**
 * Amp (`@ampcode/cli`): the key `"amp.mcpServers"` (one key with a dot in it) in
 * ~/.config/amp/settings.json (JSONC) and a project's .amp/settings.json, whose servers need
 * `amp mcp approve`; remote `{"url"}` (transport found by itself, OAuth itself), stdio `{"command", "args"}`.
 * Source: Amp's settings docs (ampcode.com manual, as indexed by developersdigest.tech) — ~/.config/amp/settings.json or .jsonc,
 * %USERPROFILE%\.config\amp on Windows, .amp/settings.json needing approval.
 * Verified: @ampcode/cli 0.0.1790142911 `amp mcp list` read both entries back (clients.md, third wave).
 */
export const amp: ClientDescriptor = {
  id: 'amp',
  label: 'Amp',
  shape: { format: 'jsonc', serversKey: 'amp.mcpServers' },
  configPath(platform, scope) {
    if (scope === 'project') return jsonOrJsonc(platform, platform.path.join(platform.cwd, '.amp'), 'settings');
    return ampSettings(platform);
  },
  detect(platform) {
    return detectByHints(platform, { folders: [platform.path.join(xdgConfigHome(platform), 'amp')], commands: ['amp'] });
  },
  templates: { bridge: 'amp.bridge', native: 'amp.native' },
  tokenUnsupported:
    'Amp does not document environment variables in its settings, so the token itself would have to be written there; refusing. Use its browser sign-in instead (--native, without --token-env).',
  nextStep: ({ mode, name, scope }) => {
    const approve = scope === 'project' ? `Run: amp mcp approve ${name}   (Amp asks before it uses a project's server). ` : '';
    return mode === 'native' ? `${approve}Start amp: ${name} opens the browser to sign in to Intercom.` : `${approve}${bridgeStep('amp')}`;
  },
};

/** Crush's global folder: $CRUSH_GLOBAL_CONFIG, else %LOCALAPPDATA%\crush on Windows, else $XDG_CONFIG_HOME/crush. */
function crushFolder(platform: Platform): string {
  const fromEnv = absoluteEnvPath(platform, 'CRUSH_GLOBAL_CONFIG');
  if (fromEnv) return fromEnv;
  if (platform.os === 'win32') return platform.path.join(windowsLocalAppData(platform), 'crush');
  return platform.path.join(xdgConfigHome(platform), 'crush');
}

/**
 * Crush (charmbracelet): `mcp.<name>` in crush.json — $CRUSH_GLOBAL_CONFIG/crush.json, else
 * $XDG_CONFIG_HOME/crush/crush.json (%LOCALAPPDATA%\crush on Windows), and a project's crush.json
 * or .crush.json. `type` is required (stdio, sse, http); its HTTP entry signs in with OAuth
 * (`"oauth": true`), so the native entry always uses /mcp. `$VAR` in headers is expanded.
 * Source: charmbracelet/crush README "MCPs" and schema.json — `type` stdio|sse|http, headers shell-expanded
 * (`"Bearer $GH_PAT"`), `"oauth"` (OAuth 2.1, HTTP transport only); CRUSH_GLOBAL_CONFIG is the folder of crush.json.
 */
export const crush: ClientDescriptor = {
  id: 'crush',
  label: 'Crush',
  shape: { format: 'json', serversKey: 'mcp' },
  configPath(platform, scope) {
    if (scope === 'project') {
      const hidden = platform.path.join(platform.cwd, '.crush.json');
      const plain = platform.path.join(platform.cwd, 'crush.json');
      return !platform.exists(plain) && platform.exists(hidden) ? hidden : plain;
    }
    return platform.path.join(crushFolder(platform), 'crush.json');
  },
  detect(platform) {
    return detectByHints(platform, { folders: [crushFolder(platform)], commands: ['crush'] });
  },
  templates: { bridge: 'crush.bridge', native: 'crush.native', nativeToken: 'crush.native-token' },
  nativeTransports: ['http'],
  nextStep: ({ mode, tokenEnv, name }) => {
    if (tokenEnv) return `Start crush with ${tokenEnv} set; ${name} connects with that token.`;
    return mode === 'native' ? `Start crush: ${name} opens the browser to sign in to Intercom.` : bridgeStep('crush');
  },
};

/**
 * Warp: `mcpServers` in ~/.warp/.mcp.json and a repository's .warp/.mcp.json; remote `{"url"}`
 * (Streamable HTTP or SSE), stdio `{"command", "args"}`.
 * Source: warpdotdev/warp skill agent-add-mcp — global ~/.warp/.mcp.json, project {repo_root}/.warp/.mcp.json; docs.warp.dev MCP — Streamable HTTP and SSE.
 */
export const warp: ClientDescriptor = {
  id: 'warp',
  label: 'Warp',
  shape: { format: 'json', serversKey: 'mcpServers' },
  configPath(platform, scope) {
    const root = scope === 'user' ? platform.home : platform.cwd;
    return platform.path.join(root, '.warp', '.mcp.json');
  },
  detect(platform) {
    return detectByHints(platform, {
      folders: [platform.path.join(platform.home, '.warp')],
      commands: ['warp', 'warp-terminal'],
      installs: [
        ...macAppBundles(platform, 'Warp.app'),
        ...(platform.os === 'win32' ? [platform.path.join(windowsLocalAppData(platform), 'Programs', 'Warp')] : []),
      ],
    });
  },
  templates: { bridge: 'warp.bridge', native: 'warp.native' },
  tokenUnsupported:
    'Warp does not expand environment variables in .mcp.json, so the token itself would have to be written there; refusing. Use the browser sign-in instead (without --token-env).',
  nextStep: ({ mode, name }) =>
    mode === 'native'
      ? `In Warp open Settings → Agents → MCP servers: start ${name} and sign in to Intercom when it asks.`
      : `In Warp open Settings → Agents → MCP servers: start ${name}; mcp-remote opens the browser to sign in.`,
};

/**
 * Junie (JetBrains): `mcpServers` in ~/.junie/mcp/mcp.json and a project's .junie/mcp/mcp.json.
 * JetBrains documents stdio servers only, so Junie keeps the bridge.
 * Source: jetbrains.com/help/junie/model-context-protocol-mcp.html — "Junie supports only MCP servers that use the stdio transport".
 */
export const junie: ClientDescriptor = {
  id: 'junie',
  label: 'Junie',
  shape: { format: 'json', serversKey: 'mcpServers' },
  configPath(platform, scope) {
    const root = scope === 'user' ? platform.home : platform.cwd;
    return platform.path.join(root, '.junie', 'mcp', 'mcp.json');
  },
  detect(platform) {
    return detectByHints(platform, { folders: [platform.path.join(platform.home, '.junie')], commands: ['junie'] });
  },
  templates: { bridge: 'junie.bridge' },
  nativeUnsupported: 'Junie connects to local (stdio) servers only, so it keeps the mcp-remote bridge.',
  tokenUnsupported:
    "Junie does not document environment variables in mcp.json, so the token itself would have to be written there; refusing. Use the bridge's browser sign-in instead (without --token-env).",
  nextStep: ({ name }) => `In the JetBrains IDE open Junie's MCP settings: ${name} starts, and mcp-remote opens the browser to sign in.`,
};

/**
 * Google Antigravity: `mcpServers` in ~/.gemini/antigravity/mcp_config.json (user only); remote
 * `{"serverUrl"}` (with optional `headers`), stdio `{"command", "args"}`. Its forum reports no MCP
 * OAuth, so it keeps the bridge by default; --native writes `serverUrl`.
 * Source: antigravity.google/docs/mcp (as quoted in an adapter's source) — ~/.gemini/antigravity/mcp_config.json, keys
 * command/args/env/serverUrl/headers; discuss.ai.google.dev — Antigravity does not support MCP OAuth.
 */
export const antigravity: ClientDescriptor = {
  id: 'antigravity',
  label: 'Antigravity',
  shape: { format: 'json', serversKey: 'mcpServers' },
  configPath(platform, scope) {
    if (scope !== 'user') return undefined;
    return platform.path.join(platform.home, '.gemini', 'antigravity', 'mcp_config.json');
  },
  detect(platform) {
    return detectByHints(platform, {
      folders: [platform.path.join(platform.home, '.gemini', 'antigravity')],
      commands: ['antigravity', 'agy'],
      installs: [
        ...macAppBundles(platform, 'Antigravity.app'),
        ...(platform.os === 'win32' ? [platform.path.join(windowsLocalAppData(platform), 'Programs', 'Antigravity')] : []),
      ],
    });
  },
  templates: { bridge: 'antigravity.bridge', native: 'antigravity.native' },
  tokenUnsupported:
    "Antigravity does not expand environment variables in mcp_config.json, so the token itself would have to be written there; refusing. Use the bridge's browser sign-in instead (without --token-env).",
  nextStep: ({ mode, name }) =>
    mode === 'native'
      ? `In Antigravity open the agent panel → MCP Servers → Manage, refresh, and start ${name}; Antigravity documents no OAuth sign-in, so if it does not connect run setup again without --native.`
      : `In Antigravity open the agent panel → MCP Servers → Manage and refresh: ${name} starts, and mcp-remote opens the browser to sign in.`,
};
