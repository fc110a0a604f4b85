import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** An input of action.yml, as the command line offers it. */
export interface DeclaredInput {
  readonly name: string;
  readonly description: string;
  /** What the runner would pass when the input is not given, with expressions resolved for a shell. */
  readonly default: string;
  /** An input defaulting to true or false is a switch: `--notify`, `--no-notify`. */
  readonly isSwitch: boolean;
}

/** Outside a job there is no job status; a command line run reports success unless told otherwise. */
const EXPRESSION_DEFAULTS: Readonly<Record<string, string>> = { '${{ job.status }}': 'success' };

interface ActionMetadata {
  inputs?: Record<string, { description?: string; default?: unknown } | null>;
}

export function parseDeclaredInputs(actionYml: string): DeclaredInput[] {
  const metadata = parse(actionYml) as ActionMetadata;
  return Object.entries(metadata.inputs ?? {}).map(([name, input]) => {
    const raw = input?.default === undefined ? '' : String(input.default);
    // Any other expression (needs, secrets...) has no value in a shell: the input starts empty.
    const resolved = EXPRESSION_DEFAULTS[raw] ?? (raw.includes('${{') ? '' : raw);
    return {
      name,
      description: (input?.description ?? '').trim(),
      default: resolved,
      isSwitch: resolved === 'true' || resolved === 'false',
    };
  });
}

/**
 * The inputs action.yml declares. ncc copies action.yml beside the bundle at build time, so the command line
 * offers every input the action has, and check-dist notices when a new one is not bundled yet.
 */
export function readDeclaredInputs(): DeclaredInput[] {
  return parseDeclaredInputs(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8'));
}
