// src/runner.ts against @actions/core: the same calls must put the same bytes on stdout and in the runner's files.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Runner, runner } from '../../src/runner.ts';

type Calls = (target: Omit<Runner, 'appendSummary'>) => void;

const TRICKY = 'a % b\r\nc: d, e %0A ::error::';

let dir: string;
let saved: NodeJS.ProcessEnv;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runner-test-'));
  saved = { ...process.env };
});
afterEach(async () => {
  process.env = saved;
  process.exitCode = undefined;
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

/** What a series of calls writes, with each random heredoc delimiter replaced by one fixed word. */
async function written(calls: (write: (text: string) => void) => Promise<void> | void) {
  await writeFile(join(dir, 'output'), '');
  await writeFile(join(dir, 'summary.md'), '');
  let stdout = '';
  await calls((text) => (stdout += text));
  const fixed = (text: string) => text.replace(/ghadelimiter_[0-9a-f-]{36}/g, 'ghadelimiter_X');
  return {
    stdout: fixed(stdout),
    output: fixed(await readFile(join(dir, 'output'), 'utf8')),
    summary: await readFile(join(dir, 'summary.md'), 'utf8'),
    exitCode: process.exitCode,
  };
}

async function compare(env: Record<string, string>, calls: Calls): Promise<void> {
  Object.assign(process.env, env);
  const ours = await written((write) => calls(runner(process.env, write)));
  process.exitCode = undefined;
  const theirs = await written((write) => {
    vi.spyOn(process.stdout, 'write').mockImplementation((text) => {
      write(String(text));
      return true;
    });
    calls(core);
  });
  expect(ours).toEqual(theirs);
}

describe('runner writes what @actions/core writes', () => {
  it('reads inputs, trimmed, with spaces in a name as underscores', () => {
    const env = { INPUT_ROOM: '  Operations \n', INPUT_MY_INPUT: 'x', INPUT_EMPTY: '' };
    Object.assign(process.env, env);
    const ours = runner(process.env, () => {});
    for (const name of ['room', 'my input', 'empty', 'missing']) expect(ours.getInput(name)).toBe(core.getInput(name));
    expect(ours.getInput('room')).toBe('Operations');
  });

  it('masks, logs, warns and gives notice with a title, and fails, escaping every command', async () => {
    await compare({}, (target) => {
      target.setSecret(TRICKY);
      target.debug(TRICKY);
      target.info(TRICKY);
      target.warning(TRICKY);
      target.warning(TRICKY, { title: TRICKY });
      target.notice(TRICKY, { title: TRICKY });
      target.setFailed(TRICKY);
    });
  });

  it('info turns off command processing around a message with a line that reads as a command', async () => {
    const { stdout } = await written((write) => runner(process.env, write).info('Step failed:\n::add-mask::x\n  ##[error]y'));
    const token = /^::stop-commands::(\S+)\n/.exec(stdout)?.[1];
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    expect(stdout).toBe(`::stop-commands::${token}\nStep failed:\n::add-mask::x\n  ##[error]y\n::${token}::\n`);
  });

  it('sets outputs in GITHUB_OUTPUT as a heredoc', async () => {
    await compare({ GITHUB_OUTPUT: join(dir, 'output') }, (target) => {
      target.setOutput('results', '[{"room":"A"}]\nsecond line');
      target.setOutput('empty', '');
    });
  });

  it('sets outputs with a command when GITHUB_OUTPUT is not set', async () => {
    delete process.env.GITHUB_OUTPUT;
    await compare({}, (target) => target.setOutput('results', TRICKY));
  });

  it('appends the job summary as core.summary.addRaw(...).write() does', async () => {
    process.env.GITHUB_STEP_SUMMARY = join(dir, 'summary.md');
    const markdown = '## Sent\n\n| room | ok |\n| --- | --- |\n';
    const ours = await written(() => runner(process.env, () => {}).appendSummary(markdown));
    const theirs = await written(async () => {
      await core.summary.addRaw(markdown).write();
    });
    expect(ours.summary).toBe(markdown);
    expect(ours).toEqual(theirs);
  });
});
