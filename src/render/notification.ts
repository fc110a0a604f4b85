import type { Card } from '../card/card.js';
import type { ColorSetting } from '../inputs/colors.js';
import type { HipChatColor, JobStatus, MessageFormat } from '../inputs/parse.js';
import type { NotificationView } from '../view.js';
import { resolveColor } from './color.js';

/** One notification, ready to send to any number of rooms. */
export interface Notification {
  readonly message: string;
  readonly format: MessageFormat;
  readonly color: HipChatColor;
  readonly notify: boolean;
  readonly from: string;
  readonly card?: Card;
}

export interface NotificationOptions {
  readonly format: MessageFormat;
  readonly color: ColorSetting;
  /** The statuses on which to ping the room. */
  readonly notify: readonly JobStatus[];
  readonly from: string;
}

export function composeNotification(
  view: NotificationView,
  message: string,
  card: Card | undefined,
  options: NotificationOptions,
): Notification {
  return {
    message,
    format: options.format,
    color: resolveColor(options.color, view.status),
    notify: options.notify.includes(view.status),
    from: options.from,
    ...(card ? { card } : {}),
  };
}
