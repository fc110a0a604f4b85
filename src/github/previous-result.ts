import type { GithubContext } from '../context/github.js';
import { redactor } from '../redact.js';
import type { PreviousResult } from '../rules/send-when.js';
import type { PreviousRun, PreviousRunQuery } from './previous-run.js';

/** The lookup, behind a seam: the entry point loads the GitHub API client only when this is called. */
export type LookUpPreviousRun = (query: PreviousRunQuery) => Promise<PreviousRun>;

export interface PreviousLog {
  info(message: string): void;
  warning(message: string): void;
}

const TIMEOUT_MS = 10_000;
const SEND_ANYWAY = 'Sending the notification anyway, so that no failure or fix goes unreported.';

/**
 * The previous run's result for send_when, logged. Whatever goes wrong (no token, no run id, an API error) is a
 * warning and gives `unknown`, which sends: a silently dropped failure notice is the worst outcome.
 */
export async function previousResult(
  lookUp: LookUpPreviousRun,
  github: GithubContext,
  token: string,
  log: PreviousLog,
): Promise<PreviousResult> {
  const runId = Number(github.run_id);
  if (!token) {
    log.warning(`send_when needs the previous run's result, but github_token is empty. ${SEND_ANYWAY}`);
    return 'unknown';
  }
  if (!Number.isSafeInteger(runId) || runId <= 0 || !github.repository.includes('/')) {
    log.warning(`send_when needs the previous run's result, but GITHUB_RUN_ID or GITHUB_REPOSITORY is not set. ${SEND_ANYWAY}`);
    return 'unknown';
  }
  try {
    const previous = await lookUp({
      token,
      apiUrl: github.api_url,
      repository: github.repository,
      runId,
      runAttempt: Number(github.run_attempt) || 1,
      timeoutMs: TIMEOUT_MS,
    });
    const { run } = previous;
    log.info(
      run
        ? `Previous result: ${github.workflow} #${run.number}${run.attempt ? ` attempt ${run.attempt}` : ''} ended in ${run.conclusion} (${run.url}).`
        : `No earlier run of ${github.workflow} on this branch has a result (${previous.searched ?? 0} completed runs listed).`,
    );
    return previous.result;
  } catch (error) {
    // An error text comes from the server or the network stack: it must not carry the token into the log.
    const reason = redactor([token])((error as Error).message);
    log.warning(`Could not look up the previous run through the GitHub API at ${github.api_url}: ${reason}. ${SEND_ANYWAY}`);
    return 'unknown';
  }
}
