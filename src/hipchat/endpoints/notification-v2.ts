import type { Card } from '../../card/card.js';
import type { Notification } from '../../render/notification.js';
import { describeFailure } from '../delivery/failure.js';
import type { HttpRequest } from '../transport/http.js';
import type { ApiTarget, NotificationApi } from './notification.js';
import { encodeRoom } from './room-path.js';

/** The JSON body of POST /v2/room/{id_or_name}/notification (hipchat-api.md §1.2). */
export interface V2NotificationBody {
  message: string;
  message_format: string;
  color: string;
  notify: boolean;
  from?: string;
  card?: Card;
}

export function v2Body(notification: Notification): V2NotificationBody {
  return {
    message: notification.message,
    message_format: notification.format,
    color: notification.color,
    notify: notification.notify,
    ...(notification.from ? { from: notification.from } : {}),
    ...(notification.card ? { card: notification.card } : {}),
  };
}

/** The token travels in the Authorization header, never in the URL, so no logged URL can leak it. */
export function v2NotificationRequest(serverUrl: string, room: string, token: string, body: V2NotificationBody): HttpRequest {
  return {
    method: 'POST',
    url: `${serverUrl}/v2/room/${encodeRoom(room)}/notification`,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json; charset=utf-8',
      accept: 'application/json',
    },
    body: JSON.stringify(body),
  };
}

/** Success is 204 No Content (hipchat-api.md §1.1); a used-up limit is 429. */
export function v2Api({ serverUrl, token, notification }: ApiTarget): NotificationApi {
  const body = v2Body(notification);
  return {
    request: (room) => v2NotificationRequest(serverUrl, room, token, body),
    delivered: (response) => response.status === 204,
    rateLimitStatus: 429,
    describe: (room, response) => describeFailure(room, serverUrl, response),
  };
}
