import type { RecordedRequest } from '../test/simulator/server.ts';

/** One request to the notification route, as the page shows it: what was sent and how the server answered. */
export interface PreviewEntry {
  /** Numbers requests in the order received; the event stream's ids, so a reconnecting page gets only newer ones. */
  readonly id: number;
  /** Receipt time, in ms since the epoch. */
  readonly at: number;
  /** The room's name when it was found, else the room as the request named it. */
  readonly room: string;
  /** 204 delivered; 0 when a fault dropped the connection. */
  readonly status: number;
  /** The JSON body as sent, when it was JSON; else the raw text. */
  readonly body: unknown;
  /** The error envelope's `error` (code, message, and for cards the `reason`), when the server refused it. */
  readonly error?: Readonly<Record<string, unknown>>;
}

const NOTIFICATION_PATH = /^\/v2\/room\/[^/]+\/notification\/?$/;

function errorOf(response: unknown): Record<string, unknown> | undefined {
  if (typeof response === 'string') return { message: response };
  if (response === null || typeof response !== 'object' || !('error' in response)) return undefined;
  const { error } = response as { error: unknown };
  return error !== null && typeof error === 'object' ? (error as Record<string, unknown>) : undefined;
}

/**
 * Only room notifications: capabilities, stray paths and auth_test probes (a set-up check, which posts nothing) are
 * not something a room would show.
 */
export function previewEntry(request: RecordedRequest, id: number): PreviewEntry | undefined {
  if (request.method !== 'POST' || !NOTIFICATION_PATH.test(request.path) || request.query.auth_test === 'true') return undefined;
  const error = request.status === 204 ? undefined : errorOf(request.response);
  return {
    id,
    at: request.at,
    room: request.delivered?.room.name ?? request.room ?? '',
    status: request.status,
    body: request.body ?? request.rawBody,
    ...(error && { error }),
  };
}

/** A private message a person got (an accepted one: a refused one reached nobody), as the side panel shows it. */
export interface PrivateMessageEntry {
  /** From the same sequence as the notifications' ids, so that one event stream resumes both. */
  readonly id: number;
  readonly at: number;
  readonly user: { readonly id: number; readonly name: string; readonly mention_name: string; readonly email: string };
  readonly message: string;
  readonly message_format: string;
}

export function privateMessageEntry(request: RecordedRequest, id: number): PrivateMessageEntry | undefined {
  const sent = request.privateMessage;
  if (!sent) return undefined;
  const { user } = sent;
  return {
    id,
    at: request.at,
    user: { id: user.id, name: user.name, mention_name: user.mention_name, email: user.email },
    message: sent.message,
    message_format: sent.message_format,
  };
}
