import { describe, expect, it } from 'vitest';
import { githubContextFrom } from '../../src/context/github.js';
import { deliverWithCompanion, type SendToRooms } from '../../src/hipchat/delivery/companion.js';
import { defaultMessage } from '../../src/render/default-message.js';
import { addMentions, quietMentions } from '../../src/render/mentions.js';
import { buildView } from '../../src/view.js';

const view = buildView(
  githubContextFrom({ GITHUB_REPOSITORY: 'acme/api', GITHUB_WORKFLOW: 'CI', GITHUB_RUN_NUMBER: '42', GITHUB_RUN_ID: '987' }, {}),
  'failure',
);

describe('addMentions', () => {
  it('puts the mentions in front of a text message', () => {
    expect(addMentions('CI failed', 'text', ['@here', '@alice'], view)).toEqual({
      message: '@here @alice CI failed',
      companion: undefined,
    });
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
  const notification = { message: '<b>failed</b>', format: 'html', color: 'red', notify: false, from: '' } as const;
  const companion = { ...notification, message: '@here failed', format: 'text' } as const;

  /** Fails the deliveries listed as "room format"; records what was sent, in order. */
  function sender(failures: string[] = []) {
    const sent: string[] = [];
    const send: SendToRooms = async (sending, rooms) =>
      rooms.map((room) => {
        const key = `${room} ${sending.format}`;
        sent.push(key);
        return failures.includes(key)
          ? { room, ok: false, status: 404, attempts: 1, error: `Room '${room}' was not found` }
          : { room, ok: true, status: 204, attempts: 1 };
      });
    return { send, sent };
  }

  it('sends the companion after the message, to the rooms that got it', async () => {
    const { send, sent } = sender(['Dev html']);
    const results = await deliverWithCompanion(send, ['Ops', 'Dev'], notification, companion);
    expect(sent).toEqual(['Ops html', 'Dev html', 'Ops text']);
    expect(results.map((result) => [result.room, result.ok, result.status])).toEqual([
      ['Ops', true, 204],
      ['Dev', false, 404],
    ]);
  });

  it('counts a room whose companion failed as not delivered, saying so', async () => {
    const { send } = sender(['Ops text']);
    const [ops, dev] = await deliverWithCompanion(send, ['Ops', 'Dev'], notification, companion);
    expect(ops).toMatchObject({ room: 'Ops', ok: false, status: 404 });
    expect(ops?.error).toBe(
      "The notification reached room 'Ops', but the text notification with the mentions did not: Room 'Ops' was not found",
    );
    expect(dev).toEqual({ room: 'Dev', ok: true, status: 204, attempts: 1 });
  });

  it('sends the message alone without a companion', async () => {
    const { send, sent } = sender();
    await deliverWithCompanion(send, ['Ops', 'Dev'], notification, undefined);
    expect(sent).toEqual(['Ops html', 'Dev html']);
  });
});

describe('quietMentions', () => {
  it('keeps an @ that starts a word from mentioning anyone, and leaves addresses alone', () => {
    expect(quietMentions('@all ship it, cc @alice.b (mail bob@example.com)')).toBe(
      '@\u2060all ship it, cc @\u2060alice.b (mail bob@example.com)',
    );
    expect(quietMentions('no mention @ here')).toBe('no mention @ here');
  });

  it('applies to values in a text template, not to the template itself', async () => {
    const { renderTemplate } = await import('../../src/render/template.js');
    const rendered = await renderTemplate({ text: '@here {{ title }}', origin: 'test' }, { title: '@all Fix' }, 'text');
    expect(rendered).toBe('@here @\u2060all Fix');
  });
});

/** A mention as HipChat would read it in a text message: an @ that starts a word, then a name. */
const MENTION_IN_TEXT = /(^|[^A-Za-z0-9._-])@[A-Za-z0-9._-]+/g;

describe('the event makes no mention', () => {
  it('in the default text message: a commit author, branch or actor named @all pings nobody', () => {
    const commit = { id: 'a'.repeat(40), message: '@here fix', author: { name: '@all', username: '@all' } };
    const hostile = buildView(
      githubContextFrom(
        { GITHUB_REPOSITORY: 'acme/api', GITHUB_EVENT_NAME: 'push', GITHUB_ACTOR: '@all', GITHUB_REF: 'refs/heads/@here' },
        { commits: [commit], head_commit: commit },
      ),
      'failure',
    );
    const text = defaultMessage(hostile, 'text');
    expect(text).toContain('@\u2060all');
    expect(text.match(MENTION_IN_TEXT)).toBeNull();
  });

  it('in the companion: only the mentions asked for, whatever the workflow is named', () => {
    const hostile = buildView(githubContextFrom({ GITHUB_REPOSITORY: 'acme/api', GITHUB_WORKFLOW: '@all' }, {}), 'failure');
    const { companion } = addMentions('<b>x</b>', 'html', ['@OctoCat'], hostile);
    expect(companion?.match(MENTION_IN_TEXT)).toEqual(['@OctoCat']);
  });
});
