/**
 * Issue 18 points 1 and 2 against Continue's own reader: setup over an existing Intercom entry
 * that a person has arranged (a comment inside, a flow-style args list, `env`, `requestOptions`)
 * changes only the values that carry the endpoint, and the cached `cn` 1.5.47 (`cn -p`, through
 * @continuedev/config-yaml 1.42.0's schema) still reads the file: our server at the asked URL and
 * transport, the other server as it was. Goose is a Rust program that the real-programs cache does
 * not hold (it installs npm packages only), so its file is checked by the PyYAML properties in
 * test/unit/yaml.test.ts instead. Skipped where the programs could not be installed.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/cli.js';
import { CONTINUE_PREAMBLE, readContinue, type Listing } from '../helpers/readers.js';
import { realPrograms } from '../helpers/real-programs.js';

const SSE = 'https://mcp.intercom.com/sse';
const HTTP = 'https://mcp.intercom.com/mcp';

const programs = await realPrograms(['cn', 'config-yaml']);
const missing = Object.values(programs).some((program) => program.skipped !== undefined);

let home: string;

beforeEach(async () => {
  home = await tempHome('ims-yaml-update-');
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const BEFORE = `${CONTINUE_PREAMBLE}mcpServers:
  - name: intercom   # support inbox
    # through the bridge until the pilot ends
    command: npx
    args: ["-y", "mcp-remote", "${SSE}"]   # pinned by IT
    env:
      HTTPS_PROXY: http://127.0.0.1:9   # corporate proxy
    requestOptions: {timeout: 30}
  - name: linear
    type: streamable-http
    url: https://mcp.linear.app/mcp
`;

function find(listing: Listing, name: string) {
  return listing.find((server) => server.name === name);
}

describe.skipIf(missing)('Continue reads what a key-by-key update writes', () => {
  it('--transport http changes the URL item of args only; --native then swaps command/args for type/url; cn reads each', async () => {
    const file = path.join(home, '.continue', 'config.yaml');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, BEFORE);

    const bridge = await runCli(['--client', 'continue', '--transport', 'http', '--json', '--no-check'], { home });
    expect(bridge.exitCode, bridge.stdout + bridge.stderr).toBe(0);
    const bridged = await readFile(file, 'utf8');
    expect(bridged).toBe(BEFORE.replace(`"${SSE}"]`, `"${HTTP}"]`));
    let listing = await readContinue({ home });
    // (The bridge's own stderr follows its line in cn's report, so the reader sees only the first server here.)
    expect(find(listing, 'intercom'), listing.output).toMatchObject({ transport: 'stdio', command: 'npx', args: ['-y', 'mcp-remote', HTTP] });

    const native = await runCli(['--client', 'continue', '--native', '--transport', 'http', '--json', '--no-check'], { home });
    expect(native.exitCode, native.stdout + native.stderr).toBe(0);
    const text = await readFile(file, 'utf8');
    // The bridge's keys went (with the comment above them); the person's keys and comments stayed.
    expect(text).toBe(
      BEFORE.replace(
        `    # through the bridge until the pilot ends\n    command: npx\n    args: ["-y", "mcp-remote", "${SSE}"]   # pinned by IT\n`,
        '',
      ).replace('    requestOptions: {timeout: 30}\n', `    requestOptions: {timeout: 30}\n    type: streamable-http\n    url: ${HTTP}\n`),
    );
    listing = await readContinue({ home });
    expect(find(listing, 'intercom'), listing.output).toMatchObject({ transport: 'http', url: HTTP });
    expect(find(listing, 'linear'), listing.output).toBeDefined();

    const again = await runCli(['--client', 'continue', '--native', '--transport', 'http', '--json', '--no-check'], { home });
    expect(again.exitCode).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(text);
  }, 240_000);
});
