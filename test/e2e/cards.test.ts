// End-to-end: format card through dist/index.js against the simulator, which validates cards to the schema.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventCases } from '../fixtures/catalog.ts';
import { readmeSteps } from '../fixtures/readme.ts';
import { type Simulator, startSimulator } from '../simulator/server.ts';
import { annotations, runAction } from './run-action.ts';

const TOKEN = 'e2e-cards-token-77c1';
let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator({ rooms: [{ id: 1, name: 'Deploys' }], tokens: [{ token: TOKEN, kind: 'addon' }] });
});
afterEach(() => simulator.reset());
afterAll(async () => {
  await simulator.close();
});

const firstOfEach = eventCases().filter((c, n, all) => all.findIndex((o) => o.eventName === c.eventName) === n);
const readmeCard = readmeSteps().find((step) => step.with?.card)?.with?.card;

function run(c: (typeof firstOfEach)[number], inputs: Record<string, string>, jobStatus = 'success') {
  return runAction({
    event: c.payload,
    eventName: c.eventName,
    env: { ...c.env, GITHUB_JOB: 'notify' },
    jobStatus,
    inputs: { room: 'Deploys', token: TOKEN, server_url: simulator.url, format: 'card', ...inputs },
  });
}

describe('format: card', () => {
  it.each(firstOfEach.map((c) => [c.label, c] as const))('%s: the default card and its html fallback are accepted', async (_, c) => {
    const result = await run(c, {}, 'failure');
    expect(result.exitCode).toBe(0);
    const body = simulator.delivered[0]?.body;
    expect(body?.message_format).toBe('html');
    expect(body?.message).toContain(`${c.env.GITHUB_REPOSITORY}: CI #42</a> failed`);
    expect(body?.card).toMatchObject({
      style: 'application',
      id: `hipchat-notify:${c.env.GITHUB_REPOSITORY}:9876543210:1:notify`,
      title: `${c.env.GITHUB_REPOSITORY}: CI #42 failed`,
      attributes: expect.arrayContaining([{ label: 'Status', value: { label: 'failure', style: 'lozenge-error' } }]),
    });
    expect(JSON.parse(result.outputs.payload ?? '{}').card).toEqual(body?.card);
    expect(result.summary).toContain(
      `🃏 **Card** (application, medium)\n\n<blockquote><b><a href="${body?.card?.url}">${c.env.GITHUB_REPOSITORY}: CI #42 failed</a></b>`,
    );
    expect(result.summary).toContain('| Status | 🔴 failure |');
  });

  it("the README's customised card is accepted", async () => {
    const release = firstOfEach.find((c) => c.eventName === 'release');
    if (!release || !readmeCard) throw new Error('missing fixture');
    const result = await run(release, { card: readmeCard });
    expect(result.exitCode).toBe(0);
    expect(simulator.delivered[0]?.body.card).toMatchObject({
      title: 'Codertocat/Hello-World deployed to production',
      format: 'compact',
      description: { format: 'html', value: '<b>0.0.1</b> by Codertocat' },
    });
  });

  it.each([
    [
      { card: 'thumbnail: { url: "https://x.example/t.png", width: "43" }' },
      'Invalid card: card.thumbnail.width must be a number, not "43".',
    ],
    [{ card: 'title: x', format: 'html' }, "Input 'card' is set but format is 'html': set format: card to send a card."],
  ])('%j fails before anything is sent', async (inputs, message) => {
    const push = firstOfEach[0];
    if (!push) throw new Error('missing fixture');
    const result = await run(push, inputs);
    expect(result.exitCode).toBe(1);
    expect(simulator.requests).toHaveLength(0);
    expect(annotations(result, 'error')).toEqual([message]);
  });
});
