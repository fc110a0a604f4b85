// What the lookups hand to the view and to send_when. It imports nothing of its users: the view, main.ts and the
// lookups all depend on it.
import type { PreviousResult } from '../rules/send-when.js';

/** This job, as the GitHub API lists it among the jobs of the run attempt. */
export interface JobFacts {
  /** As GitHub shows it, matrix values included: `test (24)`. */
  readonly name: string;
  /** The job's own log page. */
  readonly url: string;
}

/** What the GitHub API told; a field is absent when it was not asked for or could not be found. */
export interface Found {
  readonly job?: JobFacts;
  /** This job's time so far; with `needs`, the whole run attempt's, from its first job's start. */
  readonly durationSeconds?: number;
  /** The previous result send_when compares with, when a rule needs it. */
  readonly previous?: PreviousResult;
}

export const NOTHING_FOUND: Found = {};
