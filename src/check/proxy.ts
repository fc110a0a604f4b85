import { displayUrl } from '../redact.js';

/** The proxy a request to `url` goes through, as the proxy agent chooses it from the environment, for naming in advice. */
export interface ProxyInUse {
  /** The variable it came from: HTTPS_PROXY, http_proxy... */
  readonly variable: string;
  /** Its address without credentials. */
  readonly shown: string;
  readonly host: string;
  readonly port: number;
}

type Env = Readonly<Record<string, string | undefined>>;

/** NO_PROXY's rule, as undici and curl read it: `*`, a host, or a domain (with or without its leading dot), with an optional port. */
function bypassed(url: URL, noProxy: string): boolean {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return noProxy
    .split(/[,\s]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true;
      const [host = '', entryPort] = entry.replace(/^\./, '').split(':');
      if (entryPort && entryPort !== port) return false;
      return url.hostname === host || url.hostname.endsWith(`.${host}`);
    });
}

/** Which proxy variable applies to `target`, or undefined when the request goes direct. */
export function proxyFor(target: string, env: Env): ProxyInUse | undefined {
  const url = new URL(target);
  if (bypassed(url, env.no_proxy ?? env.NO_PROXY ?? '')) return undefined;
  const names = url.protocol === 'https:' ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY'];
  const variable = names.find((name) => env[name]);
  if (!variable) return undefined;
  try {
    const proxy = new URL(env[variable] as string);
    const port = Number(proxy.port || (proxy.protocol === 'https:' ? 443 : 80));
    return { variable, shown: displayUrl(proxy).replace(/\/$/, ''), host: proxy.hostname, port };
  } catch {
    return { variable, shown: '(not a URL)', host: '', port: 0 };
  }
}
