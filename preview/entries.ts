import { formatBytes } from '../src/files/bounded-read.ts';
import type { RecordedRequest } from '../test/simulator/server.ts';

/** What a request did in a room: the notification, or one of the endpoints beside it. */
export type EntryKind = 'notification' | 'message' | 'reply' | 'topic' | 'file';

/** One request to a room, as the page shows it: what was sent and how the server answered. */
export interface PreviewEntry {
  readonly kind: EntryKind;
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
  /** A message's, reply's or file's id, and a reply's parent: the page draws replies under their parent. */
  readonly messageId?: string;
  readonly parentId?: string;
  /** A shared file as the room lists it. */
  readonly file?: { readonly name: string; readonly type: string; readonly size: number; readonly shownSize: string };
}

const ROOM_PATH = /^\/v2\/room\/[^/]+\/(notification|message|reply|topic|share\/file)\/?$/;
const KINDS: Readonly<Record<string, EntryKind>> = {
  notification: 'notification',
  message: 'message',
  reply: 'reply',
  topic: 'topic',
  'share/file': 'file',
};

/** What the room got, for the page: ids to thread replies, a file's name, type and size (not its bytes). */
function eventFields(request: RecordedRequest): Partial<PreviewEntry> {
  const { event } = request;
  if (!event || event.kind === 'topic') return {};
  return {
    messageId: event.id,
    ...(event.kind === 'reply' && { parentId: event.parentId }),
    ...(event.kind === 'file' && {
      file: { name: event.file.name, type: event.file.type, size: event.file.size, shownSize: formatBytes(event.file.size) },
    }),
  };
}

/** The body as the page shows it: a file upload by its message, the rest as sent. */
function shownBody(request: RecordedRequest): unknown {
  if (request.event?.kind === 'file') return { message: request.event.message };
  return request.body ?? request.rawBody;
}

/** The error envelope's `error`, or a raw fault body as its message. */
export function errorOf(response: unknown): Record<string, unknown> | undefined {
  if (typeof response === 'string') return { message: response };
  if (response === null || typeof response !== 'object' || !('error' in response)) return undefined;
  const { error } = response as { error: unknown };
  return error !== null && typeof error === 'object' ? (error as Record<string, unknown>) : undefined;
}

/**
 * Only what a room shows: capabilities, stray paths and auth_test probes are not (a set-up check posts nothing; its
 * probes make the check's table, in checks.ts).
 */
export function previewEntry(request: RecordedRequest, id: number): PreviewEntry | undefined {
  const route = ROOM_PATH.exec(request.path)?.[1];
  const kind = route === undefined ? undefined : KINDS[route];
  if (kind === undefined || request.method === 'GET' || request.query.auth_test === 'true') return undefined;
  const error = request.status === 204 || request.status === 201 ? undefined : errorOf(request.response);
  return {
    kind,
    id,
    at: request.at,
    room: request.delivered?.room.name ?? request.event?.room.name ?? request.room ?? '',
    status: request.status,
    body: shownBody(request),
    ...(error && { error }),
    ...eventFields(request),
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
