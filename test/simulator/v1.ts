import type { ApiResponse } from './api.ts';
import type { SimRoom } from './config.ts';
import { AUTH_TEST_ACCEPTED, type ErrorEnvelope, errorEnvelope } from './errors.ts';
import { COLORS, MESSAGE_FORMATS } from './notification-schema.ts';
import type { NotificationBody } from './validate-notification.ts';

/** What the v1 handler needs from the shared request pipeline in api.ts. */
export interface V1Context {
  /** The form fields over the query parameters: v1 read either. */
  fields: Readonly<Record<string, string>>;
  /** The room named by room_id, if it exists. */
  room: SimRoom | undefined;
  /** Whether the request presented a known v1 token. */
  authenticated: boolean;
  /** Counts the request against the token's budget; false when it is used up. */
  countToken: () => boolean;
  reply: (status: number, body?: unknown) => ApiResponse;
}

/** v1's JSON encoder wrote '/' as '\/' (hipchat-api.md §4.1); the bodies below are written that way. */
export const V1_ERRORS = {
  authTokenInvalid: () => errorEnvelope(401, 'Auth token invalid. Please see: https://www.hipchat.com/docs/api/auth'),
  // [UNCONFIRMED] v1 answered 403 for its rate limit; the wording of the message was never captured.
  rateLimited: () => errorEnvelope(403, 'Rate limit exceeded. Please see: https://www.hipchat.com/docs/api/rate_limiting'),
  fromLength: () => errorEnvelope(400, 'From name must be between 1 and 15 characters.'),
  // [UNCONFIRMED] from here on: the documented rules, with messages of the simulator's own.
  fromCharacters: () => errorEnvelope(400, 'From name may only contain letters, numbers, -, _, and spaces.'),
  roomRequired: () => errorEnvelope(400, 'Room ID is required.'),
  roomNotFound: () => errorEnvelope(404, 'Room not found'),
  messageLength: () => errorEnvelope(400, 'Message must be between 1 and 10000 characters.'),
  invalidValue: (field: string, value: string, accepted: readonly string[]) =>
    errorEnvelope(400, `Invalid ${field} '${value}': expected ${accepted.join(', ')}.`),
} as const;

const FROM_MAX = 15;
const MESSAGE_MAX = 10_000;
const NOTIFY_VALUES = ['0', '1'] as const;

function codePoints(text: string): number {
  return [...text].length;
}

/**
 * POST /v1/rooms/message (hipchat-api.md §4.1): a form with room_id, from, message, message_format, notify
 * (0/1) and color. Order of checks: token, rate limit (403 on v1), room, then the fields. Success is
 * 200 {"status":"sent"}.
 */
export function handleV1Message(ctx: V1Context): ApiResponse {
  const { fields, reply } = ctx;
  if (!ctx.authenticated) return reply(401, V1_ERRORS.authTokenInvalid());
  if (!ctx.countToken()) return reply(403, V1_ERRORS.rateLimited());

  const roomId = fields.room_id ?? '';
  if (roomId === '') return reply(400, V1_ERRORS.roomRequired());
  if (!ctx.room) return reply(404, V1_ERRORS.roomNotFound());
  // [UNCONFIRMED] v1 answered auth_test as v2 does (one v1 client's test): 202 once the token and the room pass.
  if (fields.auth_test === 'true') return reply(202, AUTH_TEST_ACCEPTED);

  const checked = checkFields(fields);
  if ('error' in checked) return reply(400, checked);
  return { ...reply(200, { status: 'sent' }), delivered: { room: ctx.room, notification: checked } };
}

/** The fields as a v2-shaped notification, so tests read v1 and v2 deliveries alike. */
function checkFields(fields: Readonly<Record<string, string>>): NotificationBody | ErrorEnvelope {
  const from = fields.from ?? '';
  if (codePoints(from) < 1 || codePoints(from) > FROM_MAX) return V1_ERRORS.fromLength();
  if (!/^[\p{L}\p{N} _-]+$/u.test(from)) return V1_ERRORS.fromCharacters();
  const message = fields.message ?? '';
  if (codePoints(message) < 1 || codePoints(message) > MESSAGE_MAX) return V1_ERRORS.messageLength();

  const format = fields.message_format ?? 'html';
  const notify = fields.notify ?? '0';
  const color = fields.color ?? 'yellow';
  if (!isOneOf(MESSAGE_FORMATS, format)) return V1_ERRORS.invalidValue('message_format', format, MESSAGE_FORMATS);
  if (!isOneOf(NOTIFY_VALUES, notify)) return V1_ERRORS.invalidValue('notify', notify, NOTIFY_VALUES);
  if (!isOneOf(COLORS, color)) return V1_ERRORS.invalidValue('color', color, COLORS);
  return { message, message_format: format, color, notify: notify === '1', from };
}

function isOneOf<T extends string>(choices: readonly T[], value: string): value is T {
  return (choices as readonly string[]).includes(value);
}
