// Loaded with import() only for a step that gives mention: most steps mention no one.
import { InputError } from './errors.js';
import { isPersonReference, MENTION, words } from './people.js';

/**
 * Mentions to add: @here, @all, mention names, or author and actor (found on HipChat when the run mentions them),
 * separated by spaces, commas or line breaks.
 */
export function parseMentions(raw: string): readonly string[] {
  const list = words(raw);
  for (const mention of list) {
    if (!MENTION.test(mention) && !isPersonReference(mention)) {
      throw new InputError(
        `Invalid mention '${mention}': expected @here, @all, mention names such as @alice (an @, then letters, digits, '.', '_' or '-'), author (the commit's author) or actor (whoever started the run).`,
      );
    }
  }
  return list;
}
