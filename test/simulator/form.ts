/** The fields of an application/x-www-form-urlencoded body, or undefined for any other content type. */
export function formFields(contentType: string | undefined, rawBody: string): Record<string, string> | undefined {
  if (!/^\s*application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType ?? '')) return undefined;
  return Object.fromEntries(new URLSearchParams(rawBody));
}
