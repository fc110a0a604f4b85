// End-to-end: send_when, notify by status, mentions and needs, through dist/index.js, against the HipChat
// simulator and the fake GitHub API. Each case has a repository of its own, so cases run concurrently.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGithub, type FakeRun, type GithubFault, type GithubRequest, startFakeGithub } from '../github-api/server.ts';
import { type DeliveredNotification, type Simulator, startSimulator } from '../simulator/server.ts';
import { bundlesHolding } from './bundle.ts';
import { startConnectProxy } from './connect-proxy.ts';
import { type ActionRun, annotations, GITHUB_TOKEN, runAction } from './run-action.ts';

const TOKEN = 'e2e-rules-hipchat-token-3c2b';
let simulator: Simulator;
let github: FakeGithub;
/** Every run with the github_token it was given, for the masking checks. */
const runs: { result: ActionRun; githubToken: string }[] = [];

beforeAll(async () => {
  // A hundred runs post to the same rooms within seconds: HipChat's flood control would stop them.
  const generous = { limit: 1_000, windowSeconds: 60 };
  simulator = await startSimulator({
    rooms: [
      { id: 1, name: 'Operations' },
      { id: 2, name: 'Dev Ops' },
    ],
    tokens: [{ token: TOKEN }],
    rateLimit: generous,
    floodControl: generous,
  });
  github = await startFakeGithub({ tokens: [GITHUB_TOKEN] });
});
afterAll(async () => {
  await Promise.all([simulator.close(), github.close()]);
});

type Previous = Omit<FakeRun, 'repository'>;

interface Case {
  /** The runs before the current one, of the same workflow (the current run is #42, in progress). */
  previous?: Previous[];
  /** Fields of the current run, e.g. its attempt. */
  current?: Partial<Previous>;
  inputs?: Record<string, string>;
  jobStatus?: string;
  env?: Record<string, string>;
  githubFault?: GithubFault;
  /** Another fake GitHub API to hold the runs and answer, instead of the shared one. */
  api?: FakeGithub;
}

interface CaseResult {
  result: ActionRun;
  repository: string;
  runId: number;
  /** What the rooms got for this case, in order. */
  sent: DeliveredNotification[];
  /** What the fake GitHub API was asked for this case. */
  asked: GithubRequest[];
}

let cases = 0;

async function runCase(options: Case = {}): Promise<CaseResult> {
  const repository = `acme/case-${++cases}`;
  const runId = 7000 + cases;
  const api = options.api ?? github;
  api.addRuns(
    { repository, id: runId, run_number: 42, status: 'in_progress', conclusion: null, ...options.current },
    ...(options.previous ?? []).map((run) => ({ repository, ...run })),
  );
  if (options.githubFault) api.failFor(repository, options.githubFault);
  const result = await runAction({
    eventName: 'push',
    jobStatus: options.jobStatus,
    env: { GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: String(runId), GITHUB_API_URL: api.url, ...options.env },
    inputs: { room: 'Operations', token: TOKEN, server_url: simulator.url, format: 'text', ...options.inputs },
  });
  runs.push({ result, githubToken: options.inputs?.github_token ?? GITHUB_TOKEN });
  return {
    result,
    repository,
    runId,
    sent: simulator.delivered.filter((delivered) => delivered.body.message.includes(`${repository}: CI #42`)),
    asked: api.requestsFor(repository),
  };
}

// The previous runs of each column of the grid. "cancelled" is a cancelled run on top of a failure: it must be
// passed over, so that column reads like "failure".
const PREVIOUS: Record<string, Previous[]> = {
  none: [],
  success: [{ id: 101, run_number: 41, conclusion: 'success' }],
  failure: [{ id: 101, run_number: 41, conclusion: 'failure' }],
  cancelled: [
    { id: 101, run_number: 41, conclusion: 'cancelled' },
    { id: 100, run_number: 40, conclusion: 'failure' },
  ],
};

// Y when the rule sends, one letter per previous run in the order none, success, failure, cancelled. The status
// rules never depend on the previous run (they do not ask the API, which each case checks), so they run once per
// status, after the opposite result; the whole grid of every rule and status is in test/unit/send-when.test.ts.
const GRID: Record<string, { success: string; failure: string }> = {
  always: { success: '--Y-', failure: '-Y--' },
  success: { success: '--Y-', failure: '-N--' },
  failure: { success: '--N-', failure: '-Y--' },
  changed: { success: 'YNYY', failure: 'YYNN' },
  fixed: { success: 'NNYY', failure: 'NNNN' },
  broken: { success: 'NNNN', failure: 'YYNN' },
};

/** The rules whose answer depends on the previous run for this status: only they may ask for it. */
const ASKS: Record<string, string[]> = { success: ['changed', 'fixed'], failure: ['changed', 'broken'] };

describe.concurrent('the grid: previous run x status x send_when', () => {
  const grid = Object.entries(GRID).flatMap(([rule, rows]) =>
    (['success', 'failure'] as const).flatMap((status) =>
      Object.keys(PREVIOUS)
        .map((previous, n) => ({ rule, status, previous, cell: rows[status][n] }))
        .filter(({ cell }) => cell !== '-')
        .map(({ cell, ...rest }) => ({ ...rest, send: cell === 'Y' })),
    ),
  );

  it('has every cell of the transition rules and each status rule per status', () => {
    expect(grid).toHaveLength(3 * 2 * 4 + 3 * 2);
  });

  it.each(grid)('$rule: $status after $previous sends: $send', async ({ rule, status, previous, send }) => {
    const { result, sent, asked } = await runCase({ previous: PREVIOUS[previous], jobStatus: status, inputs: { send_when: rule } });
    expect(result.exitCode).toBe(0);
    expect(sent).toHaveLength(send ? 1 : 0);
    expect(result.outputs.skipped).toBe(String(!send));
    expect(result.outputs.skip_reason === '').toBe(send);
    // The previous result's lookup starts with the run; a failure's default message reads the jobs too, for why.
    expect(asked.some((request) => /\/actions\/runs\/\d+$/.test(request.path))).toBe(ASKS[status]?.includes(rule));
    expect(annotations(result, 'warning')).toEqual([]);
  });
});

describe.concurrent('skipping', () => {
  it('passes, says why in the log, the outputs and the summary, and sends nothing', async () => {
    const { result, sent } = await runCase({ previous: PREVIOUS.success, jobStatus: 'success', inputs: { send_when: 'failure, fixed' } });
    const reason = "Not sent: send_when is 'failure, fixed' and the status is success, as in the previous run.";
    expect(result.exitCode).toBe(0);
    expect(sent).toEqual([]);
    expect(result.stdout).toContain(`${reason}\n`);
    expect(result.stdout).toContain("Previous result of job 'build': CI #41 ended in success (https://github.com/");
    expect(result.outputs).toEqual({
      ok: 'true',
      payload: '',
      results: '[]',
      message_id: '',
      delivered_rooms: '',
      failed_rooms: '',
      skipped: 'true',
      skip_reason: reason,
    });
    expect(result.summary).toContain('Not sent: send_when is &#39;failure, fixed&#39;');
  });

  it('says in the log why it sends', async () => {
    const { result, sent } = await runCase({ previous: PREVIOUS.failure, jobStatus: 'success', inputs: { send_when: 'fixed' } });
    expect(sent).toHaveLength(1);
    expect(result.stdout).toContain("Sending: 'fixed' matches, as the status is success after a failure.");
    expect(result.outputs).toMatchObject({ ok: 'true', skipped: 'false', skip_reason: '' });
  });

  it('keeps the GitHub API client out of the main bundle, to load it only for the rules that need it', async () => {
    const withClient = await bundlesHolding('x-github-api-version');
    expect(withClient).toHaveLength(1);
    expect(withClient).not.toContain('index.js');
  });

  it('still fails on a broken template on a run it skips', async () => {
    const { result } = await runCase({ jobStatus: 'success', inputs: { send_when: 'failure', template: '{{ staus }}' } });
    expect(result.exitCode).toBe(1);
    expect(annotations(result, 'error')[0]).toMatch(/unknown variable 'staus'/);
  });
});

describe.concurrent('re-runs', () => {
  it('compare with the earlier attempt of the same run: a re-run that passes is a fix', async () => {
    const { sent, asked } = await runCase({
      previous: PREVIOUS.success,
      current: { run_attempt: 2, attempts: { 1: 'failure' } },
      env: { GITHUB_RUN_ATTEMPT: '2' },
      jobStatus: 'success',
      inputs: { send_when: 'fixed' },
    });
    expect(sent).toHaveLength(1);
    expect(asked.map((request) => request.path)).toEqual([
      expect.stringMatching(/\/runs\/\d+\/attempts\/2\/jobs$/),
      expect.stringMatching(/\/runs\/\d+$/),
      expect.stringMatching(/\/runs\/\d+\/attempts\/1\/jobs$/),
    ]);
  });

  it('pass over a cancelled earlier attempt to the previous run', async () => {
    const { result, sent } = await runCase({
      previous: PREVIOUS.success,
      current: { run_attempt: 2, attempts: { 1: 'cancelled' } },
      env: { GITHUB_RUN_ATTEMPT: '2' },
      jobStatus: 'success',
      inputs: { send_when: 'fixed' },
    });
    expect(sent).toHaveLength(0);
    expect(result.outputs.skip_reason).toBe("Not sent: send_when is 'fixed' and the status is success, as in the previous run.");
  });

  it('ignore runs of other branches and of forks', async () => {
    const { sent } = await runCase({
      previous: [
        { id: 103, run_number: 43, conclusion: 'failure' },
        { id: 102, run_number: 41, head_branch: 'feature', conclusion: 'failure' },
        { id: 101, run_number: 40, head_repository: 'fork/api', conclusion: 'failure' },
        { id: 100, run_number: 39, conclusion: 'success' },
      ],
      jobStatus: 'success',
      inputs: { send_when: 'fixed' },
    });
    expect(sent).toHaveLength(0);
  });
});

describe.concurrent('history per job', () => {
  // Run 41 failed as a whole, because lint failed; this job, build, passed in it.
  const lintFailed: Previous[] = [
    {
      id: 101,
      run_number: 41,
      conclusion: 'failure',
      jobs: [
        { name: 'lint', conclusion: 'failure' },
        { name: 'build', conclusion: 'success' },
      ],
    },
  ];

  it("compares with this job's result in the previous run, not the whole run's", async () => {
    const { result, sent, asked } = await runCase({ previous: lintFailed, jobStatus: 'success', inputs: { send_when: 'changed' } });
    expect(sent).toEqual([]);
    expect(result.outputs.skip_reason).toBe("Not sent: send_when is 'changed' and the status is success, as in the previous run.");
    expect(result.stdout).toMatch(
      /Previous result of job 'build': CI #41 ended in success \(https:\/\/github\.com\/acme\/case-\d+\/actions\/runs\/101\/job\/\d+\)\./,
    );
    expect(asked.map((request) => request.path.replace(/^\/repos\/acme\/case-\d+\/actions/, ''))).toEqual([
      expect.stringMatching(/^\/runs\/\d+\/attempts\/1\/jobs$/),
      expect.stringMatching(/^\/runs\/\d+$/),
      '/workflows/1/runs',
      '/runs/101/jobs',
    ]);
    expect(annotations(result, 'warning')).toEqual([]);
  });

  it('tells the jobs of a matrix apart: one recovers while its sibling still passes', async () => {
    const previous: Previous[] = [
      {
        id: 101,
        run_number: 41,
        conclusion: 'failure',
        jobs: [
          { name: 'test (20)', conclusion: 'failure' },
          { name: 'test (24)', conclusion: 'success' },
        ],
      },
    ];
    const current = { jobs: [{ name: 'test (20)' }, { name: 'test (24)' }] };
    const node = (version: number) =>
      runCase({
        previous,
        current,
        jobStatus: 'success',
        env: { GITHUB_JOB: 'test' },
        inputs: {
          send_when: 'fixed',
          matrix: JSON.stringify({ node: version }),
          template: '{{ repository }}: CI #42 {{ job_name }} fixed',
        },
      });
    const [node20, node24] = await Promise.all([node(20), node(24)]);
    expect(node20.sent.map((delivered) => delivered.body.message)).toEqual([`${node20.repository}: CI #42 test (20) fixed`]);
    expect(node24.sent).toEqual([]);
  });

  it('passes over a run where the job was cancelled, and counts a job no earlier run has as new', async () => {
    const cancelled = await runCase({
      previous: [
        { id: 101, run_number: 41, conclusion: 'cancelled', jobs: [{ name: 'build', conclusion: 'cancelled' }] },
        { id: 100, run_number: 40, conclusion: 'failure', jobs: [{ name: 'build', conclusion: 'failure' }] },
      ],
      jobStatus: 'success',
      inputs: { send_when: 'fixed' },
    });
    expect(cancelled.sent).toHaveLength(1);
    const fresh = await runCase({
      previous: lintFailed,
      jobStatus: 'failure',
      env: { GITHUB_JOB: 'docs' },
      current: { jobs: [{ name: 'docs' }] },
      inputs: { send_when: 'broken' },
    });
    expect(fresh.sent).toHaveLength(1);
    expect(fresh.result.stdout).toContain(
      "No earlier run of CI on this branch has a result of job 'docs' (1 runs searched): it counts as new.",
    );
  });

  it('with needs, compares the whole run and reads no jobs', async () => {
    const { sent, asked } = await runCase({
      previous: lintFailed,
      jobStatus: 'success',
      inputs: { send_when: 'changed', needs: '{"build": {"result": "success"}}' },
    });
    expect(sent).toHaveLength(1);
    expect(asked.filter((request) => request.path.endsWith('/jobs'))).toEqual([]);
  });
});

describe.concurrent('when the GitHub API fails, the notification is sent with a warning', () => {
  it.each([
    [{ status: 500, message: `token ${GITHUB_TOKEN} is odd` }, /answered 500 token \*\*\* is odd/],
    [
      { status: 403, message: 'Resource not accessible by integration' },
      /answered 403 Resource not accessible by integration.*give the job 'permissions: actions: read'/,
    ],
    [{ drop: true }, /got no answer: other side closed/],
  ] as const)('%j', async (fault, reason) => {
    const { result, sent } = await runCase({
      previous: PREVIOUS.failure,
      jobStatus: 'failure',
      inputs: { send_when: 'broken' },
      githubFault: fault,
    });
    expect(result.exitCode).toBe(0);
    expect(sent).toHaveLength(1);
    // This job's name cannot be read, so send_when falls back to the whole run, which the API refuses too.
    const [jobs, warning] = annotations(result, 'warning');
    expect(jobs).toMatch(
      /^Could not read the jobs of this run attempt through the GitHub API: GET \/repos\/acme\/case-\d+\/actions\/runs\/\d+\/attempts\/1\/jobs /,
    );
    expect(jobs).toMatch(reason);
    expect(jobs).toMatch(/send_when compares with the whole previous run's result instead of this job's\.$/);
    expect(warning).toMatch(
      /^Could not look up the previous run through the GitHub API at http:\/\/127\.0\.0\.1:\d+: GET \/repos\/acme\/case-\d+\/actions\/runs\/\d+ /,
    );
    expect(warning).toMatch(reason);
    expect(result.visibleLog).not.toContain(GITHUB_TOKEN);
    expect(warning).toMatch(/Sending the notification anyway, so that no failure or fix goes unreported\.$/);
    expect(result.stdout).toContain("Sending: 'broken' matches, as the status is failure and the previous run's result is unknown.");
    expect(result.outputs.skipped).toBe('false');
  });

  it('a token the API rejects', async () => {
    const { result, sent } = await runCase({ jobStatus: 'success', inputs: { send_when: 'changed', github_token: 'ghs_revoked' } });
    expect(sent).toHaveLength(1);
    expect(annotations(result, 'warning')[0]).toMatch(/answered 401 Bad credentials.*the github_token was not accepted/);
  });

  it('no token at all', async () => {
    const { result, sent, asked } = await runCase({ jobStatus: 'failure', inputs: { send_when: 'broken', github_token: '' } });
    expect(sent).toHaveLength(1);
    expect(asked).toEqual([]);
    expect(annotations(result, 'warning')).toEqual([
      "send_when needs the previous run's result, but github_token is empty. Sending the notification anyway, so that no failure or fix goes unreported.",
    ]);
  });
});

describe('GitHub Enterprise Server', () => {
  it('reads the API under GITHUB_API_URL with its path', async () => {
    const ghes = await startFakeGithub({ tokens: [GITHUB_TOKEN], basePath: '/api/v3' });
    try {
      const { sent, asked } = await runCase({
        previous: PREVIOUS.failure,
        jobStatus: 'success',
        inputs: { send_when: 'fixed' },
        api: ghes,
      });
      expect(ghes.url).toMatch(/\/api\/v3$/);
      expect(asked.map((request) => request.status)).toEqual([200, 200, 200, 200]);
      expect(sent).toHaveLength(1);
    } finally {
      await ghes.close();
    }
  });
});

describe('a proxy from the runner environment', () => {
  it('carries the GitHub API reads too, through a tunnel the token is not part of', async () => {
    const proxy = await startConnectProxy();
    try {
      const { sent, asked } = await runCase({
        previous: PREVIOUS.failure,
        jobStatus: 'success',
        inputs: { send_when: 'fixed' },
        env: { HTTP_PROXY: proxy.url },
      });
      expect(asked.map((request) => request.status)).toEqual([200, 200, 200, 200]);
      expect(sent).toHaveLength(1);
      expect(proxy.tunnels.map((tunnel) => tunnel.target)).toContain(new URL(github.url).host);
      expect(JSON.stringify(proxy.tunnels)).not.toContain(GITHUB_TOKEN);
    } finally {
      await proxy.close();
    }
  });
});

describe.concurrent('notify follows the status', () => {
  it.each([
    ['success', false],
    ['cancelled', true],
  ])('notify: failure, cancelled on %s pings %s', async (status, ping) => {
    const { sent } = await runCase({ jobStatus: status, inputs: { notify: 'failure, cancelled' } });
    expect(sent[0]?.body.notify).toBe(ping);
  });
});

describe.concurrent('mentions', () => {
  it('lead a text message on failure', async () => {
    const { sent } = await runCase({ jobStatus: 'failure', inputs: { mention: '@here @alice.smith' } });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body.message).toMatch(/^@here @alice\.smith acme\/case-\d+: CI #42 failed on main/);
  });

  it('are left out on the statuses mention_on does not list', async () => {
    const { sent } = await runCase({ jobStatus: 'success', inputs: { mention: '@here' } });
    expect(sent[0]?.body.message).toMatch(/^acme\/case-\d+: CI #42 succeeded/);
  });

  it('follow an html message as a short text notification to each room', async () => {
    const { result, sent, repository, runId } = await runCase({
      jobStatus: 'cancelled',
      inputs: { format: 'html', room: 'Operations, Dev Ops', mention: '@all', mention_on: 'failure, cancelled', notify: 'cancelled' },
    });
    expect(result.exitCode).toBe(0);
    const runUrl = `https://github.com/${repository}/actions/runs/${runId}`;
    for (const room of ['Operations', 'Dev Ops']) {
      const got = sent.filter((delivered) => delivered.room.name === room).map((delivered) => delivered.body);
      expect(got).toHaveLength(2);
      expect(got[0]).toMatchObject({ message_format: 'html', color: 'gray', notify: true });
      expect(got[0]?.message).not.toContain('@all');
      expect(got[1]).toEqual({
        message: `@all ${repository}: CI #42 was cancelled: ${runUrl}`,
        message_format: 'text',
        color: 'gray',
        notify: true,
        from: 'GitHub Actions',
      });
    }
    expect(result.outputs.delivered_rooms).toBe('Operations\nDev Ops');
    expect(result.summary).toContain(`<pre>@all ${repository}: CI #42 was cancelled: ${runUrl}</pre>`);
  });
});

describe.concurrent('the whole workflow from needs', () => {
  const needs = JSON.stringify({
    build: { result: 'success', outputs: {} },
    test: { result: 'failure', outputs: { report: 'x' } },
    lint: { result: 'failure', outputs: {} },
    docs: { result: 'skipped', outputs: {} },
  });

  it('reports the worst result and lists the failed jobs, whatever the job status', async () => {
    const { result, sent } = await runCase({ jobStatus: 'success', inputs: { needs } });
    expect(result.exitCode).toBe(0);
    expect(sent[0]?.body).toMatchObject({ color: 'red' });
    expect(sent[0]?.body.message.split('\n').slice(0, 2)).toEqual([expect.stringMatching(/: CI #42 failed on main/), 'Failed: test, lint']);
  });

  it('gives send_when the workflow status and a template the jobs', async () => {
    const { sent } = await runCase({
      previous: PREVIOUS.success,
      jobStatus: 'success',
      inputs: {
        needs,
        send_when: 'broken',
        template: '{{ repository }}: CI #42 broken by {{ failed_jobs | join: " and " }} ({{ jobs.size }} jobs)',
      },
    });
    expect(sent[0]?.body.message).toMatch(/: CI #42 broken by test and lint \(4 jobs\)$/);
  });

  it('fails on needs that are not the needs context, before sending', async () => {
    const { result, sent } = await runCase({ inputs: { needs: '${{ toJSON(needs) }' } });
    expect(result.exitCode).toBe(1);
    expect(sent).toEqual([]);
    expect(annotations(result, 'error')[0]).toMatch(/^Invalid needs '\$\{\{ toJSON\(needs\) \}': it is not JSON/);
  });
});

describe('a bad rule', () => {
  it('fails before anything is sent or asked', async () => {
    const { result, sent, asked } = await runCase({ inputs: { send_when: 'failure, recovered' } });
    expect(result.exitCode).toBe(1);
    expect(sent).toEqual([]);
    expect(asked).toEqual([]);
    expect(annotations(result, 'error')).toEqual([
      "Invalid send_when 'recovered': expected always, success, failure, cancelled, skipped, started, changed, fixed or broken. Combine several with commas, e.g. failure, fixed.",
    ]);
  });
});

describe('the github_token', () => {
  it('is masked first and appears in no log line, output or summary of any run', () => {
    expect(runs.length).toBeGreaterThan(45);
    for (const { result, githubToken } of runs.filter((run) => run.githubToken !== '')) {
      const firstCommands = result.stdout
        .split('\n')
        .filter((line) => line.startsWith('::'))
        .slice(0, 2);
      expect(firstCommands).toContain(`::add-mask::${githubToken}`);
      expect(result.visibleLog).not.toContain(githubToken);
      expect(JSON.stringify(result.outputs)).not.toContain(githubToken);
      expect(result.summary).not.toContain(githubToken);
    }
  });
});
