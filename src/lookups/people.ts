// The look-up stage for people: who author and actor are on HipChat, for mention and private_message. Loaded with
// import() only on a run whose inputs name people on its status.
import type { GithubContext } from '../context/github.js';
import { type CallResult, callHipChat, type Session } from '../hipchat/delivery/deliver.js';
import type { HipChatServer } from '../hipchat/endpoints/types.js';
import { type UserLookup, viewUserCall } from '../hipchat/endpoints/user.js';
import { isEmail, isGroupMention } from '../inputs/hipchat-users.js';
import { isPersonReference, MENTION, type PersonReference } from '../inputs/people.js';
import { clip } from '../render/rich-text.js';
import { type GithubPerson, isBot, isNoreplyEmail, personOf } from './authors.js';
import type { UserMap } from './user-map.js';

/** GET /v2/user/{id_or_email} through the run's one call path; absent in a dry run, which asks HipChat nothing. */
export type LookUpUser = (user: string) => Promise<CallResult<UserLookup>>;

export interface PeopleLog {
  info(message: string): void;
  warning(message: string, properties?: { title?: string }): void;
}

/** What the run's inputs ask of people on its status. */
export interface PeopleQuestion {
  /** author and actor, as mention names them. */
  readonly mention: readonly PersonReference[];
  /** The entries of private_message: author, actor, or HipChat users as given. */
  readonly privateMessage: readonly string[];
}

export interface PeopleContext {
  readonly github: GithubContext;
  readonly userMap: UserMap | undefined;
  readonly lookUp: LookUpUser | undefined;
  readonly log: PeopleLog;
}

/** One person to send the private message to, however many entries of private_message name them. */
export interface Recipient {
  /** The entries that name them: author, actor, an email, an @mention name or an id. */
  readonly entries: readonly string[];
  /** How POST /v2/user/{id_or_email}/message addresses them; empty when they were not found. */
  readonly user: string;
  /** Why they get no private message, when they were not found. */
  readonly problem?: string;
}

export interface People {
  /** The @mention names of the people mention names, as found. */
  readonly mentions: ReadonlyMap<PersonReference, string>;
  /** Each person once, in the order private_message names them. */
  readonly recipients: readonly Recipient[];
}

/** A person as HipChat knows them: how to mention them, when known, and how to address a private message. */
interface Found {
  readonly mention?: string;
  readonly user: string;
  /** Every way the person may be named (id, email, @mention name), lower-cased, to send to each person once. */
  readonly aliases: readonly string[];
}

type Resolution = { readonly found: Found } | { readonly problem: string };

export const NOT_FOUND_TITLE = 'Person not found on HipChat';

/** A person's mention names a person: not @here or @all, whatever a server or a map says. */
function personMention(mentionName: string): string | undefined {
  const mention = `@${mentionName}`;
  return MENTION.test(mention) && !isGroupMention(mention) ? mention : undefined;
}

/** How log lines name a person: which of author and actor, the login and the email, each clipped. */
export function described(references: readonly PersonReference[], person: GithubPerson): string {
  const login = person.login ? ` '${clip(person.login, 60)}'` : '';
  const email = person.email ? ` (${clip(person.email, 100)})` : '';
  return `the ${references.join(' and ')}${login}${email}`;
}

function consequence(needs: { mention: boolean; message: boolean }): string {
  if (needs.mention && needs.message) return 'they are not mentioned and get no private message';
  return needs.mention ? 'they are not mentioned' : 'they get no private message';
}

export function mapAdvice(person: GithubPerson): string {
  const key = person.login || person.email || 'their-login';
  return `Add them to user_map, e.g. '${clip(key, 60)}: their.email@example.com' or '${clip(key, 60)}: "@TheirMentionName"'.`;
}

/** Why an unmapped person cannot be looked up by email. */
function withoutEmail(person: GithubPerson): string {
  if (!person.email) return person.login ? 'the event gives no commit email for them' : 'the event names no one';
  if (isNoreplyEmail(person.email)) return "their commit email is GitHub's noreply address, which no HipChat user has";
  return 'their commit email is not an address HipChat could look up';
}

/** How a run would find a person before it asks HipChat anything. */
export interface Address {
  /** Their entry in user_map, by login or commit email. */
  readonly mapped?: string;
  /** What GET /v2/user/{id_or_email} would be asked: the mapped email or id, else a commit email HipChat could know. */
  readonly identifier?: string;
}

export function addressOf(person: GithubPerson, userMap: UserMap | undefined): Address {
  const key = [person.login, person.email].find((candidate) => candidate && userMap?.has(candidate.toLowerCase()));
  const mapped = key === undefined ? undefined : userMap?.get(key.toLowerCase());
  if (mapped) return mapped.startsWith('@') ? { mapped } : { mapped, identifier: mapped };
  return isEmail(person.email) && !isNoreplyEmail(person.email) ? { identifier: person.email } : {};
}

export function botProblem(who: string): string {
  return `${capitalised(who)} is a bot, which is nobody on HipChat.`;
}

/** Why a person without an address cannot be found: neither user_map nor their commit email says who they are. */
export function unaddressable(who: string, person: GithubPerson): string {
  return `${who} is not in user_map, and ${withoutEmail(person)}`;
}

/** Finds the people the inputs name, each once, asking HipChat only what user_map does not answer. */
export class PeopleFinder {
  readonly #context: PeopleContext;
  /** Lookups by lower-cased id or email: each is asked at most once a run. */
  readonly #lookups = new Map<string, Promise<CallResult<UserLookup>>>();

  constructor(context: PeopleContext) {
    this.#context = context;
  }

  async find(question: PeopleQuestion): Promise<People> {
    const references = [...new Set([...question.mention, ...question.privateMessage.filter(isPersonReference)])];
    const resolutions = await this.#resolveAll(references, question);
    const mentions = new Map<PersonReference, string>();
    for (const reference of question.mention) {
      const resolution = resolutions.get(reference);
      if (resolution && 'found' in resolution && resolution.found.mention) mentions.set(reference, resolution.found.mention);
    }
    return { mentions, recipients: recipientsOf(question.privateMessage, resolutions) };
  }

  /** Resolves author and actor; when both are the same person, once for both. */
  async #resolveAll(
    references: readonly PersonReference[],
    question: PeopleQuestion,
  ): Promise<Map<PersonReference, Resolution | undefined>> {
    const { github } = this.#context;
    const people = references.map((reference) => personOf(reference, github));
    const groups: { person: GithubPerson; references: PersonReference[] }[] = [];
    for (const person of people) {
      const same = groups.find((group) => samePerson(group.person, person));
      if (same) same.references.push(person.reference);
      else groups.push({ person, references: [person.reference] });
    }
    // Undefined in a dry run, for a person HipChat would have been asked about.
    const resolutions = new Map<PersonReference, Resolution | undefined>();
    for (const group of groups) {
      const needs = {
        mention: group.references.some((reference) => question.mention.includes(reference)),
        message: group.references.some((reference) => question.privateMessage.includes(reference)),
      };
      const resolution = await this.#resolve(group.person, group.references, needs);
      for (const reference of group.references) resolutions.set(reference, resolution);
    }
    return resolutions;
  }

  async #resolve(
    person: GithubPerson,
    references: readonly PersonReference[],
    needs: { mention: boolean; message: boolean },
  ): Promise<Resolution | undefined> {
    const { userMap, log } = this.#context;
    const who = described(references, person);
    const { mapped, identifier } = addressOf(person, userMap);
    if (mapped?.startsWith('@') || (mapped && !needs.mention)) {
      log.info(`${capitalised(who)} is '${mapped}' on HipChat, as user_map says.`);
      const mention = mapped.startsWith('@') ? { mention: mapped } : {};
      return { found: { ...mention, user: mapped, aliases: [mapped.toLowerCase()] } };
    }
    if (identifier === undefined) {
      if (isBot(person.login)) {
        const problem = botProblem(who);
        log.info(problem);
        return { problem };
      }
      return this.#notFound(unaddressable(who, person), needs, mapAdvice(person));
    }
    const { lookUp } = this.#context;
    if (!lookUp) {
      log.info(`Dry run: ${who} would be looked up on HipChat with GET /v2/user/{id_or_email}, which a dry run does not ask.`);
      return undefined;
    }
    const result = await this.#lookUpOnce(lookUp, identifier);
    if (!result.ok) return this.#notFound(`Could not look up ${who} on HipChat: ${result.error}`, needs);
    if (!result.value.found) {
      return mapped
        ? this.#notFound(`${who} is '${mapped}' in user_map, but HipChat has no such user ${result.value.said}`, needs, 'Correct user_map.')
        : this.#notFound(`HipChat has no user with the commit email of ${who} ${result.value.said}`, needs, mapAdvice(person));
    }
    const { user } = result.value;
    const mention = personMention(user.mention_name);
    if (needs.mention && !mention) {
      log.warning(
        `HipChat gives ${who} the mention name '${clip(user.mention_name, 60)}', which a message cannot carry as a mention (an @, then letters, digits, '.', '_' or '-'), so they are not mentioned.`,
        { title: NOT_FOUND_TITLE },
      );
    }
    log.info(
      `${capitalised(who)} is ${mention ?? `'${clip(user.name, 60)}'`} (user ${user.id}) on HipChat, found by ${mapped ? 'user_map and ' : ''}GET /v2/user/{id_or_email}.`,
    );
    const aliases = [String(user.id), user.email.toLowerCase(), `@${user.mention_name.toLowerCase()}`];
    return { found: { ...(mention && { mention }), user: String(user.id), aliases } };
  }

  #notFound(reason: string, needs: { mention: boolean; message: boolean }, advice = ''): Resolution {
    const problem = `${capitalised(reason)}${/[.!?]$/.test(reason) ? '' : '.'}`;
    this.#context.log.warning(`${problem} So ${consequence(needs)}.${advice ? ` ${advice}` : ''}`, { title: NOT_FOUND_TITLE });
    return { problem };
  }

  #lookUpOnce(lookUp: LookUpUser, identifier: string): Promise<CallResult<UserLookup>> {
    const key = identifier.toLowerCase();
    let pending = this.#lookups.get(key);
    if (!pending) {
      pending = lookUp(identifier);
      this.#lookups.set(key, pending);
    }
    return pending;
  }
}

export function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** The same GitHub person: the same login, or without logins the same email. */
function samePerson(a: GithubPerson, b: GithubPerson): boolean {
  if (a.login || b.login) return a.login.toLowerCase() === b.login.toLowerCase();
  return a.email !== '' && a.email.toLowerCase() === b.email.toLowerCase();
}

/** Each person once: entries that name the same user, by any of their names, share one private message. */
function recipientsOf(entries: readonly string[], resolutions: ReadonlyMap<PersonReference, Resolution | undefined>): Recipient[] {
  const recipients: { entries: string[]; user: string; problem?: string; aliases: readonly string[]; resolution?: Resolution }[] = [];
  for (const entry of entries) {
    const resolution = isPersonReference(entry) ? resolutions.get(entry) : { found: { user: entry, aliases: [entry.toLowerCase()] } };
    if (resolution === undefined) continue;
    const aliases = 'found' in resolution ? resolution.found.aliases : [];
    const same = recipients.find(
      (recipient) => recipient.resolution === resolution || aliases.some((alias) => recipient.aliases.includes(alias)),
    );
    if (same) {
      same.entries.push(entry);
      same.aliases = [...new Set([...same.aliases, ...aliases])];
      continue;
    }
    recipients.push(
      'found' in resolution
        ? { entries: [entry], user: resolution.found.user, aliases, resolution }
        : { entries: [entry], user: '', problem: resolution.problem, aliases, resolution },
    );
  }
  return recipients.map(({ entries: named, user, problem }) => ({ entries: named, user, ...(problem && { problem }) }));
}

/**
 * Finds the people a run's inputs name, looking them up on HipChat through the run's session; without one (a dry
 * run) only user_map answers.
 */
export function findPeople(
  question: PeopleQuestion,
  context: Omit<PeopleContext, 'lookUp'> & { readonly server: HipChatServer; readonly session: Session | undefined },
): Promise<People> {
  const { session, server } = context;
  const lookUp = session && ((user: string) => callHipChat(session, viewUserCall(server, user)));
  return new PeopleFinder({ ...context, lookUp }).find(question);
}
