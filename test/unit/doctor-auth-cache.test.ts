import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callbackPort } from '../../src/auth/auth-cache.js';
import { authCacheChecks } from '../../src/doctor/auth-cache-checks.js';
import { currentPlatform } from '../../src/core/platform.js';

const URL_SSE = 'https://mcp.intercom.com/sse';
const HASH = createHash('md5').update(URL_SSE).digest('hex');
const NOW = Date.parse('2026-11-25T12:00:00Z');

async function cacheWith(files: Record<string, unknown>): Promise<{ home: string; platform: ReturnType<typeof currentPlatform> }> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'ims-doctor-auth-'));
  const folder = path.join(home, '.mcp-auth', 'mcp-remote-v1');
  await mkdir(folder, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    await writeFile(path.join(folder, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return { home, platform: currentPlatform({ HOME: home }) };
}

describe("doctor's auth-cache checks", () => {
  it('says nothing is stored when the cache does not exist', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'ims-doctor-auth-'));
    const checks = await authCacheChecks(currentPlatform({ HOME: home }), [], [], NOW);
    expect(checks).toEqual([expect.objectContaining({ id: 'auth.cache', status: 'pass', message: expect.stringContaining('does not exist yet') })]);
  });

  it('reports a valid sign-in with its expiry and never the token', async () => {
    const { platform } = await cacheWith({
      [`${HASH}_tokens.json`]: { access_token: 'SECRET-ACCESS', refresh_token: 'SECRET-REFRESH', expires_at: NOW + 3 * 86_400_000 },
      [`${HASH}_client_info.json`]: { client_id: 'c1', redirect_uris: [`http://localhost:${callbackPort(HASH)}/oauth/callback`] },
    });
    const checks = await authCacheChecks(platform, [], [], NOW);
    const tokens = checks.find((check) => check.id === 'auth.tokens');
    expect(tokens).toMatchObject({ status: 'pass', message: expect.stringContaining('expires in 3 days') });
    expect(JSON.stringify(checks)).not.toMatch(/SECRET-/);
    expect(checks.some((check) => check.id === 'auth.registration')).toBe(false);
  });

  it('warns about an expired token without a refresh token, naming reset-auth', async () => {
    const { platform } = await cacheWith({ [`${HASH}_tokens.json`]: { access_token: 'x', expires_at: NOW - 2 * 3_600_000 } });
    const tokens = (await authCacheChecks(platform, [], [], NOW)).find((check) => check.id === 'auth.tokens');
    expect(tokens).toMatchObject({ status: 'warn', message: expect.stringContaining('expired 2 hours ago'), fix: expect.stringContaining('reset-auth') });
  });

  it('warns when the stored registration redirects to another port than mcp-remote now uses', async () => {
    const { platform } = await cacheWith({
      [`${HASH}_client_info.json`]: { client_id: 'c1', redirect_uris: ['http://localhost:4444/oauth/callback'] },
      [`${HASH}_tokens.json`]: { access_token: 'x', refresh_token: 'y', expires_at: NOW + 1000 },
    });
    const registration = (await authCacheChecks(platform, [], [], NOW)).find((check) => check.id === 'auth.registration');
    expect(registration).toMatchObject({
      status: 'warn',
      message: expect.stringContaining(`port 4444, but mcp-remote now listens on ${callbackPort(HASH)}`),
      fix: 'npx intercom-mcp-setup reset-auth',
    });
  });

  it('warns about a registration that never got tokens (an unfinished sign-in)', async () => {
    const { platform } = await cacheWith({ [`${HASH}_client_info.json`]: { client_id: 'c1' } });
    const tokens = (await authCacheChecks(platform, [], [], NOW)).find((check) => check.id === 'auth.tokens');
    expect(tokens).toMatchObject({ status: 'warn', message: expect.stringContaining('never signed in') });
  });

  it('reports a sign-in in progress with the pid holding it', async () => {
    const { platform } = await cacheWith({
      [`${HASH}_refresh_in_progress.json`]: { pid: process.pid, nonce: 'n', at: NOW },
    });
    const progress = (await authCacheChecks(platform, [], [], NOW)).find((check) => check.id === 'auth.in-progress');
    expect(progress).toMatchObject({ status: 'warn', message: expect.stringContaining(`pid ${process.pid}`) });
  });

  it('refuses MCP_REMOTE_CONFIG_DIR=/ as a failed check', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'ims-doctor-auth-'));
    const checks = await authCacheChecks(currentPlatform({ HOME: home, MCP_REMOTE_CONFIG_DIR: '/' }), [], [], NOW);
    expect(checks[0]).toMatchObject({ id: 'auth.cache', status: 'fail' });
  });
});
