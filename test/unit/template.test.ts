import { describe, expect, it } from 'vitest';
import { githubContextFrom } from '../../src/context/github.js';
import { renderMessage } from '../../src/render/message.js';
import { renderTemplate, TemplateError } from '../../src/render/template.js';
import { buildView } from '../../src/view.js';

const view = buildView(
  githubContextFrom(
    {
      GITHUB_REPOSITORY: 'acme/api',
      GITHUB_SERVER_URL: 'https://ghe.example.com',
      GITHUB_RUN_ID: '7',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_HEAD_REF: 'fix',
      GITHUB_SHA: 'abcdef1234567',
    },
    {
      pull_request: {
        number: 12,
        title: 'Fix <script>alert("x")</script> & more',
        head: { sha: '0123456789abcdef', ref: 'fix' },
        base: { ref: 'main' },
        user: { login: 'mona' },
      },
    },
  ),
  'failure',
);
const source = (text: string) => ({ text, origin: "input 'template'" });

describe('renderTemplate', () => {
  it('renders the context with filters', async () => {
    const text = await renderTemplate(
      source(
        '{{ repository | upcase }} #{{ pull_request.number }} {{ status_word }} {{ short_sha }} {{ pull_request.title | truncate: 10 }}',
      ),
      view,
      'text',
    );
    expect(text).toBe('ACME/API #12 failed 0123456 Fix <sc...');
  });

  it('escapes every value in html and keeps the template markup', async () => {
    const html = await renderTemplate(source('<b>{{ pull_request.title }}</b> <a href="{{ run_url }}">run</a>'), view, 'html');
    expect(html).toBe(
      '<b>Fix &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; more</b> <a href="https://ghe.example.com/acme/api/actions/runs/7">run</a>',
    );
  });

  it('leaves values as they are in text', async () => {
    expect(await renderTemplate(source('{{ pull_request.title }}'), view, 'text')).toBe('Fix <script>alert("x")</script> & more');
  });

  it('renders a missing payload field as nothing rather than failing', async () => {
    expect(await renderTemplate(source('[{{ release.name }}{{ event.nothing.here }}]'), view, 'text')).toBe('[]');
  });

  it('allows loops, assignments and conditions', async () => {
    const text = await renderTemplate(
      source(
        '{% assign n = pull_request.number %}{% if status == "failure" %}broken {{ n }}{% endif %}{% for c in commits %}x{% endfor %}',
      ),
      view,
      'text',
    );
    expect(text).toBe('broken 12');
  });

  it('cannot reach the environment, prototypes or files', async () => {
    const text = await renderTemplate(source('[{{ github.constructor }}{{ github.__proto__ }}]'), view, 'text');
    expect(text).toBe('[]');
    await expect(renderTemplate(source('{{ process.env.HOME }}'), view, 'text')).rejects.toThrow(/unknown variable 'process'/);
    await expect(renderTemplate(source('{% include "/etc/passwd" %}'), view, 'text')).rejects.toThrow(/Templates cannot include files/);
  });

  it.each([
    [
      'a\n{% if status %}b',
      "Invalid template in input 'template' (line 2, column 1): tag {% if status %} not closed. Close every {% if %}, {% for %} and {% capture %} with its {% end... %} tag.",
    ],
    [
      '{{ status | shout }}',
      "Invalid template in input 'template' (line 1, column 1): undefined filter: shout. Filters are listed at https://liquidjs.com/filters/overview.html.",
    ],
    [
      'ok\n  {{ run_ulr }}',
      /^Invalid template in input 'template' \(line 2, column 6\): unknown variable 'run_ulr'\. Did you mean 'run_url'\? Known variables: github, event, /,
    ],
  ])('reports %j with the line and a hint', async (text, message) => {
    const rendering = renderTemplate(source(text), view, 'text');
    await expect(rendering).rejects.toBeInstanceOf(TemplateError);
    await expect(rendering).rejects.toThrow(message);
  });

  it('renders to nothing when the template says nothing, leaving the decision to the caller', async () => {
    expect(await renderTemplate(source('{% if false %}x{% endif %}'), view, 'text')).toBe('');
  });

  it('stops a template that runs away', async () => {
    await expect(renderTemplate(source('{% for i in (1..100000000) %}{{ i }}{% endfor %}'), view, 'text')).rejects.toThrow(
      /limit exceeded/,
    );
  });
});

describe('renderMessage', () => {
  it('refuses a template that renders an empty message, since HipChat needs one character', async () => {
    await expect(renderMessage(view, 'text', source('{% if false %}x{% endif %}'))).rejects.toThrow(
      "The template in input 'template' rendered an empty message; HipChat needs at least one character.",
    );
  });
});
