import { type ConnectionOptions, getCACertificates } from 'node:tls';
import { Agent, type Dispatcher, EnvHttpProxyAgent, type ProxyAgent, request } from 'undici';
import { type HttpResponse, type HttpTransport, RequestTimeout } from './http.js';

export interface TransportOptions {
  /** CA certificates (PEM) to trust besides Node's own. */
  readonly ca: readonly string[];
  /** false accepts any certificate. */
  readonly verify: boolean;
}

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function tlsOptions({ ca, verify }: TransportOptions): ConnectionOptions | undefined {
  if (!verify) return { rejectUnauthorized: false };
  // A `ca` list replaces Node's store, so the default one (with NODE_EXTRA_CA_CERTS) goes first.
  if (ca.length > 0) return { ca: [...getCACertificates('default'), ...ca] };
  return undefined;
}

/**
 * With a proxy variable set, EnvHttpProxyAgent routes each request as HTTPS_PROXY, HTTP_PROXY and NO_PROXY say.
 * Through a tunnel, `connect` reaches only the proxy: the server's TLS options go in `requestTls`, and `proxyTls`
 * trusts the same CA for an https:// proxy. undici 6 passes both on but leaves them out of EnvHttpProxyAgent's
 * type. Without a proxy variable, a plain Agent, because EnvHttpProxyAgent prints an "experimental" warning.
 */
function dispatcherFor(options: TransportOptions): Dispatcher {
  const tls = tlsOptions(options);
  if (!PROXY_VARIABLES.some((name) => process.env[name])) return new Agent(tls ? { connect: tls } : {});
  const proxied: EnvHttpProxyAgent.Options & Pick<ProxyAgent.Options, 'requestTls' | 'proxyTls'> = tls
    ? { connect: tls, requestTls: tls, proxyTls: tls }
    : {};
  try {
    return new EnvHttpProxyAgent(proxied);
  } catch (error) {
    // The value is not quoted: a proxy URL often carries a password.
    throw new Error(`Cannot use the proxy in HTTPS_PROXY or HTTP_PROXY: ${(error as Error).message}. Set it to a URL such as http://proxy.example.com:3128.`, { cause: error });
  }
}

/** One keep-alive connection pool for every room of the run. */
export function undiciTransport(options: TransportOptions): HttpTransport {
  const dispatcher = dispatcherFor(options);
  return {
    async send(outgoing, { timeoutMs }): Promise<HttpResponse> {
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const response = await request(outgoing.url, {
          method: outgoing.method,
          headers: outgoing.headers,
          body: outgoing.body,
          dispatcher,
          signal,
        });
        return {
          status: response.statusCode,
          headers: flattenHeaders(response.headers),
          body: await response.body.text(),
        };
      } catch (error) {
        if (signal.aborted) throw new RequestTimeout(timeoutMs, { cause: error });
        throw error;
      }
    },
    close: () => dispatcher.close(),
  };
}
