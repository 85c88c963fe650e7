import type { Status } from '../ui/marks.js';

export type CheckStatus = Status;

/** One line of doctor's report. `fix` is one actionable line, present when status is not pass. */
export interface Check {
  id: string;
  /** Group heading in the human report: Environment, Clients, Network (URL), Region, Auth cache. */
  group: string;
  status: CheckStatus;
  message: string;
  fix?: string;
  /** The endpoint a network check probed: with two endpoints in use, the same id comes twice. */
  url?: string;
}

/** The maker of one group's checks: a check's `fix` is kept only when there is one. */
export function checksOf(group: string): (id: string, status: CheckStatus, message: string, fix?: string) => Check {
  return (id, status, message, fix) => ({ id, group, status, message, ...(fix ? { fix } : {}) });
}
