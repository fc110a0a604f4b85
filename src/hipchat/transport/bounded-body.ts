/**
 * HipChat answers in a few hundred bytes; a schema error that quotes the whole card is a few kilobytes. Anything
 * longer is not an answer worth reading, and a server (or something posing as one) that sends without end must not
 * be able to fill the runner's memory and take the other rooms' notifications down with the process.
 */
export const RESPONSE_MAX_BYTES = 256 * 1024;

/** Collects a body's chunks up to a bound; `add` says false once the bound is reached and the rest should be dropped. */
export class BoundedBody {
  readonly #chunks: Uint8Array[] = [];
  readonly #maxBytes: number;
  #length = 0;
  truncated = false;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  add(chunk: Uint8Array): boolean {
    const room = this.#maxBytes - this.#length;
    if (chunk.length > room) {
      this.#chunks.push(chunk.subarray(0, room));
      this.#length = this.#maxBytes;
      this.truncated = true;
      return false;
    }
    this.#chunks.push(chunk);
    this.#length += chunk.length;
    return true;
  }

  /** UTF-8; a character cut at the bound becomes U+FFFD. */
  text(): string {
    return Buffer.concat(this.#chunks).toString('utf8');
  }
}
