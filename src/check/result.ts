/**
 * One line of a set-up check. `fail` is something that would make a real run fail; `warn` something that would only
 * degrade it (a lookup that would warn and send anyway); `skip` a check that an earlier failure left unanswerable.
 */
export type CheckOutcome = 'pass' | 'fail' | 'warn' | 'skip';

export interface CheckLine {
  /** What was checked: "Server reachable", "Room 'Ops': notifications (send_notification)". */
  readonly check: string;
  readonly outcome: CheckOutcome;
  /** What was seen, and for a failure or a warning, what to change. */
  readonly detail: string;
}

export const MARKS: Readonly<Record<CheckOutcome, string>> = { pass: '✓', fail: '✗', warn: '!', skip: '–' };

/** Whether a real run with these inputs would fail: a check line that says so. */
export function wouldFail(lines: readonly CheckLine[]): boolean {
  return lines.some((line) => line.outcome === 'fail');
}
