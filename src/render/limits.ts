import type { MessageFormat } from '../inputs/parse.js';

/** HipChat's limit on `message`, counted in code points as its Python server counts (hipchat-api.md §1.2). */
export const MESSAGE_MAX = 10_000;
/** A room message or reply, posted as a user, is shorter (hipchat-api.md §1.5). */
export const ROOM_MESSAGE_MAX = 1_000;

function marker(format: MessageFormat, max: number): string {
  const note = `… (message shortened to fit HipChat’s ${max.toLocaleString('en')}-character limit)`;
  return format === 'html' ? `<br><i>${note}</i>` : `\n${note}`;
}

/** How far back a cut may move to end at a line break or space instead of inside a word. */
const WORD_BREAK_WINDOW = 80;

const VOID_ELEMENTS = new Set(['br', 'img', 'hr', 'wbr']);
const HTML_TOKEN = /<\/?[A-Za-z][^<>]*>|&(?:#\d+|#[xX][\dA-Fa-f]+|[A-Za-z][\dA-Za-z]*);|[^<&]+|[<&]/g;

export interface FittedMessage {
  readonly message: string;
  /** The length before shortening, when the message was shortened. */
  readonly shortenedFrom?: number;
}

function length(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

function cutText(text: string, budget: number): string {
  const cut = [...text].slice(0, Math.max(budget, 0)).join('');
  const lastBreak = Math.max(cut.lastIndexOf('\n'), cut.lastIndexOf(' '));
  return lastBreak >= 0 && length(cut.slice(lastBreak)) <= WORD_BREAK_WINDOW ? cut.slice(0, lastBreak) : cut;
}

function closers(open: readonly string[]): string {
  return open
    .toReversed()
    .map((name) => `</${name}>`)
    .join('');
}

/** Shortens html without ever cutting inside a tag or an entity, and closes the elements left open. */
function cutHtml(html: string, budget: number): string {
  const open: string[] = [];
  let out = '';
  let used = 0;
  for (const [token] of html.matchAll(HTML_TOKEN)) {
    const isTag = token.startsWith('<') && token.length > 1;
    const isEntity = token.startsWith('&') && token.length > 1;
    const name = isTag ? (/^<\/?([A-Za-z][\w-]*)/.exec(token)?.[1]?.toLowerCase() ?? '') : '';
    const closing = isTag && token.startsWith('</');
    const opening = isTag && !closing && !token.endsWith('/>') && !VOID_ELEMENTS.has(name);
    const nextOpen = opening ? [...open, name] : closing && open.at(-1) === name ? open.slice(0, -1) : open;
    const size = length(token);
    if (used + size + length(closers(nextOpen)) <= budget) {
      out += token;
      used += size;
      open.splice(0, open.length, ...nextOpen);
      continue;
    }
    if (!isTag && !isEntity) out += cutText(token, budget - used - length(closers(open)));
    break;
  }
  return out + closers(open);
}

/** Shortens plain text to `max` code points, ending with `marker`, preferably at a word break. */
export function shortenText(text: string, max: number, marker = '…'): string {
  return length(text) <= max ? text : cutText(text, max - length(marker)) + marker;
}

/** Shortens html to `max` code points without cutting a tag or an entity, ending with `marker`. */
export function shortenHtml(html: string, max: number, marker = '…'): string {
  return length(html) <= max ? html : cutHtml(html, max - length(marker)) + marker;
}

/** Keeps a message within HipChat's limit, shortening it cleanly with a visible marker. */
export function fitMessage(message: string, format: MessageFormat, max = MESSAGE_MAX): FittedMessage {
  const total = length(message);
  if (total <= max) return { message };
  const shorten = format === 'html' ? shortenHtml : shortenText;
  return { message: shorten(message, max, marker(format, max)), shortenedFrom: total };
}
