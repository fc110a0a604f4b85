/**
 * The subset of draft-3 JSON Schema that HipChat's validator used (it dumped its
 * own card schema in a 400 response, with `optional: true` and type unions).
 * Properties are required unless `optional`, as in draft 3.
 * Array limits are `minLength`/`maxLength`, exactly as the server's schema wrote them.
 */
interface SchemaBase {
  optional?: boolean;
  description?: string;
}
export interface LengthBounds {
  minLength?: number;
  maxLength?: number;
}
export interface StringSchema extends SchemaBase, LengthBounds {
  type: 'string';
  enum?: readonly string[];
}
export interface ScalarSchema extends SchemaBase {
  type: 'number' | 'boolean' | 'null';
}
export interface ObjectSchema extends SchemaBase {
  type: 'object';
  properties: Readonly<Record<string, Schema>>;
  additionalProperties: boolean;
}
export interface ArraySchema extends SchemaBase, LengthBounds {
  type: 'array';
  items: Schema;
}
export interface UnionSchema extends SchemaBase {
  type: readonly Schema[];
}
export type Schema = StringSchema | ScalarSchema | ObjectSchema | ArraySchema | UnionSchema;

export type SchemaPath = readonly (string | number)[];

export type Violation =
  | { kind: 'missing'; path: SchemaPath }
  | { kind: 'type'; path: SchemaPath; value: unknown; expected: Schema }
  | { kind: 'enum'; path: SchemaPath; value: string; options: readonly string[] }
  | {
      kind: 'minLength' | 'maxLength';
      path: SchemaPath;
      value: string | readonly unknown[];
      length: number;
      bounds: LengthBounds;
    }
  | { kind: 'additionalProperties'; path: SchemaPath; key: string; allowed: readonly string[] };

export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return type;
  return 'object';
}

// The server was Python, where len() of a unicode string counts code points.
export function codePointLength(text: string): number {
  return [...text].length;
}

function isUnion(schema: Schema): schema is UnionSchema {
  return typeof schema.type !== 'string';
}

/** The first violation, in schema property order, or null when `value` conforms. */
export function checkSchema(value: unknown, schema: Schema, path: SchemaPath = []): Violation | null {
  if (isUnion(schema)) return checkUnion(value, schema, path);
  if (jsonTypeOf(value) !== schema.type) return { kind: 'type', path, value, expected: schema };
  switch (schema.type) {
    case 'string':
      return checkString(value as string, schema, path);
    case 'array':
      return checkArray(value as readonly unknown[], schema, path);
    case 'object':
      return checkObject(value as Readonly<Record<string, unknown>>, schema, path);
    default:
      return null;
  }
}

function checkUnion(value: unknown, schema: UnionSchema, path: SchemaPath): Violation | null {
  // Report the branch matching the value's JSON type, so the explanation is about
  // the shape the client evidently meant (e.g. the object form of `description`).
  const branch = schema.type.find((candidate) => candidate.type === jsonTypeOf(value));
  if (!branch) return { kind: 'type', path, value, expected: schema };
  return checkSchema(value, branch, path);
}

function checkLength(value: string | readonly unknown[], length: number, bounds: LengthBounds, path: SchemaPath): Violation | null {
  if (bounds.minLength !== undefined && length < bounds.minLength) {
    return { kind: 'minLength', path, value, length, bounds };
  }
  if (bounds.maxLength !== undefined && length > bounds.maxLength) {
    return { kind: 'maxLength', path, value, length, bounds };
  }
  return null;
}

function checkString(value: string, schema: StringSchema, path: SchemaPath): Violation | null {
  if (schema.enum && !schema.enum.includes(value)) {
    return { kind: 'enum', path, value, options: schema.enum };
  }
  return checkLength(value, codePointLength(value), schema, path);
}

function checkArray(value: readonly unknown[], schema: ArraySchema, path: SchemaPath): Violation | null {
  const lengthViolation = checkLength(value, value.length, schema, path);
  if (lengthViolation) return lengthViolation;
  for (const [index, item] of value.entries()) {
    const violation = checkSchema(item, schema.items, [...path, index]);
    if (violation) return violation;
  }
  return null;
}

function checkObject(value: Readonly<Record<string, unknown>>, schema: ObjectSchema, path: SchemaPath): Violation | null {
  for (const [key, propertySchema] of Object.entries(schema.properties)) {
    if (!Object.hasOwn(value, key)) {
      if (propertySchema.optional) continue;
      return { kind: 'missing', path: [...path, key] };
    }
    const violation = checkSchema(value[key], propertySchema, [...path, key]);
    if (violation) return violation;
  }
  if (!schema.additionalProperties) {
    const allowed = Object.keys(schema.properties);
    const unknownKey = Object.keys(value).find((key) => !allowed.includes(key));
    if (unknownKey !== undefined) return { kind: 'additionalProperties', path, key: unknownKey, allowed };
  }
  return null;
}
