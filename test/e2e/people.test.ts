// End-to-end: mentioning and messaging people through dist/index.js. The commit's author is found on the simulator
// by commit email or through user_map, mentioned in the room and sent a private message; whoever cannot be found, or
// cannot be messaged, is a warning that never stops the room's notification. Each test has its own simulator.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { exampleEvent, type Payload, runnerEnvFor } from '../fixtures/events.ts';
import { type Simulator, startSimulator } from '../simulator/server.ts';
import { closedAfter } from './per-test.ts';
import { type ActionRun, annotations, leaksOf, type RunOptions, runAction, runCli } from './run-action.ts';

const TOKEN = 'people-Token-4b5c6d7e8f';
const NO_VIEW_GROUP = 'people-no-view-group-1a2b';
const NO_SEND_MESSAGE = 'people-no-send-message-3c4d';
const OCTO = { id: 7, email: 'octo.cat@example.com', mention_name: 'OctoCat', name: 'Octo Cat' };
const MONA = { id: 8, email: 'mona@example.com', mention_name: 'Mona', name: 'Mona Lisa' };
/** A mention as HipChat reads one in a text message: an @ that starts a word, then a name. */
const MENTION_IN_TEXT = /(?<![A-Za-z0-9._-])@[A-Za-z0-9._-]+/g;

const runs: ActionRun[] = [];

function simulatorFor(context: TestContext): Promise<Simulator> {
  return closedAfter(
    context,
    startSimulator({
      rooms: [{ id: 1, name: 'Operations' }],
      users: [OCTO, MONA],
      tokens: [
        { token: TOKEN, scopes: ['send_notification', 'send_message', 'view_group'] },
        { token: NO_VIEW_GROUP, scopes: ['send_notification', 'send_message'] },
        { token: NO_SEND_MESSAGE, scopes: ['send_notification', 'view_group'] },
      ],
    }),
  );
}

/** A push whose head commit is by `author`, pushed by `pusher` (the actor). */
function push(author: Record<string, string>, pusher = 'octocat'): { event: Payload; env: Record<string, string> } {
  const event = exampleEvent('push', (p) => p.head_commit !== null && p.commits.length > 0);
  event.head_commit.author = { name: 'Someone', ...author };
  event.commits = [event.head_commit];
  event.pusher = { name: pusher, email: `${pusher}@users.noreply.github.com` };
  return { event, env: { ...runnerEnvFor('push', event), GITHUB_ACTOR: pusher } };
}

async function run(
  simulator: Simulator,
  { event, env, ...options }: Partial<RunOptions> & { event: Payload; env: Record<string, string> },
): Promise<ActionRun> {
  const result = await runAction({
    event,
    eventName: env.GITHUB_EVENT_NAME,
    jobStatus: 'failure',
    ...options,
    env,
    // No GitHub API here: without its token, a failure's message leaves out what failed, quietly.
    inputs: { room: 'Operations', token: TOKEN, server_url: simulator.url, github_token: '', ...options.inputs },
  });
  runs.push(result);
  return result;
}

/** What the simulator was asked, in order: method, path and status. */
function asked(simulator: Simulator): string[] {
  return simulator.requests.map((request) => `${request.method} ${request.path} ${request.status}`);
}

function results(result: ActionRun): Record<string, unknown>[] {
  return JSON.parse(result.outputs.results ?? '[]');
}

describe.concurrent('the commit author, found', () => {
  it('by commit email on a failing push: @mention_name in the room, and the message privately', async (context) => {
    const simulator = await simulatorFor(context);
    const result = await run(simulator, {
      ...push({ email: 'Octo.Cat@example.com', username: 'octocat' }),
      inputs: { mention: 'author', private_message: 'author' },
    });
    expect(result.exitCode, result.visibleLog).toBe(0);
    expect(asked(simulator)).toEqual([
      'GET /v2/user/Octo.Cat@example.com 200',
      'POST /v2/room/Operations/notification 204',
      'POST /v2/room/Operations/notification 204',
      'POST /v2/user/7/message 204',
    ]);
    const [message, companion] = simulator.deliveredTo('Operations').map((delivered) => delivered.body);
    expect(message).toMatchObject({ message_format: 'html', color: 'red' });
    expect(companion?.message).toMatch(/^@OctoCat Codertocat\/Hello-World: CI #\d+ failed: https:\/\/github.com\//);
    expect(companion?.message.match(MENTION_IN_TEXT)).toEqual(['@OctoCat']);
    const [privately] = simulator.privateMessagesTo('@OctoCat');
    expect(privately).toMatchObject({ message_format: 'text', notify: true });
    expect(privately?.message).toMatch(/^Codertocat\/Hello-World: CI #\d+ failed on master \(\w{7}\) by octocat\n/);
    expect(results(result)).toEqual([
      { room: 'Operations', ok: true, status: 204, attempts: 1 },
      { private_message: 'author', user: '7', ok: true, status: 204, attempts: 1 },
    ]);
    expect(result.outputs.ok).toBe('true');
    expect(result.stdout).toContain(
      "The author 'octocat' (Octo.Cat@example.com) is @OctoCat (user 7) on HipChat, found by GET /v2/user/{id_or_email}.",
    );
    expect(result.stdout).toContain("Sent a private message to author (HipChat user '7').");
    expect(result.summary).toContain('### Private messages');
    expect(result.summary).toContain('| author (7) | ✅ sent | 1 |');
    expect(result.summary).toContain('<pre>@OctoCat Codertocat/Hello-World: CI #');
  });

  it('of a pull request, through user_map by login, with no lookup: the @name leads a text message', async (context) => {
    const simulator = await simulatorFor(context);
    const event = exampleEvent('pull_request', (p) => p.action === 'opened');
    const result = await run(simulator, {
      event,
      env: runnerEnvFor('pull_request', event),
      inputs: { format: 'text', mention: 'author @here', user_map: `${event.pull_request.user.login.toLowerCase()}: "@Mona"` },
    });
    expect(result.exitCode, result.visibleLog).toBe(0);
    expect(asked(simulator)).toEqual(['POST /v2/room/Operations/notification 204']);
    expect(simulator.delivered[0]?.body.message).toMatch(/^@Mona @here Codertocat\/Hello-World: CI #\d+ failed on pull request #2 /);
  });

  it("of a workflow_run's head commit, by its email", async (context) => {
    const simulator = await simulatorFor(context);
    const event = exampleEvent('workflow_run');
    event.workflow_run.head_commit.author.email = 'mona@example.com';
    const result = await run(simulator, { event, env: runnerEnvFor('workflow_run', event), inputs: { mention: 'author' } });
    expect(result.exitCode, result.visibleLog).toBe(0);
    expect(asked(simulator)[0]).toBe('GET /v2/user/mona@example.com 200');
    expect(simulator.delivered[1]?.body.message).toMatch(/^@Mona /);
  });

  it('through user_map to an email, looked up for the mention, or to an id, messaged as it is', async (context) => {
    const simulator = await simulatorFor(context);
    const pushed = push({ email: 'personal@example.org', username: 'octocat' });
    const mentioned = await run(simulator, { ...pushed, inputs: { mention: 'author', user_map: '{"OctoCat": "octo.cat@example.com"}' } });
    expect(mentioned.exitCode, mentioned.visibleLog).toBe(0);
    expect(asked(simulator)[0]).toBe('GET /v2/user/octo.cat@example.com 200');
    expect(simulator.delivered[1]?.body.message).toMatch(/^@OctoCat /);

    simulator.reset();
    const messaged = await run(simulator, { ...pushed, inputs: { private_message: 'author', user_map: 'personal@example.org: 8' } });
    expect(messaged.exitCode, messaged.visibleLog).toBe(0);
    expect(asked(simulator)).toEqual(['POST /v2/room/Operations/notification 204', 'POST /v2/user/8/message 204']);
    expect(simulator.privateMessagesTo('mona@example.com')).toHaveLength(1);
  });

  it('once, however often private_message names them', async (context) => {
    const simulator = await simulatorFor(context);
    const result = await run(simulator, {
      ...push({ email: 'octo.cat@example.com', username: 'octocat' }),
      inputs: { private_message: 'author, actor octo.cat@example.com @octocat\n7 author' },
    });
    expect(result.exitCode, result.visibleLog).toBe(0);
    expect(simulator.privateMessages).toHaveLength(1);
    expect(simulator.requests.filter((request) => request.method === 'GET')).toHaveLength(1);
    expect(results(result)[1]).toEqual({
      private_message: 'author, actor, octo.cat@example.com, @octocat, 7',
      user: '7',
      ok: true,
      status: 204,
      attempts: 1,
    });
  });

  it("past the person's flood control, by waiting for it to reset", async (context) => {
    const simulator = await simulatorFor(context);
    simulator.injectFault({ user: '@OctoCat', fault: { kind: 'rate-limit', scope: 'room', resetInSeconds: 1 } });
    const result = await run(simulator, {
      ...push({ username: 'octocat' }),
      inputs: { private_message: 'author', user_map: 'octocat: 7' },
    });
    expect(result.exitCode, result.visibleLog).toBe(0);
    expect(asked(simulator).slice(-2)).toEqual(['POST /v2/user/7/message 429', 'POST /v2/user/7/message 204']);
    expect(result.stdout).toMatch(
      /HipChat's flood control for the person stopped the private message \(POST \/v2\/user\/\{id_or_email\}\/message\) for user '7' \(HipChat said: 429 Flood control limit exceeded: too many messages sent to this person\)\. It resets at \S+Z\. Sending again in/,
    );
    expect(results(result)[1]).toMatchObject({ ok: true, attempts: 2 });
  });

  it('on the statuses mention_on and private_message_on name, cancelled among them', async (context) => {
    const simulator = await simulatorFor(context);
    const result = await run(simulator, {
      ...push({ email: 'octo.cat@example.com' }),
      jobStatus: 'cancelled',
      inputs: { mention: 'author', private_message: 'author', private_message_on: 'failure, cancelled' },
    });
    expect(result.exitCode).toBe(0);
    expect(asked(simulator)).toEqual([
      'GET /v2/user/octo.cat@example.com 200',
      'POST /v2/room/Operations/notification 204',
      'POST /v2/user/7/message 204',
    ]);
  });
});

describe.concurrent('whoever cannot be found or messaged is a warning, and the room still gets its message', () => {
  it('an email HipChat does not know: the advice names user_map, and the room gets no mention', async (context) => {
    const simulator = await simulatorFor(context);
    const result = await run(simulator, {
      ...push({ email: 'newbie@example.com', username: 'newbie' }),
      inputs: { mention: 'author', private_message: 'author' },
    });
    expect(result.exitCode).toBe(0);
    expect(annotations(result, 'warning')).toEqual([
      "HipChat has no user with the commit email of the author 'newbie' (newbie@example.com) (HipChat said: 404 User newbie@example.com not found). So they are not mentioned and get no private message. Add them to user_map, e.g. 'newbie: their.email@example.com' or 'newbie: \"@TheirMentionName\"'.",
    ]);
    expect(result.stdout).toContain('::warning title=Person not found on HipChat::');
    expect(asked(simulator)).toEqual(['GET /v2/user/newbie@example.com 404', 'POST /v2/room/Operations/notification 204']);
    expect(results(result)[1]).toMatchObject({ private_message: 'author', ok: false, status: 0, attempts: 0 });
    expect(result.outputs.ok).toBe('true');
    expect(result.summary).toContain('| author | ❌ HipChat has no user with the commit email of the author');
  });

  it('a noreply commit email, which is never looked up', async (context) => {
    const simulator = await simulatorFor(context);
    const result = await run(simulator, {
      ...push({ email: '583231+octocat@users.noreply.github.com', username: 'octocat' }),
      inputs: { mention: 'author' },
    });
    expect(result.exitCode).toBe(0);
    expect(asked(simulator)).toEqual(['POST /v2/room/Operations/notification 204']);
    expect(annotations(result, 'warning')[0]).toBe(
      "The author 'octocat' (583231+octocat@users.noreply.github.com) is not in user_map, and their commit email is GitHub's noreply address, which no HipChat user has. So they are not mentioned. Add them to user_map, e.g. 'octocat: their.email@example.com' or 'octocat: \"@TheirMentionName\"'.",
    );
  });

  it('a token without view_group: the advice names the scope, and an @name in user_map needs none', async (context) => {
    const simulator = await simulatorFor(context);
    const pushed = push({ email: 'octo.cat@example.com', username: 'octocat' });
    const refused = await run(simulator, { ...pushed, inputs: { token: NO_VIEW_GROUP, mention: 'author', private_message: 'author' } });
    expect(refused.exitCode).toBe(0);
    expect(annotations(refused, 'warning')).toEqual([
      "Could not look up the author 'octocat' (octo.cat@example.com) on HipChat: The token may not look up user 'octo.cat@example.com' with GET /v2/user/{id_or_email} (HipChat said: 403 This action requires one of the following scopes: [u'view_group']): it needs the view_group scope to find people by email; or give each person in user_map as an @mention name, which needs no lookup. So they are not mentioned and get no private message.",
    ]);
    expect(simulator.delivered).toHaveLength(1);

    simulator.reset();
    const mapped = await run(simulator, {
      ...pushed,
      inputs: { token: NO_VIEW_GROUP, mention: 'author', user_map: 'octocat: "@OctoCat"' },
    });
    expect(annotations(mapped, 'warning')).toEqual([]);
    expect(simulator.delivered[1]?.body.message).toMatch(/^@OctoCat /);
  });

  it('a private message to a user HipChat does not know, or with a token without send_message', async (context) => {
    const simulator = await simulatorFor(context);
    const pushed = push({ email: 'octo.cat@example.com' });
    const unknown = await run(simulator, { ...pushed, inputs: { private_message: 'nobody@example.com, @Mona' } });
    expect(unknown.exitCode).toBe(0);
    expect(annotations(unknown, 'warning')).toEqual([
      `HipChat at ${simulator.url} has no user 'nobody@example.com' (HipChat said: 404 User nobody@example.com not found): check the email, @mention name or id given in private_message or user_map. So no private message went to nobody@example.com.`,
    ]);
    expect(unknown.stdout).toContain('::warning title=Private message not sent::');
    expect(results(unknown).slice(1)).toEqual([
      expect.objectContaining({ private_message: 'nobody@example.com', ok: false, status: 404, attempts: 1 }),
      { private_message: '@Mona', user: '@Mona', ok: true, status: 204, attempts: 1 },
    ]);
    expect(simulator.delivered).toHaveLength(1);
    expect(unknown.summary).toContain('| nobody@example.com (nobody@example.com) | ❌ HipChat at');

    simulator.reset();
    const forbidden = await run(simulator, { ...pushed, inputs: { token: NO_SEND_MESSAGE, private_message: 'author' } });
    expect(forbidden.exitCode).toBe(0);
    expect(annotations(forbidden, 'warning')[0]).toMatch(
      /^The token may not send user '7' a private message with POST \/v2\/user\/\{id_or_email\}\/message \(HipChat said: 403 .*\[u'send_message'\]\): it needs the send_message scope/,
    );
    expect(simulator.delivered).toHaveLength(1);
  });
});

describe.concurrent('a hostile author', () => {
  const HOSTILE = '@all <img src=x onerror=alert(1)> @here';

  it.for(['html', 'text', 'card'])('adds no markup and no mention but their own, in %s', async (format, context) => {
    const simulator = await simulatorFor(context);
    const result = await run(simulator, {
      ...push({ name: HOSTILE, username: HOSTILE, email: 'octo.cat@example.com' }, 'octocat'),
      inputs: { format, mention: 'author', private_message: 'author', template: '' },
    });
    expect(result.exitCode, result.visibleLog).toBe(0);
    const sent = simulator.delivered.map((delivered) => delivered.body);
    const text = sent.find((body) => body.message_format === 'text');
    expect(text?.message.match(MENTION_IN_TEXT)).toEqual(['@OctoCat']);
    // Text is shown as typed; only html (a card's included) could carry markup.
    for (const body of sent.filter((sentBody) => sentBody.message_format !== 'text')) expect(JSON.stringify(body)).not.toContain('<img');
    expect(simulator.privateMessages[0]?.message.match(MENTION_IN_TEXT)).toBeNull();
  });

  it('with an email made to reach another path is looked up as one user, and found nowhere', async (context) => {
    const simulator = await simulatorFor(context);
    const email = '../../room/Operations/notification?auth_token=x#@example.com';
    const result = await run(simulator, { ...push({ email, username: 'evil' }), inputs: { mention: 'author', private_message: 'author' } });
    expect(result.exitCode).toBe(0);
    expect(asked(simulator)).toEqual([
      'GET /v2/user/..%2F..%2Froom%2FOperations%2Fnotification%3Fauth_token%3Dx%23@example.com 404',
      'POST /v2/room/Operations/notification 204',
    ]);
    expect(simulator.requests[0]?.user).toBe(email);
    expect(annotations(result, 'warning')[0]).toMatch(/^HipChat has no user with the commit email of the author 'evil'/);
  });

  it('with an email that is no address is not looked up, and cannot end the warning early', async (context) => {
    const simulator = await simulatorFor(context);
    const email = 'x@example.com\n::error::injected\n@all';
    const result = await run(simulator, { ...push({ email, username: 'evil' }), inputs: { mention: 'author' } });
    expect(result.exitCode).toBe(0);
    expect(asked(simulator)).toEqual(['POST /v2/room/Operations/notification 204']);
    expect(annotations(result, 'error')).toEqual([]);
    expect(annotations(result, 'warning')[0]).toContain('their commit email is not an address HipChat could look up');
  });
});

describe.concurrent('nothing of this', () => {
  it('runs on a status no input names people on: no lookup, no private message', async (context) => {
    const simulator = await simulatorFor(context);
    const result = await run(simulator, {
      ...push({ email: 'octo.cat@example.com' }),
      jobStatus: 'success',
      inputs: { mention: 'author', private_message: 'author, @Mona', user_map: 'octocat: "@OctoCat"' },
    });
    expect(result.exitCode).toBe(0);
    expect(asked(simulator)).toEqual(['POST /v2/room/Operations/notification 204']);
    expect(results(result)).toHaveLength(1);
    expect(result.summary).not.toContain('Private messages');
  });

  it('is asked of HipChat in a dry run: whom user_map names is mentioned, nobody is looked up or messaged', async (context) => {
    const simulator = await simulatorFor(context);
    const result = await run(simulator, {
      ...push({ email: 'octo.cat@example.com', username: 'octocat' }, 'mona'),
      inputs: { dry_run: 'true', format: 'text', mention: 'author actor', private_message: 'author actor', user_map: 'mona: "@Mona"' },
    });
    expect(result.exitCode, result.visibleLog).toBe(0);
    expect(simulator.requests).toHaveLength(0);
    expect(JSON.parse(result.outputs.payload ?? '{}').message).toMatch(/^@Mona Codertocat\/Hello-World: CI #\d+ failed/);
    expect(result.stdout).toContain("Dry run: the author 'octocat' (octo.cat@example.com) would be looked up on HipChat");
  });

  it('lets a bad private_message or user_map pass: the step fails before anything is sent, naming the input', async (context) => {
    const simulator = await simulatorFor(context);
    const pushed = push({ email: 'octo.cat@example.com' });
    const badEntry = await run(simulator, { ...pushed, jobStatus: 'success', inputs: { private_message: 'octocat' } });
    expect(annotations(badEntry, 'error')).toEqual([
      "Invalid private_message 'octocat': expected author, actor, or a HipChat user's email (ann@example.com), @mention name (@Ann) or numeric id.",
    ]);
    const badMap = await run(simulator, { ...pushed, jobStatus: 'success', inputs: { user_map: 'mona: Mona' } });
    expect(annotations(badMap, 'error')[0]).toMatch(/^Invalid user_map value for 'mona': "Mona" is not a HipChat user/);
    expect(simulator.requests).toHaveLength(0);
  });

  it('is in the bundle a run loads: the people lookup, user_map, private messages and text form are chunks of their own', async () => {
    const dist = new URL('../../dist/', import.meta.url);
    const markers = {
      lookup: 'is not in user_map, and',
      userMap: 'is given twice (logins and emails ignore case)',
      privateMessages: 'So no private message went to',
      summary: 'Text of the private message',
      viewUser: 'the user lookup (GET /v2/user/{id_or_email})',
      privateMessage: 'a room notification token cannot send private messages',
      textForm: '(p|div|ul|ol|tr|table|pre|h[1-6])',
    };
    const main = await readFile(new URL('index.js', dist), 'utf8');
    const chunks = (await readdir(dist)).filter((name) => /^\d+\.index\.js$/.test(name));
    // The set-up check's chunk carries its own copy of what it asks of people: no sending run loads it.
    const texts = (await Promise.all(chunks.map((name) => readFile(new URL(name, dist), 'utf8')))).filter(
      (text) => !text.includes('HipChat set-up check'),
    );
    for (const [name, marker] of Object.entries(markers)) {
      expect(main.includes(marker), name).toBe(false);
      expect(texts.filter((text) => text.includes(marker)).length, name).toBe(1);
    }
  });
});

describe('the command line', () => {
  it('takes --mention, --private-message and --user-map, and --dry-run reads user_map alone', async (context) => {
    const simulator = await simulatorFor(context);
    const dir = await mkdtemp(join(tmpdir(), 'hipchat-notify-people-cli-'));
    context.onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const { event } = push({ email: 'octo.cat@example.com', username: 'octocat' }, 'mona');
    event.sender.login = 'mona';
    await writeFile(join(dir, 'push.json'), JSON.stringify(event));
    const cli = (args: string[]) =>
      runCli(['--event', 'push.json', '--status', 'failure', ...args], { cwd: dir, env: { HOME: dir, HIPCHAT_TOKEN: TOKEN } });
    const people = ['--mention', 'author actor', '--private-message', 'author actor', '--user-map', 'mona: "@Mona"', '--format', 'text'];

    const dryRun = await cli([...people, '--dry-run']);
    expect(dryRun.exitCode, dryRun.stderr).toBe(0);
    expect(simulator.requests).toHaveLength(0);
    const planned = JSON.parse(dryRun.stdout) as { method: string; url: string; body: { message: string } }[];
    expect(planned.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual([
      'POST /v2/room/dry-run/notification',
      'POST /v2/user/@Mona/message',
    ]);
    expect(planned[0]?.body.message).toMatch(/^@Mona Codertocat\/Hello-World: local #1 failed/);
    expect(dryRun.stderr).toContain("Dry run: the author 'octocat' (octo.cat@example.com) would be looked up on HipChat");

    const sent = await cli([...people, '--server-url', simulator.url, '--room', 'Operations']);
    expect(sent.exitCode, sent.stderr).toBe(0);
    expect(simulator.delivered[0]?.body.message).toMatch(/^@OctoCat @Mona Codertocat\/Hello-World: local #1 failed/);
    expect(simulator.privateMessagesTo(7)).toHaveLength(1);
    expect(simulator.privateMessagesTo('@Mona')).toHaveLength(1);
    expect(JSON.parse((JSON.parse(sent.stdout) as { results: string }).results)).toHaveLength(3);
    expect(sent.stdout + sent.stderr).not.toContain(TOKEN);
  });
});

describe('the token', () => {
  it('shows in no log line, output or summary of any run', () => {
    expect(runs.length).toBeGreaterThanOrEqual(20);
    expect(runs.filter((result) => annotations(result, 'warning').length > 0).length).toBeGreaterThanOrEqual(6);
    for (const result of runs) {
      for (const token of [TOKEN, NO_VIEW_GROUP, NO_SEND_MESSAGE]) expect(leaksOf(result, token)).toEqual([]);
    }
  });
});
