// The previous result send_when compares with: the latest earlier attempt of this run, or the previous run of the
// workflow on the branch. Pure logic over the runs endpoint, which tests replace.
import type { Health } from '../rules/send-when.js';
import type { JobsApi } from './jobs.js';
import type { RunsApi } from './runs.js';
import type { WorkflowJob, WorkflowRun } from './types.js';

export interface PreviousRun {
  readonly result: Health | 'none';
  /** For `none`: how many completed runs of the workflow on the branch were looked at. */
  readonly searched?: number;
  /** The run the result comes from: its number, attempt and address. */
  readonly run?: { readonly number: number; readonly attempt?: number; readonly conclusion: string; readonly url: string };
}

/** How many recent completed runs are searched for one with a result: one page. */
export const RUNS_SEARCHED = 50;
/** How many earlier runs are searched for the same job with a result: each costs a request for its jobs. */
export const JOB_RUNS_SEARCHED = 5;

/**
 * A conclusion as the branch's health. A timeout or a run that could not start is a failure. Cancelled, skipped,
 * neutral, stale and action_required runs say nothing about the code, so they are passed over.
 */
export function conclusionHealth(conclusion: string | null): Health | undefined {
  if (conclusion === 'success') return 'success';
  if (conclusion === 'failure' || conclusion === 'timed_out' || conclusion === 'startup_failure') return 'failure';
  return undefined;
}

function found(run: WorkflowRun, health: Health, attempt?: number): PreviousRun {
  return { result: health, run: { number: run.run_number, attempt, conclusion: run.conclusion ?? '', url: run.html_url } };
}

/**
 * The runs that came before the current one, latest first: completed runs with a lower run number of the same
 * workflow, on the same branch of the same repository (a fork's pull request can have a branch of the same name).
 */
export function earlierRuns(current: WorkflowRun, runs: readonly WorkflowRun[]): WorkflowRun[] {
  const headRepository = current.head_repository?.full_name;
  return runs
    .filter(
      (run) =>
        run.id !== current.id &&
        run.run_number < current.run_number &&
        run.workflow_id === current.workflow_id &&
        run.head_branch === current.head_branch &&
        run.head_repository?.full_name === headRepository &&
        run.status === 'completed',
    )
    .sort((a, b) => b.run_number - a.run_number);
}

/** The previous run among the listed ones: the latest earlier run (earlierRuns) whose conclusion has a health. */
export function selectPrevious(current: WorkflowRun, runs: readonly WorkflowRun[]): PreviousRun {
  const previous = earlierRuns(current, runs).find((run) => conclusionHealth(run.conclusion) !== undefined);
  return previous ? found(previous, conclusionHealth(previous.conclusion) as Health) : { result: 'none', searched: runs.length };
}

/**
 * Finds the result the current run is compared with. For a re-run (attempt 2 or later) that is the latest earlier
 * attempt of this same run with a result: the room heard about it, and a re-run that passes after a failed attempt
 * is a fix. Otherwise, and when every earlier attempt was cancelled, it is the previous run (selectPrevious).
 */
export async function findPreviousRun(api: RunsApi, runId: number, runAttempt: number): Promise<PreviousRun> {
  const current = await api.getRun(runId);
  for (let attempt = runAttempt - 1; attempt >= 1; attempt--) {
    const earlier = await api.getRunAttempt(runId, attempt);
    const health = conclusionHealth(earlier.status === 'completed' ? earlier.conclusion : null);
    if (health) return found(earlier, health, attempt);
  }
  const runs = await api.listCompletedRuns(current.workflow_id, current.head_branch, RUNS_SEARCHED);
  return selectPrevious(current, runs);
}

function jobHealth(jobs: readonly WorkflowJob[], name: string): { job: WorkflowJob; health: Health } | undefined {
  const job = jobs.find((candidate) => candidate.name === name);
  const health = job?.status === 'completed' ? conclusionHealth(job.conclusion) : undefined;
  return job && health ? { job, health } : undefined;
}

/**
 * The same job's previous result, by its full name with the matrix values: in a multi-job workflow, job B's
 * recovery must not hide behind job A's failure. As for the whole run, an earlier attempt of this run comes first;
 * then the earlier runs, latest first, passing over those where the job is missing, cancelled or skipped. A job
 * found in none of the JOB_RUNS_SEARCHED latest runs is new: `none`.
 */
export async function findPreviousJob(runs: RunsApi, jobs: JobsApi, runId: number, runAttempt: number, name: string): Promise<PreviousRun> {
  const current = await runs.getRun(runId);
  for (let attempt = runAttempt - 1; attempt >= 1; attempt--) {
    const earlier = jobHealth(await jobs.attemptJobs(runId, attempt), name);
    if (earlier) return jobFound(current, earlier, attempt);
  }
  const listed = await runs.listCompletedRuns(current.workflow_id, current.head_branch, RUNS_SEARCHED);
  const candidates = earlierRuns(current, listed).slice(0, JOB_RUNS_SEARCHED);
  for (const run of candidates) {
    const earlier = jobHealth(await jobs.latestJobs(run.id), name);
    if (earlier) return jobFound(run, earlier);
  }
  return { result: 'none', searched: candidates.length };
}

function jobFound(run: WorkflowRun, { job, health }: { job: WorkflowJob; health: Health }, attempt?: number): PreviousRun {
  return { result: health, run: { number: run.run_number, attempt, conclusion: job.conclusion ?? '', url: job.html_url } };
}
