// The preview server without a browser: what it serves, and the event stream a reconnecting page resumes.
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
async function readEvents(headers: Record<string, string>, count: number): Promise<Array<{ id: string; data: unknown }>> {
  const controller = new AbortController();
  const response = await fetch(new URL('/events', preview.url), { headers, signal: controller.signal });
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
      { id: 1, at: expect.any(Number), room: 'Operations', status: 204, body: { message: 'first' } },
      {
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

  it('streams the history, then each new request, and resumes after the last id a page saw', async () => {
    const streamed = readEvents({}, 3);
    await post('Operations', { message: 'third', color: 'red' });
    expect((await streamed).map((event) => event.id)).toEqual(['1', '2', '3']);
    const resumed = await readEvents({ 'last-event-id': '2' }, 1);
    expect(resumed).toEqual([{ id: '3', data: expect.objectContaining({ body: { message: 'third', color: 'red' } }) }]);
  });
});
