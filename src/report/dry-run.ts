// What a dry run reports instead of what it sent: loaded with import() only by a dry run.
import type { V2NotificationBody } from '../hipchat/endpoints/notification-v2.js';
import { escapeHtml } from '../render/html.js';
import { type ActionOutputs, actionOutputs, type SentBody } from './outputs.js';
import { type AppendSummary, type ReportCore, setOutputs, writeSummary } from './report.js';
import { previews } from './summary.js';

/** A dry run ends in a notice, the runner's annotation for news that is neither a warning nor an error. */
export interface DryRunCore extends ReportCore {
  notice(message: string, properties?: { title?: string }): void;
}

/** What a dry run would have sent, and where. */
export interface DryRunOutcome {
  readonly body: SentBody;
  readonly rooms: readonly string[];
  readonly companion?: V2NotificationBody;
}

/** A dry run: the payload that would have been sent, and nothing delivered or failed. */
function dryRunOutputs(body: SentBody): ActionOutputs {
  return { ...actionOutputs(body, []), results: '[]' };
}

/** Markdown for the job summary of a dry run: the rooms it would have gone to, and what they would have got. */
async function dryRunSummaryMarkdown(body: SentBody, rooms: readonly string[], companion?: V2NotificationBody): Promise<string> {
  return [
    `### HipChat ${'color' in body ? 'notification' : 'message'} (dry run)`,
    '',
    `🧪 Nothing was sent: this was a dry run. It would have gone to ${rooms.map((room) => `<b>${escapeHtml(room)}</b>`).join(', ')}.`,
    '',
    ...(await previews(body, companion)),
  ].join('\n');
}

/** Reports a dry run: the payload output and the job summary show what would have been sent, and a notice says so. */
export async function reportDryRun(
  core: DryRunCore,
  outcome: DryRunOutcome,
  appendSummary: AppendSummary,
  redact: (text: string) => string,
): Promise<void> {
  setOutputs(core, dryRunOutputs(outcome.body), redact);
  const rooms = outcome.rooms.map((room) => `'${room}'`).join(', ');
  core.notice(
    `Dry run: nothing was sent. The ${'color' in outcome.body ? 'notification' : 'message'} would have gone to ${rooms}; the payload output and the job summary show it.`,
    {
      title: 'HipChat dry run',
    },
  );
  await writeSummary(core, appendSummary, redact(await dryRunSummaryMarkdown(outcome.body, outcome.rooms, outcome.companion)));
}
