import type { ClientDescriptor } from '../../src/clients/types.js';
import type { JsonObject } from '../../src/config/json-types.js';
import type { Platform } from '../../src/core/platform.js';
import { chooseEntry, isRefusal, renderChoice } from '../../src/entries/expected-entry.js';

/** The entry setup writes for a client (undefined where it refuses), rendered for the platform. */
export function expectedEntry(
  client: ClientDescriptor,
  platform: Pick<Platform, 'os'>,
  url: string,
  native: boolean,
  options: { tokenEnv?: string; name?: string } = {},
): JsonObject | undefined {
  const choice = chooseEntry(client, { url, native, tokenEnv: options.tokenEnv });
  if (isRefusal(choice)) return undefined;
  return renderChoice(client, platform, choice, options.name ?? 'intercom');
}
