// npm run bench: dist/index.js run as the runner runs it against the local HipChat simulator, each run paired with a
// run of the floor (bench/floor.mjs), for one room, 20 rooms and a card. Prints a table, checks the targets, writes
// a JSON result file, and exits 1 when a target is missed. Measures dist/ as it is: run `npm run build` first after
// changing src/.
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ACTION_ENTRY, type PreparedRun, prepareRun } from '../test/e2e/run-action.ts';
import { exampleEvent, runnerEnvFor } from '../test/fixtures/events.ts';
import { type Simulator, startSimulator } from '../test/simulator/server.ts';
import { printReport, type ScenarioResult, summarize } from './report.ts';
import { type Sample, sample } from './sample.ts';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const FLOOR = join(import.meta.dirname, 'floor.mjs');
const TOKEN = 'bench-token-0123456789';
const ROOMS = Array.from({ length: 20 }, (_, i) => ({ id: i + 1, name: `Room ${i + 1}` }));

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '3' },
    out: { type: 'string', default: join(import.meta.dirname, 'results.json') },
  },
});
const runs = Number(flags.runs);
const warmup = Number(flags.warmup);
if (!(runs >= 1 && warmup >= 0)) throw new Error('--runs must be at least 1 and --warmup at least 0');
if (Number(process.versions.node.split('.')[0]) < 24) throw new Error(`Run under Node 24 (npm run bench), not ${process.version}.`);

interface Scenario {
  name: string;
  inputs: Record<string, string>;
  rooms: number;
}

const SCENARIOS: Scenario[] = [
  { name: 'one room', inputs: { room: 'Room 1' }, rooms: 1 },
  { name: '20 rooms', inputs: { room: ROOMS.map((room) => room.name).join('\n') }, rooms: 20 },
  { name: 'card', inputs: { room: 'Room 1', format: 'card' }, rooms: 1 },
];

interface Prepared extends Scenario {
  run: PreparedRun;
  /** The request the action sent, captured for the floor to send. */
  floorRequest: string;
}

const push = exampleEvent('push', (payload) => payload.ref === 'refs/heads/master' && payload.commits.length > 0);

async function prepare(scenario: Scenario, simulator: Simulator): Promise<Prepared> {
  const run = await prepareRun({
    event: push,
    env: { ...runnerEnvFor('push', push), GITHUB_WORKFLOW: 'CI', GITHUB_RUN_NUMBER: '42' },
    inputs: { token: TOKEN, server_url: simulator.url, ...scenario.inputs },
  });
  // A hosted runner does not set it, and it costs every Node start tens of milliseconds.
  delete run.env.NODE_EXTRA_CA_CERTS;
  try {
    simulator.reset();
    await sample([ACTION_ENTRY], run.env, run.dir);
    const sent = simulator.requests;
    if (sent.length !== scenario.rooms || sent.some((request) => request.status !== 204)) {
      throw new Error(`${scenario.name}: expected ${scenario.rooms} deliveries, got ${sent.map((request) => request.status).join(', ')}`);
    }
    const first = sent[0] as (typeof sent)[number];
    // Everything the action chose to send; the simulator records the token masked, so it is put back.
    const headers = Object.fromEntries(
      Object.entries(first.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)),
    );
    headers.authorization = `Bearer ${TOKEN}`;
    const floorRequest = join(run.dir, 'floor-request.json');
    await writeFile(
      floorRequest,
      JSON.stringify({ urls: sent.map((request) => simulator.url + request.path), headers, body: first.rawBody }),
    );
    return { ...scenario, run, floorRequest };
  } catch (error) {
    await rm(run.dir, { recursive: true, force: true });
    throw error;
  }
}

/** Runs the action, checking that every room got its notification, so a broken run cannot pass as a fast one. */
async function sampleAction(scenario: Prepared, simulator: Simulator): Promise<Sample> {
  simulator.reset();
  await writeFile(scenario.run.outputPath, '');
  await writeFile(scenario.run.summaryPath, '');
  const result = await sample([ACTION_ENTRY], scenario.run.env, scenario.run.dir);
  if (simulator.delivered.length !== scenario.rooms)
    throw new Error(`${scenario.name}: ${simulator.delivered.length} of ${scenario.rooms} delivered`);
  return result;
}

async function sampleFloor(scenario: Prepared, simulator: Simulator): Promise<Sample> {
  simulator.reset();
  const result = await sample([FLOOR, scenario.floorRequest], scenario.run.env, scenario.run.dir);
  if (simulator.delivered.length !== scenario.rooms)
    throw new Error(`floor for ${scenario.name}: ${simulator.delivered.length} of ${scenario.rooms} delivered`);
  return result;
}

async function distFiles(): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const entry of await readdir(DIST, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) sizes.set(join(entry.parentPath, entry.name), (await stat(join(entry.parentPath, entry.name))).size);
  }
  return sizes;
}

const simulator = await startSimulator({
  rooms: ROOMS,
  tokens: [{ token: TOKEN }],
  // Thousands of requests in a few minutes: the limits are not what is measured.
  rateLimit: { limit: 1_000_000, windowSeconds: 300 },
  floodControl: { limit: 1_000_000, windowSeconds: 60 },
});
const prepared: Prepared[] = [];
try {
  const loadBefore = loadavg();
  for (const scenario of SCENARIOS) prepared.push(await prepare(scenario, simulator));
  const samples = new Map(prepared.map((scenario) => [scenario.name, { action: [] as Sample[], floor: [] as Sample[] }]));
  for (let round = 0; round < warmup + runs; round++) {
    for (const scenario of prepared) {
      // A B, then B A: neither side always runs first, on a machine that warms up or cools down.
      const pair =
        round % 2 === 0
          ? { action: await sampleAction(scenario, simulator), floor: await sampleFloor(scenario, simulator) }
          : { floor: await sampleFloor(scenario, simulator), action: await sampleAction(scenario, simulator) };
      if (round < warmup) continue;
      const kept = samples.get(scenario.name);
      kept?.action.push(pair.action);
      kept?.floor.push(pair.floor);
    }
    if (process.stderr.isTTY) process.stderr.write(`\rround ${round + 1} of ${warmup + runs}${round < warmup ? ' (warm-up)' : ''}   `);
  }
  if (process.stderr.isTTY) process.stderr.write('\n');

  const dist = await distFiles();
  const scenarios: ScenarioResult[] = prepared.map(({ name }) => {
    const { action, floor } = samples.get(name) as { action: Sample[]; floor: Sample[] };
    const loaded = [...new Set(action.flatMap((run) => run.loaded))].filter((file) => dist.has(file));
    return {
      name,
      action: action.map(({ wallMs, cpuMs, maxRssMiB }) => ({ wallMs, cpuMs, maxRssMiB })),
      floor: floor.map(({ wallMs, cpuMs, maxRssMiB }) => ({ wallMs, cpuMs, maxRssMiB })),
      loadedFiles: loaded.map((file) => relative(ROOT, file)).sort(),
      loadedBytes: loaded.reduce((sum, file) => sum + (dist.get(file) as number), 0),
    };
  });
  const summary = summarize(
    scenarios,
    [...dist.values()].reduce((sum, size) => sum + size, 0),
  );
  const machine = {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    loadAverageBefore: loadBefore,
    loadAverageAfter: loadavg(),
  };
  await writeFile(flags.out, `${JSON.stringify({ date: new Date().toISOString(), machine, runs, warmup, summary, scenarios }, null, 2)}\n`);
  printReport(summary, machine, runs);
  console.log(`\nResults written to ${relative(process.cwd(), flags.out)}.`);
  if (summary.targets.some((target) => !target.pass)) process.exitCode = 1;
} finally {
  await simulator.close();
  await Promise.all(prepared.map(({ run }) => rm(run.dir, { recursive: true, force: true })));
}
