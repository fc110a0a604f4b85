import type { HttpResponse } from '../transport/http.js';
import { roomEndpointWords, userScopeAdvice } from './room-words.js';
import type { HipChatCall, HipChatServer } from './types.js';
import { jsonRequest, roomCall, roomUrl } from './v2-request.js';

export const MESSAGE_WORDS = roomEndpointWords({
  endpoint: 'POST /v2/room/{id_or_name}/message',
  scope: 'send_message',
  what: 'the message',
  preposition: 'to',
  may: 'post messages to',
  advice: userScopeAdvice('post messages'),
  expected: "201 with the new message's id",
});

/**
 * The id in a 201's `{"id": "<uuid>", "timestamp": "…"}`. A 2xx without one still posted the message, so it is a
 * success with no id: sending it again would post it twice.
 */
export function postedMessage(response: HttpResponse): { value: string | undefined } | undefined {
  if (response.status < 200 || response.status > 299) return undefined;
  try {
    const id: unknown = (JSON.parse(response.body) as { id?: unknown } | null)?.id;
    return { value: typeof id === 'string' && id !== '' ? id : undefined };
  } catch {
    return { value: undefined };
  }
}

/** POST /v2/room/{id_or_name}/message: plain text, posted as the token's user. */
export function messageCall(server: HipChatServer, message: string): (room: string) => HipChatCall<string | undefined> {
  return (room) =>
    roomCall(
      server,
      room,
      MESSAGE_WORDS,
      jsonRequest(server, 'POST', roomUrl(server.serverUrl, room, 'message'), { message }),
      postedMessage,
    );
}
