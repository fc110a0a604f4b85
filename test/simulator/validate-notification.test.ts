import { describe, expect, it } from 'vitest';
import { type Card, validateNotification } from './validate-notification.ts';

const FULL_CARD: Card = {
  style: 'application',
  format: 'medium',
  id: 'fee4d9a3-685d-4cbd-abaa-c8850d9b1960',
  url: 'https://ci.example.com/build/12',
  title: 'Build #12 passed',
  description: { value: '<b>main</b> built in 3m', format: 'html' },
  icon: { url: 'https://ci.example.com/icon.png', 'url@2x': 'https://ci.example.com/icon@2x.png' },
  thumbnail: { url: 'https://ci.example.com/t.png', 'url@2x': 'https://ci.example.com/t@2x.png', width: 43, height: 64 },
  activity: { html: '<b>Build #12</b> passed', icon: 'https://ci.example.com/a.png' },
  attributes: [
    { label: 'Branch', value: { label: 'main', url: 'https://ci.example.com/main', style: 'lozenge-current' } },
    { value: { label: 'passed', style: 'lozenge-success', icon: { url: 'https://ci.example.com/ok.png' } } },
  ],
};

/** A copy of FULL_CARD with `change` applied to it. */
function cardWith(change: (card: Record<string, any>) => void): Record<string, unknown> {
  const card = structuredClone(FULL_CARD) as Record<string, any>;
  change(card);
  return card;
}

function reasonFor(card: unknown): unknown {
  const result = validateNotification({ message: 'fallback', card });
  return result.ok ? 'accepted' : result.error.error.reason;
}

describe('card schema', () => {
  it('accepts a full card using every documented field', () => {
    expect(validateNotification({ message: 'fallback', card: FULL_CARD })).toEqual({
      ok: true,
      notification: { message: 'fallback', card: FULL_CARD },
    });
  });

  it('accepts the minimal card and unknown card keys such as date', () => {
    expect(reasonFor({ style: 'link', title: 't', id: 'x', date: 1443057955792 })).toBe('accepted');
  });

  it('accepts a plain-string description and icons', () => {
    expect(
      reasonFor(
        cardWith((card) => {
          card.description = '';
          card.icon = 'https://x/i.png';
        }),
      ),
    ).toBe('accepted');
  });

  it.each<[string, (card: Record<string, any>) => void, string]>([
    ['thumbnail width as a string', (card) => (card.thumbnail.width = '43'), 'card.thumbnail.width must be a number (got string)'],
    ['thumbnail height as a string', (card) => (card.thumbnail.height = '64'), 'card.thumbnail.height must be a number (got string)'],
    ['missing thumbnail url', (card) => delete card.thumbnail.url, 'card.thumbnail.url is required'],
    [
      'thumbnail url@2x over 250',
      (card) => (card.thumbnail['url@2x'] = 'u'.repeat(251)),
      'card.thumbnail.url@2x must have at most 250 characters (got 251)',
    ],
    [
      '11 attributes',
      (card) => (card.attributes = Array.from({ length: 11 }, () => ({ value: { label: 'v' } }))),
      'card.attributes must have at most 10 items (got 11)',
    ],
    ['no attributes', (card) => (card.attributes = []), 'card.attributes must not be empty'],
    [
      'attribute label of 51 characters',
      (card) => (card.attributes[0].label = 'l'.repeat(51)),
      'card.attributes[0].label must have at most 50 characters (got 51)',
    ],
    ['attribute without value', (card) => delete card.attributes[1].value, 'card.attributes[1].value is required'],
    ['attribute value without label', (card) => delete card.attributes[0].value.label, 'card.attributes[0].value.label is required'],
    [
      'attribute with an extra key',
      (card) => (card.attributes[0].color = 'red'),
      'card.attributes[0] has an unknown key "color" (allowed: label, value)',
    ],
    [
      'attribute value with an extra key',
      (card) => (card.attributes[0].value.title = 't'),
      'card.attributes[0].value has an unknown key "title" (allowed: label, url, style, icon)',
    ],
    [
      'lozenge style not in the enum',
      (card) => (card.attributes[0].value.style = 'lozenge-warning'),
      'card.attributes[0].value.style must be one of lozenge-success, lozenge-error, lozenge-current, lozenge-complete, lozenge-moved, lozenge (got "lozenge-warning")',
    ],
    [
      'style not in the enum',
      (card) => (card.style = 'video'),
      'card.style must be one of file, image, application, link, media (got "video")',
    ],
    ['missing style', (card) => delete card.style, 'card.style is required'],
    ['missing id', (card) => delete card.id, 'card.id is required'],
    ['empty id', (card) => (card.id = ''), 'card.id must not be empty'],
    ['missing title', (card) => delete card.title, 'card.title is required'],
    ['title of 501 characters', (card) => (card.title = 't'.repeat(501)), 'card.title must have at most 500 characters (got 501)'],
    ['format not in the enum', (card) => (card.format = 'large'), 'card.format must be one of compact, medium (got "large")'],
    ['empty url', (card) => (card.url = ''), 'card.url must not be empty'],
    [
      'string description over 500',
      (card) => (card.description = 'd'.repeat(501)),
      'card.description must have at most 500 characters (got 501)',
    ],
    [
      'description object with an extra key',
      (card) => (card.description.extra = 1),
      'card.description has an unknown key "extra" (allowed: value, format)',
    ],
    ['description object without format', (card) => delete card.description.format, 'card.description.format is required'],
    [
      'description value over 1000',
      (card) => (card.description.value = 'v'.repeat(1001)),
      'card.description.value must have at most 1000 characters (got 1001)',
    ],
    [
      'description format not in the enum',
      (card) => (card.description.format = 'markdown'),
      'card.description.format must be one of html, text (got "markdown")',
    ],
    ['description as a number', (card) => (card.description = 5), 'card.description must be a string or an object (got number)'],
    ['activity without html', (card) => delete card.activity.html, 'card.activity.html is required'],
    ['activity with an extra key', (card) => (card.activity.title = 't'), 'card.activity has an unknown key "title" (allowed: html, icon)'],
    ['icon object without url', (card) => (card.icon = { 'url@2x': 'https://x/i@2x.png' }), 'card.icon.url is required'],
    ['icon as an array', (card) => (card.icon = ['https://x/i.png']), 'card.icon must be a string or an object (got array)'],
  ])('rejects %s', (_name, change, reason) => {
    expect(reasonFor(cardWith(change))).toBe(reason);
  });

  it('puts the submitted card in the envelope as the failing value', () => {
    const card = cardWith((c) => (c.style = 'video'));
    const result = validateNotification({ message: 'fallback', card });
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.error.error).toMatchObject({
      code: 400,
      field: 'card',
      type: 'Bad Request',
      validation: 'type',
      value: card,
    });
  });
});

describe('top-level order', () => {
  it('reports message before the other fields', () => {
    const result = validateNotification({ notify: 'yes', color: 'grey' });
    expect(result.ok ? undefined : result.error.error.field).toBe('message');
  });
});
