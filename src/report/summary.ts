import type { Card, LozengeStyle } from '../card/card.js';
import type { RoomResult } from '../hipchat/delivery/deliver.js';
import type { V2NotificationBody } from '../hipchat/endpoints/notification-v2.js';
import { escapeHtml, link } from '../render/html.js';
import { tableCell } from './markdown.js';

const COLOR_MARKS: Readonly<Record<string, string>> = { green: '🟩', red: '🟥', yellow: '🟨', purple: '🟪', gray: '⬜', random: '🎲' };
const LOZENGE_MARKS: Readonly<Record<LozengeStyle, string>> = {
  'lozenge-success': '🟢',
  'lozenge-error': '🔴',
  'lozenge-current': '🔵',
  'lozenge-complete': '🔷',
  'lozenge-moved': '🟡',
  lozenge: '⚪',
};

/**
 * The message as the room shows it. html goes in as sent: every value from the event in it is already escaped and
 * GitHub sanitises the summary again; text is shown as text.
 */
function messagePreview(label: string, body: V2NotificationBody): string[] {
  const from = body.from ? ` from <i>${escapeHtml(body.from)}</i>` : '';
  const content = body.message_format === 'text' ? `<pre>${escapeHtml(body.message)}</pre>` : body.message;
  return [
    `${COLOR_MARKS[body.color] ?? ''} **${label}**${from}${body.notify ? ' · pings the room' : ''}`,
    '',
    `<blockquote>${content}</blockquote>`,
    '',
    `<details><summary>Source (${escapeHtml(body.message_format)}, ${escapeHtml(body.color)})</summary>`,
    '',
    `<pre>${escapeHtml(body.message)}</pre>`,
    '',
    '</details>',
    '',
  ];
}

function cardPreview(card: Card): string[] {
  const description = card.description
    ? card.description.format === 'html'
      ? card.description.value
      : escapeHtml(card.description.value)
    : '';
  const rows = (card.attributes ?? []).map((attribute) => {
    const mark = attribute.value.style ? `${LOZENGE_MARKS[attribute.value.style]} ` : '';
    const value = attribute.value.url ? link(attribute.value.url, attribute.value.label) : escapeHtml(attribute.value.label);
    return `| ${tableCell(attribute.label ?? '')} | ${mark}${value.replace(/\|/g, '&#124;')} |`;
  });
  return [
    `🃏 **Card** (${escapeHtml(card.style)}${card.format ? `, ${escapeHtml(card.format)}` : ''})`,
    '',
    `<blockquote><b>${link(card.url ?? '', card.title)}</b>${description ? `<br>${description}` : ''}</blockquote>`,
    '',
    ...(rows.length > 0 ? ['| Attribute | Value |', '| --- | --- |', ...rows, ''] : []),
  ];
}

/** The card, the message, and the text companion with the mentions, as the room shows them. */
function previews(body: V2NotificationBody, companion?: V2NotificationBody): string[] {
  return [
    ...(body.card ? cardPreview(body.card) : []),
    ...messagePreview(body.card ? 'Message for clients without cards' : 'Message', body),
    ...(companion ? messagePreview('Mentions', companion) : []),
  ];
}

/**
 * Markdown for the job summary: which rooms got the notification (and in how many attempts), which did not and
 * why, and a readable preview of what was sent: the card, the message, and the text companion with the mentions.
 */
export function summaryMarkdown(body: V2NotificationBody, results: readonly RoomResult[], companion?: V2NotificationBody): string {
  const rows = results.map((result) => {
    const outcome = result.ok ? '✅ delivered' : `❌ ${result.error ?? `HTTP ${result.status}`}`;
    return `| ${tableCell(result.room)} | ${tableCell(outcome)} | ${result.attempts} |`;
  });
  return [
    '### HipChat notification',
    '',
    '| Room | Result | Attempts |',
    '| --- | --- | --- |',
    ...rows,
    '',
    ...previews(body, companion),
  ].join('\n');
}

/** Markdown for the job summary of a dry run: the rooms it would have gone to, and what they would have got. */
export function dryRunSummaryMarkdown(body: V2NotificationBody, rooms: readonly string[], companion?: V2NotificationBody): string {
  return [
    '### HipChat notification (dry run)',
    '',
    `🧪 Nothing was sent: this was a dry run. It would have gone to ${rooms.map((room) => `<b>${escapeHtml(room)}</b>`).join(', ')}.`,
    '',
    ...previews(body, companion),
  ].join('\n');
}

/** Markdown for the job summary when send_when held the notification back. */
export function skippedSummaryMarkdown(reason: string): string {
  return ['### HipChat notification', '', `⏭️ ${escapeHtml(reason)}`, ''].join('\n');
}
