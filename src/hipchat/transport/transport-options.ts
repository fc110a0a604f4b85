// What both transports share: the TLS settings from ca_cert and tls_verify, and the headers' shape.
import { type ConnectionOptions, getCACertificates } from 'node:tls';

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
