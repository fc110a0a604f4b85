import type { NotificationApi } from '../endpoints/notification.js';
import type { HttpResponse, HttpTransport } from '../transport/http.js';
import { describeNetworkFailure } from './network-failure.js';
import { exhaustedLimits } from './rate-limit.js';
import { type AttemptFailure, budgetMs, decideRetry, type RetryDecision, type RetrySettings } from './retry-policy.js';

export interface RoomResult {
  readonly room: string;
  readonly ok: boolean;
  /** The HTTP status of the last answer; 0 when no answer came. */
  readonly status: number;
  readonly attempts: number;
  readonly error?: string;
}

/** Time, injected so that tests need not wait. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface Delivery {
  readonly transport: HttpTransport;
  readonly api: NotificationApi;
  readonly serverUrl: string;
  readonly rooms: readonly string[];
  readonly retry: RetrySettings;
  readonly clock: Clock;
  /** Uniform in [0, 1), as Math.random. */
  readonly random: () => number;
  /** Told about each failed attempt that is followed by another. */
  readonly log: (message: string) => void;
}

/** One attempt's outcome: `failure` is absent when the room got the notification. */
interface Attempt {
  readonly status: number;
  readonly failure?: AttemptFailure;
  readonly message: string;
}

function failureOf(api: NotificationApi, response: HttpResponse): AttemptFailure {
  if (response.status === api.rateLimitStatus) return { kind: 'rate-limited', limits: exhaustedLimits(response.headers) };
  if (response.status >= 500) return { kind: 'server-error' };
  return { kind: 'final' };
}

async function attempt(delivery: Delivery, room: string, timeoutMs: number): Promise<Attempt> {
  let response: HttpResponse;
  try {
    response = await delivery.transport.send(delivery.api.request(room), { timeoutMs });
  } catch (error) {
    const { message, final } = describeNetworkFailure(room, delivery.serverUrl, error);
    return { status: 0, failure: { kind: final ? 'final' : 'no-answer' }, message };
  }
  if (delivery.api.delivered(response)) return { status: response.status, message: '' };
  return { status: response.status, failure: failureOf(delivery.api, response), message: delivery.api.describe(room, response) };
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

function giveUpNote(
  decision: Extract<RetryDecision, { retry: false }>,
  failure: AttemptFailure,
  attempts: number,
  retry: RetrySettings,
): string {
  const budget = `the ${seconds(budgetMs(retry))} it may spend on a room (timeout × (retries + 1), plus the waits between attempts)`;
  if (decision.reason === 'out-of-time' && failure.kind === 'rate-limited' && failure.limits.length > 0) {
    return ` The action did not wait: that is beyond ${budget}.`;
  }
  if (decision.reason === 'out-of-time') {
    return ` Gave up after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}: another would not fit in ${budget}.`;
  }
  return attempts > 1 ? ` Gave up after ${attempts} attempts.` : '';
}

async function deliverToRoom(delivery: Delivery, room: string): Promise<RoomResult> {
  const { clock, retry } = delivery;
  const deadlineMs = clock.now() + budgetMs(retry);
  for (let attempts = 1; ; attempts += 1) {
    const outcome = await attempt(delivery, room, Math.min(retry.timeoutMs, deadlineMs - clock.now()));
    const { failure } = outcome;
    if (!failure) return { room, ok: true, status: outcome.status, attempts };

    const decision = decideRetry({ attempt: attempts, failure, nowMs: clock.now(), deadlineMs, settings: retry, random: delivery.random });
    if (!decision.retry) {
      return { room, ok: false, status: outcome.status, attempts, error: outcome.message + giveUpNote(decision, failure, attempts, retry) };
    }
    delivery.log(
      `${outcome.message} Sending again in ${seconds(decision.delayMs)} (attempt ${attempts + 1} of at most ${retry.retries + 1}).`,
    );
    await clock.sleep(decision.delayMs);
  }
}

/** Sends to every room at once, each with its own retries and time budget; one room's failure never stops the others. */
export function deliverToRooms(delivery: Delivery): Promise<RoomResult[]> {
  return Promise.all(delivery.rooms.map((room) => deliverToRoom(delivery, room)));
}
