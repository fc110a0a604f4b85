import type { IncomingHttpHeaders } from 'node:http';
import { capabilitiesDocument } from './capabilities.ts';
import type { ResolvedToken, SimRoom, SimUser, SimulatorConfig } from './config.ts';
import { presentedToken, presentedV1Token } from './credentials.ts';
import { AUTH_TEST_ACCEPTED, ERRORS, errorEnvelope, reasonPhrase } from './errors.ts';
import type { Fault } from './faults.ts';
import { formFields } from './form.ts';
import { isJsonContentType, parseJson } from './json-body.ts';
import { floodControlHeaders, type Quota, type RateLimiter, rateLimitHeaders } from './rate-limits.ts';
import { type RoomAnswer, type RoomEvent, type RoomRequest, reply, sendMessage, setTopic, shareFile } from './room-endpoints.ts';
import { decodeRoomSegment, findRoom, ROOM_ID_OR_NAME_SCHEMA } from './rooms.ts';
import { matchRoute, type RouteMatch, type V2RouteName } from './routes.ts';
import { checkSchema } from './schema.ts';
import { findUser, type PrivateMessage, sendPrivateMessage, type UserAnswer, viewUser } from './users.ts';
import { handleV1Message, V1_ERRORS } from './v1.ts';
import { fieldError, type NotificationBody, validateNotification } from './validate-notification.ts';

/** A request as the API sees it, already read off the socket. */
export interface ApiRequest {
  method: string;
  path: string;
  query: Readonly<Record<string, string>>;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The body's bytes, for a file shared in it. */
  rawBytes: Buffer;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  /** A JSON value, a raw string (fault bodies only), or undefined for no body. */
  body: unknown;
  /** Write '/' in JSON as '\/', as v1's encoder did. */
  escapeSlashes?: boolean;
  delivered?: { room: SimRoom; notification: NotificationBody };
  /** What a room got from one of the endpoints beside the notification. */
  event?: RoomEvent;
  /** A private message a person got. */
  privateMessage?: PrivateMessage;
}

export interface ApiState {
  config: SimulatorConfig;
  baseUrl: string;
  tokenLimits: RateLimiter;
  floodLimits: RateLimiter;
  /** Messages, replies and files posted, by id, so that a reply finds its parent. */
  messages: Map<string, RoomEvent>;
}

/** What a request addresses, resolved without side effects so fault rules can match on it too. */
export interface RequestTarget {
  match: RouteMatch;
  /** Decoded room segment, or v1's room_id; undefined when the route has none or the escape is malformed. */
  roomSegment: string | undefined;
  /** The room's segment or, on a user route, the user's, has a malformed escape. */
  malformedRoomSegment: boolean;
  /** On a user route: the decoded id, email or @mention name, and the user it names, if any. */
  userSegment: string | undefined;
  user: SimUser | undefined;
  room: SimRoom | undefined;
  presentedToken: string | undefined;
  /** The presented token if it is a known one for the route's API version. */
  token: ResolvedToken | undefined;
  /** v1 only: the form fields over the query parameters. */
  v1Fields?: Record<string, string>;
}

export function resolveTarget(state: ApiState, req: ApiRequest): RequestTarget {
  const match = matchRoute(req.method, req.path);
  const version = match.kind === 'matched' ? match.route.version : 'v2';
  const addressesUser = match.kind === 'matched' && match.route.addressesUser === true;
  const form = version === 'v1' ? formFields(req.headers['content-type'], req.rawBody) : undefined;
  const rawSegment = match.kind === 'matched' ? match.rawRoom : undefined;
  const segment = rawSegment === undefined ? undefined : decodeRoomSegment(rawSegment);
  const roomSegment = version === 'v1' ? (form?.room_id ?? req.query.room_id) : addressesUser ? undefined : segment;
  const userSegment = addressesUser ? segment : undefined;
  const presented = version === 'v1' ? presentedV1Token(req.query, form) : presentedToken(req.headers, req.query);
  const known = presented === undefined ? undefined : state.config.tokens.get(presented);
  return {
    match,
    roomSegment,
    malformedRoomSegment: rawSegment !== undefined && segment === undefined,
    room: roomSegment === undefined ? undefined : findRoom(state.config.rooms, roomSegment),
    userSegment,
    user: userSegment === undefined ? undefined : findUser(state.config.users, userSegment),
    presentedToken: presented,
    token: known?.version === version ? known : undefined,
    ...(version === 'v1' && { v1Fields: { ...req.query, ...form } }),
  };
}

interface HandlerContext {
  state: ApiState;
  req: ApiRequest;
  room: SimRoom | undefined;
  user: SimUser | undefined;
  reply: (status: number, body?: unknown) => ApiResponse;
  /** Counts one message against the room's flood control; false when it is exhausted. */
  countMessage: (room: SimRoom) => boolean;
  /** Counts one private message against the person's flood control; false when it is exhausted. */
  countPrivateMessage: (user: SimUser) => boolean;
}

const HANDLERS: Readonly<Record<V2RouteName, (ctx: HandlerContext) => ApiResponse>> = {
  capabilities: (ctx) => ctx.reply(200, capabilitiesDocument(ctx.state.baseUrl)),
  'room-notification': sendRoomNotification,
  'room-message': (ctx) => roomEndpoint(ctx, sendMessage),
  'room-reply': (ctx) => roomEndpoint(ctx, reply),
  'room-topic': (ctx) => roomEndpoint(ctx, setTopic),
  'room-share-file': (ctx) => roomEndpoint(ctx, shareFile),
  'user-view': (ctx) => userEndpoint(ctx, (user) => viewUser(user, ctx.state.baseUrl)),
  'user-message': (ctx) =>
    userEndpoint(ctx, (user) =>
      sendPrivateMessage({
        user,
        contentType: ctx.req.headers['content-type'],
        body: ctx.req.rawBytes,
        countMessage: () => ctx.countPrivateMessage(user),
      }),
    ),
};

function userEndpoint(ctx: HandlerContext, handle: (user: SimUser) => UserAnswer): ApiResponse {
  if (!ctx.user) throw new Error('a user endpoint reached its handler without a resolved user');
  const answer = handle(ctx.user);
  return { ...ctx.reply(answer.status, answer.body), ...(answer.privateMessage && { privateMessage: answer.privateMessage }) };
}

function roomEndpoint(ctx: HandlerContext, handle: (request: RoomRequest) => RoomAnswer): ApiResponse {
  const { room, req, state } = ctx;
  if (!room) throw new Error('a room endpoint reached its handler without a resolved room');
  const answer = handle({
    room,
    contentType: req.headers['content-type'],
    body: req.rawBytes,
    messages: state.messages,
    countMessage: () => ctx.countMessage(room),
  });
  const { event } = answer;
  if (event && event.kind !== 'topic') state.messages.set(event.id, event);
  return { ...ctx.reply(answer.status, answer.body), ...(event && { event }) };
}

/**
 * Order of checks: route, auth (which is what gets counted against the token's
 * budget), scope, room, then the body. Every response carries the rate-limit
 * headers; flood-controlled routes also carry the flood-control ones.
 */
export function handleApiRequest(state: ApiState, req: ApiRequest, target: RequestTarget = resolveTarget(state, req)): ApiResponse {
  let tokenQuota = peekTokenQuota(state, target.token);
  let floodQuota = isFloodControlled(target) ? peekFloodQuota(state, floodKeyOf(target)) : undefined;
  const reply = (status: number, body?: unknown, extraHeaders: Record<string, string> = {}): ApiResponse => ({
    status,
    body,
    headers: { ...extraHeaders, ...limitHeaders(tokenQuota, floodQuota) },
  });

  const { match } = target;
  if (match.kind === 'not-found') return reply(404, ERRORS.pathNotFound());
  if (match.kind === 'method-not-allowed') {
    return reply(405, ERRORS.methodNotAllowed(), { Allow: match.allow.join(', ') });
  }
  const { route } = match;
  if (target.malformedRoomSegment) {
    return reply(400, route.addressesUser ? ERRORS.malformedUserSegment() : ERRORS.malformedRoomSegment());
  }

  if (route.version === 'v1') {
    return handleV1Message({
      fields: target.v1Fields ?? {},
      room: target.room,
      authenticated: target.token !== undefined,
      countToken: () => {
        if (!target.token) return false;
        const counted = state.tokenLimits.consume(target.token.token, target.token.policy);
        tokenQuota = counted.quota;
        return counted.allowed;
      },
      reply: (status, body) => ({ ...reply(status, body), escapeSlashes: true }),
    });
  }
  // Any method can be probed with auth_test, so even a public route then demands a token.
  const authTest = req.query.auth_test === 'true';
  if (route.scope !== null || authTest) {
    if (target.presentedToken === undefined) return reply(401, ERRORS.noAuth());
    if (!target.token) return reply(401, ERRORS.invalidSession());
    const counted = state.tokenLimits.consume(target.token.token, target.token.policy);
    tokenQuota = counted.quota;
    if (!counted.allowed) return reply(429, ERRORS.rateLimited());
    if (route.scope !== null && !target.token.scopes.includes(route.scope)) {
      return reply(403, ERRORS.missingScope(route.scope));
    }
  }

  if (target.roomSegment !== undefined) {
    const violation = checkSchema(target.roomSegment, ROOM_ID_OR_NAME_SCHEMA);
    if (violation) return reply(400, fieldError('id_or_name', violation));
    if (!target.room) return reply(404, ERRORS.roomNotFound(target.roomSegment));
    const boundRoom = target.token?.room;
    if (boundRoom && boundRoom.id !== target.room.id) {
      return reply(403, ERRORS.wrongRoom(target.room.name, boundRoom.name));
    }
  }

  if (target.userSegment !== undefined && !target.user) return reply(404, ERRORS.userNotFound(target.userSegment));

  // [UNCONFIRMED] auth_test checks everything up to the room (or user), but not the body.
  if (authTest) return reply(202, AUTH_TEST_ACCEPTED);

  const countFlood = (key: string): boolean => {
    const counted = state.floodLimits.consume(key, state.config.floodControl);
    floodQuota = counted.quota;
    return counted.allowed;
  };
  return HANDLERS[route.name]({
    state,
    req,
    room: target.room,
    user: target.user,
    reply,
    countMessage: (room) => countFlood(roomFloodKey(room)),
    countPrivateMessage: (user) => countFlood(userFloodKey(user)),
  });
}

function sendRoomNotification(ctx: HandlerContext): ApiResponse {
  const { room, req, reply } = ctx;
  if (!room) throw new Error('room-notification reached its handler without a resolved room');
  if (!isJsonContentType(req.headers['content-type'])) return reply(400, ERRORS.invalidContentType());
  const parsed = parseJson(req.rawBody);
  if (!parsed.ok) return reply(400, ERRORS.invalidJson());
  const validation = validateNotification(parsed.value);
  if (!validation.ok) return reply(400, validation.error);
  // Only messages that would actually be posted count towards the room's flood control.
  if (!ctx.countMessage(room)) return reply(429, ERRORS.floodControlled());
  return { ...reply(204), delivered: { room, notification: validation.notification } };
}

/** The response a fault stands in for; headers as the normal path would have sent them. */
export function faultResponse(
  state: ApiState,
  target: RequestTarget,
  fault: Exclude<Fault, { kind: 'delay' | 'drop' | 'endless-body' }>,
): ApiResponse {
  const tokenQuota = peekTokenQuota(state, target.token);
  const floodQuota = isFloodControlled(target) ? peekFloodQuota(state, floodKeyOf(target)) : undefined;
  if (fault.kind === 'status') {
    const body = fault.body ?? (fault.status >= 400 ? errorEnvelope(fault.status, reasonPhrase(fault.status)) : undefined);
    return {
      status: fault.status,
      body,
      headers: { ...limitHeaders(tokenQuota, floodQuota), ...fault.headers },
    };
  }
  const reset = Math.ceil(state.config.now() / 1000) + fault.resetInSeconds;
  // v1 refused with 403 where v2 answers 429 (hipchat-api.md §3.2).
  const v1 = target.match.kind === 'matched' && target.match.route.version === 'v1';
  const refusal = (body: unknown): Pick<ApiResponse, 'status' | 'body' | 'escapeSlashes'> =>
    v1 ? { status: 403, body: V1_ERRORS.rateLimited(), escapeSlashes: true } : { status: 429, body };
  if (fault.scope === 'token') {
    return {
      ...refusal(ERRORS.rateLimited()),
      headers: limitHeaders({ ...tokenQuota, remaining: 0, reset }, floodQuota),
    };
  }
  const floodLimit = state.config.floodControl.limit;
  return {
    ...refusal(target.user ? ERRORS.personFloodControlled() : ERRORS.floodControlled()),
    headers: limitHeaders(tokenQuota, { limit: floodLimit, remaining: 0, reset }),
  };
}

function limitHeaders(tokenQuota: Quota, floodQuota: Quota | undefined): Record<string, string> {
  return { ...rateLimitHeaders(tokenQuota), ...(floodQuota ? floodControlHeaders(floodQuota) : {}) };
}

// A request without a valid token has no budget of its own: it is shown the default, untouched one.
function peekTokenQuota(state: ApiState, token: ResolvedToken | undefined): Quota {
  return state.tokenLimits.peek(token?.token, token?.policy ?? state.config.anonymousPolicy);
}

// [UNCONFIRMED] a person's flood control counts the private messages sent to them, whoever sends them, as a
// room's counts what is posted to it ("room and person specific", hipchat-api.md §3.1).
const roomFloodKey = (room: SimRoom): string => `room ${room.id}`;
const userFloodKey = (user: SimUser): string => `user ${user.id}`;

/** The flood-control window a request counts against: its room's, or on a user route its person's. */
function floodKeyOf(target: RequestTarget): string | undefined {
  if (target.user) return userFloodKey(target.user);
  return target.room && roomFloodKey(target.room);
}

function peekFloodQuota(state: ApiState, key: string | undefined): Quota {
  return state.floodLimits.peek(key, state.config.floodControl);
}

function isFloodControlled(target: RequestTarget): boolean {
  return target.match.kind === 'matched' && target.match.route.floodControlled;
}
