import type { HttpRequest } from '../transport/http.js';
import { encodeRoom } from './room-path.js';
import type { HipChatServer } from './types.js';

/** The address of a room's endpoint: `{server}/v2/room/{id_or_name}/{action}`. */
export function roomUrl(serverUrl: string, room: string, action: string): string {
  return `${serverUrl}/v2/room/${encodeRoom(room)}/${action}`;
}

/**
 * A v2 request with a JSON body. The token travels in the Authorization header, never in the URL, so no logged URL
 * can leak it; the Content-Type is always sent, as HipChat refuses a request without it (hipchat-api.md §1.1).
 */
export function jsonRequest(server: HipChatServer, method: 'POST' | 'PUT', url: string, body: unknown): HttpRequest {
  return {
    method,
    url,
    headers: {
      authorization: `Bearer ${server.token}`,
      'content-type': 'application/json; charset=utf-8',
      accept: 'application/json',
    },
    body: JSON.stringify(body),
  };
}
