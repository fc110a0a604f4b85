// End-to-end: dist/index.js as the runner runs it, against the HipChat simulator on 127.0.0.1.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exampleEvent, runnerEnvFor } from '../fixtures/events.ts';
import { type Simulator, startSimulator } from '../simulator/server.ts';
import { type ActionRun, annotations, type RunOptions, runAction } from './run-action.ts';

const TOKEN = 'e2e-Token-9f8e7d6c5b4a';
const ROOMS = [
  { id: 1, name: 'Operations' },
  { id: 2, name: 'Dev Ops' },
  { id: 3, name: 'QA/Release #1?' },
  { id: 4, name: 'Équipe 日本 100%' },
];

let simulator: Simulator;
const runs: ActionRun[] = [];

beforeAll(async () => {
  simulator = await startSimulator({
    rooms: ROOMS,
    tokens: [{ token: TOKEN }, { token: 'no-scope-token', scopes: ['view_room'] }],
  });
});
afterEach(() => simulator.reset());
afterAll(async () => {
  await simulator.close();
});

const push = exampleEvent('push', (p) => p.ref === 'refs/heads/master' && p.commits.length > 0);

async function run(options: Partial<RunOptions> & { inputs?: Record<string, string> } = {}): Promise<ActionRun> {
  const result = await runAction({
    event: push,
    eventName: 'push',
    ...options,
    env: { ...runnerEnvFor('push', push), GITHUB_WORKFLOW: 'CI', GITHUB_RUN_NUMBER: '42', ...options.env },
    inputs: { room: 'Operations', token: TOKEN, server_url: simulator.url, ...options.inputs },
  });
  runs.push(result);
  return result;
}

describe('a notification from a push', () => {
  it('reaches the room with the default message, coloured by the job status', async () => {
    const result = await run();
    expect(result.exitCode).toBe(0);
    expect(simulator.delivered).toHaveLength(1);
    const [notification] = simulator.delivered;
    expect(notification?.room.name).toBe('Operations');
    expect(notification?.body).toEqual({
      message:
        '<a href="https://github.com/Codertocat/Hello-World/actions/runs/9876543210">Codertocat/Hello-World: CI #42</a> succeeded on ' +
        '<a href="https://github.com/Codertocat/Hello-World/tree/master">master</a> ' +
        '(<a href="https://github.com/Codertocat/Hello-World/commit/6113728f27ae82c7b1a177c8d03f9e96e0adf246">6113728</a>) by Codertocat<br>' +
        '• <a href="https://github.com/Codertocat/Hello-World/commit/6113728f27ae82c7b1a177c8d03f9e96e0adf246">6113728</a> Initial commit (Codertocat)',
      message_format: 'html',
      color: 'green',
      notify: false,
      from: 'GitHub Actions',
    });
    const [request] = simulator.requests;
    expect(request?.headers.authorization).toBe('Bearer ***');
    expect(request?.tokenUsed).toBe(TOKEN);
    expect(request?.headers['content-type']).toMatch(/^application\/json/);
  });

  it('sets the outputs and the job summary', async () => {
    const result = await run({ jobStatus: 'failure', inputs: { format: 'text', notify: 'true', from: 'Builds' } });
    expect(result.exitCode).toBe(0);
    const sent = simulator.delivered[0]?.body;
    expect(sent).toMatchObject({ color: 'red', notify: true, message_format: 'text', from: 'Builds' });
    expect(sent?.message).toBe(
      'Codertocat/Hello-World: CI #42 failed on master (6113728) by Codertocat\n• 6113728 Initial commit (Codertocat)\nhttps://github.com/Codertocat/Hello-World/actions/runs/9876543210',
    );
    expect(result.outputs.ok).toBe('true');
    expect(JSON.parse(result.outputs.payload ?? '')).toEqual(sent);
    expect(JSON.parse(result.outputs.results ?? '')).toEqual([{ room: 'Operations', ok: true, status: 204, attempts: 1 }]);
    expect(result.outputs.delivered_rooms).toBe('Operations');
    expect(result.outputs.failed_rooms).toBe('');
    expect(result.summary).toContain('| Operations | ✅ delivered |');
  });

  it('follows GitHub Enterprise Server links', async () => {
    const ghesPush = exampleEvent('push', (p) => p.ref === 'refs/tags/simple-tag', 'ghes-35');
    await run({ event: ghesPush, env: { ...runnerEnvFor('push', ghesPush), GITHUB_SERVER_URL: 'https://octocoders.github.io' } });
    expect(simulator.delivered[0]?.body.message).toMatch(
      /^<a href="https:\/\/octocoders.github.io\/Codertocat\/Hello-World\/actions\/runs\/9876543210">.* on tag <a href="https:\/\/octocoders.github.io\/Codertocat\/Hello-World\/tree\/simple-tag">simple-tag<\/a>/,
    );
    expect(simulator.delivered[0]?.body.message).not.toContain('https://github.com');
  });

  it('sends the template as given', async () => {
    await run({ inputs: { template: 'Deployed <b>api</b> to production', color: 'purple' } });
    expect(simulator.delivered[0]?.body).toMatchObject({ message: 'Deployed <b>api</b> to production', color: 'purple' });
  });

  it('still notifies when the event file is unreadable, with a warning', async () => {
    const result = await run({ env: { GITHUB_EVENT_PATH: '/nonexistent/event.json' } });
    expect(result.exitCode).toBe(0);
    expect(simulator.delivered).toHaveLength(1);
    expect(annotations(result, 'warning')).toEqual([
      "Cannot read the event payload at GITHUB_EVENT_PATH '/nonexistent/event.json' (no such file). The message is built without the event's details.",
    ]);
  });
});

describe('several rooms', () => {
  it('notifies each room once, with names encoded exactly', async () => {
    const result = await run({ inputs: { room: 'Operations\nDev Ops\nQA/Release #1?\nÉquipe 日本 100%\n4' } });
    expect(result.exitCode).toBe(0);
    const paths = simulator.requests.map((r) => r.path).sort();
    expect(paths).toEqual(
      [
        '/v2/room/4/notification',
        '/v2/room/Dev%20Ops/notification',
        '/v2/room/Operations/notification',
        '/v2/room/QA%2FRelease%20%231%3F/notification',
        '/v2/room/%C3%89quipe%20%E6%97%A5%E6%9C%AC%20100%25/notification',
      ].sort(),
    );
    expect(simulator.delivered.map((d) => d.room.id).sort()).toEqual([1, 2, 3, 4, 4]);
    expect(result.outputs.delivered_rooms?.split('\n')).toEqual(['Operations', 'Dev Ops', 'QA/Release #1?', 'Équipe 日本 100%', '4']);
  });

  it('splits a comma-separated line', async () => {
    await run({ inputs: { room: 'Operations, Dev Ops' } });
    expect(simulator.delivered.map((d) => d.room.name).sort()).toEqual(['Dev Ops', 'Operations']);
  });

  it('delivers to the other rooms when one is missing, and fails the step naming it', async () => {
    const result = await run({ inputs: { room: 'Operations,Nowhere,Dev Ops' } });
    expect(result.exitCode).toBe(1);
    expect(simulator.delivered.map((d) => d.room.name).sort()).toEqual(['Dev Ops', 'Operations']);
    expect(annotations(result, 'error')).toEqual([
      `HipChat notification failed for 1 of 3 room(s).\nRoom 'Nowhere' was not found on ${simulator.url} (HipChat said: 404 Room Nowhere not found): room names are case-sensitive; check the name or use the room's numeric id.`,
    ]);
    expect(JSON.parse(result.outputs.results ?? '')).toContainEqual(expect.objectContaining({ room: 'Nowhere', ok: false, status: 404 }));
    expect(result.outputs.failed_rooms).toBe('Nowhere');
    expect(result.outputs.ok).toBe('false');
  });
});

describe('bad inputs fail before anything is sent', () => {
  it.each([
    [{ color: 'grey' }, "Invalid color 'grey': expected auto, yellow, green, red, purple, gray or random. HipChat spells it 'gray'."],
    [
      { notify: 'yes' },
      "Invalid notify 'yes': expected true, false, success, failure, cancelled, skipped or started. A status list pings the room only on those statuses, e.g. notify: failure, cancelled.",
    ],
    [{ format: 'markdown' }, "Invalid format 'markdown': expected html, text or card."],
    [{ status: 'passed' }, "Invalid status 'passed': expected success, failure, cancelled, skipped or started."],
    [{ fail_on_error: 'maybe' }, "Invalid fail_on_error 'maybe': expected true or false."],
    [{ room: '' }, "Input 'room' is required: give one or more HipChat room ids or names, one per line or comma-separated."],
    [
      { from: 'x'.repeat(65) },
      `Invalid from '${'x'.repeat(65)}': HipChat accepts a sender label of at most 64 characters (this one has 65).`,
    ],
    [
      { server_url: 'hipchat.example.com' },
      "Invalid server_url 'hipchat.example.com': expected an http or https URL such as https://hipchat.example.com.",
    ],
    [{ token: '' }, /^Input 'token' is required/],
  ] as const)('%j', async (inputs, message) => {
    const result = await run({ inputs: { ...inputs } });
    expect(result.exitCode).toBe(1);
    expect(simulator.requests).toHaveLength(0);
    const [error] = annotations(result, 'error');
    expect(error).toMatch(typeof message === 'string' ? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : message);
  });

  it('never echoes a token placed in server_url', async () => {
    const result = await run({ inputs: { server_url: `${simulator.url}/v2?auth_token=${TOKEN}` } });
    expect(result.exitCode).toBe(1);
    expect(annotations(result, 'error')[0]).toMatch(/without credentials, query string or fragment/);
    expect(result.visibleLog).not.toContain(TOKEN);
  });
});

describe('HipChat errors become clear failures', () => {
  it('401: says the token is not accepted', async () => {
    const result = await run({ inputs: { token: 'wrong-token' } });
    expect(result.exitCode).toBe(1);
    expect(annotations(result, 'error')[0]).toContain(
      "HipChat did not accept the token for room 'Operations' (HipChat said: 401 Invalid OAuth session): check that the token input holds a valid, unexpired v2 token with the send_notification scope",
    );
  });

  it('403: says the scope is missing', async () => {
    const result = await run({ inputs: { token: 'no-scope-token' } });
    expect(result.exitCode).toBe(1);
    expect(annotations(result, 'error')[0]).toContain(
      "The token may not send notifications to room 'Operations' (HipChat said: 403 This action requires one of the following scopes: [u'send_notification']): it needs the send_notification scope",
    );
  });

  it("404: '+' is not a space, so the simulator does not find the room", async () => {
    const result = await run({ inputs: { room: 'Dev+Ops' } });
    expect(annotations(result, 'error')[0]).toContain("Room 'Dev+Ops' was not found");
    expect(simulator.requests[0]?.path).toBe('/v2/room/Dev%2BOps/notification');
  });

  it('400: says which field was rejected and why', async () => {
    // The body HipChat Server sent for a string notify (jenkinsci/hipchat-plugin#39), replayed as-is.
    const error = {
      code: 400,
      expected_type: 'boolean',
      field: 'notify',
      message: "Value u'true' for field 'notify' is not of type 'boolean'",
      type: 'Bad Request',
      validation: 'type',
      value: 'true',
    };
    simulator.injectFault({ fault: { kind: 'status', status: 400, body: { error } } });
    const result = await run();
    expect(result.exitCode).toBe(1);
    expect(annotations(result, 'error')).toEqual([
      "HipChat notification failed for 1 of 1 room(s).\nHipChat rejected the notification for room 'Operations' in field 'notify' (HipChat said: 400 Value u'true' for field 'notify' is not of type 'boolean').",
    ]);
    expect(simulator.delivered).toHaveLength(0);
  });

  it('fail_on_error: false turns a failure into a warning and passes', async () => {
    const result = await run({ inputs: { room: 'Nowhere', fail_on_error: 'false' } });
    expect(result.exitCode).toBe(0);
    expect(annotations(result, 'error')).toEqual([]);
    expect(annotations(result, 'warning')[0]).toMatch(/^Room 'Nowhere' was not found/);
    expect(result.stdout).toMatch(/^::warning title=HipChat notification not delivered::/m);
    expect(result.outputs.ok).toBe('false');
  });

  it('an unreachable server is reported with the reason', async () => {
    const closed = await startSimulator();
    const url = closed.url;
    await closed.close();
    const result = await run({ inputs: { server_url: url, retries: '0' } });
    expect(result.exitCode).toBe(1);
    expect(annotations(result, 'error')[0]).toMatch(new RegExp(`Could not reach HipChat at ${url} for room 'Operations': .*ECONNREFUSED`));
  });
});

describe('the token', () => {
  it('is masked first and appears in no log line, output or summary of any run', () => {
    expect(runs.length).toBeGreaterThan(10);
    for (const result of runs) {
      const firstCommand = result.stdout.split('\n').find((line) => line.startsWith('::'));
      if (result.stdout.includes(TOKEN)) expect(firstCommand).toBe(`::add-mask::${TOKEN}`);
      expect(result.visibleLog).not.toContain(TOKEN);
      expect(JSON.stringify(result.outputs)).not.toContain(TOKEN);
      expect(result.summary).not.toContain(TOKEN);
    }
  });
});
