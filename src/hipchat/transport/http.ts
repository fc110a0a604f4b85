/** The seam between the HipChat client and the network: tests swap the transport, not the module. */
export interface HttpRequest {
  readonly method: 'POST' | 'PUT' | 'GET';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Text, or bytes for a file. */
  readonly body?: string | Uint8Array;
}

export interface HttpResponse {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Set when the body was longer than the bound and only its start was read. */
  readonly truncated?: true;
}

export interface SendOptions {
  /** Bound on the whole exchange: connecting, sending, and reading the answer. */
  readonly timeoutMs: number;
  /** The most bytes of the body to read; the connection is dropped after that. Default RESPONSE_MAX_BYTES. */
  readonly maxBodyBytes?: number;
}

export interface HttpTransport {
  /** Rejects with RequestTimeout when the time runs out, or with the network error. */
  send(request: HttpRequest, options: SendOptions): Promise<HttpResponse>;
  close(): Promise<void>;
}

/** No complete answer in time. The request may have reached the server all the same. */
export class RequestTimeout extends Error {
  override name = 'RequestTimeout';
  readonly timeoutMs: number;

  constructor(timeoutMs: number, options?: ErrorOptions) {
    super(`no complete answer within ${seconds(timeoutMs)}`, options);
    this.timeoutMs = timeoutMs;
  }
}

/** A duration as a log line says it: `1.9 s`. An attempt's time can be what is left of a budget, so not whole. */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
