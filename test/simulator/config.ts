import { DEFAULT_FLOOD_CONTROL, DEFAULT_TOKEN_LIMITS, type LimitPolicy, TOKEN_WINDOW_SECONDS } from './rate-limits.ts';
import { findRoom } from './rooms.ts';

export interface SimRoom {
  id: number;
  name: string;
}

/** A HipChat user, as GET /v2/user/{id_or_email} shows one (hipchat-api.md §1.5). */
export interface SimUser {
  id: number;
  email: string;
  /** Without the @. */
  mention_name: string;
  name: string;
}

export interface SimToken {
  token: string;
  /** Default `['send_notification']`. */
  scopes?: string[];
  /** A room notification token is bound to one room, given by id or name. */
  room?: number | string;
  /** Default 'user'. Sets the default limit: 100 (user) or 500 (addon) requests per 5 minutes. */
  kind?: 'user' | 'addon';
  /** Default 'v2'. A v1 (admin or notification) token works only on /v1 and a v2 token only on /v2. */
  version?: 'v1' | 'v2';
}

export interface SimulatorOptions {
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0 (ephemeral). */
  port?: number;
  /** Default `[{ id: 1, name: 'Operations' }]`. */
  rooms?: SimRoom[];
  /** Default `[{ token: 'sim-token' }]`. */
  tokens?: SimToken[];
  /** The people GET /v2/user/{id_or_email} finds and private messages reach; default none. */
  users?: SimUser[];
  /** Overrides the per-token limit for every token (default by kind, window 300 s). */
  rateLimit?: LimitPolicy;
  /** Per room; default 30 per 60 s. */
  floodControl?: LimitPolicy;
  /** Clock in milliseconds; default Date.now. */
  now?: () => number;
  /** Serve HTTPS instead of HTTP. */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

export interface ResolvedToken {
  token: string;
  scopes: readonly string[];
  room: SimRoom | undefined;
  policy: LimitPolicy;
  version: 'v1' | 'v2';
}

export interface SimulatorConfig {
  host: string;
  port: number;
  rooms: readonly SimRoom[];
  tokens: ReadonlyMap<string, ResolvedToken>;
  users: readonly SimUser[];
  /** Applies to requests without a valid token, which have no budget of their own. */
  anonymousPolicy: LimitPolicy;
  floodControl: LimitPolicy;
  now: () => number;
  tls: SimulatorOptions['tls'];
}

export const DEFAULT_ROOMS: readonly SimRoom[] = [{ id: 1, name: 'Operations' }];
export const DEFAULT_TOKENS: readonly SimToken[] = [{ token: 'sim-token' }];

/** Fills in defaults and rejects configurations the real service could not have. */
export function resolveOptions(options: SimulatorOptions): SimulatorConfig {
  const rooms = options.rooms ?? DEFAULT_ROOMS;
  assertUnique(
    rooms.map((room) => room.id),
    'room id',
  );
  assertUnique(
    rooms.map((room) => room.name),
    'room name',
  );
  const users = options.users ?? [];
  assertUnique(
    users.map((user) => user.id),
    'user id',
  );
  // Emails and mention names are found whatever their case (see users.ts), so they must differ in more than case.
  assertUnique(
    users.map((user) => user.email.toLowerCase()),
    'user email',
  );
  assertUnique(
    users.map((user) => user.mention_name.toLowerCase()),
    'user mention_name',
  );
  const tokenPolicy = (kind: 'user' | 'addon'): LimitPolicy =>
    options.rateLimit ?? { limit: DEFAULT_TOKEN_LIMITS[kind], windowSeconds: TOKEN_WINDOW_SECONDS };

  const tokens = new Map<string, ResolvedToken>();
  for (const token of options.tokens ?? DEFAULT_TOKENS) {
    if (tokens.has(token.token)) throw new Error(`Duplicate token ${token.token}`);
    // A room notification token can only send notifications (hipchat-api.md §2.2): messages need a user's token.
    if (token.room !== undefined && token.scopes?.some((scope) => scope !== 'send_notification')) {
      throw new Error(`Token ${token.token} is bound to a room, so it can have send_notification only`);
    }
    tokens.set(token.token, {
      token: token.token,
      scopes: token.scopes ?? ['send_notification'],
      room: token.room === undefined ? undefined : boundRoom(rooms, token.room),
      policy: tokenPolicy(token.kind ?? 'user'),
      version: token.version ?? 'v2',
    });
  }
  return {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    rooms,
    tokens,
    users,
    anonymousPolicy: tokenPolicy('user'),
    floodControl: options.floodControl ?? DEFAULT_FLOOD_CONTROL,
    now: options.now ?? Date.now,
    tls: options.tls,
  };
}

function boundRoom(rooms: readonly SimRoom[], room: number | string): SimRoom {
  const found = typeof room === 'number' ? rooms.find((candidate) => candidate.id === room) : findRoom(rooms, room);
  if (!found) throw new Error(`Token bound to unknown room ${room}`);
  return found;
}

function assertUnique(values: readonly unknown[], what: string): void {
  const duplicate = values.find((value, index) => values.indexOf(value) !== index);
  if (duplicate !== undefined) throw new Error(`Duplicate ${what} ${String(duplicate)}`);
}
