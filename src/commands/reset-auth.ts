/**
 * `reset-auth`: deletes mcp-remote's cached sign-in for Intercom, and only Intercom's, so the next
 * connection opens the browser to sign in again. The cache logic (where the cache is, which files
 * are Intercom's, safe deletion) lives in ../auth-cache.ts; this file gathers the URLs the user's
 * clients pass to mcp-remote, shows the plan, asks, deletes and reports.
 *
 * Behaviour (also in the help text):
 * - Missing or empty cache, or no Intercom file in it: "Nothing to reset", exit 0.
 * - `--dry-run`: list, delete nothing, exit 0.
 * - Without `--yes`: asks on a terminal (Ctrl-C or "no": CancelledError, exit 130, nothing deleted).
 *   With no terminal, or with `--json` (which never prompts), it lists and throws UsageError (exit 2)
 *   without deleting.
 * - `--json`: stdout is one object `{"removed":[paths],"kept":[paths]}`; `removed` only ever holds
 *   paths that were really deleted and `removed ∪ kept` is every path looked at. When nothing was
 *   deleted on purpose (`--dry-run`, or exit 2 for want of `--yes`) the object also has
 *   `"wouldRemove":[paths]`. Problems go to stderr.
 * - A file that cannot be deleted is reported on its own line; the rest proceeds; exit 1.
 */
import { UsageError } from '../core/errors.js';
import { cancelPrompts, fitToFrame, promptOutput } from '../ui/prompt-output.js';
import {
  deleteCacheFiles,
  intercomTargets,
  planReset,
  resolveCacheBase,
  scanCache,
  type ActiveLock,
  type CacheEntry,
  type CacheScan,
  type PlanGroup,
  type ResetPlan,
} from '../auth/auth-cache.js';
import { displayPath } from '../clients/paths.js';
import { describeTokens, displayUrl } from '../auth/auth-cache-text.js';
import { plural } from '../ui/text.js';
import { findIntercomEntries, intercomBridges, type IntercomEntry } from '../entries/intercom-entries.js';
import type { Options } from '../core/options.js';
import { statusMark } from '../ui/marks.js';
import type { CommandContext } from '../ui/context.js';

const CANCELLED = 'Cancelled: nothing was deleted.';

// ---------------------------------------------------------------------------------------------
// Describing the plan

function heldByText(lock: ActiveLock): string {
  return `held by pid ${lock.pid}${lock.process ? ` (${lock.process})` : ''}`;
}

function groupHeading(group: PlanGroup): string {
  if (!group.target) return `another server (files ${group.hash.slice(0, 8)}…)`;
  const detail = group.target.detail ? ` ${group.target.detail}` : '';
  return `${displayUrl(group.target.label)}${detail}`;
}

/** Prints the plan, grouped per server URL and then per folder. Returns nothing: text only. */
function showPlan(ctx: CommandContext, scan: CacheScan, plan: ResetPlan, options: Options, now: number): void {
  const { out, platform } = ctx;
  const { colors } = out;
  const shown = (p: string): string => displayPath(platform, p);
  const base = shown(scan.base);

  out.line(
    options.all
      ? colors.bold(`Every server's sign-in in ${base} (--all: this signs you out of every server mcp-remote uses, not only Intercom):`)
      : colors.bold(`Intercom sign-ins in ${base}:`),
  );

  // Server heading → folder → groups, in the order found.
  const byServer = new Map<string, PlanGroup[]>();
  for (const group of plan.groups) {
    if (group.remove.length === 0 && group.keep.length === 0) continue;
    const heading = groupHeading(group);
    const list = byServer.get(heading) ?? [];
    list.push(group);
    byServer.set(heading, list);
  }
  for (const [heading, groups] of byServer) {
    out.line(`  ${colors.cyan(heading)}`);
    for (const group of groups) {
      const tokens = describeTokens(group.tokens, now);
      out.line(`    ${group.folder}/${tokens ? `  ${colors.dim(tokens)}` : ''}`);
      for (const entry of group.remove) out.line(`      ${options.dryRun ? 'would delete' : 'delete'} ${entry.name}`);
      const signIn = group.keep.filter((k) => k.reason === 'sign-in-in-progress');
      for (const kept of group.keep) {
        const why =
          kept.reason === 'sign-in-in-progress' ? 'sign-in in progress' : kept.reason === 'symlink' ? 'a symlink, never followed' : 'not a regular file';
        out.line(`      ${colors.yellow('keep')} ${kept.entry?.name ?? shown(kept.path)} ${colors.dim(`(${why})`)}`);
      }
      if (group.heldBy && signIn.length > 0) {
        out.line(`      ${colors.yellow(`a sign-in is in progress, ${heldByText(group.heldBy)}: finish or quit it, or run again with --force`)}`);
      } else if (group.heldBy && options.force) {
        out.line(`      ${colors.yellow(`a sign-in is in progress, ${heldByText(group.heldBy)}: deleted anyway (--force)`)}`);
      }
    }
  }

  // With --all, files whose names are not <hash>_… belong to no group: list them per folder.
  const grouped = new Set(plan.groups.flatMap((g) => g.remove.map((e) => e.path)));
  const loose = plan.remove.filter((e) => !grouped.has(e.path));
  if (loose.length > 0) {
    out.line(`  ${colors.cyan('other files')}`);
    const byFolder = new Map<string, CacheEntry[]>();
    for (const entry of loose) byFolder.set(entry.folder, [...(byFolder.get(entry.folder) ?? []), entry]);
    for (const [folder, entries] of byFolder) {
      out.line(`    ${folder}/`);
      for (const entry of entries)
        out.line(`      ${options.dryRun ? 'would delete' : 'delete'} ${entry.name}${entry.type === 'symlink' ? ' (a symlink; only the link)' : ''}`);
    }
  }
  if (options.all && plan.removeFolders.length > 0) {
    out.line(colors.dim(`  then the emptied folders: ${plan.removeFolders.map((f) => `${shown(f)}/`).join(', ')}`));
  }
  showLeftAlone(ctx, scan, plan);
}

function showLeftAlone(ctx: CommandContext, scan: CacheScan, plan: ResetPlan): void {
  const { out, platform } = ctx;
  const { colors } = out;
  const others = plan.keep.filter((k) => k.reason === 'other-server');
  if (others.length > 0) {
    const servers = new Set(others.map((k) => k.entry?.hash));
    out.line(colors.dim(`  Left alone: ${plural(others.length, 'file')} of ${plural(servers.size, 'other server')}.`));
  }
  for (const skipped of scan.skippedFolders) {
    const why =
      skipped.reason === 'symlink'
        ? `a symlink${skipped.outsideBase ? ' pointing outside the cache folder' : ''}, never followed`
        : skipped.reason === 'not-a-directory'
          ? 'not a folder'
          : 'cannot be read';
    out.line(colors.dim(`  Skipped ${displayPath(platform, skipped.path)}: ${why}.`));
  }
}

function nextSteps(ctx: CommandContext, found: readonly IntercomEntry[], options: Options): void {
  const { out } = ctx;
  const labels = [...new Set(found.map((f) => f.client.label))];
  const clients = options.all ? 'your AI clients' : labels.length > 0 ? labels.join(', ') : 'your AI client (Cursor, VS Code, Claude Desktop, …)';
  out.line();
  out.line(out.colors.bold('Next:'));
  out.line(`  1. Restart ${clients} (or restart ${options.all ? 'their MCP servers' : 'its Intercom MCP server'}).`);
  out.line(
    options.all
      ? '  2. The next connection to each server opens your browser to sign in again.'
      : '  2. The next connection to Intercom opens your browser: sign in to Intercom and allow access.',
  );
}

function configDirHints(ctx: CommandContext, found: readonly IntercomEntry[], base: string): void {
  const { out, platform } = ctx;
  const elsewhere = [...new Set(found.map((f) => f.configDir).filter((d): d is string => d !== undefined && platform.path.resolve(d) !== base))];
  for (const dir of elsewhere) {
    out.line(out.colors.dim(`  Note: an Intercom entry sets MCP_REMOTE_CONFIG_DIR=${dir}; run again with that variable set to reset its cache too.`));
  }
}

// ---------------------------------------------------------------------------------------------
// The confirmation

/** Asks on the terminal; returns to go on, cancels (CancelledError) when the answer is no or Ctrl-C. */
async function confirmDeletion(ctx: CommandContext, message: string, initialValue: boolean): Promise<void> {
  const prompts = await import('@clack/prompts');
  const output = promptOutput(ctx.out);
  const answer = await prompts.confirm({ message: fitToFrame(ctx.out, message, output), initialValue, output });
  if (prompts.isCancel(answer) || answer !== true) cancelPrompts(prompts, CANCELLED, output);
}

// ---------------------------------------------------------------------------------------------
// The command

interface JsonResult {
  removed: string[];
  kept: string[];
  wouldRemove?: string[];
}

export async function runResetAuth(ctx: CommandContext, options: Options): Promise<number> {
  const { out, platform } = ctx;
  const { colors } = out;
  const human = !options.json;
  const say = (text = ''): void => {
    if (human) out.line(text);
  };

  // Throws CacheBaseError (exit 1, one line) for `/`, a file, or a relative MCP_REMOTE_CONFIG_DIR.
  const cacheBase = resolveCacheBase(platform);
  const baseShown = displayPath(platform, cacheBase.base);
  if (!cacheBase.exists) {
    if (options.json) out.json({ removed: [], kept: [] } satisfies JsonResult);
    else say(`Nothing to reset: ${baseShown} does not exist, so mcp-remote holds no sign-in here.`);
    return 0;
  }

  const extraUrl = options.urlGiven ? options.url : undefined;
  const extraUrls = extraUrl !== undefined ? [extraUrl] : [];
  const found = intercomBridges(await findIntercomEntries(platform, { name: options.name, extraUrls }), extraUrls);
  const targets = intercomTargets({ invocations: found.map((f) => f.invocation), urls: extraUrl !== undefined ? [extraUrl] : [] });
  let scan = await scanCache(cacheBase.base, targets);
  let plan = planReset(scan, { all: options.all, force: options.force });
  const keptPaths = plan.keep.map((k) => k.path);
  const plannedPaths = [...plan.remove.map((e) => e.path), ...plan.removeFolders];
  const held = plan.keep.filter((k) => k.reason === 'sign-in-in-progress');

  if (!scan.exists || plan.remove.length === 0) {
    if (options.json) {
      out.json({ removed: [], kept: keptPaths } satisfies JsonResult);
    } else if (held.length > 0) {
      showPlan(ctx, scan, plan, options, Date.now());
      say();
      say('Nothing reset: every file to delete belongs to a sign-in in progress (see above). Finish or quit it, or run again with --force.');
    } else {
      say(options.all ? `Nothing to reset: ${baseShown} holds no mcp-remote sign-in files.` : `Nothing to reset: no Intercom sign-in in ${baseShown}.`);
      if (scan.exists) showLeftAlone(ctx, scan, plan);
      configDirHints(ctx, found, cacheBase.base);
    }
    return 0;
  }

  const fileCount = plan.remove.length;
  if (human) {
    showPlan(ctx, scan, plan, options, Date.now());
    configDirHints(ctx, found, cacheBase.base);
  }

  if (options.dryRun) {
    if (options.json) out.json({ removed: [], kept: [...plannedPaths, ...keptPaths], wouldRemove: plannedPaths } satisfies JsonResult);
    else {
      say();
      say(`Dry run: nothing deleted. Run without --dry-run to delete ${plural(fileCount, 'file')}.`);
    }
    return 0;
  }

  if (!options.yes) {
    if (options.json || !ctx.interactive) {
      if (options.json) out.json({ removed: [], kept: [...plannedPaths, ...keptPaths], wouldRemove: plannedPaths } satisfies JsonResult);
      throw new UsageError(
        `nothing deleted: ${options.json ? '--json never asks' : 'no terminal to ask on'}; run again with --yes to delete ${options.all ? "every server's" : "Intercom's"} ${plural(fileCount, 'sign-in file')}${options.json ? '' : ' listed above'}.`,
      );
    }
    say();
    const message = options.all
      ? `Sign out of EVERY server mcp-remote uses (not only Intercom) by deleting ${plural(fileCount, 'file')}?`
      : `Delete ${plural(fileCount, 'file')}? You will sign in to Intercom again on the next connection.`;
    await confirmDeletion(ctx, message, !options.all);
    // The answer may come minutes later: look again, so a sign-in started meanwhile is still
    // protected by its live lock (and files mcp-remote already removed are not reported).
    scan = await scanCache(cacheBase.base, targets);
    plan = planReset(scan, { all: options.all, force: options.force });
  }

  const result = await deleteCacheFiles(scan, { all: options.all, force: options.force });

  if (options.json) {
    out.json({ removed: result.removed, kept: result.kept } satisfies JsonResult);
  } else {
    const removedFiles = result.removed.filter((p) => !plan.removeFolders.includes(p)).length;
    say();
    say(`${statusMark('pass', colors)} Deleted ${plural(removedFiles, 'file')}${options.all ? '' : " of Intercom's sign-in"}.`);
    for (const group of plan.groups) {
      if (!group.heldBy || !group.keep.some((k) => k.reason === 'sign-in-in-progress')) continue;
      say(
        colors.yellow(
          `  Kept ${group.target ? displayUrl(group.target.label) : group.hash} in ${group.folder}/: a sign-in is in progress, ${heldByText(group.heldBy)}.`,
        ),
      );
    }
  }
  for (const failure of result.errors) {
    const reason = failure.code === 'EACCES' || failure.code === 'EPERM' ? `permission denied (${failure.code})` : failure.message;
    out.error(`intercom-mcp-setup: could not delete ${displayPath(platform, failure.path)}: ${reason}`);
  }
  if (human && result.removed.length > 0) nextSteps(ctx, found, options);
  if (result.errors.length > 0) {
    if (human) say(colors.red(`${plural(result.errors.length, 'file')} could not be deleted (see above); fix the permissions and run again.`));
    return 1;
  }
  return 0;
}
