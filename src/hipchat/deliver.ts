import { describeFailure } from './failure.js';
import type { HttpTransport } from './http.js';
import { type V2NotificationBody, v2NotificationRequest } from './v2.js';

export interface RoomResult {
  readonly room: string;
  readonly ok: boolean;
  /** The HTTP status HipChat answered with; 0 when no answer came. */
  readonly status: number;
  readonly error?: string;
}

export interface Delivery {
  readonly serverUrl: string;
  readonly token: string;
  readonly rooms: readonly string[];
  readonly body: V2NotificationBody;
}

function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}

async function deliverToRoom(transport: HttpTransport, delivery: Delivery, room: string): Promise<RoomResult> {
  const request = v2NotificationRequest(delivery.serverUrl, room, delivery.token, delivery.body);
  try {
    const response = await transport.send(request);
    if (response.status === 204) return { room, ok: true, status: 204 };
    return { room, ok: false, status: response.status, error: describeFailure(room, delivery.serverUrl, response) };
  } catch (error) {
    return {
      room,
      ok: false,
      status: 0,
      error: `Could not reach HipChat at ${delivery.serverUrl} for room '${room}': ${networkReason(error)}.`,
    };
  }
}

/** Sends to every room at once; one room's failure never stops the others. */
export function deliverToRooms(transport: HttpTransport, delivery: Delivery): Promise<RoomResult[]> {
  return Promise.all(delivery.rooms.map((room) => deliverToRoom(transport, delivery, room)));
}
