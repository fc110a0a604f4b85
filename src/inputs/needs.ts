import { InputError, listChoices } from './errors.js';
import { parseJsonObject, shownValue } from './json-object.js';
import { isOneOf } from './parse.js';

/** The results a job in `needs` can have (the needs context's `result`). */
export const JOB_RESULTS = ['success', 'failure', 'cancelled', 'skipped'] as const;
export type JobResult = (typeof JOB_RESULTS)[number];

export interface NeededJob {
  readonly name: string;
  readonly result: JobResult;
}

const EXAMPLE = 'pass needs: ${{ toJSON(needs) }} from a job with needs: [build, test]';

/**
 * Reads `${{ toJSON(needs) }}`: an object of job id to `{ result, outputs }`, in the order the workflow lists
 * them. Empty means the input is not used. Anything else is a mistake that would report a wrong status, so it
 * fails the step.
 */
export function parseNeeds(raw: string): readonly NeededJob[] | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  const parsed = parseJsonObject('needs', text, 'jobs', EXAMPLE);
  const jobs = Object.entries(parsed).map(([name, job]): NeededJob => {
    const result: unknown = job !== null && typeof job === 'object' ? (job as { result?: unknown }).result : undefined;
    if (typeof result !== 'string' || !isOneOf(JOB_RESULTS, result)) {
      throw new InputError(
        `Invalid needs: job '${name}' has result ${JSON.stringify(result) ?? 'undefined'}: expected ${listChoices(JOB_RESULTS)}.`,
      );
    }
    return { name, result };
  });
  if (jobs.length === 0) {
    throw new InputError(`Invalid needs '${shownValue(text)}': it lists no jobs; ${EXAMPLE}.`);
  }
  return jobs;
}

/** Worst first. A skipped job ran nothing, so it only decides when every job was skipped. */
const SEVERITY: readonly JobResult[] = ['failure', 'cancelled', 'success', 'skipped'];

/** The whole workflow's status: the worst result among the jobs. */
export function worstResult(jobs: readonly NeededJob[]): JobResult {
  return SEVERITY.find((result) => jobs.some((job) => job.result === result)) ?? 'skipped';
}
