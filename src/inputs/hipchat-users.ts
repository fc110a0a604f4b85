// Loaded with import() only for a step that gives private_message or user_map: the email pattern and what is made
// of it stay out of the bundle every run loads.
import { InputError } from './errors.js';
import { isPersonReference, MENTION, words } from './people.js';

/** The WHATWG's "valid email address" (the HTML spec's pattern), at most 254 characters as SMTP allows. */
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export function isEmail(text: string): boolean {
  return text.length <= 254 && EMAIL.test(text);
}

/** @here and @all mention a room's people, not a person. */
export function isGroupMention(text: string): boolean {
  return ['@here', '@all'].includes(text.toLowerCase());
}

/** How HipChat's user endpoints take a person: a numeric id, an email or an @mention name (hipchat-api.md §1.5). */
export function isHipChatUser(text: string): boolean {
  return /^\d{1,15}$/.test(text) || isEmail(text) || (MENTION.test(text) && !isGroupMention(text));
}

/**
 * Whom private_message names: author, actor, or HipChat users by email, @mention name or numeric id. Each gets the
 * message once, however often it is named.
 */
export function parsePrivateMessage(raw: string): readonly string[] {
  const list = words(raw);
  for (const entry of list) {
    if (!isPersonReference(entry) && !isHipChatUser(entry)) {
      throw new InputError(
        `Invalid private_message '${entry}': expected author, actor, or a HipChat user's email (ann@example.com), @mention name (@Ann) or numeric id.`,
      );
    }
  }
  return list;
}
