// Loaded with import() only for send_as message or reply_to: posts the plain text as the token's user, as a reply in
// each room's thread when there is one, else as a new message.
import { type ReplyTo, replyParent } from '../../inputs/room-inputs.js';
import { messageCall } from '../endpoints/message.js';
import { replyCall } from '../endpoints/reply.js';
import type { HipChatServer } from '../endpoints/types.js';
import { callHipChat, type RoomResult, roomResult, type Session } from './deliver.js';

export interface MessagePost {
  readonly server: HipChatServer;
  readonly text: string;
  readonly replyTo: ReplyTo | undefined;
  /** Told when a room's reply becomes a plain message. */
  readonly warn: (message: string) => void;
}

/**
 * A reply, or a plain message when its parent is gone or unknown: the finish of a deploy is never lost because its
 * start was. The plain message's attempts add to the reply's.
 */
async function replyOrPost(session: Session, post: MessagePost, parent: string, room: string): Promise<RoomResult> {
  const replied = await callHipChat(session, replyCall(post.server, parent, post.text, room));
  if (!replied.ok) return roomResult(room, replied);
  if (replied.value.replied) return { room, ok: true, status: replied.status, attempts: replied.attempts, reply_to: parent };
  post.warn(
    `The reply in room '${room}' went out as a new message: its parent message ${parent} is gone or unknown ${replied.value.parentGone}.`,
  );
  const posted = roomResult(room, await callHipChat(session, messageCall(post.server, post.text)(room)));
  return { ...posted, attempts: replied.attempts + posted.attempts, parent_gone: parent };
}

/** Every room at once, each with its own retries, as for notifications. */
export function postMessages(session: Session, rooms: readonly string[], post: MessagePost): Promise<RoomResult[]> {
  return Promise.all(
    rooms.map(async (room) => {
      const parent = post.replyTo && replyParent(post.replyTo, room);
      if (parent) return replyOrPost(session, post, parent, room);
      if (post.replyTo) post.warn(`reply_to has no message of room '${room}', so a new message goes there instead of a reply.`);
      return roomResult(room, await callHipChat(session, messageCall(post.server, post.text)(room)));
    }),
  );
}
