// The entry for GitHub's local-action (`npx local-action . src/local-action.ts .env`), the tool action authors use to
// debug an action on their own machine. It imports a module, calls its run() with no arguments, and sees what the
// action did only through @actions/core, which it replaces with its own. So this entry speaks through core, while
// dist/index.js, which the runner starts, speaks the runner's protocol directly and never loads core. Not bundled.
import * as core from '@actions/core';
import { run as runAction } from './main.js';
import { systemDependencies } from './runtime.js';

export function run(): Promise<void> {
  return runAction({
    ...systemDependencies,
    core,
    env: process.env,
    appendSummary: async (markdown) => {
      await core.summary.addRaw(markdown).write();
    },
  });
}
