import { InputError } from './errors.js';

/** The beginning of a value, for an error: a whole toJSON(...) would bury the message. */
export function shownValue(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/**
 * An input that takes `${{ toJSON(...) }}` of a context: a JSON object, or anything else a mistake that names the
 * input, shows the value and says what to pass (`example`). `of` says what the object holds, for the error.
 */
export function parseJsonObject(input: string, text: string, of: string, example: string): Readonly<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(`Invalid ${input} '${shownValue(text)}': it is not JSON (${(error as Error).message}); ${example}.`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InputError(`Invalid ${input} '${shownValue(text)}': expected a JSON object of ${of}; ${example}.`);
  }
  return parsed as Readonly<Record<string, unknown>>;
}
