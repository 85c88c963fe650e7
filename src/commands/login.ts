import { checkEndpointUrl } from '../core/endpoint.js';
import type { Options } from '../core/options.js';
import type { CommandContext } from '../ui/context.js';
import { describeWait } from '../auth/login.js';
import { exitCodeOf, loginTimeout, reportLogin, signInWithProgress, terminalUi } from '../auth/sign-in.js';

export async function runLogin(ctx: CommandContext, options: Options): Promise<number> {
  const timeoutMs = loginTimeout(options);
  const ui = terminalUi(ctx);
  ui.info(`Signing in to Intercom at ${options.url}, as your bridge entries will (mcp-remote); waiting up to ${describeWait(timeoutMs)}.`);
  const foreign = checkEndpointUrl(options.url).foreignHost;
  if (foreign) ui.info(ctx.out.colors.yellow(`Note: ${foreign} is not an Intercom host: the sign-in goes there.`));
  const result = await signInWithProgress(ctx, { url: options.url, timeoutMs, ui });
  reportLogin(ctx, result, options.json);
  return exitCodeOf(result);
}
