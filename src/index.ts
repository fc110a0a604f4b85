import * as core from '@actions/core';
import { run } from './main.js';
import { systemDependencies } from './runtime.js';

await run({
  ...systemDependencies,
  core,
  env: process.env,
  appendSummary: async (markdown) => {
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown).write();
  },
});
