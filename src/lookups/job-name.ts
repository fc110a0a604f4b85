import type { Matrix } from '../inputs/matrix.js';

function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The name GitHub gives the job: its id, then the matrix values in parentheses, `test (24, ubuntu-latest)`. */
export function expectedJobName(jobId: string, matrix: Matrix | undefined): string {
  const values = Object.values(matrix ?? {}).map(valueText);
  return values.length > 0 ? `${jobId} (${values.join(', ')})` : jobId;
}
