/**
 * Credentials recognisable by their shape alone, wherever they appear: a GitHub token typed as a
 * command, a `sk-…` key pasted as an argument, a JWT in an error. ui/output.ts's maskSecrets
 * applies this with its other rules; src/bin.ts uses it alone when nothing else could be loaded.
 * Here, in the lowest layer, so that dist/cli.js can have it without the rest of the output code.
 */

/** Text that none of the shapes can match lacks every one of these (checked without a regex). */
const PREFIXES = [
  'ghp_',
  'gho_',
  'ghu_',
  'ghs_',
  'ghr_',
  'github_pat_',
  'glpat-',
  'xox',
  'sk-',
  'k_live_',
  'k_test_',
  'lin_',
  'npm_',
  'hf_',
  'AKIA',
  'ASIA',
  'AIza',
  'dG9rO',
  'eyJ',
];

/**
 * The shapes: a prefix that says what kind of credential it is (kept), then the secret (masked).
 * GitHub (classic and fine-grained), GitLab, Slack, OpenAI/Anthropic-style `sk-`, Stripe secret
 * and restricted keys, Linear, npm, Hugging Face, AWS access key ids and Google API keys; then
 * Intercom access tokens (base64 of `tok:…`) and JWTs (three base64url parts). Not after a
 * letter, digit, `-`, `_`, `.`, `/` or `\`: inside a longer word or a path it is a name.
 */
const SHAPES =
  /(?<![\w./\\-])(?:(gh[pousr]_|github_pat_|glpat-|xox[abposr]-|sk-(?:ant-|proj-)?|[sr]k_(?:live|test)_|lin_(?:api|oauth)_|npm_|hf_|AKIA|ASIA|AIza)([A-Za-z0-9_-]{16,})|(dG9rO)[A-Za-z0-9+/]{16,}={0,2}|(eyJ)[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})/g;

/** Whether `text` may hold one of the shapes; false means maskTokenShapes would return it as it is. */
export function mayHoldTokenShape(text: string): boolean {
  return PREFIXES.some((prefix) => text.includes(prefix));
}

/** `text` with the secret part of every credential of a known shape replaced by `mask` (`ghp_****`). */
export function maskTokenShapes(text: string, mask = '****'): string {
  if (!mayHoldTokenShape(text)) return text;
  return text.replace(SHAPES, (whole, prefix: string | undefined, rest: string | undefined, intercom: string | undefined, jwt: string | undefined) => {
    // `sk-` also begins ordinary hyphenated words (`sk-learn-…`): a key mixes in capitals or digits.
    if (prefix?.startsWith('sk-') && !/[A-Z0-9]/.test(rest ?? '')) return whole;
    return `${prefix ?? intercom ?? jwt}${mask}`;
  });
}
