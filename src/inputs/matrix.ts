import { InputError } from './errors.js';

/** The values of `${{ toJSON(matrix) }}`, in the order the workflow gives them. */
export type Matrix = Readonly<Record<string, unknown>>;

const EXAMPLE = 'pass matrix: ${{ toJSON(matrix) }} from a job with a strategy.matrix';

/**
 * Reads `${{ toJSON(matrix) }}`. Empty, and the `null` that a job without a matrix gives, mean no matrix; anything
 * but a JSON object would name the wrong job, so it fails the step.
 */
export function parseMatrix(raw: string): Matrix | undefined {
  const text = raw.trim();
  if (text === '' || text === 'null') return undefined;
  const shown = text.length > 60 ? `${text.slice(0, 59)}…` : text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(`Invalid matrix '${shown}': it is not JSON (${(error as Error).message}); ${EXAMPLE}.`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InputError(`Invalid matrix '${shown}': expected a JSON object of matrix values; ${EXAMPLE}.`);
  }
  return parsed as Matrix;
}
