import { type Delivery, deliverToRooms, type RoomResult } from './deliver.js';
import type { HttpTransport } from './http.js';
import type { V2NotificationBody } from './v2.js';

/**
 * Sends the notification to every room, then the companion (the text notification carrying the mentions) to each
 * room that got it, so it reads as a follow-up. A room counts as delivered only when it got both.
 */
export async function deliverWithCompanion(
  transport: HttpTransport,
  delivery: Delivery,
  companion: V2NotificationBody | undefined,
): Promise<RoomResult[]> {
  const results = await deliverToRooms(transport, delivery);
  const reached = results.filter((result) => result.ok).map((result) => result.room);
  if (!companion || reached.length === 0) return results;
  const followUps = await deliverToRooms(transport, { ...delivery, rooms: reached, body: companion });
  return results.map((result) => {
    const followUp = followUps.find((candidate) => candidate.room === result.room);
    if (!followUp || followUp.ok) return result;
    return { ...followUp, error: `The notification reached room '${result.room}', but the text notification with the mentions did not: ${followUp.error}` };
  });
}
