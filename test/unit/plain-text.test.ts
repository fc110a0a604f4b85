// The text form of an html message, which a private message carries.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { githubContextFrom } from '../../src/context/github.js';
import { privateMessageText } from '../../src/followups/private-messages.js';
import { escapeHtml } from '../../src/render/html.js';
import { htmlToText } from '../../src/render/plain-text.js';
import { buildView } from '../../src/view.js';

describe('htmlToText', () => {
  it('breaks lines where the html does, writes links as label (address), and drops the tags', () => {
    expect(
      htmlToText(
        '<b>acme/api</b> failed on <a href="https://x/tree/main">main</a><br>• <a href="https://x/c/1">1</a> Fix &amp; ship<br/><a href="https://x/r">https://x/r</a>',
      ),
    ).toBe('acme/api failed on main (https://x/tree/main)\n• 1 (https://x/c/1) Fix & ship\nhttps://x/r');
  });

  it('lists items and rows on lines of their own, and collapses white space as a browser does', () => {
    expect(htmlToText('<ul>\n  <li>one</li>\n  <li>two</li>\n</ul><table><tr><td>a</td><td>b</td></tr></table>')).toBe(
      '• one\n• two\n\na b',
    );
    expect(htmlToText("Line\n  one <a href='https://x?a=1&amp;b=2'>go</a>")).toBe('Line one go (https://x?a=1&b=2)');
  });

  it('decodes entities once, so that escaped markup stays text', () => {
    expect(htmlToText('&lt;script&gt; &amp;lt; &#64;all &#x1F600; &bogus; &#0;')).toBe('<script> &lt; @all 😀 &bogus; &#0;');
  });

  it('gives back any text that was escaped into html, white space aside', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        expect(htmlToText(escapeHtml(text))).toBe(text.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 300 },
    );
  });
});

describe('privateMessageText', () => {
  const view = buildView(
    githubContextFrom(
      { GITHUB_REPOSITORY: 'acme/api', GITHUB_WORKFLOW: 'CI', GITHUB_RUN_NUMBER: '42', GITHUB_RUN_ID: '7', GITHUB_ACTOR: 'octocat' },
      {},
    ),
    'failure',
  );

  it('is the default message written as text, a text message as it is, or a template turned into text without mentions', () => {
    expect(privateMessageText({ parts: { view, message: '<b>ignored</b>', options: { format: 'html' } }, templated: false })).toBe(
      'acme/api: CI #42 failed by octocat\nhttps://github.com/acme/api/actions/runs/7',
    );
    expect(privateMessageText({ parts: { view, message: '@here as typed', options: { format: 'text' } }, templated: true })).toBe(
      '@here as typed',
    );
    expect(
      privateMessageText({ parts: { view, message: '<b>Broke</b> by @all &amp; co', options: { format: 'html' } }, templated: true }),
    ).toBe('Broke by @\u2060all & co');
  });

  it('fits HipChat’s 10,000 characters', () => {
    expect(
      [...privateMessageText({ parts: { view, message: 'x '.repeat(6_000), options: { format: 'text' } }, templated: true })].length,
    ).toBeLessThanOrEqual(10_000);
  });
});
