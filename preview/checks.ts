// The last set-up check, as the preview shows it: the auth_test requests the server saw (`check: true` or
// `hipchat-notify check` makes nothing else to a room), grouped into checks so that the newest replaces the last.
import { matchRoute } from '../test/simulator/routes.ts';
import type { RecordedRequest } from '../test/simulator/server.ts';
import { errorOf } from './entries.ts';

/** One auth_test request: what it asked about, and what the server answered. */
export interface CheckProbe {
  /** From the same sequence as the notifications' ids, so that one event stream resumes everything. */
  readonly id: number;
  readonly at: number;
  /** The room or person, as the request named them (a name, an id, an email); none on a route without one. */
  readonly target?: { readonly kind: 'room' | 'user'; readonly name: string };
  /** `POST /v2/room/{id_or_name}/notification`, or a path the simulator does not know, as asked. */
  readonly endpoint: string;
  /** The scope the endpoint needs; none for v1 (whose tokens have none), public routes and unknown paths. */
  readonly scope?: string;
  /** 202 when the token may; 0 when a fault dropped the connection. */
  readonly status: number;
  /** HipChat's refusal, in its words. */
  readonly error?: { readonly type?: string; readonly message?: string };
}

/** What the page shows of the last check. */
export interface LastCheck {
  /** Its latest probe's id: the event stream's id for the check, so it grows with each probe and each new check. */
  readonly id: number;
  readonly startedAt: number;
  readonly probes: readonly CheckProbe[];
  /** Probes past MAX_PROBES: counted, not listed. */
  readonly more: number;
}

/** The check being gathered: what the page gets, and what the next probe is compared with. */
export interface CheckGroup {
  readonly check: LastCheck;
  /** The token its probes presented: compared with the next probe's, never sent to the page. */
  readonly token: string | undefined;
  readonly lastAt: number;
  /** False once the next check announced itself, so that its first probe starts a new table. */
  readonly open: boolean;
}

/**
 * A pause longer than this ends a check. A check sends its probes back to back (its rooms at once, each room's calls
 * one after another), milliseconds apart on a working server; the longest wait inside one is a retry's back-off, at
 * most 10 s, after a 5xx or a dropped connection. A check held up longer, waiting for a rate limit's reset, shows in
 * two parts; a longer pause would merge two checks of a client that does not announce them (see startsCheck).
 */
export const CHECK_GAP_MS = 15_000;
/** A check probes each room a few times; a client that sends more is not the action, and the table stays readable. */
export const MAX_PROBES = 100;
const MAX_TEXT = 300;

const PLACEHOLDERS = { room: '{id_or_name}', user: '{id_or_email}' } as const;

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

/** v2 asks with `?auth_test=true`; v1 read it from the form as well as the query (hipchat-api.md §2.1). */
function isAuthTest(request: RecordedRequest): boolean {
  if (request.query.auth_test === 'true') return true;
  const form = request.body as Record<string, unknown> | undefined;
  return request.path.startsWith('/v1/') && form?.auth_test === 'true';
}

/** The route's words, with the room's or person's segment as HipChat's documentation names it. */
function endpointOf(request: RecordedRequest): Pick<CheckProbe, 'target' | 'endpoint' | 'scope'> {
  const match = matchRoute(request.method, request.path);
  if (match.kind !== 'matched') return { endpoint: clip(`${request.method} ${request.path}`) };
  const { route } = match;
  const kind = route.addressesUser ? 'user' : 'room';
  const name = kind === 'user' ? request.user : request.room;
  const parts = request.path.split('/');
  // Every v2 route with a segment has it third: /v2/room/{id_or_name}/..., /v2/user/{id_or_email}/...
  if (route.version === 'v2' && match.rawRoom !== undefined) parts[3] = PLACEHOLDERS[kind];
  return {
    ...(name !== undefined && { target: { kind, name: clip(name) } }),
    endpoint: `${request.method} ${parts.join('/')}`,
    ...(route.scope !== null && { scope: route.scope }),
  };
}

/** The probe an auth_test request was, or undefined for any other request. */
export function checkProbe(request: RecordedRequest, id: number): CheckProbe | undefined {
  if (!isAuthTest(request)) return undefined;
  const error = request.status === 202 ? undefined : errorOf(request.response);
  const { type, message } = error ?? {};
  return {
    id,
    at: request.at,
    ...endpointOf(request),
    status: request.status,
    ...(error && {
      error: { ...(typeof type === 'string' && { type: clip(type) }), ...(typeof message === 'string' && { message: clip(message) }) },
    }),
  };
}

/**
 * Whether a request is the start of the action's check: it asks for the capabilities document (to find the server and
 * its API) before its first probe, and a run that sends never asks for it. Two checks run one after the other, as a
 * script or a test runs them, come a fifth of a second apart, too close for any pause to tell them apart; this does.
 */
export function startsCheck(request: RecordedRequest): boolean {
  return request.method === 'GET' && request.path === '/v2/capabilities' && !isAuthTest(request);
}

/** The group after the next check announced itself: the table stays, and the next probe replaces it. */
export function closed(group: CheckGroup | undefined): CheckGroup | undefined {
  return group && { ...group, open: false };
}

/**
 * HipChat's auth_test carries nothing that ties the probes of one check together, so a probe starts a new check, which
 * replaces the last one, when
 * - the action's next check announced itself since the last probe (see startsCheck), or
 * - it presents another token: one check runs with one token, or
 * - it comes more than CHECK_GAP_MS after the last probe: a check's probes come back to back.
 * Otherwise it joins the check. Two checks that run at the same time with one token get mixed up: nothing in their
 * requests tells them apart.
 */
export function withProbe(group: CheckGroup | undefined, probe: CheckProbe, token: string | undefined): CheckGroup {
  if (!group?.open || group.token !== token || probe.at - group.lastAt > CHECK_GAP_MS) {
    return { check: { id: probe.id, startedAt: probe.at, probes: [probe], more: 0 }, token, lastAt: probe.at, open: true };
  }
  const { check } = group;
  const listed = check.probes.length < MAX_PROBES;
  return {
    ...group,
    lastAt: probe.at,
    check: {
      ...check,
      id: probe.id,
      probes: listed ? [...check.probes, probe] : check.probes,
      more: listed ? check.more : check.more + 1,
    },
  };
}
