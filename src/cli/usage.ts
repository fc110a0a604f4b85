import { OWN_OPTIONS, optionName } from './args.js';
import type { DeclaredInput } from './declared-inputs.js';

const WIDTH = 100;
const INDENT = 28;

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return line ? [...lines, line] : lines;
}

function entry(option: string, description: string): string {
  const [first = '', ...rest] = wrap(description, WIDTH - INDENT);
  const head = `  ${option}`;
  const lines = head.length < INDENT ? [`${head.padEnd(INDENT)}${first}`] : [head, `${' '.repeat(INDENT)}${first}`];
  return [...lines, ...rest.map((line) => `${' '.repeat(INDENT)}${line}`)].join('\n');
}

function inputEntry(input: DeclaredInput): string {
  const option = optionName(input.name);
  const form = input.isSwitch ? `--${option}, --no-${option}` : `--${option} VALUE`;
  const fallback = input.default ? ` (default: ${input.default})` : '';
  return entry(form, `${input.description}${fallback}`);
}

/** The help text, built from action.yml, so every input the action has is listed with its own description. */
export function usage(declared: readonly DeclaredInput[]): string {
  const own = Object.entries(OWN_OPTIONS).map(([name, option]) =>
    entry('value' in option ? `--${name} ${option.value}` : `--${name}`, option.description),
  );
  return `Usage: hipchat-notify [options]
       hipchat-notify check [options]

Renders or sends a HipChat notification from a shell, with the same inputs as the GitHub Action: for
scripts, other CI systems, and trying templates and cards before pushing them. \`check\` proves the set-up
instead (the server, its certificate, and the token's right to every call the options turn on, in every room)
and prints a table, posting nothing.

Inputs (as in action.yml; --name VALUE or --name=VALUE; repeat an option for several lines):
${declared
  .filter((input) => !Object.hasOwn(OWN_OPTIONS, optionName(input.name)))
  .map(inputEntry)
  .join('\n')}

Options:
${own.join('\n')}

The token may also come from the HIPCHAT_TOKEN environment variable, and is never printed. The run's context
(workflow, run number, server URL...) comes from the GITHUB_* variables when set; what they leave out comes
from the event payload. Messages go to stderr; stdout gets the outputs as JSON (or, with --dry-run, the requests).
The exit code is 0 on success, 1 when the notification failed, 2 for a mistake on the command line.

Examples:
  HIPCHAT_TOKEN=... hipchat-notify check --server-url https://hipchat.example.com --room Operations
  hipchat-notify --dry-run --format card --event push.json --event-name push
  HIPCHAT_TOKEN=... hipchat-notify --server-url https://hipchat.example.com --room Operations --status failure`;
}
