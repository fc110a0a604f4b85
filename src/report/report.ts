import type { FollowUps } from '../followups/follow-up.js';
import type { PrivateMessages } from '../followups/private-messages.js';
import type { RoomResult } from '../hipchat/delivery/deliver.js';
import type { V2NotificationBody } from '../hipchat/endpoints/notification-v2.js';
import { type ActionOutputs, actionOutputs, type SentBody, skippedOutputs } from './outputs.js';
import { skippedSummaryMarkdown, summaryMarkdown } from './summary.js';

/** The part of @actions/core that reporting uses. */
export interface ReportCore {
  setOutput(name: string, value: string): void;
  info(message: string): void;
  warning(message: string, properties?: { title?: string }): void;
  setFailed(message: string): void;
}

export interface RunOutcome {
  readonly body: SentBody;
  readonly results: readonly RoomResult[];
  readonly failOnError: boolean;
  /** The text notification sent after a non-text one to carry its mentions. */
  readonly companion?: V2NotificationBody;
  /** What the topic and the file did in each room that got the message. */
  readonly followUps?: FollowUps;
  /** The private messages, when anyone was to get one; their failures were warned about as they happened. */
  readonly privateMessages?: PrivateMessages;
}

export type AppendSummary = (markdown: string) => Promise<void>;

const NOT_DELIVERED = 'HipChat notification not delivered';

export function setOutputs(core: ReportCore, outputs: ActionOutputs, redact: (text: string) => string): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, redact(value));
}

export async function writeSummary(core: ReportCore, appendSummary: AppendSummary, markdown: string): Promise<void> {
  try {
    await appendSummary(markdown);
  } catch (error) {
    core.warning(`Could not write the job summary: ${(error as Error).message}`);
  }
}

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
  setOutputs(core, actionOutputs(outcome.body, outcome.results, outcome.privateMessages?.results), redact);
  for (const result of outcome.results) {
    if (!result.ok) continue;
    const thread = result.reply_to ? ` as a reply in the thread of ${result.reply_to}` : '';
    core.info(`Delivered to room '${result.room}'${thread}${result.attempts > 1 ? ` on attempt ${result.attempts}` : ''}.`);
  }
  for (const done of outcome.followUps?.results ?? []) if (done.ok) core.info(redact(`Room '${done.room}': ${done.text}.`));
  await writeSummary(
    core,
    appendSummary,
    redact(
      (await summaryMarkdown(outcome.body, outcome.results, outcome.companion, outcome.followUps?.results)) +
        (outcome.privateMessages?.summary ?? ''),
    ),
  );

  const failures = outcome.results.filter((result) => !result.ok).map((result) => redact(result.error ?? ''));
  // A missing file with if_file_missing: error fails the step, after the rooms got their message.
  const followUpFailure = outcome.followUps?.failure && redact(outcome.followUps.failure);
  if (failures.length > 0) {
    const headline = `HipChat notification failed for ${failures.length} of ${outcome.results.length} room(s).`;
    if (outcome.failOnError) {
      core.setFailed([headline, ...failures, ...(followUpFailure ? [followUpFailure] : [])].join('\n'));
      return;
    }
    for (const failure of failures) core.warning(failure, { title: NOT_DELIVERED });
    core.info(`${headline} The step passes because fail_on_error is false.`);
  }
  if (followUpFailure) core.setFailed(followUpFailure);
}

/** Reports a notification that send_when held back: the reason in the log, the outputs and the job summary. */
export async function reportSkipped(core: ReportCore, reason: string, appendSummary: AppendSummary): Promise<void> {
  core.info(reason);
  setOutputs(core, skippedOutputs(reason), (text) => text);
  await writeSummary(core, appendSummary, skippedSummaryMarkdown(reason));
}
