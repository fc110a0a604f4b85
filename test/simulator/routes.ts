/**
 * The route table. Adding an endpoint (e.g. v1 `/v1/rooms/message`) means adding
 * a row here and a handler in api.ts.
 */
export type RouteName = 'capabilities' | 'room-notification';

export interface Route {
  name: RouteName;
  method: string;
  /** Matched against the raw path; group 1, if any, is the raw room segment. */
  pattern: RegExp;
  /** Scope required, or null for public routes. */
  scope: string | null;
  /** Sends a message to a room, so it is subject to per-room flood control. */
  floodControlled: boolean;
}

export const ROUTES: readonly Route[] = [
  { name: 'capabilities', method: 'GET', pattern: /^\/v2\/capabilities$/, scope: null, floodControlled: false },
  {
    name: 'room-notification',
    method: 'POST',
    // `[^/]*` keeps an encoded `/` (%2F) inside the segment and lets an empty segment reach the length check.
    pattern: /^\/v2\/room\/([^/]*)\/notification$/,
    scope: 'send_notification',
    floodControlled: true,
  },
];

export type RouteMatch =
  | { kind: 'matched'; route: Route; rawRoom: string | undefined }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

export function matchRoute(method: string, path: string): RouteMatch {
  const candidates = ROUTES.map((route) => ({ route, match: route.pattern.exec(path) })).filter(
    (candidate) => candidate.match !== null,
  );
  const chosen = candidates.find((candidate) => candidate.route.method === method);
  if (chosen) return { kind: 'matched', route: chosen.route, rawRoom: chosen.match?.[1] };
  if (candidates.length > 0) {
    return { kind: 'method-not-allowed', allow: candidates.map((candidate) => candidate.route.method) };
  }
  return { kind: 'not-found' };
}
