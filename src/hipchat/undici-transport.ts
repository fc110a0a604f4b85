import { Agent, request } from 'undici';
import type { HttpResponse, HttpTransport } from './http.js';

export interface TransportOptions {
  /** Bound on connecting, and on each wait for response headers and body. */
  readonly timeoutMs: number;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** One keep-alive connection pool for every room of the run. */
export function undiciTransport(options: TransportOptions): HttpTransport {
  const dispatcher = new Agent({
    connectTimeout: options.timeoutMs,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  return {
    async send(outgoing): Promise<HttpResponse> {
      const response = await request(outgoing.url, {
        method: outgoing.method,
        headers: outgoing.headers,
        body: outgoing.body,
        dispatcher,
      });
      return {
        status: response.statusCode,
        headers: flattenHeaders(response.headers),
        body: await response.body.text(),
      };
    },
    close: () => dispatcher.close(),
  };
}
