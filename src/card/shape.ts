import * as v from 'valibot';
import { InputError, listChoices } from '../inputs/errors.js';
import { parseYamlInput } from '../inputs/yaml-input.js';
import { CARD_FORMATS, CARD_LIMITS, CARD_STYLES } from './card.js';

/**
 * The `card` input: a YAML (or JSON) mapping whose keys replace parts of the default card. Every string in it
 * is a template over the run's context. Attributes may be written flat ({label, value, url, style}) or in
 * HipChat's own nested form ({label, value: {label, url, style, icon}}).
 */
const Icon = v.union([v.string(), v.strictObject({ url: v.string(), 'url@2x': v.optional(v.string()) })]);
/** A template too (e.g. a style chosen by status), so it is checked against the lozenges after rendering. */
const Lozenge = v.string();

const Attribute = v.strictObject({
  label: v.optional(v.string()),
  value: v.union([
    v.string(),
    v.strictObject({ label: v.string(), url: v.optional(v.string()), style: v.optional(Lozenge), icon: v.optional(Icon) }),
  ]),
  url: v.optional(v.string()),
  style: v.optional(Lozenge),
  icon: v.optional(Icon),
});

const CardShape = v.strictObject({
  style: v.optional(v.picklist(CARD_STYLES)),
  format: v.optional(v.picklist(CARD_FORMATS)),
  title: v.optional(v.string()),
  description: v.optional(v.string()),
  url: v.optional(v.string()),
  icon: v.optional(Icon),
  thumbnail: v.optional(
    v.strictObject({ url: v.string(), 'url@2x': v.optional(v.string()), width: v.optional(v.number()), height: v.optional(v.number()) }),
  ),
  activity: v.optional(v.union([v.string(), v.strictObject({ html: v.string(), icon: v.optional(Icon) })])),
  attributes: v.optional(v.pipe(v.array(Attribute), v.maxLength(CARD_LIMITS.attributes))),
});

export type CardShape = v.InferOutput<typeof CardShape>;
export type AttributeShape = v.InferOutput<typeof Attribute>;

type Key = string | number;

/**
 * The most specific issue and its full path. A union reports why each member failed, with paths relative to
 * the union; the member that got furthest into the value explains the mistake best.
 */
function mostSpecific(issue: v.BaseIssue<unknown>, prefix: Key[] = []): { issue: v.BaseIssue<unknown>; path: Key[] } {
  const path = [...prefix, ...(issue.path ?? []).map((item) => item.key as Key)];
  const members = (issue.issues ?? []).map((member) => mostSpecific(member, path));
  return members.sort((a, b) => b.path.length - a.path.length)[0] ?? { issue, path };
}

function choices(expected: string | null): string[] {
  return (expected ?? '')
    .replace(/^\(|\)$/g, '')
    .split(' | ')
    .map((choice) => choice.replace(/^"|"$/g, ''));
}

const TYPE_WORDS: Readonly<Record<string, string>> = { Object: 'a mapping', Array: 'a list', string: 'text', number: 'a number' };

function describeIssue(first: v.BaseIssue<unknown>): string {
  const { issue, path } = mostSpecific(first);
  const where = `card${path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('')}`;
  if (issue.received === 'undefined') return `${where} is missing`;
  switch (issue.type) {
    case 'picklist':
      return `${where} is ${issue.received}: expected ${listChoices(choices(issue.expected))}`;
    case 'strict_object':
      return `${where} is not a key a card has`;
    case 'max_length':
      return `${where} has ${issue.received} entries: HipChat shows at most ${issue.requirement}`;
    default:
      return `${where} must be ${TYPE_WORDS[issue.expected ?? ''] ?? issue.expected}, not ${TYPE_WORDS[issue.received] ?? issue.received}`;
  }
}

export function parseCardShape(text: string): CardShape {
  const document = parseYamlInput('card', text, "a YAML or JSON mapping such as 'title: {{ repository }} deployed'");
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new InputError(`Invalid card: expected a YAML or JSON mapping with keys such as ${listChoices(Object.keys(CardShape.entries))}.`);
  }
  const result = v.safeParse(CardShape, document);
  if (!result.success) throw new InputError(`Invalid card: ${describeIssue(result.issues[0])}.`);
  return result.output;
}
