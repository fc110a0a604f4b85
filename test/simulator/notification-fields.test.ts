import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from './server.ts';
import { postNotification } from './test-helpers.ts';

// Generous limits: this file is about validation, not throttling.
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({
    rateLimit: { limit: 10_000, windowSeconds: 300 },
    floodControl: { limit: 10_000, windowSeconds: 60 },
  });
});
beforeEach(() => sim.reset());
afterAll(() => sim.close());

async function send(body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await postNotification(sim, 'Operations', body);
  const text = await response.text();
  return { status: response.status, json: text === '' ? null : JSON.parse(text) };
}

describe('message', () => {
  it('is required, with the exact envelope the real server sent', async () => {
    const response = await postNotification(sim, 'Operations', { color: 'red' });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe(
      `{"error":{"code":400,"field":"message","message":"Required field 'message' is missing","type":"Bad Request","validation":"optional","value":null}}`,
    );
    expect(sim.delivered).toEqual([]);
  });

  it('must be a string', async () => {
    expect(await send({ message: 42 })).toEqual({
      status: 400,
      json: {
        error: {
          code: 400,
          expected_type: 'string',
          field: 'message',
          message: "Value 42 for field 'message' is not of type 'string'",
          type: 'Bad Request',
          validation: 'type',
          value: 42,
        },
      },
    });
  });

  it('must not be empty', async () => {
    expect(await send({ message: '' })).toEqual({
      status: 400,
      json: {
        error: {
          code: 400,
          description: 'Valid length range: 1 - 10000.',
          field: 'message',
          message: "Length of value u'' for field 'message' must be greater than or equal to 1",
          type: 'Bad Request',
          validation: 'minLength',
          value: '',
        },
      },
    });
  });

  it('may be 10000 characters but not 10001', async () => {
    expect((await send({ message: 'x'.repeat(10_000) })).status).toBe(204);
    const tooLong = 'x'.repeat(10_001);
    expect(await send({ message: tooLong })).toEqual({
      status: 400,
      json: {
        error: {
          code: 400,
          description: 'Valid length range: 1 - 10000.',
          field: 'message',
          message: `Length of value u'${tooLong}' for field 'message' must be less than or equal to 10000`,
          type: 'Bad Request',
          validation: 'maxLength',
          value: tooLong,
        },
      },
    });
  });

  it('is measured in code points, not UTF-16 units', async () => {
    expect((await send({ message: '🚀'.repeat(10_000) })).status).toBe(204);
    expect((await send({ message: '🚀'.repeat(10_001) })).status).toBe(400);
  });
});

describe('color', () => {
  it.each(['yellow', 'green', 'red', 'purple', 'gray', 'random'])('accepts %s', async (color) => {
    expect((await send({ message: 'hi', color })).status).toBe(204);
  });

  it('rejects grey (HipChat spells it gray)', async () => {
    expect(await send({ message: 'hi', color: 'grey' })).toEqual({
      status: 400,
      json: {
        error: {
          code: 400,
          description: 'Valid values: yellow, green, red, purple, gray, random.',
          field: 'color',
          message: "Value u'grey' for field 'color' is not in the enumeration: ['yellow', 'green', 'red', 'purple', 'gray', 'random']",
          type: 'Bad Request',
          validation: 'enum',
          value: 'grey',
        },
      },
    });
  });
});

describe('notify', () => {
  it('accepts JSON booleans', async () => {
    expect((await send({ message: 'hi', notify: true })).status).toBe(204);
    expect((await send({ message: 'hi', notify: false })).status).toBe(204);
  });

  it('rejects the string "true" with the exact envelope the real server sent', async () => {
    const response = await postNotification(sim, 'Operations', { message: 'hi', notify: 'true' });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe(
      `{"error":{"code":400,"expected_type":"boolean","field":"notify","message":"Value u'true' for field 'notify' is not of type 'boolean'","type":"Bad Request","validation":"type","value":"true"}}`,
    );
  });
});

describe('message_format', () => {
  it.each(['html', 'text'])('accepts %s', async (format) => {
    expect((await send({ message: 'hi', message_format: format })).status).toBe(204);
  });

  it('rejects anything else', async () => {
    expect(await send({ message: 'hi', message_format: 'markdown' })).toEqual({
      status: 400,
      json: {
        error: {
          code: 400,
          description: 'Valid values: html, text.',
          field: 'message_format',
          message: "Value u'markdown' for field 'message_format' is not in the enumeration: ['html', 'text']",
          type: 'Bad Request',
          validation: 'enum',
          value: 'markdown',
        },
      },
    });
  });
});

describe('from', () => {
  it('may be empty or up to 64 characters', async () => {
    expect((await send({ message: 'hi', from: '' })).status).toBe(204);
    expect((await send({ message: 'hi', from: 'f'.repeat(64) })).status).toBe(204);
  });

  it('rejects 65 characters', async () => {
    const from = 'f'.repeat(65);
    expect(await send({ message: 'hi', from })).toEqual({
      status: 400,
      json: {
        error: {
          code: 400,
          description: 'Valid length range: 0 - 64.',
          field: 'from',
          message: `Length of value u'${from}' for field 'from' must be less than or equal to 64`,
          type: 'Bad Request',
          validation: 'maxLength',
          value: from,
        },
      },
    });
  });
});

describe('attach_to', () => {
  it('accepts a 36-character message id', async () => {
    expect((await send({ message: 'hi', attach_to: 'fee4d9a3-685d-4cbd-abaa-c8850d9b1960' })).status).toBe(204);
  });

  it('rejects 37 characters', async () => {
    const attachTo = 'a'.repeat(37);
    expect(await send({ message: 'hi', attach_to: attachTo })).toMatchObject({
      status: 400,
      json: {
        error: {
          field: 'attach_to',
          message: `Length of value u'${attachTo}' for field 'attach_to' must be less than or equal to 36`,
          validation: 'maxLength',
        },
      },
    });
  });
});

describe('card', () => {
  it('may be null', async () => {
    expect((await send({ message: 'hi', card: null })).status).toBe(204);
  });

  it('rejects an empty string, as python-simple-hipchat-v2 sent', async () => {
    expect(await send({ message: 'hi', card: '' })).toMatchObject({
      status: 400,
      json: {
        error: {
          field: 'card',
          reason: 'card must be null or an object (got string)',
          validation: 'type',
          value: '',
        },
      },
    });
  });

  it('reports a schema problem as a type error on the whole card, plus a precise reason', async () => {
    const card = { style: 'image', title: 'Screenshot', id: 'c1', thumbnail: { url: 'https://x/t.png', width: '43' } };
    const { status, json } = await send({ message: 'hi', card });
    expect(status).toBe(400);
    expect(json).toMatchObject({
      error: {
        code: 400,
        description: 'Value {value!r} is not of type {expected_type!r}',
        field: 'card',
        reason: 'card.thumbnail.width must be a number (got string)',
        type: 'Bad Request',
        validation: 'type',
        value: card,
      },
    });
    const error = (json as { error: { message: string; expected_type: unknown[] } }).error;
    expect(error.message).toMatch(
      /^Value \{u'style': u'image', u'title': u'Screenshot', u'id': u'c1', u'thumbnail': \{u'url': u'https:\/\/x\/t.png', u'width': u'43'\}\} for field 'card' is not of type \[\{'type': 'null'\}, \{'type': 'object', /,
    );
    expect(error.expected_type[0]).toEqual({ type: 'null' });
  });
});
