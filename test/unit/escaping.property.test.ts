// Property: no string in the event can add, remove or reorder markup in an html message, whether the message is
// the default one or a user's template, and what comes out stays within what HipChat allows.
import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { githubContextFrom } from '../../src/context/github.js';
import { defaultMessage } from '../../src/render/default-message.js';
import { renderTemplate } from '../../src/render/template.js';
import { buildView, type NotificationView } from '../../src/view.js';
import { runEnv } from '../fixtures/catalog.ts';
import { exampleEvent } from '../fixtures/events.ts';
import { htmlProblem } from '../simulator/html-policy.ts';

const hostile = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({
    unit: fc.constantFrom(
      '<',
      '>',
      '&',
      '"',
      "'",
      '/',
      '=',
      ' ',
      '\n',
      ';',
      '#',
      'a',
      'script',
      'img src=x onerror=',
      'amp',
      '&lt;',
      '{{',
      '}}',
      '{%',
    ),
    maxLength: 40,
  }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "'><a href='javascript:x'>",
    '&amp;lt;',
    '</a><b>',
    '{{ github }}',
  ),
);

function tags(html: string): string[] {
  const seen: string[] = [];
  const parser = new Parser({
    onopentag: (name, attributes) => seen.push(`<${name} ${Object.keys(attributes).sort().join(' ')}>`),
    onclosetag: (name) => seen.push(`</${name}>`),
  });
  parser.write(html);
  parser.end();
  return seen;
}

/** A pull request and a push whose every human-written field is `value`. */
function views(value: string): NotificationView[] {
  const pr = exampleEvent('pull_request', (p) => p.action === 'opened');
  pr.pull_request.title = value;
  pr.pull_request.head.ref = value;
  pr.sender.login = value;
  const push = exampleEvent('push', (p) => p.commits.length > 0);
  push.commits = [1, 2].map(() => ({ ...push.commits[0], message: `${value}\n${value}`, author: { name: value, username: value } }));
  push.head_commit.message = value;
  const env = (eventName: string, payload: Record<string, unknown>) => ({
    ...runEnv(eventName, payload),
    GITHUB_WORKFLOW: value,
    GITHUB_ACTOR: value,
  });
  return [
    buildView(githubContextFrom({ ...env('pull_request', pr), GITHUB_HEAD_REF: value, GITHUB_EVENT_NAME: 'pull_request' }, pr), 'failure'),
    buildView(githubContextFrom({ ...env('push', push), GITHUB_REF: `refs/heads/${value}`, GITHUB_EVENT_NAME: 'push' }, push), 'success'),
  ];
}

const TEMPLATE = {
  text: '<b>{{ pull_request.title }}</b> by <i>{{ actor }}</i> <a href="{{ run_url }}">{{ commit_title | truncate: 20 }}</a>{% for c in commits %}<br>{{ c.title }} ({{ c.author }}){% endfor %} on {{ ref_name }}',
  origin: "input 'template'",
};

describe('html escaping of event data', () => {
  it('keeps the default messages’ markup whatever the event says', () => {
    const expected = views('x').map((view) => tags(defaultMessage(view, 'html')));
    fc.assert(
      // A blank name is not markup to keep: its link is left out, as for anything unknown.
      fc.property(
        hostile.filter((value) => value.trim() !== ''),
        (value) => {
          views(value).forEach((view, n) => {
            const html = defaultMessage(view, 'html');
            expect(tags(html)).toEqual(expected[n]);
            expect(htmlProblem(html)).toBeUndefined();
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps a template’s markup whatever the event says', async () => {
    const expected = await Promise.all(views('x').map(async (view) => tags(await renderTemplate(TEMPLATE, view, 'html'))));
    await fc.assert(
      fc.asyncProperty(hostile, async (value) => {
        for (const [n, view] of views(value).entries()) {
          const html = await renderTemplate(TEMPLATE, view, 'html');
          expect(tags(html)).toEqual(expected[n]);
          expect(htmlProblem(html)).toBeUndefined();
        }
      }),
      { numRuns: 200 },
    );
  });
});
