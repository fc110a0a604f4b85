import type { EndpointWords, HipChatCall, HipChatServer } from './types.js';
import { USER_ADDRESSEE, userCall, userUrl } from './user-request.js';
import { jsonRequest } from './v2-request.js';

/** A private message's length, as a notification's (hipchat-api.md §1.5). */
export const PRIVATE_MESSAGE_MAX = 10_000;

export const PRIVATE_MESSAGE_WORDS: EndpointWords = {
  endpoint: 'POST /v2/user/{id_or_email}/message',
  scope: 'send_message',
  subject: 'the private message (POST /v2/user/{id_or_email}/message)',
  place: (user) => `the private message (POST /v2/user/{id_or_email}/message) to user '${user}'`,
  forbidden: (user) => ({
    action: `send user '${user}' a private message with POST /v2/user/{id_or_email}/message`,
    advice:
      "it needs the send_message scope, which only a user's token has (a personal access token under Account settings → API access): a room notification token cannot send private messages",
  }),
  expected: '204',
  addressee: USER_ADDRESSEE,
};

/**
 * POST /v2/user/{id_or_email}/message: the text, as text, so that HipChat shows it as a person would have typed it,
 * links included. `notify` is true: someone asked for this person to be told.
 */
export function privateMessageCall(server: HipChatServer, message: string): (user: string) => HipChatCall<undefined> {
  const body = { message, message_format: 'text', notify: true };
  return (user) =>
    userCall(
      server,
      user,
      PRIVATE_MESSAGE_WORDS,
      jsonRequest(server, 'POST', userUrl(server.serverUrl, user, 'message'), body),
      (response) => (response.status === 204 ? { value: undefined } : undefined),
    );
}
