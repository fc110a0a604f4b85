import type { MessageFormat } from '../inputs/parse.js';
import type { NotificationView } from '../view.js';

/** U+2060 WORD JOINER: invisible, and not a character HipChat's @mention syntax accepts after the @. */
const WORD_JOINER = '\u2060';

/**
 * Keeps a value from the event (a pull request title, a commit message) from pinging a room in a text message: an
 * @ that starts a word gets a word joiner after it, so `@all` in a title shows as it is but mentions nobody. Mentions
 * are the mention input's, and the template's own text, never the event's.
 */
export function quietMentions(text: string): string {
  return text.replace(/(^|[^\w.+-])@(?=\w)/g, `$1@${WORD_JOINER}`);
}

export interface Mentioned {
  /** The message, with the mentions in front when it is text. */
  readonly message: string;
  /** A short text notification carrying the mentions, when the message's format cannot. */
  readonly companion: string | undefined;
}

/**
 * HipChat turns `@name`, `@here` and `@all` into mentions only in text messages: in any other format they are
 * shown as plain words and ping nobody. So a text message gets them in front (where shortening never cuts them),
 * and any other format gets a short text companion to the same rooms, with the mentions and a link to the run.
 */
export function addMentions(message: string, format: MessageFormat, mentions: readonly string[], view: NotificationView): Mentioned {
  if (mentions.length === 0) return { message, companion: undefined };
  const names = mentions.join(' ');
  if (format === 'text') return { message: `${names} ${message}`, companion: undefined };
  return {
    message,
    companion: `${names} ${quietMentions(`${view.repository}: ${view.workflow} #${view.run_number} ${view.status_word}:`)} ${view.run_url}`,
  };
}
