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

export interface DownloadOptions {
  readonly permission: Permission;
  /** Bytes read at most: the rest of the body is never read. */
  readonly maxBytes: number;
  /** Takes each chunk as it comes; true when it has what it needs, which ends the download. */
  consume(chunk: Uint8Array): boolean;
}

/** How a download ended: the body's end, the consumer had enough, or the byte or the time bound cut it. */
export interface Download {
  readonly ended: 'end' | 'enough' | 'bytes' | 'time';
  readonly bytes: number;
}

/** One request seam for every GitHub read: base URL, authentication, timeouts, bounded bodies and error advice. */
export interface GithubClient {
  /** GET a JSON document at a path under the API URL; throws a GithubApiError that names the request and the fix. */
  getJson<T>(path: string, options: ReadOptions): Promise<T>;
  /**
   * GET a file the API redirects to a short-lived, signed download URL on another host (a job's log), streamed to
   * `consume`. The redirect is followed without the token, which goes to the API host only.
   */
  download(path: string, options: DownloadOptions): Promise<Download>;
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
  /** The job's check run, whose annotations are the job's errors; its id is the last part. */
  readonly check_run_url: string;
  readonly runner_name: string | null;
  readonly steps: readonly JobStep[];
}

/** A check run's annotation: the `::error file=…,line=…::` lines of compilers, linters and test reporters. */
export interface CheckAnnotation {
  /** `.github` for the runner's own annotations, such as "Process completed with exit code 1.", which name no file. */
  readonly path: string;
  readonly start_line: number | null;
  readonly annotation_level: string;
  readonly title: string;
  readonly message: string;
}
