import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTransport } from './hipchat/transport.js';
import { run } from './main.js';
import { runner } from './runner.js';

const core = runner(process.env, (text) => process.stdout.write(text));

await run({
  core,
  env: process.env,
  readText: (path) => readFile(path, 'utf8'),
  createTransport,
  appendSummary: core.appendSummary,
  // Only send_when's changed, fixed and broken need the GitHub API: its client loads for them alone.
  lookUpPreviousRun: async (query) => (await import('./github/previous-run.js')).lookUpPreviousRun(query),
  clock: { now: Date.now, sleep: (ms) => sleep(ms) },
  random: Math.random,
});
