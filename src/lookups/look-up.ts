// The look-up stage, loaded with import() only when the plan asks for something: one GitHub client for the run, the
// jobs of the attempt read once (this job, its link and duration, and on a failure why), and the previous result for
// send_when.
import type { GithubContext } from '../context/github.js';
import { jobsApi } from '../github/jobs.js';
import { findPreviousJob, findPreviousRun } from '../github/previous-run.js';
import { runsApi } from '../github/runs.js';
import type { GithubClient, OpenGithub } from '../github/types.js';
import type { ActionInputs } from '../inputs/read.js';
import type { PreviousResult } from '../rules/send-when.js';
import { type LookupPlan, readsJobs } from './plan.js';
import { previousResult, SEND_ANYWAY } from './previous-result.js';
import { type LookupLog, lookUpRunFacts, type RunFacts } from './run-facts.js';
import type { Found } from './types.js';

/** Per request: a GitHub API that does not answer must not hold the notification back for long. */
const TIMEOUT_MS = 10_000;

export interface LookupContext {
  readonly github: GithubContext;
  readonly inputs: Pick<ActionInputs, 'githubToken' | 'matrix' | 'needs'>;
  /** RUNNER_NAME, which tells this job from others of the same name. */
  readonly runnerName: string | undefined;
}

export interface LookupDependencies {
  readonly openGithub: OpenGithub;
  readonly now: () => number;
  readonly log: LookupLog;
}

/** The run attempt this job belongs to. */
function attemptOf(github: GithubContext): { runId: number; attempt: number } {
  return { runId: Number(github.run_id), attempt: Number(github.run_attempt) || 1 };
}

/** The failed steps, errors and log lines, with the code for them loaded only now: on a failure. */
async function lookUpFailures(client: GithubClient, facts: RunFacts, { github, inputs }: LookupContext, logLines: number, log: LookupLog) {
  const { lookUpFailures: lookUp } = await import('./failures.js');
  const wholeRun = inputs.needs !== undefined;
  return lookUp(client, facts, { repository: github.repository, serverUrl: github.server_url, sha: github.sha, wholeRun, logLines }, log);
}

/** Why the API cannot be asked at all, if it cannot. */
function unavailable({ github, inputs }: LookupContext): string | undefined {
  if (!inputs.githubToken) return 'github_token is empty';
  const runId = Number(github.run_id);
  if (!Number.isSafeInteger(runId) || runId <= 0 || !github.repository.includes('/')) {
    return 'GITHUB_RUN_ID or GITHUB_REPOSITORY is not set';
  }
  return undefined;
}

/**
 * This job's previous result when its name is known (per job, without `needs`), else the whole previous run's:
 * with `needs`, or when the jobs could not be read or this one not found (a warning has said so).
 */
function lookUpPrevious(client: GithubClient, github: GithubContext, job: string | undefined, log: LookupLog): Promise<PreviousResult> {
  const { runId, attempt } = attemptOf(github);
  const runs = runsApi(client, github.repository);
  if (job === undefined) return previousResult(() => findPreviousRun(runs, runId, attempt), github, log);
  const jobs = jobsApi(client, github.repository);
  return previousResult(() => findPreviousJob(runs, jobs, runId, attempt, job), github, log, job);
}

export async function lookUp(plan: LookupPlan, context: LookupContext, deps: LookupDependencies): Promise<Found> {
  const { github, inputs } = context;
  const why = unavailable(context);
  if (why) {
    if (plan.runFacts) deps.log.warning(`This job's link and duration come from the GitHub API, but ${why}. They are left out.`);
    // The default message's account of a failure is a bonus, which a shell without a token goes without quietly.
    const failures = `What failed (steps, errors, log lines) comes from the GitHub API, but ${why}. It is left out.`;
    if (plan.failures === 'asked') deps.log.warning(failures);
    if (plan.failures === 'shown') deps.log.debug(failures);
    if (plan.previous) deps.log.warning(`send_when needs the previous run's result, but ${why}. ${SEND_ANYWAY}`);
    return plan.previous ? { previous: 'unknown' } : {};
  }
  const { runId, attempt } = attemptOf(github);
  const client = await deps.openGithub({ apiUrl: github.api_url, token: inputs.githubToken, timeoutMs: TIMEOUT_MS });
  try {
    const facts = readsJobs(plan)
      ? await lookUpRunFacts(
          client,
          {
            repository: github.repository,
            runId,
            attempt,
            job: { jobId: github.job, matrix: inputs.matrix, runnerName: context.runnerName },
            wholeRun: inputs.needs !== undefined,
            nowMs: deps.now(),
            for: { message: plan.runFacts, history: plan.previous === 'job', failures: plan.failures !== false },
          },
          deps.log,
        )
      : undefined;
    const failures = plan.failures !== false && facts ? await lookUpFailures(client, facts, context, plan.logLines, deps.log) : undefined;
    const previous = plan.previous && (await lookUpPrevious(client, github, facts?.job?.name, deps.log));
    return {
      ...(failures && { failures }),
      ...(plan.runFacts && facts?.job && { job: { name: facts.job.name, url: facts.job.html_url } }),
      ...(plan.runFacts && facts?.durationSeconds !== undefined && { durationSeconds: facts.durationSeconds }),
      ...(previous && { previous }),
    };
  } finally {
    await client.close();
  }
}
