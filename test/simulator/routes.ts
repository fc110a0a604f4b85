/**
 * The route table. Adding an endpoint means adding a row here and a handler in
 * api.ts (v2) or v1.ts (v1).
 */
export type V2RouteName =
  | 'capabilities'
  | 'room-notification'
  | 'room-message'
  | 'room-reply'
  | 'room-topic'
  | 'room-share-file'
  | 'user-view'
  | 'user-message';

/** Which API a route belongs to: v1 and v2 take different tokens and answer in different ways. */
export type Route = RouteFields & ({ version: 'v2'; name: V2RouteName } | { version: 'v1'; name: 'v1-room-message' });

interface RouteFields {
  method: string;
  /** Matched against the raw path; group 1, if any, is the raw room segment (the user's, on a user route). */
  pattern: RegExp;
  /** Set on the routes whose segment names a user (id, email or @mention name) rather than a room. */
  addressesUser?: true;
  /** Scope required, or null for public routes and for v1, whose tokens have no scopes. */
  scope: string | null;
  /** Sends a message to a room or a person, so it is subject to that room's or person's flood control. */
  floodControlled: boolean;
}

export const ROUTES: readonly Route[] = [
  { name: 'capabilities', version: 'v2', method: 'GET', pattern: /^\/v2\/capabilities$/, scope: null, floodControlled: false },
  {
    name: 'room-notification',
    version: 'v2',
    method: 'POST',
    // `[^/]*` keeps an encoded `/` (%2F) inside the segment and lets an empty segment reach the length check.
    pattern: /^\/v2\/room\/([^/]*)\/notification$/,
    scope: 'send_notification',
    floodControlled: true,
  },
  // The room endpoints beside the notification (hipchat-api.md §1.5): messages, replies and files need a user's
  // send_message, the topic admin_room.
  roomRoute('room-message', 'POST', 'message', 'send_message'),
  // [UNCONFIRMED] whether replies count against flood control; they are treated as messages.
  roomRoute('room-reply', 'POST', 'reply', 'send_message'),
  // [UNCONFIRMED] the topic is no message; it is counted all the same, so that a step's every call to a room is.
  roomRoute('room-topic', 'PUT', 'topic', 'admin_room'),
  roomRoute('room-share-file', 'POST', 'share/file', 'send_message'),
  // The people (hipchat-api.md §1.5): looking one up needs view_group; a private message, send_message and the
  // person's flood control.
  userRoute('user-view', 'GET', '', 'view_group', false),
  userRoute('user-message', 'POST', '/message', 'send_message', true),
  // [UNCONFIRMED] whether v1 had per-room flood control; the simulator gives it none.
  { name: 'v1-room-message', version: 'v1', method: 'POST', pattern: /^\/v1\/rooms\/message$/, scope: null, floodControlled: false },
];

function roomRoute(name: V2RouteName, method: string, action: string, scope: string): Route {
  return { name, version: 'v2', method, pattern: new RegExp(`^/v2/room/([^/]*)/${action}$`), scope, floodControlled: true };
}

function userRoute(name: V2RouteName, method: string, action: string, scope: string, floodControlled: boolean): Route {
  return { name, version: 'v2', method, pattern: new RegExp(`^/v2/user/([^/]*)${action}$`), scope, floodControlled, addressesUser: true };
}

export type RouteMatch =
  | { kind: 'matched'; route: Route; rawRoom: string | undefined }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

export function matchRoute(method: string, path: string): RouteMatch {
  const candidates = ROUTES.map((route) => ({ route, match: route.pattern.exec(path) })).filter((candidate) => candidate.match !== null);
  const chosen = candidates.find((candidate) => candidate.route.method === method);
  if (chosen) return { kind: 'matched', route: chosen.route, rawRoom: chosen.match?.[1] };
  if (candidates.length > 0) {
    return { kind: 'method-not-allowed', allow: candidates.map((candidate) => candidate.route.method) };
  }
  return { kind: 'not-found' };
}
