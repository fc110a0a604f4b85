import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from './server.ts';
import { limitHeaders, manualClock, postNotification, postV1Message, T0, T0_SECONDS } from './test-helpers.ts';

let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator({
    rooms: [
      { id: 1, name: 'Operations' },
      { id: 2, name: 'Dev Ops' },
    ],
    tokens: [{ token: 'v2-token' }, { token: 'v1-token', version: 'v1' }],
    rateLimit: { limit: 2, windowSeconds: 300 },
    now: manualClock(T0).now,
  });
});
afterEach(() => sim.close());

const message = { room_id: 'Dev Ops', from: 'CI', message: 'Build <b>ok</b>', auth_token: 'v1-token' };

describe('POST /v1/rooms/message', () => {
  it('answers 200 {"status":"sent"} with the rate-limit headers, and records a v2-shaped delivery', async () => {
    const response = await postV1Message(sim, { ...message, message_format: 'text', notify: '1', color: 'green' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ status: 'sent' });
    expect(limitHeaders(response)).toMatchObject({ 'x-ratelimit-remaining': '1', 'x-floodcontrol-limit': null });
    expect(sim.deliveredTo('Dev Ops')).toEqual([
      {
        room: { id: 2, name: 'Dev Ops' },
        body: { message: 'Build <b>ok</b>', message_format: 'text', color: 'green', notify: true, from: 'CI' },
        at: T0,
      },
    ]);
  });

  it('applies the documented defaults: html, yellow, notify 0', async () => {
    await postV1Message(sim, { ...message, room_id: '1' });
    expect(sim.deliveredTo('Operations')[0]?.body).toMatchObject({ message_format: 'html', color: 'yellow', notify: false });
  });

  it('takes the token from the query as well, and masks it wherever it was in the record', async () => {
    const { auth_token, ...fields } = message;
    expect((await postV1Message(sim, fields, `format=json&auth_token=${auth_token}`)).status).toBe(200);
    expect((await postV1Message(sim, message)).status).toBe(200);
    const [fromQuery, fromBody] = sim.requests;
    expect(fromQuery?.query).toEqual({ format: 'json', auth_token: '***' });
    expect(fromBody?.rawBody).toBe('room_id=Dev+Ops&from=CI&message=Build+%3Cb%3Eok%3C%2Fb%3E&auth_token=***');
    expect(fromBody?.body).toMatchObject({ auth_token: '***', room_id: 'Dev Ops' });
    expect(fromBody?.room).toBe('Dev Ops');
    for (const { tokenUsed, ...record } of sim.requests) {
      expect(tokenUsed).toBe('v1-token');
      expect(JSON.stringify(record)).not.toContain('v1-token');
    }
  });

  it('401s a missing, unknown or v2 token with slashes escaped as v1 wrote them', async () => {
    for (const token of [undefined, 'nope', 'v2-token']) {
      const { auth_token: _, ...fields } = message;
      const response = await postV1Message(sim, token === undefined ? fields : { ...fields, auth_token: token });
      expect(response.status).toBe(401);
      expect(await response.text()).toBe(
        '{"error":{"code":401,"message":"Auth token invalid. Please see: https:\\/\\/www.hipchat.com\\/docs\\/api\\/auth","type":"Unauthorized"}}',
      );
    }
    expect(sim.delivered).toEqual([]);
  });

  it('does not take a v1 token on v2', async () => {
    const response = await postNotification(sim, 'Operations', { message: 'hi' }, { token: 'v1-token' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { message: 'Invalid OAuth session' } });
  });

  it.each([
    [{ from: '' }, 400, 'From name must be between 1 and 15 characters.'],
    [{ from: 'GitHub Actions CI' }, 400, 'From name must be between 1 and 15 characters.'],
    [{ from: 'Équipe_日本-CI 1' }, 200, undefined],
    [{ from: 'CI!' }, 400, 'From name may only contain letters, numbers, -, _, and spaces.'],
    [{ room_id: '' }, 400, 'Room ID is required.'],
    [{ room_id: 'dev ops' }, 404, 'Room not found'],
    [{ message: '' }, 400, 'Message must be between 1 and 10000 characters.'],
    [{ message: 'x'.repeat(10_001) }, 400, 'Message must be between 1 and 10000 characters.'],
    [{ notify: 'true' }, 400, "Invalid notify 'true': expected 0, 1."],
    [{ color: 'grey' }, 400, "Invalid color 'grey': expected yellow, green, red, purple, gray, random."],
    [{ message_format: 'markdown' }, 400, "Invalid message_format 'markdown': expected html, text."],
  ])('%j -> %i %s', async (change, status, error) => {
    const response = await postV1Message(sim, { ...message, ...change });
    expect(response.status).toBe(status);
    if (error) expect(await response.json()).toMatchObject({ error: { code: status, message: error } });
  });

  it('answers 403, v1 style, when the token budget is used up, and counts nothing more', async () => {
    await postV1Message(sim, message);
    await postV1Message(sim, message);
    const refused = await postV1Message(sim, message);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toBe(
      '{"error":{"code":403,"message":"Rate limit exceeded. Please see: https:\\/\\/www.hipchat.com\\/docs\\/api\\/rate_limiting","type":"Forbidden"}}',
    );
    expect(limitHeaders(refused)).toMatchObject({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(T0_SECONDS + 300) });
    expect(sim.delivered).toHaveLength(2);
  });

  it('answers rate-limit faults with 403 and the reset, and status faults as given', async () => {
    sim.injectFault({ fault: { kind: 'rate-limit', scope: 'token', resetInSeconds: 7 } });
    sim.injectFault({ fault: { kind: 'status', status: 503 }, room: 'Dev Ops' });
    const limited = await postV1Message(sim, message);
    expect(limited.status).toBe(403);
    expect(limitHeaders(limited)).toMatchObject({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(T0_SECONDS + 7) });
    expect((await postV1Message(sim, message)).status).toBe(503);
    expect((await postV1Message(sim, message)).status).toBe(200);
  });

  it('405s another method', async () => {
    const response = await fetch(`${sim.url}/v1/rooms/message`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});
