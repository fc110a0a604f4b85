// Loaded with import() only for a step with a `file` input: it brings nodemailer's MIME builder along.
import { detectMimeType } from 'nodemailer/lib/mime-funcs';
import MimeNode from 'nodemailer/lib/mime-node';
import type { HttpRequest } from '../transport/http.js';
import { roomEndpointWords, userScopeAdvice } from './room-words.js';
import type { HipChatCall, HipChatServer } from './types.js';
import { roomCall, roomUrl } from './v2-request.js';

/**
 * The largest file the action shares. HipChat documents no limit (hipchat-api.md §1.5): 10 MiB is this action's own
 * choice, which keeps the upload within a default timeout and the runner's memory bounded.
 */
export const FILE_MAX_BYTES = 10 * 1024 * 1024;
/** The metadata part's message: 0 to 1000 characters. */
export const FILE_MESSAGE_MAX = 1_000;

export interface SharedFile {
  /** The file's own name, as the room shows it. */
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface MultipartBody {
  readonly contentType: string;
  readonly body: Uint8Array;
}

export const SHARE_FILE_WORDS = roomEndpointWords({
  endpoint: 'POST /v2/room/{id_or_name}/share/file',
  scope: 'send_message',
  what: 'the file',
  preposition: 'shared with',
  may: 'share files with',
  advice: userScopeAdvice('share files'),
  expected: '204',
});

/**
 * The name in the file part's header: letters, digits, '.', '-' and '_', at most 100 characters. Anything else
 * would be encoded the e-mail way (RFC 2231) or folded onto a second line, which an HTTP server may not read; the
 * message part still names the file as it is.
 */
export function headerFileName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_');
  const dot = safe.lastIndexOf('.');
  const extension = dot > 0 && safe.length - dot <= 10 ? safe.slice(dot) : '';
  return safe.length <= 100 ? safe : `${safe.slice(0, 100 - extension.length)}${extension}`;
}

/**
 * The body HipChat's documentation shows: multipart/related with a JSON `metadata` part holding the message, then
 * the `file` part, both `Content-Disposition: attachment`. The file goes in base64, as HipChat's own Ruby client
 * sends it. nodemailer builds the MIME entity (boundary, part headers, encoding and the file's type); its
 * header block, written for an e-mail, becomes the request's Content-Type.
 */
export async function multipartBody(message: string, file: SharedFile): Promise<MultipartBody> {
  const entity = new MimeNode('multipart/related', { disableFileAccess: true, disableUrlAccess: true });
  const metadata = entity.createChild('application/json; charset=UTF-8');
  metadata.setHeader('Content-Disposition', 'attachment; name="metadata"');
  metadata.setHeader('Content-Transfer-Encoding', '8bit');
  metadata.setContent(JSON.stringify({ message }));
  const name = headerFileName(file.name);
  const content = entity.createChild(detectMimeType(name));
  content.setHeader('Content-Disposition', `attachment; name="file"; filename="${name}"`);
  content.setHeader('Content-Transfer-Encoding', 'base64');
  content.setContent(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
  const built = await entity.build();
  const headerEnd = built.indexOf('\r\n\r\n');
  return { contentType: `multipart/related; boundary="${entity.boundary}"`, body: built.subarray(headerEnd + 4) };
}

export function shareFileRequest(server: HipChatServer, room: string, multipart: MultipartBody): HttpRequest {
  return {
    method: 'POST',
    url: roomUrl(server.serverUrl, room, 'share/file'),
    headers: { authorization: `Bearer ${server.token}`, 'content-type': multipart.contentType, accept: 'application/json' },
    body: multipart.body,
  };
}

/** POST /v2/room/{id_or_name}/share/file; 204. The body is built once and sent to every room. */
export async function shareFileCall(
  server: HipChatServer,
  message: string,
  file: SharedFile,
): Promise<(room: string) => HipChatCall<undefined>> {
  const multipart = await multipartBody(message, file);
  return (room) =>
    roomCall(server, room, SHARE_FILE_WORDS, shareFileRequest(server, room, multipart), (response) =>
      response.status === 204 ? { value: undefined } : undefined,
    );
}
