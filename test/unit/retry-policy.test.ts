import { describe, expect, it } from 'vitest';
import { type AttemptFailure, budgetMs, decideRetry, type RetryQuestion } from '../../src/hipchat/delivery/retry-policy.js';

const NOW = 1_700_000_000_000;
const settings = { retries: 3, timeoutMs: 10_000 };

function ask(failure: AttemptFailure, change: Partial<RetryQuestion> = {}): ReturnType<typeof decideRetry> {
  return decideRetry({ attempt: 1, failure, nowMs: NOW, deadlineMs: NOW + budgetMs(settings), settings, random: () => 0, ...change });
}

const noAnswer = { kind: 'no-answer' } as const;
const serverError = { kind: 'server-error' } as const;

describe('budgetMs', () => {
  it('allows a timeout per attempt and the longest backoff between them', () => {
    expect(budgetMs({ retries: 3, timeoutMs: 10_000 })).toBe(40_000 + 1_000 + 2_000 + 4_000);
    expect(budgetMs({ retries: 0, timeoutMs: 5_000 })).toBe(5_000);
    expect(budgetMs({ retries: 6, timeoutMs: 1_000 })).toBe(7_000 + 1_000 + 2_000 + 4_000 + 8_000 + 10_000 + 10_000);
  });

  it('fits every attempt even when each one times out after the longest wait', () => {
    const tight = { retries: 4, timeoutMs: 1_000 };
    let now = NOW;
    const deadlineMs = NOW + budgetMs(tight);
    for (let attempt = 1; attempt <= tight.retries; attempt += 1) {
      now += tight.timeoutMs;
      const decision = decideRetry({ attempt, failure: noAnswer, nowMs: now, deadlineMs, settings: tight, random: () => 0.999_999 });
      expect(decision.retry).toBe(true);
      if (decision.retry) now += decision.delayMs;
    }
    expect(now + tight.timeoutMs).toBeLessThanOrEqual(deadlineMs);
  });
});

describe('decideRetry', () => {
  it('never retries an answer that would come again', () => {
    expect(ask({ kind: 'final' })).toEqual({ retry: false, reason: 'final' });
  });

  it.each([noAnswer, serverError])('retries %j until the retries are used up', (failure) => {
    expect(ask(failure, { attempt: 3 }).retry).toBe(true);
    expect(ask(failure, { attempt: 4 })).toEqual({ retry: false, reason: 'no-retries-left' });
    expect(ask(failure, { settings: { ...settings, retries: 0 } })).toEqual({ retry: false, reason: 'no-retries-left' });
  });

  it('backs off exponentially with equal jitter: between half and all of 1 s, 2 s, 4 s, ... capped at 10 s', () => {
    const many = { retries: 10, timeoutMs: 60_000 };
    const delay = (attempt: number, random: number) => {
      const decision = ask(serverError, { attempt, random: () => random, settings: many, deadlineMs: NOW + budgetMs(many) });
      return decision.retry ? decision.delayMs : undefined;
    };
    expect([1, 2, 3, 4, 5, 6].map((attempt) => delay(attempt, 0))).toEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000]);
    expect([1, 2, 3, 4, 5, 6].map((attempt) => delay(attempt, 0.5))).toEqual([750, 1_500, 3_000, 6_000, 7_500, 7_500]);
    expect(delay(10, 0.999_999)).toBeCloseTo(10_000, 0);
  });

  it('waits until a used-up limit resets, plus a spread of up to a second', () => {
    const limits = [
      { limit: 'rate limit', resetsAt: NOW / 1000 + 2 },
      { limit: 'flood control', resetsAt: NOW / 1000 + 5 },
    ] as const;
    expect(ask({ kind: 'rate-limited', limits })).toEqual({ retry: true, delayMs: 5_000 });
    expect(ask({ kind: 'rate-limited', limits }, { random: () => 0.5 })).toEqual({ retry: true, delayMs: 5_500 });
    expect(ask({ kind: 'rate-limited', limits: [{ limit: 'rate limit', resetsAt: NOW / 1000 - 3 }] })).toEqual({ retry: true, delayMs: 0 });
  });

  it('backs off when a refusal does not say when the limit resets', () => {
    expect(ask({ kind: 'rate-limited', limits: [] }, { attempt: 2 })).toEqual({ retry: true, delayMs: 1_000 });
  });

  it('gives up at once when the reset is beyond the budget, however many retries are left', () => {
    const limits = [{ limit: 'flood control', resetsAt: NOW / 1000 + 50 }] as const;
    expect(ask({ kind: 'rate-limited', limits })).toEqual({ retry: false, reason: 'out-of-time' });
    expect(ask({ kind: 'rate-limited', limits }, { deadlineMs: NOW + 62_000 }).retry).toBe(true);
  });

  it('never waits past the deadline, and leaves the next attempt a second or its timeout', () => {
    expect(ask(serverError, { deadlineMs: NOW + 1_500 })).toEqual({ retry: true, delayMs: 500 });
    expect(ask(serverError, { deadlineMs: NOW + 1_499 })).toEqual({ retry: false, reason: 'out-of-time' });
    const short = { retries: 3, timeoutMs: 300 };
    expect(ask(serverError, { settings: short, deadlineMs: NOW + 800 })).toEqual({ retry: true, delayMs: 500 });
    expect(ask(serverError, { settings: short, deadlineMs: NOW + 799 })).toEqual({ retry: false, reason: 'out-of-time' });
  });
});
