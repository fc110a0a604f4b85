import type { MessageFormat } from '../inputs/parse.js';
import type { NotificationView } from '../view.js';
import { describeEvent, runTitle } from './events.js';
import { type Inline, renderRich } from './rich-text.js';
import { shownFacts } from './run-facts.js';

/** This job, linked to its log, and how long it ran: `Job: test (24) · 3m 12s`; with `needs`, the duration alone. */
function factsLines(view: NotificationView): Inline[][] {
  const { job, duration } = shownFacts(view);
  if (job) return [['Job: ', job, ...(duration ? [` · ${duration}`] : [])]];
  return duration ? [[`Duration: ${duration}`]] : [];
}

/** With `needs`, which jobs went wrong: the first thing to read after the headline. */
function jobLines(view: NotificationView): Inline[][] {
  const cancelled = view.jobs.filter((job) => job.result === 'cancelled').map((job) => job.name);
  return [
    ...(view.failed_jobs.length > 0 ? [[`Failed: ${view.failed_jobs.join(', ')}`]] : []),
    ...(cancelled.length > 0 ? [[`Cancelled: ${cancelled.join(', ')}`]] : []),
  ];
}

/** "acme/api: CI #42 succeeded on main (abc1234) by octocat", then what the event adds, linked in html. */
export function defaultMessage(view: NotificationView, format: MessageFormat): string {
  const described = describeEvent(view);
  return renderRich(
    {
      headline: [{ text: runTitle(view), url: view.run_url }, ` ${view.status_word}`, ...described.subject],
      details: [...factsLines(view), ...jobLines(view), ...(described.details ?? [])],
      links: [view.run_url, shownFacts(view).job?.url ?? '', ...(described.links ?? [])],
    },
    format,
  );
}
