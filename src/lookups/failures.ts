// Why it failed, from the jobs of the run attempt that run-facts read once: each failed job's first failed step, its
// error annotations, and on request the log lines before its first error. Loaded with import() on failures alone.
import { checkRunIdOf, listFailureAnnotations } from '../github/annotations.js';
import { readJobLog } from '../github/logs.js';
import type { CheckAnnotation, GithubClient, WorkflowJob } from '../github/types.js';
import { clip } from '../render/rich-text.js';
import { encodePath } from '../view.js';
import { LogExcerpt } from './log-excerpt.js';
import type { LookupLog, RunFacts } from './run-facts.js';
import type { FailureError, FailureView } from './types.js';
import { defuseMentions } from './untrusted.js';

export interface FailuresQuery {
  readonly repository: string;
  /** GITHUB_SERVER_URL, for the links to files. */
  readonly serverUrl: string;
  /** The commit the run checked out, at which the errors' lines are. */
  readonly sha: string;
  /** With `needs`: every failed job of the run attempt; else this job. */
  readonly wholeRun: boolean;
  /** How many log lines to keep per finished job; 0 reads no log. */
  readonly logLines: number;
}

/** How many failed jobs are looked into (annotations and logs); the rest are listed by name, step and link. */
export const FAILURES_DETAILED = 5;
/** Errors kept per job: the first one is the message's, the rest are for templates. */
export const ERRORS_KEPT = 10;

const FAILED = ['failure', 'timed_out', 'cancelled'];

/** The failed jobs, failures and timeouts before cancellations, which are mostly the fail-fast's doing. */
function failedJobs(facts: RunFacts, wholeRun: boolean): WorkflowJob[] {
  if (!wholeRun) return facts.job ? [facts.job] : [];
  const failed = facts.jobs.filter(
    (job) => job.id !== facts.job?.id && job.status === 'completed' && FAILED.includes(job.conclusion ?? ''),
  );
  return failed.filter((job) => job.conclusion !== 'cancelled').concat(failed.filter((job) => job.conclusion === 'cancelled'));
}

/** The step that failed, or for a job that was stopped, the step it stopped in. */
function failedStep(job: WorkflowJob): string {
  const step =
    job.steps.find((candidate) => candidate.conclusion === 'failure') ??
    job.steps.find((candidate) => candidate.conclusion === 'cancelled' || candidate.status === 'in_progress');
  return step?.name ?? '';
}

function errorOf(annotation: CheckAnnotation, query: FailuresQuery): FailureError {
  // The runner's own annotations (".github", line 1) name no file worth a link.
  const path = annotation.path === '.github' ? '' : annotation.path;
  const line = path ? annotation.start_line : null;
  const url = path ? `${query.serverUrl}/${query.repository}/blob/${query.sha}/${encodePath(path)}${line ? `#L${line}` : ''}` : '';
  return {
    path: defuseMentions(path),
    line,
    title: defuseMentions(clip(annotation.title, 200)),
    message: defuseMentions([...annotation.message].slice(0, 1000).join('')),
    url,
  };
}

/** The first problem of each kind (annotations, logs) is a warning; the others would only repeat it. */
class Problems {
  readonly #warned = new Set<string>();
  readonly #log: LookupLog;

  constructor(log: LookupLog) {
    this.#log = log;
  }

  warn(kind: string, message: string): void {
    if (this.#warned.has(kind)) return;
    this.#warned.add(kind);
    this.#log.warning(message);
  }
}

async function errorsOf(client: GithubClient, job: WorkflowJob, query: FailuresQuery, problems: Problems): Promise<FailureError[]> {
  try {
    const annotations = await listFailureAnnotations(client, query.repository, checkRunIdOf(job));
    return annotations.slice(0, ERRORS_KEPT).map((annotation) => errorOf(annotation, query));
  } catch (error) {
    problems.warn(
      'annotations',
      `Could not read the errors (check run annotations) of job '${clip(job.name, 200)}' through the GitHub API: ${(error as Error).message}. The message names the failed step without them.`,
    );
    return [];
  }
}

/**
 * The lines ending at the first error of a finished job's log. A job still running has no log to read yet, and a
 * cancelled one's would not say why anything failed (one cancelled before it started has none).
 */
async function excerptOf(
  client: GithubClient,
  job: WorkflowJob,
  query: FailuresQuery,
  problems: Problems,
  log: LookupLog,
): Promise<string> {
  if (query.logLines === 0 || job.status !== 'completed' || job.conclusion === 'cancelled') return '';
  const excerpt = new LogExcerpt(query.logLines);
  try {
    const download = await readJobLog(client, query.repository, job.id, (chunk) => excerpt.push(chunk));
    const cutShort = download.ended === 'bytes' || download.ended === 'time';
    const { lines, foundError } = excerpt.finish({ cutShort });
    if (!foundError && cutShort) {
      const read = download.ended === 'bytes' ? `the first ${Math.round(download.bytes / 1024 / 1024)} MB` : 'what came in time';
      log.info(`The log of job '${clip(job.name, 200)}' has no error line in ${read}; its last lines read are shown.`);
    }
    return lines.join('\n');
  } catch (error) {
    problems.warn(
      'logs',
      `Could not read the log of job '${clip(job.name, 200)}' through the GitHub API: ${(error as Error).message}. The message goes without its log lines.`,
    );
    return '';
  }
}

function basics(job: WorkflowJob): FailureView {
  return {
    job: defuseMentions(job.name),
    job_url: job.html_url,
    conclusion: job.conclusion ?? 'failure',
    step: defuseMentions(failedStep(job)),
    errors: [],
    log_excerpt: '',
  };
}

/**
 * The failed jobs with what GitHub knows of them; the first FAILURES_DETAILED with their errors and log lines, the
 * others by name, step and link. This job, reported without `needs`, is left out when GitHub knows nothing of why.
 */
export async function lookUpFailures(client: GithubClient, facts: RunFacts, query: FailuresQuery, log: LookupLog): Promise<FailureView[]> {
  const problems = new Problems(log);
  const failed = failedJobs(facts, query.wholeRun);
  const detailed = await Promise.all(
    failed.slice(0, FAILURES_DETAILED).map(async (job): Promise<FailureView> => {
      const [errors, excerpt] = await Promise.all([errorsOf(client, job, query, problems), excerptOf(client, job, query, problems, log)]);
      return { ...basics(job), errors, log_excerpt: excerpt };
    }),
  );
  const failures = [...detailed, ...failed.slice(FAILURES_DETAILED).map(basics)];
  return query.wholeRun ? failures : failures.filter((failure) => failure.step !== '' || failure.errors.length > 0);
}
