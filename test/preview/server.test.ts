// The preview server without a browser: what it serves, and the event stream a reconnecting page resumes.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Preview, startPreview } from '../../preview/server.ts';
import { type Simulator, startSimulator } from '../simulator/server.ts';

let simulator: Simulator;
let preview: Preview;

function post(room: string, body: unknown): Promise<Response> {
  return fetch(`${simulator.url}/v2/room/${encodeURIComponent(room)}/notification`, {
    method: 'POST',
    headers: { authorization: 'Bearer sim-token', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Reads the event stream until `count` events came, then hangs up. */
async function readEvents(headers: Record<string, string>, count: number, query = ''): Promise<Array<{ id: string; data: unknown }>> {
  const controller = new AbortController();
  const response = await fetch(new URL(`/events${query}`, preview.url), { headers, signal: controller.signal });
  expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  const events = () => text.split('\n\n').filter((block) => block.startsWith('id: '));
  while (events().length < count) text += (await reader.read()).value ?? '';
  controller.abort();
  return events().map((block) => {
    const [id, , data] = block.split('\n');
    return { id: id!.slice(4), data: JSON.parse(data!.slice(6)) };
  });
}

beforeAll(async () => {
  simulator = await startSimulator();
  await post('Operations', { message: 'first' });
  await fetch(`${simulator.url}/v2/capabilities`);
  await fetch(`${simulator.url}/v2/room/Operations/notification?auth_test=true`, {
    method: 'POST',
    headers: { authorization: 'Bearer sim-token' },
  });
  preview = await startPreview(simulator);
  await post('Nowhere', { message: 'lost' });
});
afterAll(async () => {
  await preview.close();
  await simulator.close();
});

describe('the preview server', () => {
  it('serves the page under a policy that allows no inline or foreign script', async () => {
    const response = await fetch(preview.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await response.text()).toContain('<script type="module" src="/app.js"></script>');
    for (const path of ['/app.js', '/render.js', '/sanitize.js', '/style.css']) {
      expect((await fetch(new URL(path, preview.url))).status, path).toBe(200);
    }
    expect((await fetch(new URL('/../server.ts', preview.url))).status).toBe(404);
    expect((await fetch(preview.url, { method: 'POST' })).status).toBe(405);
  });

  it('lists the notifications, from before it started too, with what the server answered', async () => {
    const entries = (await (await fetch(new URL('/api/notifications', preview.url))).json()) as Array<Record<string, unknown>>;
    expect(entries).toEqual([
      { kind: 'notification', id: 1, at: expect.any(Number), room: 'Operations', status: 204, body: { message: 'first' } },
      {
        kind: 'notification',
        id: 2,
        at: expect.any(Number),
        room: 'Nowhere',
        status: 404,
        body: { message: 'lost' },
        error: { code: 404, message: 'Room Nowhere not found', type: 'Not Found' },
      },
    ]);
    expect(await (await fetch(new URL('/policy.json', preview.url))).json()).toMatchObject({
      cardTags: ['a', 'b', 'i', 'strong', 'span'],
      safeUrl: '^(https?:|mailto:)',
    });
  });

  it('puts the room as it is into the page, where no message can close the data block', async () => {
    await post('Operations', { message: '</script><script>alert(1)</script><!--' });
    const html = await (await fetch(preview.url)).text();
    const block = /<script type="application\/json" id="initial-state">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    expect(block).not.toContain('<');
    const state = JSON.parse(block) as { entries: Array<{ body: { message: string } }>; simulator: { url: string } };
    expect(state.entries.map((entry) => entry.body.message)).toEqual(['first', 'lost', '</script><script>alert(1)</script><!--']);
    expect(state.simulator.url).toBe(simulator.url);
    expect(html).toContain(
      `<pre id="send-hint">node dist/index.js --server-url ${simulator.url} --room Operations --token TOKEN --format card</pre>`,
    );
  });

  it('streams the history, then each new request, and resumes after the last id a page saw', async () => {
    const streamed = readEvents({}, 4);
    await post('Operations', { message: 'fourth', color: 'red' });
    expect((await streamed).map((event) => event.id)).toEqual(['1', '2', '3', '4']);
    const resumed = await readEvents({ 'last-event-id': '3' }, 1);
    expect(resumed).toEqual([{ id: '4', data: expect.objectContaining({ body: { message: 'fourth', color: 'red' } }) }]);
    expect(await readEvents({}, 1, '?after=3')).toEqual(resumed);
  });
});

describe('the event stream of an empty room', () => {
  it('opens at once, so that the page says it is live before anything happened', async () => {
    const empty = await startSimulator();
    const page = await startPreview(empty);
    const controller = new AbortController();
    try {
      // fetch resolves with the headers: held back, this would wait until the test timed out.
      const response = await fetch(new URL('/events', page.url), { signal: controller.signal });
      expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    } finally {
      controller.abort();
      await page.close();
      await empty.close();
    }
  });
});

describe('private messages', () => {
  it('are listed apart, numbered with the notifications, and streamed in the order they came', async () => {
    const people = await startSimulator({
      users: [{ id: 7, email: 'octo.cat@example.com', mention_name: 'OctoCat', name: 'Octo Cat' }],
      tokens: [{ token: 'person', scopes: ['send_notification', 'send_message'] }],
    });
    const page = await startPreview(people);
    const send = (path: string, body: unknown) =>
      fetch(`${people.url}${path}`, {
        method: 'POST',
        headers: { authorization: 'Bearer person', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    try {
      await send('/v2/room/Operations/notification', { message: 'failed' });
      await send('/v2/user/@OctoCat/message', { message: 'you broke it' });
      await send('/v2/user/nobody@example.com/message', { message: 'lost' });
      await send('/v2/room/Operations/notification', { message: 'fixed' });
      const listed = (await (await fetch(new URL('/api/private-messages', page.url))).json()) as unknown[];
      expect(listed).toEqual([
        {
          id: 2,
          at: expect.any(Number),
          user: { id: 7, name: 'Octo Cat', mention_name: 'OctoCat', email: 'octo.cat@example.com' },
          message: 'you broke it',
          message_format: 'text',
        },
      ]);
      const notifications = (await (await fetch(new URL('/api/notifications', page.url))).json()) as { id: number }[];
      expect(notifications.map((entry) => entry.id)).toEqual([1, 3]);
      const html = await (await fetch(page.url)).text();
      expect(html).toContain('"privateMessages":[{"id":2,');

      const response = await fetch(new URL('/events?after=1', page.url));
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      while (text.split('\n\n').length < 3) text += (await reader.read()).value ?? '';
      await reader.cancel();
      expect(
        text
          .split('\n\n')
          .slice(0, 2)
          .map((block) => block.split('\n').slice(0, 2).join(' ')),
      ).toEqual(['id: 2 event: private-message', 'id: 3 event: notification']);
    } finally {
      await page.close();
      await people.close();
    }
  });
});

describe("the empty room's hint", () => {
  it('is a command that works: with the token filled in, it sends a card to the room', async () => {
    const empty = await startSimulator({ rooms: [{ id: 1, name: "Ops' Room" }], tokens: [{ token: 'hint-token' }] });
    const page = await startPreview(empty);
    try {
      const html = await (await fetch(page.url)).text();
      const hint = /<pre id="send-hint">(.*?)<\/pre>/.exec(html)?.[1]?.replaceAll('&amp;', '&') ?? '';
      expect(hint).toContain('--token TOKEN');
      await promisify(execFile)('sh', ['-c', hint.replace('TOKEN', 'hint-token')], { cwd: resolve(import.meta.dirname, '../..') });
      expect(empty.deliveredTo("Ops' Room").map((notification) => notification.body.card?.style)).toEqual(['application']);
    } finally {
      await page.close();
      await empty.close();
    }
  });
});

describe('the preview of what a user posts', () => {
  it('threads replies by id, and shows a file by its name, type and size, never its bytes', async () => {
    const user = await startSimulator({ tokens: [{ token: 'u', scopes: ['send_message', 'admin_room'] }] });
    const page = await startPreview(user);
    try {
      const call = (action: string, body: unknown, contentType = 'application/json') =>
        fetch(`${user.url}/v2/room/Operations/${action}`, {
          method: action === 'topic' ? 'PUT' : 'POST',
          headers: { authorization: 'Bearer u', 'content-type': contentType },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        });
      const { id } = (await (await call('message', { message: 'started' })).json()) as { id: string };
      await call('reply', { parentMessageId: id, message: 'finished' });
      await call('topic', { topic: 'live' });
      const file =
        '--b\r\nContent-Disposition: attachment; name="file"; filename="a.log"\r\nContent-Type: text/plain\r\n\r\nsecret bytes\r\n--b--\r\n';
      await call('share/file', file, 'multipart/related; boundary=b');
      const entries = (await (await fetch(new URL('/api/notifications', page.url))).json()) as Array<Record<string, unknown>>;
      expect(
        entries.map(({ kind, status, body, messageId, parentId, file: shared }) => ({ kind, status, body, messageId, parentId, shared })),
      ).toEqual([
        { kind: 'message', status: 201, body: { message: 'started' }, messageId: id, parentId: undefined, shared: undefined },
        {
          kind: 'reply',
          status: 204,
          body: { parentMessageId: id, message: 'finished' },
          messageId: expect.any(String),
          parentId: id,
          shared: undefined,
        },
        { kind: 'topic', status: 204, body: { topic: 'live' }, messageId: undefined, parentId: undefined, shared: undefined },
        {
          kind: 'file',
          status: 204,
          body: { message: '' },
          messageId: expect.any(String),
          parentId: undefined,
          shared: { name: 'a.log', type: 'text/plain', size: 12, shownSize: '12 bytes' },
        },
      ]);
      expect(JSON.stringify(entries)).not.toContain('secret bytes');
    } finally {
      await page.close();
      await user.close();
    }
  });
});
