import type { HttpResponse } from '../transport/http.js';
import { exhaustedLimits, lastReset } from './rate-limit.js';

/** HipChat's error envelope (hipchat-api.md §2.4); validation errors add field, validation and expected_type. */
interface ErrorEnvelope {
  code?: number;
  message?: string;
  type?: string;
  field?: string;
  validation?: string;
  expected_type?: unknown;
  reason?: string;
}

const MAX_SERVER_TEXT = 300;

function envelopeOf(body: string): ErrorEnvelope | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    const error = (parsed as { error?: unknown } | null)?.error;
    return error !== null && typeof error === 'object' ? (error as ErrorEnvelope) : undefined;
  } catch {
    return undefined;
  }
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_SERVER_TEXT ? `${oneLine.slice(0, MAX_SERVER_TEXT)}…` : oneLine;
}

function serverSays(response: HttpResponse, envelope: ErrorEnvelope | undefined): string {
  const text = envelope?.message ?? clip(response.body);
  return text ? `${response.status} ${clip(text)}` : String(response.status);
}

/** What HipChat answered, in a form to quote: `(HipChat said: 404 Room Nowhere not found)`. */
export function hipchatSaid(response: HttpResponse): string {
  return `(HipChat said: ${serverSays(response, envelopeOf(response.body))})`;
}

const LIMIT_NAMES = { 'rate limit': 'rate limit for the token', 'flood control': 'flood control for the room' } as const;

/**
 * A refusal because a limit is used up (429 on v2, 403 on v1): which limit, and when it resets, so that
 * nobody re-runs the job before then.
 */
export function describeRateLimit(room: string, response: HttpResponse): string {
  const limits = exhaustedLimits(response.headers);
  const names = limits.map(({ limit }) => LIMIT_NAMES[limit]).join(' and ') || 'rate limit';
  const reset = lastReset(limits);
  const when = reset === undefined ? '' : ` It resets at ${new Date(reset * 1000).toISOString()}.`;
  return `HipChat's ${names} stopped the notification for room '${room}' ${hipchatSaid(response)}.${when}`;
}

/** Turns a HipChat error response into a sentence that says what went wrong and what to do about it. */
export function describeFailure(room: string, serverUrl: string, response: HttpResponse): string {
  const envelope = envelopeOf(response.body);
  const says = hipchatSaid(response);
  switch (response.status) {
    case 400: {
      const field = envelope?.field ? ` in field '${envelope.field}'` : '';
      const why = envelope?.reason ? `: ${clip(envelope.reason)}` : '';
      return `HipChat rejected the notification for room '${room}'${field}${why} ${says}.`;
    }
    case 401:
      return `HipChat did not accept the token for room '${room}' ${says}: check that the token input holds a valid, unexpired v2 token with the send_notification scope (v1 admin tokens do not work on v2).`;
    case 403:
      return `The token may not send notifications to room '${room}' ${says}: it needs the send_notification scope, and a room notification token works only in its own room.`;
    case 404:
      return `Room '${room}' was not found on ${serverUrl} ${says}: room names are case-sensitive; check the name or use the room's numeric id.`;
    case 429:
      return describeRateLimit(room, response);
    default:
      if (response.status >= 500) return `HipChat at ${serverUrl} failed with a server error for room '${room}' ${says}.`;
      return `HipChat answered ${response.status} for room '${room}' where 204 was expected ${says}.`;
  }
}
