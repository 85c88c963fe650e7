import { clientById } from '../clients/index.js';
import { displayPath } from '../clients/paths.js';
import type { Options } from '../core/options.js';
import { clientStatuses, selectedClients } from '../engine/status.js';
import type { CommandContext } from '../ui/context.js';
import { command } from '../core/invocation.js';

export async function runList(ctx: CommandContext, options: Options): Promise<number> {
  const { platform, out } = ctx;
  const statuses = (await Promise.all(selectedClients(options.clients).map((client) => clientStatuses(client, platform, options)))).flat();
  if (options.json) {
    out.json({
      clients: statuses.map((status) => ({
        client: status.client.id,
        detected: status.detected,
        path: status.path ?? null,
        configured: status.configured,
        correct: status.correct,
        ...(status.error ? { error: status.error } : {}),
      })),
    });
    return 0;
  }
  const { colors } = out;
  for (const status of statuses) {
    const detected = status.detected ? colors.green('detected ') : colors.dim('not found');
    const entry = status.error
      ? colors.red('unreadable')
      : !status.configured
        ? colors.dim('no Intercom entry')
        : status.correct
          ? colors.green('configured')
          : colors.yellow('entry needs fixing');
    const notFound = status.client.shape ? status.client.notFound?.(platform, options.scope) : undefined;
    // Cline and Roo Code live in editors; another client's reason is its first clause ("Visual Studio runs on Windows only").
    const notFoundNote = notFound && (status.client.configLocations ? 'not installed in any editor' : notFound.split(/ \(|: |; /)[0]);
    const missing = !status.client.shape ? '(web app: Settings → Connectors)' : notFoundNote ? `(${notFoundNote})` : `(no ${options.scope}-scope file)`;
    const where = status.path ? displayPath(platform, status.path) : colors.dim(missing);
    const label = status.client.label === clientById(status.client.id)?.label ? '' : `  ${colors.dim(status.client.label)}`;
    out.line(`${colors.bold(status.client.id.padEnd(16))} ${detected}  ${entry.padEnd(18)}  ${where}${label}`);
    if (!status.path && notFound && options.clients.length > 0) out.line(`    ${colors.dim(notFound)}`);
    if (status.error) out.line(`    ${colors.red(status.error)}`);
    else if (status.configured && !status.correct) out.line(`    ${status.problems[0]}; fix: ${command(`--client ${status.client.id}`)}`);
  }
  return 0;
}
