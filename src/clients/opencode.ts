import type { Platform } from '../core/platform.js';
import { detectByHints } from './detect.js';
import { absoluteEnvPath, xdgConfigHome } from './paths.js';
import type { ClientDescriptor } from './types.js';

interface OpenCodeFlavour {
  id: string;
  label: string;
  /** The config file's base name (`opencode`, `kilo`): `<name>.jsonc` or `<name>.json`. */
  name: string;
  /** The folder under $XDG_CONFIG_HOME, and the project's hidden folder without its dot. */
  folder: string;
  /** Environment variables naming the config folder and the config file. */
  dirEnv: string;
  fileEnv: string;
  command: string;
}

/** The file to write in a folder: the `.jsonc` one when it exists, else the `.json` one. */
function configFile(platform: Platform, folder: string, name: string): string {
  const jsonc = platform.path.join(folder, `${name}.jsonc`);
  return platform.exists(jsonc) ? jsonc : platform.path.join(folder, `${name}.json`);
}

function userFolder(platform: Platform, flavour: OpenCodeFlavour): string {
  return absoluteEnvPath(platform, flavour.dirEnv) ?? platform.path.join(xdgConfigHome(platform), flavour.folder);
}

/**
 * OpenCode and its fork Kilo Code CLI: `mcp.<name>` in `<name>.json[c]` (JSONC), remote servers
 * `{"type": "remote", "url"}` (Streamable HTTP, then SSE; they sign in with OAuth themselves),
 * local ones `{"type": "local", "command": [program, ...args]}`; a Cursor-style `{"url"}` is
 * rejected. `{env:VAR}` in a string is replaced by the variable.
 */
function openCodeClient(flavour: OpenCodeFlavour): ClientDescriptor {
  return {
    id: flavour.id,
    label: flavour.label,
    shape: { format: 'jsonc', serversKey: 'mcp' },
    configPath(platform, scope) {
      if (scope === 'project') {
        const candidates = [platform.cwd, platform.path.join(platform.cwd, `.${flavour.folder}`)].flatMap((folder) => [
          platform.path.join(folder, `${flavour.name}.jsonc`),
          platform.path.join(folder, `${flavour.name}.json`),
        ]);
        return candidates.find((file) => platform.exists(file)) ?? platform.path.join(platform.cwd, `${flavour.name}.json`);
      }
      return absoluteEnvPath(platform, flavour.fileEnv) ?? configFile(platform, userFolder(platform, flavour), flavour.name);
    },
    detect(platform) {
      return detectByHints(platform, { folders: [userFolder(platform, flavour)], commands: [flavour.command] });
    },
    templates: { bridge: 'opencode.bridge', native: 'opencode.native', nativeToken: 'opencode.native-token' },
    nextStep: ({ mode, tokenEnv, name }) => {
      if (tokenEnv) return `Start ${flavour.command} with ${tokenEnv} set; ${flavour.command} mcp list shows ${name} connected.`;
      return mode === 'native'
        ? `Run: ${flavour.command} mcp auth ${name}   (signs in in the browser), then start ${flavour.command}.`
        : `Start ${flavour.command}; mcp-remote opens the browser to sign in to Intercom.`;
    },
  };
}

/**
 * Source: opencode.ai/docs/mcp-servers and /docs/config — `mcp.<name>` `{"type":"remote","url"}` or
 * `{"type":"local","command":[…]}` in ~/.config/opencode/opencode.json[c] ($OPENCODE_CONFIG_DIR,
 * $OPENCODE_CONFIG) or the project's opencode.json[c] / .opencode/; `{env:VAR}` substitution.
 * Verified: opencode-ai 1.18.33 `opencode debug config` read both entries back (clients.md, third wave).
 */
export const opencode = openCodeClient({
  id: 'opencode',
  label: 'OpenCode',
  name: 'opencode',
  folder: 'opencode',
  dirEnv: 'OPENCODE_CONFIG_DIR',
  fileEnv: 'OPENCODE_CONFIG',
  command: 'opencode',
});

/**
 * Source: kilo.ai docs (Kilo Code CLI, an OpenCode fork) — ~/.config/kilo/kilo.json[c] ($KILO_CONFIG_DIR,
 * $KILO_CONFIG), project kilo.json / .kilo/kilo.json, `mcp` entries as OpenCode's.
 * Verified: @kilocode/cli 7.7.7 `kilo debug config` read both entries back (clients.md, third wave).
 */
export const kiloCode = openCodeClient({
  id: 'kilo-code',
  label: 'Kilo Code CLI',
  name: 'kilo',
  folder: 'kilo',
  dirEnv: 'KILO_CONFIG_DIR',
  fileEnv: 'KILO_CONFIG',
  command: 'kilo',
});
