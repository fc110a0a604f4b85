// Every use of the action in examples/ runs through dist/ against the simulator, so what users copy works.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runEnv } from '../fixtures/catalog.ts';
import { exampleEvent, type Payload } from '../fixtures/events.ts';
import { type FakeGithub, type FakeJob, startFakeGithub } from '../github-api/server.ts';
import { type Simulator, startSimulator } from '../simulator/server.ts';
import { annotations, GITHUB_TOKEN, runAction } from './run-action.ts';

const TOKEN = 'e2e-examples-token-3d2e';
const examplesDir = new URL('../../examples/', import.meta.url);

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, string | number | boolean>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { steps?: Step[] }>;
}

/** The events an example runs on, and the payload each trigger carries. */
const PAYLOADS: Record<string, () => Payload> = {
  push: () => exampleEvent('push', (p) => p.ref === 'refs/heads/master' && p.commits.length > 0),
  pull_request: () => exampleEvent('pull_request', (p) => p.action === 'opened'),
  release: () => exampleEvent('release', (p) => p.action === 'published'),
  workflow_dispatch: () => ({ ...exampleEvent('workflow_dispatch'), inputs: { environment: 'production' } }),
};

const NEEDS = JSON.stringify({
  build: { result: 'success', outputs: {} },
  test: { result: 'failure', outputs: {} },
  lint: { result: 'success', outputs: {} },
});

/** What the runner would substitute for the expressions the examples use; any other expression fails the test. */
function substitute(value: string, server: string, stepOutputs: Record<string, string>): string {
  const known: Record<string, string> = {
    'secrets.HIPCHAT_TOKEN': TOKEN,
    'secrets.HIPCHAT_USER_TOKEN': TOKEN,
    'toJSON(needs)': NEEDS,
    "job.status != 'success'": 'false',
    ...stepOutputs,
  };
  return value
    .replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
      if (!(expression in known)) throw new Error(`The test knows no value for \${{ ${expression} }}`);
      return known[expression] as string;
    })
    .replace(/^https:\/\/hipchat\.[a-z.]*example$|^https:\/\/hipchat\.example\.com$/, server);
}

const cases = readdirSync(examplesDir)
  .filter((name) => name.endsWith('.yml'))
  .flatMap((name) => {
    const workflow = parse(readFileSync(new URL(name, examplesDir), 'utf8')) as Workflow;
    const steps = Object.values(workflow.jobs)
      .flatMap((job) => job.steps ?? [])
      .filter((step) => /hipchat-notify@/.test(step.uses ?? ''));
    const event = Object.keys(workflow.on).find((trigger) => trigger in PAYLOADS);
    return steps.map((step, n) => ({ label: `${name} step ${n + 1}`, step, event, earlier: steps.slice(0, n) }));
  });

/**
 * The run the examples' steps report on, as the GitHub API serves it to their default failure message: this job
 * ('build', whose deploy step failed) and a failed test job.
 */
const RUN_JOBS: FakeJob[] = [
  {
    name: 'build',
    steps: [
      { name: 'Set up job', conclusion: 'success' },
      { name: 'Run ./deploy.sh', conclusion: 'failure' },
      { name: 'Run hipchat-notify/hipchat-notify@v1', status: 'in_progress' },
    ],
  },
  { name: 'test', conclusion: 'failure', steps: [{ name: 'Run npm test', conclusion: 'failure' }] },
];

let simulator: Simulator;
let github: FakeGithub;
beforeAll(async () => {
  // Each payload's repository, with the run id the runner's environment gives its steps.
  const runIds = new Map(
    Object.values(PAYLOADS).map((payload) => {
      const env = runEnv('push', payload());
      return [env.GITHUB_REPOSITORY as string, Number(env.GITHUB_RUN_ID)];
    }),
  );
  github = await startFakeGithub({
    tokens: [GITHUB_TOKEN],
    runs: [...runIds].map(([repository, id]) => ({ repository, id, run_number: 42, status: 'in_progress', jobs: RUN_JOBS })),
  });
  simulator = await startSimulator({
    rooms: ['Builds', 'Announcements', 'Deploys', 'Operations'].map((name, index) => ({ id: index + 1, name })),
    tokens: [{ token: TOKEN, kind: 'addon', scopes: ['send_notification', 'send_message', 'admin_room'] }],
    // The author of the example payloads, whom tell-the-author.yml's user_map names.
    users: [{ id: 1, email: 'codertocat@example.com', mention_name: 'Codertocat', name: 'Codertocat' }],
  });
});
afterEach(() => simulator.reset());
afterAll(async () => {
  await github.close();
  await simulator.close();
});

describe('the examples', () => {
  it('are all covered', () => {
    expect(cases.length).toBeGreaterThanOrEqual(7);
    for (const c of cases) expect(c.event, c.label).toBeDefined();
  });

  it.each(cases.map((c) => [c.label, c] as const))('%s delivers through dist/', async (_, c) => {
    const payload = PAYLOADS[c.event as string]?.() ?? {};
    /** Runs one step as the runner would, with the outputs of the steps before it. */
    const runStep = async (step: Step, stepOutputs: Record<string, string>) => {
      const inputs = Object.fromEntries(
        Object.entries(step.with ?? {})
          // The private CA and its file belong to the user's network; TLS is tested on its own.
          .filter(([name]) => name !== 'ca_cert')
          .map(([name, value]) => [name, substitute(String(value), simulator.url, stepOutputs)]),
      );
      // A file the workflow's own steps would have written, such as a deploy log.
      const files = inputs.file ? { [inputs.file]: 'deploying...\ndone\n' } : {};
      const result = await runAction({
        event: payload,
        eventName: c.event,
        env: { ...runEnv(c.event as string, payload), GITHUB_API_URL: github.url },
        jobStatus: 'failure',
        inputs,
        files,
      });
      return { inputs, result };
    };
    // The steps before this one run first, so that expressions such as steps.start.outputs.results have values.
    const stepOutputs: Record<string, string> = {};
    for (const step of c.earlier) {
      const { result } = await runStep(step, stepOutputs);
      for (const [name, value] of Object.entries(result.outputs)) if (step.id) stepOutputs[`steps.${step.id}.outputs.${name}`] = value;
    }
    const before = { delivered: simulator.delivered.length, events: simulator.events.length };
    const { inputs, result } = await runStep(c.step, stepOutputs);
    expect(annotations(result, 'error')).toEqual([]);
    expect(annotations(result, 'warning')).toEqual([]);
    expect(result.exitCode).toBe(0);
    const got = [...simulator.delivered.slice(before.delivered), ...simulator.events.slice(before.events)];
    const rooms = got.map(({ room }) => room.name);
    expect(rooms.length, JSON.stringify(result.outputs)).toBeGreaterThanOrEqual(1);
    expect(rooms[0]).toBe(inputs.room?.split('\n')[0]);
  });
});
