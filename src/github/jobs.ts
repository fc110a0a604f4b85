// The jobs endpoint: the jobs of one attempt of a run, or of its latest attempt, with their steps.
import { repositoryPath } from './runs.js';
import type { GithubClient, JobStep, WorkflowJob } from './types.js';

/** The two reads of jobs that the per-job history needs; the real ones are below. */
export interface JobsApi {
  /** The jobs of one attempt of a run. */
  attemptJobs(runId: number, attempt: number): Promise<readonly WorkflowJob[]>;
  /** The jobs of a run's latest attempt. */
  latestJobs(runId: number): Promise<readonly WorkflowJob[]>;
}

/** GitHub's largest page. */
export const JOBS_PER_PAGE = 100;
/** A run has at most a few hundred jobs (a matrix makes at most 256); beyond ten pages the rest is not read. */
export const JOB_PAGES_MAX = 10;

interface JobsPage {
  readonly total_count?: unknown;
  readonly jobs?: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function stepOf(value: unknown, index: number): JobStep | undefined {
  if (!isObject(value) || typeof value.name !== 'string') return undefined;
  return {
    name: value.name,
    status: text(value.status) ?? '',
    conclusion: text(value.conclusion),
    number: typeof value.number === 'number' ? value.number : index + 1,
  };
}

/** Only what the lookups read, checked: an answer of another shape gives fewer jobs, never a crash. */
function jobOf(value: unknown): WorkflowJob | undefined {
  if (!isObject(value) || typeof value.id !== 'number' || typeof value.name !== 'string') return undefined;
  const steps = Array.isArray(value.steps) ? value.steps.map(stepOf).filter((step) => step !== undefined) : [];
  return {
    id: value.id,
    ...(typeof value.run_attempt === 'number' ? { run_attempt: value.run_attempt } : {}),
    name: value.name,
    status: text(value.status) ?? '',
    conclusion: text(value.conclusion),
    started_at: text(value.started_at),
    completed_at: text(value.completed_at),
    html_url: text(value.html_url) ?? '',
    runner_name: text(value.runner_name),
    steps,
  };
}

async function listJobs(client: GithubClient, path: string, query: Readonly<Record<string, string>> = {}): Promise<WorkflowJob[]> {
  const jobs: WorkflowJob[] = [];
  for (let page = 1; page <= JOB_PAGES_MAX; page++) {
    const listed = await client.getJson<JobsPage>(path, { permission: 'actions', query: { ...query, per_page: JOBS_PER_PAGE, page } });
    const found = Array.isArray(listed.jobs) ? listed.jobs : [];
    jobs.push(...found.map(jobOf).filter((job) => job !== undefined));
    const total = typeof listed.total_count === 'number' ? listed.total_count : 0;
    if (found.length < JOBS_PER_PAGE || jobs.length >= total) break;
  }
  return jobs;
}

/** GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs, every page. */
export function listAttemptJobs(client: GithubClient, repository: string, runId: number, attempt: number): Promise<WorkflowJob[]> {
  return listJobs(client, `${repositoryPath(repository)}/actions/runs/${runId}/attempts/${attempt}/jobs`);
}

/** GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs?filter=latest: the jobs of the run's latest attempt. */
export function listLatestJobs(client: GithubClient, repository: string, runId: number): Promise<WorkflowJob[]> {
  return listJobs(client, `${repositoryPath(repository)}/actions/runs/${runId}/jobs`, { filter: 'latest' });
}

/** The jobs endpoint for one run's history, as findPreviousJob reads it. */
export function jobsApi(client: GithubClient, repository: string): JobsApi {
  return {
    attemptJobs: (runId, attempt) => listAttemptJobs(client, repository, runId, attempt),
    latestJobs: (runId) => listLatestJobs(client, repository, runId),
  };
}
