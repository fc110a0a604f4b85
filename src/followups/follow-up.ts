// Loaded with import() only when a step has a topic or a file: what follows the message in each room that got it.
// A follow-up never undoes a delivered message: each failure is a warning of its own.
import { formatBytes } from '../files/bounded-read.js';
import { callHipChat, type Session } from '../hipchat/delivery/deliver.js';
import { FILE_MAX_BYTES, shareFileCall } from '../hipchat/endpoints/share-file.js';
import { topicCall } from '../hipchat/endpoints/topic.js';
import type { HipChatCall, HipChatServer } from '../hipchat/endpoints/types.js';
import type { IfFileMissing } from '../inputs/room-inputs.js';
import type { FileSource, FollowUpPlan, FollowUpResult } from './plan.js';

export interface FollowUpDeps {
  readonly session: Session;
  readonly server: HipChatServer;
  readonly ifFileMissing: IfFileMissing;
  readonly readBytes: (path: string, maxBytes: number) => Promise<Uint8Array>;
  readonly warn: (message: string, title: string) => void;
  readonly info: (message: string) => void;
}

export interface FollowUps {
  readonly results: readonly FollowUpResult[];
  /** Why the step fails although the rooms got the message: a missing file with if_file_missing error. */
  readonly failure?: string;
}

const TOPIC_NOT_SET = 'HipChat topic not set';
const FILE_NOT_SHARED = 'HipChat file not shared';

async function inEachRoom(
  kind: FollowUpResult['kind'],
  rooms: readonly string[],
  callFor: (room: string) => HipChatCall<unknown>,
  done: string,
  deps: FollowUpDeps,
): Promise<FollowUpResult[]> {
  return Promise.all(
    rooms.map(async (room) => {
      const result = await callHipChat(deps.session, callFor(room));
      if (result.ok) return { room, kind, ok: true, text: done };
      deps.warn(result.error, kind === 'topic' ? TOPIC_NOT_SET : FILE_NOT_SHARED);
      return { room, kind, ok: false, text: result.error };
    }),
  );
}

async function shareFile(file: FileSource, rooms: readonly string[], deps: FollowUpDeps): Promise<FollowUps> {
  if (!file.found) {
    const text = `No file shared: ${file.reason}.`;
    const results = rooms.map((room) => ({ room, kind: 'file' as const, ok: false, text }));
    if (file.problem === 'refused') deps.warn(text, FILE_NOT_SHARED);
    else if (deps.ifFileMissing === 'warn') deps.warn(`${text} (if_file_missing is warn.)`, FILE_NOT_SHARED);
    else if (deps.ifFileMissing === 'ignore') deps.info(text);
    return {
      results,
      ...(file.problem === 'missing' && deps.ifFileMissing === 'error' && { failure: `${text} (if_file_missing is error.)` }),
    };
  }
  let bytes: Uint8Array;
  try {
    bytes = await deps.readBytes(file.path, FILE_MAX_BYTES);
  } catch (error) {
    return shareFile(
      { found: false, problem: 'refused', reason: `${file.name} could not be read: ${(error as Error).message}` },
      rooms,
      deps,
    );
  }
  const call = await shareFileCall(deps.server, file.message, { name: file.name, bytes });
  return { results: await inEachRoom('file', rooms, call, `shared ${file.name} (${formatBytes(bytes.length)})`, deps) };
}

/** Sets the topic, then shares the file, in each room that got the message. */
export async function followUp(plan: FollowUpPlan, rooms: readonly string[], deps: FollowUpDeps): Promise<FollowUps> {
  if (rooms.length === 0) return { results: [] };
  const topic =
    plan.topic === undefined
      ? []
      : await inEachRoom('topic', rooms, topicCall(deps.server, plan.topic), `topic set to “${plan.topic}”`, deps);
  const file = plan.file ? await shareFile(plan.file, rooms, deps) : { results: [] };
  return { results: [...topic, ...file.results], ...(file.failure && { failure: file.failure }) };
}
