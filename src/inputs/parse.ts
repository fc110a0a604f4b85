import { displayUrl } from '../redact.js';
import { InputError, invalidChoice } from './errors.js';

export const HIPCHAT_COLORS = ['yellow', 'green', 'red', 'purple', 'gray', 'random'] as const;
export type HipChatColor = (typeof HIPCHAT_COLORS)[number];
export const COLOR_CHOICES = ['auto', ...HIPCHAT_COLORS] as const;
export type ColorChoice = (typeof COLOR_CHOICES)[number];

export const MESSAGE_FORMATS = ['html', 'text'] as const;
export type MessageFormat = (typeof MESSAGE_FORMATS)[number];
/** `card` sends a card with an html message as the fallback for clients that show no cards. */
export const FORMATS = [...MESSAGE_FORMATS, 'card'] as const;
export type Format = (typeof FORMATS)[number];

/** `job.status` gives the first three; `needs.<job>.result` adds skipped; `started` announces a run. */
export const JOB_STATUSES = ['success', 'failure', 'cancelled', 'skipped', 'started'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const API_VERSIONS = ['v2', 'v1'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

/** HipChat v2 limits (hipchat-api.md §1.1 and §1.2). */
export const ROOM_NAME_MAX = 100;
export const FROM_MAX = 64;
/** API v1's sender name (hipchat-api.md §4.1). */
export const V1_FROM_MAX = 15;

export const RETRIES_MAX = 10;
export const TIMEOUT_MAX_SECONDS = 300;

const TRUE_WORDS = ['true', 'True', 'TRUE'];
const FALSE_WORDS = ['false', 'False', 'FALSE'];

export function isOneOf<T extends string>(choices: readonly T[], value: string): value is T {
  return (choices as readonly string[]).includes(value);
}

function codePointLength(value: string): number {
  return [...value].length;
}

function hasControlCharacter(value: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  return /[\u0000-\u001f\u007f]/.test(value);
}

/**
 * The same words as core.getBooleanInput (YAML 1.2 core schema), so `notify: True` behaves as on every action.
 * An empty value takes the default, as it does when the action runs outside the runner.
 */
export function parseBoolean(input: string, raw: string, fallback: boolean): boolean {
  const value = raw.trim();
  if (value === '') return fallback;
  if (TRUE_WORDS.includes(value)) return true;
  if (FALSE_WORDS.includes(value)) return false;
  throw invalidChoice(input, value, ['true', 'false']);
}

/**
 * One room per line, or comma-separated on one line. A list with line breaks is split on line breaks only,
 * so a room whose name contains a comma can still be named (jenkinsci/hipchat-plugin#126).
 */
export function parseRooms(raw: string): string[] {
  const separator = /[\r\n]/.test(raw) ? /\r?\n|\r/ : /,/;
  const rooms = raw
    .split(separator)
    .map((room) => room.trim())
    .filter((room) => room !== '');
  if (rooms.length === 0) {
    throw new InputError("Input 'room' is required: give one or more HipChat room ids or names, one per line or comma-separated.");
  }
  for (const room of rooms) {
    if (codePointLength(room) > ROOM_NAME_MAX) {
      throw new InputError(
        `Invalid room '${room}': HipChat room names are 1 to ${ROOM_NAME_MAX} characters; use the room's numeric id instead.`,
      );
    }
    if (room === '.' || room === '..' || hasControlCharacter(room)) {
      throw new InputError(
        `Invalid room '${JSON.stringify(room).slice(1, -1)}': this name cannot be used in a URL; use the room's numeric id instead.`,
      );
    }
  }
  return [...new Set(rooms)];
}

export function parseColor(raw: string): ColorChoice {
  const value = raw.trim().toLowerCase() || 'auto';
  if (isOneOf(COLOR_CHOICES, value)) return value;
  const hint = value === 'grey' ? "HipChat spells it 'gray'." : '';
  throw invalidChoice('color', raw.trim(), COLOR_CHOICES, hint);
}

export function parseFormat(raw: string): Format {
  const value = raw.trim().toLowerCase() || 'html';
  if (isOneOf(FORMATS, value)) return value;
  throw invalidChoice('format', raw.trim(), FORMATS);
}

export function messageFormatOf(format: Format): MessageFormat {
  return format === 'card' ? 'html' : format;
}

export function parseApiVersion(raw: string): ApiVersion {
  const value = raw.trim().toLowerCase() || 'v2';
  if (isOneOf(API_VERSIONS, value)) return value;
  throw invalidChoice('api_version', raw.trim(), API_VERSIONS);
}

/** A whole number within bounds. An empty value takes the default, as it does when the action runs outside the runner. */
export function parseWholeNumber(
  input: string,
  raw: string,
  bounds: { min: number; max: number; fallback: number; unit?: string },
): number {
  const value = raw.trim();
  if (value === '') return bounds.fallback;
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (number >= bounds.min && number <= bounds.max) return number;
  const unit = bounds.unit ? ` of ${bounds.unit}` : '';
  throw new InputError(`Invalid ${input} '${value}': expected a whole number${unit} from ${bounds.min} to ${bounds.max}.`);
}

export function parseStatus(raw: string): JobStatus {
  const value = raw.trim().toLowerCase();
  if (isOneOf(JOB_STATUSES, value)) return value;
  if (value === '') {
    throw new InputError(
      `Input 'status' is empty: expected ${JOB_STATUSES.join(', ')}. Its default is \${{ job.status }}; pass a status explicitly when running outside a job.`,
    );
  }
  throw invalidChoice('status', raw.trim(), JOB_STATUSES);
}

export function parseFrom(raw: string): string {
  const value = raw.trim();
  if (codePointLength(value) > FROM_MAX) {
    throw new InputError(
      `Invalid from '${value}': HipChat accepts a sender label of at most ${FROM_MAX} characters (this one has ${codePointLength(value)}).`,
    );
  }
  if (hasControlCharacter(value)) {
    throw new InputError(`Invalid from '${JSON.stringify(value).slice(1, -1)}': the sender label must be one line.`);
  }
  return value;
}

/** API v1 requires a sender name and allows fewer characters than v2's label (hipchat-api.md §4.1). */
export function parseV1From(raw: string): string {
  const value = raw.trim();
  if (codePointLength(value) <= V1_FROM_MAX && /^[\p{L}\p{N} _-]+$/u.test(value)) return value;
  throw new InputError(
    `Invalid from '${JSON.stringify(value).slice(1, -1)}': with api_version v1, HipChat requires a sender name of 1 to ${V1_FROM_MAX} letters, digits, '-', '_' or spaces.`,
  );
}

/**
 * The token goes into an HTTP header (v2) or a form field (v1), so whitespace inside it would break or smuggle
 * headers or fields.
 * The value is never quoted in an error.
 */
export function parseToken(raw: string, commandLine = false): string {
  const value = raw.trim();
  if (value === '') {
    throw new InputError(
      commandLine
        ? "Input 'token' is required: pass a HipChat API token with the send_notification scope in the HIPCHAT_TOKEN environment variable, or with --token (which leaves it in your shell's history)."
        : "Input 'token' is required: pass a HipChat API token with the send_notification scope, e.g. token: ${{ secrets.HIPCHAT_TOKEN }} (or set the HIPCHAT_TOKEN environment variable).",
    );
  }
  if (/\s/.test(value) || hasControlCharacter(value)) {
    throw new InputError('Invalid token: it contains whitespace or control characters. Check that the secret holds only the token.');
  }
  return value;
}

/**
 * The base URL of the HipChat server. A pasted API URL ending in /v2 (or /v1) is accepted, because HipChat Server's
 * admin pages show API URLs in that form.
 */
export function parseServerUrl(raw: string, commandLine = false): string {
  const value = raw.trim();
  if (value === '') {
    // No default: the only public server, HipChat Cloud's api.hipchat.com, was shut down in 2019.
    throw new InputError(
      `Input 'server_url' is required: give the address of your HipChat Server or Data Center, e.g. ${commandLine ? '--server-url' : 'server_url:'} https://hipchat.example.com (HipChat Cloud, api.hipchat.com, was shut down in 2019).`,
    );
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(
      `Invalid server_url '${value.replace(/[?#].*$/, '').replace(/\/\/[^/]*@/, '//')}': expected an http or https URL such as https://hipchat.example.com.`,
    );
  }
  const shown = displayUrl(url);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(`Invalid server_url '${shown}': expected an http or https URL such as https://hipchat.example.com.`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new InputError(
      `Invalid server_url '${shown}': expected the server's base URL without credentials, query string or fragment; pass the token in the 'token' input.`,
    );
  }
  return shown.replace(/\/+$/, '').replace(/\/v[12]$/, '');
}
