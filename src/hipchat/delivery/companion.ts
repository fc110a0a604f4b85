import type { Notification } from '../../render/notification.js';
import type { RoomResult } from './deliver.js';

/** Delivers one notification to some rooms, with the retries and API version of the run. */
export type SendToRooms = (notification: Notification, rooms: readonly string[]) => Promise<RoomResult[]>;

/**
 * Sends the notification to every room, then the companion (the text notification carrying the mentions) to each
 * room that got it, so it reads as a follow-up. A room counts as delivered only when it got both.
 */
export async function deliverWithCompanion(
  send: SendToRooms,
  rooms: readonly string[],
  notification: Notification,
  companion: Notification | undefined,
): Promise<RoomResult[]> {
  const results = await send(notification, rooms);
  const reached = results.filter((result) => result.ok).map((result) => result.room);
  if (!companion || reached.length === 0) return results;
  const followUps = await send(companion, reached);
  return results.map((result) => {
    const followUp = followUps.find((candidate) => candidate.room === result.room);
    if (!followUp || followUp.ok) return result;
    return {
      ...followUp,
      error: `The notification reached room '${result.room}', but the text notification with the mentions did not: ${followUp.error}`,
    };
  });
}
