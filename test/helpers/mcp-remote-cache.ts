/**
 * The Intercom URLs the auth-cache and reset-auth tests use, and the names mcp-remote gives their
 * cache files: md5 of the URL, computed here with node:crypto, independently of src/.
 */
import { createHash } from 'node:crypto';

export const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

export const SSE = 'https://mcp.intercom.com/sse';
export const MCP = 'https://mcp.intercom.com/mcp';
export const EU_SSE = 'https://mcp.eu.intercom.com/sse';
export const EU_MCP = 'https://mcp.eu.intercom.com/mcp';
/** Another server's URL, whose files must survive every Intercom reset. */
export const OTHER = 'https://mcp.linear.app/sse';

export const H_SSE = md5(SSE);
export const H_MCP = md5(MCP);
export const H_EU_MCP = md5(EU_MCP);
export const H_OTHER = md5(OTHER);
