// End-to-end: messages rendered by dist/index.js for every covered event, templates and the length limit.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COVERED_EVENTS, eventCases } from '../fixtures/catalog.ts';
import { exampleEvent } from '../fixtures/events.ts';
import { type Simulator, startSimulator } from '../simulator/server.ts';
import { type ActionRun, annotations, type RunOptions, runAction } from './run-action.ts';

const TOKEN = 'e2e-messages-token-51fa';
let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator({ rooms: [{ id: 1, name: 'Operations' }], tokens: [{ token: TOKEN, kind: 'addon' }] });
});
afterEach(() => simulator.reset());
afterAll(async () => {
  await simulator.close();
});

const pr = exampleEvent('pull_request', (p) => p.action === 'opened');
pr.pull_request.title = 'Fix <script>alert("pwned")</script> & "quotes"';

function run(options: Partial<RunOptions> = {}): Promise<ActionRun> {
  return runAction({
    event: pr,
    eventName: 'pull_request',
    ...options,
    env: {
      GITHUB_EVENT_NAME: options.eventName ?? 'pull_request',
      GITHUB_HEAD_REF: 'changes',
      GITHUB_REPOSITORY: 'Codertocat/Hello-World',
      ...options.env,
    },
    inputs: { room: 'Operations', token: TOKEN, server_url: simulator.url, ...options.inputs },
  });
}

describe('default messages through dist/', () => {
  // One payload per event keeps the suite quick; the unit tests render every payload.
  const firstOfEach = eventCases().filter((c, n, all) => all.findIndex((o) => o.eventName === c.eventName) === n);

  it('covers every event', () => {
    expect(firstOfEach.map((c) => c.eventName).sort()).toEqual([...Object.keys(COVERED_EVENTS), 'schedule'].sort());
  });

  it.each(firstOfEach.map((c) => [c.label, c] as const))('%s is accepted by the simulator', async (_, c) => {
    const result = await run({
      event: c.payload,
      eventName: c.eventName,
      env: c.env,
      inputs: { format: c.eventName.length % 2 ? 'text' : 'html' },
    });
    expect(result.exitCode).toBe(0);
    expect(simulator.delivered).toHaveLength(1);
    expect(simulator.delivered[0]?.body.message).toContain(`${c.env.GITHUB_REPOSITORY}: CI #42`);
  });
});

describe('templates', () => {
  it('escapes event data in html and keeps the template markup', async () => {
    const result = await run({
      inputs: {
        template: '<b>{{ pull_request.title }}</b> <a href="{{ pull_request.url }}">#{{ pull_request.number }}</a> {{ status_word }}',
      },
      jobStatus: 'failure',
    });
    expect(result.exitCode).toBe(0);
    expect(simulator.delivered[0]?.body.message).toBe(
      '<b>Fix &lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt; &amp; &#34;quotes&#34;</b> <a href="https://github.com/Codertocat/Hello-World/pull/2">#2</a> failed',
    );
  });

  it('keeps a value from pinging the room in text, while the template pings', async () => {
    await run({ inputs: { format: 'text', template: '{{ event.pull_request.user.login | prepend: "@" }} {{ repository }} @here' } });
    expect(simulator.delivered[0]?.body.message).toBe('@\u2060Codertocat Codertocat/Hello-World @here');
  });

  it('leaves values as they are in text', async () => {
    await run({ inputs: { format: 'text', template: '{{ pull_request.title }} @here' } });
    expect(simulator.delivered[0]?.body).toMatchObject({
      message: 'Fix <script>alert("pwned")</script> & "quotes" @here',
      message_format: 'text',
    });
  });

  it('reads template_file from the workspace', async () => {
    const result = await run({
      inputs: { template_file: '.github/hipchat/message.liquid', format: 'text' },
      files: { '.github/hipchat/message.liquid': 'Build {{ status }} for #{{ pull_request.number }}\n' },
    });
    expect(result.exitCode).toBe(0);
    expect(simulator.delivered[0]?.body.message).toBe('Build success for #2');
  });

  it.each([
    [{ template: 'x {% if status %}' }, "Invalid template in input 'template' (line 1, column 3): tag {% if status %} not closed."],
    [
      { template: '{{ staus }}' },
      "Invalid template in input 'template' (line 1, column 4): unknown variable 'staus'. Did you mean 'status'?",
    ],
    [{ template_file: 'missing.liquid' }, "Invalid template_file 'missing.liquid': cannot read"],
    [{ template_file: '../outside.liquid' }, "Invalid template_file '../outside.liquid': expected a path inside the workspace"],
    [{ template: 'a', template_file: 'b' }, "Inputs 'template' and 'template_file' were both given: expected one of them."],
  ])('%j fails before anything is sent', async (inputs, message) => {
    const result = await run({ inputs });
    expect(result.exitCode).toBe(1);
    expect(simulator.requests).toHaveLength(0);
    expect(annotations(result, 'error')[0]).toContain(message);
  });

  it('names the file and line of an error in template_file', async () => {
    const result = await run({ inputs: { template_file: 't.liquid' }, files: { 't.liquid': 'line one\n{{ status | nope }}' } });
    expect(annotations(result, 'error')).toEqual([
      "Invalid template in template_file 't.liquid' (line 2, column 1): undefined filter: nope. Filters are listed at https://liquidjs.com/filters/overview.html.",
    ]);
  });
});

describe("HipChat's 10,000-character limit", () => {
  it('shortens an over-long message cleanly, warns, and delivers it', async () => {
    const result = await run({ inputs: { template: '{% for i in (1..3000) %}<b>{{ pull_request.number }}&amp;</b> {% endfor %}' } });
    expect(result.exitCode).toBe(0);
    const message = simulator.delivered[0]?.body.message ?? '';
    expect([...message].length).toBeLessThanOrEqual(10_000);
    expect(message).toMatch(/^(<b>2&amp;<\/b> )+<br><i>… \(message shortened to fit HipChat’s 10,000-character limit\)<\/i>$/);
    expect(result.stdout).toMatch(/^::warning::The message had 41999 characters; HipChat accepts 10000, so it was shortened\.$/m);
  });
});
