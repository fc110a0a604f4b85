// The room endpoints beside the notification (hipchat-api.md §1.5): send a message, reply in its thread, set the
// topic, share a file. Each validates its body the way the notification route does and records what the room got.
import { randomUUID } from 'node:crypto';
import { parseMultipart } from '@remix-run/multipart-parser';
import type { SimRoom } from './config.ts';
import { ERRORS, errorEnvelope } from './errors.ts';
import { isJsonContentType, parseJson } from './json-body.ts';
import { checkSchema, type ObjectSchema } from './schema.ts';
import { fieldError } from './validate-notification.ts';

/** What a room got from one of these endpoints. */
export type RoomEvent =
  | { kind: 'message'; room: SimRoom; id: string; message: string }
  | { kind: 'reply'; room: SimRoom; id: string; parentId: string; message: string }
  | { kind: 'topic'; room: SimRoom; topic: string }
  | { kind: 'file'; room: SimRoom; id: string; message: string; file: SharedFile };

export interface SharedFile {
  name: string;
  type: string;
  size: number;
  content: Buffer;
}

/** What a handler answers: a status and a body, and what the room got when it was accepted. */
export interface RoomAnswer {
  status: number;
  body?: unknown;
  event?: RoomEvent;
}

export interface RoomRequest {
  room: SimRoom;
  contentType: string | undefined;
  body: Buffer;
  /** The messages posted so far, by id, for replies to find their parent. */
  messages: ReadonlyMap<string, RoomEvent>;
  /** Counts the call against the room's flood control; false when it is used up. */
  countMessage: () => boolean;
}

/** Message length for messages and replies (hipchat-api.md §1.5). */
export const ROOM_MESSAGE_MAX = 1_000;
export const TOPIC_MAX = 250;
/** [UNCONFIRMED] no limit is documented; the action's own 10 MiB is the simulator's too. */
export const FILE_MAX_BYTES = 10 * 1024 * 1024;

const MESSAGE = { type: 'string', minLength: 1, maxLength: ROOM_MESSAGE_MAX } as const;
const MESSAGE_SCHEMA: ObjectSchema = { type: 'object', additionalProperties: true, properties: { message: MESSAGE } };
const REPLY_SCHEMA: ObjectSchema = {
  type: 'object',
  additionalProperties: true,
  // [UNCONFIRMED] HipChat's ids are UUIDs of 36 characters, as attach_to's 0–36 suggests.
  properties: { parentMessageId: { type: 'string', minLength: 1, maxLength: 36 }, message: MESSAGE },
};
const TOPIC_SCHEMA: ObjectSchema = {
  type: 'object',
  additionalProperties: true,
  properties: { topic: { type: 'string', minLength: 0, maxLength: TOPIC_MAX } },
};
const METADATA_SCHEMA: ObjectSchema = {
  type: 'object',
  additionalProperties: true,
  properties: { message: { type: 'string', optional: true, minLength: 0, maxLength: ROOM_MESSAGE_MAX } },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The checks every JSON endpoint makes, in order: Content-Type, JSON, an object, then the schema. */
export function jsonBody(
  request: Pick<RoomRequest, 'contentType' | 'body'>,
  schema: ObjectSchema,
): { ok: true; value: Record<string, string> } | { ok: false; answer: RoomAnswer } {
  if (!isJsonContentType(request.contentType)) return { ok: false, answer: { status: 400, body: ERRORS.invalidContentType() } };
  const parsed = parseJson(request.body.toString('utf8'));
  if (!parsed.ok) return { ok: false, answer: { status: 400, body: ERRORS.invalidJson() } };
  const { value } = parsed;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, answer: { status: 400, body: ERRORS.bodyNotObject() } };
  }
  const violation = checkSchema(value, schema);
  if (violation) return { ok: false, answer: { status: 400, body: fieldError(String(violation.path[0]), violation) } };
  return { ok: true, value: value as Record<string, string> };
}

/** Flood control counts only what passed validation, as on the notification route. */
function accept(request: RoomRequest, status: number, body: unknown, event: RoomEvent): RoomAnswer {
  if (!request.countMessage()) return { status: 429, body: ERRORS.floodControlled() };
  return { status, body, event };
}

/** [UNCONFIRMED] the timestamp's format: Python's isoformat, as the server was written in Python. */
function timestamp(): string {
  return new Date().toISOString().replace('Z', '000+00:00');
}

/** POST /v2/room/{id_or_name}/message: 201 with the new message's id. */
export function sendMessage(request: RoomRequest): RoomAnswer {
  const parsed = jsonBody(request, MESSAGE_SCHEMA);
  if (!parsed.ok) return parsed.answer;
  const id = randomUUID();
  return accept(
    request,
    201,
    { id, timestamp: timestamp() },
    { kind: 'message', room: request.room, id, message: parsed.value.message ?? '' },
  );
}

/**
 * POST /v2/room/{id_or_name}/reply: 204. [UNCONFIRMED] what HipChat answered for a parent it did not have: a
 * parentMessageId that is no UUID is a 400 on the field, an unknown one (or one in another room) a 404.
 */
export function reply(request: RoomRequest): RoomAnswer {
  const parsed = jsonBody(request, REPLY_SCHEMA);
  if (!parsed.ok) return parsed.answer;
  const parentId = parsed.value.parentMessageId ?? '';
  if (!UUID.test(parentId)) {
    return {
      status: 400,
      body: errorEnvelope(400, `Value '${parentId}' for field 'parentMessageId' is not a message id`, {
        field: 'parentMessageId',
        validation: 'format',
        value: parentId,
      }),
    };
  }
  const parent = request.messages.get(parentId);
  if (!parent || parent.room.id !== request.room.id) return { status: 404, body: errorEnvelope(404, `Message ${parentId} not found`) };
  const event: RoomEvent = { kind: 'reply', room: request.room, id: randomUUID(), parentId, message: parsed.value.message ?? '' };
  return accept(request, 204, undefined, event);
}

/** PUT /v2/room/{id_or_name}/topic: 204. [UNCONFIRMED] "HTML is not currently allowed": it is kept as text. */
export function setTopic(request: RoomRequest): RoomAnswer {
  const parsed = jsonBody(request, TOPIC_SCHEMA);
  if (!parsed.ok) return parsed.answer;
  return accept(request, 204, undefined, { kind: 'topic', room: request.room, topic: parsed.value.topic ?? '' });
}

function parameter(header: string | undefined, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}="?([^";]+)"?`, 'i').exec(header ?? '');
  return match?.[1];
}

/**
 * POST /v2/room/{id_or_name}/share/file: multipart/related with an optional JSON `metadata` part and a `file` part
 * (raw, or base64 with Content-Transfer-Encoding, as clients sent it either way). 204.
 */
export function shareFile(request: RoomRequest): RoomAnswer {
  const boundary = /^\s*multipart\/related\s*;/i.test(request.contentType ?? '') ? parameter(request.contentType, 'boundary') : undefined;
  if (!boundary) return { status: 400, body: ERRORS.invalidContentType() };
  let parts: ReturnType<typeof parseMultipart> extends Generator<infer P> ? P[] : never;
  try {
    parts = [...parseMultipart(request.body, { boundary, maxFileSize: 2 * FILE_MAX_BYTES, maxTotalSize: 3 * FILE_MAX_BYTES })];
  } catch (error) {
    return { status: 400, body: errorEnvelope(400, `Invalid multipart body: ${(error as Error).message}`) };
  }
  const metadataPart = parts.find((part) => part.name === 'metadata');
  const filePart = parts.find((part) => part.name === 'file');
  if (!filePart)
    return { status: 400, body: errorEnvelope(400, "Required field 'file' is missing", { field: 'file', validation: 'optional' }) };
  const metadata = metadataPart
    ? jsonBody({ ...request, contentType: metadataPart.headers['content-type'], body: Buffer.from(metadataPart.bytes) }, METADATA_SCHEMA)
    : { ok: true as const, value: {} as Record<string, string> };
  if (!metadata.ok) return metadata.answer;
  const base64 = filePart.headers['content-transfer-encoding']?.trim().toLowerCase() === 'base64';
  const content = base64 ? Buffer.from(Buffer.from(filePart.bytes).toString('latin1'), 'base64') : Buffer.from(filePart.bytes);
  if (content.length > FILE_MAX_BYTES) {
    return {
      status: 413,
      body: errorEnvelope(413, `File ${filePart.filename ?? ''} is ${content.length} bytes; at most ${FILE_MAX_BYTES} are accepted`),
    };
  }
  const file: SharedFile = {
    name: filePart.filename ?? 'file',
    type: (filePart.headers['content-type'] ?? 'application/octet-stream').split(';')[0]?.trim() ?? '',
    size: content.length,
    content,
  };
  return accept(request, 204, undefined, {
    kind: 'file',
    room: request.room,
    id: randomUUID(),
    message: metadata.value.message ?? '',
    file,
  });
}
