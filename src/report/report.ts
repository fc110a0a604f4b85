import type { RoomResult } from '../hipchat/deliver.js';
import type { V2NotificationBody } from '../hipchat/v2.js';
import { actionOutputs } from './outputs.js';
import { summaryMarkdown } from './summary.js';

/** The part of @actions/core that reporting uses. */
export interface ReportCore {
  setOutput(name: string, value: string): void;
  info(message: string): void;
  warning(message: string, properties?: { title?: string }): void;
  setFailed(message: string): void;
}

export interface RunOutcome {
  readonly body: V2NotificationBody;
  readonly results: readonly RoomResult[];
  readonly failOnError: boolean;
}

export type AppendSummary = (markdown: string) => Promise<void>;

const NOT_DELIVERED = 'HipChat notification not delivered';

/**
 * Sets the outputs, logs a line per room, writes the job summary, and fails the step only when delivery
 * failed and fail_on_error asks for it. Everything written passes through `redact` first.
 */
export async function report(
  core: ReportCore,
  outcome: RunOutcome,
  appendSummary: AppendSummary,
  redact: (text: string) => string,
): Promise<void> {
  for (const [name, value] of Object.entries(actionOutputs(outcome.body, outcome.results))) {
    core.setOutput(name, redact(value));
  }
  for (const result of outcome.results) {
    if (result.ok) core.info(`Delivered to room '${result.room}'${result.attempts > 1 ? ` on attempt ${result.attempts}` : ''}.`);
  }
  try {
    await appendSummary(redact(summaryMarkdown(outcome.body, outcome.results)));
  } catch (error) {
    core.warning(`Could not write the job summary: ${(error as Error).message}`);
  }

  const failures = outcome.results.filter((result) => !result.ok).map((result) => redact(result.error ?? ''));
  if (failures.length === 0) return;
  const headline = `HipChat notification failed for ${failures.length} of ${outcome.results.length} room(s).`;
  if (outcome.failOnError) {
    core.setFailed([headline, ...failures].join('\n'));
    return;
  }
  for (const failure of failures) core.warning(failure, { title: NOT_DELIVERED });
  core.info(`${headline} The step passes because fail_on_error is false.`);
}
