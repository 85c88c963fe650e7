// A vitest reporter for .ci/run: writes how many errors vitest caught outside the tests (an
// unhandled rejection, an error thrown after its test ended) to the file named by
// CI_UNHANDLED_ERRORS_FILE. The JSON report does not hold them, and a failed test that passes when
// run again must not hide them: they fail the run as they did before.
import { writeFileSync } from 'node:fs';

export default class UnhandledErrorsReporter {
  onTestRunEnd(_testModules, unhandledErrors) {
    const file = process.env.CI_UNHANDLED_ERRORS_FILE;
    if (file) writeFileSync(file, String(unhandledErrors.length));
  }
}
