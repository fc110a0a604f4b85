/**
 * One line of a set-up check. `fail` is something that would make a real run fail, or that the token could never do
 * of what the inputs ask HipChat to do (set the topic, share the file, send the private messages); `warn` something
 * that would only degrade a run (a person not found, a GitHub read refused: the message goes out without them);
 * `skip` a check that an earlier failure left unanswerable.
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
