// The runner's side of the protocol: inputs in INPUT_* variables, workflow commands on stdout, outputs and the job
// summary in files. @actions/core speaks it too, but importing core also loads its HTTP client and undici (for OIDC
// tokens, which this action never asks for) on every run; this is the part the action uses, written byte for byte
// as core writes it (test/unit/runner.test.ts compares the two).
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { EOL } from 'node:os';
import type { ActionCore } from './main.js';
import type { AppendSummary } from './report/report.js';

export interface Runner extends ActionCore {
  readonly appendSummary: AppendSummary;
}

const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** A line the runner would read as a workflow command: `::name::`, or the older `##[name]`, after any white space. */
const COMMAND_LINE = /^\s*(::|##\[)/m;

/** `env` is read at each call, as core reads process.env; `write` takes what goes to stdout. */
export function runner(env: Readonly<Record<string, string | undefined>>, write: (text: string) => void): Runner {
  const command = (name: string, properties: Readonly<Record<string, string | undefined>>, message: string) => {
    const listed = Object.entries(properties)
      .filter((entry): entry is [string, string] => Boolean(entry[1]))
      .map(([key, value]) => `${key}=${escapeProperty(value)}`)
      .join(',');
    write(`::${name}${listed ? ` ${listed}` : ''}::${escapeData(message)}${EOL}`);
  };
  return {
    getInput: (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '').trim(),
    setSecret: (secret) => command('add-mask', {}, secret),
    debug: (message) => command('debug', {}, message),
    // A message is text to show. Where a line of it (a server's words, a name from the event) would read as a
    // command, the runner is told to stop reading commands until a random token, as GitHub documents; core has no
    // such guard, which is why this differs from core.info for those messages alone.
    info: (message) => {
      if (!COMMAND_LINE.test(message)) return write(message + EOL);
      const token = randomUUID();
      write(`::stop-commands::${token}${EOL}${message}${EOL}::${token}::${EOL}`);
    },
    warning: (message, properties = {}) => command('warning', { title: properties.title }, message),
    notice: (message, properties = {}) => command('notice', { title: properties.title }, message),
    setFailed: (message) => {
      process.exitCode = 1;
      command('error', {}, message);
    },
    setOutput: (name, value) => {
      const file = env.GITHUB_OUTPUT;
      if (!file) {
        write(EOL);
        command('set-output', { name }, value);
        return;
      }
      // A random delimiter, so that no value can end the heredoc early and set another output.
      const delimiter = `ghadelimiter_${randomUUID()}`;
      if (name.includes(delimiter) || value.includes(delimiter)) throw new Error(`Output ${name} contains the delimiter ${delimiter}`);
      appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8');
    },
    appendSummary: async (markdown) => {
      if (env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, markdown, 'utf8');
    },
  };
}
