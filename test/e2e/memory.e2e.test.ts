import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { claudeJsonOfSize } from '../../bench/claude-json.mjs';
import { runCli, tempHome } from '../helpers/cli.js';

/**
 * A heavy user's ~/.claude.json runs to tens of MB: setup's peak memory grows with the file by
 * less than 2.35× its size. The new text is written from its parts (the file as read, sliced, and
 * the edited servers object), never copied into one string: before that the peak grew 2.6–3.1×
 * the file's size on Node 20, 22, 24 and 26, now 1.9–2.1× (docs/performance.md has the table).
 * Measured as the `npm run bench` memory rows are: peak RSS of the run, less that of the same
 * setup on a file of a few lines.
 */
const REPORTER = `process.on('exit', () => require('node:fs').writeFileSync(process.env.IMS_PEAK_LOG, String(process.resourceUsage().maxRSS * 1024)));\n`;

/** Peak RSS of `setup --client claude-code` on a ~/.claude.json holding `text`; the file is checked afterwards. */
async function peakOfSetupOn(text: string): Promise<number> {
  const home = await tempHome('ims-memory-');
  const reporter = path.join(home, 'peak.cjs');
  const log = path.join(home, 'peak.log');
  await writeFile(reporter, REPORTER);
  await writeFile(path.join(home, '.claude.json'), text);
  const result = await runCli(['--client', 'claude-code', '--no-check', '--json'], {
    home,
    env: { NODE_OPTIONS: `--require ${reporter}`, IMS_PEAK_LOG: log },
    timeout: 60_000,
  });
  expect(result.exitCode, result.stderr).toBe(0);
  const written = JSON.parse(await readFile(path.join(home, '.claude.json'), 'utf8')) as { mcpServers: Record<string, unknown>; projects?: object };
  expect(Object.keys(written.mcpServers)).toEqual(text.includes('"other"') ? ['other', 'intercom'] : ['intercom']);
  if (text.length > 1024) expect(written.projects).toEqual((JSON.parse(text) as { projects: object }).projects);
  return Number(await readFile(log, 'utf8'));
}

/** The baseline both tests measure against: the same setup on a ~/.claude.json of a few lines. */
const FEW_LINES = JSON.stringify({ numStartups: 3, mcpServers: {} }, null, 2);

describe('setup on a large ~/.claude.json', () => {
  it('peaks at less than 2.35× the file size above the same setup on a few-line file', async () => {
    const text = claudeJsonOfSize(10 * 1024 * 1024);
    const baseline = await peakOfSetupOn(FEW_LINES);
    const peak = await peakOfSetupOn(text);
    const ratio = (peak - baseline) / Buffer.byteLength(text);
    expect(ratio, `peak ${(peak / 1048576).toFixed(1)} MB, baseline ${(baseline / 1048576).toFixed(1)} MB`).toBeLessThan(2.35);
  }, 120_000);

  it('a project holding one long list of numbers: the strict-JSON match keeps its stack small', async () => {
    // 120,000 items in one value (240 kB): with every item in the loop that holds the inner
    // levels' groups, V8's regular-expression stack took 32 MB; with the scalar items in a loop
    // of their own, about 8 MB above the baseline on Node 20 to 26 (config/json-layout.ts).
    const text = JSON.stringify({ numStartups: 1, projects: { '/p': { history: new Array(120_000).fill(1) } }, mcpServers: {} });
    const baseline = await peakOfSetupOn(FEW_LINES);
    const peak = await peakOfSetupOn(text);
    expect((peak - baseline) / 1048576, `peak ${(peak / 1048576).toFixed(1)} MB, baseline ${(baseline / 1048576).toFixed(1)} MB`).toBeLessThan(16);
  }, 120_000);
});
