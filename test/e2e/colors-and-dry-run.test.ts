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

describe.concurrent('dry_run', () => {
  it('sends nothing, exits 0 with the payload as an output, shows it in the summary and says so in a notice', async (context) => {
    const { result, simulator } = await run(context, {
      jobStatus: 'failure',
      inputs: { dry_run: 'true', format: 'html', room: 'Operations\nDev Ops', mention: '@here' },
    });
    expect(result.exitCode).toBe(0);
    expect(simulator.requests).toEqual([]);
    const payload = JSON.parse(result.outputs.payload ?? '');
    expect(payload).toMatchObject({
      message_format: 'html',
      color: 'red',
      message: expect.stringContaining('acme/api: CI #42</a> failed'),
    });
    expect(result.outputs).toMatchObject({
      ok: 'true',
      results: '[]',
      delivered_rooms: '',
      failed_rooms: '',
      skipped: 'false',
      skip_reason: '',
    });
    expect(annotations(result, 'notice')).toEqual([
      "Dry run: nothing was sent. The notification would have gone to 'Operations', 'Dev Ops'; the payload output and the job summary show it.",
    ]);
    expect(result.summary).toContain('### HipChat notification (dry run)');
    expect(result.summary).toContain('It would have gone to <b>Operations</b>, <b>Dev Ops</b>.');
    expect(result.summary).toContain(payload.message);
    expect(result.summary).toContain('@here acme/api: CI #42 failed');
  });

  it('needs no token, as in a workflow run from a fork without secrets', async (context) => {
    const { result, simulator } = await run(context, { inputs: { dry_run: 'true', token: '' } });
    expect(result.exitCode).toBe(0);
    expect(simulator.requests).toEqual([]);
    expect(JSON.parse(result.outputs.payload ?? '').message).toMatch(/^acme\/api: CI #42 succeeded/);
  });

  it('still checks send_when, and says why it would not send', async (context) => {
    const { result } = await run(context, { jobStatus: 'success', inputs: { dry_run: 'true', send_when: 'failure' } });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ skipped: 'true', skip_reason: "Not sent: send_when is 'failure' and the status is success." });
  });

  it('still fails on a broken template or an invalid input', async (context) => {
    const broken = await run(context, { inputs: { dry_run: 'true', template: '{{ run_ulr }}' } });
    expect(broken.result.exitCode).toBe(1);
    expect(annotations(broken.result, 'error')[0]).toMatch(/unknown variable 'run_ulr'. Did you mean 'run_url'\?/);
    const invalid = await run(context, { inputs: { dry_run: 'maybe' } });
    expect(annotations(invalid.result, 'error')).toEqual(["Invalid dry_run 'maybe': expected true or false."]);
  });
});
