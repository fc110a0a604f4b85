import type { Notification } from '../render/notification.js';
import type { HttpRequest, HttpResponse } from './http.js';

/** What delivery needs to know of an API version. */
export interface NotificationApi {
  /** The request that posts the notification to one room. */
  request(room: string): HttpRequest;
  delivered(response: HttpResponse): boolean;
  /** The status that refuses a request because a limit is used up. */
  readonly rateLimitStatus: number;
  /** Says what went wrong and what to do about it. */
  describe(room: string, response: HttpResponse): string;
}

export interface ApiTarget {
  readonly serverUrl: string;
  readonly token: string;
  readonly notification: Notification;
}
