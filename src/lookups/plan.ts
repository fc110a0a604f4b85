// Which GitHub API reads a run needs, decided before any is made: only what the message, the card or a send_when
// rule uses. It is part of the main bundle and pure; the lookups themselves load with import() when it asks.

import type { SendRule } from '../inputs/conditions.js';
import type { Format, JobStatus } from '../inputs/parse.js';
import { decide, needsPrevious, type PreviousResult } from '../rules/send-when.js';

/** The context's values that the jobs of the run attempt give. */
export const RUN_FACT_VARIABLES = ['job_name', 'job_url', 'duration', 'duration_seconds'] as const;

export interface PlanInput {
  /** The template, when one replaces the default message. */
  readonly template: string | undefined;
  /** The card input (YAML whose strings are templates), for format card. */
  readonly card: string;
  readonly format: Format;
  readonly status: JobStatus;
  readonly sendWhen: readonly SendRule[];
  /** Whether `needs` was given: send_when then compares the whole run, not this job. */
  readonly needs: boolean;
  /** Whether `matrix` was given: the default message then names and links this job among the matrix's. */
  readonly matrix: boolean;
}

export interface LookupPlan {
  /** Whether the message uses this job's name, link or duration, from the jobs of the run attempt. */
  readonly runFacts: boolean;
  /**
   * The previous result to compare with: this job's in the previous run (which needs this job's name, so the jobs
   * of the run attempt too), or with `needs`, the whole previous run's.
   */
  readonly previous: 'job' | 'run' | undefined;
}

export const NO_LOOKUPS: LookupPlan = { runFacts: false, previous: undefined };

const ANY_PREVIOUS: readonly PreviousResult[] = ['success', 'failure', 'none', 'unknown'];
const LIQUID_BLOCK = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;

/** Whether Liquid in the text (a template, or the card's YAML with its templates) names one of the variables. */
export function usesVariables(text: string, names: readonly string[]): boolean {
  const name = new RegExp(`\\b(?:${names.join('|')})\\b`);
  return [...text.matchAll(LIQUID_BLOCK)].some(([block]) => name.test(block));
}

export function planLookups(input: PlanInput): LookupPlan {
  // A message that no rule would send needs nothing looked up for it.
  const mightSend = ANY_PREVIOUS.some((previous) => decide(input.sendWhen, input.status, previous).send);
  const previous = needsPrevious(input.sendWhen, input.status) ? (input.needs ? 'run' : 'job') : undefined;
  const defaultShown = input.template === undefined || input.format === 'card';
  const templates = `${input.template ?? ''}\n${input.card}`;
  const messageUses = usesVariables(templates, RUN_FACT_VARIABLES) || (input.matrix && defaultShown);
  return { runFacts: mightSend && messageUses, previous };
}

export function anyLookup(plan: LookupPlan): boolean {
  return plan.runFacts || plan.previous !== undefined;
}

/** Whether the jobs of the run attempt are read: for the message, or to know this job's name for its history. */
export function readsJobs(plan: LookupPlan): boolean {
  return plan.runFacts || plan.previous === 'job';
}
