// The follow-up stage for people: the private messages, after the rooms have the notification. Loaded with import()
// only on a run that has someone to send one to. Each is its own warning: none hides or fails the room notification.
import { type CallResult, callHipChat, type Session } from '../hipchat/delivery/deliver.js';
import { privateMessageCall } from '../hipchat/endpoints/private-message.js';
import type { HipChatServer } from '../hipchat/endpoints/types.js';
import type { HttpRequest } from '../hipchat/transport/http.js';
import type { Recipient } from '../lookups/people.js';
import { defaultMessage } from '../render/default-message.js';
import { fitMessage } from '../render/limits.js';
import { quietMentions } from '../render/mentions.js';
import type { RenderedParts } from '../render/notification.js';
import { htmlToText } from '../render/plain-text.js';
import { type PrivateMessageResult, privateMessagesMarkdown } from '../report/private-messages.js';

export interface PrivateMessageLog {
  info(message: string): void;
  warning(message: string, properties?: { title?: string }): void;
}

/** What the private message is made of: the room's message as rendered before any mention, and from what. */
export interface PrivateMessageSource {
  /** The view, the message and the format it was rendered in: text, or html (a card's fallback too). */
  readonly parts: Pick<RenderedParts, 'view' | 'message'> & { readonly options: Pick<RenderedParts['options'], 'format'> };
  readonly templated: boolean;
}

/** How it went for each person, and the job summary's section on it. */
export interface PrivateMessages {
  readonly results: readonly PrivateMessageResult[];
  /** Markdown: who got the message, who did not and why, and its text. */
  readonly summary: string;
}

export const NOT_SENT_TITLE = 'Private message not sent';

/**
 * The message as text: a text message as it is; the default message written as text (its links at the end); a
 * template's html turned into text, where the event's words had no mentions to escape, so it is made to have none.
 */
export function privateMessageText({ parts, templated }: PrivateMessageSource): string {
  const { view, message, options } = parts;
  const text = options.format === 'text' ? message : templated ? quietMentions(htmlToText(message)) : defaultMessage(view, 'text');
  return fitMessage(text, 'text').message;
}

function resultOf(recipient: Recipient, result: CallResult<undefined>): PrivateMessageResult {
  const { status, attempts } = result;
  const sent = { private_message: recipient.entries.join(', '), user: recipient.user, ok: result.ok, status, attempts };
  return result.ok ? sent : { ...sent, error: result.error };
}

/** The requests sendPrivateMessages would make, to the people found, for a dry run to show. */
export function privateMessageRequests(
  source: PrivateMessageSource,
  recipients: readonly Recipient[],
  server: HipChatServer,
): HttpRequest[] {
  const callFor = privateMessageCall(server, privateMessageText(source));
  return recipients.filter((recipient) => recipient.user !== '').map((recipient) => callFor(recipient.user).request);
}

/** Sends each person found their private message, all at once, each with its own retries and flood control. */
export async function sendPrivateMessages(
  source: PrivateMessageSource,
  recipients: readonly Recipient[],
  server: HipChatServer,
  session: Session,
  log: PrivateMessageLog,
): Promise<PrivateMessages> {
  const text = privateMessageText(source);
  const callFor = privateMessageCall(server, text);
  const results = await Promise.all(
    recipients.map(async (recipient): Promise<PrivateMessageResult> => {
      const named = recipient.entries.join(', ');
      // Not found: the lookup already said why and what to do.
      if (!recipient.user) return { private_message: named, ok: false, status: 0, attempts: 0, error: recipient.problem ?? 'not found' };
      const result = resultOf(recipient, await callHipChat(session, callFor(recipient.user)));
      if (result.ok) log.info(`Sent a private message to ${named} (HipChat user '${recipient.user}').`);
      else log.warning(`${result.error} So no private message went to ${named}.`, { title: NOT_SENT_TITLE });
      return result;
    }),
  );
  return { results, summary: privateMessagesMarkdown(text, results) };
}
