import { readFileSync } from 'node:fs';
import { Agent as HttpAgent, get as httpGet } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RecordedRequest, type Simulator, startSimulator } from './server.ts';
import { limitHeaders, manualClock, postNotification, T0, T0_SECONDS, UNTOUCHED_HEADERS } from './test-helpers.ts';

const ROOMS = [
  { id: 1, name: 'Operations' },
  { id: 2, name: 'Dev Ops' },
  { id: 3, name: 'a/b' },
  { id: 4, name: 'c#d' },
  { id: 5, name: 'e?f' },
  { id: 6, name: '100%' },
  { id: 7, name: 'Café' },
  { id: 8, name: '日本' },
];

const TOKENS = [
  { token: 'sim-token' },
  { token: 'addon-token', kind: 'addon' as const },
  { token: 'viewer-token', scopes: ['view_room'] },
  { token: 'room-token', room: 'Dev Ops' },
];

/** Headers of a request that was counted once and posted one message, at T0. */
const FIRST_REQUEST_HEADERS = {
  'x-ratelimit-limit': '100',
  'x-ratelimit-remaining': '99',
  'x-ratelimit-reset': String(T0_SECONDS + 300),
  'x-floodcontrol-limit': '30',
  'x-floodcontrol-remaining': '29',
  'x-floodcontrol-reset': String(T0_SECONDS + 60),
};

let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator({ rooms: ROOMS, tokens: TOKENS, now: manualClock(T0).now });
});
afterEach(async () => {
  await sim.close();
});

describe('sending a notification', () => {
  it('answers 204 with an empty body and all six limit headers, and records the delivery', async () => {
    const response = await postNotification(sim, 'Operations', { message: 'Build #12 passed', color: 'green' });

    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(response.headers.get('content-type')).toBeNull();
    expect(limitHeaders(response)).toEqual(FIRST_REQUEST_HEADERS);
    expect(sim.delivered).toEqual([{ room: { id: 1, name: 'Operations' }, body: { message: 'Build #12 passed', color: 'green' }, at: T0 }]);
    expect(sim.deliveredTo('Operations')).toHaveLength(1);
    expect(sim.deliveredTo(1)).toHaveLength(1);
    expect(sim.deliveredTo('Dev Ops')).toEqual([]);
  });

  it('ignores unknown top-level keys, as clients that send room_id or token relied on', async () => {
    const response = await postNotification(sim, 'Operations', { message: 'hi', room_id: 1, token: 'x' });
    expect(response.status).toBe(204);
  });

  it('refuses to look up deliveries for a room it does not have', () => {
    expect(() => sim.deliveredTo('Nope')).toThrow('The simulator has no room Nope');
  });
});

describe('authentication', () => {
  it('accepts the token in the Authorization header', async () => {
    const response = await postNotification(sim, 'Operations', { message: 'hi' }, { via: 'header' });
    expect(response.status).toBe(204);
    expect(sim.requests[0]?.tokenUsed).toBe('sim-token');
    expect(sim.requests[0]?.headers.authorization).toBe('Bearer ***');
  });

  it('accepts the token as ?auth_token=', async () => {
    const response = await postNotification(sim, 'Operations', { message: 'hi' }, { via: 'query' });
    expect(response.status).toBe(204);
    expect(sim.requests[0]?.tokenUsed).toBe('sim-token');
    expect(sim.requests[0]?.query).toEqual({ auth_token: '***' });
  });

  it('prefers the header when both are given', async () => {
    const response = await fetch(`${sim.url}/v2/room/Operations/notification?auth_token=wrong`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sim-token', 'Content-Type': 'application/json' },
      body: JSON.stringify({ message: 'hi' }),
    });
    expect(response.status).toBe(204);
  });

  it('401s a request without a token, with the default, untouched limit headers', async () => {
    const response = await postNotification(sim, 'Operations', { message: 'hi' }, { token: null });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: {
        code: 401,
        message: 'Authenticated requests only. See https://www.hipchat.com/docs/apiv2/auth for more information.',
        type: 'Unauthorized',
      },
    });
    expect(limitHeaders(response)).toEqual(UNTOUCHED_HEADERS);
  });

  it('401s an unknown token', async () => {
    const response = await postNotification(sim, 'Operations', { message: 'hi' }, { token: 'v1-admin-token' });
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('{"error":{"code":401,"message":"Invalid OAuth session","type":"Unauthorized"}}');
    expect(limitHeaders(response)).toEqual(UNTOUCHED_HEADERS);
  });

  it('403s a token without the send_notification scope', async () => {
    const response = await postNotification(sim, 'Operations', { message: 'hi' }, { token: 'viewer-token' });
    expect(response.status).toBe(403);
    expect(await response.text()).toBe(
      `{"error":{"code":403,"message":"This action requires one of the following scopes: [u'send_notification']","type":"Forbidden"}}`,
    );
  });

  it('403s a room notification token used on another room, and accepts it on its own room', async () => {
    const elsewhere = await postNotification(sim, 'Operations', { message: 'hi' }, { token: 'room-token' });
    expect(elsewhere.status).toBe(403);
    expect(await elsewhere.json()).toEqual({
      error: {
        code: 403,
        message: 'Token is not valid for room Operations: it is bound to room Dev Ops',
        type: 'Forbidden',
      },
    });

    const own = await postNotification(sim, 'Dev%20Ops', { message: 'hi' }, { token: 'room-token' });
    expect(own.status).toBe(204);
    expect(sim.deliveredTo('Dev Ops')).toHaveLength(1);
  });

  it('checks auth before the room and the body', async () => {
    const unknownRoom = await postNotification(sim, 'Nowhere', { message: 'hi' }, { token: null });
    expect(unknownRoom.status).toBe(401);
    const badBody = await postNotification(sim, 'Operations', null, { token: null, rawBody: '{oops' });
    expect(badBody.status).toBe(401);
  });

  it('gives add-on tokens a default budget of 500', async () => {
    const response = await postNotification(sim, 'Operations', { message: 'hi' }, { token: 'addon-token' });
    expect(response.headers.get('x-ratelimit-limit')).toBe('500');
    expect(response.headers.get('x-ratelimit-remaining')).toBe('499');
  });
});

describe('room addressing', () => {
  it('finds a room by numeric id', async () => {
    const response = await postNotification(sim, '2', { message: 'hi' });
    expect(response.status).toBe(204);
    expect(sim.delivered[0]?.room).toEqual({ id: 2, name: 'Dev Ops' });
  });

  it.each(ROOMS.map((room) => [room.name, room.id] as const))('finds %j from its encodeURIComponent form', async (name, id) => {
    const response = await postNotification(sim, encodeURIComponent(name), { message: 'hi' });
    expect(response.status).toBe(204);
    expect(sim.delivered.map((notification) => notification.room.id)).toEqual([id]);
    expect(sim.requests[0]?.room).toBe(name);
  });

  it('treats + literally, so Dev+Ops is an unknown room', async () => {
    const response = await postNotification(sim, 'Dev+Ops', { message: 'hi' });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('{"error":{"code":404,"message":"Room Dev+Ops not found","type":"Not Found"}}');
    expect(sim.delivered).toEqual([]);
  });

  it('matches names case-sensitively', async () => {
    const response = await postNotification(sim, 'operations', { message: 'hi' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 404, message: 'Room operations not found', type: 'Not Found' },
    });
  });

  it('404s an unknown room id', async () => {
    const response = await postNotification(sim, '99', { message: 'hi' });
    expect(await response.json()).toEqual({ error: { code: 404, message: 'Room 99 not found', type: 'Not Found' } });
  });

  it.each(['%E9', '%zz', 'Caf%C3'])('400s the malformed escape %s', async (segment) => {
    const response = await postNotification(sim, segment, { message: 'hi' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: 400,
        field: 'id_or_name',
        message: 'Invalid percent-encoding in room id_or_name',
        type: 'Bad Request',
      },
    });
  });

  it('400s a room name longer than 100 characters', async () => {
    const name = 'é'.repeat(101);
    const response = await postNotification(sim, encodeURIComponent(name), { message: 'hi' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: 400,
        description: 'Valid length range: 1 - 100.',
        field: 'id_or_name',
        message: `Length of value u'${'\\xe9'.repeat(101)}' for field 'id_or_name' must be less than or equal to 100`,
        type: 'Bad Request',
        validation: 'maxLength',
        value: name,
      },
    });
  });

  it('accepts a 100-character name as far as the length check (then 404s it)', async () => {
    const response = await postNotification(sim, encodeURIComponent('é'.repeat(100)), { message: 'hi' });
    expect(response.status).toBe(404);
  });

  it('400s an empty room segment', async () => {
    const response = await postNotification(sim, '', { message: 'hi' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { field: 'id_or_name', validation: 'minLength', value: '' },
    });
  });
});

describe('content type and body', () => {
  it('400s a non-JSON content type', async () => {
    const response = await postNotification(sim, 'Operations', { message: 'hi' }, { contentType: 'text/plain' });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('{"error":{"code":400,"message":"Invalid content type","type":"Bad Request"}}');
    expect(limitHeaders(response)).toEqual({ ...UNTOUCHED_HEADERS, 'x-ratelimit-remaining': '99' });
  });

  it('400s a missing content type', async () => {
    const response = await postNotification(sim, 'Operations', { message: 'hi' }, { contentType: null });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: 400, message: 'Invalid content type', type: 'Bad Request' },
    });
  });

  it('accepts parameters on the JSON content type', async () => {
    const response = await postNotification(sim, 'Operations', { message: 'hi' }, { contentType: 'application/json; charset=utf-8' });
    expect(response.status).toBe(204);
  });

  it('400s a form body but records its fields', async () => {
    const response = await postNotification(sim, 'Operations', null, {
      contentType: 'application/x-www-form-urlencoded',
      rawBody: 'message=hi&notify=true',
    });
    expect(response.status).toBe(400);
    expect(sim.requests[0]?.body).toEqual({ message: 'hi', notify: 'true' });
  });

  it('400s unparseable JSON', async () => {
    const response = await postNotification(sim, 'Operations', null, { rawBody: '{"message": ' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: 400, message: 'Request body is not valid JSON', type: 'Bad Request' },
    });
  });

  it.each([['[]'], ['"hi"'], ['null'], ['42']])('400s the non-object body %s', async (rawBody) => {
    const response = await postNotification(sim, 'Operations', null, { rawBody });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: 400, message: 'Request body must be a JSON object', type: 'Bad Request' },
    });
  });
});

describe('auth_test', () => {
  it('answers 202 with the success envelope and delivers nothing, whatever the body', async () => {
    const response = await postNotification(sim, 'Operations', null, { query: 'auth_test=true', rawBody: 'junk' });
    expect(response.status).toBe(202);
    expect(await response.text()).toBe(
      '{"success":{"code":202,"type":"Accepted","message":"This auth_token has access to use this method."}}',
    );
    expect(response.headers.get('x-ratelimit-remaining')).toBe('99');
    expect(sim.delivered).toEqual([]);
  });

  it('401s an invalid token', async () => {
    const response = await postNotification(sim, 'Operations', null, { query: 'auth_test=true', token: 'nope' });
    expect(response.status).toBe(401);
  });

  it('still reports an unknown room', async () => {
    const response = await postNotification(sim, 'Nowhere', null, { query: 'auth_test=true' });
    expect(response.status).toBe(404);
  });
});

describe('other routes', () => {
  it('serves the capabilities document without auth', async () => {
    const response = await fetch(`${sim.url}/v2/capabilities`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { links: Record<string, string> };
    expect(document.links).toEqual({ self: `${sim.url}/v2/capabilities`, api: `${sim.url}/v2` });
    expect(limitHeaders(response)).toEqual({
      'x-ratelimit-limit': '100',
      'x-ratelimit-remaining': '100',
      'x-ratelimit-reset': String(T0_SECONDS + 300),
      'x-floodcontrol-limit': null,
      'x-floodcontrol-remaining': null,
      'x-floodcontrol-reset': null,
    });
  });

  it('404s an unknown path, with limit headers', async () => {
    const response = await fetch(`${sim.url}/v2/room/Operations/history`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 404, message: 'Resource not found', type: 'Not Found' } });
    expect(response.headers.get('x-ratelimit-limit')).toBe('100');
  });

  it('405s a known path with the wrong method', async () => {
    const response = await fetch(`${sim.url}/v2/room/Operations/notification`, {
      headers: { Authorization: 'Bearer sim-token' },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(await response.json()).toEqual({
      error: { code: 405, message: 'You requested an invalid method.', type: 'Method Not Allowed' },
    });
  });
});

describe('recording', () => {
  it('records every request with credentials masked but the token available', async () => {
    await postNotification(sim, 'Dev%20Ops', { message: 'hi' }, { via: 'query', query: 'format=json' });
    expect(sim.requests).toHaveLength(1);
    const [recorded] = sim.requests;
    expect(recorded).toMatchObject({
      at: T0,
      method: 'POST',
      path: '/v2/room/Dev%20Ops/notification',
      query: { format: 'json', auth_token: '***' },
      rawBody: '{"message":"hi"}',
      body: { message: 'hi' },
      room: 'Dev Ops',
      status: 204,
      response: null,
      tokenUsed: 'sim-token',
    });
    expect(recorded?.headers['content-type']).toBe('application/json');
    expect(JSON.stringify({ ...recorded, tokenUsed: undefined })).not.toContain('sim-token');
  });

  it('numbers connections, so that keep-alive reuse shows', async () => {
    const keepAlive = new HttpAgent({ keepAlive: true, maxSockets: 1 });
    const get = (agent: HttpAgent | false) =>
      new Promise((done) => httpGet(`${sim.url}/v2/capabilities`, { agent }, (res) => res.resume().on('end', done)));
    await get(keepAlive);
    await get(keepAlive);
    await get(false);
    keepAlive.destroy();
    expect(sim.requests.map((request) => request.connection)).toEqual([1, 1, 2]);
  });

  it('records error responses as parsed JSON', async () => {
    await postNotification(sim, 'Operations', { message: 'hi' }, { token: 'nope' });
    expect(sim.requests[0]?.status).toBe(401);
    expect(sim.requests[0]?.response).toEqual({
      error: { code: 401, message: 'Invalid OAuth session', type: 'Unauthorized' },
    });
  });

  it('notifies subscribers until they unsubscribe', async () => {
    const seen: RecordedRequest[] = [];
    const unsubscribe = sim.subscribe((request) => seen.push(request));
    await postNotification(sim, 'Operations', { message: 'one' });
    unsubscribe();
    await postNotification(sim, 'Operations', { message: 'two' });
    expect(seen.map((request) => request.delivered?.body.message)).toEqual(['one']);
  });
});

describe('lifecycle', () => {
  it('reset() clears records, pending faults and rate-limit counters', async () => {
    await postNotification(sim, 'Operations', { message: 'hi' });
    sim.injectFault({ fault: { kind: 'status', status: 500 } });
    sim.reset();
    expect(sim.requests).toEqual([]);
    expect(sim.delivered).toEqual([]);

    const response = await postNotification(sim, 'Operations', { message: 'hi' });
    expect(response.status).toBe(204);
    expect(limitHeaders(response)).toEqual(FIRST_REQUEST_HEADERS);
  });

  it('close() stops listening, even with a keep-alive connection open, and can be called twice', async () => {
    await postNotification(sim, 'Operations', { message: 'hi' });
    await sim.close();
    await sim.close();
    await expect(fetch(`${sim.url}/v2/capabilities`)).rejects.toThrow();
  });

  it('rejects an impossible configuration', async () => {
    await expect(startSimulator({ tokens: [{ token: 't', room: 'Nowhere' }] })).rejects.toThrow('Token bound to unknown room Nowhere');
    await expect(
      startSimulator({
        rooms: [
          { id: 1, name: 'A' },
          { id: 1, name: 'B' },
        ],
      }),
    ).rejects.toThrow('Duplicate room id 1');
  });
});

describe('TLS', () => {
  it('serves HTTPS with the given certificate', async () => {
    const cert = readFileSync(new URL('./fixtures/localhost-cert.pem', import.meta.url));
    const key = readFileSync(new URL('./fixtures/localhost-key.pem', import.meta.url));
    const secure = await startSimulator({ tls: { cert, key } });
    try {
      expect(secure.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const status = await new Promise<number | undefined>((resolve, reject) => {
        const req = httpsRequest(
          `${secure.url}/v2/room/Operations/notification`,
          {
            method: 'POST',
            ca: cert,
            headers: { Authorization: 'Bearer sim-token', 'Content-Type': 'application/json' },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode);
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ message: 'over TLS' }));
      });
      expect(status).toBe(204);
      expect(secure.delivered[0]?.body.message).toBe('over TLS');
    } finally {
      await secure.close();
    }
  });
});
