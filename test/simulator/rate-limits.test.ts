import { describe, expect, it } from 'vitest';
import { consume, type LimitPolicy, RateLimiter } from './rate-limits.ts';
import { manualClock, T0 } from './test-helpers.ts';

const POLICY: LimitPolicy = { limit: 2, windowSeconds: 60 };

describe('consume', () => {
  it('opens a window at the first request and refuses once the limit is used', () => {
    const first = consume(undefined, POLICY, T0);
    expect(first).toEqual({
      allowed: true,
      state: { startedAtMs: T0, used: 1 },
      quota: { limit: 2, remaining: 1, reset: T0 / 1000 + 60 },
    });
    const second = consume(first.state, POLICY, T0 + 59_000);
    expect(second.quota).toEqual({ limit: 2, remaining: 0, reset: T0 / 1000 + 60 });
    const third = consume(second.state, POLICY, T0 + 59_999);
    expect(third).toEqual({ allowed: false, state: second.state, quota: second.quota });
  });

  it('starts a new window once the old one has ended', () => {
    const exhausted = { startedAtMs: T0, used: 2 };
    expect(consume(exhausted, POLICY, T0 + 60_000)).toEqual({
      allowed: true,
      state: { startedAtMs: T0 + 60_000, used: 1 },
      quota: { limit: 2, remaining: 1, reset: T0 / 1000 + 120 },
    });
  });

  it('rounds a reset that falls mid-second up, so clients never retry early', () => {
    expect(consume(undefined, POLICY, T0 + 1).quota.reset).toBe(T0 / 1000 + 61);
  });
});

describe('RateLimiter', () => {
  it('keeps separate windows per key, and peek() does not count', () => {
    const clock = manualClock(T0);
    const limiter = new RateLimiter(clock.now);
    limiter.consume('a', POLICY);
    expect(limiter.peek('a', POLICY).remaining).toBe(1);
    expect(limiter.peek('a', POLICY).remaining).toBe(1);
    expect(limiter.peek('b', POLICY)).toEqual({ limit: 2, remaining: 2, reset: T0 / 1000 + 60 });
    expect(limiter.peek(undefined, POLICY).remaining).toBe(2);

    clock.advance(60_000);
    expect(limiter.peek('a', POLICY)).toEqual({ limit: 2, remaining: 2, reset: T0 / 1000 + 120 });
  });

  it('forgets everything on clear()', () => {
    const limiter = new RateLimiter(() => T0);
    limiter.consume('a', POLICY);
    limiter.consume('a', POLICY);
    expect(limiter.consume('a', POLICY).allowed).toBe(false);
    limiter.clear();
    expect(limiter.consume('a', POLICY).allowed).toBe(true);
  });
});
