import { describeFailure } from '../delivery/failure.js';
import type { HttpRequest, HttpResponse } from '../transport/http.js';
import { encodeRoom } from './room-path.js';
import type { Answer, EndpointWords, HipChatCall, HipChatServer } from './types.js';

/** The address of a room's endpoint: `{server}/v2/room/{id_or_name}/{action}`. */
export function roomUrl(serverUrl: string, room: string, action: string): string {
  return `${serverUrl}/v2/room/${encodeRoom(room)}/${action}`;
}

/**
 * A v2 request with a JSON body. The token travels in the Authorization header, never in the URL, so no logged URL
 * can leak it; the Content-Type is always sent, as HipChat refuses a request without it (hipchat-api.md §1.1).
 */
export function jsonRequest(server: HipChatServer, method: 'POST' | 'PUT', url: string, body: unknown): HttpRequest {
  return {
    method,
    url,
    headers: {
      authorization: `Bearer ${server.token}`,
      'content-type': 'application/json; charset=utf-8',
      accept: 'application/json',
    },
    body: JSON.stringify(body),
  };
}

/** A 403's advice for the endpoints that act as a user: messages, replies and files. */
export function userScopeAdvice(action: string): string {
  return `it needs the send_message scope, which only a user's token has (a personal access token under Account settings → API access): a room notification token cannot ${action}`;
}

/** How an endpoint beside the notification is named in advice: what it sends, and the path, so it can be looked up. */
export interface RoomEndpointSpec {
  readonly endpoint: string;
  readonly scope: string;
  /** "the topic" */
  readonly what: string;
  /** How what is sent relates to the room: "of", "to", "in", "shared with". */
  readonly preposition: string;
  /** What a 403 says the token may not do, before the room: "set the topic of". */
  readonly may: string;
  /** Why a 403, and what to do about it. */
  readonly advice: string;
  readonly expected: string;
}

export function roomEndpointWords(spec: RoomEndpointSpec): EndpointWords {
  const subject = `${spec.what} (${spec.endpoint})`;
  return {
    endpoint: spec.endpoint,
    scope: spec.scope,
    subject,
    place: (room) => `${subject} ${spec.preposition} room '${room}'`,
    forbidden: (room) => ({ action: `${spec.may} room '${room}' with ${spec.endpoint}`, advice: spec.advice }),
    expected: spec.expected,
  };
}

/** A call whose request and reading of the answer are the endpoint's, and whose advice is the shared one. */
export function roomCall<T>(
  server: HipChatServer,
  room: string,
  words: EndpointWords,
  request: HttpRequest,
  read: (response: HttpResponse) => Answer<T> | undefined,
): HipChatCall<T> {
  const place = { serverUrl: server.serverUrl, room, words };
  return { ...place, request, read, rateLimitStatus: 429, describe: (response) => describeFailure(place, response) };
}
