/**
 * Doctor's Environment group: Node, npx, proxy variables, extra CAs and the TLS kill switch.
 * Pure over the injected Platform (plus an injectable file reader for the CA file), so a test
 * can describe a Mac with nvm or a Windows machine behind a proxy while running on Linux.
 */
import type { X509Certificate } from 'node:crypto';
import { readNamedFile } from '../config/files.js';
import { findOnPath, getEnv, type Platform } from '../core/platform.js';
import { nodeRequire } from '../core/node-require.js';
import { checksOf, type Check } from './types.js';

const ENVIRONMENT_GROUP = 'Environment';
const MIN_NODE_MAJOR = 20;

export interface EnvironmentDeps {
  /** Reads the NODE_EXTRA_CA_CERTS file. Default: readNamedFile (a regular file up to 16 MB). */
  readFile?: (path: string) => string;
}

type EnvReader = (name: string) => string | undefined;

const check = checksOf(ENVIRONMENT_GROUP);

// ---- Node and npx ------------------------------------------------------------------------------

function nodeMajor(version: string): number | undefined {
  const major = Number.parseInt(version.replace(/^v/, '').split('.')[0] ?? '', 10);
  return Number.isNaN(major) ? undefined : major;
}

function nodeCheck(platform: Platform): Check {
  const version = platform.nodeVersion.replace(/^v/, '');
  const major = nodeMajor(version);
  const fix = `Install Node.js ${MIN_NODE_MAJOR} LTS or newer: nvm install ${MIN_NODE_MAJOR} (or the installer from https://nodejs.org)`;
  if (major === undefined) return check('env.node', 'warn', `Could not read the Node.js version (${JSON.stringify(platform.nodeVersion)})`, fix);
  if (major >= MIN_NODE_MAJOR) return check('env.node', 'pass', `Node.js ${version} (mcp-remote needs ${MIN_NODE_MAJOR} or newer)`);
  if (major >= 18) {
    return check('env.node', 'warn', `Node.js ${version} is older than mcp-remote needs (${MIN_NODE_MAJOR}+): it may fail to start`, fix);
  }
  return check('env.node', 'fail', `Node.js ${version} is too old: mcp-remote needs ${MIN_NODE_MAJOR} or newer`, fix);
}

/**
 * Folders a GUI client (started from the Dock, Finder or Start menu, not a shell) has on its
 * PATH without shell profiles: on macOS launchd's default plus Homebrew's usual links.
 */
function guiBinDirs(platform: Platform): string[] {
  if (platform.os === 'darwin') return ['/opt/homebrew/bin', '/usr/local/bin', '/usr/bin'];
  if (platform.os === 'win32') {
    const programFiles = getEnv(platform, 'ProgramFiles') ?? 'C:\\Program Files';
    return [platform.path.join(programFiles, 'nodejs')];
  }
  return [];
}

function executableName(platform: Platform, command: string): string {
  return platform.os === 'win32' ? `${command}.cmd` : command;
}

function nodeName(platform: Platform): string {
  return platform.os === 'win32' ? 'node.exe' : 'node';
}

/** The npx (and node) a GUI client would find, if any. */
function guiVisibleTools(platform: Platform): { npx?: string; node?: string } {
  const found: { npx?: string; node?: string } = {};
  for (const dir of guiBinDirs(platform)) {
    const npx = platform.path.join(dir, executableName(platform, 'npx'));
    const node = platform.path.join(dir, nodeName(platform));
    if (found.npx === undefined && platform.isFile(npx)) found.npx = npx;
    if (found.node === undefined && platform.isFile(node)) found.node = node;
  }
  return found;
}

function describeGuiTools(platform: Platform, tools: { npx?: string; node?: string }): string {
  if (tools.npx === undefined) return `they find no npx in ${guiBinDirs(platform).join(', ')}`;
  return `they would find ${tools.npx}${tools.node === undefined ? ' (and no node beside it)' : ` and ${tools.node}`}`;
}

function absoluteNpxFix(platform: Platform, npx: string): string {
  const dir = platform.path.dirname(npx);
  if (platform.os === 'win32') {
    return `Use the full path "${npx}" as the client's command (or install Node.js from https://nodejs.org), then restart the client`;
  }
  return `Set "command": "${npx}" and "env": {"PATH": "${dir}:/usr/bin:/bin"} in the client's config, so npx also finds node`;
}

function npxCheck(platform: Platform): Check {
  const npx = findOnPath(platform, 'npx');
  const installFix = `Install Node.js ${MIN_NODE_MAJOR} or newer (it includes npx): https://nodejs.org`;
  if (platform.os === 'linux') {
    return npx ? check('env.npx', 'pass', `npx found at ${npx}`) : check('env.npx', 'fail', 'npx is not on PATH: clients cannot start mcp-remote', installFix);
  }
  const gui = guiVisibleTools(platform);
  const guiNote = `GUI clients may not see PATH entries from nvm, Homebrew or shell profiles; ${describeGuiTools(platform, gui)}`;
  if (npx === undefined) {
    if (gui.npx !== undefined) return check('env.npx', 'warn', `npx is not on this shell's PATH; ${guiNote}`, installFix);
    return check('env.npx', 'fail', `npx is not on PATH: clients cannot start mcp-remote; ${guiNote}`, installFix);
  }
  // Windows paths compare without case (C:\Program Files vs c:\program files).
  const fold = (p: string): string => (platform.os === 'win32' ? p.toLowerCase() : p);
  const inGuiDir = guiBinDirs(platform)
    .map(fold)
    .includes(fold(platform.path.dirname(npx)));
  if (inGuiDir) return check('env.npx', 'pass', `npx found at ${npx}, where GUI clients find it too`);
  return check('env.npx', 'warn', `npx found at ${npx}; ${guiNote}`, absoluteNpxFix(platform, npx));
}

// ---- proxies -----------------------------------------------------------------------------------

export type ProxyChoice =
  | { kind: 'direct'; reason: 'no-proxy-variable' }
  | { kind: 'direct'; reason: 'no_proxy'; variable: string; entry: string }
  | { kind: 'proxy'; variable: string; proxyUrl: string };

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** First variable set (even to ''), in undici's order: lowercase wins over uppercase. */
function firstSet(readEnv: EnvReader, names: string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = readEnv(name);
    if (value !== undefined) return { name, value };
  }
  return undefined;
}

function noProxyMatch(readEnv: EnvReader, hostname: string, port: number): { variable: string; entry: string } | undefined {
  const noProxy = firstSet(readEnv, ['no_proxy', 'NO_PROXY']);
  if (!noProxy || noProxy.value === '') return undefined;
  if (noProxy.value === '*') return { variable: noProxy.name, entry: '*' };
  for (const raw of noProxy.value.split(/[,\s]/)) {
    if (!raw) continue;
    const hostPort = /^(.+):(\d+)$/.exec(raw);
    const entryHost = (hostPort?.[1] ?? raw).replace(/^\*?\./, '').toLowerCase();
    const entryPort = hostPort?.[2] ? Number(hostPort[2]) : 0;
    if (entryPort && entryPort !== port) continue;
    if (hostname === entryHost || hostname.endsWith(`.${entryHost}`)) return { variable: noProxy.name, entry: raw };
  }
  return undefined;
}

/**
 * Which proxy a request to `url` goes through, with exactly the rules of undici's
 * EnvHttpProxyAgent (what mcp-remote installs with --enable-proxy): https_proxy, HTTPS_PROXY,
 * then the http ones; NO_PROXY by exact host, domain suffix (leading `.` or `*.` optional),
 * optional `:port`, and `*` only as the whole value.
 */
export function proxyForUrl(url: URL, readEnv: EnvReader): ProxyChoice {
  const http = firstSet(readEnv, ['http_proxy', 'HTTP_PROXY']);
  const https = firstSet(readEnv, ['https_proxy', 'HTTPS_PROXY']);
  const chosen = url.protocol === 'https:' && https?.value ? https : http;
  if (!chosen?.value) return { kind: 'direct', reason: 'no-proxy-variable' };
  // Keep IPv6 brackets, as undici does, so entries like [::1] compare equal.
  const hostname = url.host.replace(/:\d*$/, '').toLowerCase();
  const port = Number.parseInt(url.port, 10) || DEFAULT_PORTS[url.protocol] || 0;
  const excluded = noProxyMatch(readEnv, hostname, port);
  if (excluded) return { kind: 'direct', reason: 'no_proxy', ...excluded };
  return { kind: 'proxy', variable: chosen.name, proxyUrl: chosen.value };
}

/** A proxy URL fit for a message: the password replaced. */
export function maskProxyUrl(value: string): string {
  try {
    const parsed = new URL(value);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return value;
  }
}

export function isUsableProxyUrl(value: string): boolean {
  try {
    const { protocol, hostname } = new URL(value);
    return (protocol === 'http:' || protocol === 'https:') && hostname !== '';
  } catch {
    return false;
  }
}

const PROXY_NAMES = ['https_proxy', 'http_proxy', 'no_proxy'];

/** Every proxy variable in the environment, whatever its case, keyed by the real name. */
function proxyVariables(platform: Platform): Array<{ name: string; value: string }> {
  return Object.entries(platform.env)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && PROXY_NAMES.includes(entry[0].toLowerCase()))
    .map(([name, value]) => ({ name, value }));
}

interface CaseProblem {
  /** The variable to unset. */
  name: string;
  text: string;
}

/** Mixed-case names (Https_Proxy) that Node ignores outside Windows, and case pairs that disagree. */
function caseProblems(platform: Platform, variables: Array<{ name: string; value: string }>): CaseProblem[] {
  if (platform.os === 'win32') return [];
  const problems: CaseProblem[] = [];
  for (const { name } of variables) {
    if (name !== name.toLowerCase() && name !== name.toUpperCase()) {
      problems.push({ name, text: `${name} is ignored (Node reads only ${name.toLowerCase()} or ${name.toUpperCase()})` });
    }
  }
  for (const lower of PROXY_NAMES) {
    const upper = lower.toUpperCase();
    const [low, up] = [platform.env[lower], platform.env[upper]];
    if (low !== undefined && up !== undefined && low !== up) {
      problems.push({ name: upper, text: `${lower} and ${upper} differ; Node uses ${lower}` });
    }
  }
  return problems;
}

function describeChoice(url: string, choice: ProxyChoice): string {
  if (choice.kind === 'proxy') return `${url} goes through ${maskProxyUrl(choice.proxyUrl)} (${choice.variable})`;
  if (choice.reason === 'no_proxy') return `${url} goes direct (${choice.variable} entry ${choice.entry})`;
  return `${url} goes direct`;
}

function proxyCheck(platform: Platform, endpointUrls: string[]): Check {
  const variables = proxyVariables(platform);
  if (variables.length === 0) return check('env.proxy', 'pass', 'No proxy variables set (HTTPS_PROXY, HTTP_PROXY, NO_PROXY): connections go direct');

  const unusable = variables.find((v) => !v.name.toLowerCase().startsWith('no_') && v.value !== '' && !isUsableProxyUrl(v.value));
  if (unusable) {
    return check(
      'env.proxy',
      'fail',
      `${unusable.name}=${maskProxyUrl(unusable.value)} is not an http:// or https:// URL`,
      `export ${unusable.name.toUpperCase()}=http://proxy.example.com:8080 (your proxy's address)`,
    );
  }
  const readEnv: EnvReader = (name) => getEnv(platform, name);
  const choices = endpointUrls.map((url) => proxyForUrl(new URL(url), readEnv));
  const problems = caseProblems(platform, variables);
  const message = [...choices.map((choice, i) => describeChoice(endpointUrls[i] ?? '', choice)), ...problems.map((p) => p.text)].join('; ');
  if (choices.some((choice) => choice.kind === 'proxy')) {
    return check(
      'env.proxy',
      'warn',
      `${message}; mcp-remote ignores proxy variables unless started with --enable-proxy`,
      'Add "--enable-proxy" to the mcp-remote arguments in each client config',
    );
  }
  const [firstProblem] = problems;
  if (firstProblem) return check('env.proxy', 'warn', message, `unset ${firstProblem.name} so only one spelling is set`);
  return check('env.proxy', 'pass', message);
}

// ---- CA certificates and the TLS kill switch --------------------------------------------------

function setVariableCommand(platform: Platform, name: string, value: string): string {
  return platform.os === 'win32' ? `setx ${name} "${value}"` : `export ${name}=${value}`;
}

function pemBlocks(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

function parseCertificates(text: string): X509Certificate[] {
  const certificates: X509Certificate[] = [];
  // node:crypto only when there is a certificate to read: the usual doctor run has none.
  const { X509Certificate } = nodeRequire('node:crypto') as typeof import('node:crypto');
  for (const block of pemBlocks(text)) {
    try {
      certificates.push(new X509Certificate(block));
    } catch {
      // A damaged block among good ones: Node skips it too, so count only the good ones.
    }
  }
  return certificates;
}

function commonName(distinguishedName: string): string {
  return /(?:^|\n)CN=([^\n]+)/.exec(distinguishedName)?.[1] ?? distinguishedName.replace(/\n/g, ', ');
}

function extraCaCheck(platform: Platform, readFile: (path: string) => string): Check {
  const file = getEnv(platform, 'NODE_EXTRA_CA_CERTS');
  const exampleFix = setVariableCommand(
    platform,
    'NODE_EXTRA_CA_CERTS',
    platform.os === 'win32' ? 'C:\\path\\to\\corporate-root.pem' : '/path/to/corporate-root.pem',
  );
  if (file === undefined || file === '') {
    return check('env.extra-ca', 'pass', 'NODE_EXTRA_CA_CERTS is not set (needed only behind a TLS-inspecting proxy)');
  }
  if (!platform.isFile(file)) {
    return check('env.extra-ca', 'fail', `NODE_EXTRA_CA_CERTS=${file} does not exist: Node only prints a warning and ignores it`, exampleFix);
  }
  let text: string;
  try {
    text = readFile(file);
  } catch (error) {
    return check('env.extra-ca', 'fail', `NODE_EXTRA_CA_CERTS=${file} cannot be read (${(error as Error).message})`, exampleFix);
  }
  const certificates = parseCertificates(text);
  if (certificates.length === 0) {
    return check(
      'env.extra-ca',
      'fail',
      `NODE_EXTRA_CA_CERTS=${file} holds no PEM certificate (Node needs PEM text, not DER)`,
      `openssl x509 -inform der -in "${file}" -out corporate-root.pem, then point NODE_EXTRA_CA_CERTS at the .pem`,
    );
  }
  const now = Date.now();
  const expired = certificates.filter((c) => Date.parse(c.validTo) < now);
  const first = certificates[0] as X509Certificate;
  const summary = `${certificates.length} certificate(s), first ${commonName(first.subject)} valid until ${new Date(first.validTo).toISOString().slice(0, 10)}`;
  if (expired.length === certificates.length) {
    return check(
      'env.extra-ca',
      'fail',
      `NODE_EXTRA_CA_CERTS=${file}: every certificate has expired (${summary})`,
      `Export a current root certificate from your IT department; ${exampleFix}`,
    );
  }
  if (!platform.path.isAbsolute(file)) {
    return check('env.extra-ca', 'warn', `NODE_EXTRA_CA_CERTS=${file} is relative: clients started from another folder will not find it`, exampleFix);
  }
  if (expired.length > 0) {
    // Bundles (the system's included) often carry a few expired roots; Node skips those.
    const names = expired
      .slice(0, 2)
      .map((certificate) => commonName(certificate.subject))
      .join(', ');
    return check(
      'env.extra-ca',
      'pass',
      `NODE_EXTRA_CA_CERTS=${file}: ${certificates.length - expired.length} usable certificate(s); ${expired.length} expired one(s) are ignored (${names}${expired.length > 2 ? ', …' : ''})`,
    );
  }
  return check('env.extra-ca', 'pass', `NODE_EXTRA_CA_CERTS=${file}: ${summary}`);
}

function tlsRejectCheck(platform: Platform): Check {
  // Node disables verification only for the exact string "0".
  if (getEnv(platform, 'NODE_TLS_REJECT_UNAUTHORIZED') !== '0') {
    return check('env.tls-reject', 'pass', 'Certificate verification is on (NODE_TLS_REJECT_UNAUTHORIZED is not 0)');
  }
  const fix =
    platform.os === 'win32'
      ? 'Remove it: [Environment]::SetEnvironmentVariable("NODE_TLS_REJECT_UNAUTHORIZED", $null, "User"); behind TLS inspection set NODE_EXTRA_CA_CERTS instead'
      : 'unset NODE_TLS_REJECT_UNAUTHORIZED (and delete it from your shell profile); behind TLS inspection set NODE_EXTRA_CA_CERTS instead';
  return check(
    'env.tls-reject',
    'warn',
    'NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks for every Node program: insecure, anyone on the network can read your Intercom data',
    fix,
  );
}

export async function environmentChecks(platform: Platform, endpointUrls: string[], deps: EnvironmentDeps = {}): Promise<Check[]> {
  // A regular file only, up to 16 MB: the variable could name a FIFO or a device.
  const readFile = deps.readFile ?? ((path: string) => readNamedFile(path, { maxBytes: 16 * 1024 * 1024 }));
  return [nodeCheck(platform), npxCheck(platform), proxyCheck(platform, endpointUrls), extraCaCheck(platform, readFile), tlsRejectCheck(platform)];
}
