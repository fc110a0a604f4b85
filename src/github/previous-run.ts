// Loaded with import() only when a send_when rule needs the previous run: @actions/github brings Octokit, a second
// http-client and its module-level context, which the default path does without.
import { getOctokit } from '@actions/github';
import { findPreviousRun, type PreviousRun, type RunsApi, type WorkflowRun } from './runs.js';

export interface PreviousRunQuery {
  readonly token: string;
  /** GITHUB_API_URL: https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server. */
  readonly apiUrl: string;
  /** owner/name */
  readonly repository: string;
  readonly runId: number;
  readonly runAttempt: number;
  /** For each request; a GitHub API that does not answer must not hold the notification back for long. */
  readonly timeoutMs: number;
}

/** A failed GitHub API request, described for a warning: which request, and what to do about it. */
export class GithubApiError extends Error {
  override name = 'GithubApiError';
}

const ADVICE: Readonly<Record<number, string>> = {
  401: 'the github_token was not accepted; leave github_token at its default, ${{ github.token }}',
  403: "the github_token may not read Actions runs; give the job 'permissions: actions: read'",
  404: 'not found; check that GITHUB_API_URL points at the GitHub API and that the token can read this repository',
};

/** Describes what Octokit threw: an HTTP answer (RequestError has a response) or no answer at all. */
function describe(request: string, error: unknown): GithubApiError {
  const { status, response, message } = error as { status?: number; response?: unknown; message?: string };
  const text = message ?? String(error);
  if (response === undefined || status === undefined) return new GithubApiError(`${request} got no answer: ${text}`, { cause: error });
  const advice = ADVICE[status];
  return new GithubApiError(`${request} answered ${status} ${text}${advice ? `: ${advice}` : ''}`, { cause: error });
}

function octokitRunsApi(query: PreviousRunQuery): RunsApi {
  const octokit = getOctokit(query.token, { baseUrl: query.apiUrl });
  const [owner = '', repo = ''] = query.repository.split('/');
  // A fresh signal per request: the timeout bounds each request, not the whole lookup.
  const request = () => ({ signal: AbortSignal.timeout(query.timeoutMs) });
  const call = async <T>(description: string, send: () => Promise<{ data: T }>): Promise<T> => {
    try {
      return (await send()).data;
    } catch (error) {
      throw describe(description, error);
    }
  };
  return {
    getRun: (runId) =>
      call<WorkflowRun>(`GET /repos/${query.repository}/actions/runs/${runId}`, () =>
        octokit.rest.actions.getWorkflowRun({ owner, repo, run_id: runId, request: request() }),
      ),
    getRunAttempt: (runId, attempt) =>
      call<WorkflowRun>(`GET /repos/${query.repository}/actions/runs/${runId}/attempts/${attempt}`, () =>
        octokit.rest.actions.getWorkflowRunAttempt({ owner, repo, run_id: runId, attempt_number: attempt, request: request() }),
      ),
    listCompletedRuns: async (workflowId, branch, perPage) => {
      const listed = await call<{ workflow_runs: WorkflowRun[] }>(
        `GET /repos/${query.repository}/actions/workflows/${workflowId}/runs`,
        () =>
          octokit.rest.actions.listWorkflowRuns({
            owner,
            repo,
            workflow_id: workflowId,
            ...(branch === null ? {} : { branch }),
            status: 'completed',
            per_page: perPage,
            request: request(),
          }),
      );
      return listed.workflow_runs;
    },
  };
}

/** The previous run's result, from the GitHub API at query.apiUrl; throws a GithubApiError naming the request. */
export function lookUpPreviousRun(query: PreviousRunQuery): Promise<PreviousRun> {
  return findPreviousRun(octokitRunsApi(query), query.runId, query.runAttempt);
}
