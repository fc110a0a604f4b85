// The inputs that go beyond the notification: post as the token's user, reply in a thread, set the topic, share a
// file. Their combinations with the rest are checked here, so a mistake fails before anything is sent.
import { InputError, invalidChoice, listChoices } from './errors.js';
import { type ApiVersion, type Format, isOneOf } from './parse.js';

export const SEND_AS = ['notification', 'message'] as const;
export type SendAs = (typeof SEND_AS)[number];

export const IF_FILE_MISSING = ['warn', 'error', 'ignore'] as const;
export type IfFileMissing = (typeof IF_FILE_MISSING)[number];

/** The message to reply to: one id, or each room's own, from the `results` output of an earlier step. */
export type ReplyTo = { readonly id: string } | { readonly byRoom: Readonly<Record<string, string>> };

/** The message a room's reply goes to, if reply_to names one for that room. */
export function replyParent(replyTo: ReplyTo, room: string): string | undefined {
  return 'id' in replyTo ? replyTo.id : replyTo.byRoom[room];
}

export interface RoomInputs {
  readonly sendAs: SendAs;
  readonly replyTo: ReplyTo | undefined;
  /** The topic's Liquid template; empty when the topic is left alone. */
  readonly topic: string;
  /** A path or a glob in the workspace; empty when no file is shared. */
  readonly file: string;
  readonly ifFileMissing: IfFileMissing;
}

/** HipChat's message ids are UUIDs (36 characters, as attach_to's 0–36 has it). */
const MESSAGE_ID = /^[A-Za-z0-9-]{1,36}$/;
const RESULTS_HINT = 'expected a message id such as ${{ steps.start.outputs.message_id }}, or the results output of an earlier step';

function shown(value: string): string {
  return value.length > 60 ? `${value.slice(0, 59)}…` : value;
}

function messageId(value: unknown, where: string): string {
  if (typeof value === 'string' && MESSAGE_ID.test(value)) return value;
  throw new InputError(
    `Invalid reply_to: ${where} is ${JSON.stringify(value) ?? 'missing'}, not a message id (letters, digits and '-', at most 36).`,
  );
}

/** The `results` output: a JSON array of `{room, message_id}`; rooms without an id have nothing to reply to. */
function parseResults(text: string): ReplyTo {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InputError(`Invalid reply_to '${shown(text)}': it is not JSON; ${RESULTS_HINT}.`);
  }
  if (!Array.isArray(parsed)) throw new InputError(`Invalid reply_to '${shown(text)}': ${RESULTS_HINT}.`);
  const byRoom: Record<string, string> = {};
  for (const [index, entry] of parsed.entries()) {
    const room: unknown = entry?.room;
    if (typeof room !== 'string') throw new InputError(`Invalid reply_to: entry ${index + 1} has no room; ${RESULTS_HINT}.`);
    if (entry.message_id !== undefined) byRoom[room] = messageId(entry.message_id, `the message_id of room '${room}'`);
  }
  return { byRoom };
}

export function parseReplyTo(raw: string): ReplyTo | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  if (value.startsWith('[')) return parseResults(value);
  return { id: messageId(value, `'${shown(value)}'`) };
}

function oneOf<T extends string>(input: string, raw: string, choices: readonly T[], fallback: T): T {
  const value = raw.trim().toLowerCase() || fallback;
  if (isOneOf(choices, value)) return value;
  throw invalidChoice(input, raw.trim(), choices);
}

export interface RoomInputsContext {
  readonly rooms: readonly string[];
  readonly format: Format;
  readonly apiVersion: ApiVersion;
}

/** Reads and checks the room inputs against the rest: a reply or a message is plain text, and needs API v2. */
export function parseRoomInputs(get: (name: string) => string, context: RoomInputsContext): RoomInputs {
  const sendAs = oneOf('send_as', get('send_as'), SEND_AS, 'notification');
  const replyTo = parseReplyTo(get('reply_to'));
  const topic = get('topic');
  const file = get('file').trim();
  const asMessage = sendAs === 'message' || replyTo !== undefined;
  const what = replyTo ? 'reply_to' : "send_as 'message'";
  if (asMessage && context.format === 'card') {
    throw new InputError(
      `Invalid format 'card' with ${what}: a room message is plain text and cannot carry a card; use format html or text.`,
    );
  }
  const v2Only = [asMessage && what, topic && 'topic', file && 'file'].filter((input): input is string => Boolean(input));
  if (context.apiVersion === 'v1' && v2Only.length > 0) {
    throw new InputError(
      `Invalid api_version 'v1' with ${listChoices(v2Only)}: HipChat's v1 API has only room notifications; use api_version v2.`,
    );
  }
  if (replyTo && 'id' in replyTo && context.rooms.length > 1) {
    throw new InputError(
      `Invalid reply_to '${replyTo.id}': one message id for ${context.rooms.length} rooms, but a message belongs to one room. Pass the results output of the earlier step, so that each room replies to its own message.`,
    );
  }
  return { sendAs, replyTo, topic, file, ifFileMissing: oneOf('if_file_missing', get('if_file_missing'), IF_FILE_MISSING, 'warn') };
}
