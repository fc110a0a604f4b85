import { describe, expect, it } from 'vitest';
import { deliverToRooms } from '../../src/hipchat/deliver.js';
import { describeFailure } from '../../src/hipchat/failure.js';
import type { HttpRequest, HttpResponse, HttpTransport } from '../../src/hipchat/http.js';
import { encodeRoom } from '../../src/hipchat/room-path.js';
import { v2Body, v2NotificationRequest } from '../../src/hipchat/v2.js';

describe('encodeRoom', () => {
  it.each([
    ['Dev Ops', 'Dev%20Ops'],
    ['a/b', 'a%2Fb'],
    ['#ops?', '%23ops%3F'],
    ['100%', '100%25'],
    ['Équipe 日本', '%C3%89quipe%20%E6%97%A5%E6%9C%AC'],
    ['a+b', 'a%2Bb'],
    ['12345', '12345'],
  ])('%s -> %s', (room, encoded) => {
    expect(encodeRoom(room)).toBe(encoded);
  });
});

describe('v2NotificationRequest', () => {
  const body = v2Body({ message: 'hi', format: 'text', color: 'green', notify: false, from: '' });

  it('posts JSON to the room with a bearer token, never a token in the URL', () => {
    const request = v2NotificationRequest('https://chat.example.com', 'Dev Ops', 'tok', body);
    expect(request).toEqual({
      method: 'POST',
      url: 'https://chat.example.com/v2/room/Dev%20Ops/notification',
      headers: { authorization: 'Bearer tok', 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
      body: '{"message":"hi","message_format":"text","color":"green","notify":false}',
    });
  });

  it('sends from only when set, and notify as a JSON boolean', () => {
    const withFrom = v2Body({ message: 'hi', format: 'html', color: 'red', notify: true, from: 'CI' });
    expect(JSON.parse(JSON.stringify(withFrom))).toEqual({ message: 'hi', message_format: 'html', color: 'red', notify: true, from: 'CI' });
  });
});

function response(status: number, body: unknown = '', headers: Record<string, string> = {}): HttpResponse {
  return { status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

describe('describeFailure', () => {
  const server = 'https://chat.example.com';

  it('explains a 401 as a token problem', () => {
    const text = describeFailure('Ops', server, response(401, { error: { code: 401, message: 'Invalid OAuth session', type: 'Unauthorized' } }));
    expect(text).toBe(
      "HipChat did not accept the token for room 'Ops' (HipChat said: 401 Invalid OAuth session): check that the token input holds a valid, unexpired v2 token with the send_notification scope (v1 admin tokens do not work on v2).",
    );
  });

  it('names the room that was not found', () => {
    const text = describeFailure('Dev+Ops', server, response(404, { error: { code: 404, message: 'Room Dev+Ops not found', type: 'Not Found' } }));
    expect(text).toMatch(/^Room 'Dev\+Ops' was not found on https:\/\/chat.example.com \(HipChat said: 404 Room Dev\+Ops not found\)/);
  });

  it('says which field a 400 is about', () => {
    const text = describeFailure('Ops', server, response(400, {
      error: { code: 400, field: 'notify', message: "Value u'true' for field 'notify' is not of type 'boolean'", type: 'Bad Request', validation: 'type' },
    }));
    expect(text).toBe(
      "HipChat rejected the notification for room 'Ops' in field 'notify' (HipChat said: 400 Value u'true' for field 'notify' is not of type 'boolean').",
    );
  });

  it('explains a 403 as scope or room binding', () => {
    expect(describeFailure('Ops', server, response(403, { error: { message: "This action requires one of the following scopes: [u'send_notification']" } }))).toMatch(/send_notification scope/);
  });

  it('says when a rate limit resets', () => {
    const text = describeFailure('Ops', server, response(429, { error: { code: 429, message: 'Rate Limit exceeded' } }, {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '1700000000',
      'x-floodcontrol-remaining': '5',
      'x-floodcontrol-reset': '1800000000',
    }));
    expect(text).toBe(
      "HipChat's rate limit for the token stopped the notification for room 'Ops' (HipChat said: 429 Rate Limit exceeded). It resets at 2023-11-14T22:13:20.000Z.",
    );
  });

  it('names flood control, both limits, or neither, and waits for the later reset', () => {
    const flood = { error: { message: 'Flood control limit exceeded' } };
    expect(describeFailure('Ops', server, response(429, flood, { 'x-floodcontrol-remaining': '0', 'x-floodcontrol-reset': '1700000060' }))).toBe(
      "HipChat's flood control for the room stopped the notification for room 'Ops' (HipChat said: 429 Flood control limit exceeded). It resets at 2023-11-14T22:14:20.000Z.",
    );
    const both = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000300', 'x-floodcontrol-remaining': '0', 'x-floodcontrol-reset': '1700000060' };
    expect(describeFailure('Ops', server, response(429, flood, both))).toMatch(
      /^HipChat's rate limit for the token and flood control for the room stopped .* It resets at 2023-11-14T22:18:20.000Z\.$/,
    );
    expect(describeFailure('Ops', server, response(429, '', { 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': 'soon' }))).toBe(
      "HipChat's rate limit stopped the notification for room 'Ops' (HipChat said: 429).",
    );
  });

  it('copes with bodies that are not HipChat envelopes', () => {
    expect(describeFailure('Ops', server, response(502, '<html>Bad   gateway</html>'))).toBe(
      "HipChat at https://chat.example.com failed with a server error for room 'Ops' (HipChat said: 502 <html>Bad gateway</html>).",
    );
    expect(describeFailure('Ops', server, response(200, ''))).toMatch(/answered 200 .* where 204 was expected \(HipChat said: 200\)/);
  });
});

describe('deliverToRooms', () => {
  function transport(answer: (request: HttpRequest) => Promise<HttpResponse>): HttpTransport & { sent: HttpRequest[] } {
    const sent: HttpRequest[] = [];
    return { sent, send: (request) => (sent.push(request), answer(request)), close: async () => {} };
  }
  const delivery = { serverUrl: 'https://h', token: 't', rooms: ['A', 'B', 'C'], body: v2Body({ message: 'm', format: 'text', color: 'gray', notify: false, from: '' }) };

  it('sends to every room, and one failure does not stop the others', async () => {
    const fake = transport(async (request) => {
      if (request.url.includes('/B/')) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
      if (request.url.includes('/C/')) return response(404, { error: { message: 'Room C not found' } });
      return response(204);
    });
    const results = await deliverToRooms(fake, delivery);
    expect(fake.sent.map((r) => r.url)).toEqual(['https://h/v2/room/A/notification', 'https://h/v2/room/B/notification', 'https://h/v2/room/C/notification']);
    expect(results).toEqual([
      { room: 'A', ok: true, status: 204 },
      { room: 'B', ok: false, status: 0, error: "Could not reach HipChat at https://h for room 'B': connect ECONNREFUSED 127.0.0.1:9." },
      { room: 'C', ok: false, status: 404, error: expect.stringMatching(/^Room 'C' was not found/) },
    ]);
  });

  it('adds the error code when the message lacks it', async () => {
    const fake = transport(async () => {
      throw Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' });
    });
    const [result] = await deliverToRooms(fake, { ...delivery, rooms: ['A'] });
    expect(result?.error).toMatch(/Headers Timeout Error \(UND_ERR_HEADERS_TIMEOUT\)\.$/);
  });
});
