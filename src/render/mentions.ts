import type { MessageFormat } from '../inputs/parse.js';
import type { NotificationView } from '../view.js';

/**
 * Text from the event with every @ that could start a mention (at the start, or after anything but a letter, digit,
 * '.', '_' or '-', so an email stays as it is) followed by a word joiner, U+2060. The text reads the same, but
 * HipChat sees no @name in it: a commit author named "@all" cannot ping a room from a text message.
 */
export function inertMentions(text: string): string {
  return text.replace(/(^|[^A-Za-z0-9._-])@(?=[A-Za-z0-9._-])/g, '$1@\u2060');
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
    companion: `${names} ${inertMentions(`${view.repository}: ${view.workflow} #${view.run_number} ${view.status_word}:`)} ${view.run_url}`,
  };
}
