import { type SendRule, TRANSITION_RULES, type TransitionRule } from '../inputs/conditions.js';
import { isOneOf, type JobStatus } from '../inputs/parse.js';

/** The two statuses that say whether a branch is healthy; cancelled, skipped and started say nothing about it. */
export type Health = 'success' | 'failure';

/**
 * What the previous run of the workflow on the branch says: its result, `none` when no earlier run has one, or
 * `unknown` when the GitHub API could not tell.
 */
export type PreviousResult = Health | 'none' | 'unknown';

export type Decision = { readonly send: true; readonly reason: string } | { readonly send: false; readonly reason: string };

const KNOWN_PREVIOUS: readonly (Health | 'none')[] = ['success', 'failure', 'none'];

/** A branch's first result counts as a change, and a failure there as a breakage: neither is old news. */
const TRANSITIONS: Readonly<Record<TransitionRule, (current: Health, previous: Health | 'none') => boolean>> = {
  changed: (current, previous) => current !== previous,
  fixed: (current, previous) => current === 'success' && previous === 'failure',
  broken: (current, previous) => current === 'failure' && previous !== 'failure',
};

function healthOf(status: JobStatus): Health | undefined {
  return status === 'success' || status === 'failure' ? status : undefined;
}

function matches(rule: SendRule, current: JobStatus, previous: PreviousResult | undefined): boolean {
  if (rule === 'always') return true;
  if (!isOneOf(TRANSITION_RULES, rule)) return rule === current;
  const health = healthOf(current);
  if (!health || previous === undefined) return false;
  const transition = TRANSITIONS[rule];
  // Unknown: send if the rule could match, since a missed breakage or recovery costs more than one extra message.
  if (previous === 'unknown') return KNOWN_PREVIOUS.some((known) => transition(health, known));
  return transition(health, previous);
}

function describe(current: JobStatus, previous: PreviousResult | undefined): string {
  switch (previous) {
    case undefined:
      return `the status is ${current}`;
    case 'none':
      return `the status is ${current} and no earlier run on this branch has a result`;
    case 'unknown':
      return `the status is ${current} and the previous run's result is unknown`;
    default:
      return previous === current ? `the status is ${current}, as in the previous run` : `the status is ${current} after a ${previous}`;
  }
}

/**
 * Whether to send, given the rules of `send_when`, the status and the previous run's result (undefined when it
 * was not looked up). Any matching rule sends.
 */
export function decide(rules: readonly SendRule[], current: JobStatus, previous?: PreviousResult): Decision {
  const shown = `send_when is '${rules.join(', ')}'`;
  const rule = rules.find((candidate) => matches(candidate, current, previous));
  if (rule === undefined) return { send: false, reason: `Not sent: ${shown} and ${describe(current, previous)}.` };
  return { send: true, reason: `Sending: '${rule}' matches, as ${describe(current, previous)}.` };
}

/** Whether the previous run's result can change the decision, i.e. whether it is worth asking the GitHub API. */
export function needsPrevious(rules: readonly SendRule[], current: JobStatus): boolean {
  return new Set(KNOWN_PREVIOUS.map((previous) => decide(rules, current, previous).send)).size > 1;
}
