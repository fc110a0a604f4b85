/** The people of a run that mention and private_message can name, resolved to HipChat users when the run needs them. */
export const PERSON_REFERENCES = ['author', 'actor'] as const;
export type PersonReference = (typeof PERSON_REFERENCES)[number];

export function isPersonReference(word: string): word is PersonReference {
  return (PERSON_REFERENCES as readonly string[]).includes(word);
}

/** What HipChat's mention syntax accepts after the @: @here, @all and mention names such as @alice.smith. */
export const MENTION = /^@[A-Za-z0-9._-]+$/;

/** Each entry once, the first spelling kept: HipChat's emails and @mention names ignore case. */
export function uniqueIgnoringCase(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  return entries.filter((entry) => !seen.has(entry.toLowerCase()) && seen.add(entry.toLowerCase()));
}

/** Words of a list input: separated by commas, spaces or line breaks, since none of its values hold them. */
export function words(raw: string): string[] {
  return [...new Set(raw.split(/[\s,]+/).filter((word) => word !== ''))];
}
