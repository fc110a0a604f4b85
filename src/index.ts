#!/usr/bin/env node
// One bundle, two ways in. The runner starts the action with no arguments and GITHUB_ACTIONS set; anything else
// is the command line, loaded as a chunk of its own so the action's start-up never pays for it.
import { run } from './main.js';
import { runner } from './runner.js';
import { systemDependencies } from './runtime.js';

if (process.env.GITHUB_ACTIONS === 'true' && process.argv.length <= 2) {
  const core = runner(process.env, (text) => process.stdout.write(text));
  await run({ ...systemDependencies, core, env: process.env, appendSummary: core.appendSummary });
} else {
  const { runCommandLine } = await import('./cli.js');
  process.exitCode = await runCommandLine(process.argv.slice(2));
}
