import type { Card } from '../card/card.js';
import type { ColorSetting } from '../inputs/colors.js';
import type { HipChatColor, JobStatus, MessageFormat } from '../inputs/parse.js';
import type { NotificationView } from '../view.js';
import { resolveColor } from './color.js';
import { fitMessage, MESSAGE_MAX, ROOM_MESSAGE_MAX } from './limits.js';
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

/**
 * What the rooms get: the notification, and the text companion that carries the mentions when its format cannot; or,
 * with send_as message or reply_to, a message posted as the token's user instead.
 */
export interface RoomNotifications {
  readonly notification: Notification;
  readonly companion: Notification | undefined;
  /** With send_as message or reply_to: the plain text posted as the token's user instead of the notification. */
  readonly message: string | undefined;
  /** The message's length before it was shortened to HipChat's limit, and that limit, when it was. */
  readonly shortened?: { readonly from: number; readonly max: number };
}

/** The rendered message and card, before any mention: what mentions are added to. */
export interface RenderedParts {
  readonly view: NotificationView;
  readonly message: string;
  readonly card: Card | undefined;
  readonly options: NotificationOptions;
  /** Posted as a room message (plain text, shorter) rather than sent as a notification. */
  readonly asMessage: boolean;
}

/** Adds the mentions where HipChat honours them, fits the message to HipChat's limit, and composes what is sent. */
export function roomNotifications(parts: RenderedParts, mentions: readonly string[]): RoomNotifications {
  const { view, card, options } = parts;
  const mentioned = addMentions(parts.message, options.format, mentions, view);
  const max = parts.asMessage ? ROOM_MESSAGE_MAX : MESSAGE_MAX;
  const fitted = fitMessage(mentioned.message, options.format, max);
  return {
    notification: composeNotification(view, fitted.message, card, options),
    companion: mentioned.companion ? composeNotification(view, mentioned.companion, undefined, { ...options, format: 'text' }) : undefined,
    message: parts.asMessage ? fitted.message : undefined,
    ...(fitted.shortenedFrom !== undefined && { shortened: { from: fitted.shortenedFrom, max } }),
  };
}
