import { stringAt } from './context/payload.js';
import type { GithubContext } from './context/github.js';
import type { JobStatus } from './inputs/parse.js';

/**
 * What a message is made from: the github context plus the values people always want, derived once.
 * Every link follows github.server_url, so GitHub Enterprise Server links point at the right host.
 */
export interface NotificationView {
  readonly github: GithubContext;
  readonly status: JobStatus;
  /** A verb phrase that reads after the run's name: "succeeded", "failed", "was cancelled". */
  readonly status_word: string;
  readonly repository_url: string;
  readonly run_url: string;
  /** The commit the run is about: the head of a pull request rather than its merge commit. */
  readonly sha: string;
  readonly short_sha: string;
  readonly commit_url: string;
  /** The branch or tag people know the run by: a pull request's head branch, else the ref name. */
  readonly ref_label: string;
  readonly ref_url: string;
}

const STATUS_WORDS: Record<JobStatus, string> = {
  success: 'succeeded',
  failure: 'failed',
  cancelled: 'was cancelled',
  skipped: 'was skipped',
  started: 'started',
};

function pathSegments(...segments: string[]): string {
  return segments.map(encodeURIComponent).join('/');
}

export function buildView(github: GithubContext, status: JobStatus): NotificationView {
  const repositoryUrl = `${github.server_url}/${github.repository}`;
  const attempt = Number(github.run_attempt) > 1 ? `/attempts/${github.run_attempt}` : '';
  const sha = stringAt(github.event, 'pull_request', 'head', 'sha') ?? github.sha;
  const refLabel = github.head_ref || github.ref_name;
  return {
    github,
    status,
    status_word: STATUS_WORDS[status],
    repository_url: repositoryUrl,
    run_url: `${repositoryUrl}/actions/runs/${github.run_id}${attempt}`,
    sha,
    short_sha: sha.slice(0, 7),
    commit_url: `${repositoryUrl}/commit/${sha}`,
    ref_label: refLabel,
    ref_url: refLabel ? `${repositoryUrl}/tree/${pathSegments(...refLabel.split('/'))}` : repositoryUrl,
  };
}
