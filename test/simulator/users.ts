// The people (hipchat-api.md §1.5): GET /v2/user/{id_or_email} finds one, POST /v2/user/{id_or_email}/message sends
// them a private message. Both address a user by numeric id, email or @mention name.
import type { SimUser } from './config.ts';
import { ERRORS } from './errors.ts';
import { htmlProblem } from './html-policy.ts';
import { PRIVATE_MESSAGE_SCHEMA } from './notification-schema.ts';
import { jsonBody } from './room-endpoints.ts';
import { htmlError, type MessageFormat } from './validate-notification.ts';

/** A private message a person got. */
export interface PrivateMessage {
  user: SimUser;
  message: string;
  message_format: MessageFormat;
  notify: boolean;
}

/** What a handler answers: a status and a body, and the private message when one was accepted. */
export interface UserAnswer {
  status: number;
  body?: unknown;
  privateMessage?: PrivateMessage;
}

export interface PrivateMessageRequest {
  user: SimUser;
  contentType: string | undefined;
  body: Buffer;
  /** Counts the message against the person's flood control; false when it is used up. */
  countMessage: () => boolean;
}

/**
 * All digits is an id, a leading @ a mention name, anything else an email. [UNCONFIRMED] HipChat's matching of
 * emails and mention names ignored case, as email and chat systems usually do.
 */
export function findUser(users: readonly SimUser[], idOrEmail: string): SimUser | undefined {
  if (/^\d+$/.test(idOrEmail)) return users.find((user) => user.id === Number(idOrEmail));
  const wanted = idOrEmail.toLowerCase();
  if (wanted.startsWith('@')) return users.find((user) => `@${user.mention_name.toLowerCase()}` === wanted);
  return users.find((user) => user.email.toLowerCase() === wanted);
}

/** GET /v2/user/{id_or_email}: 200 with the user. [UNCONFIRMED] the fields beyond id, name, mention_name and email. */
export function viewUser(user: SimUser, baseUrl: string): UserAnswer {
  return {
    status: 200,
    body: {
      id: user.id,
      name: user.name,
      mention_name: user.mention_name,
      email: user.email,
      title: '',
      presence: null,
      timezone: 'UTC',
      is_group_admin: false,
      is_guest: false,
      xmpp_jid: `1_${user.id}@chat.hipchat.com`,
      links: { self: `${baseUrl}/v2/user/${user.id}` },
    },
  };
}

/**
 * POST /v2/user/{id_or_email}/message: 204. [UNCONFIRMED] the default format: text, as the clients that send private
 * messages default to it. An html one is held to the notification's whitelist (DEVMSG gives it for both).
 */
export function sendPrivateMessage(request: PrivateMessageRequest): UserAnswer {
  const parsed = jsonBody(request, PRIVATE_MESSAGE_SCHEMA);
  if (!parsed.ok) return parsed.answer;
  const body = parsed.value as unknown as { message: string; message_format?: MessageFormat; notify?: boolean };
  const format = body.message_format ?? 'text';
  const problem = format === 'html' ? htmlProblem(body.message) : undefined;
  if (problem) return { status: 400, body: htmlError('message', problem) };
  if (!request.countMessage()) return { status: 429, body: ERRORS.personFloodControlled() };
  return {
    status: 204,
    privateMessage: { user: request.user, message: body.message, message_format: format, notify: body.notify ?? false },
  };
}
