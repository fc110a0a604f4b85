// What both transports share: the TLS settings from ca_cert and tls_verify, and the headers' shape.
import { type ConnectionOptions, getCACertificates } from 'node:tls';

/** The variables a runner behind a proxy sets; undici's EnvHttpProxyAgent reads the same. */
export const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'] as const;

/**
 * The secrets in proxy variables (http://user:password@proxy:3128), as written and decoded: the password, or the
 * user name when it stands alone, as a token does. A user name beside a password is not masked, because masking a
 * short common word would garble the whole log.
 */
export function proxyCredentials(env: Readonly<Record<string, string | undefined>>): string[] {
  const secrets = PROXY_VARIABLES.flatMap((name) => {
    const userinfo = /^[a-z][a-z0-9+.-]*:\/\/([^@/?#]*)@/i.exec(env[name] ?? '')?.[1];
    if (!userinfo) return [];
    const [user = '', password = ''] = userinfo.split(/:(.*)/s);
    const secret = password || user;
    let decoded = secret;
    try {
      decoded = decodeURIComponent(secret);
    } catch {}
    return [userinfo, secret, decoded];
  });
  return [...new Set(secrets)].filter((secret) => secret !== '');
}

export interface TransportOptions {
  /** CA certificates (PEM) to trust besides Node's own. */
  readonly ca: readonly string[];
  /** false accepts any certificate. */
  readonly verify: boolean;
}

export function tlsOptions({ ca, verify }: TransportOptions): ConnectionOptions | undefined {
  if (!verify) return { rejectUnauthorized: false };
  // A `ca` list replaces Node's store, so the default one (with NODE_EXTRA_CA_CERTS) goes first.
  if (ca.length > 0) return { ca: [...getCACertificates('default'), ...ca] };
  return undefined;
}

export function flattenHeaders(headers: Readonly<Record<string, string | string[] | undefined>>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
