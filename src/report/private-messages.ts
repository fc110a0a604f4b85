// Loaded with the private messages' follow-up, which is the only stage that has any to report.
import { escapeHtml } from '../render/html.js';
import { tableCell } from './markdown.js';

/** One person's private message, as the results output and the job summary report it. */
export interface PrivateMessageResult {
  /** The entries of private_message that named the person, e.g. "author, actor". */
  readonly private_message: string;
  /** The HipChat user it was addressed to (id, email or @mention name); absent when the person was not found. */
  readonly user?: string;
  readonly ok: boolean;
  /** The HipChat status of the last answer; 0 when none came or nothing was sent. */
  readonly status: number;
  readonly attempts: number;
  readonly error?: string;
}

/** The private messages in the job summary: who got one, who did not and why, and the text they got. */
export function privateMessagesMarkdown(text: string, results: readonly PrivateMessageResult[]): string {
  const rows = results.map((result) => {
    const to = result.user ? `${result.private_message} (${result.user})` : result.private_message;
    const outcome = result.ok ? '✅ sent' : `❌ ${result.error ?? `HTTP ${result.status}`}`;
    return `| ${tableCell(to)} | ${tableCell(outcome)} | ${result.attempts} |`;
  });
  return [
    '',
    '### Private messages',
    '',
    '| To | Result | Attempts |',
    '| --- | --- | --- |',
    ...rows,
    '',
    '<details><summary>Text of the private message</summary>',
    '',
    `<pre>${escapeHtml(text)}</pre>`,
    '',
    '</details>',
    '',
  ].join('\n');
}
