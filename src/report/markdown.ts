import { escapeHtml } from '../render/html.js';

/** Text for one cell of a Markdown table: escaped, with its pipes and line breaks unable to break the row. */
export function tableCell(text: string): string {
  return escapeHtml(text).replace(/\|/g, '&#124;').replace(/\r?\n/g, '<br>');
}
