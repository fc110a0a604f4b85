// The card as the job summary shows it: loaded with import() only for a run that sent or would send a card.
import type { Card, LozengeStyle } from '../card/card.js';
import { escapeHtml, link } from '../render/html.js';
import { tableCell } from './markdown.js';

const LOZENGE_MARKS: Readonly<Record<LozengeStyle, string>> = {
  'lozenge-success': '🟢',
  'lozenge-error': '🔴',
  'lozenge-current': '🔵',
  'lozenge-complete': '🔷',
  'lozenge-moved': '🟡',
  lozenge: '⚪',
};

export function cardPreview(card: Card): string[] {
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
