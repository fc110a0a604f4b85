import type { GithubContext } from './context/github.js';
import { stringAt, valueAt } from './context/payload.js';
import type { Matrix } from './inputs/matrix.js';
import type { NeededJob } from './inputs/needs.js';
import type { JobStatus } from './inputs/parse.js';
import { expectedJobName } from './lookups/job-name.js';
import type { Found } from './lookups/types.js';
import { formatDuration } from './render/duration.js';

export interface CommitView {
  readonly sha: string;
  readonly short_sha: string;
  readonly title: string;
  readonly message: string;
  readonly author: string;
  readonly url: string;
}

export interface PullRequestView {
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly author: string;
  readonly head: string;
  readonly base: string;
  readonly draft: boolean;
  readonly merged: boolean;
}

export interface ReleaseView {
  readonly tag: string;
  readonly name: string;
  readonly url: string;
  readonly prerelease: boolean;
}

/**
 * What a message is made from, and the documented template context: the github context and event payload, plus
 * the values people always want, derived once. Every link follows github.server_url (GitHub Enterprise Server).
 * It holds nothing secret: no token and no environment variable beyond the github context.
 */
export interface NotificationView {
  readonly github: GithubContext;
  readonly event: GithubContext['event'];
  readonly event_name: string;
  readonly status: JobStatus;
  /** A verb phrase that reads after the run's name: "succeeded", "failed", "was cancelled". */
  readonly status_word: string;
  readonly job: { readonly status: JobStatus };
  readonly repository: string;
  readonly repository_url: string;
  readonly workflow: string;
  readonly run_number: string;
  readonly run_url: string;
  readonly actor: string;
  /** The commit the run is about: the head of a pull request rather than its merge commit. */
  readonly sha: string;
  readonly short_sha: string;
  readonly commit_url: string;
  /** The first line of the head commit's message, when the event carries it. */
  readonly commit_title: string;
  readonly commit_message: string;
  /** The branch or tag people know the run by: a pull request's head branch, else the ref name. */
  readonly ref_name: string;
  readonly ref_type: 'branch' | 'tag' | '';
  readonly ref_url: string;
  readonly branch: string;
  readonly tag: string;
  /** What changed: a push's before...after, or a pull request's base...head. Empty when unknown. */
  readonly compare_url: string;
  /** A push's commits, oldest first. */
  readonly commits: readonly CommitView[];
  readonly pull_request: PullRequestView | null;
  readonly release: ReleaseView | null;
  /** The jobs of the `needs` input with their results, in the workflow's order; empty without it. */
  readonly jobs: readonly NeededJob[];
  /** The names of those jobs that failed. */
  readonly failed_jobs: readonly string[];
  /** The values of the `matrix` input (`${{ toJSON(matrix) }}`); empty without it. */
  readonly matrix: Matrix;
  /**
   * This job as GitHub names it, matrix values included: `test (24)`. From the GitHub API when the message uses the
   * job's facts; otherwise, or when the API could not tell, the job's id with the matrix values.
   */
  readonly job_name: string;
  /** This job's own log page; the run's when the API was not asked or could not tell. */
  readonly job_url: string;
  /** How long this job has run (with `needs`, the run attempt): `3m 12s`. Empty when not looked up. */
  readonly duration: string;
  readonly duration_seconds: number | null;
}

/** What the view adds beyond the github context, the status and `needs`. */
export interface ViewExtras {
  readonly matrix?: Matrix;
  /** What the GitHub API told, when the message or a rule asked. */
  readonly found?: Found;
}

const STATUS_WORDS: Record<JobStatus, string> = {
  success: 'succeeded',
  failure: 'failed',
  cancelled: 'was cancelled',
  skipped: 'was skipped',
  started: 'started',
};

const NULL_SHA = /^0+$/;

/**
 * An address on the repository's pages; empty when the repository is unknown (a command line run without one), so
 * that no message links to a page that does not exist: an empty address leaves a label as plain text.
 */
export function under(repositoryUrl: string, path: string): string {
  return repositoryUrl ? `${repositoryUrl}${path}` : '';
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0]?.trim() ?? '';
}

function commitsOf(event: unknown, repositoryUrl: string): CommitView[] {
  const commits = valueAt(event, 'commits');
  if (!Array.isArray(commits)) return [];
  return commits.map((commit) => {
    const sha = stringAt(commit, 'id') ?? '';
    const message = stringAt(commit, 'message') ?? '';
    return {
      sha,
      short_sha: sha.slice(0, 7),
      title: firstLine(message),
      message,
      author: stringAt(commit, 'author', 'username') ?? stringAt(commit, 'author', 'name') ?? '',
      url: under(repositoryUrl, `/commit/${sha}`),
    };
  });
}

function pullRequestOf(event: unknown, repositoryUrl: string): PullRequestView | null {
  const number = Number(stringAt(event, 'pull_request', 'number') ?? stringAt(event, 'number'));
  if (!valueAt(event, 'pull_request') || !Number.isInteger(number)) return null;
  return {
    number,
    title: stringAt(event, 'pull_request', 'title') ?? '',
    url: under(repositoryUrl, `/pull/${number}`),
    author: stringAt(event, 'pull_request', 'user', 'login') ?? '',
    head: stringAt(event, 'pull_request', 'head', 'ref') ?? '',
    base: stringAt(event, 'pull_request', 'base', 'ref') ?? '',
    draft: valueAt(event, 'pull_request', 'draft') === true,
    merged: valueAt(event, 'pull_request', 'merged') === true,
  };
}

function releaseOf(event: unknown, repositoryUrl: string): ReleaseView | null {
  const tag = stringAt(event, 'release', 'tag_name');
  if (tag === undefined) return null;
  return {
    tag,
    name: stringAt(event, 'release', 'name') || tag,
    url: under(repositoryUrl, `/releases/tag/${encodePath(tag)}`),
    prerelease: valueAt(event, 'release', 'prerelease') === true,
  };
}

function refOf(github: GithubContext): { name: string; type: 'branch' | 'tag' | '' } {
  if (github.head_ref) return { name: github.head_ref, type: 'branch' };
  if (github.ref.startsWith('refs/tags/')) return { name: github.ref.slice('refs/tags/'.length), type: 'tag' };
  if (github.ref.startsWith('refs/heads/')) return { name: github.ref.slice('refs/heads/'.length), type: 'branch' };
  const type = github.ref_type === 'tag' || github.ref_type === 'branch' ? github.ref_type : '';
  return { name: github.ref_name, type };
}

function compareUrlOf(event: unknown, repositoryUrl: string, pullRequest: PullRequestView | null): string {
  if (pullRequest) return under(repositoryUrl, `/compare/${encodePath(pullRequest.base)}...${encodePath(pullRequest.head)}`);
  const before = stringAt(event, 'before');
  const after = stringAt(event, 'after');
  // A push that creates or deletes a branch has no range; GitHub's own link then shows what it can.
  if (!before || !after || NULL_SHA.test(before) || NULL_SHA.test(after)) return stringAt(event, 'compare') ?? '';
  return under(repositoryUrl, `/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`);
}

export function buildView(
  github: GithubContext,
  status: JobStatus,
  jobs: readonly NeededJob[] = [],
  { matrix, found = {} }: ViewExtras = {},
): NotificationView {
  const { event } = github;
  const repositoryUrl = github.repository ? `${github.server_url}/${github.repository}` : '';
  const attempt = Number(github.run_attempt) > 1 ? `/attempts/${github.run_attempt}` : '';
  const sha = stringAt(event, 'pull_request', 'head', 'sha') ?? stringAt(event, 'merge_group', 'head_sha') ?? github.sha;
  const ref = refOf(github);
  const pullRequest = pullRequestOf(event, repositoryUrl);
  const runUrl = github.run_id ? under(repositoryUrl, `/actions/runs/${github.run_id}${attempt}`) : '';
  const seconds = found.durationSeconds === undefined ? null : Math.floor(found.durationSeconds);
  const commitMessage =
    stringAt(event, 'head_commit', 'message') ??
    stringAt(event, 'workflow_run', 'head_commit', 'message') ??
    stringAt(event, 'merge_group', 'head_commit', 'message') ??
    '';
  return {
    github,
    event,
    event_name: github.event_name,
    status,
    status_word: STATUS_WORDS[status],
    job: { status },
    repository: github.repository,
    repository_url: repositoryUrl,
    workflow: github.workflow,
    run_number: github.run_number,
    run_url: runUrl,
    actor: github.actor,
    sha,
    short_sha: sha.slice(0, 7),
    commit_url: sha ? under(repositoryUrl, `/commit/${sha}`) : '',
    commit_title: firstLine(commitMessage),
    commit_message: commitMessage,
    ref_name: ref.name,
    ref_type: ref.type,
    ref_url: ref.name ? under(repositoryUrl, `/tree/${encodePath(ref.name)}`) : '',
    branch: ref.type === 'branch' ? ref.name : '',
    tag: ref.type === 'tag' ? ref.name : '',
    compare_url: compareUrlOf(event, repositoryUrl, pullRequest),
    commits: commitsOf(event, repositoryUrl),
    pull_request: pullRequest,
    release: releaseOf(event, repositoryUrl),
    jobs,
    failed_jobs: jobs.filter((job) => job.result === 'failure').map((job) => job.name),
    matrix: matrix ?? {},
    job_name: found.job?.name ?? expectedJobName(github.job, matrix),
    job_url: found.job?.url || runUrl,
    duration: seconds === null ? '' : formatDuration(seconds),
    duration_seconds: seconds,
  };
}
