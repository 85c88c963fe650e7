import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { environmentChecks, proxyForUrl } from '../../src/doctor/environment.js';
import type { Check } from '../../src/doctor/types.js';
import type { OsName, Platform } from '../../src/core/platform.js';
import { createTestCertificates, TEST_CA_NAME, type TestCertificates } from '../fixtures/tls.js';

const US_MCP = 'https://mcp.intercom.com/mcp';
const EU_MCP = 'https://mcp.eu.intercom.com/mcp';

interface FakeMachine {
  os?: OsName;
  env?: Record<string, string | undefined>;
  /** Files that exist. */
  files?: string[];
  nodeVersion?: string;
}

/** A described machine: no real PATH, files or environment are read. */
function platformOf({ os = 'linux', env = {}, files = [], nodeVersion = '20.11.1' }: FakeMachine): Platform {
  const windows = os === 'win32';
  // Windows file names are case-insensitive (PATHEXT gives .CMD, the file is npx.cmd).
  const key = (p: string): string => (windows ? p.toLowerCase() : p);
  const existing = new Set(files.map(key));
  return {
    os,
    env,
    home: windows ? 'C:\\Users\\me' : '/home/me',
    cwd: windows ? 'C:\\Users\\me' : '/home/me',
    path: windows ? path.win32 : path.posix,
    exists: (p) => existing.has(key(p)),
    isFile: (p) => existing.has(key(p)),
    nodeVersion,
  };
}

async function checkOf(id: string, machine: FakeMachine, urls: string[] = [US_MCP], readFile?: (p: string) => string): Promise<Check> {
  const checks = await environmentChecks(platformOf(machine), urls, readFile ? { readFile } : {});
  const found = checks.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
}

describe('environmentChecks', () => {
  it('returns the five checks in the Environment group, each with a fix unless it passes', async () => {
    const checks = await environmentChecks(platformOf({ nodeVersion: '16.0.0', env: { NODE_TLS_REJECT_UNAUTHORIZED: '0' } }), [US_MCP]);
    expect(checks.map((c) => c.id)).toEqual(['env.node', 'env.npx', 'env.proxy', 'env.extra-ca', 'env.tls-reject']);
    for (const check of checks) {
      expect(check.group).toBe('Environment');
      expect(check.message).not.toMatch(/\n/);
      if (check.status !== 'pass') expect(check.fix, check.id).toBeTruthy();
    }
  });

  describe('env.node', () => {
    it.each([
      ['20.11.1', 'pass', /Node\.js 20\.11\.1/],
      ['v22.3.0', 'pass', /Node\.js 22\.3\.0/],
      ['18.19.0', 'warn', /older than mcp-remote needs/],
      ['19.9.0', 'warn', /older than mcp-remote needs/],
      ['16.20.2', 'fail', /too old/],
      ['banana', 'warn', /Could not read/],
    ] as const)('Node %s → %s', async (nodeVersion, status, message) => {
      const check = await checkOf('env.node', { nodeVersion });
      expect(check.status).toBe(status);
      expect(check.message).toMatch(message);
      if (status !== 'pass') expect(check.fix).toMatch(/nvm install 20/);
    });
  });

  describe('env.npx', () => {
    it('passes on Linux when npx is on PATH', async () => {
      const check = await checkOf('env.npx', { env: { PATH: '/usr/bin:/home/me/.nvm/bin' }, files: ['/home/me/.nvm/bin/npx'] });
      expect(check).toMatchObject({ status: 'pass', message: 'npx found at /home/me/.nvm/bin/npx' });
    });

    it('fails on Linux without npx, with an install fix', async () => {
      const check = await checkOf('env.npx', { env: { PATH: '/usr/bin' } });
      expect(check).toMatchObject({ status: 'fail', message: expect.stringMatching(/not on PATH/), fix: expect.stringMatching(/nodejs\.org/) });
    });

    it('warns on a Mac with nvm that GUI clients find another npx, and says which', async () => {
      const nvmBin = '/Users/me/.nvm/versions/node/v20.11.1/bin';
      const check = await checkOf('env.npx', {
        os: 'darwin',
        env: { PATH: `${nvmBin}:/usr/bin:/bin` },
        files: [`${nvmBin}/npx`, '/usr/local/bin/npx', '/usr/local/bin/node'],
      });
      expect(check.status).toBe('warn');
      expect(check.message).toMatch(/GUI clients may not see PATH entries from nvm, Homebrew/);
      expect(check.message).toContain('they would find /usr/local/bin/npx and /usr/local/bin/node');
      expect(check.fix).toContain(`"command": "${nvmBin}/npx"`);
      expect(check.fix).toContain(`"PATH": "${nvmBin}:/usr/bin:/bin"`);
    });

    it('says when a GUI client would find no npx at all on a Mac', async () => {
      const check = await checkOf('env.npx', { os: 'darwin', env: { PATH: '/Users/me/.volta/bin' }, files: ['/Users/me/.volta/bin/npx'] });
      expect(check.message).toContain('they find no npx in /opt/homebrew/bin, /usr/local/bin, /usr/bin');
    });

    it('passes on a Mac when npx is in Homebrew\u2019s folder', async () => {
      const check = await checkOf('env.npx', { os: 'darwin', env: { PATH: '/opt/homebrew/bin:/usr/bin' }, files: ['/opt/homebrew/bin/npx'] });
      expect(check).toMatchObject({ status: 'pass', message: expect.stringMatching(/GUI clients find it too/) });
    });

    it('fails on a Mac without npx anywhere', async () => {
      const check = await checkOf('env.npx', { os: 'darwin', env: { PATH: '/usr/bin:/bin' } });
      expect(check).toMatchObject({ status: 'fail', message: expect.stringMatching(/not on PATH.*no npx in \/opt\/homebrew\/bin/) });
    });

    it('finds npx.cmd on Windows through PATHEXT and passes in Program Files', async () => {
      const check = await checkOf('env.npx', {
        os: 'win32',
        env: { Path: 'C:\\Windows;c:\\program files\\nodejs', PATHEXT: '.EXE;.CMD', ProgramFiles: 'C:\\Program Files' },
        files: ['C:\\Program Files\\nodejs\\npx.cmd', 'C:\\Program Files\\nodejs\\node.exe'],
      });
      expect(check).toMatchObject({ status: 'pass', message: expect.stringMatching(/program files\\nodejs\\npx\.CMD.*GUI clients find it too/i) });
    });

    it('warns on Windows when npx comes from a per-shell manager', async () => {
      const fnm = 'C:\\Users\\me\\AppData\\Local\\fnm_multishells\\123';
      const check = await checkOf('env.npx', { os: 'win32', env: { PATH: fnm, PATHEXT: '.CMD' }, files: [`${fnm}\\npx.cmd`] });
      expect(check.status).toBe('warn');
      expect(check.message).toContain('they find no npx in C:\\Program Files\\nodejs');
      expect(check.fix?.toLowerCase()).toContain(`"${fnm}\\npx.cmd"`.toLowerCase());
    });
  });

  describe('env.proxy', () => {
    it('passes with no proxy variables', async () => {
      expect(await checkOf('env.proxy', {})).toMatchObject({ status: 'pass', message: expect.stringMatching(/No proxy variables/) });
    });

    it('warns that mcp-remote needs --enable-proxy, masking the password', async () => {
      const check = await checkOf('env.proxy', { env: { HTTPS_PROXY: 'http://alice:s3cret@proxy.corp:3128' } });
      expect(check.status).toBe('warn');
      expect(check.message).toContain(`${US_MCP} goes through http://alice:***@proxy.corp:3128 (HTTPS_PROXY)`);
      expect(check.message).not.toContain('s3cret');
      expect(check.fix).toContain('--enable-proxy');
    });

    it('reports each endpoint, honouring a NO_PROXY domain suffix', async () => {
      const check = await checkOf('env.proxy', { env: { https_proxy: 'http://proxy.corp:3128', no_proxy: 'localhost,.eu.intercom.com' } }, [US_MCP, EU_MCP]);
      expect(check.message).toContain(`${US_MCP} goes through http://proxy.corp:3128 (https_proxy)`);
      expect(check.message).toContain(`${EU_MCP} goes direct (no_proxy entry .eu.intercom.com)`);
    });

    it('passes when NO_PROXY excludes every endpoint', async () => {
      const check = await checkOf('env.proxy', { env: { HTTPS_PROXY: 'http://proxy.corp:3128', NO_PROXY: 'intercom.com' } }, [US_MCP, EU_MCP]);
      expect(check).toMatchObject({ status: 'pass', message: expect.stringMatching(/goes direct \(NO_PROXY entry intercom\.com\)/) });
    });

    it('flags a mixed-case name that Node ignores outside Windows, and case pairs that disagree', async () => {
      const check = await checkOf('env.proxy', { env: { Https_Proxy: 'http://a:1', http_proxy: 'http://b:2', HTTP_PROXY: 'http://c:3' } });
      expect(check.message).toContain('Https_Proxy is ignored (Node reads only https_proxy or HTTPS_PROXY)');
      expect(check.message).toContain('http_proxy and HTTP_PROXY differ; Node uses http_proxy');
      // https falls back to the http proxy, as in undici.
      expect(check.message).toContain('goes through http://b:2 (http_proxy)');
    });

    it('reads any case on Windows', async () => {
      const check = await checkOf('env.proxy', { os: 'win32', env: { Https_Proxy: 'http://proxy.corp:8080' } });
      expect(check.message).toContain('goes through http://proxy.corp:8080');
      expect(check.message).not.toContain('ignored');
    });

    it('fails on a proxy variable that is not a URL', async () => {
      const check = await checkOf('env.proxy', { env: { HTTPS_PROXY: 'proxy.corp:3128' } });
      expect(check).toMatchObject({ status: 'fail', message: expect.stringMatching(/not an http:\/\/ or https:\/\/ URL/) });
    });
  });

  describe('proxyForUrl follows undici\u2019s EnvHttpProxyAgent', () => {
    const read = (env: Record<string, string>) => (name: string) => env[name];
    it.each([
      ['no variables', {}, US_MCP, 'direct'],
      ['https uses HTTP_PROXY when HTTPS_PROXY is unset', { HTTP_PROXY: 'http://p:1' }, US_MCP, 'proxy'],
      ['http ignores HTTPS_PROXY', { HTTPS_PROXY: 'http://p:1' }, 'http://mcp.intercom.com/mcp', 'direct'],
      ['exact host', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'mcp.intercom.com' }, US_MCP, 'direct'],
      ['leading dot suffix', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '.intercom.com' }, US_MCP, 'direct'],
      ['star-dot suffix', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '*.intercom.com' }, US_MCP, 'direct'],
      ['wildcard', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' }, US_MCP, 'direct'],
      ['host:port that matches', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'mcp.intercom.com:443' }, US_MCP, 'direct'],
      ['host:port on another port', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'mcp.intercom.com:8443' }, US_MCP, 'proxy'],
      ['a name that only ends alike', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'com.intercom.com' }, 'https://xcom.intercom.com/mcp', 'proxy'],
      ['lowercase no_proxy wins', { HTTPS_PROXY: 'http://p:1', no_proxy: 'other.example', NO_PROXY: 'intercom.com' }, US_MCP, 'proxy'],
    ] as const)('%s', (_name, env, url, kind) => {
      expect(proxyForUrl(new URL(url), read(env)).kind).toBe(kind);
    });
  });

  describe('env.extra-ca', () => {
    let certs: TestCertificates;
    let garbagePath: string;
    beforeAll(async () => {
      certs = await createTestCertificates();
      garbagePath = path.join(certs.dir, 'not-pem.crt');
      await writeFile(garbagePath, 'this is DER, honest\n');
    });
    afterAll(async () => {
      await certs?.cleanup();
    });

    const withFile = (file: string): FakeMachine => ({ env: { NODE_EXTRA_CA_CERTS: file }, files: [file] });

    it('passes when unset', async () => {
      expect((await checkOf('env.extra-ca', {})).status).toBe('pass');
    });

    it('fails when the file does not exist, saying Node ignores it', async () => {
      const check = await checkOf('env.extra-ca', { env: { NODE_EXTRA_CA_CERTS: '/etc/ssl/corp.pem' } });
      expect(check).toMatchObject({ status: 'fail', message: expect.stringMatching(/does not exist.*ignores it/) });
      expect(check.fix).toBe('export NODE_EXTRA_CA_CERTS=/path/to/corporate-root.pem');
    });

    it('gives the Windows command on Windows', async () => {
      const check = await checkOf('env.extra-ca', { os: 'win32', env: { NODE_EXTRA_CA_CERTS: 'C:\\corp.pem' } });
      expect(check.fix).toMatch(/^setx NODE_EXTRA_CA_CERTS "C:\\path/);
    });

    it('passes with a real PEM CA, naming it', async () => {
      const check = await checkOf('env.extra-ca', withFile(certs.ca.certPath));
      expect(check).toMatchObject({ status: 'pass', message: expect.stringContaining(`1 certificate(s), first ${TEST_CA_NAME} valid until`) });
    });

    it('counts every certificate of a bundle', async () => {
      const bundle = certs.ca.cert + certs.leaf.cert;
      const check = await checkOf('env.extra-ca', withFile('/etc/bundle.pem'), [US_MCP], () => bundle);
      expect(check.message).toContain('2 certificate(s)');
    });

    it('fails on a file without a PEM certificate, suggesting the conversion', async () => {
      const check = await checkOf('env.extra-ca', withFile(garbagePath));
      expect(check).toMatchObject({
        status: 'fail',
        message: expect.stringMatching(/no PEM certificate/),
        fix: expect.stringMatching(/^openssl x509 -inform der/),
      });
    });

    it('fails when every certificate has expired', async () => {
      const check = await checkOf('env.extra-ca', withFile(certs.expired.certPath));
      expect(check).toMatchObject({ status: 'fail', message: expect.stringMatching(/every certificate has expired/) });
    });

    it('passes a bundle where only some certificates have expired, naming those (Node ignores them)', async () => {
      const check = await checkOf('env.extra-ca', withFile('/etc/mixed.pem'), [US_MCP], () => certs.ca.cert + certs.expired.cert);
      expect(check).toMatchObject({ status: 'pass', message: expect.stringMatching(/1 usable certificate\(s\); 1 expired one\(s\) are ignored/) });
    });

    it('warns about a relative path', async () => {
      const check = await checkOf('env.extra-ca', withFile('corp.pem'), [US_MCP], () => certs.ca.cert);
      expect(check).toMatchObject({ status: 'warn', message: expect.stringMatching(/is relative/) });
    });

    it('fails when the file cannot be read', async () => {
      const check = await checkOf('env.extra-ca', withFile('/etc/locked.pem'), [US_MCP], () => {
        throw new Error('EACCES: permission denied');
      });
      expect(check).toMatchObject({ status: 'fail', message: expect.stringMatching(/cannot be read.*EACCES/) });
    });
  });

  describe('env.tls-reject', () => {
    it('flags NODE_TLS_REJECT_UNAUTHORIZED=0 as insecure and says to unset it', async () => {
      const check = await checkOf('env.tls-reject', { env: { NODE_TLS_REJECT_UNAUTHORIZED: '0' } });
      expect(check).toMatchObject({ status: 'warn', message: expect.stringMatching(/insecure/) });
      expect(check.fix).toMatch(/^unset NODE_TLS_REJECT_UNAUTHORIZED/);
      expect(check.fix).not.toMatch(/NODE_TLS_REJECT_UNAUTHORIZED=0/);
    });

    it('gives the PowerShell removal on Windows, reading any case', async () => {
      const check = await checkOf('env.tls-reject', { os: 'win32', env: { node_tls_reject_unauthorized: '0' } });
      expect(check.status).toBe('warn');
      expect(check.fix).toMatch(/SetEnvironmentVariable\("NODE_TLS_REJECT_UNAUTHORIZED", \$null, "User"\)/);
    });

    it.each([undefined, '1', 'false'])('passes for %s (Node disables checks only for "0")', async (value) => {
      expect((await checkOf('env.tls-reject', { env: { NODE_TLS_REJECT_UNAUTHORIZED: value } })).status).toBe('pass');
    });
  });
});
