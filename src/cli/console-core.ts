import type { ActionCore } from '../main.js';
import { redactor } from '../redact.js';

export interface ConsoleCore extends ActionCore {
  /** The outputs the action would set, for printing at the end. */
  readonly outputs: Readonly<Record<string, string>>;
  readonly failed: boolean;
}

export interface ConsoleOptions {
  /** Where log lines go: stderr, so stdout stays for the JSON a script reads. */
  readonly write: (line: string) => void;
  /** Show debug lines, as the runner does with step debugging on. */
  readonly debug: boolean;
}

/**
 * What the runner does around @actions/core, for a shell: inputs as given (with action.yml's defaults filled in
 * by the caller, trimmed as core.getInput trims), log lines with every secret masked as the runner masks them,
 * and the outputs kept for the end.
 */
export function consoleCore(inputs: Readonly<Record<string, string>>, options: ConsoleOptions): ConsoleCore {
  const secrets = new Set<string>();
  const outputs: Record<string, string> = {};
  let failed = false;
  const log = (prefix: string, message: string): void => options.write(`${prefix}${redactor([...secrets])(message)}`);
  return {
    commandLine: true,
    getInput: (name) => (inputs[name] ?? '').trim(),
    setSecret: (secret) => void secrets.add(secret),
    debug: (message) => {
      if (options.debug) log('debug: ', message);
    },
    info: (message) => log('', message),
    warning: (message) => log('warning: ', message),
    notice: (message) => log('notice: ', message),
    setFailed: (message) => {
      failed = true;
      log('error: ', message);
    },
    setOutput: (name, value) => {
      outputs[name] = value;
    },
    get outputs() {
      return outputs;
    },
    get failed() {
      return failed;
    },
  };
}
