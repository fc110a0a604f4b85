// End-to-end: the job, its link and duration, and the matrix, through dist/index.js against the HipChat simulator and
// the fake GitHub API, each test with servers of its own.
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it, type TestContext } from 'vitest';
import { type FakeGithub, type FakeJob, type FakeRun, type GithubRequest, startFakeGithub } from '../github-api/server.ts';
import { type DeliveredNotification, startSimulator } from '../simulator/server.ts';
import { closedAfter } from './per-test.ts';
import { type ActionRun, annotations, GITHUB_TOKEN, leaksOf, runAction } from './run-action.ts';

const TOKEN = 'e2e-run-facts-Token-41c9';
const RUN_ID = 7100;
const REPOSITORY = 'acme/api';

/** Seconds ago, as the API writes a time. */
function ago(seconds: number): string {
  return new Date(Date.now() - seconds * 1000).toISOString();
}

/** A matrix of two, a decoy of another name, and attempt 1's copies, which a re-run must not take for its own. */
function matrixJobs(): FakeJob[] {
  return [
    { name: 'test (24)', attempt: 1, conclusion: 'failure', started_at: ago(900), completed_at: ago(800), runner_name: 'GitHub Actions 3' },
    { name: 'test (20)', attempt: 1, conclusion: 'success', started_at: ago(900), completed_at: ago(700) },
    { name: 'lint', attempt: 2, conclusion: 'success', started_at: ago(400), completed_at: ago(380) },
    { name: 'test (20)', attempt: 2, started_at: ago(300), runner_name: 'GitHub Actions 2' },
    { name: 'test (24)', attempt: 2, started_at: ago(192), runner_name: 'GitHub Actions 3' },
    { name: 'test (24, experimental)', attempt: 2, started_at: ago(100), runner_name: 'GitHub Actions 4' },
  ];
}

interface Case {
  jobs?: FakeJob[];
  run?: Partial<FakeRun>;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  jobStatus?: string;
  basePath?: string;
  configure?: (github: FakeGithub) => void;
}

interface CaseResult {
  result: ActionRun;
  sent: readonly DeliveredNotification[];
  asked: GithubRequest[];
  github: FakeGithub;
}

/** Every run, for the token checks at the end. */
const runs: ActionRun[] = [];

async function runCase(context: TestContext, options: Case = {}): Promise<CaseResult> {
  const simulator = await closedAfter(context, startSimulator({ rooms: [{ id: 1, name: 'Builds' }], tokens: [{ token: TOKEN }] }));
  const run: FakeRun = { repository: REPOSITORY, id: RUN_ID, run_number: 42, status: 'in_progress', run_attempt: 2, ...options.run };
  if (options.jobs) run.jobs = options.jobs;
  const github = await closedAfter(context, startFakeGithub({ tokens: [GITHUB_TOKEN], basePath: options.basePath, runs: [run] }));
  options.configure?.(github);
  const result = await runAction({
    event: null,
    jobStatus: options.jobStatus ?? 'success',
    env: {
      GITHUB_RUN_ID: String(RUN_ID),
      GITHUB_RUN_ATTEMPT: String(run.run_attempt ?? 1),
      GITHUB_JOB: 'test',
      GITHUB_API_URL: github.url,
      RUNNER_NAME: 'GitHub Actions 3',
      ...options.env,
    },
    inputs: { room: 'Builds', token: TOKEN, server_url: simulator.url, ...options.inputs },
  });
  runs.push(result);
  return { result, sent: simulator.delivered, asked: github.requestsFor(REPOSITORY), github };
}

const jobUrl = (github: FakeGithub, name: string, attempt: number) =>
  `https://github.com/${REPOSITORY}/actions/runs/${RUN_ID}/job/${github.jobsOf(REPOSITORY, RUN_ID).find((job) => job.name === name && job.attempt === attempt)?.id}`;

describe.concurrent("a matrix job's message", () => {
  it('links its own job log in this attempt, with its duration, from one read of the attempt’s jobs', async (context) => {
    const { result, sent, asked, github } = await runCase(context, { jobs: matrixJobs(), inputs: { matrix: '{"node": 24}' } });
    expect(result.exitCode).toBe(0);
    expect(annotations(result, 'warning')).toEqual([]);
    const [line1, line2] = (sent[0]?.body.message ?? '').split('<br>');
    expect(line1).toMatch(/acme\/api: CI #42<\/a> succeeded/);
    expect(line2).toMatch(new RegExp(`^Job: <a href="${jobUrl(github, 'test (24)', 2)}">test \\(24\\)</a> · 3m 1\\ds$`));
    expect(asked.map((request) => [request.path, request.query])).toEqual([
      [`/repos/${REPOSITORY}/actions/runs/${RUN_ID}/attempts/2/jobs`, { per_page: '100', page: '1' }],
    ]);
    expect(asked[0]?.tokenUsed).toBe(GITHUB_TOKEN);
  });

  it('in text, ends with the job log after the run', async (context) => {
    const { sent, github } = await runCase(context, { jobs: matrixJobs(), inputs: { matrix: '{"node": 24}', format: 'text' } });
    const lines = (sent[0]?.body.message ?? '').split('\n');
    expect(lines[1]).toMatch(/^Job: test \(24\) · 3m 1\ds$/);
    expect(lines.slice(-2)).toEqual([`https://github.com/${REPOSITORY}/actions/runs/${RUN_ID}/attempts/2`, jobUrl(github, 'test (24)', 2)]);
  });

  it('as a card, has the job and the duration as attributes', async (context) => {
    const { sent, github } = await runCase(context, { jobs: matrixJobs(), inputs: { matrix: '{"node": 24}', format: 'card' } });
    const attributes = sent[0]?.body.card?.attributes ?? [];
    expect(attributes).toContainEqual({ label: 'Job', value: { label: 'test (24)', url: jobUrl(github, 'test (24)', 2) } });
    expect(attributes).toContainEqual({ label: 'Duration', value: { label: expect.stringMatching(/^3m 1\ds$/) } });
  });

  it('finds its job by the runner when the job has a name of its own', async (context) => {
    const jobs: FakeJob[] = [
      { name: 'Unit tests on Node 20', started_at: ago(60), runner_name: 'GitHub Actions 2' },
      { name: 'Unit tests on Node 24', started_at: ago(75), runner_name: 'GitHub Actions 3' },
    ];
    const { result, sent } = await runCase(context, { jobs, run: { run_attempt: 1 }, inputs: { matrix: '{"node": 24}', format: 'text' } });
    expect(annotations(result, 'warning')).toEqual([]);
    expect(sent[0]?.body.message.split('\n')[1]).toMatch(/^Job: Unit tests on Node 24 · 1m 1\ds$/);
  });

  it('names the job with its matrix values, linked to the run, when no job matches, and says how to fix it', async (context) => {
    const { result, sent } = await runCase(context, {
      jobs: matrixJobs(),
      env: { RUNNER_NAME: 'self-hosted-7' },
      inputs: { matrix: '{"node": 22}', format: 'text' },
    });
    expect(result.exitCode).toBe(0);
    expect(annotations(result, 'warning')).toEqual([
      "Could not tell which job of run attempt 2 this is: none of its 4 jobs is named 'test (22)' or runs on this runner, 'self-hosted-7'. The notification goes out without this job's link and duration.",
    ]);
    expect(sent[0]?.body.message.split('\n')[1]).toBe('Job: test (22)');
  });
});

describe.concurrent('a template', () => {
  it('gets job_name, job_url, duration, duration_seconds and matrix', async (context) => {
    const { sent, github } = await runCase(context, {
      jobs: matrixJobs(),
      inputs: {
        matrix: '{"node": 24}',
        format: 'text',
        template:
          '{{ job_name }} on Node {{ matrix.node }} took {{ duration }} ({{ duration_seconds | divided_by: 60 | floor }} min): {{ job_url }}',
      },
    });
    expect(sent[0]?.body.message).toMatch(
      new RegExp(`^test \\(24\\) on Node 24 took 3m 1\\ds \\(3 min\\): ${jobUrl(github, 'test (24)', 2)}$`),
    );
  });

  it('that uses only the matrix asks the GitHub API nothing', async (context) => {
    const { sent, asked } = await runCase(context, {
      jobs: matrixJobs(),
      inputs: { matrix: '{"node": 24}', template: 'Node {{ matrix.node }}' },
    });
    expect(sent[0]?.body.message).toBe('Node 24');
    expect(asked).toEqual([]);
  });

  it('with a mistake fails before the GitHub API is asked', async (context) => {
    const { result, sent, asked } = await runCase(context, { jobs: matrixJobs(), inputs: { template: '{{ job_url }} {{ job_nmae }}' } });
    expect(result.exitCode).toBe(1);
    expect(annotations(result, 'error')[0]).toMatch(/unknown variable 'job_nmae'\. Did you mean 'job_name'\?/);
    expect(asked).toEqual([]);
    expect(sent).toEqual([]);
  });
});

describe.concurrent('without a matrix', () => {
  it('the default message asks nothing and reads as before', async (context) => {
    const { sent, asked } = await runCase(context, { inputs: { format: 'text' } });
    expect(asked).toEqual([]);
    expect(sent[0]?.body.message).toBe(
      `${REPOSITORY}: CI #42 succeeded on main (abc1234) by octocat\nhttps://github.com/${REPOSITORY}/actions/runs/${RUN_ID}/attempts/2`,
    );
  });

  it('a job found by its id links it', async (context) => {
    const jobs: FakeJob[] = [
      { name: 'lint', started_at: ago(30) },
      { name: 'test', started_at: ago(5), runner_name: 'elsewhere' },
    ];
    const { sent, github } = await runCase(context, { jobs, run: { run_attempt: 1 }, inputs: { template: '{{ job_url }}' } });
    expect(sent[0]?.body.message).toBe(jobUrl(github, 'test', 1));
  });

  it('with needs, the duration is the whole attempt’s', async (context) => {
    const jobs: FakeJob[] = [
      { name: 'build', conclusion: 'success', started_at: ago(600), completed_at: ago(500) },
      { name: 'test', started_at: ago(3) },
    ];
    const { result, sent } = await runCase(context, {
      jobs,
      run: { run_attempt: 1 },
      inputs: { needs: '{"build": {"result": "success"}}', format: 'text', template: '{{ duration }}' },
    });
    expect(annotations(result, 'error')).toEqual([]);
    expect(sent[0]?.body.message).toMatch(/^10m \ds$/);
  });

  it('reads every page of a large run', async (context) => {
    const jobs: FakeJob[] = Array.from({ length: 150 }, (_, n) => ({ name: `shard (${n})`, started_at: ago(10) }));
    const { sent, asked } = await runCase(context, {
      jobs,
      run: { run_attempt: 1 },
      env: { GITHUB_JOB: 'shard' },
      inputs: { matrix: '{"shard": 137}', template: '{{ job_name }} {{ job_url }}' },
    });
    expect(sent[0]?.body.message).toMatch(/^shard \(137\) https:\/\/github\.com\/acme\/api\/actions\/runs\/7100\/job\/\d+$/);
    expect(asked.map((request) => request.query.page)).toEqual(['1', '2']);
  });
});

describe.concurrent('when the GitHub API cannot tell, the notification is sent with a warning', () => {
  it('that names the permission to add, on a 403', async (context) => {
    const { result, sent } = await runCase(context, {
      jobs: matrixJobs(),
      inputs: { matrix: '{"node": 24}', format: 'text' },
      configure: (github) => github.failFor(REPOSITORY, { status: 403, message: 'Resource not accessible by integration' }),
    });
    expect(result.exitCode).toBe(0);
    expect(annotations(result, 'warning')).toEqual([
      `Could not read the jobs of this run attempt through the GitHub API: GET /repos/${REPOSITORY}/actions/runs/${RUN_ID}/attempts/2/jobs answered 403 Resource not accessible by integration: the github_token may not read Actions runs and jobs; give the job 'permissions: actions: read'. The notification goes out without this job's link and duration.`,
    ]);
    expect(sent[0]?.body.message.split('\n')[1]).toBe('Job: test (24)');
  });

  it('when github_token is empty, without asking', async (context) => {
    const { result, sent, asked } = await runCase(context, { jobs: matrixJobs(), inputs: { matrix: '{"node": 24}', github_token: '' } });
    expect(asked).toEqual([]);
    expect(sent).toHaveLength(1);
    expect(annotations(result, 'warning')).toEqual([
      "This job's link and duration come from the GitHub API, but github_token is empty. They are left out.",
    ]);
  });

  it('on GitHub Enterprise Server too, under its API path', async (context) => {
    const { result, asked } = await runCase(context, { jobs: matrixJobs(), basePath: '/api/v3', inputs: { matrix: '{"node": 24}' } });
    expect(annotations(result, 'warning')).toEqual([]);
    expect(asked.map((request) => request.status)).toEqual([200]);
  });
});

describe('the bundle', () => {
  it('keeps the lookups and the GitHub client out of dist/index.js, each in one chunk loaded when a run needs it', async () => {
    const dist = new URL('../../dist/', import.meta.url);
    const files = (await readdir(dist)).filter((name) => name.endsWith('.js'));
    const holding = async (text: string) =>
      (await Promise.all(files.map(async (name) => ((await readFile(new URL(name, dist), 'utf8')).includes(text) ? name : '')))).filter(
        Boolean,
      );
    // A text from each of lookups/run-facts.ts, lookups/look-up.ts and github/client.ts.
    for (const text of ['Could not tell which job of run attempt', 'They are left out.', 'x-github-api-version']) {
      const chunks = await holding(text);
      expect(chunks, text).toHaveLength(1);
      expect(chunks, text).not.toContain('index.js');
    }
  });
});

describe('the tokens', () => {
  it('show in no log line, output or summary of any run', () => {
    expect(runs.length).toBeGreaterThanOrEqual(14);
    for (const result of runs) {
      expect(leaksOf(result, TOKEN)).toEqual([]);
      expect(leaksOf(result, GITHUB_TOKEN)).toEqual([]);
    }
  });
});
