// The floor under `setup --client all --yes`: the same file-system work with no library, no
// parsing and no checks, in a bare script. What the CLI costs above this is its code; what this
// costs above `node -e 0` is the price of writing six files safely (lock, temp file, fsync,
// rename, backup link), which no implementation avoids.
// Usage: HOME=<a home with the six clients' folders> node bench/floor-setup.cjs
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const home = process.env.HOME;
const entry = { command: 'npx', args: ['-y', 'mcp-remote', 'https://mcp.intercom.com/sse'] };
const files = [
  ['.cursor/mcp.json', 'mcpServers', entry],
  ['.codeium/windsurf/mcp_config.json', 'mcpServers', { serverUrl: 'https://mcp.intercom.com/sse' }],
  ['.config/Code/User/mcp.json', 'servers', { type: 'http', url: 'https://mcp.intercom.com/mcp' }],
  ['.config/Code - Insiders/User/mcp.json', 'servers', { type: 'http', url: 'https://mcp.intercom.com/mcp' }],
  ['.config/Claude/claude_desktop_config.json', 'mcpServers', entry],
  ['.claude.json', 'mcpServers', { type: 'sse', url: 'https://mcp.intercom.com/sse' }],
];
// fsync runs in libuv's thread pool, as in the CLI: the six files wait for the disk side by side.
for (const [relative, key, value] of files) {
  const file = path.join(home, relative);
  const lock = `${file}.lock`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.mkdirSync(lock);
  const stats = fs.statSync(file, { throwIfNoEntry: false });
  const current = stats ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  current[key] = { ...current[key], intercom: value };
  if (stats) fs.linkSync(file, `${file}.${Date.now()}.bak`);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(temp, 'wx', 0o600);
  fs.writeSync(fd, `${JSON.stringify(current, null, 2)}\n`);
  fs.fsync(fd, (error) => {
    if (error) throw error;
    fs.closeSync(fd);
    fs.renameSync(temp, file);
    fs.rmdirSync(lock);
    fs.writeSync(1, `✓ ${relative}\n`);
  });
}
