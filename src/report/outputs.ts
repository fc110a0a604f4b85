import type { RoomResult } from '../hipchat/delivery/deliver.js';
import type { V2NotificationBody } from '../hipchat/endpoints/notification-v2.js';
import type { PrivateMessageResult } from './private-messages.js';

/** What went to the rooms: a notification's body, or the text of a message posted as the token's user. */
export type SentBody = V2NotificationBody | { readonly message: string };

/** The step outputs declared in action.yml, as strings. */
export interface ActionOutputs {
  readonly ok: string;
  readonly payload: string;
  readonly results: string;
  readonly message_id: string;
  readonly delivered_rooms: string;
  readonly failed_rooms: string;
  readonly skipped: string;
  readonly skip_reason: string;
}

/** `ok`, `message_id` and the room lists are the rooms'; `results` has the private messages after the rooms. */
export function actionOutputs(
  body: SentBody,
  results: readonly RoomResult[],
  privateMessages: readonly PrivateMessageResult[] = [],
): ActionOutputs {
  const rooms = (ok: boolean) => results.filter((result) => result.ok === ok).map((result) => result.room);
  return {
    ok: String(results.every((result) => result.ok)),
    payload: JSON.stringify(body),
    results: JSON.stringify([...results, ...privateMessages]),
    message_id: results.length === 1 ? (results[0]?.message_id ?? '') : '',
    delivered_rooms: rooms(true).join('\n'),
    failed_rooms: rooms(false).join('\n'),
    skipped: 'false',
    skip_reason: '',
  };
}

/** When send_when held the notification back: nothing was sent, and nothing failed. */
export function skippedOutputs(reason: string): ActionOutputs {
  return {
    ok: 'true',
    payload: '',
    results: '[]',
    message_id: '',
    delivered_rooms: '',
    failed_rooms: '',
    skipped: 'true',
    skip_reason: reason,
  };
}
