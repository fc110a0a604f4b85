// End-to-end: why it failed, in the room. dist/index.js against the HipChat simulator and a fake GitHub API of each
// test's own, which serves jobs with steps, check-run annotations, and logs behind a redirect to another origin.
import { describe, expect, it, type TestContext } from 'vitest';
import {
  type FakeGithub,
  type FakeJob,
  type FakeRun,
  type GithubFault,
  type GithubRequest,
  startFakeGithub,
} from '../github-api/server.ts';
import { type DeliveredNotification, startSimulator } from '../simulator/server.ts';
import { bundlesHolding } from './bundle.ts';
import { closedAfter } from './per-test.ts';
import { type ActionRun, annotations, GITHUB_TOKEN, leaksOf, runAction, runCli } from './run-action.ts';

const TOKEN = 'e2e-failures-Token-93d1';
const RUN_ID = 7200;
const REPOSITORY = 'acme/api';
const SHA = 'abc1234def5678abc1234def5678abc1234def56';
const BLOB = `https://github.com/${REPOSITORY}/blob/${SHA}`;

const STEPS_BEFORE = [
  { name: 'Set up job', conclusion: 'success' },
  { name: 'Run actions/checkout@v5', conclusion: 'success' },
];

/** A job log as GitHub writes it: a BOM, timestamps, ANSI colours, group markers, and the runner's error line. */
function logWith(lines: string[], { error = true } = {}): string {
  const stamp = (n: number) => `2024-05-01T10:00:${String(n % 60).padStart(2, '0')}.1234567Z `;
  const body = [
    '##[group]Run npm test',
    '\u001b[36;1mnpm test\u001b[0m',
    '##[endgroup]',
    ...lines,
    ...(error ? ['##[error]Process completed with exit code 1.', 'Post job cleanup.', '##[error]A later error'] : []),
  ];
  return `\uFEFF${body.map((line, n) => `${stamp(n)}${line}`).join('\n')}\n`;
}

const numbered = (count: number) => Array.from({ length: count }, (_, n) => `test output line ${n + 1}`);

/** This job, `test (24)`, failing at npm test while its notify step runs; its sibling fails otherwise. */
function matrixJobs(): FakeJob[] {
  return [
    {
      name: 'test (20)',
      conclusion: 'failure',
      steps: [...STEPS_BEFORE, { name: 'Run npm run lint', conclusion: 'failure' }],
      annotations: [{ path: 'src/other.ts', start_line: 7, message: 'a sibling error' }],
    },
    {
      name: 'test (24)',
      runner_name: 'GitHub Actions 3',
      steps: [...STEPS_BEFORE, { name: 'Run npm test', conclusion: 'failure' }, { name: 'Run hipchat-notify/hipchat-notify@v1' }],
      annotations: [
        { path: 'src/parser.test.ts', start_line: 42, title: 'parses', message: 'expected 1 to be 2\n  at parser.test.ts:42:5' },
        { path: 'src/lexer.ts', start_line: 3, annotation_level: 'warning', message: 'unused variable' },
        { message: 'Process completed with exit code 1.' },
      ],
      log: logWith(numbered(3)),
    },
  ];
}

/** A final job's view of a run: passed, failed with and without errors, timed out, cancelled. */
function workflowJobs(): FakeJob[] {
  return [
    { name: 'build', conclusion: 'success', log: logWith(['built'], { error: false }) },
    {
      name: 'test (20)',
      conclusion: 'failure',
      steps: [...STEPS_BEFORE, { name: 'Run npm test', conclusion: 'failure' }],
      annotations: [{ path: 'src/parser.test.ts', start_line: 42, message: 'expected 1 to be 2' }],
      log: logWith(['\u001b[32m✓\u001b[39m lexer', ...numbered(30), '\u001b[31mFAIL\u001b[0m src/parser.test.ts > parses']),
    },
    {
      name: 'lint',
      conclusion: 'failure',
      steps: [...STEPS_BEFORE, { name: 'Run npm run lint', conclusion: 'failure' }],
      annotations: [{ message: 'Process completed with exit code 2.' }],
      log: logWith(['src/a.ts: 3 problems']),
    },
    {
      name: 'e2e',
      conclusion: 'timed_out',
      steps: [...STEPS_BEFORE, { name: 'Run npm run e2e', conclusion: 'cancelled' }],
      log: `${logWith(['waiting for the browser'], { error: false })}2024-05-01T16:00:00.0Z ##[error]The job running on runner GitHub Actions 4 has exceeded the maximum execution time of 360 minutes.\n`,
    },
    { name: 'docs', conclusion: 'cancelled', steps: STEPS_BEFORE },
    { name: 'notify', runner_name: 'GitHub Actions 9', steps: [{ name: 'Set up job', conclusion: 'success' }] },
  ];
}

const NEEDS = JSON.stringify({
  build: { result: 'success', outputs: {} },
  test: { result: 'failure', outputs: {} },
  lint: { result: 'failure', outputs: {} },
  e2e: { result: 'failure', outputs: {} },
  docs: { result: 'cancelled', outputs: {} },
});

interface Case {
  jobs: FakeJob[];
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  jobStatus?: string;
  faults?: GithubFault[];
}

interface CaseResult {
  result: ActionRun;
  sent: readonly DeliveredNotification[];
  asked: GithubRequest[];
  github: FakeGithub;
  message: string;
}

const runs: ActionRun[] = [];

async function runCase(context: TestContext, options: Case): Promise<CaseResult> {
  const simulator = await closedAfter(context, startSimulator({ rooms: [{ id: 1, name: 'Builds' }], tokens: [{ token: TOKEN }] }));
  const run: FakeRun = { repository: REPOSITORY, id: RUN_ID, run_number: 42, status: 'in_progress', jobs: options.jobs };
  const github = await closedAfter(context, startFakeGithub({ tokens: [GITHUB_TOKEN], runs: [run] }));
  for (const fault of options.faults ?? []) github.failFor(REPOSITORY, fault);
  const result = await runAction({
    event: null,
    jobStatus: options.jobStatus ?? 'failure',
    env: { GITHUB_RUN_ID: String(RUN_ID), GITHUB_JOB: 'test', GITHUB_API_URL: github.url, RUNNER_NAME: 'GitHub Actions 3', ...options.env },
    inputs: { room: 'Builds', token: TOKEN, server_url: simulator.url, ...options.inputs },
  });
  runs.push(result);
  return {
    result,
    sent: simulator.delivered,
    asked: github.requestsFor(REPOSITORY),
    github,
    message: simulator.delivered[0]?.body.message ?? '',
  };
}

const jobUrl = (github: FakeGithub, name: string) =>
  `https://github.com/${REPOSITORY}/actions/runs/${RUN_ID}/job/${github.jobsOf(REPOSITORY, RUN_ID).find((job) => job.name === name)?.id}`;

/** The request paths, without the repository's prefix. */
const paths = (asked: GithubRequest[]) => asked.map((request) => request.path.replace(`/repos/${REPOSITORY}`, ''));

describe.concurrent("a failed matrix job's notification", () => {
  it('names its failed step and its first error, linked to the file at the commit and line', async (context) => {
    const { result, message, asked, github } = await runCase(context, {
      jobs: matrixJobs(),
      inputs: { matrix: '{"node": 24}', log_lines: '20' },
    });
    expect(result.exitCode).toBe(0);
    expect(annotations(result, 'warning')).toEqual([]);
    const lines = message.split('<br>');
    expect(lines[0]).toMatch(/acme\/api: CI #42<\/a> failed on/);
    expect(lines[2]).toBe(
      `<a href="${jobUrl(github, 'test (24)')}">test (24)</a>: step &quot;Run npm test&quot; failed: ` +
        `<a href="${BLOB}/src/parser.test.ts#L42">src/parser.test.ts:42</a> expected 1 to be 2 at parser.test.ts:42:5`,
    );
    const checkRun = github.jobsOf(REPOSITORY, RUN_ID).find((job) => job.name === 'test (24)')?.id;
    // One read of the jobs for the link, the duration and the failure; the running job's own log is not there yet.
    expect(paths(asked)).toEqual([`/actions/runs/${RUN_ID}/attempts/1/jobs`, `/check-runs/${checkRun}/annotations`]);
    expect(message).not.toContain('<pre>');
  });

  it('says only the failed step when the job has no errors, and nothing when GitHub knows of no failed step', async (context) => {
    const quiet = matrixJobs().map((job) => ({ ...job, annotations: [] }));
    const { message } = await runCase(context, { jobs: quiet, inputs: { matrix: '{"node": 24}', format: 'text' } });
    expect(message.split('\n')[2]).toBe('test (24): step "Run npm test" failed');
    const unknown = matrixJobs().map((job) => ({ ...job, annotations: [], steps: [] }));
    const bare = await runCase(context, { jobs: unknown, inputs: { matrix: '{"node": 24}', format: 'text' } });
    expect(bare.message.split('\n').slice(1, 3)).toEqual([
      expect.stringMatching(/^Job: test \(24\)/),
      `https://github.com/${REPOSITORY}/actions/runs/${RUN_ID}`,
    ]);
  });

  it('asks nothing on a success', async (context) => {
    const { asked, message } = await runCase(context, { jobs: matrixJobs(), jobStatus: 'success', inputs: { template: '{{ status }}' } });
    expect(asked).toEqual([]);
    expect(message).toBe('success');
  });
});

describe.concurrent('a final job with needs', () => {
  it('lists each failed job with its step and error, a stopped one as such, and the log lines before the first error', async (context) => {
    const { result, message, asked, github } = await runCase(context, {
      jobs: workflowJobs(),
      env: { GITHUB_JOB: 'notify', RUNNER_NAME: 'GitHub Actions 9' },
      inputs: { needs: NEEDS, log_lines: '20' },
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(annotations(result, 'warning')).toEqual([]);
    const [details, ...blocks] = message.split('<pre>');
    expect(details?.split('<br>').slice(1, 5)).toEqual([
      `<a href="${jobUrl(github, 'test (20)')}">test (20)</a>: step &quot;Run npm test&quot; failed: <a href="${BLOB}/src/parser.test.ts#L42">src/parser.test.ts:42</a> expected 1 to be 2`,
      `<a href="${jobUrl(github, 'lint')}">lint</a>: step &quot;Run npm run lint&quot; failed: Process completed with exit code 2.`,
      `<a href="${jobUrl(github, 'e2e')}">e2e</a> timed out in step &quot;Run npm run e2e&quot;`,
      `<a href="${jobUrl(github, 'docs')}">docs</a> was cancelled`,
    ]);
    expect(details).toMatch(/<br>Log of test \(20\):$/);
    const excerpt = (blocks[0] ?? '').split('</pre>')[0]?.split('\n');
    expect(excerpt).toHaveLength(20);
    expect(excerpt?.slice(-4)).toEqual([
      'test output line 29',
      'test output line 30',
      'FAIL src/parser.test.ts &gt; parses',
      'Process completed with exit code 1.',
    ]);
    expect(blocks[1]?.split('</pre>')[0]).toBe('Run npm test\nnpm test\nsrc/a.ts: 3 problems\nProcess completed with exit code 1.');
    // The jobs were read once; the finished failed jobs' logs came from the other origin, the running one's not at all.
    expect(paths(asked).filter((path) => path.endsWith('/jobs'))).toHaveLength(1);
    expect(
      paths(asked)
        .filter((path) => path.endsWith('/logs'))
        .sort(),
    ).toEqual(['test (20)', 'lint', 'e2e'].map((name) => `/actions/jobs/${jobUrl(github, name).split('/').at(-1)}/logs`).sort());
  });

  it('sends the GitHub token to the API host only, never to the host the log download redirects to', async (context) => {
    const { asked, github } = await runCase(context, {
      jobs: workflowJobs(),
      env: { GITHUB_JOB: 'notify' },
      inputs: { needs: NEEDS, log_lines: '5' },
    });
    const logRequests = asked.filter((request) => request.path.endsWith('/logs'));
    expect(logRequests.length).toBeGreaterThan(0);
    expect(logRequests.every((request) => request.tokenUsed === GITHUB_TOKEN && request.status === 302)).toBe(true);
    expect(new URL(github.logServer.url).origin).not.toBe(new URL(github.url).origin);
    expect(github.logServer.requests.map((request) => request.authorization)).toEqual(logRequests.map(() => undefined));
  });

  it('reads a log streamed without end only up to its bound, and shows the last lines it read', async (context) => {
    const jobs = workflowJobs().map((job) =>
      job.name === 'test (20)' ? { ...job, log: { endless: '2024-05-01T10:00:00.0Z ok 1 - passes' } } : job,
    );
    const started = Date.now();
    const { result, message, github } = await runCase(context, {
      jobs,
      env: { GITHUB_JOB: 'notify' },
      inputs: { needs: NEEDS, log_lines: '3' },
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.exitCode).toBe(0);
    const endless = github.logServer.requests.find((request) => request.bytesSent > 1024 * 1024);
    expect(endless?.hungUp).toBe(true);
    // 8 MB read, plus what the sockets held on the way: far from the gigabyte the server would send.
    expect(endless?.bytesSent).toBeLessThan(64 * 1024 * 1024);
    expect(message).toContain('Log of test (20):<pre>ok 1 - passes\nok 1 - passes\nok 1 - passes</pre>');
    expect(result.stdout).toContain("The log of job 'test (20)' has no error line in the first 8 MB; its last lines read are shown.");
  });

  it('with more than five failed jobs names five and counts the rest, and looks into five only', async (context) => {
    const jobs: FakeJob[] = [
      ...Array.from({ length: 8 }, (_, n) => ({
        name: `shard (${n})`,
        conclusion: 'failure',
        steps: [{ name: 'Run tests', conclusion: 'failure' }],
        annotations: [{ path: `test/${n}.ts`, start_line: n + 1, message: `failed ${n}` }],
        log: logWith([`shard ${n}`]),
      })),
      { name: 'notify' },
    ];
    const { message, asked, result } = await runCase(context, {
      jobs,
      env: { GITHUB_JOB: 'notify' },
      inputs: { needs: '{"shard": {"result": "failure"}}', format: 'text', log_lines: '2' },
    });
    const lines = message.split('\n');
    expect(lines.slice(1, 7)).toEqual([
      'shard (0): step "Run tests" failed: test/0.ts:1 failed 0',
      'shard (1): step "Run tests" failed: test/1.ts:2 failed 1',
      'shard (2): step "Run tests" failed: test/2.ts:3 failed 2',
      'shard (3): step "Run tests" failed: test/3.ts:4 failed 3',
      'shard (4): step "Run tests" failed: test/4.ts:5 failed 4',
      'and 3 more',
    ]);
    expect(lines).toContain(`${BLOB}/test/4.ts#L5`);
    expect(paths(asked).filter((path) => path.endsWith('/annotations'))).toHaveLength(5);
    expect(paths(asked).filter((path) => path.endsWith('/logs'))).toHaveLength(5);
    expect(JSON.parse(result.outputs.payload ?? '').message).not.toContain('Log of');
  });

  it('as a card, says why in the description', async (context) => {
    const { sent, github } = await runCase(context, {
      jobs: workflowJobs(),
      env: { GITHUB_JOB: 'notify' },
      inputs: { needs: NEEDS, format: 'card' },
    });
    const description = (sent[0]?.body.card?.description as { value: string } | undefined)?.value ?? '';
    expect(description).toContain(
      ` · <a href="${jobUrl(github, 'test (20)')}">test (20)</a>: step &quot;Run npm test&quot; failed: <a href="${BLOB}/src/parser.test.ts#L42">src/parser.test.ts:42</a> expected 1 to be 2`,
    );
    expect(description).toContain('e2e</a> timed out in step');
  });

  it('gives templates failures to lay out their own way', async (context) => {
    const { message, github } = await runCase(context, {
      jobs: workflowJobs(),
      env: { GITHUB_JOB: 'notify' },
      inputs: {
        needs: NEEDS,
        format: 'text',
        log_lines: '2',
        template:
          '{% for f in failures %}{{ f.job }}|{{ f.conclusion }}|{{ f.step }}|{{ f.errors.size }}|{{ f.errors[0].path }}:{{ f.errors[0].line }}|{{ f.errors[0].url }}|{{ f.log_excerpt | newline_to_br }}|{{ f.job_url }}\n{% endfor %}',
      },
    });
    expect(message.split('\n')).toEqual(
      [
        `test (20)|failure|Run npm test|1|src/parser.test.ts:42|${BLOB}/src/parser.test.ts#L42|FAIL src/parser.test.ts > parses<br />\nProcess completed with exit code 1.|${jobUrl(github, 'test (20)')}`,
        `lint|failure|Run npm run lint|1|:||src/a.ts: 3 problems<br />\nProcess completed with exit code 1.|${jobUrl(github, 'lint')}`,
        `e2e|timed_out|Run npm run e2e|0|:||waiting for the browser<br />\nThe job running on runner GitHub Actions 4 has exceeded the maximum execution time of 360 minutes.|${jobUrl(github, 'e2e')}`,
        `docs|cancelled||0|:|||${jobUrl(github, 'docs')}`,
      ]
        .join('\n')
        .split('\n'),
    );
  });
});

describe.concurrent('without the permission, the notification is sent with what is known and a warning naming it', () => {
  it.for([
    ['annotations', "the github_token may not read check runs and their annotations; give the job 'permissions: checks: read'"],
    ['logs', "the github_token may not read Actions runs and jobs; give the job 'permissions: actions: read'"],
    ['jobs', "the github_token may not read Actions runs and jobs; give the job 'permissions: actions: read'"],
  ] as const)('a 403 on the %s', async ([on, advice], context) => {
    const { result, message } = await runCase(context, {
      jobs: workflowJobs(),
      env: { GITHUB_JOB: 'notify' },
      inputs: { needs: NEEDS, log_lines: '5', format: 'text' },
      faults: [{ status: 403, message: 'Resource not accessible by integration', on }],
    });
    expect(result.exitCode).toBe(0);
    const warnings = annotations(result, 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`answered 403 Resource not accessible by integration: ${advice}`);
    expect(message).toMatch(/^acme\/api: CI #42 failed/);
    if (on !== 'jobs') expect(message).toContain('test (20): step "Run npm test" failed');
  });

  it('a 403 on the jobs for the default message alone, which no input asked for: still a warning naming it', async (context) => {
    const { result, message } = await runCase(context, {
      jobs: workflowJobs(),
      env: { GITHUB_JOB: 'notify' },
      inputs: { needs: NEEDS, format: 'text' },
      faults: [{ status: 403, message: 'Resource not accessible by integration', on: 'jobs' }],
    });
    expect(result.exitCode).toBe(0);
    expect(annotations(result, 'warning')).toEqual([
      expect.stringContaining("give the job 'permissions: actions: read'. The notification goes out without what failed"),
    ]);
    expect(message).toMatch(/^acme\/api: CI #42 failed/);
  });
});

describe.concurrent('text from the build', () => {
  const hostile: FakeJob[] = [
    {
      name: 'test <script>alert(1)</script> @all',
      conclusion: 'failure',
      steps: [{ name: 'Run <b>npm</b> test @here', conclusion: 'failure' }],
      annotations: [{ path: 'src/@all.ts', start_line: 1, message: '::error::pwned %0A::add-mask::x @all <img src=x onerror=alert(1)>' }],
      log: logWith([
        '::error::injected',
        '%0A::add-mask::leak',
        '::stop-commands::x',
        '@all <script>alert(2)</script>',
        `${'x'.repeat(5000)}`,
      ]),
    },
    { name: 'notify' },
  ];

  it('is escaped in html, pings no one, and becomes no workflow command of this run', async (context) => {
    const { result, message } = await runCase(context, {
      jobs: hostile,
      env: { GITHUB_JOB: 'notify' },
      inputs: { needs: '{"test": {"result": "failure"}}', log_lines: '10' },
    });
    expect(result.exitCode).toBe(0);
    expect(message).not.toMatch(/<script|<img|<b>npm/);
    expect(message).toContain('test &lt;script&gt;alert(1)&lt;/script&gt; @\u2060all');
    expect(message).toContain('step &quot;Run &lt;b&gt;npm&lt;/b&gt; test @\u2060here&quot;');
    expect(message).toContain('::error::pwned %0A::add-mask::x @\u2060all &lt;img src=x onerror=alert(1)&gt;');
    expect(message).toContain(
      '::error::injected\n%0A::add-mask::leak\n::stop-commands::x\n@\u2060all &lt;script&gt;alert(2)&lt;/script&gt;\nxxx',
    );
    expect(message).not.toMatch(/@(all|here)\b/);
    expect(annotations(result, 'error')).toEqual([]);
    expect(result.stdout.split('\n').filter((line) => line.startsWith('::add-mask::'))).toEqual([
      `::add-mask::${TOKEN}`,
      `::add-mask::${GITHUB_TOKEN}`,
    ]);
  });

  it('pings no one in text either, and cannot push the headline out of the message', async (context) => {
    const long = hostile.map((job) => (job.annotations ? { ...job, annotations: [{ message: `@all ${'é'.repeat(20_000)}` }] } : job));
    const { message } = await runCase(context, {
      jobs: long,
      env: { GITHUB_JOB: 'notify' },
      inputs: { needs: '{"test": {"result": "failure"}}', log_lines: '50', format: 'text', mention: '@here' },
    });
    expect(message).toMatch(/^@here acme\/api: CI #42 failed/);
    expect(message.split('\n')[1]).toMatch(
      /^test <script>alert\(1\)<\/script> @\u2060all: step "Run <b>npm<\/b> test @\u2060here" failed: @\u2060all é{100}/,
    );
    expect(message.match(/@all|@here/g)).toEqual(['@here']);
  });

  it('is cut to the message limit after the headline, without splitting a character', async (context) => {
    const many: FakeJob[] = [
      ...Array.from({ length: 5 }, (_, n) => ({
        name: `job ${n}`,
        conclusion: 'failure',
        steps: [{ name: 'Run', conclusion: 'failure' }],
        log: logWith(Array.from({ length: 60 }, () => '😀<'.repeat(300))),
      })),
      { name: 'notify' },
    ];
    const { result, message } = await runCase(context, {
      jobs: many,
      env: { GITHUB_JOB: 'notify' },
      inputs: { needs: '{"job": {"result": "failure"}}', log_lines: '50' },
    });
    expect(result.exitCode).toBe(0);
    expect([...message].length).toBeLessThanOrEqual(10_000);
    expect(message).toMatch(/^<a href="[^"]+">acme\/api: CI #42<\/a> failed/);
    expect(message).not.toMatch(/\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('the command line', () => {
  /** dist/index.js from a shell: the command line, with the GitHub API of the test. */
  function cli(github: FakeGithub, args: string[], env: Record<string, string> = {}) {
    return runCli(args, { env: { GITHUB_API_URL: github.url, GITHUB_RUN_ID: String(RUN_ID), GITHUB_JOB: 'notify', ...env } });
  }

  it('shows the log lines with --log-lines and --github-token or GITHUB_TOKEN, in a dry run', async (context) => {
    const run: FakeRun = { repository: REPOSITORY, id: RUN_ID, run_number: 42, status: 'in_progress', jobs: workflowJobs() };
    const github = await closedAfter(context, startFakeGithub({ tokens: [GITHUB_TOKEN], runs: [run] }));
    const args = ['--dry-run', '--repository', REPOSITORY, '--status', 'failure', '--needs', NEEDS, '--log-lines', '2'];
    for (const { exitCode, stdout, stderr } of [
      await cli(github, [...args, '--github-token', GITHUB_TOKEN]),
      await cli(github, args, { GITHUB_TOKEN }),
    ]) {
      expect(stderr).not.toContain(GITHUB_TOKEN);
      expect(exitCode).toBe(0);
      expect((JSON.parse(stdout) as { body: { message: string } }[])[0]?.body.message).toContain(
        'Log of test (20):<pre>FAIL src/parser.test.ts &gt; parses\nProcess completed with exit code 1.</pre>',
      );
    }
    expect(github.logServer.requests.length).toBeGreaterThan(0);
    expect(github.logServer.requests.every((request) => request.authorization === undefined)).toBe(true);
  });
});

describe('the bundle', () => {
  it('keeps the failures lookup in a chunk of its own, out of dist/index.js and the run facts chunk', async () => {
    const [failures, runFacts] = await Promise.all([
      bundlesHolding('check run annotations'),
      bundlesHolding('Could not tell which job of run attempt'),
    ]);
    expect(failures).toHaveLength(1);
    expect(failures).not.toContain('index.js');
    expect(failures).not.toEqual(runFacts);
  });
});

describe('the tokens', () => {
  it('show in no log line, output or summary of any run', () => {
    expect(runs.length).toBeGreaterThanOrEqual(15);
    for (const result of runs) {
      expect(leaksOf(result, TOKEN)).toEqual([]);
      expect(leaksOf(result, GITHUB_TOKEN)).toEqual([]);
    }
  });
});
