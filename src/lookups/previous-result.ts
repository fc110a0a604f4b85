import type { GithubContext } from '../context/github.js';
import type { PreviousRun } from '../github/previous-run.js';
import { clip } from '../render/rich-text.js';
import type { PreviousResult } from '../rules/send-when.js';
import type { LookupLog } from './run-facts.js';

export const SEND_ANYWAY = 'Sending the notification anyway, so that no failure or fix goes unreported.';

/**
 * The previous result for send_when, logged: this job's when `job` names it, else the whole run's. Whatever goes
 * wrong is a warning and gives `unknown`, which sends: a silently dropped failure notice is the worst outcome.
 */
export async function previousResult(
  find: () => Promise<PreviousRun>,
  github: GithubContext,
  log: LookupLog,
  job?: string,
): Promise<PreviousResult> {
  const of = job === undefined ? '' : ` of job '${clip(job, 200)}'`;
  try {
    const previous = await find();
    const { run } = previous;
    log.info(
      run
        ? `Previous result${of}: ${github.workflow} #${run.number}${run.attempt ? ` attempt ${run.attempt}` : ''} ended in ${run.conclusion} (${run.url}).`
        : job === undefined
          ? `No earlier run of ${github.workflow} on this branch has a result (${previous.searched ?? 0} completed runs listed).`
          : `No earlier run of ${github.workflow} on this branch has a result${of} (${previous.searched ?? 0} runs searched): it counts as new.`,
    );
    return previous.result;
  } catch (error) {
    const what = job === undefined ? 'the previous run' : `the previous result${of}`;
    log.warning(`Could not look up ${what} through the GitHub API at ${github.api_url}: ${(error as Error).message}. ${SEND_ANYWAY}`);
    return 'unknown';
  }
}
