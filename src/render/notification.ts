import type { Card } from '../card/card.js';
import type { ColorSetting } from '../inputs/colors.js';
import type { HipChatColor, JobStatus, MessageFormat } from '../inputs/parse.js';
import type { NotificationView } from '../view.js';
import { resolveColor } from './color.js';
import { fitMessage } from './limits.js';
import { addMentions } from './mentions.js';

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

/** What the rooms get: the notification, and the text companion that carries the mentions when its format cannot. */
export interface RoomNotifications {
  readonly notification: Notification;
  readonly companion: Notification | undefined;
  /** The message's length before it was shortened to HipChat's limit, when it was. */
  readonly shortenedFrom?: number;
}

/** The rendered message and card, before any mention: what mentions are added to. */
export interface RenderedParts {
  readonly view: NotificationView;
  readonly message: string;
  readonly card: Card | undefined;
  readonly options: NotificationOptions;
}

/** Adds the mentions where HipChat honours them, fits the message to HipChat's limit, and composes what is sent. */
export function roomNotifications({ view, message, card, options }: RenderedParts, mentions: readonly string[]): RoomNotifications {
  const mentioned = addMentions(message, options.format, mentions, view);
  const fitted = fitMessage(mentioned.message, options.format);
  return {
    notification: composeNotification(view, fitted.message, card, options),
    companion: mentioned.companion ? composeNotification(view, mentioned.companion, undefined, { ...options, format: 'text' }) : undefined,
    ...(fitted.shortenedFrom && { shortenedFrom: fitted.shortenedFrom }),
  };
}
