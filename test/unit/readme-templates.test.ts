// The README's ready-to-copy templates must render and be accepted by HipChat, or copying them would hurt.
import { describe, expect, it } from 'vitest';
import { githubContextFrom } from '../../src/context/github.js';
import { type MessageFormat, messageFormatOf, parseFormat } from '../../src/inputs/parse.js';
import { renderTemplate } from '../../src/render/template.js';
import { buildView } from '../../src/view.js';
import { runEnv } from '../fixtures/catalog.ts';
import { exampleEvent } from '../fixtures/events.ts';
import { readmeSteps } from '../fixtures/readme.ts';
import { validateNotification } from '../simulator/validate-notification.ts';

const steps = readmeSteps().filter(
  (step): step is { with: Record<string, string> & { template: string } } => typeof step?.with?.template === 'string',
);

const payloads = {
  push: exampleEvent('push', (p) => p.ref === 'refs/heads/master' && p.commits.length > 0),
  pull_request: exampleEvent('pull_request', (p) => p.action === 'opened'),
  release: exampleEvent('release', (p) => p.action === 'published'),
};

describe("the README's templates", () => {
  it('are there', () => {
    expect(steps.length).toBeGreaterThanOrEqual(3);
  });

  it.each(steps.map((step, n) => [n, step] as const))('template %i renders for its events and HipChat accepts it', async (_, step) => {
    const format: MessageFormat = messageFormatOf(parseFormat(step.with.format ?? ''));
    // A template about a release or a pull request is meant for that event; any other is meant for all.
    const meantFor = Object.keys(payloads).filter((name) => step.with.template.includes(`${name}.`));
    for (const [eventName, payload] of Object.entries(payloads)) {
      if (meantFor.length > 0 && !meantFor.includes(eventName)) continue;
      const view = buildView(githubContextFrom({ ...runEnv(eventName, payload), GITHUB_EVENT_NAME: eventName }, payload), 'failure');
      const message = await renderTemplate({ text: step.with.template, origin: 'README' }, view, format);
      const validation = validateNotification({ message, message_format: format });
      expect(validation.ok ? 'accepted' : validation.error.error).toBe('accepted');
    }
  });
});

describe("the README's card example", () => {
  const cards = readmeSteps().filter((step): step is { with: { card: string } } => typeof step?.with?.card === 'string');

  it('is there and passes the server schema', async () => {
    const { composeCard } = await import('../../src/card/compose.js');
    expect(cards).toHaveLength(1);
    for (const [eventName, payload] of Object.entries(payloads)) {
      const view = buildView(githubContextFrom({ ...runEnv(eventName, payload), GITHUB_EVENT_NAME: eventName }, payload), 'success');
      const card = await composeCard(view, cards[0]?.with.card ?? '');
      expect(card.title).toBe(`${payload.repository.full_name} deployed to production`);
      const validation = validateNotification({ message: 'fallback', card });
      expect(validation.ok ? 'accepted' : validation.error.error).toBe('accepted');
    }
  });
});
