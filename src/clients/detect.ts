import { findOnPath, type Platform } from '../core/platform.js';
import { displayPath } from './paths.js';
import type { Detection } from './types.js';

/** What can show that a client is installed: folders it creates, its command, its app bundle. */
export interface DetectionHints {
  folders?: string[];
  commands?: string[];
  installs?: string[];
}

/** Checks the hints in order, without starting any program, and names the first one found. */
export function detectByHints(platform: Platform, hints: DetectionHints): Detection {
  for (const folder of hints.folders ?? []) {
    if (platform.exists(folder)) return { detected: true, evidence: `${displayPath(platform, folder)} exists` };
  }
  for (const command of hints.commands ?? []) {
    // npm and npx put a project's node_modules/.bin first on PATH: a client CLI there is some
    // package's dependency (ours, when run from source), not a client this person uses.
    const found = findOnPath(platform, command, (file) => !/[\\/]node_modules[\\/]\.bin[\\/]/.test(file));
    if (found) return { detected: true, evidence: `${command} on PATH (${found})` };
  }
  for (const install of hints.installs ?? []) {
    if (platform.exists(install)) return { detected: true, evidence: `${install} installed` };
  }
  return { detected: false, evidence: '' };
}
