import type { Simulator } from './server.ts';

/** The fixed start of the clock in the simulator's tests. */
export const T0 = 1_700_000_000_000;
export const T0_SECONDS = T0 / 1000;

/** Headers of a request that was not counted anywhere, at T0, with the default limits of a user token. */
export const UNTOUCHED_HEADERS = {
  'x-ratelimit-limit': '100',
  'x-ratelimit-remaining': '100',
  'x-ratelimit-reset': String(T0_SECONDS + 300),
  'x-floodcontrol-limit': '30',
  'x-floodcontrol-remaining': '30',
  'x-floodcontrol-reset': String(T0_SECONDS + 60),
};

export const RATE_LIMIT_HEADERS = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'] as const;
export const FLOOD_CONTROL_HEADERS = ['x-floodcontrol-limit', 'x-floodcontrol-remaining', 'x-floodcontrol-reset'] as const;

export interface PostOptions {
  /** Default 'sim-token'; null sends no credentials. */
  token?: string | null;
  via?: 'header' | 'query';
  /** Default 'application/json'; null sends no Content-Type. */
  contentType?: string | null;
  /** Sent as-is instead of JSON.stringify(body). */
  rawBody?: string;
  /** Extra query string, without '?'. */
  query?: string;
}

/** POST /v2/room/{roomSegment}/notification; `roomSegment` is put in the URL exactly as given. */
export function postNotification(sim: Simulator, roomSegment: string, body: unknown, options: PostOptions = {}): Promise<Response> {
  const { token = 'sim-token', via = 'header', contentType = 'application/json' } = options;
  const query = new URLSearchParams(options.query);
  const headers: Record<string, string> = {};
  if (token !== null && via === 'query') query.set('auth_token', token);
  if (token !== null && via === 'header') headers.Authorization = `Bearer ${token}`;
  if (contentType !== null) headers['Content-Type'] = contentType;
  const search = query.size > 0 ? `?${query.toString()}` : '';
  const text = options.rawBody ?? JSON.stringify(body);
  // A Uint8Array body keeps fetch from adding its own text/plain Content-Type.
  return fetch(`${sim.url}/v2/room/${roomSegment}/notification${search}`, {
    method: 'POST',
    headers,
    body: new TextEncoder().encode(text),
  });
}

/** The six limit headers of a response, absent ones as null. */
export function limitHeaders(response: Response): Record<string, string | null> {
  return Object.fromEntries([...RATE_LIMIT_HEADERS, ...FLOOD_CONTROL_HEADERS].map((name) => [name, response.headers.get(name)]));
}

/** A clock the test moves by hand. */
export function manualClock(startMs: number): { now: () => number; advance: (ms: number) => void } {
  let current = startMs;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
  };
}

/** POST /v1/rooms/message?format=json with the fields form-encoded, as v1 clients sent them. */
export function postV1Message(sim: Simulator, fields: Record<string, string>, query = 'format=json'): Promise<Response> {
  return fetch(`${sim.url}/v1/rooms/message?${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}
