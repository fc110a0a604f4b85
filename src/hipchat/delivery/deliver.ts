import type { HipChatCall } from '../endpoints/types.js';
import { type HttpResponse, type HttpTransport, seconds } from '../transport/http.js';
import { exhaustedLimits } from './rate-limit.js';
import { type AttemptFailure, budgetMs, decideRetry, type RetryDecision, type RetrySettings } from './retry-policy.js';

/** Time, injected so that tests need not wait. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** What every call of a run shares: one connection pool, the retry settings, time and chance, and the log. */
export interface Session {
  readonly transport: HttpTransport;
  readonly retry: RetrySettings;
  readonly clock: Clock;
  /** Uniform in [0, 1), as Math.random. */
  readonly random: () => number;
  /** Told about each failed attempt that is followed by another. */
  readonly log: (message: string) => void;
}

/** How a call ended: the answer's value, or why there was none. `status` is that of the last answer, 0 for none. */
export type CallResult<T> =
  | { readonly ok: true; readonly status: number; readonly attempts: number; readonly value: T }
  | { readonly ok: false; readonly status: number; readonly attempts: number; readonly error: string };

/** One room's outcome, as the outputs and the summary report it. */
export interface RoomResult {
  readonly room: string;
  readonly ok: boolean;
  /** The HTTP status of the last answer; 0 when no answer came. */
  readonly status: number;
  readonly attempts: number;
  readonly error?: string;
  /** The id of the message posted, when the endpoint answers with one. */
  readonly message_id?: string;
  /** The message whose thread got the reply. */
  readonly reply_to?: string;
  /** The message a reply was meant for, which HipChat said is gone: a plain message went out instead. */
  readonly parent_gone?: string;
}

/** One attempt's outcome: `failure` is absent when the call succeeded. */
type Attempt<T> =
  | { readonly status: number; readonly answer: { readonly value: T }; readonly failure?: undefined }
  | { readonly status: number; readonly failure: AttemptFailure; readonly message: string };

function failureOf(call: HipChatCall<unknown>, response: HttpResponse): AttemptFailure {
  if (response.status === call.rateLimitStatus) return { kind: 'rate-limited', limits: exhaustedLimits(response.headers) };
  if (response.status >= 500) return { kind: 'server-error' };
  return { kind: 'final' };
}

async function attempt<T>(session: Session, call: HipChatCall<T>, timeoutMs: number): Promise<Attempt<T>> {
  let response: HttpResponse;
  try {
    response = await session.transport.send(call.request, { timeoutMs });
  } catch (error) {
    // Most runs never meet a failed connection: as with call.describe, the advice loads when one fails.
    const { describeNetworkFailure } = await import('./network-failure.js');
    const { message, final } = describeNetworkFailure(call, error);
    return { status: 0, failure: { kind: final ? 'final' : 'no-answer' }, message };
  }
  const answer = call.read(response);
  if (answer) return { status: response.status, answer };
  return { status: response.status, failure: failureOf(call, response), message: await call.describe(response) };
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

/**
 * Makes one call to HipChat, sending it again after a failure that another attempt may get past (no answer, a 5xx,
 * a used-up limit) within the call's time budget. Every endpoint goes through here, so flood control, retries and
 * advice behave alike for all of them.
 */
export async function callHipChat<T>(session: Session, call: HipChatCall<T>): Promise<CallResult<T>> {
  const { clock, retry } = session;
  const deadlineMs = clock.now() + budgetMs(retry);
  for (let attempts = 1; ; attempts += 1) {
    // The budget holds a whole first attempt; later ones get what is left of it.
    const timeoutMs = attempts === 1 ? retry.timeoutMs : Math.min(retry.timeoutMs, deadlineMs - clock.now());
    const outcome = await attempt(session, call, timeoutMs);
    if (!outcome.failure) return { ok: true, status: outcome.status, attempts, value: outcome.answer.value };

    const { failure } = outcome;
    const decision = decideRetry({ attempt: attempts, failure, nowMs: clock.now(), deadlineMs, settings: retry, random: session.random });
    if (!decision.retry) {
      return { ok: false, status: outcome.status, attempts, error: outcome.message + giveUpNote(decision, failure, attempts, retry) };
    }
    session.log(
      `${outcome.message} Sending again in ${seconds(decision.delayMs)} (attempt ${attempts + 1} of at most ${retry.retries + 1}).`,
    );
    await clock.sleep(decision.delayMs);
  }
}

/** A call's outcome for one room, with the message id when the endpoint answered with one. */
export function roomResult(room: string, result: CallResult<string | undefined>): RoomResult {
  if (!result.ok) return { room, ok: false, status: result.status, attempts: result.attempts, error: result.error };
  return { room, ok: true, status: result.status, attempts: result.attempts, ...(result.value && { message_id: result.value }) };
}

/** Calls for every room at once, each with its own retries and time budget; one room's failure never stops the others. */
export function deliverToRooms(
  session: Session,
  rooms: readonly string[],
  callFor: (room: string) => HipChatCall<string | undefined>,
): Promise<RoomResult[]> {
  return Promise.all(rooms.map(async (room) => roomResult(room, await callHipChat(session, callFor(room)))));
}
