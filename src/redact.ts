/**
 * Replaces every secret in a text. core.setSecret masks the log, but outputs and the job summary are files
 * the runner does not mask, and a server's error text or a template could carry the token into them.
 */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const present = secrets.filter((secret) => secret.length > 0);
  return (text) => present.reduce((redacted, secret) => redacted.replaceAll(secret, '***'), text);
}
