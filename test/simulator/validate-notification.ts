import { ERRORS, type ErrorEnvelope, errorEnvelope } from './errors.ts';
import { CARD_TAGS, htmlProblem } from './html-policy.ts';
import {
  CARD_FIELD,
  type CARD_FORMATS,
  type CARD_STYLES,
  type COLORS,
  type LOZENGE_STYLES,
  type MESSAGE_FORMATS,
  NOTIFICATION_SCHEMA,
} from './notification-schema.ts';
import { pyRepr } from './python-repr.ts';
import { checkSchema, jsonTypeOf, type Schema, type SchemaPath, type Violation } from './schema.ts';

export type Color = (typeof COLORS)[number];
export type MessageFormat = (typeof MESSAGE_FORMATS)[number];
export type CardStyle = (typeof CARD_STYLES)[number];
export type CardFormat = (typeof CARD_FORMATS)[number];
export type LozengeStyle = (typeof LOZENGE_STYLES)[number];

export type CardIcon = string | { url: string; 'url@2x'?: string };
export interface CardDescription {
  value: string;
  format: MessageFormat;
}
export interface CardThumbnail {
  url: string;
  'url@2x'?: string;
  width?: number;
  height?: number;
}
export interface CardActivity {
  html: string;
  icon?: CardIcon;
}
export interface CardAttributeValue {
  label: string;
  url?: string;
  style?: LozengeStyle;
  icon?: CardIcon;
}
export interface CardAttribute {
  label?: string;
  value: CardAttributeValue;
}
export interface Card {
  style: CardStyle;
  title: string;
  id: string;
  description?: string | CardDescription;
  format?: CardFormat;
  url?: string;
  thumbnail?: CardThumbnail;
  activity?: CardActivity;
  attributes?: CardAttribute[];
  icon?: CardIcon;
}
/** Defaults applied by HipChat when a field is absent: color yellow, notify false, message_format html. */
export interface NotificationBody {
  message: string;
  color?: Color;
  notify?: boolean;
  message_format?: MessageFormat;
  from?: string;
  attach_to?: string;
  card?: Card | null;
}

export type NotificationValidation = { ok: true; notification: NotificationBody } | { ok: false; error: ErrorEnvelope };

/** Validates a parsed JSON body the way the v2 notification endpoint did, stopping at the first error. */
export function validateNotification(body: unknown): NotificationValidation {
  if (jsonTypeOf(body) !== 'object') return { ok: false, error: ERRORS.bodyNotObject() };
  const violation = checkSchema(body, NOTIFICATION_SCHEMA);
  if (!violation) return checkHtml(body as NotificationBody);
  const field = String(violation.path[0]);
  if (field === 'card') {
    return { ok: false, error: cardError((body as Record<string, unknown>).card, violation) };
  }
  return { ok: false, error: fieldError(field, violation) };
}

/** The simulator's own refusal of markup HipChat would curate away (see the README). */
export function htmlError(field: string, problem: string): ErrorEnvelope {
  return errorEnvelope(400, `Value for field '${field}' has html that HipChat would not show: ${problem}`, {
    field,
    validation: 'html',
    reason: problem,
  });
}

function htmlRejection(field: string, problem: string): NotificationValidation {
  return { ok: false, error: htmlError(field, problem) };
}

/** The html fields of a card, which allow fewer tags than a message (§1.3). */
function cardHtml(card: Card): [string, string][] {
  const fields: [string, string][] = [];
  if (typeof card.description === 'object' && card.description.format === 'html') fields.push(['card.description', card.description.value]);
  if (card.activity) fields.push(['card.activity.html', card.activity.html]);
  return fields;
}

/** html is the default format, so a body without message_format is checked too. */
function checkHtml(notification: NotificationBody): NotificationValidation {
  if ((notification.message_format ?? 'html') === 'html') {
    const problem = htmlProblem(notification.message);
    if (problem) return htmlRejection('message', problem);
  }
  for (const [field, html] of notification.card ? cardHtml(notification.card) : []) {
    const problem = htmlProblem(html, CARD_TAGS);
    if (problem) return htmlRejection('card', `${field}: ${problem}`);
  }
  return { ok: true, notification };
}

const SCHEMA_STRINGS = { stringPrefix: '' } as const;

/** The validator's envelope for a top-level field, with its Python-formatted message. */
export function fieldError(field: string, violation: Violation): ErrorEnvelope {
  switch (violation.kind) {
    case 'missing':
      return errorEnvelope(400, `Required field '${field}' is missing`, {
        field,
        validation: 'optional',
        value: null,
      });
    case 'type': {
      const expected = typeNames(violation.expected).join(', ');
      return errorEnvelope(400, `Value ${pyRepr(violation.value)} for field '${field}' is not of type '${expected}'`, {
        expected_type: expected,
        field,
        validation: 'type',
        value: violation.value,
      });
    }
    // [UNCONFIRMED] enum and length bodies were never captured: messages follow the
    // validator library's templates, `description` states the documented constraint.
    case 'enum':
      return errorEnvelope(
        400,
        `Value ${pyRepr(violation.value)} for field '${field}' is not in the enumeration: ${pyRepr(violation.options, SCHEMA_STRINGS)}`,
        {
          description: `Valid values: ${violation.options.join(', ')}.`,
          field,
          validation: 'enum',
          value: violation.value,
        },
      );
    case 'minLength':
    case 'maxLength': {
      const comparison = violation.kind === 'minLength' ? 'greater' : 'less';
      const limit = violation.kind === 'minLength' ? violation.bounds.minLength : violation.bounds.maxLength;
      return errorEnvelope(
        400,
        `Length of value ${pyRepr(violation.value)} for field '${field}' must be ${comparison} than or equal to ${limit}`,
        {
          description: `Valid length range: ${violation.bounds.minLength ?? 0} - ${violation.bounds.maxLength}.`,
          field,
          validation: violation.kind,
          value: violation.value,
        },
      );
    }
    // Top-level schemas allow extra keys; this keeps every violation mappable to an envelope.
    case 'additionalProperties':
      return errorEnvelope(400, explainViolation(violation), { field, validation: violation.kind });
  }
}

/**
 * The real server rejected any card problem as a type error on the whole `card`
 * field, with an opaque message embedding its schema. `reason` is this
 * simulator's extension: the precise cause, for humans and the preview page.
 */
function cardError(card: unknown, violation: Violation): ErrorEnvelope {
  return errorEnvelope(400, `Value ${pyRepr(card)} for field 'card' is not of type ${pyRepr(CARD_FIELD.type, SCHEMA_STRINGS)}`, {
    // Sic: the server leaked its unformatted template here.
    description: 'Value {value!r} is not of type {expected_type!r}',
    expected_type: CARD_FIELD.type,
    field: 'card',
    reason: explainViolation(violation),
    validation: 'type',
    value: card,
  });
}

/** A one-line explanation naming the exact location, e.g. `card.thumbnail.width must be a number (got string)`. */
export function explainViolation(violation: Violation): string {
  const where = formatPath(violation.path);
  switch (violation.kind) {
    case 'missing':
      return `${where} is required`;
    case 'type':
      return `${where} must be ${typeNames(violation.expected).map(withArticle).join(' or ')} (got ${jsonTypeOf(violation.value)})`;
    case 'enum':
      return `${where} must be one of ${violation.options.join(', ')} (got ${JSON.stringify(violation.value)})`;
    case 'minLength':
    case 'maxLength': {
      const isText = typeof violation.value === 'string';
      const unit = isText ? 'characters' : 'items';
      if (violation.kind === 'minLength') {
        if (violation.bounds.minLength === 1) return `${where} must not be empty`;
        return `${where} must have at least ${violation.bounds.minLength} ${unit} (got ${violation.length})`;
      }
      return `${where} must have at most ${violation.bounds.maxLength} ${unit} (got ${violation.length})`;
    }
    case 'additionalProperties':
      return `${where} has an unknown key ${JSON.stringify(violation.key)} (allowed: ${violation.allowed.join(', ')})`;
  }
}

function typeNames(schema: Schema): string[] {
  return typeof schema.type === 'string' ? [schema.type] : schema.type.flatMap(typeNames);
}

function withArticle(typeName: string): string {
  if (typeName === 'null') return 'null';
  return /^[aeiou]/.test(typeName) ? `an ${typeName}` : `a ${typeName}`;
}

function formatPath(path: SchemaPath): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
}
