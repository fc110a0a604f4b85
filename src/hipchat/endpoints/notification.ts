import type { ApiVersion } from '../../inputs/parse.js';
import type { Notification } from '../../render/notification.js';
import { v2NotificationCall } from './notification-v2.js';
import type { HipChatCall, HipChatServer } from './types.js';

/** The call that posts a notification to one room, in the API version asked for. */
export async function notificationCall(
  version: ApiVersion,
  server: HipChatServer,
  notification: Notification,
): Promise<(room: string) => HipChatCall<undefined>> {
  if (version === 'v2') return v2NotificationCall(server, notification);
  // Loaded only when asked for: few servers still speak v1, and ncc puts it in a chunk of its own.
  const { v1NotificationCall } = await import('./notification-v1.js');
  return v1NotificationCall(server, notification);
}
