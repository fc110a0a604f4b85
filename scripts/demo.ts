// The action's main job, locally: start the bundled HipChat simulator and the room preview page, run
// dist/index.js for sample events the way the runner does, print what the room received, and keep the page
// serving until Ctrl-C. Usage: npm run demo -- [--event NAME] [--format card|html|text] [--port N] [--once]
import { parseArgs } from 'node:util';
import { startPreview } from '../preview/server.ts';
import { annotations, GITHUB_TOKEN, runAction } from '../test/e2e/run-action.ts';
import { startFakeGithub } from '../test/github-api/server.ts';
import { type RecordedRequest, startSimulator } from '../test/simulator/server.ts';
import type { NotificationBody } from '../test/simulator/validate-notification.ts';
import { DEMO_RUN_ID, type DemoRun, runOptionsFor, SAMPLES, TOUR } from './demo-samples.ts';

const USAGE = `Usage: npm run demo -- [options]
  (no options)       send a text message, a rejected html message, an html message, a failed run's
                     message with why it failed, and a card; then check the set-up, posting nothing
  --event NAME       send one notification for ${Object.keys(SAMPLES).join(', ')}
  --format FORMAT    with it, card (the default), html or text
  --port N           serve the room preview on port N (default 8080; a free port when busy)
  --once             exit after printing, without serving the page (also when CI is set)`;

function options(): { runs: DemoRun[]; check: boolean; port: number; once: boolean } {
  const { values } = parseArgs({
    options: {
      event: { type: 'string' },
      format: { type: 'string' },
      port: { type: 'string', default: '8080' },
      once: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const fail = (message: string): never => {
    console.error(`${message}\n${USAGE}`);
    process.exit(values.help ? 0 : 2);
  };
  if (values.help) fail('The demo: the action, the HipChat simulator and the room preview page.');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`Invalid --port '${values.port}': expected 0 to 65535.`);
  const event = values.event ?? (values.format ? 'push' : undefined);
  if (event !== undefined && !SAMPLES[event]) fail(`Unknown --event '${event}': expected ${Object.keys(SAMPLES).join(', ')}.`);
  const format = values.format ?? 'card';
  if (!['card', 'html', 'text'].includes(format)) fail(`Invalid --format '${format}': expected card, html or text.`);
  return {
    runs: event === undefined ? [...TOUR] : [{ sample: event, inputs: { format }, accepted: true }],
    check: event === undefined,
    port,
    once: values.once || process.env.CI === 'true',
  };
}

function describeBody(body: NotificationBody): string[] {
  const lines = [`  colour ${body.color}, from '${body.from ?? ''}', ${body.card ? 'card' : (body.message_format ?? 'html')}`];
  if (body.card) {
    lines.push(`  card: ${body.card.title}`);
    const attributes = (body.card.attributes ?? []).map((attribute) => `${attribute.label}: ${attribute.value.label}`);
    if (attributes.length > 0) lines.push(`        ${attributes.join(' · ')}`);
  }
  lines.push(`  message: ${body.message.replace(/\n/g, '\n           ')}`);
  return lines;
}

function describeRequest(request: RecordedRequest | undefined): string[] {
  if (!request) return ['  nothing reached the simulator'];
  if (request.delivered) return [`  delivered to room '${request.delivered.room.name}'`, ...describeBody(request.delivered.body)];
  const error = (request.response as { error?: { message?: string; reason?: string } } | null)?.error;
  const message = error?.message ?? '';
  const reason = error?.reason && !message.includes(error.reason) ? [`  reason: ${error.reason}`] : [];
  return [`  rejected by HipChat (${request.status}): ${message}`, ...reason];
}

/**
 * `check: true` through dist/index.js, as README's "Check your set-up" recommends before the first run: its table, and
 * the preview's, with nothing posted to the room.
 */
async function checkSetUp(serverUrl: string): Promise<boolean> {
  const sample = SAMPLES.push;
  if (!sample) throw new Error("No sample 'push'");
  const run = await runAction({ ...runOptionsFor(sample), inputs: { room: 'Operations', token, server_url: serverUrl, check: 'true' } });
  console.log(`\n▸ check: the set-up, posting nothing: dist/index.js exited with ${run.exitCode}`);
  for (const line of run.stdout.split('\n').filter((text) => /^[✓✗–] /.test(text))) console.log(`  ${line}`);
  return run.exitCode === 0;
}

const { runs, check, port, once } = options();
const token = 'demo-token-not-a-secret';
const simulator = await startSimulator({ rooms: [{ id: 1, name: 'Operations' }], tokens: [{ token }] });
// The GitHub API the failed run's jobs, errors and log come from, as on a runner.
const github = await startFakeGithub({ tokens: [GITHUB_TOKEN] });
const preview = once ? undefined : await startPreview(simulator, { port, fallbackToFreePort: true });
let asExpected = true;
try {
  for (const demo of runs) {
    const sample = SAMPLES[demo.sample];
    if (!sample) throw new Error(`No sample '${demo.sample}'`);
    const before = simulator.requests.length;
    const options = runOptionsFor(sample, sample.jobs && github.url);
    if (sample.jobs) {
      const repository = options.env.GITHUB_REPOSITORY ?? '';
      github.addRuns({ repository, id: DEMO_RUN_ID, run_number: 42, status: 'in_progress', jobs: sample.jobs() });
    }
    const run = await runAction({
      ...options,
      inputs: { room: 'Operations', token, server_url: simulator.url, ...sample.inputs, ...demo.inputs },
    });
    const format = demo.note ?? `format ${demo.inputs.format}`;
    console.log(`\n▸ ${sample.eventName} (${sample.status}), ${format}: dist/index.js exited with ${run.exitCode}`);
    console.log(describeRequest(simulator.requests[before]).join('\n'));
    for (const error of annotations(run, 'error')) console.log(`  the step failed: ${error.replace(/\n/g, '\n    ')}`);
    asExpected &&= (run.exitCode === 0) === demo.accepted;
  }
  if (check) asExpected &&= await checkSetUp(simulator.url);
} finally {
  await github.close();
  if (!preview) await simulator.close();
}
if (!asExpected) console.error('\nA run did not end as the demo expects: see above.');
process.exitCode = asExpected ? 0 : 1;

if (preview) {
  console.log(`
Room preview: ${preview.url}   (live; Ctrl-C to stop)
HipChat simulator: ${simulator.url}, room Operations, token ${token}
Send your own from another shell, and watch it arrive:
  node dist/index.js --server-url ${simulator.url} --token ${token} --room Operations --repository acme/api --format card --status failure
Or check a set-up, and watch its table replace the last one:
  node dist/index.js check --server-url ${simulator.url} --token ${token} --room Operations --room Nowhere`);
  const stop = () => void Promise.all([preview.close(), simulator.close()]).finally(() => process.exit(process.exitCode));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, stop);
  // A parent that dies without passing a signal on (npm killed, a terminal closed) leaves this process to init:
  // stop with it rather than keep the port.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && stop(), 500).unref();
}
