// One timed run of a Node process: wall time from spawn to exit, measured here; the rest from bench/measure.mjs.
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Sample {
  wallMs: number;
  cpuMs: number;
  maxRssMiB: number;
  /** Absolute paths of every file the process loaded as a module. */
  loaded: string[];
}

interface Measured {
  maxRssKiB: number;
  userMicros: number;
  systemMicros: number;
  loaded: string[];
}

const PRELOAD = pathToFileURL(join(import.meta.dirname, 'measure.mjs')).href;

/** Runs `node <args>` in `cwd` with exactly `env` (plus the preload) and fails unless it exits 0. */
export async function sample(args: readonly string[], env: Readonly<Record<string, string>>, cwd: string): Promise<Sample> {
  const out = join(cwd, `measure-${process.hrtime.bigint()}.json`);
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...env, NODE_OPTIONS: `--import=${PRELOAD}`, BENCH_MEASURE_OUT: out },
    // As on the runner, which reads the action's stdout and stderr through pipes.
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  let wallMs = 0;
  child.on('exit', () => (wallMs = performance.now() - started));
  // 'close' comes after 'exit', once the output is read to its end.
  const exitCode = await new Promise<number | null>((done) => child.on('close', done));
  if (exitCode !== 0) throw new Error(`node ${args.join(' ')} exited with ${exitCode}:\n${output}`);
  const measured = JSON.parse(await readFile(out, 'utf8')) as Measured;
  await rm(out);
  return {
    wallMs,
    cpuMs: (measured.userMicros + measured.systemMicros) / 1000,
    maxRssMiB: measured.maxRssKiB / 1024,
    loaded: measured.loaded,
  };
}
