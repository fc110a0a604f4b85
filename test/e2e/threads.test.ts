// End-to-end: send_as message, reply_to, topic and file through dist/index.js, against a simulator per test that
// records threads, topics and files. Every run is checked for the token at the end.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { type Simulator, startSimulator } from '../simulator/server.ts';
import { closedAfter } from './per-test.ts';
import { ACTION_ENTRY, type ActionRun, annotations, leaksOf, type RunOptions, runAction, runCli } from './run-action.ts';

const TOKEN = 'user-Token-9f8e7d6c5b4a';
const ROOMS = [
  { id: 1, name: 'Deploys' },
  { id: 2, name: 'Operations' },
];
const runs: ActionRun[] = [];

function simulatorFor(context: TestContext): Promise<Simulator> {
  return closedAfter(
    context,
    startSimulator({
      rooms: ROOMS,
      tokens: [
        { token: TOKEN, scopes: ['send_notification', 'send_message', 'admin_room'] },
        { token: 'no-admin-token', scopes: ['send_notification', 'send_message'] },
        { token: 'notifier-token', scopes: ['send_notification'] },
      ],
    }),
  );
}

async function run(simulator: Simulator, inputs: Record<string, string>, options: Partial<RunOptions> = {}): Promise<ActionRun> {
  const result = await runAction({
    event: null,
    ...options,
    // No GitHub API here: without its token, a failure's message leaves out what failed, quietly.
    inputs: { room: 'Deploys', token: TOKEN, server_url: simulator.url, github_token: '', ...inputs },
  });
  runs.push(result);
  return result;
}

interface Result {
  room: string;
  ok: boolean;
  status: number;
  attempts: number;
  error?: string;
  message_id?: string;
  reply_to?: string;
  parent_gone?: string;
}

function results(result: ActionRun): Result[] {
  return JSON.parse(result.outputs.results ?? '[]');
}

describe.concurrent('send_as: message', () => {
  it("posts the text form as the token's user and gives its id in message_id and results", async (context) => {
    const simulator = await simulatorFor(context);
    const result = await run(simulator, { send_as: 'message', status: 'started' });
    expect(result.exitCode, result.visibleLog).toBe(0);
    const [event] = simulator.events;
    expect(event).toMatchObject({ kind: 'message', room: { name: 'Deploys' } });
    if (event?.kind !== 'message') throw new Error('no message');
    expect(event.message).toBe(
      'acme/api: CI #42 started on main (abc1234) by octocat\nhttps://github.com/acme/api/actions/runs/9876543210',
    );
    expect(simulator.delivered).toEqual([]);
    expect(result.outputs.message_id).toBe(event.id);
    expect(results(result)).toEqual([{ room: 'Deploys', ok: true, status: 201, attempts: 1, message_id: event.id }]);
    expect(JSON.parse(result.outputs.payload ?? '')).toEqual({ message: event.message });
    expect(result.summary).toContain(`| Deploys | ✅ posted as message ${event.id} | 1 |`);
  });

  it('gives each room its own id in results, and no message_id for several rooms', async (context) => {
    const simulator = await simulatorFor(context);
    const result = await run(simulator, { send_as: 'message', room: 'Deploys\nOperations' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.message_id).toBe('');
    const ids = Object.fromEntries(simulator.events.map((event) => [event.room.name, 'id' in event ? event.id : '']));
    expect(results(result).map(({ room, message_id }) => [room, message_id])).toEqual([
      ['Deploys', ids.Deploys],
      ['Operations', ids.Operations],
    ]);
  });

  it('fails with advice naming the endpoint, the room and send_message for a token without it', async (context) => {
    const simulator = await simulatorFor(context);
    const result = await run(simulator, { send_as: 'message', token: 'notifier-token' });
    expect(result.exitCode).toBe(1);
    expect(annotations(result, 'error')[0]).toContain(
      "The token may not post messages to room 'Deploys' with POST /v2/room/{id_or_name}/message (HipChat said: 403 This action requires one of the following scopes: [u'send_message']): it needs the send_message scope",
    );
  });

  it.for([
    [{ send_as: 'message', format: 'card' }, "Invalid format 'card' with send_as 'message': a room message is plain text"],
    [
      { reply_to: 'abc', api_version: 'v1', from: 'CI' },
      "Invalid api_version 'v1' with reply_to: HipChat's v1 API has only room notifications",
    ],
    [{ topic: 'x', file: 'a.log', api_version: 'v1', from: 'CI' }, "Invalid api_version 'v1' with topic or file"],
    [{ reply_to: 'abc', room: 'Deploys\nOperations' }, "Invalid reply_to 'abc': one message id for 2 rooms"],
    [{ reply_to: 'not an id' }, 'Invalid reply_to: \'not an id\' is "not an id", not a message id'],
    [{ send_as: 'email' }, "Invalid send_as 'email': expected notification or message."],
    [{ file: '../outside.log' }, "Invalid file '../outside.log': expected a path inside the workspace"],
    [
      { topic: '{{ run_ulr }}' },
      "Invalid template in input 'topic' (line 1, column 4): unknown variable 'run_ulr'. Did you mean 'run_url'?",
    ],
  ] as const)('refuses %j before sending anything', async ([inputs, error], context) => {
    const simulator = await simulatorFor(context);
    const result = await run(simulator, inputs);
    expect(result.exitCode).toBe(1);
    expect(annotations(result, 'error')[0]).toContain(error);
    expect(simulator.requests).toEqual([]);
  });
});

describe.concurrent('reply_to', () => {
  it("replies in the start message's thread", async (context) => {
    const simulator = await simulatorFor(context);
    const start = await run(simulator, { send_as: 'message', status: 'started' });
    const finish = await run(simulator, { reply_to: start.outputs.message_id ?? '', status: 'success' });
    expect(finish.exitCode, finish.visibleLog).toBe(0);
    const [message, reply] = simulator.events;
    expect(reply).toMatchObject({ kind: 'reply', parentId: start.outputs.message_id, room: { name: 'Deploys' } });
    if (reply?.kind !== 'reply' || message?.kind !== 'message') throw new Error('no thread');
    expect(reply.message).toMatch(/^acme\/api: CI #42 succeeded on main/);
    expect(results(finish)).toEqual([{ room: 'Deploys', ok: true, status: 204, attempts: 1, reply_to: message.id }]);
    expect(finish.stdout).toContain(`Delivered to room 'Deploys' as a reply in the thread of ${message.id}.`);
    expect(finish.summary).toContain(`✅ replied in the thread of message ${message.id}`);
  });

  it("takes the earlier step's results, so each room replies to its own message", async (context) => {
    const simulator = await simulatorFor(context);
    const rooms = 'Deploys\nOperations';
    const start = await run(simulator, { send_as: 'message', room: rooms });
    const finish = await run(simulator, { reply_to: start.outputs.results ?? '', room: rooms });
    expect(finish.exitCode).toBe(0);
    for (const room of ['Deploys', 'Operations']) {
      const [message, reply] = simulator.eventsIn(room);
      expect(reply).toMatchObject({ kind: 'reply', parentId: message && 'id' in message ? message.id : 'none' });
    }
  });

  it('posts a plain message with a warning when the parent is gone, so the finish is never lost', async (context) => {
    const simulator = await simulatorFor(context);
    const gone = '0b7e2b47-6d7c-4c3e-9b1e-1d2c3b4a5f60';
    const result = await run(simulator, { reply_to: gone, status: 'failure' });
    expect(result.exitCode).toBe(0);
    expect(simulator.requests.map((request) => [request.path, request.status])).toEqual([
      ['/v2/room/Deploys/reply', 404],
      ['/v2/room/Deploys/message', 201],
    ]);
    expect(annotations(result, 'warning')).toEqual([
      `The reply in room 'Deploys' went out as a new message: its parent message ${gone} is gone or unknown (HipChat said: 404 Message ${gone} not found).`,
    ]);
    const [entry] = results(result);
    expect(entry).toMatchObject({ ok: true, status: 201, attempts: 2, parent_gone: gone, message_id: expect.any(String) });
    expect(result.summary).toContain(`not as a reply: message ${gone} is gone`);
  });
});

describe.concurrent('topic', () => {
  it('sets each room topic after the message, rendered from the context on one line', async (context) => {
    const simulator = await simulatorFor(context);
    const topic = 'production: {{ ref_name }}\n{{ short_sha }} {{ status_word }} by {{ actor }}';
    const result = await run(simulator, { topic, room: 'Deploys\nOperations' });
    expect(result.exitCode).toBe(0);
    for (const room of ['Deploys', 'Operations']) expect(simulator.topicOf(room)).toBe('production: main abc1234 succeeded by octocat');
    const paths = simulator.requests.map((request) => request.path);
    expect(paths.indexOf('/v2/room/Deploys/topic')).toBeGreaterThan(paths.indexOf('/v2/room/Deploys/notification'));
    expect(result.summary).toContain('✅ topic set to “production: main abc1234 succeeded by octocat”');
  });

  it('shortens a long topic cleanly to 250 characters, with a warning', async (context) => {
    const simulator = await simulatorFor(context);
    const result = await run(simulator, { topic: `{{ repository }} ${'word '.repeat(80)}` });
    expect(result.exitCode).toBe(0);
    expect([...(simulator.topicOf('Deploys') ?? '')].length).toBeLessThanOrEqual(250);
    expect(simulator.topicOf('Deploys')).toMatch(/^acme\/api word .* word…$/);
    expect(annotations(result, 'warning')).toEqual(['The topic had 408 characters; HipChat accepts 250, so it was shortened.']);
  });

  it('is a warning naming the endpoint, the room and admin_room without the scope; the notification still counts', async (context) => {
    const simulator = await simulatorFor(context);
    const result = await run(simulator, { topic: 'live: {{ short_sha }}', token: 'no-admin-token' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.ok).toBe('true');
    expect(simulator.delivered).toHaveLength(1);
    expect(annotations(result, 'warning')).toEqual([
      "The token may not set the topic of room 'Deploys' with PUT /v2/room/{id_or_name}/topic (HipChat said: 403 This action requires one of the following scopes: [u'admin_room']): it needs the admin_room scope: give the step a token of a room admin with admin_room, or leave topic empty.",
    ]);
    expect(result.stdout).toContain('::warning title=HipChat topic not set::');
  });

  it('follows send_when: a skipped step sets no topic', async (context) => {
    const simulator = await simulatorFor(context);
    const result = await run(simulator, { topic: 'live', send_when: 'failure' });
    expect(result.outputs.skipped).toBe('true');
    expect(simulator.requests).toEqual([]);
  });

  it('retries a topic after a 503, as a notification is retried', async (context) => {
    const simulator = await simulatorFor(context);
    simulator.injectFault({ fault: { kind: 'status', status: 503 }, route: 'room-topic' });
    const result = await run(simulator, { topic: 'live' });
    expect(result.exitCode).toBe(0);
    expect(simulator.requests.map((request) => [request.path, request.status])).toEqual([
      ['/v2/room/Deploys/notification', 204],
      ['/v2/room/Deploys/topic', 503],
      ['/v2/room/Deploys/topic', 204],
    ]);
  });
});

describe.concurrent('file', () => {
  it('shares a workspace file with each room after the message, saying what it is', async (context) => {
    const simulator = await simulatorFor(context);
    const log = 'step 1\nstep 2 failed: é\n';
    const result = await run(simulator, { file: 'logs/*.log', room: 'Deploys\nOperations' }, { files: { 'logs/deploy.log': log } });
    expect(result.exitCode, result.visibleLog).toBe(0);
    const shared = simulator.events.filter((event) => event.kind === 'file');
    expect(shared.map((event) => event.room.name).sort()).toEqual(['Deploys', 'Operations']);
    for (const event of shared) {
      expect(event).toMatchObject({ message: 'deploy.log from CI #42', file: { name: 'deploy.log', type: 'text/plain' } });
      if (event.kind === 'file') expect(event.file.content.toString('utf8')).toBe(log);
    }
    expect(result.summary).toContain(`✅ shared deploy.log (${Buffer.byteLength(log)} bytes)`);
  });

  it('warns about a missing file, and still delivers', async (context) => {
    const simulator = await simulatorFor(context);
    const result = await run(simulator, { file: 'logs/deploy.log' });
    expect(result.exitCode).toBe(0);
    expect(simulator.delivered).toHaveLength(1);
    expect(annotations(result, 'warning')).toEqual([
      "No file shared: 'logs/deploy.log' is not in the workspace. (if_file_missing is warn.)",
    ]);
  });

  it('fails after the message with if_file_missing: error, and only logs with ignore', async (context) => {
    const simulator = await simulatorFor(context);
    const failed = await run(simulator, { file: 'logs/*.log', if_file_missing: 'error' });
    expect(failed.exitCode).toBe(1);
    expect(simulator.delivered).toHaveLength(1);
    expect(annotations(failed, 'error')).toEqual([
      "No file shared: the glob 'logs/*.log' matches no file in the workspace. (if_file_missing is error.)",
    ]);
    const ignored = await run(simulator, { file: 'logs/*.log', if_file_missing: 'ignore' });
    expect(ignored.exitCode).toBe(0);
    expect(annotations(ignored, 'warning')).toEqual([]);
  });

  it('refuses a file over 10 MiB with its name and size, and still delivers', async (context) => {
    const simulator = await simulatorFor(context);
    const result = await run(simulator, { file: 'big.log' }, { files: { 'big.log': 'x'.repeat(11 * 1024 * 1024) } });
    expect(result.exitCode).toBe(0);
    expect(annotations(result, 'warning')).toEqual(['No file shared: big.log is 11 MiB, over the 10 MiB the action shares.']);
    expect(simulator.events).toEqual([]);
  });

  it('refuses a link that leads out of the workspace, before sending anything', async (context) => {
    const simulator = await simulatorFor(context);
    const result = await run(simulator, { file: 'deploy.log' }, { symlinks: { 'deploy.log': '/proc/self/environ' } });
    expect(result.exitCode).toBe(1);
    expect(annotations(result, 'error')[0]).toContain(
      "Invalid file 'deploy.log': it leads through a symbolic link to a file outside the workspace",
    );
    expect(simulator.requests).toEqual([]);
  });
});

describe('the command line', () => {
  it('takes the same inputs as options, and --dry-run prints every request without the token', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hipchat-cli-'));
    try {
      await writeFile(join(dir, 'deploy.log'), 'done\n');
      const args = [
        ...['--dry-run', '--repository', 'acme/api', '--room', 'Deploys', '--token', TOKEN],
        ...['--reply-to', '0b7e2b47-6d7c-4c3e-9b1e-1d2c3b4a5f60', '--topic', 'live: {{ repository }}', '--file', 'deploy.log'],
      ];
      const { exitCode, stdout, stderr } = await runCli(args, { cwd: dir, env: { GITHUB_WORKSPACE: dir } });
      expect(exitCode, stderr).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).not.toContain(TOKEN);
      expect(JSON.parse(stdout)).toEqual([
        {
          method: 'POST',
          url: 'https://hipchat.example.com/v2/room/Deploys/reply',
          body: {
            parentMessageId: '0b7e2b47-6d7c-4c3e-9b1e-1d2c3b4a5f60',
            message: expect.stringMatching(/^acme\/api: local #1 succeeded/),
          },
        },
        { method: 'PUT', url: 'https://hipchat.example.com/v2/room/Deploys/topic', body: { topic: 'live: acme/api' } },
        {
          method: 'POST',
          url: 'https://hipchat.example.com/v2/room/Deploys/share/file',
          body: { metadata: { message: 'deploy.log from local #1' }, file: { name: 'deploy.log', bytes: 5 } },
        },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the bundle', () => {
  it('keeps the message, reply, topic and file code, and the parser of their inputs, out of dist/index.js, for the runs that do not ask for it', async () => {
    const main = await readFile(ACTION_ENTRY, 'utf8');
    for (const marker of [
      'parentMessageId',
      '/topic',
      'share/file',
      'multipart/related',
      'findWorkspaceFile',
      'function parseRoomInputs',
      'function roomEndpointWords',
    ])
      expect(main).not.toContain(marker);
  });
});

describe('the token', () => {
  it('shows in no log line, output or summary of any run', () => {
    expect(runs.length).toBeGreaterThanOrEqual(20);
    for (const result of runs) expect(leaksOf(result, TOKEN)).toEqual([]);
  });
});
