/**
 * Python 2 `repr()` of JSON values. HipChat's validator (Python 2) embedded
 * `%r` of the offending value in its messages, e.g. `Value u'true' for field ...`.
 * Strings parsed from a request are `unicode` (`u'...'`); strings written in the
 * server's own schema are byte strings (`'...'`), hence the `prefix` option.
 * Dict order follows insertion order; Python 2 used hash order, which no client
 * could rely on anyway.
 */
export interface ReprOptions {
  stringPrefix: 'u' | '';
}

const REQUEST_STRINGS: ReprOptions = { stringPrefix: 'u' };

export function pyRepr(value: unknown, options: ReprOptions = REQUEST_STRINGS): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return pyStringRepr(value, options.stringPrefix);
  if (Array.isArray(value)) return `[${value.map((item) => pyRepr(item, options)).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => `${pyStringRepr(key, options.stringPrefix)}: ${pyRepr(item, options)}`);
    return `{${entries.join(', ')}}`;
  }
  return String(value);
}

const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function pyStringRepr(text: string, prefix: string): string {
  // Python prefers single quotes and switches only when that avoids escaping.
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let body = '';
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (char === quote) body += `\\${char}`;
    else if (NAMED_ESCAPES[char] !== undefined) body += NAMED_ESCAPES[char];
    else if (codePoint >= 0x20 && codePoint < 0x7f) body += char;
    else body += hexEscape(codePoint);
  }
  return `${prefix}${quote}${body}${quote}`;
}

// Python 2 `unicode` repr escapes everything outside printable ASCII.
function hexEscape(codePoint: number): string {
  const hex = codePoint.toString(16);
  if (codePoint <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (codePoint <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}
