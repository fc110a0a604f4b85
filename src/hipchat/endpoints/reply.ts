import { envelopeOf, hipchatSaid } from '../delivery/failure.js';
import type { HttpResponse } from '../transport/http.js';
import { roomEndpointWords, userScopeAdvice } from './room-words.js';
import type { Answer, HipChatCall, HipChatServer } from './types.js';
import { jsonRequest, roomCall, roomUrl } from './v2-request.js';

/** A reply posted in the thread, or a parent HipChat says is gone, quoted, for the fallback's warning. */
export type ReplyOutcome = { readonly replied: true } | { readonly replied: false; readonly parentGone: string };

export const REPLY_WORDS = roomEndpointWords({
  endpoint: 'POST /v2/room/{id_or_name}/reply',
  scope: 'send_message',
  what: 'the reply',
  preposition: 'in',
  may: 'reply in',
  advice: userScopeAdvice('reply'),
  expected: '204',
});

/**
 * Whether a refusal says the parent message is unknown: a 404 that names no room (a 404 naming the room means the
 * room is missing), or a 400 about parentMessageId. HipChat's exact answer was never captured (hipchat-api.md §1.5).
 */
function parentGone(response: HttpResponse): boolean {
  const envelope = envelopeOf(response.body);
  if (response.status === 404) return !/\broom\b/i.test(envelope?.message ?? 'room');
  if (response.status !== 400) return false;
  return envelope?.field === 'parentMessageId' || /parent/i.test(envelope?.message ?? '');
}

export function readReply(response: HttpResponse): Answer<ReplyOutcome> | undefined {
  if (response.status === 204) return { value: { replied: true } };
  if (parentGone(response)) return { value: { replied: false, parentGone: hipchatSaid(response) } };
  return undefined;
}

/** POST /v2/room/{id_or_name}/reply with `parentMessageId` and the message; 204, with no id for the reply. */
export function replyCall(server: HipChatServer, parentMessageId: string, message: string, room: string): HipChatCall<ReplyOutcome> {
  const body = { parentMessageId, message };
  return roomCall(server, room, REPLY_WORDS, jsonRequest(server, 'POST', roomUrl(server.serverUrl, room, 'reply'), body), readReply);
}
