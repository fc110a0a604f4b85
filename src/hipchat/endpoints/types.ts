// What every endpoint shares with the delivery path. It imports nothing of its users, so delivery, the endpoints
// and the stages that pick an endpoint can all depend on it without a circle.
import type { HttpRequest, HttpResponse } from '../transport/http.js';

/** Where HipChat is and whose token calls it: every request needs both. */
export interface HipChatServer {
  readonly serverUrl: string;
  readonly token: string;
}

/** What a call is addressed to, as advice names it: a room, unless the endpoint's words say otherwise. */
export interface AddresseeWords {
  /** "room 'Ops'", "user 'ann@example.com'" */
  named(target: string): string;
  /** Whose flood control a refusal names: "the room", "the person". */
  readonly floodControlOf: string;
  /** Whether a 404's message names the addressee, rather than a path the server does not have. */
  isNamedIn(message: string): boolean;
  /** A 404 about the addressee, with what to check; `says` quotes HipChat. */
  notFound(serverUrl: string, target: string, says: string): string;
}

/** How advice and log lines name an endpoint: which it is, the scope a token needs for it, what it sends. */
export interface EndpointWords {
  /** As HipChat's documentation writes it: `POST /v2/room/{id_or_name}/reply`. */
  readonly endpoint: string;
  /** The scope a v2 token needs; empty for v1, whose tokens have none. */
  readonly scope: string;
  /** What is sent, as a sentence names it: "the notification", "the reply (POST /v2/room/{id_or_name}/reply)". */
  readonly subject: string;
  /** The room, and what goes there when it is not the notification: "room 'Ops'", "the topic (…) of room 'Ops'". */
  place(room: string): string;
  /** What a 403 says the token may not do, with the advice that follows it. */
  forbidden(room: string): { readonly action: string; readonly advice: string };
  /** The success answer, for an unexpected one: "204", "201 with the new message's id". */
  readonly expected: string;
  /** What the endpoint addresses, when it is not a room. */
  readonly addressee?: AddresseeWords;
}

/** A successful answer, with what it tells (a message id, or nothing). */
export interface Answer<T> {
  readonly value: T;
}

/** One request to HipChat for one room: how to send it, how to read the answer, how to explain a refusal. */
export interface HipChatCall<T> {
  readonly room: string;
  readonly serverUrl: string;
  readonly words: EndpointWords;
  readonly request: HttpRequest;
  /** The answer's value when it is a success; undefined when it is a failure to retry or explain. */
  read(response: HttpResponse): Answer<T> | undefined;
  /** The status that refuses a request because a limit is used up: 429 on v2, 403 on v1. */
  readonly rateLimitStatus: number;
  /** Says what went wrong and what to do about it; the advice loads only when a call fails. */
  describe(response: HttpResponse): Promise<string>;
}
