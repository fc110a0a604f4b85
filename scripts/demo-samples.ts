// What the demo sends: runs of dist/index.js for sample events, each with the outcome it should have.
import { exampleEvent, type Payload, runnerEnvFor } from '../test/fixtures/events.ts';

export interface Sample {
  readonly eventName: string;
  /** What the runner substitutes for ${{ job.status }}. */
  readonly status: string;
  readonly payload: () => Payload;
  readonly env?: Record<string, string>;
}

export const SAMPLES: Readonly<Record<string, Sample>> = {
  push: {
    eventName: 'push',
    status: 'success',
    payload: () => exampleEvent('push', (p) => p.ref.startsWith('refs/heads/') && p.commits.length > 0),
  },
  pull_request: {
    eventName: 'pull_request',
    status: 'failure',
    payload: () => exampleEvent('pull_request', (p) => p.action === 'opened'),
  },
  release: {
    eventName: 'release',
    status: 'success',
    payload: () => exampleEvent('release', (p) => p.action === 'published'),
  },
  failure: {
    eventName: 'workflow_run',
    status: 'failure',
    payload: () => exampleEvent('workflow_run', (p) => p.workflow_run.conclusion === 'success'),
    env: { GITHUB_WORKFLOW: 'Deploy', GITHUB_RUN_NUMBER: '12' },
  },
  cancelled: {
    eventName: 'workflow_dispatch',
    status: 'cancelled',
    payload: () => exampleEvent('workflow_dispatch'),
  },
};

export interface DemoRun {
  readonly sample: string;
  readonly inputs: Record<string, string>;
  /** Whether HipChat should take it: the tour also shows what a rejection looks like. */
  readonly accepted: boolean;
  readonly note?: string;
}

/**
 * The default tour, oldest first so that the page, newest first, opens on the card. The rejected one is a
 * template author's everyday mistake: a tag HipChat does not keep.
 */
export const TOUR: readonly DemoRun[] = [
  { sample: 'release', inputs: { format: 'text' }, accepted: true },
  {
    sample: 'push',
    inputs: { template: '<p><b>{{ repository }}</b> {{ workflow }} #{{ run_number }} {{ status_word }}</p>' },
    accepted: false,
    note: 'a template using <p>, a tag HipChat does not keep',
  },
  { sample: 'pull_request', inputs: { format: 'html' }, accepted: true },
  { sample: 'push', inputs: { format: 'card' }, accepted: true },
];

export function runOptionsFor(sample: Sample): { event: Payload; eventName: string; env: Record<string, string>; jobStatus: string } {
  const event = sample.payload();
  return {
    event,
    eventName: sample.eventName,
    env: { ...runnerEnvFor(sample.eventName, event), ...sample.env },
    jobStatus: sample.status,
  };
}
