import type { MessageFormat } from '../inputs/parse.js';
import { escapeHtml, link } from './html.js';
import { quietMentions } from './mentions.js';

/** A run of a message: plain text, a link, or emphasis. Text is raw here; rendering escapes it for html. */
export type Inline = string | { readonly text: string; readonly url: string } | { readonly strong: string };

/** Preformatted text under a label, such as log lines: shown in html, left out of text. */
export interface Block {
  readonly label: string;
  readonly text: string;
}

export interface RichMessage {
  readonly headline: readonly Inline[];
  readonly details: readonly (readonly Inline[])[];
  /** Addresses a text message ends with, since text cannot link a label (HipChat auto-links bare URLs). */
  readonly links: readonly string[];
  readonly blocks?: readonly Block[];
}

const MAX_DETAIL_LINES = 8;

/** One line of inlines as html; text escaped, links and emphasis marked up. */
export function lineHtml(line: readonly Inline[]): string {
  return line.map(inlineHtml).join('');
}

function inlineHtml(inline: Inline): string {
  if (typeof inline === 'string') return escapeHtml(inline);
  if ('strong' in inline) return `<strong>${escapeHtml(inline.strong)}</strong>`;
  return link(inline.url, inline.text);
}

function inlineText(inline: Inline): string {
  if (typeof inline === 'string') return inline;
  return 'strong' in inline ? inline.strong : inline.text;
}

export function renderRich(message: RichMessage, format: MessageFormat): string {
  const details = message.details.slice(0, MAX_DETAIL_LINES);
  if (format === 'html') {
    const blocks = (message.blocks ?? []).map((block) => `<br>${escapeHtml(block.label)}<pre>${escapeHtml(block.text)}</pre>`);
    return [message.headline, ...details].map(lineHtml).join('<br>') + blocks.join('');
  }
  const links = [...new Set(message.links.filter(Boolean))];
  return [message.headline, ...details]
    .map((line) => quietMentions(line.map(inlineText).join('')))
    .concat(links)
    .join('\n');
}

/** Keeps one-line summaries readable; counts code points so no surrogate pair is split. */
export function clip(text: string, max = 120): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const points = [...oneLine];
  return points.length > max ? `${points.slice(0, max - 1).join('')}…` : oneLine;
}
