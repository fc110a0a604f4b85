export const id = 640;
export const ids = [640];
export const modules = {

/***/ 640:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GithubApiError: () => (/* binding */ GithubApiError),
  lookUpPreviousRun: () => (/* binding */ lookUpPreviousRun)
});

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2413);
;// CONCATENATED MODULE: ./src/github/runs.ts
/** How many recent completed runs are searched for one with a result: one page. */
const RUNS_SEARCHED = 50;
/**
 * A conclusion as the branch's health. A timeout or a run that could not start is a failure. Cancelled, skipped,
 * neutral, stale and action_required runs say nothing about the code, so they are passed over.
 */
function conclusionHealth(conclusion) {
    if (conclusion === 'success')
        return 'success';
    if (conclusion === 'failure' || conclusion === 'timed_out' || conclusion === 'startup_failure')
        return 'failure';
    return undefined;
}
function found(run, health, attempt) {
    return { result: health, run: { number: run.run_number, attempt, conclusion: run.conclusion ?? '', url: run.html_url } };
}
/**
 * The previous run among the listed ones: the latest completed run before the current one (a lower run number)
 * of the same workflow, on the same branch of the same repository (a fork's pull request can have a branch of the
 * same name), whose conclusion has a health.
 */
function selectPrevious(current, runs) {
    const headRepository = current.head_repository?.full_name;
    const candidates = runs
        .filter((run) => run.id !== current.id &&
        run.run_number < current.run_number &&
        run.workflow_id === current.workflow_id &&
        run.head_branch === current.head_branch &&
        run.head_repository?.full_name === headRepository &&
        run.status === 'completed' &&
        conclusionHealth(run.conclusion) !== undefined)
        .sort((a, b) => b.run_number - a.run_number);
    const [previous] = candidates;
    return previous ? found(previous, conclusionHealth(previous.conclusion)) : { result: 'none', searched: runs.length };
}
/**
 * Finds the result the current run is compared with. For a re-run (attempt 2 or later) that is the latest earlier
 * attempt of this same run with a result: the room heard about it, and a re-run that passes after a failed attempt
 * is a fix. Otherwise, and when every earlier attempt was cancelled, it is the previous run (selectPrevious).
 */
async function findPreviousRun(api, runId, runAttempt) {
    const current = await api.getRun(runId);
    for (let attempt = runAttempt - 1; attempt >= 1; attempt--) {
        const earlier = await api.getRunAttempt(runId, attempt);
        const health = conclusionHealth(earlier.status === 'completed' ? earlier.conclusion : null);
        if (health)
            return found(earlier, health, attempt);
    }
    const runs = await api.listCompletedRuns(current.workflow_id, current.head_branch, RUNS_SEARCHED);
    return selectPrevious(current, runs);
}

;// CONCATENATED MODULE: ./src/github/previous-run.ts
// Loaded with import() only when a send_when rule needs the previous run: @actions/github brings Octokit, a second
// http-client and its module-level context, which the default path does without.


/** A failed GitHub API request, described for a warning: which request, and what to do about it. */
class GithubApiError extends Error {
    name = 'GithubApiError';
}
const ADVICE = {
    401: 'the github_token was not accepted; leave github_token at its default, ${{ github.token }}',
    403: "the github_token may not read Actions runs; give the job 'permissions: actions: read'",
    404: 'not found; check that GITHUB_API_URL points at the GitHub API and that the token can read this repository',
};
/** Describes what Octokit threw: an HTTP answer (RequestError has a response) or no answer at all. */
function describe(request, error) {
    const { status, response, message } = error;
    const text = message ?? String(error);
    if (response === undefined || status === undefined)
        return new GithubApiError(`${request} got no answer: ${text}`, { cause: error });
    const advice = ADVICE[status];
    return new GithubApiError(`${request} answered ${status} ${text}${advice ? `: ${advice}` : ''}`, { cause: error });
}
function octokitRunsApi(query) {
    const octokit = (0,github/* getOctokit */.Q)(query.token, { baseUrl: query.apiUrl });
    const [owner = '', repo = ''] = query.repository.split('/');
    // A fresh signal per request: the timeout bounds each request, not the whole lookup.
    const request = () => ({ signal: AbortSignal.timeout(query.timeoutMs) });
    const call = async (description, send) => {
        try {
            return (await send()).data;
        }
        catch (error) {
            throw describe(description, error);
        }
    };
    return {
        getRun: (runId) => call(`GET /repos/${query.repository}/actions/runs/${runId}`, () => octokit.rest.actions.getWorkflowRun({ owner, repo, run_id: runId, request: request() })),
        getRunAttempt: (runId, attempt) => call(`GET /repos/${query.repository}/actions/runs/${runId}/attempts/${attempt}`, () => octokit.rest.actions.getWorkflowRunAttempt({ owner, repo, run_id: runId, attempt_number: attempt, request: request() })),
        listCompletedRuns: async (workflowId, branch, perPage) => {
            const listed = await call(`GET /repos/${query.repository}/actions/workflows/${workflowId}/runs`, () => octokit.rest.actions.listWorkflowRuns({
                owner,
                repo,
                workflow_id: workflowId,
                ...(branch === null ? {} : { branch }),
                status: 'completed',
                per_page: perPage,
                request: request(),
            }));
            return listed.workflow_runs;
        },
    };
}
/** The previous run's result, from the GitHub API at query.apiUrl; throws a GithubApiError naming the request. */
function lookUpPreviousRun(query) {
    return findPreviousRun(octokitRunsApi(query), query.runId, query.runAttempt);
}


/***/ })

};
