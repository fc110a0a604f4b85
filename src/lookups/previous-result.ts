import type { GithubContext } from '../context/github.js';
import type { PreviousRun } from '../github/previous-run.js';
import type { PreviousResult } from '../rules/send-when.js';
import type { LookupLog } from './run-facts.js';

export const SEND_ANYWAY = 'Sending the notification anyway, so that no failure or fix goes unreported.';

/**
 * The previous result for send_when, logged. Whatever goes wrong is a warning and gives `unknown`, which sends: a
 * silently dropped failure notice is the worst outcome.
 */
export async function previousResult(find: () => Promise<PreviousRun>, github: GithubContext, log: LookupLog): Promise<PreviousResult> {
  try {
    const previous = await find();
    const { run } = previous;
    log.info(
      run
        ? `Previous result: ${github.workflow} #${run.number}${run.attempt ? ` attempt ${run.attempt}` : ''} ended in ${run.conclusion} (${run.url}).`
        : `No earlier run of ${github.workflow} on this branch has a result (${previous.searched ?? 0} completed runs listed).`,
    );
    return previous.result;
  } catch (error) {
    log.warning(
      `Could not look up the previous run through the GitHub API at ${github.api_url}: ${(error as Error).message}. ${SEND_ANYWAY}`,
    );
    return 'unknown';
  }
}
