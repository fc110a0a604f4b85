import { InputError, listChoices } from '../inputs/errors.js';
import { shortenHtml, shortenText } from '../render/limits.js';
import type { NotificationView } from '../view.js';
import { CARD_HTML_TAGS, CARD_LIMITS, type Card, type CardAttribute, type CardIcon, LOZENGE_STYLES, type LozengeStyle } from './card.js';
import { defaultCard } from './default-card.js';
import type { AttributeShape, CardShape } from './shape.js';

type Render = (template: string, field: string, html: boolean) => Promise<string>;

function checkUrl(url: string, field: string): string {
  if (url && !/^https?:\/\//i.test(url)) {
    throw new InputError(`Invalid card: card.${field} is '${url}': expected an http or https URL.`);
  }
  return url;
}

function checkCardHtml(html: string, field: string): string {
  for (const [, tag] of html.matchAll(/<\/?([A-Za-z][\w-]*)/g)) {
    if (!(CARD_HTML_TAGS as readonly string[]).includes(tag?.toLowerCase() ?? '')) {
      throw new InputError(`Invalid card: card.${field} uses <${tag}>: HipChat cards allow only ${listChoices(CARD_HTML_TAGS)}.`);
    }
  }
  return html;
}

async function renderStyle(template: string, field: string, render: Render): Promise<LozengeStyle | undefined> {
  const style = await render(template, field, false);
  if (style === '') return undefined;
  if ((LOZENGE_STYLES as readonly string[]).includes(style)) return style as LozengeStyle;
  throw new InputError(`Invalid card: card.${field} is "${style}": expected ${listChoices(LOZENGE_STYLES)}.`);
}

async function renderIcon(icon: CardIcon, field: string, render: Render): Promise<CardIcon | undefined> {
  if (typeof icon === 'string') {
    const url = checkUrl(await render(icon, field, false), field);
    return url || undefined;
  }
  const url = checkUrl(await render(icon.url, `${field}.url`, false), `${field}.url`);
  const retina = icon['url@2x'] ? checkUrl(await render(icon['url@2x'], `${field}.url@2x`, false), `${field}.url@2x`) : '';
  return url ? { url, ...(retina ? { 'url@2x': retina } : {}) } : undefined;
}

async function renderAttribute(attribute: AttributeShape, index: number, render: Render): Promise<CardAttribute | undefined> {
  const field = `attributes[${index}]`;
  const nested =
    typeof attribute.value === 'string'
      ? { label: attribute.value, url: attribute.url, style: attribute.style, icon: attribute.icon }
      : attribute.value;
  const label = attribute.label === undefined ? '' : await render(attribute.label, `${field}.label`, false);
  const value = await render(nested.label, `${field}.value`, false);
  if (!value) return undefined;
  const url = nested.url ? checkUrl(await render(nested.url, `${field}.url`, false), `${field}.url`) : '';
  const icon = nested.icon ? await renderIcon(nested.icon, `${field}.icon`, render) : undefined;
  const style = nested.style ? await renderStyle(nested.style, `${field}.style`, render) : undefined;
  return {
    ...(label ? { label } : {}),
    value: { label: value, ...(url ? { url } : {}), ...(style ? { style } : {}), ...(icon ? { icon } : {}) },
  };
}

/** The user's shape over the default card. Only keys the user gave change; a field that renders empty goes. */
async function applyShape(card: Card, shape: CardShape, render: Render): Promise<Card> {
  const next: Record<string, unknown> = { ...card };
  const set = (key: keyof Card, value: unknown) => {
    if (value === undefined || value === '') delete next[key];
    else next[key] = value;
  };
  if (shape.style) set('style', shape.style);
  if (shape.format) set('format', shape.format);
  if (shape.title !== undefined) next.title = (await render(shape.title, 'title', false)) || card.title;
  if (shape.description !== undefined) {
    const value = checkCardHtml(await render(shape.description, 'description', true), 'description');
    set('description', value ? { value, format: 'html' } : undefined);
  }
  if (shape.url !== undefined) set('url', checkUrl(await render(shape.url, 'url', false), 'url'));
  if (shape.icon !== undefined) set('icon', await renderIcon(shape.icon, 'icon', render));
  if (shape.thumbnail !== undefined) {
    const url = checkUrl(await render(shape.thumbnail.url, 'thumbnail.url', false), 'thumbnail.url');
    if ([...url].length > CARD_LIMITS.thumbnailUrl) {
      throw new InputError(
        `Invalid card: card.thumbnail.url has ${[...url].length} characters: HipChat accepts at most ${CARD_LIMITS.thumbnailUrl}.`,
      );
    }
    set('thumbnail', url ? { ...shape.thumbnail, url } : undefined);
  }
  if (shape.activity !== undefined) {
    const activity = typeof shape.activity === 'string' ? { html: shape.activity } : shape.activity;
    const html = checkCardHtml(await render(activity.html, 'activity', true), 'activity');
    const icon = activity.icon ? await renderIcon(activity.icon, 'activity.icon', render) : undefined;
    set('activity', html ? { html, ...(icon ? { icon } : {}) } : undefined);
  }
  if (shape.attributes !== undefined) {
    const attributes = await Promise.all(shape.attributes.map((attribute, index) => renderAttribute(attribute, index, render)));
    set(
      'attributes',
      attributes.filter((attribute) => attribute !== undefined),
    );
  }
  return next as unknown as Card;
}

/** Brings every length within the server's schema; values are shortened cleanly rather than rejected. */
export function fitCard(card: Card): Card {
  return {
    ...card,
    title: shortenText(card.title, CARD_LIMITS.title),
    ...(card.description
      ? { description: { ...card.description, value: shortenHtml(card.description.value, CARD_LIMITS.description) } }
      : {}),
    ...(card.attributes
      ? {
          attributes: card.attributes.map((attribute) =>
            attribute.label ? { ...attribute, label: shortenText(attribute.label, CARD_LIMITS.attributeLabel) } : attribute,
          ),
        }
      : {}),
  };
}

/** The card to send: the default card for the run, shaped by the `card` input when there is one. */
export async function composeCard(view: NotificationView, shapeText: string): Promise<Card> {
  const card = defaultCard(view);
  if (!shapeText.trim()) return fitCard(card);
  // The YAML parser, the schema and the template engine load only for runs that shape their card.
  const [{ parseCardShape }, { renderTemplate }] = await Promise.all([import('./shape.js'), import('../render/template.js')]);
  const shape = parseCardShape(shapeText);
  const render: Render = (template, field, html) =>
    renderTemplate({ text: template, origin: `input 'card' (card.${field})` }, view, html ? 'html' : 'text');
  return fitCard(await applyShape(card, shape, render));
}
