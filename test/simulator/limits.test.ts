import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, type SimulatorOptions, startSimulator } from './server.ts';
import { limitHeaders, manualClock, postNotification, T0, T0_SECONDS } from './test-helpers.ts';

let sim: Simulator;
let clock: ReturnType<typeof manualClock>;
async function start(options: SimulatorOptions): Promise<void> {
  clock = manualClock(T0);
  sim = await startSimulator({ now: clock.now, ...options });
}
afterEach(() => sim.close());

describe('per-token rate limit', () => {
  it('counts down, 429s when exhausted without delivering, and resets at the window end', async () => {
    await start({ rateLimit: { limit: 3, windowSeconds: 60 } });
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await postNotification(sim, 'Operations', { message: `m${i}` });
      expect(response.status).toBe(204);
      remaining.push(response.headers.get('x-ratelimit-remaining'));
      clock.advance(10_000);
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const limited = await postNotification(sim, 'Operations', { message: 'one too many' });
    expect(limited.status).toBe(429);
    expect(await limited.text()).toBe('{"error":{"code":429,"message":"Rate Limit exceeded","type":"Too Many Requests"}}');
    expect(limitHeaders(limited)).toMatchObject({
      'x-ratelimit-limit': '3',
      'x-ratelimit-remaining': '0',
      // The window opened with the first request, not the latest one.
      'x-ratelimit-reset': String(T0_SECONDS + 60),
    });
    expect(sim.delivered.map((notification) => notification.body.message)).toEqual(['m0', 'm1', 'm2']);

    clock.advance(30_000);
    const afterReset = await postNotification(sim, 'Operations', { message: 'again' });
    expect(afterReset.status).toBe(204);
    expect(limitHeaders(afterReset)).toMatchObject({
      'x-ratelimit-remaining': '2',
      'x-ratelimit-reset': String(T0_SECONDS + 60 + 60),
    });
  });

  it('counts rejected but authenticated calls, not unauthenticated ones', async () => {
    await start({ rateLimit: { limit: 5, windowSeconds: 300 } });
    const invalid = await postNotification(sim, 'Operations', { color: 'red' });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('x-ratelimit-remaining')).toBe('4');
    const unknownRoom = await postNotification(sim, 'Nowhere', { message: 'hi' });
    expect(unknownRoom.headers.get('x-ratelimit-remaining')).toBe('3');
    const anonymous = await postNotification(sim, 'Operations', { message: 'hi' }, { token: null });
    expect(anonymous.headers.get('x-ratelimit-remaining')).toBe('5');
    const ok = await postNotification(sim, 'Operations', { message: 'hi' });
    expect(ok.headers.get('x-ratelimit-remaining')).toBe('2');
  });

  it('keeps one budget per token', async () => {
    await start({ rateLimit: { limit: 1, windowSeconds: 300 }, tokens: [{ token: 'a' }, { token: 'b' }] });
    expect((await postNotification(sim, 'Operations', { message: 'hi' }, { token: 'a' })).status).toBe(204);
    expect((await postNotification(sim, 'Operations', { message: 'hi' }, { token: 'a' })).status).toBe(429);
    expect((await postNotification(sim, 'Operations', { message: 'hi' }, { token: 'b' })).status).toBe(204);
  });
});

describe('per-room flood control', () => {
  const rooms = [
    { id: 1, name: 'Operations' },
    { id: 2, name: 'Dev Ops' },
  ];

  it('429s the room that is flooded, leaves other rooms alone, and resets after its window', async () => {
    await start({ rooms, floodControl: { limit: 2, windowSeconds: 60 } });
    const first = await postNotification(sim, 'Operations', { message: 'm1' });
    expect(limitHeaders(first)).toMatchObject({
      'x-floodcontrol-limit': '2',
      'x-floodcontrol-remaining': '1',
      'x-floodcontrol-reset': String(T0_SECONDS + 60),
    });
    expect((await postNotification(sim, 'Operations', { message: 'm2' })).status).toBe(204);

    const flooded = await postNotification(sim, 'Operations', { message: 'm3' });
    expect(flooded.status).toBe(429);
    expect(await flooded.json()).toEqual({
      error: {
        code: 429,
        message: 'Flood control limit exceeded: too many messages sent to this room',
        type: 'Too Many Requests',
      },
    });
    expect(limitHeaders(flooded)).toEqual({
      'x-ratelimit-limit': '100',
      'x-ratelimit-remaining': '97',
      'x-ratelimit-reset': String(T0_SECONDS + 300),
      'x-floodcontrol-limit': '2',
      'x-floodcontrol-remaining': '0',
      'x-floodcontrol-reset': String(T0_SECONDS + 60),
    });

    const otherRoom = await postNotification(sim, 'Dev%20Ops', { message: 'elsewhere' });
    expect(otherRoom.status).toBe(204);
    expect(otherRoom.headers.get('x-floodcontrol-remaining')).toBe('1');

    clock.advance(60_000);
    expect((await postNotification(sim, 'Operations', { message: 'm4' })).status).toBe(204);
    expect(sim.deliveredTo('Operations').map((notification) => notification.body.message)).toEqual(['m1', 'm2', 'm4']);
  });

  it('does not count messages that failed validation', async () => {
    await start({ rooms, floodControl: { limit: 1, windowSeconds: 60 } });
    const invalid = await postNotification(sim, 'Operations', { message: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('x-floodcontrol-remaining')).toBe('1');
    expect((await postNotification(sim, 'Operations', { message: 'valid' })).status).toBe(204);
  });
});
