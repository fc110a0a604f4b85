// The text form of an html message, for where only text goes: a private message, which the action sends as text
// so that it reads as typed. The html is the action's own rendering (or a template's), not any page from the web.

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#[xX][\dA-Fa-f]+|[A-Za-z]+);/g, (entity, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED[name] ?? entity;
  });
}

function stripTags(html: string): string {
  return html.replace(/<[^<>]*>/g, '');
}

/**
 * Lines where the html breaks them (`<br>`, list items, paragraphs, rows), links as "label (address)" unless the
 * label is the address, tags dropped and entities decoded. White space in the source collapses as a browser would.
 */
export function htmlToText(html: string): string {
  const withLinks = html
    .replace(/\s+/g, ' ')
    .replace(/<a\b[^>]*?\bhref\s*=\s*(["'])(.*?)\1[^>]*>(.*?)<\/a\s*>/gi, (_, _quote, href: string, label: string) => {
      const address = decodeEntities(href).trim();
      const text = decodeEntities(stripTags(label)).trim();
      // The address stays as the html writes it, to be decoded once, with the rest, below.
      return !address || text === address ? label : `${label} (${href})`;
    });
  const lines = withLinks
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n• ')
    .replace(/<\/t[dh]\s*>/gi, ' ')
    .replace(/<\/?(p|div|ul|ol|tr|table|pre|h[1-6])\b[^>]*>/gi, '\n');
  return decodeEntities(stripTags(lines))
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
