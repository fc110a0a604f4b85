// Draws one request to the notification route as a HipChat room shows it. Every value comes from whoever sent
// the request, so text goes in as text nodes, html only through sanitizedHtml, and links only when safe.
import { isSafeUrl, sanitizedHtml } from './sanitize.js';

const COLORS = ['yellow', 'green', 'red', 'purple', 'gray'];
const LOZENGES = ['lozenge-success', 'lozenge-error', 'lozenge-current', 'lozenge-complete', 'lozenge-moved', 'lozenge'];

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value) {
  return typeof value === 'string' ? value : '';
}

function el(tag, className, ...children) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  element.append(...children.filter((child) => child !== undefined && child !== null));
  return element;
}

function link(url, content, policy) {
  if (!isSafeUrl(url, policy)) return el('span', null, content);
  const anchor = el('a', null, content);
  anchor.href = url.trim();
  anchor.target = '_blank';
  anchor.rel = 'noopener noreferrer';
  return anchor;
}

/** An image from the sender's server; one that cannot load (an offline preview) is left out rather than broken. */
function image(source, className, policy) {
  const url = typeof source === 'string' ? source : isObject(source) ? source.url : undefined;
  if (!isSafeUrl(url, policy)) return undefined;
  const img = el('img', className);
  img.alt = '';
  img.referrerPolicy = 'no-referrer';
  if (isObject(source) && isSafeUrl(source['url@2x'], policy)) img.srcset = `${url.trim()} 1x, ${source['url@2x'].trim()} 2x`;
  img.addEventListener('error', () => img.classList.add('broken'));
  img.src = url.trim();
  return img;
}

/** HipChat's text format: links and @mentions are recognised, the rest is shown as typed. */
function richText(message, policy) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of message.matchAll(/https?:\/\/[^\s<>"]+|@\w+/g)) {
    // Trailing punctuation belongs to the sentence, not the address.
    const found = match[0].startsWith('@') ? match[0] : match[0].replace(/[.,;:!?)\]}'"]+$/, '');
    fragment.append(message.slice(last, match.index));
    fragment.append(found.startsWith('@') ? el('span', 'mention', found) : link(found, found, policy));
    last = match.index + found.length;
  }
  fragment.append(message.slice(last));
  return fragment;
}

function renderMessage(body, policy) {
  const format = body.message_format === 'text' ? 'text' : 'html';
  const message = text(body.message);
  return el('div', `message message-${format}`, format === 'text' ? richText(message, policy) : sanitizedHtml(message, policy));
}

function renderAttribute(attribute, policy) {
  const value = isObject(attribute.value) ? attribute.value : {};
  const style = LOZENGES.includes(value.style) ? value.style : undefined;
  const shown = style ? el('span', `lozenge ${style}`, text(value.label)) : el('span', 'attribute-text', text(value.label));
  return el(
    'div',
    'card-attribute',
    attribute.label ? el('span', 'attribute-label', text(attribute.label)) : undefined,
    el('span', 'attribute-value', image(value.icon, 'attribute-icon', policy), value.url ? link(value.url, shown, policy) : shown),
  );
}

function renderDescription(description, policy) {
  if (typeof description === 'string') return el('div', 'card-description', description);
  if (!isObject(description)) return undefined;
  const value = text(description.value);
  return el('div', 'card-description', description.format === 'html' ? sanitizedHtml(value, policy, policy.cardTags) : value);
}

function renderCard(card, policy) {
  const style = ['file', 'image', 'application', 'link', 'media'].includes(card.style) ? card.style : 'application';
  const format = card.format === 'compact' ? 'compact' : 'medium';
  const thumbnail = isObject(card.thumbnail) ? image(card.thumbnail, 'card-thumbnail', policy) : undefined;
  if (thumbnail) {
    for (const side of ['width', 'height']) if (typeof card.thumbnail[side] === 'number') thumbnail[side] = card.thumbnail[side];
  }
  const attributes = Array.isArray(card.attributes) ? card.attributes.filter(isObject) : [];
  const box = el(
    'div',
    `card card-${style} card-${format}`,
    thumbnail,
    el('div', 'card-title', image(card.icon, 'card-icon', policy), link(card.url, text(card.title), policy)),
    renderDescription(card.description, policy),
    attributes.length > 0 ? el('div', 'card-attributes', ...attributes.map((attribute) => renderAttribute(attribute, policy))) : undefined,
  );
  if (!isObject(card.activity)) return box;
  // HipChat shows the activity as one line that opens into the card; the preview opens it, to show everything.
  const activity = el(
    'details',
    'card-activity',
    el(
      'summary',
      null,
      image(card.activity.icon, 'card-icon', policy),
      el('span', null, sanitizedHtml(text(card.activity.html), policy, policy.cardTags)),
    ),
    box,
  );
  activity.open = true;
  return activity;
}

function colorOf(entry, body) {
  if (COLORS.includes(body.color)) return body.color;
  // HipChat picks a colour for random; the preview picks one that stays put when the page reloads.
  return body.color === 'random' ? COLORS[entry.id % COLORS.length] : 'yellow';
}

/** A card's refusal quotes HipChat's whole schema; a long answer opens on demand. */
function serverSaid(message) {
  const said = el('span', 'why', 'HipChat said: ');
  if (message.length <= 240) return el('p', 'rejection-message', said, message);
  return el('details', 'rejection-message', el('summary', null, said, `${message.slice(0, 120)}…`), el('p', null, message));
}

function renderRejection(entry) {
  const error = isObject(entry.error) ? entry.error : {};
  const heading = entry.status === 0 ? 'No answer: the connection was dropped' : `Rejected: ${entry.status} ${text(error.type)}`.trim();
  return el(
    'div',
    'rejection',
    el('strong', 'rejection-heading', heading),
    // The reason first: for a card, HipChat's own message is an opaque dump of its schema.
    error.reason === undefined ? undefined : el('p', 'rejection-reason', el('span', 'why', 'Why: '), String(error.reason)),
    error.message === undefined ? undefined : serverSaid(String(error.message)),
    error.field === undefined ? undefined : el('p', 'rejection-field', `Field: ${String(error.field)}`),
  );
}

/** How the meta line names what an entry is: a notification's format, or what a user's call did. */
function tagOf(entry, body) {
  if (entry.kind !== 'notification') return entry.kind;
  return isObject(body.card) ? 'card' : body.message_format === 'text' ? 'text' : 'html';
}

function meta(entry, body, delivered) {
  // A message, reply, topic or file comes from the token's user; only notifications carry a sender label.
  const from = entry.kind === 'notification' ? text(body.from) : "the token's user";
  return el(
    'header',
    'meta',
    el('span', from ? 'from' : 'from from-none', from || 'no sender label'),
    el('span', 'room', entry.room),
    el('span', 'tag', tagOf(entry, body)),
    body.notify === true ? el('span', 'tag tag-notify', 'notify') : undefined,
    delivered ? undefined : el('span', 'tag tag-rejected', entry.status === 0 ? 'dropped' : String(entry.status)),
    el('time', null, new Date(entry.at).toLocaleTimeString()),
  );
}

/** A shared file, as HipChat lists it: a line with the file, and the message that came with it. */
function renderFile(entry, body, policy) {
  const file = isObject(entry.file) ? entry.file : {};
  return el(
    'div',
    'attachment',
    el('span', 'attachment-name', `📎 ${text(file.name)}`),
    el('span', 'attachment-size', ` ${text(file.shownSize)}, ${text(file.type)}`),
    text(body.message) ? el('div', 'message message-text', richText(text(body.message), policy)) : undefined,
  );
}

/** What a delivered entry shows: a card, a notification's message, a user's message, a topic line or a file. */
function renderContent(entry, body, policy) {
  if (entry.kind === 'topic') return [el('p', 'topic-line', 'set the topic to ', el('q', null, text(body.topic)))];
  if (entry.kind === 'file') return [renderFile(entry, body, policy)];
  if (entry.kind === 'message' || entry.kind === 'reply') return [renderMessage({ message: body.message, message_format: 'text' }, policy)];
  if (!isObject(body.card)) return [renderMessage(body, policy)];
  return [
    renderCard(body.card, policy),
    el('details', 'fallback', el('summary', null, 'Message for clients that show no cards'), renderMessage(body, policy)),
  ];
}

/** One request to a room, delivered or refused, as an <article>; a message's replies go in its .thread. */
export function renderEntry(entry, policy) {
  const body = isObject(entry.body) ? entry.body : {};
  const delivered = entry.status === 204 || entry.status === 201;
  const color = entry.kind === 'notification' ? colorOf(entry, body) : 'user';
  const article = el('article', `entry entry-${entry.kind} color-${color}${delivered ? '' : ' rejected'}`);
  article.dataset.id = String(entry.id);
  if (entry.messageId) article.dataset.messageId = entry.messageId;
  const content = el('div', 'content', meta(entry, body, delivered));

  if (!delivered) {
    content.append(renderRejection(entry));
    if (typeof body.message === 'string')
      content.append(el('div', 'sent', el('span', 'sent-label', 'Sent, with only the html HipChat keeps'), renderMessage(body, policy)));
    content.append(el('details', 'raw', el('summary', null, 'Request body'), el('pre', null, JSON.stringify(entry.body, null, 2) ?? '')));
  } else {
    content.append(...renderContent(entry, body, policy));
  }
  if (entry.kind === 'message' || entry.kind === 'file') content.append(el('div', 'thread'));
  article.append(el('div', 'bar'), content);
  return article;
}

/** A person in the side panel: who they are on HipChat, and a list for their private messages, newest first. */
export function renderPerson(user) {
  const person = el(
    'section',
    'person',
    el(
      'header',
      'person-header',
      el('span', 'person-name', text(user.name)),
      el('span', 'person-mention', `@${text(user.mention_name)}`),
      el('span', 'person-email', text(user.email)),
    ),
    el('ol', 'person-messages'),
  );
  person.dataset.user = String(user.id);
  return person;
}

/** One private message, as the person sees it: text as typed, html as HipChat keeps it. */
export function renderPrivateMessage(entry, policy) {
  const item = el('li', 'private-message', el('time', null, new Date(entry.at).toLocaleTimeString()), renderMessage(entry, policy));
  item.dataset.id = String(entry.id);
  return item;
}

/** What the server answered a probe: the token may, or HipChat's refusal in its words. */
function probeAnswer(probe) {
  if (probe.status === 202) return [el('span', 'probe-status', '202'), ' the token may'];
  if (probe.status === 0) return [el('span', 'probe-status', 'no answer'), ': the connection was dropped'];
  const error = isObject(probe.error) ? probe.error : {};
  const message = text(error.message);
  return [el('span', 'probe-status', `${probe.status} ${text(error.type)}`.trim()), message ? `: ${message}` : undefined];
}

function renderProbe(probe) {
  const ok = probe.status === 202;
  const target = isObject(probe.target) ? probe.target : undefined;
  const row = el(
    'tr',
    `probe ${ok ? 'probe-ok' : 'probe-refused'}`,
    el('td', 'probe-mark', ok ? '✓' : '✗'),
    el('td', 'probe-target', target?.kind === 'user' ? el('span', 'probe-kind', 'person ') : undefined, target ? text(target.name) : '—'),
    el('td', 'probe-endpoint', el('code', null, text(probe.endpoint))),
    el('td', 'probe-scope', text(probe.scope) || '—'),
    el('td', 'probe-answer', ...probeAnswer(probe)),
  );
  row.dataset.id = String(probe.id);
  return row;
}

/**
 * The last set-up check: one row per auth_test request the server saw, with its answer. Room names, paths and
 * HipChat's messages all come from requests, so they go in as text.
 */
export function renderCheck(check) {
  const probes = Array.isArray(check.probes) ? check.probes.filter(isObject) : [];
  const refused = probes.filter((probe) => probe.status !== 202).length;
  const more = typeof check.more === 'number' && check.more > 0 ? `, and ${check.more} more not listed` : '';
  const summary = el(
    'p',
    'check-summary',
    el('time', null, new Date(check.startedAt).toLocaleTimeString()),
    ` · ${probes.length} probe${probes.length === 1 ? '' : 's'}, ${refused} refused${more} · each asked with auth_test, so nothing was posted`,
  );
  const head = el('tr', null, ...['', 'Room or person', 'Endpoint', 'Scope', 'Answer'].map((label) => el('th', null, label)));
  const table = el('table', 'check-table', el('thead', null, head), el('tbody', null, ...probes.map(renderProbe)));
  const shown = el('div', 'check-shown', summary, table);
  shown.dataset.id = String(check.id);
  return shown;
}
