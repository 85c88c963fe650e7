import type { ClientDescriptor } from './types.js';

/** claude.ai is a web app: nothing to write, only the steps to follow in its settings. */
export const claudeAi: ClientDescriptor = {
  id: 'claude-ai',
  label: 'claude.ai',
  configPath: () => undefined,
  detect: () => ({ detected: false, evidence: '' }),
  templates: {},
  nextStep: ({ url }) => `On claude.ai open Settings → Connectors → Add custom connector, name it Intercom, paste ${url}, then Connect and sign in.`,
};
