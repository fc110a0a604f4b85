// The lines of a job log that say why it failed: the ones ending at the first error, read as the log streams in, so
// that no more of it is downloaded than needed and no more than a few lines are ever held.
import { defuseMentions } from './untrusted.js';

/** Longer lines are cut: a minified bundle or a base64 blob on one line says nothing in a chat room. */
export const LINE_MAX = 500;
/** A line without end is held only this far; the rest of it is dropped as it comes. */
const PENDING_MAX = LINE_MAX * 4;

const BOM = /^\uFEFF/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z ?/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences start with ESC.
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-_]?/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: what is left of control characters goes.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
const MARKER = /^##\[([a-z]+)\]/i;

/** Cuts to `max` code points, never inside a character. */
function cut(text: string, max: number): string {
  const points = [...text];
  return points.length > max ? `${points.slice(0, max - 1).join('')}…` : text;
}

/** A raw log line as a reader wants it, or undefined for a line that is only markup (`##[endgroup]`). */
export function cleanLogLine(raw: string): { text: string; error: boolean } | undefined {
  const line = raw.replace(BOM, '').replace(/\r$/, '').replace(TIMESTAMP, '').replace(ANSI, '');
  const marker = MARKER.exec(line)?.[1]?.toLowerCase();
  if (marker === 'endgroup') return undefined;
  const text = line.replace(MARKER, '').replace(/\t/g, '  ').replace(CONTROL, '');
  return { text: defuseMentions(cut(text, LINE_MAX)), error: marker === 'error' };
}

export interface Excerpt {
  /** At most `lines` lines: those ending at the first error line, or the last ones read when there is none. */
  readonly lines: readonly string[];
  readonly foundError: boolean;
}

/** Takes a log chunk by chunk; `push` says true once the first error line is in, when the rest need not be read. */
export class LogExcerpt {
  readonly #max: number;
  readonly #decoder = new TextDecoder('utf-8');
  readonly #kept: string[] = [];
  #pending = '';
  #overlong = false;
  #foundError = false;

  constructor(lines: number) {
    this.#max = lines;
  }

  push(chunk: Uint8Array): boolean {
    if (this.#foundError) return true;
    return this.#take(this.#decoder.decode(chunk, { stream: true }));
  }

  /**
   * What was found. A line the log ended on without a line break counts too, but not the part of a line where the
   * reading was cut short.
   */
  finish({ cutShort = false } = {}): Excerpt {
    if (!this.#foundError && !cutShort) {
      this.#take(this.#decoder.decode());
      if (this.#pending) this.#line(this.#pending);
    }
    return { lines: [...this.#kept], foundError: this.#foundError };
  }

  #take(text: string): boolean {
    let rest = text;
    if (this.#overlong) {
      // The start of an overlong line was kept already; the rest of it is dropped up to its end.
      const end = rest.indexOf('\n');
      if (end === -1) return false;
      rest = rest.slice(end + 1);
      this.#overlong = false;
    }
    const parts = (this.#pending + rest).split('\n');
    this.#pending = parts.pop() ?? '';
    for (const part of parts) {
      if (this.#line(part)) return true;
    }
    if (this.#pending.length <= PENDING_MAX) return false;
    const error = this.#line(this.#pending);
    this.#pending = '';
    this.#overlong = true;
    return error;
  }

  /** Keeps a line, the last `max` only; true when it is the first error. */
  #line(raw: string): boolean {
    const line = cleanLogLine(raw);
    if (!line) return false;
    this.#kept.push(line.text);
    if (this.#kept.length > this.#max) this.#kept.shift();
    this.#foundError = line.error;
    return line.error;
  }
}
