// The README's ready-to-copy templates must render and be accepted by HipChat, or copying them would hurt.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { githubContextFrom } from '../../src/context/github.js';
import { type MessageFormat, parseFormat } from '../../src/inputs/parse.js';
import { renderTemplate } from '../../src/render/template.js';
import { buildView } from '../../src/view.js';
import { runEnv } from '../fixtures/catalog.ts';
import { exampleEvent } from '../fixtures/events.ts';
import { validateNotification } from '../simulator/validate-notification.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const steps = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
  .map((match) => parse(match[1] ?? '') as unknown)
  .flatMap((doc) => (Array.isArray(doc) ? doc : [doc]))
  .filter((step): step is { with: Record<string, string> & { template: string } } => typeof step?.with?.template === 'string');

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
    const format: MessageFormat = parseFormat(step.with.format ?? '');
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
