/**
 * Replaces every secret in a text. core.setSecret masks the log, but outputs and the job summary are files
 * the runner does not mask, and a server's error text or a template could carry the token into them.
 */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const present = secrets.filter((secret) => secret.length > 0);
  return (text) => present.reduce((redacted, secret) => redacted.replaceAll(secret, '***'), text);
}

/**
 * A secret as given and as a form body or a URL encodes it. API v1 sends the token in a form body, and a server that
 * quotes the body in an error would show the encoded form, which masking the raw one does not hide.
 */
export function secretForms(secret: string): string[] {
  const formEncoded = new URLSearchParams({ secret }).toString().slice('secret='.length);
  return [...new Set([secret, encodeURIComponent(secret), formEncoded])].filter((form) => form !== '');
}

/** What to show of a URL in a message: credentials and the query string may hold a token. */
export function displayUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}
