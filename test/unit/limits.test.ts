import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { fitMessage, MESSAGE_MAX } from '../../src/render/limits.js';

const length = (text: string) => [...text].length;

/** Tags in order, as a browser would see them, and whether every open tag was closed. */
function structure(html: string): { tags: string[]; balanced: boolean } {
  const tags: string[] = [];
  const open: string[] = [];
  const parser = new Parser({
    onopentag: (name) => {
      tags.push(name);
      if (name !== 'br') open.push(name);
    },
    onclosetag: (name, implied) => {
      if (!implied && open.at(-1) === name) open.pop();
    },
  });
  parser.write(html);
  parser.end();
  return { tags, balanced: open.length === 0 };
}

describe('fitMessage', () => {
  it('leaves a message within the limit alone', () => {
    const message = 'x'.repeat(MESSAGE_MAX);
    expect(fitMessage(message, 'text')).toEqual({ message });
  });

  it('counts code points, as HipChat does', () => {
    const emoji = '😀'.repeat(MESSAGE_MAX);
    expect(emoji.length).toBe(2 * MESSAGE_MAX);
    expect(fitMessage(emoji, 'text')).toEqual({ message: emoji });
  });

  it('shortens text at a word break with a visible marker', () => {
    const fitted = fitMessage('word '.repeat(3000), 'text');
    expect(fitted.shortenedFrom).toBe(15000);
    expect(length(fitted.message)).toBeLessThanOrEqual(MESSAGE_MAX);
    expect(fitted.message).toMatch(/word\n… \(message shortened to fit HipChat’s 10,000-character limit\)$/);
  });

  it('never splits a surrogate pair', () => {
    const fitted = fitMessage(`a${'😀'.repeat(MESSAGE_MAX)}`, 'text');
    expect(fitted.message).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(length(fitted.message)).toBe(MESSAGE_MAX);
  });

  it('never cuts inside a tag or an entity, and closes open tags', () => {
    const html = `<b>${'&amp;<a href="https://example.com/x">link</a> '.repeat(400)}</b>`;
    const fitted = fitMessage(html, 'html');
    expect(length(fitted.message)).toBeLessThanOrEqual(MESSAGE_MAX);
    expect(fitted.message).toMatch(/<\/b><br><i>… \(message shortened to fit HipChat’s 10,000-character limit\)<\/i>$/);
    expect(fitted.message).not.toMatch(/&[a-z]*(?![a-z;])|<[^>]*<|<a [^>]*$/);
    expect(structure(fitted.message).balanced).toBe(true);
  });

  it('keeps any html within the limit, well formed, without cut tags or entities', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => s.replace(/[<&]/g, '')),
      fc.constantFrom('&amp;', '&#169;', '&lt;', '<br>', '😀', ' '),
      fc
        .tuple(fc.constantFrom('b', 'i', 'strong', 'code'), fc.string({ maxLength: 30 }))
        .map(([tag, text]) => `<${tag}>${text.replace(/[<&]/g, '')}</${tag}>`),
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 300, maxLength: 2000 }), (pieces) => {
        const html = pieces.join('');
        const fitted = fitMessage(html, 'html');
        expect(length(fitted.message)).toBeLessThanOrEqual(MESSAGE_MAX);
        expect(structure(fitted.message).balanced).toBe(structure(html).balanced);
        expect(fitted.message).not.toMatch(/&(?![a-z]+;|#\d+;)|<(?![a-z/])/);
        expect(fitted.message).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      }),
      { numRuns: 60 },
    );
  });
});
