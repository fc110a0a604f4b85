// What the demo sends: runs of dist/index.js for sample events, each with the outcome it should have.
import { exampleEvent, type Payload, runnerEnvFor } from '../test/fixtures/events.ts';
import type { FakeJob } from '../test/github-api/server.ts';

export interface Sample {
  readonly eventName: string;
  /** What the runner substitutes for ${{ job.status }}. */
  readonly status: string;
  readonly payload: () => Payload;
  readonly env?: Record<string, string>;
  /** The jobs of the run, for a sample whose message reads them from the (fake) GitHub API. */
  readonly jobs?: () => FakeJob[];
  readonly inputs?: Record<string, string>;
}

/** A log as GitHub writes it: timestamps, colours and group markers, which the action takes out. */
function log(lines: readonly string[]): string {
  return `${lines.map((line, n) => `2024-05-01T10:02:${String(10 + n).padStart(2, '0')}.5210000Z ${line}`).join('\n')}\n`;
}

/** A workflow whose test job failed on one Node version, whose lint job failed, and whose e2e job timed out. */
function brokenJobs(): FakeJob[] {
  const setUp = [
    { name: 'Set up job', conclusion: 'success' },
    { name: 'Run actions/checkout@v5', conclusion: 'success' },
  ];
  return [
    { name: 'build', conclusion: 'success', steps: [...setUp, { name: 'Run npm run build', conclusion: 'success' }] },
    { name: 'test (20)', conclusion: 'success', steps: [...setUp, { name: 'Run npm test', conclusion: 'success' }] },
    {
      name: 'test (24)',
      conclusion: 'failure',
      steps: [...setUp, { name: 'Run npm test', conclusion: 'failure' }],
      annotations: [
        { path: 'src/parser.test.ts', start_line: 42, title: 'parser > reads a list', message: "expected '<list>' to equal '<list/>'" },
        { message: 'Process completed with exit code 1.' },
      ],
      log: log([
        '##[group]Run npm test',
        '\u001b[36;1mnpm test\u001b[0m',
        '##[endgroup]',
        ' \u001b[32m✓\u001b[39m src/lexer.test.ts (12 tests) 8ms',
        ' \u001b[31m❯\u001b[39m src/parser.test.ts (9 tests | 1 failed) 11ms',
        "   \u001b[31m×\u001b[39m parser > reads a list: expected '<list>' to equal '<list/>'",
        ' Test Files  1 failed | 1 passed (2)',
        '      Tests  1 failed | 20 passed (21)',
        '##[error]Process completed with exit code 1.',
      ]),
    },
    {
      name: 'lint',
      conclusion: 'failure',
      steps: [...setUp, { name: 'Run npm run lint', conclusion: 'failure' }],
      annotations: [{ path: 'src/cli/args.ts', start_line: 7, title: 'noUnusedVariables', message: "'index' is declared but never used." }],
    },
    { name: 'e2e', conclusion: 'timed_out', steps: [...setUp, { name: 'Run npm run e2e', conclusion: 'cancelled' }] },
    { name: 'report', steps: [{ name: 'Set up job', conclusion: 'success' }] },
  ];
}

export const SAMPLES: Readonly<Record<string, Sample>> = {
  push: {
    eventName: 'push',
    status: 'success',
    payload: () => exampleEvent('push', (p) => p.ref.startsWith('refs/heads/') && p.commits.length > 0),
  },
  pull_request: {
    eventName: 'pull_request',
    status: 'failure',
    payload: () => exampleEvent('pull_request', (p) => p.action === 'opened'),
  },
  release: {
    eventName: 'release',
    status: 'success',
    payload: () => exampleEvent('release', (p) => p.action === 'published'),
  },
  failure: {
    eventName: 'workflow_run',
    status: 'failure',
    payload: () => exampleEvent('workflow_run', (p) => p.workflow_run.conclusion === 'success'),
    env: { GITHUB_WORKFLOW: 'Deploy', GITHUB_RUN_NUMBER: '12' },
  },
  cancelled: {
    eventName: 'workflow_dispatch',
    status: 'cancelled',
    payload: () => exampleEvent('workflow_dispatch'),
  },
  broken: {
    eventName: 'push',
    status: 'failure',
    payload: () => exampleEvent('push', (p) => p.ref.startsWith('refs/heads/') && p.commits.length > 0),
    env: { GITHUB_JOB: 'report' },
    jobs: brokenJobs,
    inputs: {
      needs: JSON.stringify({
        build: { result: 'success' },
        test: { result: 'failure' },
        lint: { result: 'failure' },
        e2e: { result: 'failure' },
      }),
      log_lines: '6',
    },
  },
};

export interface DemoRun {
  readonly sample: string;
  readonly inputs: Record<string, string>;
  /** Whether HipChat should take it: the tour also shows what a rejection looks like. */
  readonly accepted: boolean;
  readonly note?: string;
}

/**
 * The default tour, oldest first so that the page, newest first, opens on the card. The rejected one is a
 * template author's everyday mistake: a tag HipChat does not keep.
 */
export const TOUR: readonly DemoRun[] = [
  { sample: 'release', inputs: { format: 'text' }, accepted: true },
  {
    sample: 'push',
    inputs: { template: '<p><b>{{ repository }}</b> {{ workflow }} #{{ run_number }} {{ status_word }}</p>' },
    accepted: false,
    note: 'a template using <p>, a tag HipChat does not keep',
  },
  { sample: 'pull_request', inputs: { format: 'html' }, accepted: true },
  { sample: 'broken', inputs: { format: 'html' }, accepted: true, note: 'why it failed: failed steps, errors and log lines' },
  { sample: 'push', inputs: { format: 'card' }, accepted: true },
];

/** The run id of the samples that read the fake GitHub API: the run its jobs are served for. */
export const DEMO_RUN_ID = 9876543210;

export function runOptionsFor(
  sample: Sample,
  githubApiUrl?: string,
): { event: Payload; eventName: string; env: Record<string, string>; jobStatus: string } {
  const event = sample.payload();
  const api: Record<string, string> = githubApiUrl ? { GITHUB_API_URL: githubApiUrl, GITHUB_RUN_ID: String(DEMO_RUN_ID) } : {};
  return {
    event,
    eventName: sample.eventName,
    env: { ...runnerEnvFor(sample.eventName, event), ...sample.env, ...api },
    jobStatus: sample.status,
  };
}
