import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Every name mcp-remote's `open` package may start a browser by (BROWSER, then these on PATH). */
export const BROWSER_NAMES = ['fake-browser', 'xdg-open', 'gio', 'x-www-browser', 'sensible-browser', 'www-browser'];

/**
 * Installs, under each browser name in `bin`, a "browser" that approves the sign-in at once: it
 * fetches the authorize URL without following redirects, then the loopback callback it points to.
 * It first waits until the callback port accepts connections: mcp-remote 0.15.1 opens the browser
 * before it listens when stored tokens were refused, and a redirect that arrives before then is
 * lost. With `log`, each URL it is given is appended there.
 */
export async function installApprovingBrowser(bin: string, log?: string): Promise<void> {
  const script = `#!${process.execPath}
import { appendFileSync } from 'node:fs';
import net from 'node:net';
const url = process.argv[process.argv.length - 1];
${log ? `appendFileSync(${JSON.stringify(log)}, url + '\\n');` : ''}
const callbackPort = Number(new URL(new URL(url).searchParams.get('redirect_uri') ?? 'http://localhost:80').port);
for (let i = 0; i < 200; i++) {
  const open = await new Promise((resolve) => {
    const socket = net.connect(callbackPort, '127.0.0.1', () => { socket.destroy(); resolve(true); });
    socket.on('error', () => resolve(false));
  });
  if (open) break;
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const approval = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(20000) });
const callback = approval.headers.get('location');
if (callback) await (await fetch(callback, { redirect: 'manual', signal: AbortSignal.timeout(20000) })).text();
`;
  for (const name of BROWSER_NAMES) {
    await writeFile(path.join(bin, name), script);
    await chmod(path.join(bin, name), 0o755);
  }
  // The script is an ES module run by node: a package.json says so.
  await writeFile(path.join(bin, 'package.json'), '{"type":"module"}');
}
