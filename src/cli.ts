#!/usr/bin/env node
// The command-line entry (bin: hipchat-notify), bundled to dist/cli/index.js beside the action's dist/index.js.
import { runCli } from './cli/command.js';
import { readDeclaredInputs } from './cli/declared-inputs.js';
import { systemDependencies } from './runtime.js';

process.exitCode = await runCli(process.argv.slice(2), {
  ...systemDependencies,
  declared: readDeclaredInputs(),
  env: process.env,
  io: {
    stdout: (text) => process.stdout.write(text),
    stderr: (line) => process.stderr.write(`${line}\n`),
  },
});
