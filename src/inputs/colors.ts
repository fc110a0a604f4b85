import { InputError, listChoices } from './errors.js';
import { COLOR_CHOICES, type ColorChoice, isOneOf, JOB_STATUSES, type JobStatus } from './parse.js';

/** `color`: one colour for every status, or a colour per status, each status not listed taking `auto`. */
export type ColorSetting = ColorChoice | ColorsByStatus;
export type ColorsByStatus = Readonly<Partial<Record<JobStatus, ColorChoice>>>;

const EXAMPLE = 'e.g. success=green, failure=red, cancelled=gray, started=purple';

function parseEntry(entry: string): [JobStatus, ColorChoice] {
  const match = /^([^=\s]+)\s*=\s*([^=\s]+)$/.exec(entry);
  if (!match) throw new InputError(`Invalid color entry '${entry}': expected status=colour, ${EXAMPLE}.`);
  const [, status = '', color = ''] = match;
  if (!isOneOf(JOB_STATUSES, status.toLowerCase())) {
    throw new InputError(`Invalid color entry '${entry}': '${status}' is not a status; expected ${listChoices(JOB_STATUSES)}.`);
  }
  if (!isOneOf(COLOR_CHOICES, color.toLowerCase())) {
    const hint = color.toLowerCase() === 'grey' ? " HipChat spells it 'gray'." : '';
    throw new InputError(`Invalid color entry '${entry}': '${color}' is not a colour; expected ${listChoices(COLOR_CHOICES)}.${hint}`);
  }
  return [status.toLowerCase() as JobStatus, color.toLowerCase() as ColorChoice];
}

/**
 * `status=colour` entries separated by commas or line breaks, as log levels map to colours: `success=green,
 * failure=red`. A status given twice is a mistake, not an override. One colour alone is parse.ts's parseColor.
 */
export function parseColorsByStatus(raw: string): ColorsByStatus {
  const byStatus: Partial<Record<JobStatus, ColorChoice>> = {};
  for (const entry of raw.split(/[,\r\n]+/).map((part) => part.trim())) {
    if (entry === '') continue;
    const [status, color] = parseEntry(entry);
    if (byStatus[status] !== undefined) throw new InputError(`Invalid color: the status ${status} is given twice; ${EXAMPLE}.`);
    byStatus[status] = color;
  }
  return byStatus;
}
