/**
 * The seed of a file's property tests: FC_SEED when given (to reproduce a failure), `ciSeed` under
 * CI, a new one on every other run. CI runs a failed test once more (.ci/run) and calls it flaky
 * if it then passes: with a new seed, a real counterexample found once would pass for flaky.
 */
export function propertySeed(ciSeed: number): number {
  if (process.env.FC_SEED) return Number(process.env.FC_SEED);
  return process.env.CI ? ciSeed : Math.floor(Math.random() * 0x7fffffff);
}
