/**
 * Encodes a room id or name as one URL path segment. encodeURIComponent writes a space as %20 (never '+',
 * which HipChat reads literally and answers 404) and also encodes '/', '#', '?', '%' and non-ASCII as UTF-8.
 */
export function encodeRoom(room: string): string {
  return encodeURIComponent(room);
}
