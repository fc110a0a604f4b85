#!/usr/bin/env node
// The command-line entry (bin: hipchat-notify), bundled to dist/cli/index.js beside the action's dist/index.js.
import { readFile } from 'node:fs/promises';
import { runCli } from './cli/command.js';
import { readDeclaredInputs } from './cli/declared-inputs.js';
import { undiciTransport } from './hipchat/undici-transport.js';

process.exitCode = await runCli(process.argv.slice(2), {
  declared: readDeclaredInputs(),
  env: process.env,
  readText: (path) => readFile(path, 'utf8'),
  createTransport: undiciTransport,
  io: {
    stdout: (text) => process.stdout.write(text),
    stderr: (line) => process.stderr.write(`${line}\n`),
  },
});
