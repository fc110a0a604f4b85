// The job logs endpoint: GitHub answers with a redirect to a short-lived download URL on its storage, which the
// client follows without the token and reads only up to a bound.
import { repositoryPath } from './runs.js';
import type { Download, GithubClient } from './types.js';

/**
 * How much of a job's log is read: a log can run to hundreds of megabytes, and the lines wanted come before its
 * first error, usually within the first few megabytes. What lies beyond is never downloaded.
 */
export const LOG_MAX_BYTES = 8 * 1024 * 1024;

/** GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs, streamed to `consume` until it has enough. */
export function readJobLog(
  client: GithubClient,
  repository: string,
  jobId: number,
  consume: (chunk: Uint8Array) => boolean,
): Promise<Download> {
  return client.download(`${repositoryPath(repository)}/actions/jobs/${jobId}/logs`, {
    permission: 'actions',
    maxBytes: LOG_MAX_BYTES,
    consume,
  });
}
