// The previous result send_when compares with: the latest earlier attempt of this run, or the previous run of the
// workflow on the branch. Pure logic over the runs endpoint, which tests replace.
import type { Health } from '../rules/send-when.js';
import type { RunsApi } from './runs.js';
import type { WorkflowRun } from './types.js';

export interface PreviousRun {
  readonly result: Health | 'none';
  /** For `none`: how many completed runs of the workflow on the branch were looked at. */
  readonly searched?: number;
  /** The run the result comes from: its number, attempt and address. */
  readonly run?: { readonly number: number; readonly attempt?: number; readonly conclusion: string; readonly url: string };
}

/** How many recent completed runs are searched for one with a result: one page. */
export const RUNS_SEARCHED = 50;

/**
 * A conclusion as the branch's health. A timeout or a run that could not start is a failure. Cancelled, skipped,
 * neutral, stale and action_required runs say nothing about the code, so they are passed over.
 */
export function conclusionHealth(conclusion: string | null): Health | undefined {
  if (conclusion === 'success') return 'success';
  if (conclusion === 'failure' || conclusion === 'timed_out' || conclusion === 'startup_failure') return 'failure';
  return undefined;
}

function found(run: WorkflowRun, health: Health, attempt?: number): PreviousRun {
  return { result: health, run: { number: run.run_number, attempt, conclusion: run.conclusion ?? '', url: run.html_url } };
}

/**
 * The previous run among the listed ones: the latest completed run before the current one (a lower run number)
 * of the same workflow, on the same branch of the same repository (a fork's pull request can have a branch of the
 * same name), whose conclusion has a health.
 */
export function selectPrevious(current: WorkflowRun, runs: readonly WorkflowRun[]): PreviousRun {
  const headRepository = current.head_repository?.full_name;
  const candidates = runs
    .filter(
      (run) =>
        run.id !== current.id &&
        run.run_number < current.run_number &&
        run.workflow_id === current.workflow_id &&
        run.head_branch === current.head_branch &&
        run.head_repository?.full_name === headRepository &&
        run.status === 'completed' &&
        conclusionHealth(run.conclusion) !== undefined,
    )
    .sort((a, b) => b.run_number - a.run_number);
  const [previous] = candidates;
  return previous ? found(previous, conclusionHealth(previous.conclusion) as Health) : { result: 'none', searched: runs.length };
}

/**
 * Finds the result the current run is compared with. For a re-run (attempt 2 or later) that is the latest earlier
 * attempt of this same run with a result: the room heard about it, and a re-run that passes after a failed attempt
 * is a fix. Otherwise, and when every earlier attempt was cancelled, it is the previous run (selectPrevious).
 */
export async function findPreviousRun(api: RunsApi, runId: number, runAttempt: number): Promise<PreviousRun> {
  const current = await api.getRun(runId);
  for (let attempt = runAttempt - 1; attempt >= 1; attempt--) {
    const earlier = await api.getRunAttempt(runId, attempt);
    const health = conclusionHealth(earlier.status === 'completed' ? earlier.conclusion : null);
    if (health) return found(earlier, health, attempt);
  }
  const runs = await api.listCompletedRuns(current.workflow_id, current.head_branch, RUNS_SEARCHED);
  return selectPrevious(current, runs);
}
