#!/usr/bin/env node
// Regenerates docs/wizard-screens.md: text captures of the setup wizard, step by step, taken from
// a real run of the BUILT CLI (dist/cli.js, so build first) in a tmux terminal of a fixed size.
//
//   node scripts/wizard-screens.mjs            write docs/wizard-screens.md
//   node scripts/wizard-screens.mjs --check    exit 1 if the file is missing or out of date
//   options: --out FILE, --width N (80), --height N (50)
//
// The run happens in a temporary home where Cursor (with a config holding another server) and
// Windsurf are detected, with NO_COLOR=1 and --no-check (no network). Nothing outside that
// temporary folder is read or written, except the output file.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: path.join(ROOT, 'docs', 'wizard-screens.md') },
    width: { type: 'string', default: '80' },
    height: { type: 'string', default: '50' },
    check: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  process.stdout.write('usage: node scripts/wizard-screens.mjs [--check] [--out FILE] [--width N] [--height N]\n');
  process.exit(0);
}
const WIDTH = Number(args.width);
const HEIGHT = Number(args.height);
const CLI = path.join(ROOT, 'dist', 'cli.js');

/** The Cursor config of the run: a comment and a server that is not Intercom's. */
const CURSOR_CONFIG = `{
  // servers I use every day
  "mcpServers": {
    "github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github"]
    }
  }
}
`;

/** A tmux server of its own (unique -L socket, sockets in the temp folder) running one program. */
class Terminal {
  constructor(dir) {
    this.socket = `ims-screens-${process.pid}-${randomBytes(4).toString('hex')}`;
    this.config = path.join(dir, 'tmux.conf');
    this.exitFile = path.join(dir, 'exit-status');
    this.env = { PATH: process.env.PATH, TMUX_TMPDIR: dir, LANG: 'C.UTF-8' };
  }

  async tmux(tmuxArgs) {
    const { stdout } = await execFileAsync('tmux', ['-u', '-L', this.socket, '-f', this.config, ...tmuxArgs], {
      env: this.env,
      timeout: 5_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  }

  async start({ cwd, env, command }) {
    await writeFile(this.config, 'set -g remain-on-exit on\nset -g status off\nset -g history-limit 10000\n');
    const programEnv = Object.entries(env).map(([key, value]) => `${key}=${value}`);
    // The wrapper gets the exit-status file as $0 and the command as "$@": no shell quoting.
    const wrapper = 'code=0; "$@" || code=$?; printf "%s" "$code" > "$0"';
    await this.tmux([
      'new-session',
      '-d',
      '-s',
      'w',
      '-x',
      String(WIDTH),
      '-y',
      String(HEIGHT),
      '-c',
      cwd,
      '/bin/sh',
      '-c',
      wrapper,
      this.exitFile,
      '/usr/bin/env',
      '-i',
      ...programEnv,
      ...command,
    ]);
  }

  /**
   * The whole screen including scrollback, wrapped lines joined, without trailing spaces, trailing
   * blank lines or tmux's own "Pane is dead (status 0, <date>)" line.
   */
  async screen() {
    const text = await this.tmux(['capture-pane', '-p', '-J', '-S', '-', '-t', 'w']);
    return text
      .split('\n')
      .filter((line) => !line.startsWith('Pane is dead'))
      .map((line) => line.trimEnd())
      .join('\n')
      .replace(/\s+$/, '');
  }

  async press(...keys) {
    await this.tmux(['send-keys', '-t', 'w', ...keys]);
  }

  async waitFor(expected, timeout = 15_000) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const screen = await this.screen();
      if (typeof expected === 'string' ? screen.includes(expected) : expected.test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`the wizard never showed ${String(expected)}; last screen:\n${screen}`);
      await delay(50);
    }
  }

  async exitStatus(timeout = 15_000) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const status = await readFile(this.exitFile, 'utf8').catch(() => '');
      if (/^\d+$/.test(status)) return Number(status);
      if (Date.now() > deadline) throw new Error(`the wizard did not exit within ${timeout} ms`);
      await delay(50);
    }
  }

  async kill() {
    await this.tmux(['kill-server']).catch(() => undefined);
  }
}

/** Backup names carry the time of the run: a fixed placeholder keeps the file stable. */
function normalise(screen) {
  return screen.replace(/\.intercom-mcp-setup-\d{8}T\d{6}-\d{3}Z\.bak/g, '.intercom-mcp-setup-<time>.bak');
}

async function capture() {
  const dir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'ims-screens-')));
  const home = path.join(dir, 'home');
  const project = path.join(home, 'projects', 'acme');
  await mkdir(path.join(home, '.cursor'), { recursive: true });
  await mkdir(path.join(home, '.codeium', 'windsurf'), { recursive: true });
  await mkdir(project, { recursive: true });
  await writeFile(path.join(home, '.cursor', 'mcp.json'), CURSOR_CONFIG);

  const terminal = new Terminal(dir);
  const cleanUp = async () => {
    await terminal.kill();
    await rm(dir, { recursive: true, force: true });
  };
  const onSignal = () => void cleanUp().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const env = {
    HOME: home,
    // node and the system tools only: no `claude`, `code`, `cursor` on PATH to be detected.
    PATH: [path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter),
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
  };
  const steps = [];
  try {
    await terminal.start({ cwd: project, env, command: [process.execPath, CLI, '--no-check'] });

    steps.push({
      title: 'Pick the clients',
      keys: 'The detected clients are preselected (a client already set up is marked and left out); ↑/↓ move the pointer (›), Space toggles. Here: Down twice to show a client that was not found.',
      screen: await (async () => {
        await terminal.waitFor('Enter: confirm');
        await terminal.press('Down', 'Down');
        return terminal.waitFor('› ◻ VS Code (not found)');
      })(),
    });
    await terminal.press('Up', 'Up', 'Enter');

    steps.push({
      title: 'Choose where the entry goes',
      keys: 'Asked only when a selected client has a project file (Cursor does), and not with --scope. Enter keeps "For me".',
      screen: await terminal.waitFor('◆  Where should the entry go?'),
    });
    await terminal.press('Enter');

    steps.push({
      title: 'Say where your Intercom workspace is',
      keys: "The address you open Intercom at. Skipped with --region or --url. Australian workspaces are not supported by Intercom's MCP server: the wizard says so and stops. Enter keeps app.intercom.com.",
      screen: await terminal.waitFor('◆  Where is your Intercom workspace?'),
    });
    await terminal.press('Enter');

    steps.push({
      title: 'Review the plan and confirm',
      keys: 'The endpoint and why, one line per file, then the exact lines each file gets (printed above the plan when they do not fit the screen); nothing is written before Yes. No writes nothing and exits 0; Ctrl-C exits 130.',
      screen: await terminal.waitFor(/◆ {2}Write these \d+ changes\?\n│ {2}● Yes \/ ○ No/),
    });
    await terminal.press('Enter');

    steps.push({
      title: 'Done',
      keys: 'Each file written, once, with its backup; then the next steps, last (the connectivity check, skipped here with --no-check, would say in a line or two whether Intercom is reachable).',
      screen: await terminal.waitFor('└  Done.'),
    });
    const status = await terminal.exitStatus();
    if (status !== 0) throw new Error(`the wizard exited with ${status}`);

    // The same command again, on the machine it has just set up.
    await terminal.kill();
    await rm(terminal.exitFile, { force: true });
    await terminal.start({ cwd: project, env, command: [process.execPath, CLI, '--no-check'] });
    steps.push({
      title: 'Run it again',
      keys: 'Every client found is set up: the wizard says so, offers nothing to write and exits 0.',
      screen: await terminal.waitFor('└  Nothing to do.'),
    });
    const again = await terminal.exitStatus();
    if (again !== 0) throw new Error(`the second run exited with ${again}`);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanUp();
  }
  return steps;
}

function render(steps) {
  const lines = [
    '# The setup wizard, screen by screen',
    '',
    '<!-- Generated by scripts/wizard-screens.mjs from a real run of the built CLI: do not edit by hand. -->',
    '',
    `Captured in a ${WIDTH}×${HEIGHT} terminal (tmux) running \`npx intercom-mcp-setup --no-check\` with`,
    '`NO_COLOR=1`, for a person who has Cursor (whose `~/.cursor/mcp.json` already holds another server)',
    'and Windsurf. Backup names show `<time>` where the real file name has the time of the run.',
    '',
  ];
  steps.forEach((step, index) => {
    lines.push(`## ${index + 1}. ${step.title}`, '', step.keys, '', '```text', normalise(step.screen), '```', '');
  });
  return lines.join('\n');
}

async function main() {
  if (!existsSync(CLI)) {
    process.stderr.write(`wizard-screens: ${path.relative(process.cwd(), CLI)} is missing: run "npm run build" first\n`);
    return 1;
  }
  const text = render(await capture());
  const out = path.resolve(args.out);
  if (args.check) {
    const current = await readFile(out, 'utf8').catch(() => undefined);
    if (current === text) {
      process.stdout.write(`${path.relative(process.cwd(), out)} is up to date\n`);
      return 0;
    }
    process.stderr.write(
      `wizard-screens: ${path.relative(process.cwd(), out)} is ${current === undefined ? 'missing' : 'out of date'}: run node scripts/wizard-screens.mjs\n`,
    );
    return 1;
  }
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, text);
  process.stdout.write(`wrote ${path.relative(process.cwd(), out)} (${text.split('\n').length} lines)\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`wizard-screens: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
