import type { Card, LozengeStyle } from '../card/card.js';
import type { FollowUpResult } from '../followups/plan.js';
import type { RoomResult } from '../hipchat/delivery/deliver.js';
import type { V2NotificationBody } from '../hipchat/endpoints/notification-v2.js';
import { escapeHtml, link } from '../render/html.js';
import { tableCell } from './markdown.js';
import type { SentBody } from './outputs.js';

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

/** The card, the message, and the text companion with the mentions, as the room shows them; or a user's message. */
function previews(body: SentBody, companion?: V2NotificationBody): string[] {
  if (!('color' in body)) return plainMessagePreview(body.message);
  return [
    ...(body.card ? cardPreview(body.card) : []),
    ...messagePreview(body.card ? 'Message for clients without cards' : 'Message', body),
    ...(companion ? messagePreview('Mentions', companion) : []),
  ];
}

/** What a room got: delivered, or for a message posted as the token's user, its id or the thread it went to. */
function roomOutcome(result: RoomResult): string {
  if (!result.ok) return `❌ ${result.error ?? `HTTP ${result.status}`}`;
  if (result.reply_to) return `✅ replied in the thread of message ${result.reply_to}`;
  const posted = result.message_id ? ` as message ${result.message_id}` : '';
  if (result.parent_gone) return `✅ posted${posted}, not as a reply: message ${result.parent_gone} is gone`;
  return result.message_id ? `✅ posted${posted}` : '✅ delivered';
}

/** The topic and the file, per room, when the step had them. */
function followUpCell(room: string, followUps: readonly FollowUpResult[]): string {
  return followUps
    .filter((done) => done.room === room)
    .map((done) => `${done.ok ? '✅' : '⚠️'} ${done.text}`)
    .join('\n');
}

/** A message posted as the token's user is plain text: the room shows it as typed. */
function plainMessagePreview(message: string): string[] {
  return ["💬 **Message** posted as the token's user (plain text)", '', `<pre>${escapeHtml(message)}</pre>`, ''];
}

/**
 * Markdown for the job summary: what each room got (and in how many attempts), which did not and why, what the
 * topic and the file did there, and a readable preview of what was sent: the card, the message, and the text
 * companion with the mentions.
 */
export function summaryMarkdown(
  body: SentBody,
  results: readonly RoomResult[],
  companion?: V2NotificationBody,
  followUps: readonly FollowUpResult[] = [],
): string {
  const also = followUps.length > 0;
  const rows = results.map((result) => {
    const cells = [result.room, roomOutcome(result), String(result.attempts), ...(also ? [followUpCell(result.room, followUps)] : [])];
    return `| ${cells.map(tableCell).join(' | ')} |`;
  });
  return [
    `### HipChat ${'color' in body ? 'notification' : 'message'}`,
    '',
    `| Room | Result | Attempts |${also ? ' Topic and file |' : ''}`,
    `| --- | --- | --- |${also ? ' --- |' : ''}`,
    ...rows,
    '',
    ...previews(body, companion),
  ].join('\n');
}

/** Markdown for the job summary of a dry run: the rooms it would have gone to, and what they would have got. */
export function dryRunSummaryMarkdown(body: SentBody, rooms: readonly string[], companion?: V2NotificationBody): string {
  return [
    `### HipChat ${'color' in body ? 'notification' : 'message'} (dry run)`,
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
