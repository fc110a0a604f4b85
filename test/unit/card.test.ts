import { describe, expect, it } from 'vitest';
import { composeCard, fitCard } from '../../src/card/compose.js';
import { cardId, defaultCard } from '../../src/card/default-card.js';
import { githubContextFrom } from '../../src/context/github.js';
import type { JobStatus } from '../../src/inputs/parse.js';
import { buildView } from '../../src/view.js';
import { eventCases, runEnv } from '../fixtures/catalog.ts';
import { exampleEvent } from '../fixtures/events.ts';
import { validateNotification } from '../simulator/validate-notification.ts';

function viewOf(eventName: string, payload: Record<string, any>, status: JobStatus = 'success', env: Record<string, string> = {}) {
  return buildView(
    githubContextFrom({ ...runEnv(eventName, payload), GITHUB_EVENT_NAME: eventName, GITHUB_JOB: 'build', ...env }, payload),
    status,
  );
}

function accepted(card: unknown): unknown {
  const validation = validateNotification({ message: 'fallback', card });
  return validation.ok ? 'accepted' : validation.error.error;
}

const pr = exampleEvent('pull_request', (p) => p.action === 'opened');

describe('the default card', () => {
  it.each(eventCases().map((c) => [c.label, c] as const))('%s passes the server schema', (_, c) => {
    for (const status of ['success', 'failure', 'cancelled', 'started'] as const) {
      const card = fitCard(defaultCard(buildView(githubContextFrom({ ...c.env, GITHUB_EVENT_NAME: c.eventName }, c.payload), status)));
      expect(accepted(card)).toBe('accepted');
      expect(card.attributes?.length).toBeLessThanOrEqual(10);
    }
  });

  it('shows the run at a glance: title, description, link, icon and lozenges', () => {
    const card = defaultCard(viewOf('pull_request', pr, 'failure'));
    expect(card).toEqual({
      style: 'application',
      format: 'medium',
      id: 'hipchat-notify:Codertocat/Hello-World:9876543210:1:build',
      title: 'Codertocat/Hello-World: CI #42 failed',
      url: 'https://github.com/Codertocat/Hello-World/actions/runs/9876543210',
      icon: { url: 'https://github.com/favicon.ico' },
      description: {
        format: 'html',
        value:
          'On pull request <a href="https://github.com/Codertocat/Hello-World/pull/2">#2 Update the README with new information.</a> (opened by Codertocat) · ' +
          '<a href="https://github.com/Codertocat/Hello-World/tree/changes">changes</a> → <a href="https://github.com/Codertocat/Hello-World/tree/master">master</a> ' +
          '(<a href="https://github.com/Codertocat/Hello-World/commit/ec26c3e57ca3a959ca5aad62de7213c562f8c821">ec26c3e</a>)',
      },
      activity: {
        html: '<a href="https://github.com/Codertocat/Hello-World/actions/runs/9876543210">Codertocat/Hello-World: CI #42 failed</a> on pull request <a href="https://github.com/Codertocat/Hello-World/pull/2">#2 Update the README with new information.</a> (opened by Codertocat)',
      },
      attributes: [
        { label: 'Status', value: { label: 'failure', style: 'lozenge-error' } },
        { label: 'Branch', value: { label: 'changes', url: 'https://github.com/Codertocat/Hello-World/tree/changes' } },
        {
          label: 'Commit',
          value: { label: 'ec26c3e', url: 'https://github.com/Codertocat/Hello-World/commit/ec26c3e57ca3a959ca5aad62de7213c562f8c821' },
        },
        { label: 'Pull request', value: { label: '#2', url: 'https://github.com/Codertocat/Hello-World/pull/2' } },
        { label: 'Author', value: { label: 'Codertocat', url: 'https://github.com/Codertocat' } },
        { label: 'Event', value: { label: 'pull_request (opened)' } },
        { label: 'Workflow', value: { label: 'CI', url: 'https://github.com/Codertocat/Hello-World/actions' } },
        { label: 'Run', value: { label: '#42', url: 'https://github.com/Codertocat/Hello-World/actions/runs/9876543210' } },
      ],
    });
  });

  it('runs a push’s commits on in one line, since card html has no line breaks', () => {
    const push = exampleEvent('push', (p) => p.ref === 'refs/heads/master' && p.commits.length > 0);
    push.commits = [push.commits[0], { ...push.commits[0], id: 'b'.repeat(40), message: 'Second' }];
    const description = defaultCard(viewOf('push', push)).description?.value ?? '';
    expect(description).not.toContain('<br>');
    expect(description).toMatch(
      /^On <a [^>]+>master<\/a> \(.*\) by Codertocat • <a [^>]+>6113728<\/a> Initial commit \(Codertocat\) • <a [^>]+>bbbbbbb<\/a> Second \(Codertocat\)$/,
    );
  });

  it('colours the status lozenge by status', () => {
    const styles = (['success', 'failure', 'cancelled', 'skipped', 'started'] as const).map(
      (s) => defaultCard(viewOf('push', pr, s)).attributes?.[0]?.value.style,
    );
    expect(styles).toEqual(['lozenge-success', 'lozenge-error', 'lozenge-moved', 'lozenge', 'lozenge-current']);
  });

  it('keeps one id per run, attempt and job', () => {
    const id = (env: Record<string, string>) => cardId(viewOf('push', pr, 'success', env));
    expect(id({})).toBe(id({}));
    expect(new Set([id({}), id({ GITHUB_RUN_ATTEMPT: '2' }), id({ GITHUB_JOB: 'deploy' }), id({ GITHUB_RUN_ID: '1' })]).size).toBe(4);
  });
});

describe('a card shaped by the card input', () => {
  const view = viewOf('pull_request', { ...pr, pull_request: { ...pr.pull_request, title: 'Fix <b>bold</b> & "quotes"' } }, 'success');

  it('replaces the given parts, templated, and keeps the rest', async () => {
    const card = await composeCard(
      view,
      [
        'title: "{{ repository }} #{{ pull_request.number }}: {{ pull_request.title }}"',
        'description: "<b>{{ pull_request.title }}</b> by {{ actor }}"',
        'format: compact',
        'style: link',
        'attributes:',
        '  - { label: Env, value: production, style: lozenge-complete }',
        '  - { label: PR, value: "#{{ pull_request.number }}", url: "{{ pull_request.url }}" }',
        '  - { label: Empty, value: "{{ release.name }}" }',
      ].join('\n'),
    );
    expect(card).toMatchObject({
      style: 'link',
      format: 'compact',
      id: 'hipchat-notify:Codertocat/Hello-World:9876543210:1:build',
      title: 'Codertocat/Hello-World #2: Fix <b>bold</b> & "quotes"',
      description: { format: 'html', value: '<b>Fix &lt;b&gt;bold&lt;/b&gt; &amp; &#34;quotes&#34;</b> by Codertocat' },
      url: view.run_url,
      attributes: [
        { label: 'Env', value: { label: 'production', style: 'lozenge-complete' } },
        { label: 'PR', value: { label: '#2', url: 'https://github.com/Codertocat/Hello-World/pull/2' } },
      ],
    });
    expect(accepted(card)).toBe('accepted');
  });

  it('chooses a lozenge style by template', async () => {
    const shape =
      'attributes:\n  - { label: S, value: "{{ status }}", style: "{% if status == \'success\' %}lozenge-success{% else %}lozenge-error{% endif %}" }';
    expect((await composeCard(view, shape)).attributes?.[0]?.value.style).toBe('lozenge-success');
  });

  it('accepts JSON and HipChat’s nested attribute form', async () => {
    const card = await composeCard(
      view,
      '{"attributes": [{"label": "Env", "value": {"label": "prod", "icon": {"url": "https://x.example/i.png"}}}], "thumbnail": {"url": "https://x.example/t.png", "width": 43, "height": 64}}',
    );
    expect(card.attributes).toEqual([{ label: 'Env', value: { label: 'prod', icon: { url: 'https://x.example/i.png' } } }]);
    expect(card.thumbnail).toEqual({ url: 'https://x.example/t.png', width: 43, height: 64 });
    expect(accepted(card)).toBe('accepted');
  });

  it('drops a field that renders empty, and keeps the default title when the title does', async () => {
    const card = await composeCard(view, 'title: "{{ release.name }}"\ndescription: "{{ release.name }}"\nactivity: ""');
    expect(card.title).toBe('Codertocat/Hello-World: CI #42 succeeded');
    expect(card).not.toHaveProperty('description');
    expect(card).not.toHaveProperty('activity');
  });

  it('shortens values past the server limits cleanly', async () => {
    const card = await composeCard(
      view,
      `title: "${'t'.repeat(600)}"\ndescription: "${'<b>d</b> '.repeat(200)}"\nattributes:\n  - { label: "${'l'.repeat(60)}", value: v }`,
    );
    expect([...card.title].length).toBe(500);
    expect(card.title.endsWith('…')).toBe(true);
    expect([...(card.description?.value ?? '')].length).toBeLessThanOrEqual(1000);
    expect(card.description?.value).toMatch(/<\/b> …$|<\/b>…$/);
    expect(card.attributes?.[0]?.label).toHaveLength(50);
    expect(accepted(card)).toBe('accepted');
  });

  it.each([
    ['style: fancy', 'Invalid card: card.style is "fancy": expected application, file, image, link or media.'],
    ['thumbnail: { url: "https://x.example/t.png", width: "43" }', 'Invalid card: card.thumbnail.width must be a number, not "43".'],
    [
      `attributes:\n${Array.from({ length: 11 }, (_, n) => `  - { label: a${n}, value: b }`).join('\n')}`,
      'Invalid card: card.attributes has 11 entries: HipChat shows at most 10.',
    ],
    [
      'attributes:\n  - { label: a, value: b, style: lozenge-red }',
      'Invalid card: card.attributes[0].style is "lozenge-red": expected lozenge-success, lozenge-error, lozenge-current, lozenge-complete, lozenge-moved or lozenge.',
    ],
    ['titel: x', 'Invalid card: card.titel is not a key a card has.'],
    [
      '- a list',
      'Invalid card: expected a YAML or JSON mapping with keys such as style, format, title, description, url, icon, thumbnail, activity or attributes.',
    ],
    ['title: "unclosed', 'Invalid card (line 1, column 17): Missing closing "quote.'],
    [
      'description: "<ul><li>{{ actor }}</li></ul>"',
      'Invalid card: card.description uses <ul>: HipChat cards allow only a, b, i, strong or span.',
    ],
    ['url: "javascript:alert(1)"', "Invalid card: card.url is 'javascript:alert(1)': expected an http or https URL."],
    [
      'title: "{{ actr }}"',
      "Invalid template in input 'card' (card.title) (line 1, column 4): unknown variable 'actr'. Did you mean 'actor'?",
    ],
    [
      `thumbnail: { url: "https://x.example/${'p'.repeat(250)}" }`,
      'Invalid card: card.thumbnail.url has 268 characters: HipChat accepts at most 250.',
    ],
  ])('rejects %j naming the input', async (shape, message) => {
    await expect(composeCard(view, shape)).rejects.toThrow(message);
  });
});
