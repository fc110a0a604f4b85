import { InputError } from './errors.js';

/** The people of a run that mention and private_message can name, resolved to HipChat users when the run needs them. */
export const PERSON_REFERENCES = ['author', 'actor'] as const;
export type PersonReference = (typeof PERSON_REFERENCES)[number];

export function isPersonReference(word: string): word is PersonReference {
  return (PERSON_REFERENCES as readonly string[]).includes(word);
}

/** What HipChat's mention syntax accepts after the @: @here, @all and mention names such as @alice.smith. */
export const MENTION = /^@[A-Za-z0-9._-]+$/;

/** The WHATWG's "valid email address" (the HTML spec's pattern), at most 254 characters as SMTP allows. */
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export function isEmail(text: string): boolean {
  return text.length <= 254 && EMAIL.test(text);
}

/** How HipChat's user endpoints take a person: a numeric id, an email or an @mention name (hipchat-api.md §1.5). */
export function isHipChatUser(text: string): boolean {
  return /^\d{1,15}$/.test(text) || isEmail(text) || (MENTION.test(text) && !isGroupMention(text));
}

/** @here and @all mention a room's people, not a person. */
export function isGroupMention(text: string): boolean {
  return ['@here', '@all'].includes(text.toLowerCase());
}

/** Words of a list input: separated by commas, spaces or line breaks, since none of its values hold them. */
export function words(raw: string): string[] {
  return [...new Set(raw.split(/[\s,]+/).filter((word) => word !== ''))];
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
