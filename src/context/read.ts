import { type EventPayload, type GithubContext, githubContextFrom, parseEventPayload } from './github.js';

/** Reads a text file of at most maxBytes, or throws (code EFBIG when it is larger); injected so that tests need no files. */
export type ReadText = (path: string, maxBytes: number) => Promise<string>;

/** GitHub caps a webhook payload at 25 MB; a larger file is not one the runner wrote. */
export const EVENT_PAYLOAD_MAX_BYTES = 32 * 1024 * 1024;

const WITHOUT_DETAILS = "The message is built without the event's details.";

/**
 * Reads the workflow context the way the runner provides it. No event file (a local run) gives an empty
 * payload. A broken one is warned about and the notification still goes out with what the variables tell,
 * because losing the notification would be worse than losing its details.
 */
export async function readGithubContext(
  env: Readonly<Record<string, string | undefined>>,
  readText: ReadText,
  warn: (message: string) => void,
): Promise<GithubContext> {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return githubContextFrom(env, {});
  let text: string;
  try {
    text = await readText(path, EVENT_PAYLOAD_MAX_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : (error as Error).message;
    warn(`Cannot read the event payload at GITHUB_EVENT_PATH '${path}' (${reason}). ${WITHOUT_DETAILS}`);
    return githubContextFrom(env, {});
  }
  let event: EventPayload = {};
  try {
    event = parseEventPayload(text, path);
  } catch (error) {
    warn(`${(error as Error).message} ${WITHOUT_DETAILS}`);
  }
  return githubContextFrom(env, event);
}
