import type { GithubContext } from '../context/github.js';
import { stringAt } from '../context/payload.js';
import type { PersonReference } from '../inputs/people.js';

/** A person of the run as GitHub knows them. Every field comes from the event or the runner: it is untrusted. */
export interface GithubPerson {
  readonly reference: PersonReference;
  /** The GitHub login; empty when the event does not say. */
  readonly login: string;
  /** The commit email, where the payload has one; else empty. */
  readonly email: string;
}

/**
 * The author of a push's head commit, or of the commit a workflow_run ran on: the email and, for a push, the login.
 * A noreply address holds the login too.
 */
function commitAuthor(event: unknown, ...path: string[]): { login: string; email: string } | undefined {
  const email = stringAt(event, ...path, 'author', 'email');
  const login = stringAt(event, ...path, 'author', 'username') ?? loginInNoreply(email ?? '');
  return email === undefined && login === undefined ? undefined : { login: login ?? '', email: email ?? '' };
}

/** Who wrote what the run is about, per event; undefined for events that have no author but the actor. */
function eventAuthor(github: GithubContext): { login: string; email: string } | undefined {
  const { event, event_name: name } = github;
  if (name === 'push') return commitAuthor(event, 'head_commit');
  if (name === 'workflow_run') return commitAuthor(event, 'workflow_run', 'head_commit');
  if (name.startsWith('pull_request')) {
    const login = stringAt(event, 'pull_request', 'user', 'login');
    return login === undefined ? undefined : { login, email: '' };
  }
  if (name === 'release') {
    const login = stringAt(event, 'release', 'author', 'login');
    return login === undefined ? undefined : { login, email: '' };
  }
  return undefined;
}

/**
 * Whoever started this run (on a re-run, who re-ran it). On a push that they pushed, the pusher's email is theirs,
 * so it is known too.
 */
function actorOf(github: GithubContext): GithubPerson {
  const login = github.triggering_actor || github.actor;
  const pusher = stringAt(github.event, 'pusher', 'name');
  const pushed = github.event_name === 'push' && pusher !== undefined && pusher.toLowerCase() === login.toLowerCase();
  return { reference: 'actor', login, email: pushed ? (stringAt(github.event, 'pusher', 'email') ?? '') : '' };
}

/**
 * `author`: a push's head commit author, a pull request's author, a release's author, a workflow_run's head commit
 * author; for any other event, or a payload without one, the actor. `actor`: whoever started the run.
 */
export function personOf(reference: PersonReference, github: GithubContext): GithubPerson {
  const actor = actorOf(github);
  if (reference === 'actor') return actor;
  const author = eventAuthor(github);
  return author ? { reference, ...author } : { ...actor, reference };
}

/**
 * GitHub's stand-in addresses for people who keep their email private (`12345+octocat@users.noreply.github.com`,
 * the same under a GitHub Enterprise Server's host) and for web commits: no HipChat user has them.
 */
export function isNoreplyEmail(email: string): boolean {
  return /@users\.noreply\./i.test(email) || email.toLowerCase() === 'noreply@github.com';
}

/** The login a noreply address is made of, when it holds one: `12345+octocat@users.noreply.github.com` → octocat. */
export function loginInNoreply(email: string): string | undefined {
  return /^(?:\d+\+)?([A-Za-z0-9][A-Za-z0-9-]*)@users\.noreply\./i.exec(email)?.[1];
}

/** A GitHub App's account, which is nobody on HipChat. */
export function isBot(login: string): boolean {
  return login.endsWith('[bot]');
}
