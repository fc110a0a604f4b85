// The people of a run, as a check sees them: whether author and actor would be found on HipChat (view_group), and
// whether the token may send each private message (send_message). Every call carries auth_test, as the rooms' do.
import type { GithubContext } from '../context/github.js';
import { callHipChat, type Session } from '../hipchat/delivery/deliver.js';
import { privateMessageCall } from '../hipchat/endpoints/private-message.js';
import type { HipChatServer } from '../hipchat/endpoints/types.js';
import { viewUserCall } from '../hipchat/endpoints/user.js';
import { isPersonReference, type PersonReference, uniqueIgnoringCase } from '../inputs/people.js';
import { isBot, personOf } from '../lookups/authors.js';
import { addressOf, botProblem, capitalised, described, mapAdvice, unaddressable } from '../lookups/people.js';
import type { UserMap } from '../lookups/user-map.js';
import { clip } from '../render/rich-text.js';
import { authTestOf } from './auth-test.js';
import type { CheckLine } from './result.js';

export interface PeopleRun {
  readonly mention: readonly string[];
  readonly privateMessage: readonly string[];
  readonly userMap: UserMap | undefined;
  readonly github: GithubContext;
}

/** author and actor, once each, as mention and private_message name them, whatever the status they are used on. */
function referencesOf({ mention, privateMessage }: PeopleRun): PersonReference[] {
  return [...new Set([...mention, ...privateMessage].filter(isPersonReference))];
}

/** How a run would find author or actor: a person nobody can be found for would only cost a mention, so it warns. */
async function findsPerson(session: Session, server: HipChatServer, reference: PersonReference, run: PeopleRun): Promise<CheckLine> {
  const person = personOf(reference, run.github);
  const who = described([reference], person);
  const check = `Finding ${who} (view_group)`;
  const { mapped, identifier } = addressOf(person, run.userMap);
  if (identifier === undefined) {
    if (mapped) return { check, outcome: 'pass', detail: `user_map gives '${mapped}', which needs no lookup.` };
    if (isBot(person.login)) return { check, outcome: 'skip', detail: botProblem(who) };
    return {
      check,
      outcome: 'warn',
      detail: `${capitalised(unaddressable(who, person))}: a run would not find them. ${mapAdvice(person)}`,
    };
  }
  const result = await callHipChat(session, authTestOf(viewUserCall(server, identifier)));
  const asked = `'${clip(identifier, 100)}'${mapped ? ' (from user_map)' : ''}`;
  if (result.ok) return { check, outcome: 'pass', detail: `HipChat knows ${asked}, and the token may look them up.` };
  if (result.status !== 404) return { check, outcome: 'warn', detail: `${result.error} A run would mention nobody in their place.` };
  const advice = mapped ? 'Correct user_map.' : mapAdvice(person);
  return { check, outcome: 'warn', detail: `HipChat has no user ${asked}: a run would not find them. ${advice}` };
}

/**
 * Whom a private message would go to: each entry of private_message, author and actor through user_map or their
 * commit email; undefined for a person who cannot be addressed, whom the line above already warns of.
 */
function addresseeOf(entry: string, run: PeopleRun): string | undefined {
  if (!isPersonReference(entry)) return entry;
  const { mapped, identifier } = addressOf(personOf(entry, run.github), run.userMap);
  return mapped ?? identifier;
}

/**
 * Whether the token may send the private message: a token that may not (a room token has no send_message) would
 * never send one, which the inputs asked for, so it fails the check; someone HipChat does not know warns.
 */
async function sendsPrivateMessage(session: Session, server: HipChatServer, entry: string, run: PeopleRun): Promise<CheckLine> {
  const check = `Private message to ${isPersonReference(entry) ? `the ${entry}` : `'${clip(entry, 100)}'`} (send_message)`;
  const user = addresseeOf(entry, run);
  if (user === undefined) return { check, outcome: 'skip', detail: `Not checked: the ${entry} would not be found (see above).` };
  const result = await callHipChat(session, authTestOf(privateMessageCall(server, '')(user)));
  if (result.ok) return { check, outcome: 'pass', detail: `The token may send '${clip(user, 100)}' a private message.` };
  return { check, outcome: result.status === 404 ? 'warn' : 'fail', detail: result.error };
}

/** The people probes of a run, none when its inputs name nobody: the lookups first, as a run meets them, then the messages. */
export async function probePeople(
  session: Session,
  server: HipChatServer,
  run: PeopleRun,
): Promise<{ readonly lookups: CheckLine[]; readonly messages: CheckLine[] }> {
  const [lookups, messages] = await Promise.all([
    Promise.all(referencesOf(run).map((reference) => findsPerson(session, server, reference, run))),
    Promise.all(uniqueIgnoringCase(run.privateMessage).map((entry) => sendsPrivateMessage(session, server, entry, run))),
  ]);
  return { lookups, messages };
}
