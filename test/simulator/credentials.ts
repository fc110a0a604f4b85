import type { IncomingHttpHeaders } from 'node:http';
import { formFields } from './form.ts';

/**
 * The token a v2 request presents, from `Authorization: Bearer` or `?auth_token=`.
 * The header wins when both are present, as it is the documented, preferred style.
 */
export function presentedToken(headers: IncomingHttpHeaders, query: Readonly<Record<string, string>>): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  return bearer?.[1] ?? (query.auth_token || undefined);
}

/** v1 took `auth_token` from the query or, on a POST, from the form body (hipchat-api.md §4.1). */
export function presentedV1Token(
  query: Readonly<Record<string, string>>,
  form: Readonly<Record<string, string>> | undefined,
): string | undefined {
  return query.auth_token || form?.auth_token || undefined;
}

/** Lowercase header map with the credential masked, safe to log or show. */
export function redactHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const redacted: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    redacted[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  if (redacted.authorization !== undefined) {
    const scheme = redacted.authorization.split(/\s+/)[0] ?? '';
    redacted.authorization = `${scheme} ***`.trimStart();
  }
  return redacted;
}

export function redactQuery(query: Readonly<Record<string, string>>): Record<string, string> {
  return query.auth_token === undefined ? { ...query } : { ...query, auth_token: '***' };
}

/** A form body with its `auth_token` value masked; any other body unchanged. */
export function redactForm(contentType: string | undefined, rawBody: string): string {
  if (!formFields(contentType, rawBody)) return rawBody;
  return rawBody.replace(/(^|&)auth_token=[^&]*/g, '$1auth_token=***');
}
