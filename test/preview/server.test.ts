// The preview server without a browser: what it serves, the event stream a reconnecting page resumes, and how it
// groups auth_test requests into the last set-up check.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_GAP_MS, MAX_PROBES } from '../../preview/checks.ts';
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
async function readEvents(
  headers: Record<string, string>,
  count: number,
  query = '',
  from: Preview = preview,
): Promise<Array<{ id: string; event: string; data: unknown }>> {
  const controller = new AbortController();
  const response = await fetch(new URL(`/events${query}`, from.url), { headers, signal: controller.signal });
  expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  const events = () => text.split('\n\n').filter((block) => block.startsWith('id: '));
  while (events().length < count) text += (await reader.read()).value ?? '';
  controller.abort();
  return events().map((block) => {
    const [id, event, data] = block.split('\n');
    return { id: id!.slice(4), event: event!.slice(7), data: JSON.parse(data!.slice(6)) };
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
    // The auth_test request took id 2: it is the last check's, not the room's.
    expect(entries).toEqual([
      { kind: 'notification', id: 1, at: expect.any(Number), room: 'Operations', status: 204, body: { message: 'first' } },
      {
        kind: 'notification',
        id: 3,
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
    const streamed = readEvents({}, 5);
    await post('Operations', { message: 'fifth', color: 'red' });
    expect((await streamed).map(({ id, event }) => `${id} ${event}`)).toEqual([
      '1 notification',
      '2 check',
      '3 notification',
      '4 notification',
      '5 notification',
    ]);
    const resumed = await readEvents({ 'last-event-id': '4' }, 1);
    expect(resumed).toEqual([
      { id: '5', event: 'notification', data: expect.objectContaining({ body: { message: 'fifth', color: 'red' } }) },
    ]);
    expect(await readEvents({}, 1, '?after=4')).toEqual(resumed);
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

describe('the last set-up check', () => {
  const TOKEN = 'check-Token-5e6f7a';
  const OTHER = 'other-Token-8b9c0d';
  const V1 = 'v1-Token-1d2e3f';
  let clock = 1_000_000;
  let sim: Simulator;
  let page: Preview;

  beforeAll(async () => {
    sim = await startSimulator({
      rooms: [
        { id: 1, name: 'Deploys' },
        { id: 2, name: 'Ops Room' },
      ],
      users: [{ id: 7, email: 'octo.cat@example.com', mention_name: 'OctoCat', name: 'Octo Cat' }],
      // Add-on tokens, so that the probes past MAX_PROBES are not refused by the per-token limit.
      tokens: [
        { token: TOKEN, kind: 'addon', scopes: ['send_notification', 'send_message'] },
        { token: OTHER, kind: 'addon' },
        { token: V1, version: 'v1' },
      ],
      now: () => clock,
    });
    page = await startPreview(sim);
  });
  afterAll(async () => {
    await page.close();
    await sim.close();
  });

  /** An auth_test request, as the check makes one: the call without its body, the token in the header. */
  function probe(path: string, token = TOKEN, method = 'POST'): Promise<Response> {
    return fetch(`${sim.url}${path}?auth_test=true`, { method, headers: { authorization: `Bearer ${token}` } });
  }
  /** What the check asks first, before any probe. */
  const capabilities = (): Promise<Response> => fetch(`${sim.url}/v2/capabilities`);
  const lastCheck = async (): Promise<{ id: number; startedAt: number; probes: Array<Record<string, any>>; more: number } | null> =>
    (await fetch(new URL('/api/check', page.url))).json() as Promise<any>;
  const rows = async (): Promise<string[]> =>
    ((await lastCheck())?.probes ?? []).map((row) => `${row.target?.name ?? '—'} ${row.endpoint} ${row.status}`);

  it('is null before any check', async () => {
    const fresh = await startPreview(sim);
    try {
      // This simulator has had no request yet when this test runs first; the page's state says so.
      expect(await (await fetch(new URL('/api/check', fresh.url))).json()).toBeNull();
      expect(await (await fetch(fresh.url)).text()).toContain('"check":null');
    } finally {
      await fresh.close();
    }
  });

  it('lists each probe with its room or person, the endpoint, the scope it needs and the answer, in order', async () => {
    await capabilities();
    expect((await probe('/v2/room/Deploys/notification')).status).toBe(202);
    expect((await probe('/v2/room/Nowhere/notification')).status).toBe(404);
    expect((await probe('/v2/room/Ops%20Room/topic', TOKEN, 'PUT')).status).toBe(403);
    expect((await probe('/v2/user/%40OctoCat', TOKEN, 'GET')).status).toBe(403);
    expect((await probe('/v2/room/Deploys/nothing-here')).status).toBe(404);
    const check = await lastCheck();
    expect(check).toEqual({ id: expect.any(Number), startedAt: clock, more: 0, probes: expect.any(Array) });
    expect(check?.probes.map(({ id: _, at: __, ...row }) => row)).toEqual([
      {
        target: { kind: 'room', name: 'Deploys' },
        endpoint: 'POST /v2/room/{id_or_name}/notification',
        scope: 'send_notification',
        status: 202,
      },
      {
        target: { kind: 'room', name: 'Nowhere' },
        endpoint: 'POST /v2/room/{id_or_name}/notification',
        scope: 'send_notification',
        status: 404,
        error: { type: 'Not Found', message: 'Room Nowhere not found' },
      },
      {
        target: { kind: 'room', name: 'Ops Room' },
        endpoint: 'PUT /v2/room/{id_or_name}/topic',
        scope: 'admin_room',
        status: 403,
        error: { type: 'Forbidden', message: "This action requires one of the following scopes: [u'admin_room']" },
      },
      {
        target: { kind: 'user', name: '@OctoCat' },
        endpoint: 'GET /v2/user/{id_or_email}',
        scope: 'view_group',
        status: 403,
        error: { type: 'Forbidden', message: "This action requires one of the following scopes: [u'view_group']" },
      },
      { endpoint: 'POST /v2/room/Deploys/nothing-here', status: 404, error: { type: 'Not Found', message: 'Resource not found' } },
    ]);
    const ids = check?.probes.map((row) => row.id) ?? [];
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(check?.id).toBe(ids.at(-1));
    // Probes are the check's, not the room's.
    expect(await (await fetch(new URL('/api/notifications', page.url))).json()).toEqual([]);
  });

  it('groups probes into checks: a new one after the next check asks for the capabilities, another token, or a pause', async () => {
    clock += 60_000;
    await capabilities();
    await probe('/v2/room/Deploys/notification');
    clock += 5;
    // A notification between two probes is someone else's: it does not end the check.
    await fetch(`${sim.url}/v2/room/Deploys/notification`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'meanwhile' }),
    });
    await probe('/v2/room/Ops%20Room/notification');
    expect(await rows()).toEqual([
      'Deploys POST /v2/room/{id_or_name}/notification 202',
      'Ops Room POST /v2/room/{id_or_name}/notification 202',
    ]);

    // The next check, a moment later: its capabilities request ends the last one, whose probes it repeats.
    clock += 200;
    await capabilities();
    await probe('/v2/room/Ops%20Room/notification');
    expect(await rows()).toEqual(['Ops Room POST /v2/room/{id_or_name}/notification 202']);
    const started = (await lastCheck())?.startedAt;
    expect(started).toBe(clock);

    await probe('/v2/room/Deploys/notification', OTHER);
    expect(await rows()).toEqual(['Deploys POST /v2/room/{id_or_name}/notification 202']);

    clock += CHECK_GAP_MS;
    await probe('/v2/room/Ops%20Room/notification', OTHER);
    expect(await rows()).toEqual([
      'Deploys POST /v2/room/{id_or_name}/notification 202',
      'Ops Room POST /v2/room/{id_or_name}/notification 202',
    ]);
    clock += CHECK_GAP_MS + 1;
    await probe('/v2/room/Nowhere/notification', OTHER);
    expect(await rows()).toEqual(['Nowhere POST /v2/room/{id_or_name}/notification 404']);
  });

  it('shows a v1 probe, its token asked in the form, with no scope', async () => {
    clock += 60_000;
    const answer = await fetch(`${sim.url}/v1/rooms/message?format=json&auth_test=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ room_id: 'Deploys', auth_token: V1 }).toString(),
    });
    expect(answer.status).toBe(202);
    expect((await lastCheck())?.probes.map(({ id: _, at: __, ...row }) => row)).toEqual([
      { target: { kind: 'room', name: 'Deploys' }, endpoint: 'POST /v1/rooms/message', status: 202 },
    ]);
    expect(JSON.stringify(await lastCheck())).not.toContain(V1);
  });

  it(`lists at most ${MAX_PROBES} probes, and counts the rest`, async () => {
    clock += 60_000;
    for (let index = 0; index < MAX_PROBES + 2; index += 1)
      await probe(`/v2/room/${index % 2 === 0 ? 'Deploys' : 'Ops%20Room'}/notification`);
    const check = await lastCheck();
    expect(check?.probes).toHaveLength(MAX_PROBES);
    expect(check?.more).toBe(2);
    expect(check?.id).toBeGreaterThan(check?.probes.at(-1)?.id ?? Number.POSITIVE_INFINITY);
  });

  it('is in the first response, where a hostile room name cannot close the data block, and streams as it grows', async () => {
    clock += 60_000;
    const hostile = '</script><img src=x onerror="alert(1)"><!--';
    await capabilities();
    await probe(`/v2/room/${encodeURIComponent(hostile)}/notification`);
    const html = await (await fetch(page.url)).text();
    const block = /<script type="application\/json" id="initial-state">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    expect(block).not.toContain('<');
    const { check } = JSON.parse(block) as {
      check: { id: number; probes: Array<{ target: { name: string }; error: { message: string } }> };
    };
    expect(check.probes.map((row) => [row.target.name, row.error.message])).toEqual([[hostile, `Room ${hostile} not found`]]);

    const streamed = readEvents({}, 1, `?after=${check.id}`, page);
    await probe('/v2/room/Deploys/notification');
    const [event] = await streamed;
    expect(event).toMatchObject({ event: 'check', id: String(check.id + 1), data: { id: check.id + 1, probes: [{}, { status: 202 }] } });
    // A page that reconnects gets the check as it is now, once.
    expect((await readEvents({ 'last-event-id': String(check.id) }, 1, '', page)).map((resumed) => resumed.event)).toEqual(['check']);
  });

  it('never holds the token, whether it came in the header, the query or a form', async () => {
    clock += 60_000;
    const asked: Array<[string, () => Promise<Response>]> = [
      [TOKEN, () => probe('/v2/room/Deploys/notification')],
      [OTHER, () => fetch(`${sim.url}/v2/room/Deploys/notification?auth_test=true&auth_token=${OTHER}`, { method: 'POST' })],
      [
        V1,
        () =>
          fetch(`${sim.url}/v1/rooms/message?auth_test=true`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: `room_id=Deploys&auth_token=${V1}`,
          }),
      ],
    ];
    // One check each, as each presents another token: the page holds each in turn.
    for (const [token, ask] of asked) {
      expect((await ask()).status).toBe(202);
      const check = await lastCheck();
      expect(check?.probes).toHaveLength(1);
      const shown = [
        await (await fetch(page.url)).text(),
        JSON.stringify(check),
        JSON.stringify(await readEvents({}, 1, `?after=${(check?.id ?? 0) - 1}`, page)),
      ].join('\n');
      expect(shown).toContain('"status":202');
      expect(shown).not.toContain(token);
    }
  });
});
