import type { Card } from '../../card/card.js';
import type { Notification } from '../../render/notification.js';
import type { HttpRequest } from '../transport/http.js';
import type { EndpointWords, HipChatCall, HipChatServer } from './types.js';
import { jsonRequest, roomCall, roomUrl } from './v2-request.js';

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

export function v2NotificationRequest(serverUrl: string, room: string, token: string, body: V2NotificationBody): HttpRequest {
  return jsonRequest({ serverUrl, token }, 'POST', roomUrl(serverUrl, room, 'notification'), body);
}

/** The action's first endpoint, named in advice as "the notification", without its path. */
export const NOTIFICATION_WORDS: EndpointWords = {
  endpoint: 'POST /v2/room/{id_or_name}/notification',
  scope: 'send_notification',
  subject: 'the notification',
  place: (room) => `room '${room}'`,
  forbidden: (room) => ({
    action: `send notifications to room '${room}'`,
    advice: 'it needs the send_notification scope, and a room notification token works only in its own room',
  }),
  expected: '204',
};

/** Success is 204 No Content (hipchat-api.md §1.1); a used-up limit is 429. */
export function v2NotificationCall(server: HipChatServer, notification: Notification): (room: string) => HipChatCall<undefined> {
  const body = v2Body(notification);
  return (room) =>
    roomCall(server, room, NOTIFICATION_WORDS, v2NotificationRequest(server.serverUrl, room, server.token, body), (response) =>
      response.status === 204 ? { value: undefined } : undefined,
    );
}
