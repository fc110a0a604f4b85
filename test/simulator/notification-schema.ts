import type { ObjectSchema, ScalarSchema, StringSchema, UnionSchema } from './schema.ts';

/**
 * Limits from the reference (§1.2, §1.4). The card part follows the schema the
 * real server dumped in a 400 (March 2017); where that dump and the Jenkins
 * port disagree, the server wins (string description 0–500, at most 10 attributes).
 */

export const COLORS = ['yellow', 'green', 'red', 'purple', 'gray', 'random'] as const;
export const MESSAGE_FORMATS = ['html', 'text'] as const;
export const CARD_STYLES = ['file', 'image', 'application', 'link', 'media'] as const;
export const CARD_FORMATS = ['compact', 'medium'] as const;
export const LOZENGE_STYLES = [
  'lozenge-success',
  'lozenge-error',
  'lozenge-current',
  'lozenge-complete',
  'lozenge-moved',
  'lozenge',
] as const;

const nonEmptyString = (extra: Partial<StringSchema> = {}): StringSchema => ({
  type: 'string',
  minLength: 1,
  ...extra,
});

// No additionalProperties rule was reported for icon objects, and draft 3 allows extra keys by default.
const ICON_SCHEMA: UnionSchema = {
  type: [
    { type: 'string' },
    {
      type: 'object',
      properties: { url: nonEmptyString(), 'url@2x': nonEmptyString({ optional: true }) },
      additionalProperties: true,
    },
  ],
  optional: true,
};

export const CARD_SCHEMA: ObjectSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    style: nonEmptyString({ enum: CARD_STYLES, maxLength: 16, description: 'Type of the card' }),
    title: nonEmptyString({ maxLength: 500, description: 'The title of the card' }),
    id: nonEmptyString({
      description: 'An id that will help HipChat recognise the same card when it is sent multiple times',
    }),
    description: {
      type: [
        { type: 'string', maxLength: 500 },
        {
          type: 'object',
          properties: {
            value: nonEmptyString({ maxLength: 1000 }),
            format: { type: 'string', enum: MESSAGE_FORMATS },
          },
          additionalProperties: false,
        },
      ],
      optional: true,
    },
    format: nonEmptyString({
      enum: CARD_FORMATS,
      maxLength: 25,
      optional: true,
      description: 'Application cards can be compact (1 to 2 lines) or medium (1 to 5 lines)',
    }),
    url: nonEmptyString({ optional: true, description: 'The url where the card will open' }),
    thumbnail: {
      type: 'object',
      optional: true,
      additionalProperties: true,
      properties: {
        url: nonEmptyString({ maxLength: 250 }),
        'url@2x': nonEmptyString({ maxLength: 250, optional: true }),
        width: { type: 'number', optional: true },
        height: { type: 'number', optional: true },
      },
    },
    activity: {
      type: 'object',
      optional: true,
      additionalProperties: false,
      description: 'Collapsable card of one line showing the html and the ability to maximize',
      properties: { html: nonEmptyString(), icon: ICON_SCHEMA },
    },
    attributes: {
      type: 'array',
      optional: true,
      minLength: 1,
      maxLength: 10,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          label: nonEmptyString({ maxLength: 50, optional: true }),
          value: {
            type: 'object',
            additionalProperties: false,
            properties: {
              label: nonEmptyString({ description: 'The text representation of the value' }),
              url: nonEmptyString({ optional: true, description: 'Url to be opened when a user clicks on the label' }),
              style: {
                type: 'string',
                enum: LOZENGE_STYLES,
                optional: true,
                description: 'AUI Integrations for now supporting only lozenges',
              },
              icon: ICON_SCHEMA,
            },
          },
        },
      },
    },
    icon: ICON_SCHEMA,
  },
};

export const CARD_FIELD: UnionSchema = { type: [{ type: 'null' }, CARD_SCHEMA], optional: true };

const MESSAGE: StringSchema = nonEmptyString({ maxLength: 10000 });
const NOTIFY: ScalarSchema = { type: 'boolean', optional: true };
const MESSAGE_FORMAT: StringSchema = { type: 'string', enum: MESSAGE_FORMATS, optional: true };

/** Top-level fields in the order they are checked; unknown keys are ignored. */
export const NOTIFICATION_SCHEMA: ObjectSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    message: MESSAGE,
    color: { type: 'string', enum: COLORS, optional: true },
    notify: NOTIFY,
    message_format: MESSAGE_FORMAT,
    // [UNCONFIRMED] 0–64 is the later documented limit; a 2015 copy of the docs said 0–25.
    from: { type: 'string', maxLength: 64, optional: true },
    attach_to: { type: 'string', maxLength: 36, optional: true },
    card: CARD_FIELD,
  },
};

/** A private message: a notification's message, format and notify (hipchat-api.md §1.5), without colour or card. */
export const PRIVATE_MESSAGE_SCHEMA: ObjectSchema = {
  type: 'object',
  additionalProperties: true,
  properties: { message: MESSAGE, message_format: MESSAGE_FORMAT, notify: NOTIFY },
};
