import { describe, expect, it } from 'vitest';
import { githubContextFrom } from '../../src/context/github.js';
import { deliverWithCompanion } from '../../src/hipchat/companion.js';
import type { HttpRequest, HttpResponse, HttpTransport } from '../../src/hipchat/http.js';
import { v2Body } from '../../src/hipchat/v2.js';
import { addMentions } from '../../src/render/mentions.js';
import { buildView } from '../../src/view.js';

const view = buildView(
  githubContextFrom({ GITHUB_REPOSITORY: 'acme/api', GITHUB_WORKFLOW: 'CI', GITHUB_RUN_NUMBER: '42', GITHUB_RUN_ID: '987' }, {}),
  'failure',
);

describe('addMentions', () => {
  it('puts the mentions in front of a text message', () => {
    expect(addMentions('CI failed', 'text', ['@here', '@alice'], view)).toEqual({ message: '@here @alice CI failed', companion: undefined });
  });

  it('leaves any other format alone and writes a text companion with the mentions and the run', () => {
    expect(addMentions('<b>CI</b> failed', 'html', ['@here'], view)).toEqual({
      message: '<b>CI</b> failed',
      companion: '@here acme/api: CI #42 failed: https://github.com/acme/api/actions/runs/987',
    });
  });

  it('changes nothing without mentions', () => {
    expect(addMentions('m', 'html', [], view)).toEqual({ message: 'm', companion: undefined });
    expect(addMentions('m', 'text', [], view)).toEqual({ message: 'm', companion: undefined });
  });
});

describe('deliverWithCompanion', () => {
  const body = v2Body({ message: '<b>failed</b>', format: 'html', color: 'red', notify: false, from: '' });
  const companion = v2Body({ message: '@here failed', format: 'text', color: 'red', notify: false, from: '' });

  /** Answers 204, or the status listed for a room's path and message format; records what was sent, in order. */
  function transport(statuses: Record<string, number> = {}) {
    const sent: string[] = [];
    const fake: HttpTransport = {
      send: async (request: HttpRequest): Promise<HttpResponse> => {
        const format = (JSON.parse(request.body ?? '{}') as { message_format: string }).message_format;
        const key = `${decodeURIComponent(request.url.replace(/^.*\/room\/|\/notification$/g, ''))} ${format}`;
        sent.push(key);
        const status = statuses[key] ?? 204;
        return { status, headers: {}, body: status === 204 ? '' : JSON.stringify({ error: { code: status, message: 'Room not found', type: 'Not Found' } }) };
      },
      close: async () => {},
    };
    return { fake, sent };
  }

  const delivery = { serverUrl: 'https://chat.example.com', token: 'tok', rooms: ['Ops', 'Dev'], body };

  it('sends the companion after the message, to the rooms that got it', async () => {
    const { fake, sent } = transport({ 'Dev html': 404 });
    const results = await deliverWithCompanion(fake, delivery, companion);
    expect(sent).toEqual(['Ops html', 'Dev html', 'Ops text']);
    expect(results.map((result) => [result.room, result.ok, result.status])).toEqual([
      ['Ops', true, 204],
      ['Dev', false, 404],
    ]);
  });

  it('counts a room whose companion failed as not delivered, saying so', async () => {
    const { fake } = transport({ 'Ops text': 404 });
    const [ops, dev] = await deliverWithCompanion(fake, delivery, companion);
    expect(ops).toMatchObject({ room: 'Ops', ok: false, status: 404 });
    expect(ops?.error).toMatch(/^The notification reached room 'Ops', but the text notification with the mentions did not: Room 'Ops' was not found/);
    expect(dev).toEqual({ room: 'Dev', ok: true, status: 204 });
  });

  it('sends the message alone without a companion', async () => {
    const { fake, sent } = transport();
    await deliverWithCompanion(fake, delivery, undefined);
    expect(sent).toEqual(['Ops html', 'Dev html']);
  });
});
