import type { RoomResult } from '../hipchat/deliver.js';
import type { V2NotificationBody } from '../hipchat/v2.js';
import { escapeHtml } from '../render/html.js';

function tableCell(text: string): string {
  return escapeHtml(text).replace(/\|/g, '&#124;').replace(/\r?\n/g, '<br>');
}

function messageDetails(label: string, body: V2NotificationBody): string[] {
  return [
    `<details><summary>${label} (${escapeHtml(body.message_format)}, ${escapeHtml(body.color)}${body.notify ? ', notify' : ''})</summary>`,
    '',
    `<pre>${escapeHtml(body.message)}</pre>`,
    '',
    '</details>',
    '',
  ];
}

/**
 * Markdown for the job summary: which rooms got the notification, which did not and why, and what was sent,
 * including the text companion that carries the mentions of a non-text message.
 */
export function summaryMarkdown(body: V2NotificationBody, results: readonly RoomResult[], companion?: V2NotificationBody): string {
  const rows = results.map((result) => {
    const outcome = result.ok ? '✅ delivered' : `❌ ${result.error ?? `HTTP ${result.status}`}`;
    return `| ${tableCell(result.room)} | ${tableCell(outcome)} |`;
  });
  return [
    '### HipChat notification',
    '',
    '| Room | Result |',
    '| --- | --- |',
    ...rows,
    '',
    ...messageDetails('Message', body),
    ...(companion ? messageDetails('Mentions', companion) : []),
  ].join('\n');
}

/** Markdown for the job summary when send_when held the notification back. */
export function skippedSummaryMarkdown(reason: string): string {
  return ['### HipChat notification', '', `⏭️ ${escapeHtml(reason)}`, ''].join('\n');
}
