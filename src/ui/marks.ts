import type { Colors } from './output.js';

/** How something went: a doctor check, a client's change, a sign-in, a deletion. */
export type Status = 'pass' | 'warn' | 'fail' | 'skip';

/** The one set of status marks every command prints. */
const MARKS: Record<Status, string> = { pass: '✓', warn: '!', fail: '✗', skip: '-' };
const COLOURS: Record<Status, keyof Colors> = { pass: 'green', warn: 'yellow', fail: 'red', skip: 'dim' };

/** The mark of `status` in its colour (when colour is on); `[✓]` with `brackets` (doctor's layout). */
export function statusMark(status: Status, colors: Colors, brackets = false): string {
  return colors[COLOURS[status]](brackets ? `[${MARKS[status]}]` : MARKS[status]);
}
