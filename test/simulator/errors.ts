import { STATUS_CODES } from 'node:http';

export interface ErrorEnvelope {
  error: { code: number; message: string; type: string; [extra: string]: unknown };
}

export interface SuccessEnvelope {
  success: { code: number; message: string; type: string };
}

export function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? 'Unknown';
}

/**
 * HipChat's error body. Keys are sorted because the real server serialised with
 * sorted keys (every captured body is in alphabetical order), so byte-level
 * comparisons against captured examples hold.
 */
export function errorEnvelope(code: number, message: string, extra: Record<string, unknown> = {}): ErrorEnvelope {
  const fields: Record<string, unknown> = { ...extra, code, message, type: reasonPhrase(code) };
  const sorted = Object.fromEntries(
    Object.keys(fields)
      .sort()
      .map((key) => [key, fields[key]]),
  );
  return { error: sorted as ErrorEnvelope['error'] };
}

export const ERRORS = {
  noAuth: () => errorEnvelope(401, 'Authenticated requests only. See https://www.hipchat.com/docs/apiv2/auth for more information.'),
  invalidSession: () => errorEnvelope(401, 'Invalid OAuth session'),
  missingScope: (scope: string) => errorEnvelope(403, `This action requires one of the following scopes: [u'${scope}']`),
  // [UNCONFIRMED] wrong-room use of a room token: 403 because the token is valid but lacks access.
  wrongRoom: (requested: string, boundTo: string) =>
    errorEnvelope(403, `Token is not valid for room ${requested}: it is bound to room ${boundTo}`),
  roomNotFound: (name: string) => errorEnvelope(404, `Room ${name} not found`),
  // [UNCONFIRMED] bodies for unknown paths and wrong methods were never captured.
  pathNotFound: () => errorEnvelope(404, 'Resource not found'),
  methodNotAllowed: () => errorEnvelope(405, 'You requested an invalid method.'),
  malformedRoomSegment: () => errorEnvelope(400, 'Invalid percent-encoding in room id_or_name', { field: 'id_or_name' }),
  malformedUserSegment: () => errorEnvelope(400, 'Invalid percent-encoding in user id_or_email', { field: 'id_or_email' }),
  invalidContentType: () => errorEnvelope(400, 'Invalid content type'),
  invalidJson: () => errorEnvelope(400, 'Request body is not valid JSON'),
  bodyNotObject: () => errorEnvelope(400, 'Request body must be a JSON object'),
  rateLimited: () => errorEnvelope(429, 'Rate Limit exceeded'),
  // [UNCONFIRMED] the real flood-control message was never captured.
  floodControlled: () => errorEnvelope(429, 'Flood control limit exceeded: too many messages sent to this room'),
  personFloodControlled: () => errorEnvelope(429, 'Flood control limit exceeded: too many messages sent to this person'),
  // [UNCONFIRMED] the body of an unknown user's 404 was never captured; it follows the room's.
  userNotFound: (idOrEmail: string) => errorEnvelope(404, `User ${idOrEmail} not found`),
} as const;

export const AUTH_TEST_ACCEPTED: SuccessEnvelope = {
  success: { code: 202, type: 'Accepted', message: 'This auth_token has access to use this method.' },
};
