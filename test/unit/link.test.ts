/**
 * `link`: the one-click install links decode back to exactly the entry setup writes (decoded here
 * with plain URL and base64 code, not only with the tool's own decoder), in the formats the
 * clients document, and the command prints one line (or JSON) and refuses what it cannot link.
 */
import { describe, expect, it } from 'vitest';
import { clientById } from '../../src/clients/index.js';
import { installLink, LINK_CLIENTS, planLink, type LinkClient } from '../../src/commands/link.js';
import { decodeInstallLink } from '../helpers/install-link.js';
import { endpointUrl } from '../../src/core/endpoint.js';
import { expectedEntry } from '../helpers/expected-entry.js';
import { runCli, tempHome } from '../helpers/cli.js';

const linuxOs = { os: 'linux' as const };

/** Decodes a link the way each client's handler reads it, independently of decodeInstallLink. */
function decodeByHand(link: string): { name: string; entry: Record<string, unknown> } {
  if (link.startsWith('vscode:mcp/install?') || link.startsWith('vscode-insiders:mcp/install?')) {
    const { name, inputs: _inputs, ...entry } = JSON.parse(decodeURIComponent(link.slice(link.indexOf('?') + 1))) as Record<string, unknown>;
    return { name: name as string, entry };
  }
  const params = new URL(link).searchParams;
  return { name: params.get('name')!, entry: JSON.parse(Buffer.from(params.get('config')!, 'base64').toString('utf8')) };
}

const cases = LINK_CLIENTS.flatMap((client) =>
  [false, true].flatMap((native) =>
    (['sse', 'http'] as const).flatMap((transport) => [undefined, 'INTERCOM_TOKEN'].map((tokenEnv) => ({ client, native, transport, tokenEnv }))),
  ),
).filter(({ client, tokenEnv }) => !(client === 'lm-studio' && tokenEnv));

describe('install links decode back to the entry setup writes', () => {
  it.each(cases)('$client native=$native $transport token=$tokenEnv', ({ client, native, transport, tokenEnv }) => {
    const url = endpointUrl('us', transport);
    const plan = planLink(client, { url, native, tokenEnv, name: 'intercom' });
    const expected = expectedEntry(clientById(client)!, linuxOs, url, native, { tokenEnv, name: 'intercom' });
    expect(decodeByHand(plan.link)).toEqual({ name: 'intercom', entry: expected });
    expect(decodeInstallLink(plan.link)).toMatchObject({ client, name: 'intercom', entry: expected });
    expect(plan.link).not.toMatch(/\s/);
  });

  it("uses each client's documented prefix", () => {
    const url = endpointUrl('us', 'http');
    const prefixes: Record<LinkClient, string> = {
      cursor: 'cursor://anysphere.cursor-deeplink/mcp/install?name=intercom&config=',
      vscode: 'vscode:mcp/install?%7B%22name%22%3A%22intercom%22%2C',
      'vscode-insiders': 'vscode-insiders:mcp/install?%7B%22name%22%3A%22intercom%22%2C',
      'lm-studio': 'lmstudio://add_mcp?name=intercom&config=',
    };
    for (const client of LINK_CLIENTS) expect(planLink(client, { url, native: true, name: 'intercom' }).link.startsWith(prefixes[client])).toBe(true);
    expect(planLink('cursor', { url, native: true, name: 'intercom' }).link).toBe(
      `cursor://anysphere.cursor-deeplink/mcp/install?name=intercom&config=${encodeURIComponent(Buffer.from(JSON.stringify({ url })).toString('base64'))}`,
    );
    expect(planLink('vscode', { url, native: true, name: 'intercom' }).link).toBe(
      `vscode:mcp/install?${encodeURIComponent(JSON.stringify({ name: 'intercom', type: 'http', url }))}`,
    );
  });

  it("matches LM Studio's own example link byte for byte (lmstudio.ai/docs/app/mcp/deeplink)", () => {
    const example =
      'lmstudio://add_mcp?name=hf-mcp-server&config=eyJ1cmwiOiJodHRwczovL2h1Z2dpbmdmYWNlLmNvL21jcCIsImhlYWRlcnMiOnsiQXV0aG9yaXphdGlvbiI6IkJlYXJlciA8WU9VUl9IRl9UT0tFTj4ifX0%3D';
    const decoded = decodeInstallLink(example);
    expect(decoded).toEqual({
      client: 'lm-studio',
      name: 'hf-mcp-server',
      entry: { url: 'https://huggingface.co/mcp', headers: { Authorization: 'Bearer <YOUR_HF_TOKEN>' } },
    });
    expect(installLink('lm-studio', decoded.name, decoded.entry)).toBe(example);
  });

  it("reads Cursor's documented form too (base64 with a bare =)", () => {
    const raw = Buffer.from(JSON.stringify({ command: 'npx', args: ['-y', 'x'] })).toString('base64');
    expect(decodeInstallLink(`cursor://anysphere.cursor-deeplink/mcp/install?name=x&config=${raw}`).entry).toEqual({ command: 'npx', args: ['-y', 'x'] });
  });

  it("puts VS Code's password prompt in a token link, and no token anywhere", () => {
    const plan = planLink('vscode', { url: endpointUrl('eu', 'http'), native: true, tokenEnv: 'INTERCOM_TOKEN', name: 'intercom' });
    expect(decodeInstallLink(plan.link)).toEqual({
      client: 'vscode',
      name: 'intercom',
      entry: { type: 'http', url: 'https://mcp.eu.intercom.com/mcp', headers: { Authorization: 'Bearer ${input:intercom-token}' } },
      inputs: [{ type: 'promptString', id: 'intercom-token', description: 'Intercom access token (the value of INTERCOM_TOKEN)', password: true }],
    });
  });

  it('warns that a bridge link starts npx directly, which Windows GUI apps cannot', () => {
    expect(planLink('cursor', { url: endpointUrl('us', 'sse'), native: false, name: 'intercom' }).notes.join(' ')).toContain('on Windows');
    expect(planLink('cursor', { url: endpointUrl('us', 'sse'), native: true, name: 'intercom' }).notes).toEqual([]);
  });
});

describe('intercom-mcp-setup link', () => {
  it('prints the link alone on stdout, and JSON with --json', async () => {
    const home = await tempHome();
    const text = await runCli(['link', '--client', 'cursor', '--native', '--transport', 'http'], { home });
    expect(text.exitCode).toBe(0);
    expect(text.stderr).toBe('');
    expect(text.stdout.trim().split('\n')).toHaveLength(1);
    expect(decodeInstallLink(text.stdout.trim())).toEqual({ client: 'cursor', name: 'intercom', entry: { url: 'https://mcp.intercom.com/mcp' } });

    const json = await runCli(['link', '--client', 'vscode', '--json', '--name', 'intercom-eu', '--region', 'eu'], { home });
    expect(json.exitCode).toBe(0);
    const parsed = JSON.parse(json.stdout) as { link: string; entry: object; mode: string; notes: string[] };
    expect(parsed.mode).toBe('bridge');
    expect(decodeInstallLink(parsed.link)).toMatchObject({ name: 'intercom-eu', entry: parsed.entry });
    expect(parsed.notes.join(' ')).toContain('on Windows');
  });

  it('never puts the token in the link, even when the variable is set', async () => {
    const home = await tempHome();
    const secret = 'sk_live_never_in_a_link_0123456789';
    const result = await runCli(['link', '--client', 'cursor', '--native', '--token-env', 'INTERCOM_TOKEN'], { home, env: { INTERCOM_TOKEN: secret } });
    expect(result.exitCode).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(secret);
    expect(decodeInstallLink(result.stdout.trim()).entry).toEqual({
      url: 'https://mcp.intercom.com/sse',
      headers: { Authorization: 'Bearer ${env:INTERCOM_TOKEN}' },
    });
  });

  it.each([
    [['link'], 2, 'link needs exactly one --client'],
    [['link', '--client', 'zed'], 2, 'link needs exactly one --client of cursor, vscode, vscode-insiders, lm-studio'],
    [['link', '--client', 'cursor,vscode'], 2, 'exactly one'],
    [['link', '--client', 'lm-studio', '--token-env', 'T'], 1, 'LM Studio does not expand environment variables'],
  ])('%j exits %i: %s', async (args, code, message) => {
    const result = await runCli(args, { home: await tempHome() });
    expect(result.exitCode).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
  });
});
