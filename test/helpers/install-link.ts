import type { LinkClient } from '../../src/commands/link.js';
import type { JsonObject } from '../../src/config/json-types.js';

export interface DecodedLink {
  client: LinkClient;
  name: string;
  entry: JsonObject;
  inputs?: JsonObject[];
}

/** Reads an install link back into the entry it carries (the inverse of installLink, for the tests). */
export function decodeInstallLink(link: string): DecodedLink {
  const vscode = /^(vscode|vscode-insiders):mcp\/install\?(.*)$/s.exec(link);
  if (vscode) {
    const { name, inputs, ...entry } = JSON.parse(decodeURIComponent(vscode[2]!)) as JsonObject & { name: string; inputs?: JsonObject[] };
    return { client: vscode[1] as LinkClient, name, entry, ...(inputs ? { inputs } : {}) };
  }
  const url = new URL(link);
  const client: LinkClient | undefined =
    url.protocol === 'cursor:' && url.host === 'anysphere.cursor-deeplink' && url.pathname === '/mcp/install'
      ? 'cursor'
      : url.protocol === 'lmstudio:' && url.host === 'add_mcp'
        ? 'lm-studio'
        : undefined;
  const name = url.searchParams.get('name');
  const config = url.searchParams.get('config');
  if (!client || name === null || config === null) throw new Error(`not an install link this tool makes: ${link}`);
  return { client, name, entry: JSON.parse(Buffer.from(config, 'base64').toString('utf8')) as JsonObject };
}
