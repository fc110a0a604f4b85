// End-to-end: dist/index.js against a simulator that fails in the ways real servers do. Each test has its own
// simulator, so the tests can run at once and their waits overlap, and a request still held by a delay fault cannot
// land in another test's records.
import { describe, expect, it, type TestContext, vi } from 'vitest';
import { type Simulator, startSimulator } from '../simulator/server.ts';
import { closedAfter } from './per-test.ts';
import { type ActionRun, annotations, leaksOf, type RunOptions, runAction } from './run-action.ts';

const TOKEN = 'retry-Token-1a2b3c4d5e6f';
const ROOMS = [
  { id: 1, name: 'Operations' },
  { id: 2, name: 'Dev Ops' },
  { id: 3, name: 'QA' },
];

const runs: ActionRun[] = [];

function simulatorFor(context: TestContext): Promise<Simulator> {
  return closedAfter(
    context,
    startSimulator({ rooms: ROOMS, tokens: [{ token: TOKEN }, { token: 'no-scope-token', scopes: ['view_room'] }] }),
  );
}

async function run(simulator: Simulator, options: Partial<RunOptions> & { inputs?: Record<string, string> } = {}): Promise<ActionRun> {
  const result = await runAction({
    event: null,
    ...options,
    inputs: { room: 'Operations', token: TOKEN, server_url: simulator.url, ...options.inputs },
  });
  runs.push(result);
  return result;
}

function results(result: ActionRun): { room: string; ok: boolean; status: number; attempts: number; error?: string }[] {
  return JSON.parse(result.outputs.results ?? '[]');
}

/** Milliseconds from when the simulator received the first request until now, leaving out the action's start-up. */
function sinceFirstRequest(simulator: Simulator): number {
  return Date.now() - (simulator.requests[0]?.at ?? Number.NaN);
}

/** The log lines that announce a retry. */
function retryLines(result: ActionRun): string[] {
  return result.stdout.split('\n').filter((line) => / Sending again in [\d.]+ s \(attempt \d+ of at most \d+\)\.$/.test(line));
}

describe.concurrent('faults that pass', () => {
  it('503 twice: waits longer each time, delivers once on the third attempt over one kept-alive connection', async (context) => {
    const simulator = await simulatorFor(context);
    simulator.injectFault({ fault: { kind: 'status', status: 503 }, times: 2 });
    const result = await run(simulator);
    expect(result.exitCode).toBe(0);
    expect(simulator.requests.map((request) => request.status)).toEqual([503, 503, 204]);
    expect(simulator.delivered).toHaveLength(1);
    expect(results(result)).toEqual([{ room: 'Operations', ok: true, status: 204, attempts: 3 }]);
    const [first, second, third] = simulator.requests.map((request) => request.at);
    expect((second as number) - (first as number)).toBeGreaterThanOrEqual(500);
    expect((third as number) - (second as number)).toBeGreaterThanOrEqual(1_000);
    expect(new Set(simulator.requests.map((request) => request.connection)).size).toBe(1);
    expect(retryLines(result)).toEqual([
      expect.stringMatching(
        /^HipChat at .* failed with a server error for room 'Operations' \(HipChat said: 503 Service Unavailable\)\. Sending again in .* \(attempt 2 of at most 4\)\.$/,
      ),
      expect.stringMatching(/\(attempt 3 of at most 4\)\.$/),
    ]);
    expect(result.stdout).toContain("Delivered to room 'Operations' on attempt 3.");
  });

  it('a dropped connection: sends again and delivers once', async (context) => {
    const simulator = await simulatorFor(context);
    simulator.injectFault({ fault: { kind: 'drop' } });
    const result = await run(simulator);
    expect(result.exitCode).toBe(0);
    expect(simulator.requests.map((request) => request.status)).toEqual([0, 204]);
    expect(simulator.delivered).toHaveLength(1);
    expect(retryLines(result)[0]).toMatch(/^Could not reach HipChat at .* for room 'Operations': .*\. Sending again in/);
  });

  it('an answer slower than timeout: gives up on it, sends again, and may deliver twice, as the log warns', async (context) => {
    const simulator = await simulatorFor(context);
    simulator.injectFault({ fault: { kind: 'delay', ms: 1_500 } });
    const result = await run(simulator, { inputs: { timeout: '1' } });
    expect(result.exitCode).toBe(0);
    expect(results(result)).toEqual([{ room: 'Operations', ok: true, status: 204, attempts: 2 }]);
    expect(retryLines(result)[0]).toMatch(
      /^HipChat at .* gave no complete answer for room 'Operations' within 1 s; it may have taken the notification all the same\. Sending again/,
    );
    // The server finished the first request after the action stopped waiting: the duplicate a timeout can cause.
    await vi.waitFor(() => expect(simulator.delivered).toHaveLength(2));
  });

  it('429 with a reset a second or two ahead: waits for the reset and delivers exactly once', async (context) => {
    const simulator = await simulatorFor(context);
    simulator.injectFault({ fault: { kind: 'rate-limit', scope: 'token', resetInSeconds: 1 } });
    const result = await run(simulator);
    expect(result.exitCode).toBe(0);
    const [limited, sent] = simulator.requests;
    expect([limited?.status, sent?.status]).toEqual([429, 204]);
    expect(simulator.delivered).toHaveLength(1);
    const reset = (Math.ceil((limited?.at ?? 0) / 1000) + 1) * 1000;
    expect(sent?.at).toBeGreaterThanOrEqual(reset);
    expect(retryLines(result)).toEqual([
      expect.stringMatching(
        /^HipChat's rate limit for the token stopped the notification for room 'Operations' \(HipChat said: 429 Rate Limit exceeded\)\. It resets at .*Z\. Sending again in/,
      ),
    ]);
  });
});

describe.concurrent('faults that fail, clearly and in bounded time', () => {
  it.for([
    ['token', "HipChat's rate limit for the token"],
    ['room', "HipChat's flood control for the room"],
  ] as const)(
    '429 from the %s limit with a reset beyond the budget: fails at once, naming the limit and the reset',
    async ([scope, limit], context) => {
      const simulator = await simulatorFor(context);
      simulator.injectFault({ fault: { kind: 'rate-limit', scope, resetInSeconds: 120 } });
      const result = await run(simulator);
      expect(result.exitCode).toBe(1);
      expect(simulator.requests).toHaveLength(1);
      expect(sinceFirstRequest(simulator)).toBeLessThan(2_000);
      const [error] = annotations(result, 'error');
      expect(error).toBe(
        `HipChat notification failed for 1 of 1 room(s).\n${limit} stopped the notification for room 'Operations' (HipChat said: 429 ${scope === 'token' ? 'Rate Limit exceeded' : 'Flood control limit exceeded: too many messages sent to this room'}). It resets at ${error?.match(/It resets at (\S+Z)\./)?.[1]}. The action did not wait: that is beyond the 47 s it may spend on a room (timeout × (retries + 1), plus the waits between attempts).`,
      );
      // The reset the simulator sent: 120 s after the request, rounded up to the second.
      const resetMs = Date.parse(error?.match(/It resets at (\S+Z)\./)?.[1] ?? '');
      const receivedAt = simulator.requests[0]?.at ?? Number.NaN;
      expect(resetMs - receivedAt).toBeGreaterThanOrEqual(120_000);
      expect(resetMs - receivedAt).toBeLessThanOrEqual(121_100);
    },
  );

  it('a server that never answers in time: stops within the budget', async (context) => {
    const simulator = await simulatorFor(context);
    // The simulator records a delayed request when it answers, 3 s after receipt, which is before the action gives up.
    simulator.injectFault({ fault: { kind: 'delay', ms: 3_000 }, times: Infinity });
    const result = await run(simulator, { inputs: { timeout: '2', retries: '1' } });
    expect(result.exitCode).toBe(1);
    // Two attempts of at most 2 s and a wait of at most 1 s: a budget of 5 s, and a second of slack. The budget leaves
    // the second attempt room however slow a loaded machine makes the first one time out.
    expect(sinceFirstRequest(simulator)).toBeLessThan(6_000);
    expect(results(result)).toEqual([expect.objectContaining({ ok: false, status: 0, attempts: 2 })]);
    expect(annotations(result, 'error')[0]).toMatch(
      // The second attempt has what is left of the budget, which a loaded machine can make less than 2 s.
      /gave no complete answer for room 'Operations' within [\d.]+ s; it may have taken the notification all the same\. Gave up after 2 attempts\.$/,
    );
  });

  it.for([
    [400, { template: '<div>markup HipChat does not keep</div>' }],
    [401, { token: 'wrong-token' }],
    [403, { token: 'no-scope-token' }],
    [404, { room: 'Nowhere' }],
  ] as const)('%i is never retried: exactly one request', async ([status, inputs], context) => {
    const simulator = await simulatorFor(context);
    const result = await run(simulator, { inputs });
    expect(result.exitCode).toBe(1);
    expect(simulator.requests.map((request) => request.status)).toEqual([status]);
    expect(retryLines(result)).toEqual([]);
    expect(results(result)).toEqual([expect.objectContaining({ ok: false, status, attempts: 1 })]);
  });

  it('one room keeps failing: the others get the notification once, and the outputs say which did not and why', async (context) => {
    const simulator = await simulatorFor(context);
    simulator.injectFault({ fault: { kind: 'delay', ms: 1_500 }, room: 'Operations' });
    simulator.injectFault({ fault: { kind: 'status', status: 502 }, times: Infinity, room: 'Dev Ops' });
    const result = await run(simulator, { inputs: { room: 'Operations\nDev Ops\nQA', retries: '1' } });
    expect(result.exitCode).toBe(1);
    expect(simulator.delivered.map((delivery) => delivery.room.name).sort()).toEqual(['Operations', 'QA']);
    expect(results(result)).toEqual([
      { room: 'Operations', ok: true, status: 204, attempts: 1 },
      {
        room: 'Dev Ops',
        ok: false,
        status: 502,
        attempts: 2,
        error: `HipChat at ${simulator.url} failed with a server error for room 'Dev Ops' (HipChat said: 502 Bad Gateway). Gave up after 2 attempts.`,
      },
      { room: 'QA', ok: true, status: 204, attempts: 1 },
    ]);
    expect(result.outputs.delivered_rooms).toBe('Operations\nQA');
    expect(result.outputs.failed_rooms).toBe('Dev Ops');
    expect(result.summary).toContain('| Dev Ops | ❌ HipChat at');
    // All rooms were sent to at once: QA did not wait for the slow answer to Operations.
    const receivedAt = (room: string) => simulator.requests.find((request) => request.room === room)?.at ?? Number.NaN;
    expect(Math.abs(receivedAt('QA') - receivedAt('Operations'))).toBeLessThan(1_000);
  });
});

describe('the token', () => {
  it('shows in no log line, output or summary of any run', () => {
    expect(runs.length).toBeGreaterThanOrEqual(12);
    for (const result of runs) expect(leaksOf(result, TOKEN)).toEqual([]);
  });
});
