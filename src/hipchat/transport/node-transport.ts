import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { BoundedBody, RESPONSE_MAX_BYTES } from './bounded-body.js';
import { type HttpResponse, type HttpTransport, RequestTimeout } from './http.js';
import { flattenHeaders, type TransportOptions, tlsOptions } from './transport-options.js';

/**
 * Node's own HTTP client, for runs without a proxy: it is part of Node and parses HTTP natively, so nothing more
 * loads at start-up (undici, bundled, costs a run tens of milliseconds). One keep-alive pool per scheme serves
 * every room, the retries and the mentions' companion.
 */
export function nodeTransport(options: TransportOptions): HttpTransport {
  const http = new HttpAgent({ keepAlive: true });
  const https = new HttpsAgent({ keepAlive: true, ...tlsOptions(options) });
  return {
    send: (outgoing, { timeoutMs, maxBodyBytes = RESPONSE_MAX_BYTES }) =>
      new Promise<HttpResponse>((resolve, reject) => {
        const url = new URL(outgoing.url);
        const secure = url.protocol === 'https:';
        // Aborting destroys the request, whether it is connecting, sending or reading the answer.
        const signal = AbortSignal.timeout(timeoutMs);
        const fail = (error: Error) => reject(signal.aborted ? new RequestTimeout(timeoutMs, { cause: error }) : error);
        const headers =
          outgoing.body === undefined
            ? outgoing.headers
            : { ...outgoing.headers, 'content-length': String(Buffer.byteLength(outgoing.body)) };
        const request = (secure ? httpsRequest : httpRequest)(
          url,
          { method: outgoing.method, headers, agent: secure ? https : http, signal },
          (response) => {
            const body = new BoundedBody(maxBodyBytes);
            const finish = () =>
              resolve({
                status: response.statusCode ?? 0,
                headers: flattenHeaders(response.headers),
                body: body.text(),
                ...(body.truncated && { truncated: true }),
              });
            response.on('data', (chunk: Buffer) => {
              if (body.add(chunk)) return;
              // The rest is never read: dropping the connection is what stops a server that sends without end.
              response.destroy();
              finish();
            });
            response.on('end', finish);
            response.on('error', fail);
          },
        );
        request.on('error', fail);
        request.end(outgoing.body);
      }),
    close: async () => {
      http.destroy();
      https.destroy();
    },
  };
}
