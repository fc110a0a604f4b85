import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from './server.ts';
import { limitHeaders, manualClock, postNotification, T0, T0_SECONDS, UNTOUCHED_HEADERS } from './test-helpers.ts';

let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator({
    rooms: [
      { id: 1, name: 'Operations' },
      { id: 2, name: 'Dev Ops' },
    ],
    now: manualClock(T0).now,
  });
});
afterEach(() => sim.close());

const hi = { message: 'hi' };

describe('status faults', () => {
  it('answers once with the status, a HipChat envelope and the limit headers, then recovers', async () => {
    sim.injectFault({ fault: { kind: 'status', status: 500 } });
    const failed = await postNotification(sim, 'Operations', hi);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({
      error: { code: 500, message: 'Internal Server Error', type: 'Internal Server Error' },
    });
    expect(limitHeaders(failed)).toEqual(UNTOUCHED_HEADERS);
    expect(sim.delivered).toEqual([]);
    expect(sim.requests[0]?.status).toBe(500);

    expect((await postNotification(sim, 'Operations', hi)).status).toBe(204);
  });

  it('sends a custom body and headers, e.g. a proxy error page', async () => {
    sim.injectFault({
      fault: { kind: 'status', status: 503, body: '<html>Service Unavailable</html>', headers: { 'Retry-After': '7' } },
    });
    const failed = await postNotification(sim, 'Operations', hi);
    expect(failed.status).toBe(503);
    expect(failed.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(failed.headers.get('retry-after')).toBe('7');
    expect(await failed.text()).toBe('<html>Service Unavailable</html>');
    expect(sim.requests[0]?.response).toBe('<html>Service Unavailable</html>');
  });

  it('applies `times` and keeps Infinity rules', async () => {
    sim.injectFault({ fault: { kind: 'status', status: 502 }, times: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await postNotification(sim, 'Operations', hi)).status);
    expect(statuses).toEqual([502, 502, 204]);

    sim.injectFault({ fault: { kind: 'status', status: 500 }, times: Infinity });
    for (let i = 0; i < 3; i += 1) expect((await postNotification(sim, 'Operations', hi)).status).toBe(500);
  });

  it('refuses a rule that could never apply', () => {
    expect(() => sim.injectFault({ fault: { kind: 'drop' }, times: 0 })).toThrow(RangeError);
  });
});

describe('room-scoped rules and ordering', () => {
  it('applies a rule only to its room, named by decoded name or id', async () => {
    sim.injectFault({ fault: { kind: 'status', status: 500 }, room: 'Dev Ops' });
    sim.injectFault({ fault: { kind: 'status', status: 502 }, room: '1' });
    expect((await postNotification(sim, 'Operations', hi)).status).toBe(502);
    expect((await postNotification(sim, 'Operations', hi)).status).toBe(204);
    expect((await postNotification(sim, '2', hi)).status).toBe(500);
  });

  it('uses the first matching rule, in the order added', async () => {
    sim.injectFault({ fault: { kind: 'status', status: 500 } });
    sim.injectFault({ fault: { kind: 'status', status: 503 } });
    expect((await postNotification(sim, 'Operations', hi)).status).toBe(500);
    expect((await postNotification(sim, 'Operations', hi)).status).toBe(503);
  });
});

describe('delay', () => {
  it('waits, then answers normally', async () => {
    sim.injectFault({ fault: { kind: 'delay', ms: 150 } });
    const started = performance.now();
    const response = await postNotification(sim, 'Operations', hi);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(response.status).toBe(204);
    expect(sim.delivered).toHaveLength(1);
  });

  it('does not hold close() up', async () => {
    sim.injectFault({ fault: { kind: 'delay', ms: 60_000 } });
    const pending = postNotification(sim, 'Operations', hi);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await sim.close();
    await expect(pending).rejects.toThrow();
  });
});

describe('drop', () => {
  it('destroys the connection without an answer and records status 0', async () => {
    sim.injectFault({ fault: { kind: 'drop' } });
    await expect(postNotification(sim, 'Operations', hi)).rejects.toThrow('fetch failed');
    expect(sim.requests).toHaveLength(1);
    expect(sim.requests[0]).toMatchObject({ status: 0, response: null, body: hi, tokenUsed: 'sim-token' });
    expect(sim.delivered).toEqual([]);
    expect((await postNotification(sim, 'Operations', hi)).status).toBe(204);
  });
});

describe('rate-limit faults', () => {
  it('429s like an exhausted token budget', async () => {
    sim.injectFault({ fault: { kind: 'rate-limit', scope: 'token', resetInSeconds: 42 } });
    const limited = await postNotification(sim, 'Operations', hi);
    expect(limited.status).toBe(429);
    expect(await limited.text()).toBe('{"error":{"code":429,"message":"Rate Limit exceeded","type":"Too Many Requests"}}');
    expect(limitHeaders(limited)).toEqual({
      ...UNTOUCHED_HEADERS,
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(T0_SECONDS + 42),
    });
    expect(sim.delivered).toEqual([]);
  });

  it('429s like a flooded room', async () => {
    sim.injectFault({ fault: { kind: 'rate-limit', scope: 'room', resetInSeconds: 5 } });
    const limited = await postNotification(sim, 'Operations', hi);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({
      error: {
        code: 429,
        message: 'Flood control limit exceeded: too many messages sent to this room',
        type: 'Too Many Requests',
      },
    });
    expect(limitHeaders(limited)).toEqual({
      ...UNTOUCHED_HEADERS,
      'x-floodcontrol-remaining': '0',
      'x-floodcontrol-reset': String(T0_SECONDS + 5),
    });
  });
});
