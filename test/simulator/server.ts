import { once } from 'node:events';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type ApiRequest,
  type ApiResponse,
  type ApiState,
  faultResponse,
  handleApiRequest,
  type RequestTarget,
  resolveTarget,
} from './api.ts';
import { resolveOptions, type SimRoom, type SimUser, type SimulatorOptions } from './config.ts';
import { redactForm, redactHeaders, redactQuery } from './credentials.ts';
import { errorEnvelope } from './errors.ts';
import { FaultQueue, type FaultRule } from './faults.ts';
import { formFields } from './form.ts';
import { RateLimiter } from './rate-limits.ts';
import type { RoomEvent } from './room-endpoints.ts';
import { findRoom } from './rooms.ts';
import { findUser, type PrivateMessage } from './users.ts';
import type { NotificationBody } from './validate-notification.ts';

export type { SimRoom, SimToken, SimUser, SimulatorOptions } from './config.ts';
export type { Fault, FaultRule } from './faults.ts';
export type { RoomEvent, SharedFile } from './room-endpoints.ts';
export type { PrivateMessage } from './users.ts';

export interface RecordedRequest {
  /** Receipt time from the simulator's clock, in ms. */
  at: number;
  /** The connection it came on, numbered from 1 in order of first use: requests on one keep-alive connection share it. */
  connection: number;
  method: string;
  /** Raw, as received, without the query. */
  path: string;
  /** `auth_token` masked as '***'. */
  query: Record<string, string>;
  /** Lowercase names; `authorization` masked as 'Bearer ***'. */
  headers: Record<string, string>;
  /** As received, except a form's `auth_token` value, masked as '***'. */
  rawBody: string;
  /** Parsed JSON, or the fields of a form body (`auth_token` masked), or undefined. */
  body: unknown;
  /** Decoded room segment, or v1's room_id. */
  room?: string;
  /** On a user route: the decoded id, email or @mention name. */
  user?: string;
  /** 0 when the connection was dropped by a fault. */
  status: number;
  /** Parsed JSON sent back (a string for raw fault bodies), or null when there was no body. */
  response: unknown;
  /** The token actually presented, so tests can check the right one was sent. */
  tokenUsed?: string;
  /** For an endless-body fault: how many bytes of the body went out before the client hung up. */
  bytesSent?: number;
  /** Set when this request delivered a notification. */
  delivered?: DeliveredNotification;
  /** Set when a room got a message, a reply, a topic or a file from it. */
  event?: RecordedEvent;
  /** Set when a person got a private message from it. */
  privateMessage?: RecordedPrivateMessage;
}

/** A private message, with the time it was received. */
export type RecordedPrivateMessage = PrivateMessage & { at: number };

/** What a room got, with the time it was received. */
export type RecordedEvent = RoomEvent & { at: number };

export interface DeliveredNotification {
  room: SimRoom;
  body: NotificationBody;
  at: number;
}

export interface Simulator {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  rooms: readonly SimRoom[];
  requests: readonly RecordedRequest[];
  /** Accepted (204) notifications, in order. */
  delivered: readonly DeliveredNotification[];
  /** Throws for a room the simulator does not have, so a typo cannot pass as "nothing delivered". */
  deliveredTo(room: string | number): DeliveredNotification[];
  /** Messages, replies, topics and shared files, in order. */
  events: readonly RecordedEvent[];
  /** A room's events; throws for a room the simulator does not have. */
  eventsIn(room: string | number): RecordedEvent[];
  /** The topic last set in a room, or undefined when none was. */
  topicOf(room: string | number): string | undefined;
  users: readonly SimUser[];
  /** Accepted (204) private messages, in order. */
  privateMessages: readonly RecordedPrivateMessage[];
  /** A person's private messages, by id, email or @mention name; throws for a user the simulator does not have. */
  privateMessagesTo(user: string | number): RecordedPrivateMessage[];
  /** Rules are consumed in the order they were added. */
  injectFault(rule: FaultRule): void;
  /** Called after each request is answered (or dropped); returns the unsubscribe function. */
  subscribe(listener: (request: RecordedRequest) => void): () => void;
  /** Clears records, pending faults and rate-limit counters; subscriptions stay. */
  reset(): void;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const config = resolveOptions(options);
  const requests: RecordedRequest[] = [];
  const delivered: DeliveredNotification[] = [];
  const events: RecordedEvent[] = [];
  const privateMessages: RecordedPrivateMessage[] = [];
  const listeners = new Set<(request: RecordedRequest) => void>();
  const faults = new FaultQueue();
  const shutdown = new AbortController();
  const connections = new WeakMap<Socket, number>();
  let connectionCount = 0;
  const connectionOf = (socket: Socket): number => {
    const known = connections.get(socket);
    if (known !== undefined) return known;
    connectionCount += 1;
    connections.set(socket, connectionCount);
    return connectionCount;
  };
  const state: ApiState = {
    config,
    baseUrl: '',
    tokenLimits: new RateLimiter(config.now),
    floodLimits: new RateLimiter(config.now),
    messages: new Map(),
  };

  const record = (entry: RecordedRequest): void => {
    requests.push(entry);
    if (entry.delivered) delivered.push(entry.delivered);
    if (entry.event) events.push(entry.event);
    if (entry.privateMessage) privateMessages.push(entry.privateMessage);
  };
  const announce = (entry: RecordedRequest): void => {
    for (const listener of listeners) {
      try {
        listener(entry);
      } catch (error) {
        console.error('hipchat simulator: a subscriber threw', error);
      }
    }
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = config.now();
    const connection = connectionOf(req.socket);
    const rawBytes = await readBody(req);
    const rawBody = rawBytes.toString('utf8');
    const apiRequest = toApiRequest(req, rawBytes);
    const target = resolveTarget(state, apiRequest);
    const fault = faults.take((rule) => ruleApplies(rule, target));
    const entry = (status: number, response: unknown): RecordedRequest => ({
      at,
      connection,
      method: apiRequest.method,
      path: apiRequest.path,
      query: redactQuery(apiRequest.query),
      headers: redactHeaders(req.headers),
      rawBody: redactForm(req.headers['content-type'], rawBody),
      body: parseRecordedBody(req.headers['content-type'], rawBody),
      ...(target.roomSegment === undefined ? {} : { room: target.roomSegment }),
      ...(target.userSegment === undefined ? {} : { user: target.userSegment }),
      status,
      response,
      ...(target.presentedToken === undefined ? {} : { tokenUsed: target.presentedToken }),
    });

    if (fault?.kind === 'drop') {
      const dropped = entry(0, null);
      record(dropped);
      req.socket.destroy();
      announce(dropped);
      return;
    }
    if (fault?.kind === 'endless-body') {
      const bytesSent = await sendEndlessBody(res, fault.status, shutdown.signal);
      const answered = { ...entry(fault.status, null), bytesSent };
      record(answered);
      announce(answered);
      return;
    }
    if (fault?.kind === 'delay') {
      try {
        await sleep(fault.ms, undefined, { signal: shutdown.signal });
      } catch {
        req.socket.destroy();
        return;
      }
    }

    const response =
      fault !== undefined && fault.kind !== 'delay' ? faultResponse(state, target, fault) : handleApiRequest(state, apiRequest, target);
    const answered: RecordedRequest = {
      ...entry(response.status, response.body ?? null),
      ...(response.delivered && {
        delivered: { room: response.delivered.room, body: response.delivered.notification, at },
      }),
      ...(response.event && { event: { ...response.event, at } }),
      ...(response.privateMessage && { privateMessage: { ...response.privateMessage, at } }),
    };
    record(answered);
    writeResponse(res, response);
    announce(answered);
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    serve(req, res).catch((error: unknown) => {
      console.error('hipchat simulator: internal error', error);
      if (res.headersSent) return;
      writeResponse(res, { status: 500, headers: {}, body: errorEnvelope(500, 'Simulator internal error') });
    });
  };
  const server: Server = config.tls
    ? createHttpsServer({ key: config.tls.key, cert: config.tls.cert }, onRequest)
    : createHttpServer(onRequest);
  server.listen(config.port, config.host);
  await once(server, 'listening');

  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  state.baseUrl = `${config.tls ? 'https' : 'http'}://${host}:${port}`;

  const roomNamed = (room: string | number): SimRoom => {
    const wanted = typeof room === 'number' ? config.rooms.find((r) => r.id === room) : findRoom(config.rooms, room);
    if (!wanted) throw new Error(`The simulator has no room ${room}`);
    return wanted;
  };

  let closing: Promise<void> | undefined;
  return {
    url: state.baseUrl,
    rooms: config.rooms,
    requests,
    delivered,
    deliveredTo(room) {
      const wanted = roomNamed(room);
      return delivered.filter((notification) => notification.room.id === wanted.id);
    },
    events,
    eventsIn(room) {
      const wanted = roomNamed(room);
      return events.filter((event) => event.room.id === wanted.id);
    },
    topicOf(room) {
      const wanted = roomNamed(room);
      const set = events.filter((event) => event.kind === 'topic' && event.room.id === wanted.id).at(-1);
      return set?.kind === 'topic' ? set.topic : undefined;
    },
    users: config.users,
    privateMessages,
    privateMessagesTo(user) {
      const wanted = findUser(config.users, String(user));
      if (!wanted) throw new Error(`The simulator has no user ${user}`);
      return privateMessages.filter((message) => message.user.id === wanted.id);
    },
    injectFault: (rule) => faults.add(rule),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reset() {
      requests.length = 0;
      delivered.length = 0;
      events.length = 0;
      privateMessages.length = 0;
      state.messages.clear();
      faults.clear();
      state.tokenLimits.clear();
      state.floodLimits.clear();
    },
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        shutdown.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections would otherwise hold close() open.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

const ENDLESS_BODY_CAP = 1024 ** 3;

/** Streams an error body until the client stops reading and hangs up; returns the bytes that went out. */
async function sendEndlessBody(res: ServerResponse, status: number, shutdown: AbortSignal): Promise<number> {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  const chunk = Buffer.from(`{"error":{"code":${status},"message":"${'x'.repeat(64 * 1024)}`);
  let sent = 0;
  while (sent < ENDLESS_BODY_CAP && !res.destroyed && !shutdown.aborted) {
    sent += chunk.length;
    if (!res.write(chunk)) {
      await Promise.race([once(res, 'drain'), once(res, 'close')]);
    }
  }
  res.destroy();
  return sent;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function toApiRequest(req: IncomingMessage, rawBytes: Buffer): ApiRequest {
  const url = req.url ?? '/';
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const rawQuery = queryStart === -1 ? '' : url.slice(queryStart + 1);
  return {
    method: req.method ?? 'GET',
    path,
    query: Object.fromEntries(new URLSearchParams(rawQuery)),
    headers: req.headers,
    rawBody: rawBytes.toString('utf8'),
    rawBytes,
  };
}

function ruleApplies(rule: FaultRule, target: RequestTarget): boolean {
  if (rule.route !== undefined && (target.match.kind !== 'matched' || target.match.route.name !== rule.route)) return false;
  const { room, user } = target;
  if (rule.user !== undefined) {
    const names = user ? [String(user.id), user.email, `@${user.mention_name}`] : [];
    if (rule.user !== target.userSegment && !names.includes(rule.user)) return false;
  }
  if (rule.room === undefined) return true;
  return rule.room === target.roomSegment || (room !== undefined && [room.name, String(room.id)].includes(rule.room));
}

function parseRecordedBody(contentType: string | undefined, rawBody: string): unknown {
  const fields = formFields(contentType, rawBody);
  if (fields) return redactQuery(fields);
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    return undefined;
  }
}

function writeResponse(res: ServerResponse, response: ApiResponse): void {
  const { body } = response;
  const json = (value: unknown): string => {
    const text = JSON.stringify(value);
    return response.escapeSlashes ? text.replaceAll('/', '\\/') : text;
  };
  const text = body === undefined ? undefined : typeof body === 'string' ? body : json(body);
  const hasContentType = Object.keys(response.headers).some((name) => name.toLowerCase() === 'content-type');
  const contentType =
    text === undefined || hasContentType
      ? {}
      : { 'Content-Type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json' };
  res.writeHead(response.status, { ...contentType, ...response.headers });
  res.end(text);
}
