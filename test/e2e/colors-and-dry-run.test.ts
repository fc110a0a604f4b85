// End-to-end: colours per status and the dry run, through dist/index.js against a simulator of each test's own.
import { describe, expect, it, type TestContext } from 'vitest';
import { type Simulator, startSimulator } from '../simulator/server.ts';
import { closedAfter } from './per-test.ts';
import { type ActionRun, annotations, leaksOf, type RunOptions, runAction } from './run-action.ts';

const TOKEN = 'e2e-colors-Token-77aa';

async function run(context: TestContext, options: Partial<RunOptions> = {}): Promise<{ result: ActionRun; simulator: Simulator }> {
  const simulator = await closedAfter(context, startSimulator({ rooms: [{ id: 1, name: 'Operations' }], tokens: [{ token: TOKEN }] }));
  const result = await runAction({
    event: null,
    ...options,
    inputs: { room: 'Operations', token: TOKEN, server_url: simulator.url, format: 'text', ...options.inputs },
  });
  expect(leaksOf(result, TOKEN)).toEqual([]);
  return { result, simulator };
}

describe.concurrent('color as a mapping of statuses to colours', () => {
  it.for([
    ['failure', 'purple'],
    ['started', 'purple'],
    ['success', 'green'],
    ['cancelled', 'gray'],
    ['skipped', 'yellow'],
  ])('color: failure=purple, started=purple colours %s %s', async ([status, color], context) => {
    const { result, simulator } = await run(context, {
      jobStatus: status,
      inputs: { color: 'failure=purple, started=purple', template: '{{ status }}' },
    });
    expect(result.exitCode).toBe(0);
    expect(simulator.delivered.map((delivered) => delivered.body.color)).toEqual([color]);
  });

  it('fails on a bad entry before anything is sent, naming it and what is accepted', async (context) => {
    const { result, simulator } = await run(context, { inputs: { color: 'success=green, falure=red' } });
    expect(result.exitCode).toBe(1);
    expect(simulator.requests).toEqual([]);
    expect(annotations(result, 'error')).toEqual([
      "Invalid color entry 'falure=red': 'falure' is not a status; expected success, failure, cancelled, skipped or started.",
    ]);
  });
});
