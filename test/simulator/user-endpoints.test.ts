// The simulator's people: looking one up by id, email or @mention name, private messages, their scopes, errors
// and each person's flood control.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from './server.ts';
import { manualClock, postNotification, T0, T0_SECONDS } from './test-helpers.ts';

const OCTO = { id: 7, email: 'octo.cat@example.com', mention_name: 'OctoCat', name: 'Octo Cat' };
const MONA = { id: 8, email: 'mona@example.com', mention_name: 'Mona', name: 'Mona Lisa' };

let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator({
    users: [OCTO, MONA],
    tokens: [
      { token: 'sim-token', scopes: ['send_notification', 'send_message', 'view_group'] },
      { token: 'notifier', scopes: ['send_notification'] },
      { token: 'room-token', room: 'Operations' },
      { token: 'viewer', scopes: ['view_group'] },
    ],
    now: manualClock(T0).now,
    floodControl: { limit: 2, windowSeconds: 60 },
  });
});
afterEach(async () => {
  await sim.close();
});

function view(segment: string, token: string | null = 'sim-token'): Promise<Response> {
  return fetch(`${sim.url}/v2/user/${segment}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
}

function message(segment: string, body: unknown, token = 'sim-token', contentType = 'application/json'): Promise<Response> {
  return fetch(`${sim.url}/v2/user/${segment}/message`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('GET /v2/user/{id_or_email}', () => {
  it.each([
    ['an email', 'octo.cat@example.com'],
    ['an email in another case, with its @ escaped', 'Octo.Cat%40Example.com'],
    ['a numeric id', '7'],
    ['an @mention name in another case', '@octocat'],
  ])('finds a user by %s: 200 with id, name, mention_name and email', async (_, segment) => {
    const response = await view(segment);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ...OCTO, links: { self: `${sim.url}/v2/user/7` } });
    expect(response.headers.get('x-ratelimit-remaining')).toBe('99');
    // A lookup sends no message: no flood control.
    expect(response.headers.get('x-floodcontrol-limit')).toBeNull();
    expect(sim.requests.at(-1)?.user).toBe(decodeURIComponent(segment));
  });

  it('answers 404 naming the user for nobody by that id, email or name', async () => {
    for (const segment of ['nobody@example.com', '99', '@Nobody']) {
      const response = await view(segment);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: { code: 404, message: `User ${segment} not found`, type: 'Not Found' } });
    }
  });

  it('needs view_group: 403 for a token without it, a room notification token included; 401 without a token', async () => {
    for (const token of ['notifier', 'room-token']) {
      const refused = await view('octo.cat@example.com', token);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({
        error: { message: "This action requires one of the following scopes: [u'view_group']" },
      });
    }
    expect((await view('octo.cat@example.com', 'viewer')).status).toBe(200);
    expect((await view('octo.cat@example.com', null)).status).toBe(401);
  });

  it('refuses a malformed escape, and any method but GET', async () => {
    const malformed = await view('octo%E0%A4%A');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { field: 'id_or_email' } });
    const posted = await fetch(`${sim.url}/v2/user/7`, { method: 'POST', headers: { authorization: 'Bearer sim-token' } });
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET');
  });
});

describe('POST /v2/user/{id_or_email}/message', () => {
  it('answers 204 and records the message for the person, text by default', async () => {
    const response = await message('@Mona', { message: 'CI failed: https://ci.example.com/1' });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(sim.privateMessagesTo('mona@example.com')).toEqual([
      { user: MONA, message: 'CI failed: https://ci.example.com/1', message_format: 'text', notify: false, at: T0 },
    ]);
    expect(sim.privateMessagesTo(7)).toEqual([]);
    expect(sim.delivered).toEqual([]);
    expect(() => sim.privateMessagesTo('nobody@example.com')).toThrow('The simulator has no user nobody@example.com');
  });

  it('validates the body as a notification is validated', async () => {
    const cases: [unknown, string, string][] = [
      [{}, 'application/json', "Required field 'message' is missing"],
      [{ message: '' }, 'application/json', 'must be greater than or equal to 1'],
      [{ message: 'x'.repeat(10_001) }, 'application/json', 'must be less than or equal to 10000'],
      [{ message: 'x', notify: 'true' }, 'application/json', "for field 'notify' is not of type 'boolean'"],
      [{ message: 'x', message_format: 'markdown' }, 'application/json', 'is not in the enumeration'],
      [{ message: '<script>x</script>', message_format: 'html' }, 'application/json', 'tag <script> is not allowed'],
      ['message=x', 'application/x-www-form-urlencoded', 'Invalid content type'],
    ];
    for (const [body, contentType, said] of cases) {
      const response = await message('7', body, 'sim-token', contentType);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(said);
    }
    expect(sim.privateMessages).toEqual([]);
  });

  it('needs send_message, and answers 404 for an unknown user', async () => {
    const refused = await message('7', { message: 'x' }, 'notifier');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      error: { message: "This action requires one of the following scopes: [u'send_message']" },
    });
    const unknown = await message('nobody@example.com', { message: 'x' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { message: 'User nobody@example.com not found' } });
  });

  it("counts against the person's own flood control, apart from other people's and the rooms'", async () => {
    expect((await message('7', { message: '1' })).headers.get('x-floodcontrol-remaining')).toBe('1');
    expect((await message('octo.cat@example.com', { message: '2' })).status).toBe(204);
    const refused = await message('@OctoCat', { message: '3' });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({
      error: { code: 429, message: 'Flood control limit exceeded: too many messages sent to this person', type: 'Too Many Requests' },
    });
    expect(refused.headers.get('x-floodcontrol-remaining')).toBe('0');
    expect(refused.headers.get('x-floodcontrol-reset')).toBe(String(T0_SECONDS + 60));
    expect((await message('8', { message: 'to Mona' })).status).toBe(204);
    expect((await postNotification(sim, 'Operations', { message: 'room' })).headers.get('x-floodcontrol-remaining')).toBe('1');
    expect(sim.privateMessagesTo(7).map((sent) => sent.message)).toEqual(['1', '2']);
  });

  it("takes faults aimed at one person, by any of the person's names", async () => {
    sim.injectFault({ user: '@OctoCat', fault: { kind: 'rate-limit', scope: 'room', resetInSeconds: 5 } });
    expect((await message('8', { message: 'x' })).status).toBe(204);
    const limited = await message('octo.cat@example.com', { message: 'x' });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({
      error: { message: 'Flood control limit exceeded: too many messages sent to this person' },
    });
    expect(limited.headers.get('x-floodcontrol-reset')).toBe(String(T0_SECONDS + 5));
    expect((await message('octo.cat@example.com', { message: 'x' })).status).toBe(204);
  });
});

describe('users', () => {
  it('must differ in id, email and mention name, whatever the case', async () => {
    await expect(startSimulator({ users: [OCTO, { ...MONA, email: 'OCTO.CAT@example.com' }] })).rejects.toThrow(
      'Duplicate user email octo.cat@example.com',
    );
    await expect(startSimulator({ users: [OCTO, { ...MONA, mention_name: 'octocat' }] })).rejects.toThrow(
      'Duplicate user mention_name octocat',
    );
    await expect(startSimulator({ users: [OCTO, { ...MONA, id: 7 }] })).rejects.toThrow('Duplicate user id 7');
  });

  it('are cleared of their messages by reset()', async () => {
    await message('7', { message: 'x' });
    sim.reset();
    expect(sim.privateMessages).toEqual([]);
  });
});
