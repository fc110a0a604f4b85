import { tableCell } from '../report/markdown.js';
import { type CheckLine, MARKS } from './result.js';

/** The check as a terminal or a log shows it: one line per check, aligned, the detail after the name. */
export function checkText(lines: readonly CheckLine[]): string {
  const width = Math.max(...lines.map((entry) => entry.check.length));
  return lines.map((entry) => `${MARKS[entry.outcome]} ${entry.check.padEnd(width)}  ${entry.detail}`).join('\n');
}

/** The check for the job summary. */
export function checkMarkdown(lines: readonly CheckLine[]): string {
  return [
    '### HipChat set-up check',
    '',
    '|   | Check | Result |',
    '| --- | --- | --- |',
    ...lines.map((entry) => `| ${MARKS[entry.outcome]} | ${tableCell(entry.check)} | ${tableCell(entry.detail)} |`),
    '',
    'Nothing was posted: every request to HipChat carried `auth_test=true`.',
    '',
  ].join('\n');
}
