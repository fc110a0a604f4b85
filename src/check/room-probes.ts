import { callHipChat, type Session } from '../hipchat/delivery/deliver.js';
import { envelopeOf } from '../hipchat/delivery/failure.js';
import type { HipChatCall } from '../hipchat/endpoints/types.js';
import { authTestOf } from './auth-test.js';
import type { CheckLine, CheckOutcome } from './result.js';

/**
 * One capability of a run probed in one room: the call a real run would make there, asked with auth_test. `missing`
 * is what a refusal would mean for the run: fail when the run would fail, warn when it would only lose a follow-up.
 */
export interface RoomProbe {
  /** "notifications", "the topic" */
  readonly what: string;
  readonly call: (room: string) => HipChatCall<unknown>;
  readonly missing: Extract<CheckOutcome, 'fail' | 'warn'>;
}

function label(room: string, probe: RoomProbe, call: HipChatCall<unknown>): string {
  const scope = call.words.scope ? ` (${call.words.scope})` : '';
  return `Room '${room}': ${probe.what}${scope}`;
}

export async function probeRoom(session: Session, room: string, probe: RoomProbe): Promise<CheckLine> {
  const call = probe.call(room);
  const check = label(room, probe, call);
  const result = await callHipChat(session, authTestOf(call));
  if (!result.ok) return { check, outcome: probe.missing, detail: result.error };
  if (result.value.status === 202) return { check, outcome: 'pass', detail: `The token may use ${call.words.endpoint} here.` };
  return {
    check,
    outcome: 'pass',
    detail: `The server does not answer auth_test, but it took the token, its scope and the room before it refused the empty request (${envelopeOf(result.value.body)?.message ?? 'HTTP 400'}).`,
  };
}
