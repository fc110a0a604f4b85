// The runs endpoint: a run, one attempt of it, and the completed runs of a workflow on a branch.
import type { GithubClient, Permission, WorkflowRun } from './types.js';

/** The three reads of runs that the previous-run lookup needs; tests pass their own. */
export interface RunsApi {
  /** GET /repos/{owner}/{repo}/actions/runs/{run_id} */
  getRun(runId: number): Promise<WorkflowRun>;
  /** GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number} */
  getRunAttempt(runId: number, attempt: number): Promise<WorkflowRun>;
  /** GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs?branch=&status=completed, newest first. */
  listCompletedRuns(workflowId: number, branch: string | null, perPage: number): Promise<readonly WorkflowRun[]>;
}

const ACTIONS: { readonly permission: Permission } = { permission: 'actions' };

/** `/repos/{owner}/{repo}`, each part encoded. */
export function repositoryPath(repository: string): string {
  return `/repos/${repository.split('/').map(encodeURIComponent).join('/')}`;
}

export function runsApi(client: GithubClient, repository: string): RunsApi {
  const actions = `${repositoryPath(repository)}/actions`;
  return {
    getRun: (runId) => client.getJson<WorkflowRun>(`${actions}/runs/${runId}`, ACTIONS),
    getRunAttempt: (runId, attempt) => client.getJson<WorkflowRun>(`${actions}/runs/${runId}/attempts/${attempt}`, ACTIONS),
    listCompletedRuns: async (workflowId, branch, perPage) => {
      const listed = await client.getJson<{ workflow_runs?: WorkflowRun[] }>(`${actions}/workflows/${workflowId}/runs`, {
        ...ACTIONS,
        query: { ...(branch === null ? {} : { branch }), status: 'completed', per_page: perPage },
      });
      return Array.isArray(listed.workflow_runs) ? listed.workflow_runs : [];
    },
  };
}
