// The room endpoints beside the notification, without a network: each one's request, how it reads HipChat's answer,
// and the advice it gives, which names the endpoint, the room and the scope.
import { parseMultipart } from '@remix-run/multipart-parser';
import { describe, expect, it } from 'vitest';
import { messageCall } from '../../src/hipchat/endpoints/message.js';
import { replyCall } from '../../src/hipchat/endpoints/reply.js';
import { headerFileName, multipartBody, shareFileCall } from '../../src/hipchat/endpoints/share-file.js';
import { topicCall } from '../../src/hipchat/endpoints/topic.js';
import type { HipChatCall } from '../../src/hipchat/endpoints/types.js';
import type { HttpResponse } from '../../src/hipchat/transport/http.js';

const server = { serverUrl: 'https://chat.example.com', token: 'tok' };

function response(status: number, body: unknown = '', headers: Record<string, string> = {}): HttpResponse {
  return { status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

const refusal = (status: number, message: string, extra: Record<string, unknown> = {}) =>
  response(status, { error: { code: status, message, type: 'x', ...extra } });

function jsonOf(call: HipChatCall<unknown>): unknown {
  return JSON.parse(String(call.request.body));
}

describe('POST /v2/room/{id_or_name}/message', () => {
  const call = messageCall(server, 'Deploy started')('Dev Ops');

  it('posts the text as the token user, with the token only in the header', () => {
    expect(call.request).toMatchObject({
      method: 'POST',
      url: 'https://chat.example.com/v2/room/Dev%20Ops/message',
      headers: { authorization: 'Bearer tok', 'content-type': 'application/json; charset=utf-8' },
    });
    expect(jsonOf(call)).toEqual({ message: 'Deploy started' });
  });

  it("reads the new message's id from the 201, and counts a 2xx without one as posted", () => {
    expect(call.read(response(201, { id: '6f0bb7d2-91ad-4a41-9e4f-0b7a5c1d2e3f', timestamp: '2026-01-01T00:00:00.000000+00:00' }))).toEqual(
      {
        value: '6f0bb7d2-91ad-4a41-9e4f-0b7a5c1d2e3f',
      },
    );
    expect(call.read(response(204))).toEqual({ value: undefined });
    expect(call.read(response(403, 'no'))).toBeUndefined();
  });

  it('names the endpoint, the room and send_message when the token may not post', async () => {
    const said = refusal(403, "This action requires one of the following scopes: [u'send_message']");
    expect(await call.describe(said)).toBe(
      "The token may not post messages to room 'Dev Ops' with POST /v2/room/{id_or_name}/message (HipChat said: 403 This action requires one of the following scopes: [u'send_message']): it needs the send_message scope, which only a user's token has (a personal access token under Account settings → API access): a room notification token cannot post messages.",
    );
    expect(await call.describe(refusal(401, 'Invalid OAuth session'))).toBe(
      "HipChat did not accept the token for the message (POST /v2/room/{id_or_name}/message) to room 'Dev Ops' (HipChat said: 401 Invalid OAuth session): check that the token input holds a valid, unexpired v2 token with the send_message scope (v1 admin tokens do not work on v2).",
    );
    expect(await call.describe(refusal(400, 'too long', { field: 'message' }))).toBe(
      "HipChat rejected the message (POST /v2/room/{id_or_name}/message) for room 'Dev Ops' in field 'message' (HipChat said: 400 too long).",
    );
    expect(await call.describe(refusal(404, 'Room Dev Ops not found'))).toMatch(
      /^Room 'Dev Ops' was not found on https:\/\/chat.example.com/,
    );
  });
});

describe('POST /v2/room/{id_or_name}/reply', () => {
  const call = replyCall(server, 'parent-1', 'Deploy finished', 'Ops');

  it('sends parentMessageId with the message', () => {
    expect(call.request.url).toBe('https://chat.example.com/v2/room/Ops/reply');
    expect(jsonOf(call)).toEqual({ parentMessageId: 'parent-1', message: 'Deploy finished' });
    expect(call.read(response(204))).toEqual({ value: { replied: true } });
  });

  it.each([
    [404, 'Message parent-1 not found', {}],
    [400, "Value u'x' for field 'parentMessageId' is not valid", { field: 'parentMessageId' }],
    [400, 'Unknown parent message', {}],
  ])('reads a %i about the parent as a parent that is gone', (status, message, extra) => {
    expect(call.read(refusal(status, message, extra))).toEqual({
      value: { replied: false, parentGone: `(HipChat said: ${status} ${message})` },
    });
  });

  it('keeps a missing room, a bad message and a missing scope as failures', async () => {
    expect(call.read(refusal(404, 'Room Ops not found'))).toBeUndefined();
    expect(call.read(refusal(400, 'too long', { field: 'message' }))).toBeUndefined();
    expect(call.read(refusal(403, "[u'send_message']"))).toBeUndefined();
    expect(await call.describe(refusal(403, "[u'send_message']"))).toMatch(
      /^The token may not reply in room 'Ops' with POST \/v2\/room\/\{id_or_name\}\/reply .*: it needs the send_message scope/,
    );
  });
});

describe('PUT /v2/room/{id_or_name}/topic', () => {
  const call = topicCall(server, 'production: main abc1234 succeeded')('Deploys');

  it('puts the topic as JSON', () => {
    expect(call.request).toMatchObject({ method: 'PUT', url: 'https://chat.example.com/v2/room/Deploys/topic' });
    expect(jsonOf(call)).toEqual({ topic: 'production: main abc1234 succeeded' });
    expect(call.read(response(204))).toEqual({ value: undefined });
  });

  it('names admin_room when the token may not set it', async () => {
    expect(await call.describe(refusal(403, "This action requires one of the following scopes: [u'admin_room']"))).toBe(
      "The token may not set the topic of room 'Deploys' with PUT /v2/room/{id_or_name}/topic (HipChat said: 403 This action requires one of the following scopes: [u'admin_room']): it needs the admin_room scope: give the step a token of a room admin with admin_room, or leave topic empty.",
    );
  });
});

describe('POST /v2/room/{id_or_name}/share/file', () => {
  const bytes = new Uint8Array([0, 1, 2, 13, 10, 255, 254, 10, 13, 0x22]);

  it('builds multipart/related: a JSON metadata part, then the file in base64, both attachments', async () => {
    const { contentType, body } = await multipartBody('deploy.log from Deploy #13 "ü"', { name: 'deploy.log', bytes });
    const boundary = /^multipart\/related; boundary="([^"]+)"$/.exec(contentType)?.[1] ?? '';
    expect(boundary).not.toBe('');
    const parts = [...parseMultipart(body, { boundary })];
    expect(parts.map((part) => [part.name, part.filename, part.headers['content-disposition']?.split(';')[0]])).toEqual([
      ['metadata', undefined, 'attachment'],
      ['file', 'deploy.log', 'attachment'],
    ]);
    const [metadata, file] = parts;
    expect(metadata?.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(JSON.parse(new TextDecoder().decode(metadata?.bytes))).toEqual({ message: 'deploy.log from Deploy #13 "ü"' });
    expect(file?.headers['content-type']).toBe('text/plain');
    expect(file?.headers['content-transfer-encoding']).toBe('base64');
    expect(Buffer.from(new TextDecoder().decode(file?.bytes), 'base64')).toEqual(Buffer.from(bytes));
    expect(new TextDecoder().decode(body)).not.toMatch(/^(Date|Message-ID|MIME-Version):/m);
  });

  it('keeps the name in the part header to characters any server reads', () => {
    expect(headerFileName('déploy "prod".log')).toBe('d_ploy__prod_.log');
    expect(headerFileName(`${'x'.repeat(200)}.log`)).toBe(`${'x'.repeat(96)}.log`);
  });

  it('sends the same body to each room, with the token only in the header', async () => {
    const call = await shareFileCall(server, 'shared', { name: 'a.png', bytes });
    const ops = call('Ops');
    expect(ops.request.url).toBe('https://chat.example.com/v2/room/Ops/share/file');
    expect(ops.request.headers).toMatchObject({
      authorization: 'Bearer tok',
      'content-type': expect.stringMatching(/^multipart\/related;/),
    });
    expect(call('QA').request.body).toBe(ops.request.body);
    expect(await ops.describe(refusal(403, "[u'send_message']"))).toMatch(
      /share files with room 'Ops' with POST \/v2\/room\/\{id_or_name\}\/share\/file/,
    );
  });
});
