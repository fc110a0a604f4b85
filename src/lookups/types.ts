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

/** One error of a failed job: a check run annotation of level failure. */
export interface FailureError {
  /** The file, or empty for an error that names none (the runner's "Process completed with exit code 1."). */
  readonly path: string;
  readonly line: number | null;
  readonly title: string;
  readonly message: string;
  /** The file at the commit and line, `{server}/{repo}/blob/{sha}/{path}#L{line}`; empty without a path. */
  readonly url: string;
}

/** Why a job failed, as far as GitHub can tell: the template context's `failures`. Build text, all of it. */
export interface FailureView {
  /** The job's name as GitHub shows it, matrix values included. */
  readonly job: string;
  readonly job_url: string;
  /** failure, timed_out or cancelled. */
  readonly conclusion: string;
  /** The first failed step's name (for a job timed out or cancelled, the step it stopped in); empty when none. */
  readonly step: string;
  readonly errors: readonly FailureError[];
  /** The log lines ending at the first error, with `log_lines`; empty otherwise. */
  readonly log_excerpt: string;
}

/** What the GitHub API told; a field is absent when it was not asked for or could not be found. */
export interface Found {
  readonly job?: JobFacts;
  /** On a failure: the failed jobs, this one or with `needs` every failed job of the run attempt. */
  readonly failures?: readonly FailureView[];
  /** This job's time so far; with `needs`, the whole run attempt's, from its first job's start. */
  readonly durationSeconds?: number;
  /** The previous result send_when compares with, when a rule needs it. */
  readonly previous?: PreviousResult;
}

export const NOTHING_FOUND: Found = {};
