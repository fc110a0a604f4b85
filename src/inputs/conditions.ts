import { invalidChoice } from './errors.js';
import { isOneOf, JOB_STATUSES, type JobStatus, parseBoolean } from './parse.js';
import { words } from './people.js';

/** Rules that compare the status with the previous run's, which only the GitHub API knows. */
export const TRANSITION_RULES = ['changed', 'fixed', 'broken'] as const;
export type TransitionRule = (typeof TRANSITION_RULES)[number];

/** `always`, a status (sends on that status), or a transition. */
export const SEND_RULES = ['always', ...JOB_STATUSES, ...TRANSITION_RULES] as const;
export type SendRule = (typeof SEND_RULES)[number];

function oneOf<T extends string>(input: string, choices: readonly T[], word: string, hint?: string): T {
  const value = word.toLowerCase();
  if (isOneOf(choices, value)) return value;
  throw invalidChoice(input, word, choices, hint);
}

/** A list of statuses, e.g. `failure, cancelled`; empty takes the fallback. */
export function parseStatusList(input: string, raw: string, fallback: readonly JobStatus[]): readonly JobStatus[] {
  const list = words(raw);
  if (list.length === 0) return fallback;
  return list.map((word) => oneOf(input, JOB_STATUSES, word));
}

/** When to send: any of the rules matches. Empty means always. */
export function parseSendWhen(raw: string): readonly SendRule[] {
  const list = words(raw);
  if (list.length === 0) return ['always'];
  const hint = 'Combine several with commas, e.g. failure, fixed.';
  return list.map((word) => oneOf('send_when', SEND_RULES, word, hint));
}

/**
 * The statuses on which the notification pings the room. `true` and `false` keep their meaning (every status,
 * none), and a status list pings only on those, e.g. `notify: failure`.
 */
export function parseNotify(raw: string): readonly JobStatus[] {
  const list = words(raw.toLowerCase());
  if (list.length > 0 && list.every((word) => isOneOf(JOB_STATUSES, word))) return list as JobStatus[];
  try {
    return parseBoolean('notify', raw, false) ? JOB_STATUSES : [];
  } catch {
    const hint = 'A status list pings the room only on those statuses, e.g. notify: failure, cancelled.';
    throw invalidChoice('notify', raw.trim(), ['true', 'false', ...JOB_STATUSES], hint);
  }
}
