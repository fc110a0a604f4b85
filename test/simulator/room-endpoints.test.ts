// The simulator's room endpoints beside the notification: scopes, bodies, limits, threads, topics and files.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { multipartBody } from '../../src/hipchat/endpoints/share-file.ts';
import { FILE_MAX_BYTES } from './room-endpoints.ts';
import { type Simulator, startSimulator } from './server.ts';
import { manualClock, T0, T0_SECONDS } from './test-helpers.ts';

const USER = 'user-token';

let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator({
    rooms: [
      { id: 1, name: 'Operations' },
      { id: 2, name: 'Deploys' },
    ],
    tokens: [
      { token: USER, scopes: ['send_notification', 'send_message', 'admin_room'] },
      { token: 'notifier', scopes: ['send_notification'] },
      { token: 'messenger', scopes: ['send_message'] },
    ],
    now: manualClock(T0).now,
    floodControl: { limit: 3, windowSeconds: 60 },
  });
});
afterEach(async () => {
  await sim.close();
});

function call(method: string, path: string, body: unknown, token = USER, contentType = 'application/json'): Promise<Response> {
  return fetch(`${sim.url}/v2/room/${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
  });
}

const post = (room: string, action: string, body: unknown, token?: string) =>
  call('POST', `${encodeURIComponent(room)}/${action}`, body, token);

describe('POST /v2/room/{id_or_name}/message', () => {
  it("answers 201 with the new message's id and a timestamp, and records it", async () => {
    const response = await post('Deploys', 'message', { message: 'Deploy started' });
    expect(response.status).toBe(201);
    const { id, timestamp } = (await response.json()) as { id: string; timestamp: string };
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    expect(sim.eventsIn('Deploys')).toEqual([{ kind: 'message', room: { id: 2, name: 'Deploys' }, id, message: 'Deploy started', at: T0 }]);
    expect(sim.delivered).toEqual([]);
  });

  it("needs send_message, which a notification token lacks, and counts against the room's flood control", async () => {
    const refused = await post('Deploys', 'message', { message: 'x' }, 'notifier');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      error: { message: "This action requires one of the following scopes: [u'send_message']" },
    });
    const sent = await post('Deploys', 'message', { message: 'x' }, 'messenger');
    expect(sent.status).toBe(201);
    expect(sent.headers.get('x-floodcontrol-remaining')).toBe('2');
    expect(sent.headers.get('x-floodcontrol-reset')).toBe(String(T0_SECONDS + 60));
  });

  it.each([
    [{}, "Required field 'message' is missing"],
    [{ message: '' }, 'must be greater than or equal to 1'],
    [{ message: 'x'.repeat(1001) }, 'must be less than or equal to 1000'],
    [{ message: 42 }, "is not of type 'string'"],
  ])('400s %j', async (body, message) => {
    const response = await post('Deploys', 'message', body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string; field: string } }).error).toMatchObject({
      field: 'message',
      message: expect.stringContaining(message),
    });
  });

  it('400s a body that is not JSON', async () => {
    expect((await call('POST', 'Deploys/message', 'message=x', USER, 'application/x-www-form-urlencoded')).status).toBe(400);
  });
});

describe('POST /v2/room/{id_or_name}/reply', () => {
  async function started(room = 'Deploys'): Promise<string> {
    return ((await (await post(room, 'message', { message: 'Deploy started' })).json()) as { id: string }).id;
  }

  it('answers 204 and records the reply under its parent', async () => {
    const parentId = await started();
    const response = await post('Deploys', 'reply', { parentMessageId: parentId, message: 'Deploy finished' });
    expect(response.status).toBe(204);
    expect(sim.eventsIn('Deploys')[1]).toMatchObject({ kind: 'reply', parentId, message: 'Deploy finished' });
  });

  it('404s a parent it does not have, or one in another room, and 400s one that is no message id', async () => {
    const elsewhere = await started('Operations');
    const unknown = await post('Deploys', 'reply', { parentMessageId: '6f0bb7d2-91ad-4a41-9e4f-0b7a5c1d2e3f', message: 'x' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { message: 'Message 6f0bb7d2-91ad-4a41-9e4f-0b7a5c1d2e3f not found' } });
    expect((await post('Deploys', 'reply', { parentMessageId: elsewhere, message: 'x' })).status).toBe(404);
    const malformed = await post('Deploys', 'reply', { parentMessageId: 'start', message: 'x' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { field: 'parentMessageId' } });
  });

  it('needs parentMessageId and a message, as every client sent them, not parent_message_id', async () => {
    const parentId = await started();
    const response = await post('Deploys', 'reply', { parent_message_id: parentId, message: 'x' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { field: 'parentMessageId', validation: 'optional' } });
  });
});

describe('PUT /v2/room/{id_or_name}/topic', () => {
  const put = (room: string, body: unknown, token?: string) => call('PUT', `${room}/topic`, body, token);

  it('answers 204 and keeps the last topic per room, as text', async () => {
    expect((await put('Deploys', { topic: 'production: v1 <b>live</b>' })).status).toBe(204);
    expect((await put('Deploys', { topic: 'production: v2' })).status).toBe(204);
    expect(sim.topicOf('Deploys')).toBe('production: v2');
    expect(sim.topicOf('Operations')).toBeUndefined();
  });

  it('needs admin_room, and takes at most 250 characters', async () => {
    const refused = await put('Deploys', { topic: 'x' }, 'messenger');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { message: "This action requires one of the following scopes: [u'admin_room']" } });
    expect((await put('Deploys', { topic: 'x'.repeat(251) })).status).toBe(400);
    expect((await put('Deploys', { topic: '' })).status).toBe(204);
  });

  it('is a PUT: a POST gets 405', async () => {
    const response = await post('Deploys', 'topic', { topic: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('PUT');
  });
});

describe('POST /v2/room/{id_or_name}/share/file', () => {
  const share = (body: Uint8Array, contentType: string, token = USER) => call('POST', 'Deploys/share/file', body, token, contentType);

  it("takes the action's multipart/related body: metadata, then the file in base64", async () => {
    const bytes = new Uint8Array([0, 255, 13, 10, 1]);
    const { contentType, body } = await multipartBody('deploy.log from Deploy #13', { name: 'deploy.log', bytes });
    expect((await share(body, contentType)).status).toBe(204);
    expect(sim.eventsIn('Deploys')).toEqual([
      expect.objectContaining({
        kind: 'file',
        message: 'deploy.log from Deploy #13',
        file: { name: 'deploy.log', type: 'text/plain', size: 5, content: Buffer.from(bytes) },
      }),
    ]);
  });

  it('takes raw bytes too, file first, without metadata, as other clients sent them', async () => {
    const raw = Buffer.concat([
      Buffer.from('--b1\r\nContent-Type: image/png\r\nContent-Disposition: attachment; name="file"; filename="shot.png"\r\n\r\n'),
      Buffer.from([137, 80, 78, 71]),
      Buffer.from('\r\n--b1--\r\n'),
    ]);
    expect((await share(raw, 'multipart/related; boundary=b1')).status).toBe(204);
    expect(sim.eventsIn('Deploys')[0]).toMatchObject({ message: '', file: { name: 'shot.png', type: 'image/png', size: 4 } });
  });

  it('400s another content type or a body without a file part, and 403s a token without send_message', async () => {
    const { contentType, body } = await multipartBody('m', { name: 'a.txt', bytes: new Uint8Array([1]) });
    expect((await share(body, 'multipart/form-data; boundary=x')).status).toBe(400);
    expect((await share(body, contentType.replace(/boundary="[^"]+"/, 'boundary="other"'))).status).toBe(400);
    expect((await share(body, contentType, 'notifier')).status).toBe(403);
    const noFile = Buffer.from(
      '--b\r\nContent-Disposition: attachment; name="metadata"\r\nContent-Type: application/json\r\n\r\n{}\r\n--b--\r\n',
    );
    expect(await (await share(noFile, 'multipart/related; boundary=b')).json()).toMatchObject({ error: { field: 'file' } });
  });

  it('413s a file over the limit', async () => {
    const { contentType, body } = await multipartBody('big', { name: 'big.bin', bytes: new Uint8Array(FILE_MAX_BYTES + 1) });
    const response = await share(body, contentType);
    expect(response.status).toBe(413);
    expect(sim.events).toEqual([]);
  });
});

describe('flood control across the endpoints', () => {
  it('counts messages, replies, topics and files alike against the room, and 429s past the limit', async () => {
    const id = ((await (await post('Deploys', 'message', { message: 'a' })).json()) as { id: string }).id;
    expect((await post('Deploys', 'reply', { parentMessageId: id, message: 'b' })).status).toBe(204);
    expect((await call('PUT', 'Deploys/topic', { topic: 'c' })).status).toBe(204);
    const limited = await post('Deploys', 'message', { message: 'd' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-floodcontrol-remaining')).toBe('0');
    expect((await post('Operations', 'message', { message: 'e' })).status).toBe(201);
  });
});

describe('tokens', () => {
  it('refuses a room notification token with scopes beyond send_notification, which HipChat never issued', async () => {
    await expect(
      startSimulator({ tokens: [{ token: 'room', room: 'Operations', scopes: ['send_notification', 'send_message'] }] }),
    ).rejects.toThrow('Token room is bound to a room, so it can have send_notification only');
  });
});
