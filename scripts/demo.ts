// The action's main job, locally: start the bundled HipChat simulator, run dist/index.js for a sample event the
// way the runner does, and print what the room received. Usage: npm run demo -- [--event NAME] [--format html|text]
import { parseArgs } from 'node:util';
import { runAction } from '../test/e2e/run-action.ts';
import { exampleEvent, type Payload, runnerEnvFor } from '../test/fixtures/events.ts';
import { startSimulator } from '../test/simulator/server.ts';

interface Sample {
  eventName: string;
  status: string;
  payload: () => Payload;
}

const SAMPLES: Record<string, Sample> = {
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
  cancelled: {
    eventName: 'workflow_dispatch',
    status: 'cancelled',
    payload: () => exampleEvent('workflow_dispatch'),
  },
};

const { values } = parseArgs({
  options: {
    event: { type: 'string', default: 'push' },
    format: { type: 'string', default: 'html' },
  },
});
const sample = SAMPLES[values.event];
if (!sample) {
  console.error(`Unknown --event '${values.event}': expected ${Object.keys(SAMPLES).join(', ')}.`);
  process.exit(2);
}

const token = 'demo-token-not-a-secret';
const simulator = await startSimulator({ rooms: [{ id: 1, name: 'Operations' }], tokens: [{ token }] });
try {
  const payload = sample.payload();
  const run = await runAction({
    inputs: { room: 'Operations', token, server_url: simulator.url, format: values.format },
    event: payload,
    eventName: sample.eventName,
    env: runnerEnvFor(sample.eventName, payload),
    jobStatus: sample.status,
  });
  console.log(`HipChat simulator at ${simulator.url}; ran dist/index.js for a ${sample.eventName} event (status ${sample.status}).`);
  console.log(`Exit code: ${run.exitCode}`);
  // The runner shows debug lines only when step debugging is on.
  console.log(run.visibleLog.split('\n').filter((line) => !line.startsWith('::debug::')).join('\n').trim());
  for (const notification of simulator.delivered) {
    console.log(`\nRoom '${notification.room.name}' received (${notification.body.color}, ${notification.body.message_format ?? 'html'}):`);
    console.log(notification.body.message);
  }
  console.log('\nOutputs:');
  for (const [name, value] of Object.entries(run.outputs)) console.log(`  ${name}: ${value}`);
  process.exitCode = run.exitCode ?? 1;
} finally {
  await simulator.close();
}
