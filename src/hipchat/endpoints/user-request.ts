// What the user endpoints share: a user's address, and advice that names a user where the room endpoints name a
// room. Apart from v2-request.ts, so that none of it is in the bundle a run without people loads.
import type { HttpRequest } from '../transport/http.js';
import type { AddresseeWords, HipChatServer } from './types.js';
import { roomCall } from './v2-request.js';

/**
 * The address of a user's endpoint: `{server}/v2/user/{id_or_email}` and what follows it. The id, email or
 * @mention name is one path segment, encoded as a room is, except that '@' stays as it is: a segment may hold it
 * (RFC 3986), and clients sent it so (hipchat-go's `/user/@FirstL`).
 */
export function userUrl(serverUrl: string, user: string, action?: string): string {
  return `${serverUrl}/v2/user/${encodeURIComponent(user).replaceAll('%40', '@')}${action ? `/${action}` : ''}`;
}

/** A v2 request that reads: the token in the Authorization header, as for every other request. */
export function getRequest(server: HipChatServer, url: string): HttpRequest {
  return { method: 'GET', url, headers: { authorization: `Bearer ${server.token}`, accept: 'application/json' } };
}

/** The user endpoints address a person by id, email or @mention name. */
export const USER_ADDRESSEE: AddresseeWords = {
  named: (user) => `user '${user}'`,
  floodControlOf: 'the person',
  isNamedIn: (message) => /\buser\b/i.test(message),
  notFound: (serverUrl, user, says) =>
    `HipChat at ${serverUrl} has no user '${user}' ${says}: check the email, @mention name or id given in private_message or user_map.`,
};

/** A call to a user's endpoint: the same advice path as a room's, with the user in the room's place. */
export const userCall = roomCall;
