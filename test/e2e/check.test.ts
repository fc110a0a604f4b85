// End-to-end: `check: true` through dist/index.js, and `hipchat-notify check` on the command line, against the
// simulator and servers that get the set-up wrong in the ways self-hosted HipChat does. A check posts nothing: every
// test ends by asking the simulator what was created, and every request to a room carried auth_test=true.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { exampleEvent, runnerEnvFor } from '../fixtures/events.ts';
import { startFakeGithub } from '../github-api/server.ts';
import { type Simulator, type SimulatorOptions, startSimulator } from '../simulator/server.ts';
import { bundlesHolding } from './bundle.ts';
import { makeCertificates, type TestCertificates } from './certificates.ts';
import { closedAfter } from './per-test.ts';
import { type ActionRun, annotations, GITHUB_TOKEN, leaksOf, PUSH_ENV, type RunOptions, runAction, runCli } from './run-action.ts';

const TOKEN = 'check-Token-7f8e9d0c1b';
const ROOMS = [
  { id: 1, name: 'Deploys' },
  { id: 2, name: 'Ops Room' },
];
const TOKENS: SimulatorOptions['tokens'] = [
  { token: TOKEN, kind: 'addon' },
  { token: 'room-token-for-deploys', room: 'Deploys' },
  { token: 'view-only-token', scopes: ['view_room'] },
  { token: 'v1-admin-token', version: 'v1' },
  { token: 'user-without-admin-room', scopes: ['send_notification', 'send_message'] },
];
const runs: ActionRun[] = [];
let certificates: TestCertificates;

beforeAll(async () => {
  certificates = await makeCertificates();
});

interface CheckLine {
  check: string;
  outcome: 'pass' | 'fail' | 'warn' | 'skip';
  detail: string;
}

function simulatorFor(context: TestContext, options: SimulatorOptions = {}): Promise<Simulator> {
  return closedAfter(context, startSimulator({ rooms: ROOMS, tokens: TOKENS, ...options }));
}

async function check(serverUrl: string, options: Partial<RunOptions> & { inputs?: Record<string, string> } = {}): Promise<ActionRun> {
  const result = await runAction({
    event: null,
    ...options,
    inputs: {
      room: 'Deploys\nOps Room',
      token: TOKEN,
      server_url: serverUrl,
      check: 'true',
      timeout: '3',
      retries: '0',
      ...options.inputs,
    },
  });
  runs.push(result);
  return result;
}

function lines(result: ActionRun): CheckLine[] {
  return JSON.parse(result.outputs.check ?? '[]');
}

function outcomes(result: ActionRun): Record<string, string> {
  return Object.fromEntries(lines(result).map((line) => [line.check, line.outcome]));
}

/** Nothing created, and every request to a room or a user asked only with auth_test. */
function expectNothingPosted(simulator: Simulator): void {
  expect(simulator.delivered).toEqual([]);
  expect(simulator.privateMessages).toEqual([]);
  for (const request of simulator.requests.filter((entry) => /^\/v2\/(room|user)\//.test(entry.path))) {
    expect(request.query, request.path).toMatchObject({ auth_test: 'true' });
    expect(request.rawBody, request.path).toBe('');
  }
}

async function htmlServer(context: TestContext, answer: (res: import('node:http').ServerResponse) => void): Promise<string> {
  const server = createServer((_req, res) => answer(res));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const close = () => new Promise<void>((done) => server.close(() => done()));
  await closedAfter(context, Promise.resolve({ close }));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe.concurrent('check: true', () => {
  it('passes for two rooms, with a table in the log and the summary and the lines in the check output', async (context) => {
    const simulator = await simulatorFor(context);
    const result = await check(simulator.url);
    expect(result.exitCode).toBe(0);
    expect(outcomes(result)).toEqual({
      'Server reachable': 'pass',
      'Certificate trusted': 'skip',
      'HipChat API': 'pass',
      "Room 'Deploys': notifications (send_notification)": 'pass',
      "Room 'Ops Room': notifications (send_notification)": 'pass',
    });
    expect(result.outputs.ok).toBe('true');
    expect(result.stdout).toMatch(
      /^✓ Room 'Ops Room': notifications \(send_notification\) +The token may use POST \/v2\/room\/\{id_or_name\}\/notification here\.$/m,
    );
    expect(result.summary).toContain('### HipChat set-up check');
    expect(result.summary).toContain('| ✓ | Room &#39;Deploys&#39;: notifications (send_notification) |');
    expect(simulator.requests.map((request) => `${request.method} ${request.path}`).sort()).toEqual([
      'GET /v2/capabilities',
      'POST /v2/room/Deploys/notification',
      'POST /v2/room/Ops%20Room/notification',
    ]);
    expectNothingPosted(simulator);
  });

  it.for([
    ['an unknown room', { room: 'Deploys\nNowhere' }, ['Nowhere'], /Room 'Nowhere' was not found on .*: room names are case-sensitive/],
    [
      'a room token used on another room',
      { token: 'room-token-for-deploys' },
      ['Ops Room'],
      /The token may not send notifications to room 'Ops Room' .*a room notification token works only in its own room/,
    ],
    ['a token without the scope', { token: 'view-only-token' }, ['Deploys', 'Ops Room'], /it needs the send_notification scope/],
    [
      'a v1 token on the v2 API',
      { token: 'v1-admin-token' },
      ['Deploys', 'Ops Room'],
      /401 Invalid OAuth session\).*v1 admin tokens do not work on v2/,
    ],
  ] as const)('fails, naming the room and what to change, for %s', async ([, inputs, rooms, detail], context) => {
    const simulator = await simulatorFor(context);
    const result = await check(simulator.url, { inputs });
    expect(result.exitCode).toBe(1);
    const failed = lines(result).filter((line) => line.outcome === 'fail');
    expect(failed).toEqual(
      rooms.map((room) => ({
        check: `Room '${room}': notifications (send_notification)`,
        outcome: 'fail',
        detail: expect.stringMatching(detail),
      })),
    );
    expect(annotations(result, 'error')[0]).toMatch(
      new RegExp(`^The set-up check found ${rooms.length} problem\\(s\\) that would make a run fail:\n`),
    );
    expectNothingPosted(simulator);
  });

  it('probes messages, the topic and files when the inputs turn them on, failing for the topic the token may not set', async (context) => {
    const simulator = await simulatorFor(context);
    const inputs = { room: 'Deploys', token: 'user-without-admin-room', send_as: 'message', topic: 'live', file: 'deploy.log' };
    const result = await check(simulator.url, { inputs });
    expect(result.exitCode, result.visibleLog).toBe(1);
    expect(outcomes(result)).toMatchObject({
      "Room 'Deploys': messages and replies (send_message)": 'pass',
      "Room 'Deploys': the topic (admin_room)": 'fail',
      "Room 'Deploys': files (send_message)": 'pass',
    });
    expect(annotations(result, 'error')).toEqual([
      expect.stringMatching(
        /^The set-up check found 1 problem\(s\) that would make a run fail:\nRoom 'Deploys': the topic \(admin_room\): .*admin_room/,
      ),
    ]);
    expect(simulator.requests.map((request) => request.path)).toEqual(
      expect.arrayContaining(['/v2/room/Deploys/message', '/v2/room/Deploys/topic', '/v2/room/Deploys/share/file']),
    );
    expectNothingPosted(simulator);
    expect(simulator.events).toEqual([]);
  });

  it('checks api_version v1 with the v1 token in the form, never in the address', async (context) => {
    const simulator = await simulatorFor(context);
    const result = await check(simulator.url, { inputs: { api_version: 'v1', token: 'v1-admin-token', from: 'CI' } });
    expect(result.exitCode).toBe(0);
    expect(outcomes(result)).toMatchObject({ 'HipChat API': 'pass', "Room 'Deploys': notifications": 'pass' });
    const probes = simulator.requests.filter((request) => request.path === '/v1/rooms/message');
    expect(probes.map((request) => [request.query.auth_test, request.body]).sort()).toEqual([
      ['true', { auth_token: '***', room_id: 'Deploys' }],
      ['true', { auth_token: '***', room_id: 'Ops Room' }],
    ]);
    expect(simulator.delivered).toEqual([]);
  });

  it('fails on a certificate from an untrusted CA, naming ca_cert and never suggesting to turn verification off', async (context) => {
    const simulator = await simulatorFor(context, { tls: { key: certificates.serverKey, cert: certificates.serverCert } });
    const result = await check(simulator.url);
    expect(result.exitCode).toBe(1);
    expect(lines(result).slice(0, 2)).toEqual([
      { check: 'Server reachable', outcome: 'pass', detail: expect.any(String) },
      {
        check: 'Certificate trusted',
        outcome: 'fail',
        detail: expect.stringContaining('give the certificate of the CA that signed it in ca_cert'),
      },
    ]);
    expect(result.stdout).not.toContain('tls_verify');
    expect(simulator.requests).toEqual([]);
    const trusted = await check(simulator.url, { inputs: { ca_cert: certificates.caCert } });
    expect(outcomes(trusted)['Certificate trusted']).toBe('pass');
    expect(trusted.exitCode).toBe(0);
    expectNothingPosted(simulator);
  });

  it('names the proxy when the proxy cannot be reached', async (context) => {
    const simulator = await simulatorFor(context);
    const result = await check(simulator.url, { env: { HTTP_PROXY: 'http://127.0.0.1:1' } });
    expect(result.exitCode).toBe(1);
    expect(lines(result)[0]).toEqual({
      check: 'Server reachable',
      outcome: 'fail',
      detail: expect.stringMatching(
        /^Cannot reach the proxy in HTTP_PROXY \(http:\/\/127\.0\.0\.1:1\): .*ECONNREFUSED.*Check HTTP_PROXY, or list 127\.0\.0\.1 in NO_PROXY/,
      ),
    });
    expect(simulator.requests).toEqual([]);
  });

  it.for([
    [
      'a 200 HTML login page',
      (res: import('node:http').ServerResponse) =>
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html><form>Log in</form></html>'),
      /it answers with an HTML page/,
    ],
    [
      'a redirect to a login page',
      (res: import('node:http').ServerResponse) => res.writeHead(302, { location: '/login?next=%2F' }).end(),
      /it redirects to http:\/\/127\.0\.0\.1:\d+\/login, as a login page does/,
    ],
  ] as const)('fails on %s: this is not the HipChat API root', async ([, answer, detail], context) => {
    const url = await htmlServer(context, answer);
    const result = await check(url);
    expect(result.exitCode).toBe(1);
    expect(lines(result).find((line) => line.check === 'HipChat API')).toEqual({
      check: 'HipChat API',
      outcome: 'fail',
      detail: expect.stringMatching(new RegExp(`^This is not the HipChat API root: ${detail.source}.* Check server_url`)),
    });
    expect(outcomes(result)["Room 'Deploys'"]).toBe('skip');
  });
});

describe.concurrent('the people, when mention or private_message name them', () => {
  const OCTO = { id: 7, email: 'octo.cat@example.com', mention_name: 'OctoCat', name: 'Octo Cat' };
  const MONA = { id: 8, email: 'mona@example.com', mention_name: 'Mona', name: 'Mona Lisa' };
  const PEOPLE_TOKEN = 'people-check-token-5e6f';

  /** A push whose head commit is by the given email, pushed by octocat from a noreply address. */
  function pushBy(email: string): Pick<RunOptions, 'event' | 'eventName' | 'env'> {
    const event = exampleEvent('push', (payload) => payload.head_commit !== null && payload.commits.length > 0);
    event.head_commit.author = { name: 'Someone', email, username: 'octocat' };
    event.pusher = { name: 'octocat', email: 'octocat@users.noreply.github.com' };
    return { event, eventName: 'push', env: { ...runnerEnvFor('push', event), GITHUB_ACTOR: 'octocat' } };
  }

  async function peopleSimulator(context: TestContext): Promise<Simulator> {
    return simulatorFor(context, {
      users: [OCTO, MONA],
      tokens: [...(TOKENS ?? []), { token: PEOPLE_TOKEN, scopes: ['send_notification', 'send_message', 'view_group'] }],
    });
  }

  it('finds the author by commit email and may message them and a named user: all pass, nothing sent', async (context) => {
    const simulator = await peopleSimulator(context);
    const result = await check(simulator.url, {
      ...pushBy('octo.cat@example.com'),
      inputs: { room: 'Deploys', token: PEOPLE_TOKEN, mention: 'author', private_message: 'author, mona@example.com, Mona@example.com' },
    });
    expect(result.exitCode, result.visibleLog).toBe(0);
    expect(lines(result).map((line) => `${line.outcome} ${line.check}`)).toEqual([
      'pass Server reachable',
      'skip Certificate trusted',
      'pass HipChat API',
      "pass Finding the author 'octocat' (octo.cat@example.com) (view_group)",
      "pass Room 'Deploys': notifications (send_notification)",
      'pass Private message to the author (send_message)',
      "pass Private message to 'mona@example.com' (send_message)",
    ]);
    expect(
      simulator.requests
        .filter((request) => request.path.startsWith('/v2/user/'))
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    ).toEqual([
      'GET /v2/user/octo.cat@example.com',
      'POST /v2/user/mona@example.com/message',
      'POST /v2/user/octo.cat@example.com/message',
    ]);
    expectNothingPosted(simulator);
  });

  it('warns of a person HipChat does not know or a noreply email, with the user_map line to add, and passes', async (context) => {
    const simulator = await peopleSimulator(context);
    const result = await check(simulator.url, {
      ...pushBy('newbie@example.com'),
      inputs: { room: 'Deploys', token: PEOPLE_TOKEN, mention: 'author actor', private_message: 'actor' },
    });
    expect(result.exitCode, result.visibleLog).toBe(0);
    expect(outcomes(result)).toMatchObject({
      "Finding the author 'octocat' (newbie@example.com) (view_group)": 'warn',
      "Finding the actor 'octocat' (octocat@users.noreply.github.com) (view_group)": 'warn',
      'Private message to the actor (send_message)': 'skip',
    });
    const warnings = annotations(result, 'warning');
    expect(warnings).toContain(
      "HipChat has no user 'newbie@example.com': a run would not find them. Add them to user_map, e.g. 'octocat: their.email@example.com' or 'octocat: \"@TheirMentionName\"'.",
    );
    expect(
      warnings.some((warning) =>
        /^The actor 'octocat' \(octocat@users\.noreply\.github\.com\) is not in user_map, and their commit email is GitHub's noreply address/.test(
          warning,
        ),
      ),
    ).toBe(true);
    expectNothingPosted(simulator);
  });

  it('with a token that has neither view_group nor send_message: the lookup warns, the private message fails', async (context) => {
    const simulator = await peopleSimulator(context);
    const result = await check(simulator.url, {
      ...pushBy('octo.cat@example.com'),
      inputs: { room: 'Deploys', mention: 'author', private_message: '@Mona' },
    });
    expect(result.exitCode, result.visibleLog).toBe(1);
    const byCheck = Object.fromEntries(lines(result).map((line) => [line.check, line]));
    expect(byCheck["Finding the author 'octocat' (octo.cat@example.com) (view_group)"]).toMatchObject({
      outcome: 'warn',
      detail: expect.stringContaining('view_group'),
    });
    expect(byCheck["Private message to '@Mona' (send_message)"]).toMatchObject({
      outcome: 'fail',
      detail: expect.stringContaining('send_message'),
    });
    expect(byCheck["Room 'Deploys': notifications (send_notification)"]?.outcome).toBe('pass');
    expectNothingPosted(simulator);
  });
});

describe.concurrent('the GitHub token, when the inputs read the GitHub API', () => {
  async function githubFor(context: TestContext) {
    const github = await closedAfter(context, startFakeGithub({ tokens: [GITHUB_TOKEN] }));
    github.addRuns({ repository: 'acme/api', id: Number(PUSH_ENV.GITHUB_RUN_ID), run_number: 42, status: 'in_progress' });
    return github;
  }

  it('is read once with actions: read for send_when: changed, and passes', async (context) => {
    const [simulator, github] = await Promise.all([simulatorFor(context), githubFor(context)]);
    const result = await check(simulator.url, { inputs: { send_when: 'changed' }, env: { GITHUB_API_URL: github.url } });
    expect(result.exitCode).toBe(0);
    expect(lines(result).at(-1)).toEqual({
      check: 'GitHub token: actions: read',
      outcome: 'pass',
      detail: `GET /repos/acme/api/actions/runs/${PUSH_ENV.GITHUB_RUN_ID} answered.`,
    });
    expect(github.requests.map((request) => request.tokenUsed)).toEqual([GITHUB_TOKEN]);
  });

  it('without actions: read, warns naming the permission and passes, since a run would only lose the comparison', async (context) => {
    const [simulator, github] = await Promise.all([simulatorFor(context), githubFor(context)]);
    github.failFor('acme/api', { status: 403, message: 'Resource not accessible by integration' });
    const result = await check(simulator.url, { inputs: { send_when: 'changed' }, env: { GITHUB_API_URL: github.url } });
    expect(result.exitCode).toBe(0);
    expect(outcomes(result)['GitHub token: actions: read']).toBe('warn');
    expect(annotations(result, 'warning')).toEqual([expect.stringContaining("give the job 'permissions: actions: read'")]);
    expect(leaksOf(result, GITHUB_TOKEN)).toEqual([]);
  });

  it('is read with checks: read too when log_lines asks why a run failed, and warns naming the permission refused', async (context) => {
    const [simulator, github] = await Promise.all([simulatorFor(context), githubFor(context)]);
    github.failFor('acme/api', { status: 403, message: 'Resource not accessible by integration', on: 'annotations' });
    const result = await check(simulator.url, { inputs: { log_lines: '20' }, env: { GITHUB_API_URL: github.url } });
    expect(result.exitCode).toBe(0);
    expect(outcomes(result)).toMatchObject({ 'GitHub token: actions: read': 'pass', 'GitHub token: checks: read': 'warn' });
    expect(annotations(result, 'warning')).toEqual([expect.stringContaining("give the job 'permissions: checks: read'")]);
  });

  it('is not asked when nothing in the inputs reads the GitHub API', async (context) => {
    const [simulator, github] = await Promise.all([simulatorFor(context), githubFor(context)]);
    const result = await check(simulator.url, { env: { GITHUB_API_URL: github.url } });
    expect(result.exitCode).toBe(0);
    expect(github.requests).toEqual([]);
  });
});

describe('hipchat-notify check', () => {
  it('prints a passing table for two rooms and exits 0, posting nothing', async (context) => {
    const simulator = await simulatorFor(context);
    const args = ['check', '--server-url', simulator.url, '--room', 'Deploys', '--room', 'Ops Room'];
    const { exitCode, output } = await runCli(args, { env: { HIPCHAT_TOKEN: TOKEN } });
    expect(exitCode, output).toBe(0);
    expect(output).toMatch(/^✓ Server reachable +127\.0\.0\.1:\d+ answered\.$/m);
    expect(output).toMatch(/^✓ Room 'Deploys': notifications \(send_notification\) /m);
    expect(output).toMatch(/^✓ Room 'Ops Room': notifications \(send_notification\) /m);
    expect(output).toContain('The set-up check passed: nothing was posted.');
    expect(output).not.toContain(TOKEN);
    expectNothingPosted(simulator);
  });
});

describe('hipchat-notify check with a topic', () => {
  it('exits non-zero naming admin_room and the room when the token may not set the topic', async (context) => {
    const simulator = await simulatorFor(context);
    const args = ['check', '--server-url', simulator.url, '--room', 'Deploys', '--room', 'Ops Room', '--topic', 'live: {{ short_sha }}'];
    const { exitCode, output } = await runCli(args, { env: { HIPCHAT_TOKEN: 'user-without-admin-room' } });
    expect(exitCode, output).toBe(1);
    expect(output).toMatch(/^✓ Room 'Deploys': notifications \(send_notification\) /m);
    expect(output).toMatch(/^✗ Room 'Deploys': the topic \(admin_room\) .*admin_room/m);
    expect(output).toMatch(/^✗ Room 'Ops Room': the topic \(admin_room\) .*admin_room/m);
    expect(output).toContain('The set-up check found 2 problem(s) that would make a run fail');
    expect(output).not.toContain('user-without-admin-room');
    expectNothingPosted(simulator);
  });
});

describe('the bundle', () => {
  it('keeps the check out of the main bundle, for a run that sends never loads it', async () => {
    const holding = await bundlesHolding('HipChat set-up check');
    expect(holding).toHaveLength(1);
    expect(holding).not.toContain('index.js');
  });
});

describe('the token', () => {
  it('shows in no log line, output or summary of any check', () => {
    expect(runs.length).toBeGreaterThan(0);
    for (const result of runs) expect(leaksOf(result, TOKEN)).toEqual([]);
  });
});
