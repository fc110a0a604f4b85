import type { HttpTransport } from './http.js';
import { nodeTransport } from './node-transport.js';
import { PROXY_VARIABLES, type TransportOptions } from './transport-options.js';

/**
 * The transport for a run: Node's own HTTP client, or, when a proxy variable is set, undici's proxy agent, loaded
 * only then (see proxy-transport.ts), so the usual run does without undici. The variables are read from
 * process.env, where the proxy agent reads them too.
 */
export async function createTransport(options: TransportOptions): Promise<HttpTransport> {
  if (!PROXY_VARIABLES.some((name) => process.env[name])) return nodeTransport(options);
  const { proxyTransport } = await import('./proxy-transport.js');
  return proxyTransport(options);
}
