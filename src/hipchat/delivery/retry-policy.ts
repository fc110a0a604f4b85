import { type ExhaustedLimit, lastReset } from './rate-limit.js';

export interface RetrySettings {
  /** How many times a room's notification may be sent again after the first attempt. */
  readonly retries: number;
  /** The longest one attempt may take, in ms. */
  readonly timeoutMs: number;
}

/**
 * Why an attempt did not deliver, as far as sending again goes.
 *
 * A refusal because of a limit delivered nothing, so sending again after it cannot duplicate the message.
 * No answer is different: when the connection drops or the time runs out after the request went out, HipChat may
 * have accepted it, and sending again can deliver it twice. It is retried anyway, because a lost notification is
 * worse than a duplicate one.
 */
export type AttemptFailure =
  /** The connection failed or dropped, or the attempt timed out. */
  | { readonly kind: 'no-answer' }
  /** A 5xx: the server, or a proxy in front of it, is failing or restarting. */
  | { readonly kind: 'server-error' }
  /** Refused because a limit is used up; `limits` holds those the headers name, with their resets. */
  | { readonly kind: 'rate-limited'; readonly limits: readonly ExhaustedLimit[] }
  /** An answer the same request would get again: a bad request, token, scope, room or certificate. */
  | { readonly kind: 'final' };

export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly reason: 'final' | 'no-retries-left' | 'out-of-time' };

export interface RetryQuestion {
  /** Attempts made so far, the failed one included. */
  readonly attempt: number;
  readonly failure: AttemptFailure;
  readonly nowMs: number;
  /** When the room's time budget runs out. */
  readonly deadlineMs: number;
  readonly settings: RetrySettings;
  /** Uniform in [0, 1), as Math.random. */
  readonly random: () => number;
}

const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 10_000;
/** Less time than this, and a last attempt would most likely time out, maybe after the server took the message. */
const MIN_ATTEMPT_MS = 1_000;
/** Spread after a reset, so the jobs that share a token do not all come back in the same instant. */
const RESET_SPREAD_MS = 1_000;

/** The longest backoff before retry number `retry`: 1 s, 2 s, 4 s and so on, at most 10 s. */
function backoffCeilingMs(retry: number): number {
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (retry - 1));
}

/**
 * The time a room may take: a timeout for each attempt that `retries` allows plus the longest backoff between them,
 * so that every attempt fits even when each one times out. A wait for a limit's reset must fit in it too.
 */
export function budgetMs(settings: RetrySettings): number {
  let waits = 0;
  for (let retry = 1; retry <= settings.retries; retry += 1) waits += backoffCeilingMs(retry);
  return (settings.retries + 1) * settings.timeoutMs + waits;
}

/** Whether to send again after a failed attempt, and after how long; never past the deadline. */
export function decideRetry(question: RetryQuestion): RetryDecision {
  const { attempt, failure, settings } = question;
  if (failure.kind === 'final') return { retry: false, reason: 'final' };
  if (attempt > settings.retries) return { retry: false, reason: 'no-retries-left' };
  const delayMs = delayBefore(question);
  const nextAttemptMs = Math.min(settings.timeoutMs, MIN_ATTEMPT_MS);
  if (question.nowMs + delayMs + nextAttemptMs > question.deadlineMs) return { retry: false, reason: 'out-of-time' };
  return { retry: true, delayMs };
}

function delayBefore({ attempt, failure, nowMs, random }: RetryQuestion): number {
  const reset = failure.kind === 'rate-limited' ? lastReset(failure.limits) : undefined;
  if (reset !== undefined) return Math.max(0, reset * 1000 - nowMs) + random() * RESET_SPREAD_MS;
  // Exponential backoff with equal jitter: half the delay is fixed, so a retry never comes back at once, and half
  // is random, so the jobs that failed together do not retry together.
  const ceiling = backoffCeilingMs(attempt);
  return ceiling / 2 + random() * (ceiling / 2);
}
