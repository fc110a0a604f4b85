// The command line (bin: hipchat-notify): dist/index.js started with arguments, or outside GitHub Actions.
import { runCli } from './cli/command.js';
import { readDeclaredInputs } from './cli/declared-inputs.js';
import { systemDependencies } from './runtime.js';

export function runCommandLine(argv: readonly string[]): Promise<number> {
  return runCli(argv, {
    ...systemDependencies,
    declared: readDeclaredInputs(),
    env: process.env,
    io: {
      stdout: (text) => process.stdout.write(text),
      stderr: (line) => process.stderr.write(`${line}\n`),
    },
  });
}
