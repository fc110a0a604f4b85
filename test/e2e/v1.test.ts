// End-to-end: dist/index.js with api_version: v1 against the simulator's /v1/rooms/message. Each test has its own
// simulator, so the tests run at once.
import { describe, expect, it, type TestContext } from 'vitest';
import { type Simulator, startSimulator } from '../simulator/server.ts';
import { closedAfter } from './per-test.ts';
import { type ActionRun, annotations, leaksOf, type RunOptions, runAction } from './run-action.ts';

// '+' and '/' change when form-encoded, so the encoded token must be hidden as well.
const V1_TOKEN = 'v1+Token/0f1e2d3c4b5a';
const V2_TOKEN = 'v2-Token-9a8b7c6d5e4f';

const runs: ActionRun[] = [];

function simulatorFor(context: TestContext): Promise<Simulator> {
  const rooms = [
    { id: 1, name: 'Operations' },
    { id: 2, name: 'Dev Ops' },
  ];
  return closedAfter(context, startSimulator({ rooms, tokens: [{ token: V1_TOKEN, version: 'v1' }, { token: V2_TOKEN }] }));
}

async function run(simulator: Simulator, options: Partial<RunOptions> & { inputs?: Record<string, string> } = {}): Promise<ActionRun> {
  const result = await runAction({
    event: null,
    ...options,
    inputs: { room: 'Operations', token: V1_TOKEN, server_url: simulator.url, api_version: 'v1', ...options.inputs },
  });
  runs.push(result);
  return result;
}

describe.concurrent('api_version: v1', () => {
  it('posts the form to /v1/rooms/message with the token in the body, not the URL', async (context) => {
    const simulator = await simulatorFor(context);
    const result = await run(simulator, { inputs: { room: 'Dev Ops', format: 'text', notify: 'true' }, jobStatus: 'failure' });
    expect(result.exitCode).toBe(0);
    const [request] = simulator.requests;
    expect(request?.path).toBe('/v1/rooms/message');
    expect(request?.query).toEqual({ format: 'json' });
    expect(request?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.body).toEqual({
      room_id: 'Dev Ops',
      from: 'GitHub Actions',
      message: 'acme/api: CI #42 failed on main (abc1234) by octocat\nhttps://github.com/acme/api/actions/runs/9876543210',
      message_format: 'text',
      notify: '1',
      color: 'red',
      auth_token: '***',
    });
    expect(request?.tokenUsed).toBe(V1_TOKEN);
    expect(simulator.deliveredTo('Dev Ops')).toHaveLength(1);
    expect(JSON.parse(result.outputs.results ?? '')).toEqual([{ room: 'Dev Ops', ok: true, status: 200, attempts: 1 }]);
  });

  it("checks from against v1's rules before sending", async (context) => {
    const simulator = await simulatorFor(context);
    const result = await run(simulator, { inputs: { from: 'GitHub Actions CI' } });
    expect(result.exitCode).toBe(1);
    expect(simulator.requests).toEqual([]);
    expect(annotations(result, 'error')).toEqual([
      "Invalid from 'GitHub Actions CI': with api_version v1, HipChat requires a sender name of 1 to 15 letters, digits, '-', '_' or spaces.",
    ]);
  });

  it('asks for a v1 token when given a v2 one, without retrying', async (context) => {
    const simulator = await simulatorFor(context);
    const result = await run(simulator, { inputs: { token: V2_TOKEN } });
    expect(result.exitCode).toBe(1);
    expect(simulator.requests).toHaveLength(1);
    expect(annotations(result, 'error')[0]).toBe(
      "HipChat notification failed for 1 of 1 room(s).\nHipChat did not accept the token for room 'Operations' (HipChat said: 401 Auth token invalid. Please see: https://www.hipchat.com/docs/api/auth): with api_version v1, the token input must hold a v1 admin or notification token (v2 tokens do not work on v1).",
    );
  });

  it("reads 403 as v1's rate limit: waits for a near reset and delivers once", async (context) => {
    const simulator = await simulatorFor(context);
    simulator.injectFault({ fault: { kind: 'rate-limit', scope: 'token', resetInSeconds: 1 } });
    const result = await run(simulator);
    expect(result.exitCode).toBe(0);
    expect(simulator.requests.map((request) => request.status)).toEqual([403, 200]);
    expect(simulator.delivered).toHaveLength(1);
    expect(result.stdout).toMatch(
      /^HipChat's rate limit for the token stopped the notification for room 'Operations' \(HipChat said: 403 Rate limit exceeded\. Please see: https:\/\/www\.hipchat\.com\/docs\/api\/rate_limiting\)\. It resets at .*\. Sending again in/m,
    );
  });

  it('fails at once on a 403 whose reset is beyond the budget, naming the limit', async (context) => {
    const simulator = await simulatorFor(context);
    simulator.injectFault({ fault: { kind: 'rate-limit', scope: 'token', resetInSeconds: 300 } });
    const result = await run(simulator);
    expect(result.exitCode).toBe(1);
    expect(simulator.requests).toHaveLength(1);
    expect(annotations(result, 'error')[0]).toMatch(
      /^HipChat notification failed for 1 of 1 room\(s\)\.\nHipChat's rate limit for the token stopped the notification for room 'Operations' \(HipChat said: 403 .*\)\. It resets at .*Z\. The action did not wait: that is beyond the 47 s/,
    );
  });
});

describe('the token', () => {
  it('is hidden, encoded as in the form, when the server quotes the body back', async (context) => {
    const simulator = await simulatorFor(context);
    const echo = (status: number) => ({
      kind: 'status' as const,
      status,
      body: { error: { code: status, message: `Cannot handle ${new URLSearchParams({ auth_token: V1_TOKEN })}`, type: 'Error' } },
    });
    simulator.injectFault({ fault: echo(503) });
    simulator.injectFault({ fault: echo(400) });
    const result = await run(simulator);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/\(HipChat said: 503 Cannot handle auth_token=\*\*\*\)\. Sending again in/);
    expect(annotations(result, 'error')[0]).toContain('(HipChat said: 400 Cannot handle auth_token=***)');
  });

  it('shows in no log line, output or summary, though it travels in the form body', () => {
    expect(runs).toHaveLength(6);
    for (const result of runs) {
      expect(leaksOf(result, V1_TOKEN)).toEqual([]);
      expect(leaksOf(result, encodeURIComponent(V1_TOKEN))).toEqual([]);
    }
  });
});
