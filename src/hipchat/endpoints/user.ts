import { envelopeOf, hipchatSaid } from '../delivery/failure.js';
import type { HttpResponse } from '../transport/http.js';
import type { Answer, EndpointWords, HipChatCall, HipChatServer } from './types.js';
import { getRequest, USER_ADDRESSEE, userCall, userUrl } from './user-request.js';

/** What the action reads of a HipChat user (hipchat-api.md §1.5); the rest of the answer is left alone. */
export interface HipChatUser {
  readonly id: number;
  /** As HipChat holds it, without the @; the people lookup decides whether it can be mentioned. */
  readonly mention_name: string;
  readonly name: string;
  readonly email: string;
}

/** A user HipChat found, or its word that there is none, quoted for the warning. */
export type UserLookup = { readonly found: true; readonly user: HipChatUser } | { readonly found: false; readonly said: string };

export const VIEW_USER_WORDS: EndpointWords = {
  endpoint: 'GET /v2/user/{id_or_email}',
  scope: 'view_group',
  subject: 'the user lookup (GET /v2/user/{id_or_email})',
  place: (user) => `the lookup of user '${user}' (GET /v2/user/{id_or_email})`,
  forbidden: (user) => ({
    action: `look up user '${user}' with GET /v2/user/{id_or_email}`,
    advice:
      'it needs the view_group scope to find people by email; or give each person in user_map as an @mention name, which needs no lookup',
  }),
  expected: '200 with the user',
  addressee: USER_ADDRESSEE,
};

const TEXT_MAX = 1_000;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= TEXT_MAX ? value : undefined;
}

/** The fields the action needs, each of the expected type; undefined when the answer is no user. */
export function userOf(body: string): HipChatUser | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object') return undefined;
  const { id, mention_name, name, email } = parsed as Record<string, unknown>;
  const mentionName = text(mention_name);
  if (!Number.isSafeInteger(id) || mentionName === undefined) return undefined;
  return { id: id as number, mention_name: mentionName, name: text(name) ?? '', email: text(email) ?? '' };
}

/**
 * 200 with the user. A 404 that names a user (or says nothing) means HipChat has nobody by that id or email, which
 * is an answer, not a failure; a 404 about anything else is a server without the endpoint, for the advice path.
 */
export function readUser(response: HttpResponse): Answer<UserLookup> | undefined {
  if (response.status === 200) {
    const user = userOf(response.body);
    return user && { value: { found: true, user } };
  }
  if (response.status !== 404) return undefined;
  const envelope = envelopeOf(response.body);
  if (envelope !== undefined && !USER_ADDRESSEE.isNamedIn(envelope.message ?? '')) return undefined;
  return { value: { found: false, said: hipchatSaid(response) } };
}

/** GET /v2/user/{id_or_email}: a user by numeric id, email or @mention name. */
export function viewUserCall(server: HipChatServer, user: string): HipChatCall<UserLookup> {
  return userCall(server, user, VIEW_USER_WORDS, getRequest(server, userUrl(server.serverUrl, user)), readUser);
}
