import type { RoomResult } from '../hipchat/deliver.js';
import type { V2NotificationBody } from '../hipchat/v2.js';
import { escapeHtml } from '../render/html.js';

function tableCell(text: string): string {
  return escapeHtml(text).replace(/\|/g, '&#124;').replace(/\r?\n/g, '<br>');
}

/** Markdown for the job summary: which rooms got the notification, which did not and why, and what was sent. */
export function summaryMarkdown(body: V2NotificationBody, results: readonly RoomResult[]): string {
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
    `<details><summary>Message (${escapeHtml(body.message_format)}, ${escapeHtml(body.color)}${body.notify ? ', notify' : ''})</summary>`,
    '',
    `<pre>${escapeHtml(body.message)}</pre>`,
    '',
    '</details>',
    '',
  ].join('\n');
}
