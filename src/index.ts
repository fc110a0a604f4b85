import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { nodeTransport } from './hipchat/node-transport.js';
import { proxyConfigured } from './hipchat/transport-options.js';
import { run } from './main.js';
import { runner } from './runner.js';

const core = runner(process.env, (text) => process.stdout.write(text));

await run({
  core,
  env: process.env,
  readText: (path) => readFile(path, 'utf8'),
  // undici loads only when a proxy variable is set: Node's own client does the rest.
  createTransport: async (options) =>
    proxyConfigured(process.env) ? (await import('./hipchat/proxy-transport.js')).proxyTransport(options) : nodeTransport(options),
  appendSummary: core.appendSummary,
  // Only send_when's changed, fixed and broken need the GitHub API: its client loads for them alone.
  lookUpPreviousRun: async (query) => (await import('./github/previous-run.js')).lookUpPreviousRun(query),
  clock: { now: Date.now, sleep: (ms) => sleep(ms) },
  random: Math.random,
});
