import type { Platform } from '../core/platform.js';
import { editorUserFolder, readTextIfPresent, subfolders } from './paths.js';
import type { ConfigLocation } from './types.js';

interface StoredProfile {
  name: string;
  /** The profile reads the default profile's mcp.json ("use default profile" for MCP servers). */
  sharesDefaultMcp: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The last segment of a stored profile location: a folder name, or a serialized URI. */
function locationId(location: unknown): string | undefined {
  const raw = typeof location === 'string' ? location : isRecord(location) ? (location.path ?? location.fsPath) : undefined;
  if (typeof raw !== 'string' || raw === '') return undefined;
  const parts = raw.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1];
}

/**
 * The profiles VS Code lists in `User/globalStorage/storage.json` (`userDataProfiles`), by folder
 * name. Undefined when the file cannot be read: then every profile folder counts.
 */
function storedProfiles(userFolder: string, platform: Platform): Map<string, StoredProfile> | undefined {
  const text = readTextIfPresent(platform.path.join(userFolder, 'globalStorage', 'storage.json'));
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const list = isRecord(parsed) ? parsed.userDataProfiles : undefined;
  if (!Array.isArray(list)) return undefined;
  const profiles = new Map<string, StoredProfile>();
  for (const item of list) {
    if (!isRecord(item)) continue;
    const id = locationId(item.location);
    if (!id) continue;
    const flags = isRecord(item.useDefaultFlags) ? item.useDefaultFlags : {};
    profiles.set(id, { name: typeof item.name === 'string' && item.name ? item.name : id, sharesDefaultMcp: flags.mcp === true });
  }
  return profiles;
}

/**
 * The user-scope mcp.json of the default profile, then of each other profile that keeps its own
 * (`User/profiles/<id>/mcp.json`): VS Code reads only the active profile's file, so a server
 * written to the default profile is missing in the others. A profile that uses the default
 * profile's MCP servers reads the default file and is left out.
 */
export function vsCodeProfileLocations(platform: Platform, dataFolder: string): ConfigLocation[] {
  const userFolder = editorUserFolder(platform, dataFolder);
  const locations: ConfigLocation[] = [{ path: platform.path.join(userFolder, 'mcp.json') }];
  const folders = subfolders(platform.path.join(userFolder, 'profiles'));
  if (folders.length === 0) return locations;
  const stored = storedProfiles(userFolder, platform);
  for (const id of folders) {
    const profile = stored?.get(id);
    if (stored && !profile) continue; // a folder VS Code no longer lists (a deleted profile)
    if (profile?.sharesDefaultMcp) continue;
    locations.push({ path: platform.path.join(userFolder, 'profiles', id, 'mcp.json'), label: `profile ${profile?.name ?? id}` });
  }
  return locations;
}
