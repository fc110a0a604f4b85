import type { FollowUpResult } from '../followups/plan.js';
import type { RoomResult } from '../hipchat/delivery/deliver.js';
import type { V2NotificationBody } from '../hipchat/endpoints/notification-v2.js';
import { escapeHtml } from '../render/html.js';
import { tableCell } from './markdown.js';
import type { SentBody } from './outputs.js';

const COLOR_MARKS: Readonly<Record<string, string>> = { green: '🟩', red: '🟥', yellow: '🟨', purple: '🟪', gray: '⬜', random: '🎲' };

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

/**
 * The card, the message, and the text companion with the mentions, as the room shows them; or a user's message.
 * The card's preview loads only for a run that sent one.
 */
export async function previews(body: SentBody, companion?: V2NotificationBody): Promise<string[]> {
  if (!('color' in body)) return plainMessagePreview(body.message);
  return [
    ...(body.card ? (await import('./card-preview.js')).cardPreview(body.card) : []),
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
export async function summaryMarkdown(
  body: SentBody,
  results: readonly RoomResult[],
  companion?: V2NotificationBody,
  followUps: readonly FollowUpResult[] = [],
): Promise<string> {
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
    ...(await previews(body, companion)),
  ].join('\n');
}

/** Markdown for the job summary when send_when held the notification back. */
export function skippedSummaryMarkdown(reason: string): string {
  return ['### HipChat notification', '', `⏭️ ${escapeHtml(reason)}`, ''].join('\n');
}
