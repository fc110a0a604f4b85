// What the GitHub API seam and its endpoints share. It imports nothing of its users, so that the client, the
// endpoints and the lookups can all depend on it without a circle.

/** The permission of the job's GITHUB_TOKEN that a read needs: named in the advice when GitHub refuses it. */
export type Permission = 'actions' | 'checks';

export interface GithubClientOptions {
  /** GITHUB_API_URL: https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server. */
  readonly apiUrl: string;
  readonly token: string;
  /** For each request; a GitHub API that does not answer must not hold the notification back for long. */
  readonly timeoutMs: number;
}

export interface ReadOptions {
  readonly permission: Permission;
  readonly query?: Readonly<Record<string, string | number>>;
}

/** One request seam for every GitHub read: base URL, authentication, timeouts, bounded bodies and error advice. */
export interface GithubClient {
  /** GET a JSON document at a path under the API URL; throws a GithubApiError that names the request and the fix. */
  getJson<T>(path: string, options: ReadOptions): Promise<T>;
  close(): Promise<void>;
}

export type OpenGithub = (options: GithubClientOptions) => Promise<GithubClient>;

/** A failed GitHub API request, described for a warning: which request, and what to do about it. */
export class GithubApiError extends Error {
  override name = 'GithubApiError';
  /** The HTTP status; 0 when no answer came. */
  readonly status: number;

  constructor(message: string, status: number, options?: ErrorOptions) {
    super(message, options);
    this.status = status;
  }
}

/** The fields of a workflow run (or one attempt of it) in GitHub's REST API that the lookups read. */
export interface WorkflowRun {
  readonly id: number;
  readonly run_number: number;
  readonly run_attempt?: number;
  readonly workflow_id: number;
  readonly head_branch: string | null;
  readonly head_repository?: { readonly full_name?: string } | null;
  readonly status: string | null;
  readonly conclusion: string | null;
  readonly html_url: string;
}

/** A step of a job, as the jobs endpoint lists it. */
export interface JobStep {
  readonly name: string;
  readonly status: string;
  readonly conclusion: string | null;
  readonly number: number;
}

/** The fields of a workflow job in GitHub's REST API that the lookups read. */
export interface WorkflowJob {
  readonly id: number;
  readonly run_attempt?: number;
  /** As GitHub shows it: the job's name, and for a matrix job its values in parentheses, `test (24)`. */
  readonly name: string;
  readonly status: string;
  readonly conclusion: string | null;
  readonly started_at: string | null;
  readonly completed_at: string | null;
  /** The job's log page: the link to give a room. */
  readonly html_url: string;
  readonly runner_name: string | null;
  readonly steps: readonly JobStep[];
}
