// Which of a run attempt's jobs is this one. The runner tells only the job's id in the workflow (GITHUB_JOB), while
// the API lists names: `test (20)` and `test (24)` for a matrix, `deploy / test` in a called workflow, or whatever
// `name:` says. Peers that matched names loosely linked the wrong job or none ("Job is not found").
import type { WorkflowJob } from '../github/types.js';
import type { Matrix } from '../inputs/matrix.js';
import { expectedJobName } from './job-name.js';

export interface JobQuery {
  /** GITHUB_JOB: the job's id in the workflow file. */
  readonly jobId: string;
  readonly matrix?: Matrix;
  /** RUNNER_NAME: the runner running this job, which runs nothing else meanwhile. */
  readonly runnerName?: string;
}

export type JobMatch =
  | { readonly job: WorkflowJob; readonly expected: string }
  | { readonly job: undefined; readonly expected: string; readonly reason: string };

function onThisRunner(jobs: readonly WorkflowJob[], runnerName: string | undefined): WorkflowJob[] {
  return runnerName ? jobs.filter((job) => job.runner_name === runnerName && job.status === 'in_progress') : [];
}

/**
 * The job by its full name with the matrix values, exactly, or as the last part of a called workflow's `caller /
 * job`. Several of that name, or none (a job with its own `name:`), are told apart by the runner running this job.
 * Anything still ambiguous gives no job: a wrong link would be worse than the run's.
 */
export function matchJob(jobs: readonly WorkflowJob[], query: JobQuery): JobMatch {
  const expected = expectedJobName(query.jobId, query.matrix);
  const named = jobs.filter((job) => job.name === expected || job.name.endsWith(` / ${expected}`));
  const [only] = named;
  if (named.length === 1 && only) return { job: only, expected };
  const candidates = onThisRunner(named.length > 0 ? named : jobs, query.runnerName);
  const [running] = candidates;
  if (candidates.length === 1 && running) return { job: running, expected };
  const reason =
    named.length > 1
      ? `${named.length} jobs are named '${expected}'`
      : `none of its ${jobs.length} jobs is named '${expected}'${query.runnerName ? ` or runs on this runner, '${query.runnerName}'` : ''}`;
  return { job: undefined, expected, reason };
}
