import type { Notification } from '../../render/notification.js';
import { type CallPlace, describeFailure, describeRateLimit, hipchatSaid } from '../delivery/failure.js';
import type { HttpRequest, HttpResponse } from '../transport/http.js';
import { NOTIFICATION_WORDS } from './notification-v2.js';
import type { EndpointWords, HipChatCall, HipChatServer } from './types.js';

/**
 * POST /v1/rooms/message, form-encoded (hipchat-api.md §4.1). v1 reads the token from the query or the form; it
 * goes in the form, because a URL ends up in proxy and server logs.
 */
export function v1MessageRequest(serverUrl: string, room: string, token: string, notification: Notification): HttpRequest {
  const form = new URLSearchParams({
    room_id: room,
    from: notification.from,
    message: notification.message,
    message_format: notification.format,
    notify: notification.notify ? '1' : '0',
    color: notification.color,
    auth_token: token,
  });
  return {
    method: 'POST',
    url: `${serverUrl}/v1/rooms/message?format=json`,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' },
    body: form.toString(),
  };
}

/** Success is 200 with `{"status": "sent"}`. */
function sent(response: HttpResponse): boolean {
  if (response.status !== 200) return false;
  try {
    return (JSON.parse(response.body) as { status?: unknown } | null)?.status === 'sent';
  } catch {
    return false;
  }
}

/** v1 tokens have no scopes: a 403 is v1's rate limit. */
const V1_WORDS: EndpointWords = { ...NOTIFICATION_WORDS, endpoint: 'POST /v1/rooms/message', scope: '', expected: '200 {"status":"sent"}' };

/** v1 differs from v2 in what a 401 calls for, in using 403 for its rate limit, and in its success answer. */
function describeV1Failure(place: CallPlace, response: HttpResponse): string {
  const { room } = place;
  if (response.status === 401) {
    return `HipChat did not accept the token for room '${room}' ${hipchatSaid(response)}: with api_version v1, the token input must hold a v1 admin or notification token (v2 tokens do not work on v1).`;
  }
  if (response.status === 403) return describeRateLimit(place, response);
  return describeFailure(place, response);
}

export function v1NotificationCall(server: HipChatServer, notification: Notification): (room: string) => HipChatCall<undefined> {
  return (room) => {
    const place = { serverUrl: server.serverUrl, room, words: V1_WORDS };
    return {
      ...place,
      request: v1MessageRequest(server.serverUrl, room, server.token, notification),
      read: (response) => (sent(response) ? { value: undefined } : undefined),
      rateLimitStatus: 403,
      describe: async (response) => describeV1Failure(place, response),
    };
  };
}
