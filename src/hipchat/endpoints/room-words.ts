// How advice names the endpoints beside the notification. Apart from v2-request.ts, which the notification uses,
// so that the main bundle does without it.
import type { EndpointWords } from './types.js';

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
