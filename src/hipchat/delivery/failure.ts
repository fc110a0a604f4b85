import { displayUrl } from '../../redact.js';
import type { AddresseeWords, EndpointWords } from '../endpoints/types.js';
import type { HttpResponse } from '../transport/http.js';
import { exhaustedLimits, lastReset } from './rate-limit.js';

/** HipChat's error envelope (hipchat-api.md §2.4); validation errors add field, validation and expected_type. */
export interface ErrorEnvelope {
  code?: number;
  message?: string;
  type?: string;
  field?: string;
  validation?: string;
  expected_type?: unknown;
  reason?: string;
}

const MAX_SERVER_TEXT = 300;

export function envelopeOf(body: string): ErrorEnvelope | undefined {
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

/** Where a call went: the server, the room (or the user, for a user's endpoint), and the endpoint's words for both. */
export interface CallPlace {
  readonly serverUrl: string;
  readonly room: string;
  readonly words: EndpointWords;
}

/** Rooms are what most endpoints address, and what advice names unless the endpoint's words say otherwise. */
export const ROOM_ADDRESSEE: AddresseeWords = {
  named: (room) => `room '${room}'`,
  floodControlOf: 'the room',
  isNamedIn: (message) => /\broom\b/i.test(message),
  notFound: (serverUrl, room, says) =>
    `Room '${room}' was not found on ${serverUrl} ${says}: room names are case-sensitive; check the name or use the room's numeric id.`,
};

function addresseeOf(words: EndpointWords): AddresseeWords {
  return words.addressee ?? ROOM_ADDRESSEE;
}

/**
 * A refusal because a limit is used up (429 on v2, 403 on v1): which limit, and when it resets, so that
 * nobody re-runs the job before then.
 */
export function describeRateLimit({ room, words }: CallPlace, response: HttpResponse): string {
  const addressee = addresseeOf(words);
  const limitNames = { 'rate limit': 'rate limit for the token', 'flood control': `flood control for ${addressee.floodControlOf}` };
  const limits = exhaustedLimits(response.headers);
  const names = limits.map(({ limit }) => limitNames[limit]).join(' and ') || 'rate limit';
  const reset = lastReset(limits);
  const when = reset === undefined ? '' : ` It resets at ${new Date(reset * 1000).toISOString()}.`;
  return `HipChat's ${names} stopped ${words.subject} for ${addressee.named(room)} ${hipchatSaid(response)}.${when}`;
}

/**
 * A 404 names the room (or user) it could not find; any other 404 is about the path, so the server lacks the
 * endpoint.
 */
function describeNotFound({ serverUrl, room, words }: CallPlace, response: HttpResponse, envelope: ErrorEnvelope | undefined): string {
  const says = hipchatSaid(response);
  const addressee = addresseeOf(words);
  if (envelope === undefined || addressee.isNamedIn(envelope.message ?? '')) return addressee.notFound(serverUrl, room, says);
  return `${serverUrl} has no ${words.endpoint} for ${addressee.named(room)} ${says}: check server_url, or the server may be too old for it.`;
}

/** Where a redirect points, without what its query or credentials might hold; undefined when it says nowhere usable. */
function redirectTarget(serverUrl: string, location: string | undefined): string | undefined {
  if (!location) return undefined;
  try {
    return displayUrl(new URL(location, serverUrl));
  } catch {
    return undefined;
  }
}

/**
 * A 3xx. Following it would send the token to wherever the server points, another host included, so it is never
 * followed: the fix is a server_url that needs no redirect.
 */
function describeRedirect({ serverUrl, room, words }: CallPlace, response: HttpResponse): string {
  const target = redirectTarget(serverUrl, response.headers.location);
  return `HipChat at ${serverUrl} answered ${response.status} for ${words.place(room)}, a redirect${target ? ` to ${target}` : ''}. The action does not follow redirects, so that the token never goes to another address: set server_url to the address that serves the HipChat API itself.`;
}

/** Turns a HipChat error response into a sentence that says what went wrong and what to do about it. */
export function describeFailure(place: CallPlace, response: HttpResponse): string {
  const { serverUrl, room, words } = place;
  const envelope = envelopeOf(response.body);
  const says = hipchatSaid(response);
  switch (response.status) {
    case 400: {
      const field = envelope?.field ? ` in field '${envelope.field}'` : '';
      const why = envelope?.reason ? `: ${clip(envelope.reason)}` : '';
      return `HipChat rejected ${words.subject} for ${addresseeOf(words).named(room)}${field}${why} ${says}.`;
    }
    case 401:
      return `HipChat did not accept the token for ${words.place(room)} ${says}: check that the token input holds a valid, unexpired v2 token with the ${words.scope} scope (v1 admin tokens do not work on v2).`;
    case 403: {
      const { action, advice } = words.forbidden(room);
      return `The token may not ${action} ${says}: ${advice}.`;
    }
    case 404:
      return describeNotFound(place, response, envelope);
    case 429:
      return describeRateLimit(place, response);
    default:
      if (response.status >= 300 && response.status < 400) return describeRedirect(place, response);
      if (response.status >= 500) return `HipChat at ${serverUrl} failed with a server error for ${words.place(room)} ${says}.`;
      return `HipChat answered ${response.status} for ${words.place(room)} where ${words.expected} was expected ${says}.`;
  }
}
