import type { ApiVersion } from '../../inputs/parse.js';
import type { Notification } from '../../render/notification.js';
import type { HttpRequest, HttpResponse } from '../transport/http.js';
import { v2Api } from './notification-v2.js';

/** What delivery needs to know of an API version. */
export interface NotificationApi {
  /** The request that posts the notification to one room. */
  request(room: string): HttpRequest;
  delivered(response: HttpResponse): boolean;
  /** The status that refuses a request because a limit is used up: 429 on v2, 403 on v1. */
  readonly rateLimitStatus: number;
  /** Says what went wrong and what to do about it. */
  describe(room: string, response: HttpResponse): string;
}

export interface ApiTarget {
  readonly serverUrl: string;
  readonly token: string;
  readonly notification: Notification;
}

export async function notificationApi(version: ApiVersion, target: ApiTarget): Promise<NotificationApi> {
  if (version === 'v2') return v2Api(target);
  // Loaded only when asked for: few servers still speak v1, and ncc puts it in a chunk of its own.
  const { v1Api } = await import('./notification-v1.js');
  return v1Api(target);
}
