/**
 * src/engine/yaml-plan.ts with the real templates (issue 18, points 1 and 2): setup over an
 * existing Goose or Continue entry with a different --url or --transport changes only the values
 * that carry the endpoint, in place, keeping the comments, the person's keys, quoting and flow or
 * block style inside the entry; a second run changes no byte; remove takes away exactly the entry;
 * and setup followed by remove gives back a file that had no Intercom entry byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { clientById } from '../../src/clients/index.js';
import type { YamlConfigShape } from '../../src/clients/types.js';
import { parseYaml, yamlEntry } from '../../src/config/yaml.js';
import { clientOwnedKeys } from '../../src/entries/entry-keys.js';
import { planYamlRemoval, planYamlUpsert } from '../../src/engine/yaml-plan.js';
import { expectedEntry } from '../helpers/expected-entry.js';
import { fakePlatform } from '../helpers/platform.js';

const SSE = 'https://mcp.intercom.com/sse';
const HTTP = 'https://mcp.intercom.com/mcp';
const EU_HTTP = 'https://mcp.eu.intercom.com/mcp';

/** Setup then a second setup (which must change no byte), for one client, URL and mode. */
function setup(id: 'goose' | 'continue', text: string | undefined, url: string, native: boolean) {
  const client = clientById(id)!;
  const entry = expectedEntry(client, fakePlatform('linux'), url, native)!;
  const request = { shape: client.shape as YamlConfigShape, name: 'intercom', owned: () => clientOwnedKeys(client) };
  const change = planYamlUpsert(text, request, entry);
  const again = planYamlUpsert(change.text, request, entry);
  expect(again).toMatchObject({ kind: 'unchanged', text: change.text });
  return { change, remove: (original?: string) => planYamlRemoval(change.text, request, () => original) };
}

describe('setup over an existing entry changes only what must change', () => {
  it('Goose, another --url: only the uri scalar changes, in its quotes; the comments, enabled: false, timeout, envs and unknown keys stay', () => {
    const text = `GOOSE_PROVIDER: anthropic
extensions:
  developer:
    enabled: true
    type: builtin
  intercom:   # support team
    # EU workspace from January
    enabled: false   # off until the pilot
    type: streamable_http
    name: intercom
    uri: 'https://mcp.intercom.com/mcp'   # US for now
    timeout: 600
    envs: {HTTPS_PROXY: "http://proxy.corp:8080"}
    description: Intercom (ours)
GOOSE_MODE: smart_approve
`;
    const { change } = setup('goose', text, 'https://mcp.eu.intercom.com/sse', true);
    expect(change.text).toBe(text.replace("'https://mcp.intercom.com/mcp'", `'${EU_HTTP}'`));
    expect(change.notes.join('\n')).toContain('changes "uri"');
    expect(change.notes.join('\n')).toContain('stays turned off (enabled: false)');
  });

  it('Continue, another --transport: `type` and `url` change in place; the comment inside, env and unknown keys stay', () => {
    const text = `name: My Config
mcpServers:
  - name: linear
    url: https://mcp.linear.app/mcp
  - name: intercom   # ours
    # native, signs in by itself
    type: sse
    url: "https://mcp.intercom.com/sse"
    env:
      HTTPS_PROXY: http://proxy.corp:8080   # corporate
    requestOptions:
      timeout: 30
rules:
  - Be brief
`;
    const { change, remove } = setup('continue', text, HTTP, true);
    expect(change.text).toBe(text.replace('type: sse', 'type: streamable-http').replace(`"${SSE}"`, `"${HTTP}"`));
    // Remove takes away exactly the entry.
    expect(remove().text).toBe(text.replace(/ {2}- name: intercom[^]*?timeout: 30\n/, ''));
  });

  it('Continue bridge, another --url: only the URL item of args changes, block or flow, quoting kept', () => {
    const block = `mcpServers:
  - name: intercom
    command: npx
    args:
      - -y   # always the latest
      - mcp-remote
      - '${SSE}'
    env: {NODE_EXTRA_CA_CERTS: /etc/ssl/corp.pem}
`;
    expect(setup('continue', block, HTTP, false).change.text).toBe(block.replace(`'${SSE}'`, `'${HTTP}'`));
    const flow = `mcpServers:\r\n- name: intercom\r\n  command: npx\r\n  args: ["-y", "mcp-remote", "${SSE}"]  # bridge\r\n  timeout: 20`;
    expect(setup('continue', flow, HTTP, false).change.text).toBe(flow.replace(`"${SSE}"]`, `"${HTTP}"]`));
  });

  it('Continue bridge to native: command and args go, type and url are added after the last key, the rest stays where it was', () => {
    const text = `mcpServers:
  - name: intercom   # ours
    timeout: 60
    command: npx
    args: ["-y", "mcp-remote", "${SSE}"]
    env:
      HTTPS_PROXY: http://proxy.corp:8080
  - name: z
    url: https://z.test/mcp
`;
    const { change } = setup('continue', text, SSE, true);
    expect(change.text).toBe(`mcpServers:
  - name: intercom   # ours
    timeout: 60
    env:
      HTTPS_PROXY: http://proxy.corp:8080
    type: sse
    url: ${SSE}
  - name: z
    url: https://z.test/mcp
`);
    expect(change.notes.join('\n')).toMatch(/removes "command", "args"/);
  });

  it('a Goose entry written as a flow mapping stays one', () => {
    const text = `extensions:\n  intercom: {enabled: true, type: streamable_http, name: intercom, uri: ${HTTP}, timeout: 900, bundled: false}\n`;
    expect(setup('goose', text, EU_HTTP, true).change.text).toBe(text.replace(HTTP, EU_HTTP));
  });
});

describe('setup then remove gives back a file without an Intercom entry byte for byte', () => {
  // (A file without the servers key, or with a bare `extensions:`, keeps `extensions: {}` after remove: the key was not there as a mapping.)
  it('setup fills a bare `extensions:` (null, which Goose would not list anything from) instead of refusing it', () => {
    const { change, remove } = setup('goose', 'extensions:\nGOOSE_MODE: auto\n', HTTP, true);
    expect(change.text).toBe(
      'extensions:\n  intercom:\n    enabled: true\n    type: streamable_http\n    name: intercom\n    uri: https://mcp.intercom.com/mcp\n    timeout: 300\nGOOSE_MODE: auto\n',
    );
    expect(remove().text).toBe('extensions: {}\nGOOSE_MODE: auto\n');
    expect(setup('continue', 'mcpServers: ~\n', SSE, true).change.text).toBe(
      'mcpServers:\n  - name: intercom\n    type: sse\n    url: https://mcp.intercom.com/sse\n',
    );
  });

  const goose = [
    'extensions:\n  developer:\n    enabled: true\n',
    '---\n# goose\nextensions:\n    developer:\n        enabled: true\n        args:\n            - x\nGOOSE_MODE: auto',
    'GOOSE_PROVIDER: openai\r\nextensions:\r\n  a: {enabled: true}\r\n  b:\r\n    enabled: false   # off\r\n\r\n# end\r\n',
    'extensions: {}   # none yet\nGOOSE_MODE: auto\n',
  ];
  it.each(goose)('Goose %j', (text) => {
    const { change, remove } = setup('goose', text, HTTP, true);
    expect(change.text).not.toBe(text);
    expect(remove().text).toBe(text);
  });

  const continueFiles = [
    'name: c\nmcpServers:\n  - name: linear\n    url: https://mcp.linear.app/mcp\n',
    'name: c\nmcpServers:\n- name: a\n  command: npx\n- {name: b, url: "https://b.test"}\nrules: []',
    '\uFEFFname: c\r\nmcpServers: []\r\n',
    '---\nname: c\nmcpServers:\n    -   name: a   # first\n        url: https://a.test\n\n# trailing\n',
  ];
  it.each(continueFiles)('Continue %j', (text) => {
    for (const native of [true, false]) {
      const { change, remove } = setup('continue', text, SSE, native);
      expect(yamlEntry(parseYaml(change.text), { path: ['mcpServers'], shape: 'list' }, 'intercom')).toBeDefined();
      expect(remove().text).toBe(text);
    }
  });

  // A file that had no servers key: the file before setup (its oldest backup, given here) says setup made it.
  const withoutKey: Array<['goose' | 'continue', string]> = [
    ['goose', 'GOOSE_PROVIDER: openai\nGOOSE_MODEL: gpt-4o   # mine\n'],
    ['goose', '---\n# goose\nGOOSE_MODE: auto'],
    ['goose', 'GOOSE_PROVIDER: openai\r\n\r\n# end\r\n'],
    ['continue', 'name: c\nversion: 1.0.0\nmodels:\n  - name: m\n    provider: openai\n'],
    ['continue', '\uFEFFname: c\r\nrules: []'],
  ];
  it.each(withoutKey)('%s without its servers key %j: the container setup made goes with its entry', (id, text) => {
    const { change, remove } = setup(id, text, HTTP, true);
    expect(change.text).not.toBe(text);
    expect(remove(text).text).toBe(text);
    // Without the file before setup, the key stays, emptied; with a file that had it, too.
    expect(remove().text).toMatch(id === 'goose' ? /extensions: \{\}/ : /mcpServers: \[\]/);
    expect(remove(`${text}\n${id === 'goose' ? 'extensions: {}' : 'mcpServers: []'}\n`).text).toMatch(id === 'goose' ? /extensions: \{\}/ : /mcpServers: \[\]/);
  });

  it('a comment the person put inside the container setup made keeps the container', () => {
    const text = 'GOOSE_MODEL: gpt-4o\n';
    const { change } = setup('goose', text, HTTP, true);
    const commented = change.text.replace('extensions:\n', 'extensions:\n  # my servers go here\n');
    const client = clientById('goose')!;
    const request = { shape: client.shape as YamlConfigShape, name: 'intercom', owned: () => clientOwnedKeys(client) };
    expect(planYamlRemoval(commented, request, () => text).text).toBe('GOOSE_MODEL: gpt-4o\nextensions: {}\n  # my servers go here\n');
  });
});
