import { describe, expect, it } from 'vitest';
import { notificationCall } from '../../src/hipchat/endpoints/notification.js';
import { v1MessageRequest } from '../../src/hipchat/endpoints/notification-v1.js';
import type { HttpResponse } from '../../src/hipchat/transport/http.js';
import type { Notification } from '../../src/render/notification.js';

const notification: Notification = {
  message: 'Build <b>ok</b> & done',
  format: 'html',
  color: 'green',
  notify: true,
  from: 'GitHub Actions',
};
const server = 'https://chat.example.com';

function response(status: number, body = '', headers: Record<string, string> = {}): HttpResponse {
  return { status, headers, body };
}

describe('v1MessageRequest', () => {
  it('posts the fields form-encoded, with the token in the body and never in the URL', () => {
    const request = v1MessageRequest(server, 'Dev Ops', 's3cret+/=', notification);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://chat.example.com/v1/rooms/message?format=json');
    expect(request.headers).toEqual({ 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' });
    expect(Object.fromEntries(new URLSearchParams(String(request.body)))).toEqual({
      room_id: 'Dev Ops',
      from: 'GitHub Actions',
      message: 'Build <b>ok</b> & done',
      message_format: 'html',
      notify: '1',
      color: 'green',
      auth_token: 's3cret+/=',
    });
    expect(request.url).not.toContain('s3cret');
    expect(JSON.stringify(request.headers)).not.toContain('s3cret');
  });

  it('sends notify as 0 when off', () => {
    const request = v1MessageRequest(server, '42', 't', { ...notification, notify: false, format: 'text' });
    expect(new URLSearchParams(String(request.body)).get('notify')).toBe('0');
    expect(new URLSearchParams(String(request.body)).get('message_format')).toBe('text');
  });
});

describe('the v1 API', () => {
  const api = notificationCall('v1', { serverUrl: server, token: 't' }, notification).then((call) => {
    const ops = call('Ops');
    return {
      rateLimitStatus: ops.rateLimitStatus,
      delivered: (answer: HttpResponse) => ops.read(answer) !== undefined,
      describe: (_room: string, answer: HttpResponse) => ops.describe(answer),
    };
  });

  it('counts only 200 {"status":"sent"} as delivered', async () => {
    const { delivered } = await api;
    expect(delivered(response(200, '{"status": "sent"}'))).toBe(true);
    expect(delivered(response(200, '{"status": "queued"}'))).toBe(false);
    expect(delivered(response(200, 'sent'))).toBe(false);
    expect(delivered(response(204))).toBe(false);
  });

  it('reads 403 as its rate limit, naming the limit and the reset', async () => {
    const { rateLimitStatus, describe } = await api;
    expect(rateLimitStatus).toBe(403);
    const refused = response(403, '{"error":{"code":403,"message":"Rate limit exceeded","type":"Forbidden"}}', {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '1700000000',
    });
    expect(await describe('Ops', refused)).toBe(
      "HipChat's rate limit for the token stopped the notification for room 'Ops' (HipChat said: 403 Rate limit exceeded). It resets at 2023-11-14T22:13:20.000Z.",
    );
  });

  it('asks for a v1 token on 401, and says what a 200 without "sent" was', async () => {
    const { describe } = await api;
    const body =
      '{"error":{"code":401,"message":"Auth token invalid. Please see: https:\\/\\/www.hipchat.com\\/docs\\/api\\/auth","type":"Unauthorized"}}';
    expect(await describe('Ops', response(401, body))).toBe(
      "HipChat did not accept the token for room 'Ops' (HipChat said: 401 Auth token invalid. Please see: https://www.hipchat.com/docs/api/auth): with api_version v1, the token input must hold a v1 admin or notification token (v2 tokens do not work on v1).",
    );
    expect(await describe('Ops', response(200, '<html>login</html>'))).toBe(
      `HipChat answered 200 for room 'Ops' where 200 {"status":"sent"} was expected (HipChat said: 200 <html>login</html>).`,
    );
    expect(await describe('Ops', response(404, '{"error":{"message":"Room not found"}}'))).toMatch(
      /^Room 'Ops' was not found on https:\/\/chat.example.com/,
    );
  });

  it('is v2 by default, where 204 is success and 429 the rate limit', async () => {
    const v2 = (await notificationCall('v2', { serverUrl: server, token: 't' }, notification))('Ops');
    expect(v2.rateLimitStatus).toBe(429);
    expect(v2.read(response(204))).toEqual({ value: undefined });
    expect(v2.request.url).toBe('https://chat.example.com/v2/room/Ops/notification');
  });
});
