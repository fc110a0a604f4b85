import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { githubContextFrom } from '../../src/context/github.js';
import { createGithubClient } from '../../src/github/client.js';
import type { JobsApi } from '../../src/github/jobs.js';
import { findPreviousJob, findPreviousRun, JOB_RUNS_SEARCHED, type PreviousRun, selectPrevious } from '../../src/github/previous-run.js';
import { type RunsApi, runsApi } from '../../src/github/runs.js';
import type { WorkflowJob, WorkflowRun } from '../../src/github/types.js';
import { lookUp } from '../../src/lookups/look-up.js';
import { previousResult } from '../../src/lookups/previous-result.js';
import { type FakeGithub, startFakeGithub } from '../github-api/server.ts';

function run(fields: Partial<WorkflowRun> & Pick<WorkflowRun, 'id' | 'run_number'>): WorkflowRun {
  return {
    workflow_id: 7,
    head_branch: 'main',
    head_repository: { full_name: 'acme/api' },
    status: 'completed',
    conclusion: 'success',
    html_url: `https://github.com/acme/api/actions/runs/${fields.id}`,
    ...fields,
  };
}

const current = run({ id: 900, run_number: 42, status: 'in_progress', conclusion: null });

describe('selectPrevious', () => {
  it('takes the latest earlier run of the workflow on the branch with a result', () => {
    const previous = selectPrevious(current, [
      run({ id: 900, run_number: 42, conclusion: 'failure' }),
      run({ id: 901, run_number: 43, conclusion: 'failure' }),
      run({ id: 899, run_number: 41, head_branch: 'feature', conclusion: 'failure' }),
      run({ id: 898, run_number: 40, head_repository: { full_name: 'fork/api' }, conclusion: 'failure' }),
      run({ id: 897, run_number: 39, workflow_id: 8, conclusion: 'failure' }),
      run({ id: 896, run_number: 38, conclusion: 'cancelled' }),
      run({ id: 895, run_number: 37, conclusion: 'skipped' }),
      run({ id: 894, run_number: 36, conclusion: 'neutral' }),
      run({ id: 893, run_number: 35, status: 'in_progress', conclusion: null }),
      run({ id: 891, run_number: 33, conclusion: 'failure' }),
      run({ id: 892, run_number: 34, conclusion: 'success' }),
    ]);
    expect(previous).toEqual({
      result: 'success',
      run: { number: 34, conclusion: 'success', url: 'https://github.com/acme/api/actions/runs/892', attempt: undefined },
    });
  });

  it.each([
    ['timed_out', 'failure'],
    ['startup_failure', 'failure'],
    ['failure', 'failure'],
    ['success', 'success'],
  ])('counts %s as %s', (conclusion, result) => {
    expect(selectPrevious(current, [run({ id: 1, run_number: 1, conclusion })]).result).toBe(result);
  });

  it('finds none among runs that say nothing, and says how many it looked at', () => {
    expect(
      selectPrevious(current, [
        run({ id: 1, run_number: 1, conclusion: 'cancelled' }),
        run({ id: 2, run_number: 2, conclusion: 'action_required' }),
      ]),
    ).toEqual({
      result: 'none',
      searched: 2,
    });
  });
});

/** A RunsApi over a list of runs, recording calls: the lookup logic without HTTP. */
function fakeApi(runs: readonly WorkflowRun[], attempts: Record<number, WorkflowRun> = {}) {
  const calls: string[] = [];
  const api: RunsApi = {
    getRun: async (id) => {
      calls.push(`run ${id}`);
      return runs.find((candidate) => candidate.id === id) ?? current;
    },
    getRunAttempt: async (id, attempt) => {
      calls.push(`attempt ${id}/${attempt}`);
      const found = attempts[attempt];
      if (!found) throw new Error(`no attempt ${attempt}`);
      return found;
    },
    listCompletedRuns: async (workflowId, branch, perPage) => {
      calls.push(`list ${workflowId} ${branch} ${perPage}`);
      return runs;
    },
  };
  return { api, calls };
}

describe('findPreviousRun', () => {
  const earlier = [current, run({ id: 899, run_number: 41, conclusion: 'success' })];

  it('lists the completed runs of the workflow on the branch for a first attempt', async () => {
    const { api, calls } = fakeApi(earlier);
    expect((await findPreviousRun(api, 900, 1)).run?.number).toBe(41);
    expect(calls).toEqual(['run 900', 'list 7 main 50']);
  });

  it('compares a re-run with its latest earlier attempt that has a result', async () => {
    const { api, calls } = fakeApi(earlier, {
      2: run({ id: 900, run_number: 42, run_attempt: 2, conclusion: 'cancelled' }),
      1: run({ id: 900, run_number: 42, run_attempt: 1, conclusion: 'failure' }),
    });
    expect(await findPreviousRun(api, 900, 3)).toMatchObject({ result: 'failure', run: { number: 42, attempt: 1 } });
    expect(calls).toEqual(['run 900', 'attempt 900/2', 'attempt 900/1']);
  });

  it('falls back to the previous run when no earlier attempt has a result', async () => {
    const { api, calls } = fakeApi(earlier, { 1: run({ id: 900, run_number: 42, conclusion: 'cancelled' }) });
    expect(await findPreviousRun(api, 900, 2)).toMatchObject({ result: 'success', run: { number: 41 } });
    expect(calls).toEqual(['run 900', 'attempt 900/1', 'list 7 main 50']);
  });
});

describe('findPreviousJob', () => {
  const job = (name: string, conclusion: string | null, runId: number): WorkflowJob => ({
    id: runId * 10 + name.length,
    name,
    status: conclusion ? 'completed' : 'in_progress',
    conclusion,
    started_at: null,
    completed_at: null,
    html_url: `https://github.com/acme/api/actions/runs/${runId}/job/${name}`,
    runner_name: null,
    steps: [],
  });

  /** Runs 41 down to 30; `jobsByRun` gives each run's latest jobs, `attempts` the current run's earlier attempts. */
  function fakeJobs(jobsByRun: Record<number, WorkflowJob[]>, attempts: Record<number, WorkflowJob[]> = {}) {
    const calls: string[] = [];
    const earlier = Array.from({ length: 12 }, (_, n) => run({ id: 899 - n, run_number: 41 - n, conclusion: 'failure' }));
    const jobs: JobsApi = {
      attemptJobs: async (runId, attempt) => {
        calls.push(`attempt jobs ${runId}/${attempt}`);
        return attempts[attempt] ?? [];
      },
      latestJobs: async (runId) => {
        calls.push(`jobs ${runId}`);
        return jobsByRun[runId] ?? [];
      },
    };
    return { runs: fakeApi([current, ...earlier]).api, jobs, calls };
  }

  it("takes the same job's result, not the whole run's nor a sibling's in the matrix", async () => {
    const { runs, jobs } = fakeJobs({ 899: [job('test (20)', 'failure', 899), job('test (24)', 'success', 899)] });
    expect(await findPreviousJob(runs, jobs, 900, 1, 'test (24)')).toEqual({
      result: 'success',
      run: { number: 41, attempt: undefined, conclusion: 'success', url: 'https://github.com/acme/api/actions/runs/899/job/test (24)' },
    });
    expect((await findPreviousJob(runs, jobs, 900, 1, 'test (20)')).result).toBe('failure');
  });

  it('passes over runs where the job is missing, cancelled or skipped', async () => {
    const { runs, jobs, calls } = fakeJobs({
      899: [job('lint', 'success', 899)],
      898: [job('test', 'cancelled', 898)],
      897: [job('test', 'skipped', 897)],
      896: [job('test', 'timed_out', 896)],
    });
    expect(await findPreviousJob(runs, jobs, 900, 1, 'test')).toMatchObject({
      result: 'failure',
      run: { number: 38, conclusion: 'timed_out' },
    });
    expect(calls).toEqual(['jobs 899', 'jobs 898', 'jobs 897', 'jobs 896']);
  });

  it('compares a re-run with the same job in its latest earlier attempt that has a result', async () => {
    const { runs, jobs, calls } = fakeJobs({}, { 2: [job('test', 'cancelled', 900)], 1: [job('test', 'failure', 900)] });
    expect(await findPreviousJob(runs, jobs, 900, 3, 'test')).toMatchObject({ result: 'failure', run: { number: 42, attempt: 1 } });
    expect(calls).toEqual(['attempt jobs 900/2', 'attempt jobs 900/1']);
  });

  it(`counts a job in none of the last ${JOB_RUNS_SEARCHED} runs as new`, async () => {
    const { runs, jobs, calls } = fakeJobs({ 890: [job('test', 'success', 890)] });
    expect(await findPreviousJob(runs, jobs, 900, 1, 'test')).toEqual({ result: 'none', searched: JOB_RUNS_SEARCHED });
    expect(calls).toHaveLength(JOB_RUNS_SEARCHED);
  });
});

interface PreviousRunQuery {
  token: string;
  apiUrl: string;
  repository: string;
  runId: number;
  runAttempt: number;
  timeoutMs: number;
}

/** The lookup as the look-up stage makes it: the runs endpoint on the GitHub client. */
async function lookUpPreviousRun(query: PreviousRunQuery): Promise<PreviousRun> {
  const client = createGithubClient(query);
  try {
    return await findPreviousRun(runsApi(client, query.repository), query.runId, query.runAttempt);
  } finally {
    await client.close();
  }
}

describe('the previous run through the GitHub client, against the fake GitHub API', () => {
  const TOKEN = 'ghs_unitToken';
  let github: FakeGithub;
  let ghes: FakeGithub;

  beforeAll(async () => {
    const runs = [
      { repository: 'acme/api', id: 900, run_number: 42, status: 'in_progress' as const, run_attempt: 2, attempts: { 1: 'timed_out' } },
      { repository: 'acme/api', id: 899, run_number: 41, conclusion: 'success' },
      { repository: 'acme/api', id: 898, run_number: 40, head_branch: 'feature', conclusion: 'failure' },
      { repository: 'acme/slow', id: 1, run_number: 1, status: 'in_progress' as const },
    ];
    github = await startFakeGithub({ tokens: [TOKEN], runs });
    ghes = await startFakeGithub({ tokens: [TOKEN], runs, basePath: '/api/v3' });
    github.failFor('acme/forbidden', { status: 403, message: 'Resource not accessible by integration' });
    github.failFor('acme/broken', { status: 500 });
    github.failFor('acme/dropped', { drop: true });
    github.failFor('acme/slow', { delayMs: 2_000 });
  });
  afterAll(async () => {
    await Promise.all([github.close(), ghes.close()]);
  });

  const query = (fields: Partial<PreviousRunQuery> = {}): PreviousRunQuery => ({
    token: TOKEN,
    apiUrl: github.url,
    repository: 'acme/api',
    runId: 900,
    runAttempt: 1,
    timeoutMs: 5_000,
    ...fields,
  });

  it('reads the run, then lists completed runs on its branch, with the token', async () => {
    expect(await lookUpPreviousRun(query())).toMatchObject({ result: 'success', run: { number: 41 } });
    expect(github.requestsFor('acme/api').map((request) => [request.path, request.query, request.tokenUsed, request.status])).toEqual([
      ['/repos/acme/api/actions/runs/900', {}, TOKEN, 200],
      ['/repos/acme/api/actions/workflows/1/runs', { branch: 'main', status: 'completed', per_page: '50' }, TOKEN, 200],
    ]);
  });

  it('reads an earlier attempt of a re-run', async () => {
    expect(await lookUpPreviousRun(query({ runAttempt: 2 }))).toMatchObject({
      result: 'failure',
      run: { number: 42, attempt: 1, conclusion: 'timed_out' },
    });
  });

  it('follows a GitHub Enterprise Server API URL with its path', async () => {
    expect(await lookUpPreviousRun(query({ apiUrl: ghes.url }))).toMatchObject({ result: 'success' });
    expect(ghes.requests.map((request) => request.status)).toEqual([200, 200]);
  });

  it.each([
    [{ token: 'wrong' }, `GET /repos/acme/api/actions/runs/900 answered 401 Bad credentials: the github_token was not accepted`],
    [
      { repository: 'acme/forbidden' },
      "answered 403 Resource not accessible by integration: the github_token may not read Actions runs and jobs; give the job 'permissions: actions: read'",
    ],
    [
      { repository: 'acme/missing' },
      'GET /repos/acme/missing/actions/runs/900 answered 404 Not Found: not found; check that GITHUB_API_URL',
    ],
    [{ repository: 'acme/broken' }, 'answered 500 Server Error'],
    [{ repository: 'acme/dropped' }, /^GET \/repos\/acme\/dropped\/actions\/runs\/900 got no answer: other side closed$/],
    [{ repository: 'acme/slow', runId: 1, timeoutMs: 200 }, 'GET /repos/acme/slow/actions/runs/1 got no answer: nothing within 0.2 s'],
  ])('describes a failure: %j', async (fields, message) => {
    await expect(lookUpPreviousRun(query(fields))).rejects.toThrow(message);
  });
});

describe('previousResult', () => {
  const github = githubContextFrom(
    {
      GITHUB_REPOSITORY: 'acme/api',
      GITHUB_RUN_ID: '900',
      GITHUB_RUN_ATTEMPT: '2',
      GITHUB_WORKFLOW: 'CI',
      GITHUB_API_URL: 'https://ghes.example.com/api/v3',
    },
    {},
  );

  function logged() {
    const lines: string[] = [];
    return {
      lines,
      info: (message: string) => void lines.push(`info ${message}`),
      warning: (message: string) => void lines.push(`warning ${message}`),
    };
  }

  it('logs what the lookup found', async () => {
    const log = logged();
    const find = async (): Promise<PreviousRun> => ({
      result: 'failure',
      run: { number: 42, attempt: 1, conclusion: 'timed_out', url: 'https://ghes.example.com/acme/api/actions/runs/900/attempts/1' },
    });
    expect(await previousResult(find, github, log)).toBe('failure');
    expect(log.lines).toEqual([
      'info Previous result: CI #42 attempt 1 ended in timed_out (https://ghes.example.com/acme/api/actions/runs/900/attempts/1).',
    ]);
  });

  it('logs when no earlier run has a result', async () => {
    const log = logged();
    expect(await previousResult(async () => ({ result: 'none', searched: 3 }), github, log)).toBe('none');
    expect(log.lines).toEqual(['info No earlier run of CI on this branch has a result (3 completed runs listed).']);
  });

  it('warns and gives unknown when the lookup fails', async () => {
    const log = logged();
    const failing = async (): Promise<PreviousRun> => {
      throw new Error('GET /x answered 500 oops');
    };
    expect(await previousResult(failing, github, log)).toBe('unknown');
    expect(log.lines).toEqual([
      'warning Could not look up the previous run through the GitHub API at https://ghes.example.com/api/v3: GET /x answered 500 oops. Sending the notification anyway, so that no failure or fix goes unreported.',
    ]);
  });

  it('warns without asking when there is no token or no run', async () => {
    const log = logged();
    const deps = {
      openGithub: () => {
        throw new Error('must not be called');
      },
      now: () => 0,
      log,
    };
    const plan = { runFacts: false, previous: 'run' as const };
    const inputs = { githubToken: 'tok', matrix: undefined, needs: undefined };
    expect(await lookUp(plan, { github, inputs: { ...inputs, githubToken: '' }, runnerName: undefined }, deps)).toEqual({
      previous: 'unknown',
    });
    expect(await lookUp(plan, { github: githubContextFrom({}, {}), inputs, runnerName: undefined }, deps)).toEqual({ previous: 'unknown' });
    expect(log.lines).toEqual([
      "warning send_when needs the previous run's result, but github_token is empty. Sending the notification anyway, so that no failure or fix goes unreported.",
      "warning send_when needs the previous run's result, but GITHUB_RUN_ID or GITHUB_REPOSITORY is not set. Sending the notification anyway, so that no failure or fix goes unreported.",
    ]);
  });
});
