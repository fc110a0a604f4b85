import { envelopeOf } from '../hipchat/delivery/failure.js';
import type { HipChatCall } from '../hipchat/endpoints/types.js';
import type { HttpRequest, HttpResponse } from '../hipchat/transport/http.js';

/** Form fields a v1 auth test keeps: the token (v1 reads it from the form) and the room it is about. */
const V1_KEPT_FIELDS = ['auth_token', 'room_id'];

/**
 * The request with `auth_test=true`, which HipChat answers with 202 when the token may use the method, without
 * acting (hipchat-api.md §2.1). The message itself is left out, so that a server which ignored auth_test would refuse
 * the request as incomplete rather than post it: a check must never post anything.
 */
function authTestRequest(request: HttpRequest): HttpRequest {
  const url = new URL(request.url);
  url.searchParams.set('auth_test', 'true');
  const { body, ...rest } = request;
  const form = /x-www-form-urlencoded/.test(request.headers['content-type'] ?? '');
  if (!form || body === undefined) return { ...rest, url: url.toString() };
  const fields = new URLSearchParams(String(body));
  const kept = new URLSearchParams([...fields].filter(([name]) => V1_KEPT_FIELDS.includes(name)));
  return { ...rest, url: url.toString(), body: kept.toString() };
}

/**
 * A 400 comes after the token, the scope and the room passed: from a server that does not know auth_test and checked
 * the request without its message, it says all that matters here.
 */
export function acceptedWithoutAuthTest(response: HttpResponse): boolean {
  return response.status === 400 && envelopeOf(response.body)?.field !== 'id_or_name';
}

/**
 * The same call, asked only whether the token may make it: its answer is the response when the token may (202, or
 * that 400), and its advice on a refusal is the real call's.
 */
export function authTestOf(call: HipChatCall<unknown>): HipChatCall<HttpResponse> {
  return {
    ...call,
    request: authTestRequest(call.request),
    read: (response) => (response.status === 202 || acceptedWithoutAuthTest(response) ? { value: response } : undefined),
  };
}
