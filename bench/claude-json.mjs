// A heavy Claude Code user's ~/.claude.json of about `bytes`: projects with their prompt history,
// and one other server. Shared by the benchmark's memory rows and test/e2e/memory.e2e.test.ts.

/**
 * @param {number} bytes
 * @param {{ emptyServers?: boolean, minified?: boolean }} [options]
 * @returns {string}
 */
export function claudeJsonOfSize(bytes, { emptyServers = false, minified = false } = {}) {
  const projects = {};
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const history = Array.from({ length: 20 }, (_, j) => ({ display: `refactor the billing module step ${j} ${'x'.repeat(200)}`, pastedContents: {} }));
    const project = { allowedTools: [], history, mcpServers: {}, lastCost: 0.12, lastSessionId: `session-${i}` };
    projects[`/home/ana/work/project-${i}`] = project;
    size += JSON.stringify(project).length + 40;
  }
  const mcpServers = emptyServers ? {} : { other: { type: 'http', url: 'https://example.test/mcp' } };
  return minified ? JSON.stringify({ numStartups: 340, projects, mcpServers }) : JSON.stringify({ numStartups: 340, projects, mcpServers }, null, 2);
}
