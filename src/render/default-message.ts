import type { MessageFormat } from '../inputs/parse.js';
import type { NotificationView } from '../view.js';
import { describeEvent } from './events.js';
import { renderRich } from './rich-text.js';

/** "acme/api: CI #42 succeeded on main (abc1234) by octocat", then what the event adds, linked in html. */
export function defaultMessage(view: NotificationView, format: MessageFormat): string {
  const described = describeEvent(view);
  const run = `${view.repository}: ${view.workflow} #${view.run_number}`;
  return renderRich(
    {
      headline: [{ text: run, url: view.run_url }, ` ${view.status_word}`, ...described.subject],
      details: described.details ?? [],
      links: [view.run_url, ...(described.links ?? [])],
    },
    format,
  );
}
