import type { HttpRequest, HttpResponse } from '../transport/http.js';
import { encodeRoom } from './room-path.js';
import type { Answer, EndpointWords, HipChatCall, HipChatServer } from './types.js';

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

/** A call whose request and reading of the answer are the endpoint's, and whose advice is the shared one. */
export function roomCall<T>(
  server: HipChatServer,
  room: string,
  words: EndpointWords,
  request: HttpRequest,
  read: (response: HttpResponse) => Answer<T> | undefined,
): HipChatCall<T> {
  const place = { serverUrl: server.serverUrl, room, words };
  const describe = async (response: HttpResponse) => (await import('../delivery/failure.js')).describeFailure(place, response);
  return { ...place, request, read, rateLimitStatus: 429, describe };
}
