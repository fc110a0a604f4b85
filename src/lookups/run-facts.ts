// The jobs of the current run attempt, read once, and what they tell the message: which job this is, its own log
// page and how long it has run. Failures build on the same read.

import { listAttemptJobs } from '../github/jobs.js';
import type { GithubClient, WorkflowJob } from '../github/types.js';
import { clip } from '../render/rich-text.js';
import { type JobQuery, matchJob } from './match-job.js';

export interface RunFactsQuery {
  readonly repository: string;
  readonly runId: number;
  readonly attempt: number;
  readonly job: JobQuery;
  /** With `needs`, the duration is the whole run attempt's rather than this job's. */
  readonly wholeRun: boolean;
  /** What this job is looked up for, which says what a warning costs. */
  readonly for: { readonly message: boolean; readonly history: boolean };
  readonly nowMs: number;
}

export interface RunFacts {
  /** Every job of the run attempt. */
  readonly jobs: readonly WorkflowJob[];
  readonly job?: WorkflowJob;
  readonly durationSeconds?: number;
}

export interface LookupLog {
  info(message: string): void;
  warning(message: string): void;
}

/** What the notification does without this job, for a warning. */
function without(uses: RunFactsQuery['for']): string {
  return [
    uses.message ? "The notification goes out without this job's link and duration." : '',
    uses.history ? "send_when compares with the whole previous run's result instead of this job's." : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function startOf(job: WorkflowJob): number | undefined {
  const started = job.started_at ? Date.parse(job.started_at) : Number.NaN;
  return Number.isNaN(started) ? undefined : started;
}

/** A finished job's run time, or a running one's so far. */
function jobSeconds(job: WorkflowJob, nowMs: number): number | undefined {
  const started = startOf(job);
  if (started === undefined) return undefined;
  const completed = job.completed_at ? Date.parse(job.completed_at) : Number.NaN;
  return ((Number.isNaN(completed) ? nowMs : completed) - started) / 1000;
}

/** From the first job's start until now: the final job of a workflow runs last. */
function attemptSeconds(jobs: readonly WorkflowJob[], nowMs: number): number | undefined {
  const starts = jobs.map(startOf).filter((start) => start !== undefined);
  return starts.length > 0 ? (nowMs - Math.min(...starts)) / 1000 : undefined;
}

/** Reads the jobs of the run attempt and finds this one; a failed read or no match is a warning, never an error. */
export async function lookUpRunFacts(client: GithubClient, query: RunFactsQuery, log: LookupLog): Promise<RunFacts | undefined> {
  let jobs: WorkflowJob[];
  try {
    jobs = await listAttemptJobs(client, query.repository, query.runId, query.attempt);
  } catch (error) {
    log.warning(`Could not read the jobs of this run attempt through the GitHub API: ${(error as Error).message}. ${without(query.for)}`);
    return undefined;
  }
  const match = matchJob(jobs, query.job);
  if (match.job) {
    log.info(`This job is '${clip(match.job.name, 200)}': ${match.job.html_url}`);
  } else {
    const hint = query.job.matrix ? '' : ' For a matrix job, pass matrix: ${{ toJSON(matrix) }}.';
    log.warning(
      `Could not tell which job of run attempt ${query.attempt} this is: ${clip(match.reason, 300)}.${hint} ${without(query.for)}`,
    );
  }
  const durationSeconds = query.wholeRun ? attemptSeconds(jobs, query.nowMs) : match.job && jobSeconds(match.job, query.nowMs);
  return { jobs, ...(match.job && { job: match.job }), ...(durationSeconds !== undefined && { durationSeconds }) };
}
