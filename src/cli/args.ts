import { closestName } from '../suggest.js';
import type { DeclaredInput } from './declared-inputs.js';

/** What a command line asks for: input values by their action.yml names, and the options of the command itself. */
export interface CliArgs {
  /** Only the inputs given; action.yml's defaults fill in the rest later. */
  readonly inputs: Readonly<Record<string, string>>;
  /** The event payload file, as GITHUB_EVENT_PATH would name it. */
  readonly event?: string;
  readonly eventName?: string;
  readonly repository?: string;
  readonly dryRun: boolean;
  readonly help: boolean;
}

/** A mistake on the command line itself; the process exits with 2, as usage errors conventionally do. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * The command's own options; every other `--option` is an input of action.yml. --dry-run stands for the dry_run
 * input, as a flag that never takes the next argument as its value (which could be a token put in the wrong place).
 */
export const OWN_OPTIONS = {
  event: { value: 'FILE', description: 'The event payload (JSON) that started the run, as GITHUB_EVENT_PATH names it.' },
  'event-name': {
    value: 'NAME',
    description: 'The event: push, pull_request, release... (default: GITHUB_EVENT_NAME, else guessed from the payload).',
  },
  repository: { value: 'OWNER/NAME', description: "The repository (default: GITHUB_REPOSITORY, else the payload's repository)." },
  'dry-run': {
    description:
      'Print every request the step would make (method, URL and body; never the token), and send nothing. --room and --token may be left out.',
  },
  help: { description: 'Show this help.' },
} as const satisfies Record<string, { value?: string; description: string }>;

type OwnOption = keyof typeof OWN_OPTIONS;

/** The option for an input: server_url is --server-url. */
export function optionName(input: string): string {
  return input.replace(/_/g, '-');
}

function isOwnOption(name: string): name is OwnOption {
  return Object.hasOwn(OWN_OPTIONS, name);
}

/**
 * Maps `--kebab-case` options to the inputs action.yml declares, generically, so an input added to action.yml
 * needs no change here. `--name value` and `--name=value` both work; a repeated option gives one line per use
 * (`--room A --room B`); a switch (an input defaulting to true or false) also takes `--name` and `--no-name`.
 */
export function parseCliArgs(argv: readonly string[], declared: readonly DeclaredInput[]): CliArgs {
  const inputsByOption = new Map(declared.map((input) => [optionName(input.name), input]));
  const inputs: Record<string, string> = {};
  const own: Partial<Record<OwnOption, string>> = {};

  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === '-h') {
      own.help = 'true';
      continue;
    }
    if (!arg.startsWith('--') || arg === '--') {
      // The value is not repeated: a misplaced argument may be a token.
      throw new UsageError(
        `Unexpected argument ${index + 1}: options start with --, e.g. --room Operations. Run with --help for the options.`,
      );
    }
    const equals = arg.indexOf('=');
    const name = optionName(arg.slice(2, equals === -1 ? undefined : equals));
    const inline = equals === -1 ? undefined : arg.slice(equals + 1);
    const next = argv[index + 1];
    const nextIsValue = next !== undefined && !next.startsWith('--');
    const takeValue = (): string => {
      if (inline !== undefined) return inline;
      if (!nextIsValue) throw new UsageError(`Option --${name} needs a value, e.g. --${name} VALUE or --${name}=VALUE.`);
      index++;
      return next;
    };

    if (isOwnOption(name)) {
      if ('value' in OWN_OPTIONS[name]) own[name] = takeValue();
      else if (inline !== undefined) throw new UsageError(`Option --${name} takes no value.`);
      else own[name] = 'true';
      continue;
    }

    const negated = name.startsWith('no-') ? inputsByOption.get(name.slice(3)) : undefined;
    if (negated?.isSwitch) {
      if (inline !== undefined) throw new UsageError(`Option --${name} takes no value: use --${name.slice(3)}=${inline} instead.`);
      inputs[negated.name] = 'false';
      continue;
    }
    const input = inputsByOption.get(name);
    if (!input) {
      const known = [...inputsByOption.keys(), ...Object.keys(OWN_OPTIONS)];
      const closest = closestName(name, known);
      throw new UsageError(`Unknown option --${name}.${closest ? ` Did you mean --${closest}?` : ''} Run with --help for the options.`);
    }
    // A switch takes its value only when one is written: `--notify` alone means true.
    const value = input.isSwitch && inline === undefined && !nextIsValue ? 'true' : takeValue();
    const previous = inputs[input.name];
    inputs[input.name] = previous === undefined ? value : `${previous}\n${value}`;
  }

  return {
    inputs,
    ...(own.event !== undefined && { event: own.event }),
    ...(own['event-name'] !== undefined && { eventName: own['event-name'] }),
    ...(own.repository !== undefined && { repository: own.repository }),
    dryRun: own['dry-run'] === 'true',
    help: own.help === 'true',
  };
}
