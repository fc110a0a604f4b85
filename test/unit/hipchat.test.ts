import { describe, expect, it } from 'vitest';
import { deliverToRooms, type Session } from '../../src/hipchat/delivery/deliver.js';
import { v2Body, v2NotificationCall, v2NotificationRequest } from '../../src/hipchat/endpoints/notification-v2.js';
import { encodeRoom } from '../../src/hipchat/endpoints/room-path.js';
import {
  type HttpRequest,
  type HttpResponse,
  type HttpTransport,
  RequestTimeout,
  type SendOptions,
} from '../../src/hipchat/transport/http.js';

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

const NOTIFICATION = { message: 'm', format: 'text', color: 'gray', notify: false, from: '' } as const;

describe('describeFailure', () => {
  const server = 'https://chat.example.com';
  const describeNotification = (room: string, answer: HttpResponse) =>
    v2NotificationCall({ serverUrl: server, token: 't' }, NOTIFICATION)(room).describe(answer);

  it('explains a 401 as a token problem', async () => {
    const text = await describeNotification(
      'Ops',
      response(401, { error: { code: 401, message: 'Invalid OAuth session', type: 'Unauthorized' } }),
    );
    expect(text).toBe(
      "HipChat did not accept the token for room 'Ops' (HipChat said: 401 Invalid OAuth session): check that the token input holds a valid, unexpired v2 token with the send_notification scope (v1 admin tokens do not work on v2).",
    );
  });

  it('names the room that was not found', async () => {
    const text = await describeNotification(
      'Dev+Ops',
      response(404, { error: { code: 404, message: 'Room Dev+Ops not found', type: 'Not Found' } }),
    );
    expect(text).toMatch(/^Room 'Dev\+Ops' was not found on https:\/\/chat.example.com \(HipChat said: 404 Room Dev\+Ops not found\)/);
  });

  it('tells a 404 for a path the server lacks from one for a room it does not have', async () => {
    expect(await describeNotification('Ops', response(404, { error: { code: 404, message: 'Resource not found' } }))).toBe(
      "https://chat.example.com has no POST /v2/room/{id_or_name}/notification for room 'Ops' (HipChat said: 404 Resource not found): check server_url, or the server may be too old for it.",
    );
    expect(await describeNotification('Ops', response(404, '<html>Not Found</html>'))).toMatch(/^Room 'Ops' was not found/);
  });

  it('says which field a 400 is about', async () => {
    const text = await describeNotification(
      'Ops',
      response(400, {
        error: {
          code: 400,
          field: 'notify',
          message: "Value u'true' for field 'notify' is not of type 'boolean'",
          type: 'Bad Request',
          validation: 'type',
        },
      }),
    );
    expect(text).toBe(
      "HipChat rejected the notification for room 'Ops' in field 'notify' (HipChat said: 400 Value u'true' for field 'notify' is not of type 'boolean').",
    );
  });

  it('explains a 403 as scope or room binding', async () => {
    expect(
      await describeNotification(
        'Ops',
        response(403, { error: { message: "This action requires one of the following scopes: [u'send_notification']" } }),
      ),
    ).toMatch(/send_notification scope/);
  });

  it('says when a rate limit resets', async () => {
    const text = await describeNotification(
      'Ops',
      response(
        429,
        { error: { code: 429, message: 'Rate Limit exceeded' } },
        {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': '1700000000',
          'x-floodcontrol-remaining': '5',
          'x-floodcontrol-reset': '1800000000',
        },
      ),
    );
    expect(text).toBe(
      "HipChat's rate limit for the token stopped the notification for room 'Ops' (HipChat said: 429 Rate Limit exceeded). It resets at 2023-11-14T22:13:20.000Z.",
    );
  });

  it('names flood control, both limits, or neither, and waits for the later reset', async () => {
    const flood = { error: { message: 'Flood control limit exceeded' } };
    expect(
      await describeNotification('Ops', response(429, flood, { 'x-floodcontrol-remaining': '0', 'x-floodcontrol-reset': '1700000060' })),
    ).toBe(
      "HipChat's flood control for the room stopped the notification for room 'Ops' (HipChat said: 429 Flood control limit exceeded). It resets at 2023-11-14T22:14:20.000Z.",
    );
    const both = {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '1700000300',
      'x-floodcontrol-remaining': '0',
      'x-floodcontrol-reset': '1700000060',
    };
    expect(await describeNotification('Ops', response(429, flood, both))).toMatch(
      /^HipChat's rate limit for the token and flood control for the room stopped .* It resets at 2023-11-14T22:18:20.000Z\.$/,
    );
    expect(await describeNotification('Ops', response(429, '', { 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': 'soon' }))).toBe(
      "HipChat's rate limit stopped the notification for room 'Ops' (HipChat said: 429).",
    );
  });

  it('copes with bodies that are not HipChat envelopes', async () => {
    expect(await describeNotification('Ops', response(502, '<html>Bad   gateway</html>'))).toBe(
      "HipChat at https://chat.example.com failed with a server error for room 'Ops' (HipChat said: 502 <html>Bad gateway</html>).",
    );
    expect(await describeNotification('Ops', response(200, ''))).toMatch(/answered 200 .* where 204 was expected \(HipChat said: 200\)/);
  });
});

describe('deliverToRooms', () => {
  const T0 = 1_700_000_000_000;
  type Answer = (request: HttpRequest, options: SendOptions) => Promise<HttpResponse>;

  /** A transport that answers from a script and a clock that moves only when the code sleeps or a send takes time. */
  function setup(answer: Answer, change: Partial<Session> & { rooms?: string[] } = {}) {
    let now = T0;
    const sent: { url: string; at: number; timeoutMs: number }[] = [];
    const sleeps: number[] = [];
    const log: string[] = [];
    const transport: HttpTransport = {
      send: (request, options) => {
        sent.push({ url: request.url, at: now - T0, timeoutMs: options.timeoutMs });
        return answer(request, options);
      },
      close: async () => {},
    };
    const { rooms = ['A'], ...changed } = change;
    const session: Session = {
      transport,
      retry: { retries: 3, timeoutMs: 10_000 },
      clock: {
        now: () => now,
        sleep: async (ms) => {
          sleeps.push(ms);
          now += ms;
        },
      },
      random: () => 0,
      log: (message) => log.push(message),
      ...changed,
    };
    const call = v2NotificationCall({ serverUrl: 'https://h', token: 't' }, NOTIFICATION);
    return { sent, sleeps, log, run: () => deliverToRooms(session, rooms, call), advance: (ms: number) => (now += ms) };
  }
  /** Answers in order, then keeps giving the last one. */
  function script(...answers: (HttpResponse | Error)[]): Answer {
    let index = 0;
    return async () => {
      const next = answers[Math.min(index++, answers.length - 1)] as HttpResponse | Error;
      if (next instanceof Error) throw next;
      return next;
    };
  }
  const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });

  it('sends to every room, and one failure does not stop the others', async () => {
    const { sent, run } = setup(
      async (request) => {
        if (request.url.includes('/B/')) throw refused();
        if (request.url.includes('/C/')) return response(404, { error: { message: 'Room C not found' } });
        return response(204);
      },
      { rooms: ['A', 'B', 'C'], retry: { retries: 0, timeoutMs: 10_000 } },
    );
    const results = await run();
    expect(sent.map((r) => r.url)).toEqual([
      'https://h/v2/room/A/notification',
      'https://h/v2/room/B/notification',
      'https://h/v2/room/C/notification',
    ]);
    expect(results).toEqual([
      { room: 'A', ok: true, status: 204, attempts: 1 },
      {
        room: 'B',
        ok: false,
        status: 0,
        attempts: 1,
        error: "Could not reach HipChat at https://h for room 'B': connect ECONNREFUSED 127.0.0.1:9.",
      },
      { room: 'C', ok: false, status: 404, attempts: 1, error: expect.stringMatching(/^Room 'C' was not found/) },
    ]);
  });

  it('adds the error code when the message lacks it', async () => {
    const { run } = setup(script(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })), {
      retry: { retries: 0, timeoutMs: 10_000 },
    });
    const [result] = await run();
    expect(result?.error).toMatch(/other side closed \(UND_ERR_SOCKET\)\.$/);
  });

  it('retries 5xx and lost connections with growing waits, logging each, until one gets through', async () => {
    const { sent, sleeps, log, run } = setup(
      script(response(503, { error: { message: 'Service Unavailable' } }), refused(), response(502, ''), response(204)),
    );
    expect(await run()).toEqual([{ room: 'A', ok: true, status: 204, attempts: 4 }]);
    expect(sleeps).toEqual([500, 1_000, 2_000]);
    expect(sent.map((r) => r.at)).toEqual([0, 500, 1_500, 3_500]);
    expect(log).toEqual([
      "HipChat at https://h failed with a server error for room 'A' (HipChat said: 503 Service Unavailable). Sending again in 0.5 s (attempt 2 of at most 4).",
      "Could not reach HipChat at https://h for room 'A': connect ECONNREFUSED 127.0.0.1:9. Sending again in 1 s (attempt 3 of at most 4).",
      "HipChat at https://h failed with a server error for room 'A' (HipChat said: 502). Sending again in 2 s (attempt 4 of at most 4).",
    ]);
  });

  it('stops when the retries are used up, and says after how many attempts', async () => {
    const { sent, run } = setup(script(response(500)), { retry: { retries: 2, timeoutMs: 10_000 } });
    const [result] = await run();
    expect(sent).toHaveLength(3);
    expect(result).toMatchObject({ ok: false, status: 500, attempts: 3 });
    expect(result?.error).toBe(
      "HipChat at https://h failed with a server error for room 'A' (HipChat said: 500). Gave up after 3 attempts.",
    );
  });

  it.each([400, 401, 403, 404])('never retries a %i', async (status) => {
    const { sent, sleeps, run } = setup(script(response(status, { error: { message: 'no' } })));
    const [result] = await run();
    expect(sent).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(result).toMatchObject({ ok: false, status, attempts: 1 });
    expect(result?.error).not.toMatch(/Gave up/);
  });

  it('never retries a certificate the runner does not trust, and names ca_cert and tls_verify', async () => {
    const untrusted = Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    const { sent, run } = setup(script(untrusted));
    const [result] = await run();
    expect(sent).toHaveLength(1);
    expect(result?.error).toBe(
      "Could not reach HipChat at https://h for room 'A': self-signed certificate in certificate chain (SELF_SIGNED_CERT_IN_CHAIN). The server's certificate is not signed by a CA the runner trusts: give the certificate of the CA that signed it in ca_cert (PEM text or a file), or, only if you accept that anyone on the way can read the token, set tls_verify: false.",
    );
  });

  it('finds a certificate error that a proxy error wraps', async () => {
    const wrapped = Object.assign(
      new Error('Secure Proxy Connection failed', {
        cause: Object.assign(new Error("Hostname/IP does not match certificate's altnames"), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }),
      }),
      { code: 'UND_ERR_PRX_TLS' },
    );
    const { sent, run } = setup(script(wrapped));
    const [result] = await run();
    expect(sent).toHaveLength(1);
    expect(result?.error).toMatch(
      /Secure Proxy Connection failed \(UND_ERR_PRX_TLS\)\. The certificate was issued for another host name: put a host name it names in server_url\.$/,
    );
  });

  it('waits for the reset a 429 names, then sends once more', async () => {
    const limited = response(
      429,
      { error: { message: 'Rate Limit exceeded' } },
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(T0 / 1000 + 2) },
    );
    const { sent, sleeps, log, run } = setup(script(limited, response(204)));
    expect(await run()).toEqual([{ room: 'A', ok: true, status: 204, attempts: 2 }]);
    expect(sleeps).toEqual([2_000]);
    expect(sent.map((r) => r.at)).toEqual([0, 2_000]);
    expect(log[0]).toBe(
      "HipChat's rate limit for the token stopped the notification for room 'A' (HipChat said: 429 Rate Limit exceeded). It resets at 2023-11-14T22:13:22.000Z. Sending again in 2 s (attempt 2 of at most 4).",
    );
  });

  it('fails at once, naming the limit and the reset, when the reset is beyond the budget', async () => {
    const flood = response(
      429,
      { error: { message: 'Flood control' } },
      { 'x-floodcontrol-remaining': '0', 'x-floodcontrol-reset': String(T0 / 1000 + 60) },
    );
    const { sent, sleeps, run } = setup(script(flood));
    const [result] = await run();
    expect(sent).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(result?.error).toBe(
      "HipChat's flood control for the room stopped the notification for room 'A' (HipChat said: 429 Flood control). It resets at 2023-11-14T22:14:20.000Z. The action did not wait: that is beyond the 47 s it may spend on a room (timeout × (retries + 1), plus the waits between attempts).",
    );
  });

  it('bounds each attempt by the time left after a long wait, and stops when another would not fit', async () => {
    // retries 3 and timeout 2 s give a budget of 8 s + 1 s + 2 s + 4 s = 15 s; the reset takes 13.5 s of it.
    const limited = response(429, '', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(T0 / 1000 + 13.5) });
    let sends = 0;
    const { sent, advance, run } = setup(
      async (_request, { timeoutMs }) => {
        sends += 1;
        if (sends === 1) return limited;
        advance(timeoutMs);
        throw new RequestTimeout(timeoutMs);
      },
      { retry: { retries: 3, timeoutMs: 2_000 } },
    );
    const [result] = await run();
    expect(sent.map(({ at, timeoutMs }) => [at, timeoutMs])).toEqual([
      [0, 2_000],
      [13_500, 1_500],
    ]);
    expect(result).toMatchObject({ ok: false, status: 0, attempts: 2 });
    expect(result?.error).toBe(
      "HipChat at https://h gave no complete answer for room 'A' within 1.5 s; it may have taken the notification all the same. Gave up after 2 attempts: another would not fit in the 15 s it may spend on a room (timeout × (retries + 1), plus the waits between attempts).",
    );
  });
});
