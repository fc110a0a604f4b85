import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import * as core from '@actions/core';
import { undiciTransport } from './hipchat/undici-transport.js';
import { run } from './main.js';

await run({
  core,
  env: process.env,
  readText: (path) => readFile(path, 'utf8'),
  createTransport: undiciTransport,
  appendSummary: async (markdown) => {
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown).write();
  },
  // Only send_when's changed, fixed and broken need the GitHub API: its client loads for them alone.
  lookUpPreviousRun: async (query) => (await import('./github/previous-run.js')).lookUpPreviousRun(query),
  clock: { now: Date.now, sleep: (ms) => sleep(ms) },
  random: Math.random,
});
