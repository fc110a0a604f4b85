// --dry-run: every request the step would make, in the order it would make them, without sending any. The
// Authorization header is left out, so no token is printed, and a file is described rather than read.
import { notificationCall } from '../hipchat/endpoints/notification.js';
import type { HipChatCall } from '../hipchat/endpoints/types.js';
import type { HttpRequest } from '../hipchat/transport/http.js';
import { replyParent } from '../inputs/room-inputs.js';
import type { Recipient } from '../lookups/people.js';
import type { PreparedNotification } from '../main.js';

export interface ShownRequest {
  readonly method: string;
  readonly url: string;
  /** The JSON body, or a form body's fields without the token, or what a file upload would hold. */
  readonly body: unknown;
}

function shown(request: HttpRequest): ShownRequest {
  const text = String(request.body ?? '');
  const form = /x-www-form-urlencoded/.test(request.headers['content-type'] ?? '');
  const body = form
    ? Object.fromEntries([...new URLSearchParams(text)].filter(([name]) => name !== 'auth_token'))
    : text === ''
      ? undefined
      : JSON.parse(text);
  return { method: request.method, url: request.url, body };
}

async function deliveryCalls(prepared: PreparedNotification): Promise<ShownRequest[]> {
  const { inputs, message } = prepared;
  const server = { serverUrl: inputs.serverUrl, token: inputs.token };
  if (message !== undefined) {
    const [{ messageCall }, { replyCall }] = await Promise.all([
      import('../hipchat/endpoints/message.js'),
      import('../hipchat/endpoints/reply.js'),
    ]);
    return inputs.rooms.map((room) => {
      const parent = inputs.replyTo && replyParent(inputs.replyTo, room);
      return shown((parent ? replyCall(server, parent, message, room) : messageCall(server, message)(room)).request);
    });
  }
  const notifications = [prepared.notification, ...(prepared.companion ? [prepared.companion] : [])];
  const calls = await Promise.all(notifications.map((notification) => notificationCall(inputs.apiVersion, server, notification)));
  return calls.flatMap((call: (room: string) => HipChatCall<unknown>) => inputs.rooms.map((room) => shown(call(room).request)));
}

async function followUpCalls(prepared: PreparedNotification): Promise<ShownRequest[]> {
  const { inputs, followUps } = prepared;
  const server = { serverUrl: inputs.serverUrl, token: inputs.token };
  const requests: ShownRequest[] = [];
  if (followUps.topic !== undefined) {
    const { topicCall } = await import('../hipchat/endpoints/topic.js');
    requests.push(...inputs.rooms.map((room) => shown(topicCall(server, followUps.topic as string)(room).request)));
  }
  const { file } = followUps;
  if (file?.found) {
    const { roomUrl } = await import('../hipchat/endpoints/v2-request.js');
    const body = { metadata: { message: file.message }, file: { name: file.name, bytes: file.size } };
    requests.push(...inputs.rooms.map((room) => ({ method: 'POST', url: roomUrl(server.serverUrl, room, 'share/file'), body })));
  }
  return requests;
}

/** The private messages to the people user_map names; those HipChat would be asked about are left out, unknown. */
async function privateMessageCalls(prepared: PreparedNotification, recipients: readonly Recipient[]): Promise<ShownRequest[]> {
  if (recipients.length === 0) return [];
  const { privateMessageRequests } = await import('../followups/private-messages.js');
  const { inputs } = prepared;
  return privateMessageRequests(prepared, recipients, { serverUrl: inputs.serverUrl, token: inputs.token }).map(shown);
}

/**
 * The requests of a run in which every room gets the message: the delivery, then the topic and the file, then the
 * private messages.
 */
export async function plannedRequests(prepared: PreparedNotification, recipients: readonly Recipient[]): Promise<ShownRequest[]> {
  return [...(await deliveryCalls(prepared)), ...(await followUpCalls(prepared)), ...(await privateMessageCalls(prepared, recipients))];
}
