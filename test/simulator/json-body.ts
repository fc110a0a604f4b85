// How the v2 routes read a JSON body: the Content-Type first, then the syntax.

// Parameters such as `; charset=utf-8` are fine; the media type itself must be JSON.
export function isJsonContentType(contentType: string | undefined): boolean {
  return /^\s*application\/json\s*(;|$)/i.test(contentType ?? '');
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
