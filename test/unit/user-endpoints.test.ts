// The user endpoints without a network: looking a person up and sending them a private message, how each reads
// HipChat's answer, and advice that names the user, the endpoint and the scope instead of a room.
import { describe, expect, it } from 'vitest';
import { privateMessageCall } from '../../src/hipchat/endpoints/private-message.js';
import { userOf, viewUserCall } from '../../src/hipchat/endpoints/user.js';
import { userUrl } from '../../src/hipchat/endpoints/user-request.js';
import type { HttpResponse } from '../../src/hipchat/transport/http.js';

const server = { serverUrl: 'https://chat.example.com', token: 'tok' };

function response(status: number, body: unknown = '', headers: Record<string, string> = {}): HttpResponse {
  return { status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

const refusal = (status: number, message: string, headers: Record<string, string> = {}) =>
  response(status, { error: { code: status, message, type: 'x' } }, headers);

const OCTO = { id: 7, mention_name: 'OctoCat', name: 'Octo Cat', email: 'octo.cat@example.com' };

describe('userUrl', () => {
  it('puts the id, email or @mention name in one path segment, with its @ as is', () => {
    expect(userUrl('https://h', 'octo.cat+ci@example.com')).toBe('https://h/v2/user/octo.cat%2Bci@example.com');
    expect(userUrl('https://h', '@OctoCat', 'message')).toBe('https://h/v2/user/@OctoCat/message');
    expect(userUrl('https://h', 'a/../../room/Ops/notification?x=#y')).toBe(
      'https://h/v2/user/a%2F..%2F..%2Froom%2FOps%2Fnotification%3Fx%3D%23y',
    );
  });
});

describe('GET /v2/user/{id_or_email}', () => {
  const call = viewUserCall(server, 'octo.cat@example.com');

  it('asks with the token in the header only', () => {
    expect(call.request).toEqual({
      method: 'GET',
      url: 'https://chat.example.com/v2/user/octo.cat@example.com',
      headers: { authorization: 'Bearer tok', accept: 'application/json' },
    });
  });

  it('reads the user from a 200, and a 404 that names a user (or says nothing) as nobody found', () => {
    expect(call.read(response(200, { ...OCTO, title: 'x', presence: null }))).toEqual({ value: { found: true, user: OCTO } });
    expect(call.read(refusal(404, 'User octo.cat@example.com not found'))).toEqual({
      value: { found: false, said: '(HipChat said: 404 User octo.cat@example.com not found)' },
    });
    expect(call.read(response(404, 'Not Found'))).toEqual({ value: { found: false, said: '(HipChat said: 404 Not Found)' } });
  });

  it('leaves to the advice path a 404 about the path, a refusal, and a 200 that holds no user', async () => {
    expect(call.read(refusal(404, 'Resource not found'))).toBeUndefined();
    expect(call.read(refusal(403, 'nope'))).toBeUndefined();
    expect(call.read(response(200, { id: '7', mention_name: 'OctoCat' }))).toBeUndefined();
    expect(call.read(response(200, '<html>'))).toBeUndefined();
    expect(await call.describe(response(200, '<html>'))).toBe(
      "HipChat answered 200 for the lookup of user 'octo.cat@example.com' (GET /v2/user/{id_or_email}) where 200 with the user was expected (HipChat said: 200 <html>).",
    );
  });

  it('names view_group, the user and user_map when the token may not look people up', async () => {
    expect(await call.describe(refusal(403, "This action requires one of the following scopes: [u'view_group']"))).toBe(
      "The token may not look up user 'octo.cat@example.com' with GET /v2/user/{id_or_email} (HipChat said: 403 This action requires one of the following scopes: [u'view_group']): it needs the view_group scope to find people by email; or give each person in user_map as an @mention name, which needs no lookup.",
    );
    expect(await call.describe(refusal(404, 'Resource not found'))).toBe(
      "https://chat.example.com has no GET /v2/user/{id_or_email} for user 'octo.cat@example.com' (HipChat said: 404 Resource not found): check server_url, or the server may be too old for it.",
    );
  });

  it('keeps only fields of the expected types, and no overlong text', () => {
    expect(userOf(JSON.stringify({ id: 7, mention_name: 'x'.repeat(1_001) }))).toBeUndefined();
    expect(userOf(JSON.stringify({ id: 7.5, mention_name: 'x' }))).toBeUndefined();
    expect(userOf(JSON.stringify({ id: 7, mention_name: 'x', name: 3, email: ['a'] }))).toEqual({
      id: 7,
      mention_name: 'x',
      name: '',
      email: '',
    });
    expect(userOf('null')).toBeUndefined();
  });
});

describe('POST /v2/user/{id_or_email}/message', () => {
  const call = privateMessageCall(server, 'CI failed: https://ci/1')('@OctoCat');

  it('sends the text as text, notifying the person', () => {
    expect(call.request).toMatchObject({
      method: 'POST',
      url: 'https://chat.example.com/v2/user/@OctoCat/message',
      headers: { authorization: 'Bearer tok', 'content-type': 'application/json; charset=utf-8' },
    });
    expect(JSON.parse(String(call.request.body))).toEqual({ message: 'CI failed: https://ci/1', message_format: 'text', notify: true });
    expect(call.read(response(204))).toEqual({ value: undefined });
    expect(call.read(response(200))).toBeUndefined();
  });

  it('says in each refusal whom it was for, the scope, and where to fix an unknown user', async () => {
    expect(await call.describe(refusal(403, "This action requires one of the following scopes: [u'send_message']"))).toBe(
      "The token may not send user '@OctoCat' a private message with POST /v2/user/{id_or_email}/message (HipChat said: 403 This action requires one of the following scopes: [u'send_message']): it needs the send_message scope, which only a user's token has (a personal access token under Account settings → API access): a room notification token cannot send private messages.",
    );
    expect(await call.describe(refusal(404, 'User @OctoCat not found'))).toBe(
      "HipChat at https://chat.example.com has no user '@OctoCat' (HipChat said: 404 User @OctoCat not found): check the email, @mention name or id given in private_message or user_map.",
    );
    expect(await call.describe(refusal(400, 'too long'))).toBe(
      "HipChat rejected the private message (POST /v2/user/{id_or_email}/message) for user '@OctoCat' (HipChat said: 400 too long).",
    );
    expect(await call.describe(refusal(401, 'Invalid OAuth session'))).toMatch(
      /^HipChat did not accept the token for the private message \(POST \/v2\/user\/\{id_or_email\}\/message\) to user '@OctoCat' .* with the send_message scope/,
    );
  });

  it("names the person's flood control, and when it resets", async () => {
    const limited = refusal(429, 'Flood control limit exceeded', { 'x-floodcontrol-remaining': '0', 'x-floodcontrol-reset': '1700000060' });
    expect(await call.describe(limited)).toBe(
      "HipChat's flood control for the person stopped the private message (POST /v2/user/{id_or_email}/message) for user '@OctoCat' (HipChat said: 429 Flood control limit exceeded). It resets at 2023-11-14T22:14:20.000Z.",
    );
  });
});
