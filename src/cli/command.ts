import { resolve } from 'node:path';
import type { EventPayload } from '../context/github.js';
import { EVENT_PAYLOAD_MAX_BYTES, type ReadText } from '../context/read.js';
import { type Dependencies, previewNotification, run } from '../main.js';
import { type CliArgs, parseCliArgs, UsageError } from './args.js';
import { consoleCore } from './console-core.js';
import type { DeclaredInput } from './declared-inputs.js';
import { localGithubEnv } from './github-env.js';
import { usage } from './usage.js';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (line: string) => void;
}

export interface CliDependencies
  extends Pick<Dependencies, 'readText' | 'readBytes' | 'realPath' | 'createTransport' | 'openGithub' | 'clock' | 'random'> {
  readonly declared: readonly DeclaredInput[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly io: CliIo;
}

/**
 * --dry-run is the dry_run input, which needs no token, and renders for a room and a server that need not be given
 * either.
 */
const DRY_RUN_INPUTS = { room: 'dry-run', dry_run: 'true', server_url: 'https://hipchat.example.com' };

async function readPayload(path: string, readText: ReadText): Promise<EventPayload> {
  let text: string;
  try {
    text = await readText(path, EVENT_PAYLOAD_MAX_BYTES);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`Invalid --event '${path}': cannot read it (${reason}).`);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    throw new UsageError(`Invalid --event '${path}': expected a JSON webhook payload, but it is not valid JSON.`);
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new UsageError(`Invalid --event '${path}': expected a JSON object (a webhook payload).`);
  }
  return payload as EventPayload;
}

/**
 * The command line: the action's own run() with the inputs from options, a console in place of the runner, and
 * the github context from the GITHUB_* variables and the payload. Returns the exit code: 0 sent (or rendered),
 * 1 failed, 2 a mistake on the command line.
 */
export async function runCli(argv: readonly string[], deps: CliDependencies): Promise<number> {
  const { io } = deps;
  let env: Record<string, string | undefined>;
  let args: CliArgs;
  // `hipchat-notify check ...` is `check: true` with the same options.
  const checking = argv[0] === 'check';
  try {
    args = parseCliArgs(checking ? argv.slice(1) : argv, deps.declared);
    if (args.help) {
      io.stdout(`${usage(deps.declared)}\n`);
      return 0;
    }
    const eventPath = args.event === undefined ? undefined : resolve(args.event);
    const payload = eventPath === undefined ? {} : await readPayload(eventPath, deps.readText);
    env = localGithubEnv(deps.env, payload, { ...args, ...(eventPath && { eventPath }) });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`error: ${error.message}`);
    return 2;
  }

  const defaults = Object.fromEntries(deps.declared.map((input) => [input.name, input.default]));
  const inputs = { ...defaults, ...(args.dryRun && DRY_RUN_INPUTS), ...args.inputs, ...(checking && { check: 'true' }) };
  const core = consoleCore(inputs, { write: io.stderr, debug: env.RUNNER_DEBUG === '1' });
  if (!env.GITHUB_REPOSITORY && !checking) {
    core.warning('The message names no repository: give --event FILE (a webhook payload) or --repository OWNER/NAME.');
  }
  // A shell has no job summary; the outputs printed at the end say the same.
  const runDeps: Dependencies = { ...deps, core, env, appendSummary: async () => {} };

  if (args.dryRun) {
    try {
      const { prepared, people } = await previewNotification(runDeps);
      const { file } = prepared.followUps;
      if (file && !file.found) core.warning(`No file would be shared: ${file.reason}.`);
      const { plannedRequests } = await import('./dry-run.js');
      io.stdout(`${JSON.stringify(await plannedRequests(prepared, people?.recipients ?? []), null, 2)}\n`);
    } catch (error) {
      core.setFailed(error instanceof Error ? error.message : String(error));
    }
  } else {
    await run(runDeps);
    // A check's table is what it has to say, and it is in the log; the outputs would only say it again.
    if (core.outputs.check === undefined) io.stdout(`${JSON.stringify(core.outputs, null, 2)}\n`);
  }
  return core.failed ? 1 : 0;
}
