import type { ColorChoice, HipChatColor, JobStatus } from '../inputs/parse.js';

const STATUS_COLORS: Partial<Record<JobStatus, HipChatColor>> = {
  success: 'green',
  failure: 'red',
  cancelled: 'gray',
};

/** `auto` follows the job status, the way Jenkins' and Drone's HipChat integrations coloured builds. */
export function resolveColor(choice: ColorChoice, status: JobStatus): HipChatColor {
  if (choice !== 'auto') return choice;
  return STATUS_COLORS[status] ?? 'yellow';
}
