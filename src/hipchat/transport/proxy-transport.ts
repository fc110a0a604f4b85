// Loaded with import() only when a proxy variable is set: undici compiles its HTTP parser (WebAssembly) as it loads,
// which the usual run, with no proxy, does without.
import { type Dispatcher, EnvHttpProxyAgent, type ProxyAgent, request } from 'undici';
import { BoundedBody, RESPONSE_MAX_BYTES } from './bounded-body.js';
import { type HttpResponse, type HttpTransport, RequestTimeout } from './http.js';
import { flattenHeaders, type TransportOptions, tlsOptions } from './transport-options.js';

/**
 * EnvHttpProxyAgent routes each request as HTTPS_PROXY, HTTP_PROXY and NO_PROXY say. Through a tunnel, `connect`
 * reaches only the proxy: the server's TLS options go in `requestTls`, and `proxyTls` trusts the same CA for an
 * https:// proxy. undici 6 passes both on but leaves them out of EnvHttpProxyAgent's type.
 */
function proxyDispatcher(options: TransportOptions): Dispatcher {
  const tls = tlsOptions(options);
  const proxied: EnvHttpProxyAgent.Options & Pick<ProxyAgent.Options, 'requestTls' | 'proxyTls'> = tls
    ? { connect: tls, requestTls: tls, proxyTls: tls }
    : {};
  try {
    return new EnvHttpProxyAgent(proxied);
  } catch (error) {
    // The value is not quoted: a proxy URL often carries a password.
    throw new Error(
      `Cannot use the proxy in HTTPS_PROXY or HTTP_PROXY: ${(error as Error).message}. Set it to a URL such as http://proxy.example.com:3128.`,
      { cause: error },
    );
  }
}

/** One keep-alive connection pool for every room of the run, through the proxy the environment names. */
export function proxyTransport(options: TransportOptions): HttpTransport {
  const dispatcher = proxyDispatcher(options);
  return {
    async send(outgoing, { timeoutMs, maxBodyBytes = RESPONSE_MAX_BYTES }): Promise<HttpResponse> {
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const response = await request(outgoing.url, {
          method: outgoing.method,
          headers: outgoing.headers,
          body: outgoing.body,
          dispatcher,
          signal,
        });
        const body = new BoundedBody(maxBodyBytes);
        // Leaving the loop early destroys the stream, and with it the connection: the rest is never read.
        for await (const chunk of response.body) if (!body.add(chunk)) break;
        return {
          status: response.statusCode,
          headers: flattenHeaders(response.headers),
          body: body.text(),
          ...(body.truncated && { truncated: true }),
        };
      } catch (error) {
        if (signal.aborted) throw new RequestTimeout(timeoutMs, { cause: error });
        throw error;
      }
    },
    close: () => dispatcher.close(),
  };
}
