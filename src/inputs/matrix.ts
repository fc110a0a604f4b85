import { parseJsonObject } from './json-object.js';

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
  return parseJsonObject('matrix', text, 'matrix values', EXAMPLE);
}
