import type { SimRoom } from './config.ts';
import type { StringSchema } from './schema.ts';

/** "The id or url encoded name of the room", length 1–100 once decoded. */
export const ROOM_ID_OR_NAME_SCHEMA: StringSchema = { type: 'string', minLength: 1, maxLength: 100 };

/**
 * Percent-decodes a raw path segment as UTF-8, or returns undefined when an escape
 * is malformed or not UTF-8. `+` stays literal: this is a path, not a form, which
 * is why clients that sent `Dev+Ops` got "Room not found".
 */
export function decodeRoomSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** All digits means a room id; anything else is a case-sensitive name. */
export function findRoom(rooms: readonly SimRoom[], idOrName: string): SimRoom | undefined {
  if (/^\d+$/.test(idOrName)) return rooms.find((room) => room.id === Number(idOrName));
  return rooms.find((room) => room.name === idOrName);
}
