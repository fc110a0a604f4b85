// Runs dist/index.js the way the GitHub runner does: a fresh Node process, INPUT_* variables with action.yml's
// defaults filled in, the GITHUB_* variables, an event payload file, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');

export interface RunOptions {
  inputs: Record<string, string>;
  /** The event payload written to GITHUB_EVENT_PATH; `null` leaves the variable unset. */
  event?: unknown;
  eventName?: string;
  /** GITHUB_* and other variables that override the defaults below. */
  env?: Record<string, string>;
  /** What the runner substitutes for `${{ job.status }}` in an input default. */
  jobStatus?: string;
  /** Files to put in the workspace (GITHUB_WORKSPACE), by relative path. */
  files?: Record<string, string>;
  /** Symbolic links to put in the workspace: relative path → target, as `ln -s target path` would make. */
  symlinks?: Record<string, string>;
}

export interface ActionRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** Every line of stdout and stderr except the runner commands that register a mask. */
  visibleLog: string;
}

interface ActionMetadata {
  inputs: Record<string, { default?: string }>;
}

const metadata = parse(await readFile(join(ROOT, 'action.yml'), 'utf8')) as ActionMetadata;

/** What the runner substitutes for `${{ github.token }}`: the fake GitHub API accepts it. */
export const GITHUB_TOKEN = 'ghs_e2eRunnerToken0123456789abcdef';

/** The runner evaluates expressions in defaults; the ones this action uses are substituted here. */
function inputDefaults(jobStatus: string): Record<string, string> {
  const defaults: Record<string, string> = {};
  for (const [name, input] of Object.entries(metadata.inputs)) {
    if (input.default === undefined) continue;
    defaults[name] = String(input.default).replace('${{ job.status }}', jobStatus).replace('${{ github.token }}', GITHUB_TOKEN);
  }
  return defaults;
}

export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Parses the heredoc format that @actions/core writes to GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n?\2$/gm;
  for (const match of text.matchAll(pattern)) outputs[match[1] as string] = match[3] as string;
  return outputs;
}

/** The messages of the runner's annotation commands of one kind, decoded as the runner decodes them. */
export function annotations(result: ActionRun, kind: 'error' | 'warning' | 'notice'): string[] {
  return result.stdout
    .split('\n')
    .filter((line) => line.startsWith(`::${kind}`))
    .map((line) =>
      line
        .replace(/^::\w+( [^:]*)?::/, '')
        .replace(/%0D/g, '\r')
        .replace(/%0A/g, '\n')
        .replace(/%25/g, '%'),
    );
}

/** Where a secret shows in what a user or a later step can see: the visible log, the outputs, the summary. */
export function leaksOf(result: ActionRun, secret: string): string[] {
  const places = { log: result.visibleLog, outputs: JSON.stringify(result.outputs), summary: result.summary };
  return Object.entries(places)
    .filter(([, text]) => text.includes(secret))
    .map(([place]) => place);
}

export const PUSH_ENV: Record<string, string> = {
  GITHUB_REPOSITORY: 'acme/api',
  GITHUB_REPOSITORY_OWNER: 'acme',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_REF_NAME: 'main',
  GITHUB_REF_TYPE: 'branch',
  GITHUB_SHA: 'abc1234def5678abc1234def5678abc1234def56',
  GITHUB_ACTOR: 'octocat',
  GITHUB_WORKFLOW: 'CI',
  GITHUB_JOB: 'build',
  GITHUB_RUN_ID: '9876543210',
  GITHUB_RUN_NUMBER: '42',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_SERVER_URL: 'https://github.com',
  // Tests that look up a previous run point this at the fake GitHub API; any other lookup fails fast, offline.
  GITHUB_API_URL: 'http://127.0.0.1:1',
};

/** A run's folder and environment, ready to spawn in: what the runner sets up before it starts the action. */
export interface PreparedRun {
  /** The temporary workspace, also HOME and RUNNER_TEMP; remove it when done. */
  dir: string;
  env: Record<string, string>;
  outputPath: string;
  summaryPath: string;
}

/** Writes the event, workspace files and empty output files, and builds the environment from scratch. */
export async function prepareRun(options: RunOptions): Promise<PreparedRun> {
  const dir = await mkdtemp(join(tmpdir(), 'hipchat-notify-run-'));
  const outputPath = join(dir, 'output');
  const summaryPath = join(dir, 'summary.md');
  await writeFile(outputPath, '');
  await writeFile(summaryPath, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: dir,
    RUNNER_OS: 'Linux',
    GITHUB_WORKSPACE: dir,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    ...PUSH_ENV,
  };
  if (options.event !== null) {
    const eventPath = join(dir, 'event.json');
    await writeFile(eventPath, JSON.stringify(options.event ?? {}));
    env.GITHUB_EVENT_PATH = eventPath;
  }
  for (const [path, content] of Object.entries(options.files ?? {})) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  for (const [path, target] of Object.entries(options.symlinks ?? {})) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await symlink(target, join(dir, path));
  }
  for (const [name, value] of Object.entries({ ...inputDefaults(options.jobStatus ?? 'success'), ...options.inputs })) {
    env[inputVariable(name)] = value;
  }
  Object.assign(env, options.env);
  return { dir, env, outputPath, summaryPath };
}

/** The bundle the runner executes. */
export const ACTION_ENTRY = join(ROOT, 'dist/index.js');

/** What the command line printed, apart and (as a terminal shows it) interleaved, and how it exited. */
export interface CliRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly output: string;
}

/**
 * dist/index.js from a shell: the command line with `args`. The environment is only PATH and `env`, so no GITHUB_*
 * variable of the test's own runner leaks into the context.
 */
export async function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  const child = spawn(process.execPath, [ACTION_ENTRY, ...args], {
    ...(options.cwd !== undefined && { cwd: options.cwd }),
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
    output += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk;
    output += chunk;
  });
  const exitCode = await new Promise<number | null>((done) => child.on('close', done));
  return { exitCode, stdout, stderr, output };
}

export async function runAction(options: RunOptions): Promise<ActionRun> {
  const { dir, env, outputPath, summaryPath } = await prepareRun(options);
  try {
    const child = spawn(process.execPath, [ACTION_ENTRY], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const exitCode = await new Promise<number | null>((done) => child.on('close', done));

    const visibleLog = `${stdout}\n${stderr}`
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
    return {
      exitCode,
      stdout,
      stderr,
      outputs: parseOutputFile(await readFile(outputPath, 'utf8')),
      summary: await readFile(summaryPath, 'utf8'),
      visibleLog,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
