import { roomEndpointWords } from './room-words.js';
import type { HipChatCall, HipChatServer } from './types.js';
import { jsonRequest, roomCall, roomUrl } from './v2-request.js';

/** The official set_topic page: 0 to 250 characters, no html (hipchat-api.md §1.5). */
export const TOPIC_MAX = 250;

export const TOPIC_WORDS = roomEndpointWords({
  endpoint: 'PUT /v2/room/{id_or_name}/topic',
  scope: 'admin_room',
  what: 'the topic',
  preposition: 'of',
  may: 'set the topic of',
  advice: 'it needs the admin_room scope: give the step a token of a room admin with admin_room, or leave topic empty',
  expected: '204',
});

/** PUT /v2/room/{id_or_name}/topic; 204, though HipChat may show the change with a delay. */
export function topicCall(server: HipChatServer, topic: string): (room: string) => HipChatCall<undefined> {
  return (room) =>
    roomCall(server, room, TOPIC_WORDS, jsonRequest(server, 'PUT', roomUrl(server.serverUrl, room, 'topic'), { topic }), (response) =>
      response.status === 204 ? { value: undefined } : undefined,
    );
}
