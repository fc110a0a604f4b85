import { describe, expect, it } from 'vitest';
import { htmlProblem } from './html-policy.ts';
import { validateNotification } from './validate-notification.ts';

describe('htmlProblem', () => {
  it('accepts the markup HipChat keeps', () => {
    expect(
      htmlProblem('<a href="https://x">x</a> <b>b</b><br><ul><li><code>c</code></li></ul><span style="color: red">r</span>'),
    ).toBeUndefined();
    expect(htmlProblem('a &amp; b &lt;script&gt;')).toBeUndefined();
  });

  it.each([
    ['<script>alert(1)</script>', 'tag <script> is not allowed'],
    ['<div>x</div>', 'tag <div> is not allowed'],
    ['<a href="https://x" onclick="evil()">x</a>', "attribute 'onclick' is not allowed on <a>"],
    ['<a href="javascript:alert(1)">x</a>', "<a href> must be an http, https or mailto URL, not 'javascript:alert(1)'"],
    ['<img src="data:image/png;base64,AAAA">', '<img src> must be an http, https or mailto URL'],
    ['<span style="position: fixed">x</span>', "style property 'position' is not allowed on <span>"],
  ])('%s', (html, problem) => {
    expect(htmlProblem(html)).toMatch(problem);
  });

  it('limits card html to a, b, i, strong and span', () => {
    expect(htmlProblem('<em>x</em>', ['a', 'b', 'i', 'strong', 'span'])).toMatch('tag <em> is not allowed');
  });
});

describe('html messages in notifications', () => {
  it('rejects disallowed markup in html, the default format, and lets text through', () => {
    const rejected = validateNotification({ message: '<iframe src="https://x"></iframe>' });
    expect(rejected.ok).toBe(false);
    expect(!rejected.ok && rejected.error.error).toMatchObject({
      code: 400,
      field: 'message',
      validation: 'html',
      reason: expect.stringMatching(/<iframe>/),
    });
    expect(validateNotification({ message: '<iframe>', message_format: 'text' }).ok).toBe(true);
  });
});
