import type { IncomingHttpHeaders } from 'node:http';

/**
 * The token a request presents, from `Authorization: Bearer` or `?auth_token=`.
 * The header wins when both are present, as it is the documented, preferred style.
 */
export function presentedToken(headers: IncomingHttpHeaders, query: Readonly<Record<string, string>>): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  return bearer?.[1] ?? (query['auth_token'] || undefined);
}

/** Lowercase header map with the credential masked, safe to log or show. */
export function redactHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const redacted: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    redacted[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  if (redacted['authorization'] !== undefined) {
    const scheme = redacted['authorization'].split(/\s+/)[0] ?? '';
    redacted['authorization'] = `${scheme} ***`.trimStart();
  }
  return redacted;
}

export function redactQuery(query: Readonly<Record<string, string>>): Record<string, string> {
  return query['auth_token'] === undefined ? { ...query } : { ...query, auth_token: '***' };
}
