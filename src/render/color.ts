import type { ColorSetting } from '../inputs/colors.js';
import type { HipChatColor, JobStatus } from '../inputs/parse.js';

const STATUS_COLORS: Partial<Record<JobStatus, HipChatColor>> = {
  success: 'green',
  failure: 'red',
  cancelled: 'gray',
};

/**
 * `auto` follows the job status, the way Jenkins' and Drone's HipChat integrations coloured builds; a mapping picks
 * the colour of the status, and a status it does not list is coloured as `auto` would.
 */
export function resolveColor(setting: ColorSetting, status: JobStatus): HipChatColor {
  const choice = typeof setting === 'string' ? setting : (setting[status] ?? 'auto');
  if (choice !== 'auto') return choice;
  return STATUS_COLORS[status] ?? 'yellow';
}
