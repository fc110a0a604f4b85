#!/usr/bin/env node
// One bundle, two ways in. The runner starts the action with no arguments and GITHUB_ACTIONS set; anything else
// started on this file is the command line, loaded as a chunk of its own so the action's start-up never pays for it.
// A tool that imports the file (local-action imports its entry and calls run()) starts neither: it is pointed at
// src/local-action.ts instead.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { run } from './main.js';
import { runner } from './runner.js';
import { systemDependencies } from './runtime.js';

/** Whether node was started on this file (through the bin link, too), rather than another module importing it. */
function startedOnThisFile(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (startedOnThisFile()) {
  if (process.env.GITHUB_ACTIONS === 'true' && process.argv.length <= 2) {
    const core = runner(process.env, (text) => process.stdout.write(text));
    await run({ ...systemDependencies, core, env: process.env, appendSummary: core.appendSummary });
  } else {
    const { runCommandLine } = await import('./cli.js');
    process.exitCode = await runCommandLine(process.argv.slice(2));
  }
}
