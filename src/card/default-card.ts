import { stringAt } from '../context/payload.js';
import type { JobStatus } from '../inputs/parse.js';
import { describeEvent, runTitle } from '../render/events.js';
import { type Inline, lineHtml, renderRich } from '../render/rich-text.js';
import { shownFacts } from '../render/run-facts.js';
import { type NotificationView, under } from '../view.js';
import { CARD_LIMITS, type Card, type CardAttribute, type LozengeStyle } from './card.js';

const STATUS_LOZENGES: Record<JobStatus, LozengeStyle> = {
  success: 'lozenge-success',
  failure: 'lozenge-error',
  cancelled: 'lozenge-moved',
  skipped: 'lozenge',
  started: 'lozenge-current',
};

/** The same for every send of one job in one run attempt, so HipChat recognises a card sent again. */
export function cardId(view: NotificationView): string {
  const { github } = view;
  return `hipchat-notify:${github.repository}:${github.run_id}:${github.run_attempt}:${github.job}`;
}

function attribute(label: string, value: string, url?: string, style?: LozengeStyle): CardAttribute | undefined {
  if (!value) return undefined;
  return { label, value: { label: value, ...(url ? { url } : {}), ...(style ? { style } : {}) } };
}

function defaultAttributes(view: NotificationView): CardAttribute[] {
  const action = stringAt(view.event, 'action');
  const attempt = Number(view.github.run_attempt) > 1 ? ` (attempt ${view.github.run_attempt})` : '';
  const environment = stringAt(view.event, 'deployment', 'environment');
  const facts = shownFacts(view);
  return [
    attribute('Status', view.status, undefined, STATUS_LOZENGES[view.status]),
    attribute(view.ref_type === 'tag' ? 'Tag' : 'Branch', view.ref_name, view.ref_url),
    attribute('Commit', view.short_sha, view.commit_url),
    attribute('Pull request', view.pull_request ? `#${view.pull_request.number}` : '', view.pull_request?.url),
    attribute('Release', view.release?.tag ?? '', view.release?.url),
    attribute('Environment', environment ?? ''),
    attribute('Author', view.actor, view.actor ? `${view.github.server_url}/${encodeURIComponent(view.actor)}` : undefined),
    attribute('Event', view.event_name ? `${view.event_name}${action ? ` (${action.replace(/_/g, ' ')})` : ''}` : ''),
    attribute('Workflow', view.workflow, under(view.repository_url, '/actions')),
    attribute('Run', `#${view.run_number}${attempt}`, view.run_url),
    attribute('Job', facts.job?.text ?? '', facts.job?.url),
    attribute('Duration', facts.duration),
  ]
    .filter((entry) => entry !== undefined)
    .slice(0, CARD_LIMITS.attributes);
}

/**
 * Card html has no line breaks (only a, b, i, strong and span), so the lines run on: a bulleted line (a push's
 * commits) after its own bullet, any other after a middle dot.
 */
function oneLineHtml(lines: readonly (readonly Inline[])[]): string {
  return lines
    .map((line, index) => {
      if (index === 0) return lineHtml(line);
      const bulleted = typeof line[0] === 'string' && line[0].startsWith('• ');
      return `${bulleted ? ' ' : ' · '}${lineHtml(line)}`;
    })
    .join('');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The card for the run: the status in the title and a lozenge, the event's details in the description, and
 * the run's facts as linked attributes. An activity line (one line, expandable) is added when the description
 * runs to several lines, since that is when a collapsed card reads better in a busy room.
 */
export function defaultCard(view: NotificationView): Card {
  const described = describeEvent(view);
  const details = described.details ?? [];
  const description = capitalise(oneLineHtml([described.subject, ...details]).trim());
  const title = `${runTitle(view)} ${view.status_word}`;
  const headline = renderRich({ headline: [{ text: title, url: view.run_url }, ...described.subject], details: [], links: [] }, 'html');
  return {
    style: 'application',
    format: 'medium',
    id: cardId(view),
    title,
    ...(view.run_url ? { url: view.run_url } : {}),
    icon: { url: `${view.github.server_url}/favicon.ico` },
    ...(description ? { description: { value: description, format: 'html' as const } } : {}),
    ...(details.length > 0 ? { activity: { html: headline } } : {}),
    attributes: defaultAttributes(view),
  };
}
