// End-to-end: files and event data a hostile repository or pull request could hand the action. A template_file must
// never read outside the workspace (a symbolic link to /proc/self/environ would post the runner's environment, token
// included, to the room), no file is read without a bound, and no text from the event can become a workflow command
// or an output.
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../simulator/server.ts';
import { type ActionRun, annotations, leaksOf, type RunOptions, runAction } from './run-action.ts';

const TOKEN = 'e2e-hostile-files-token-7c2e';
let simulator: Simulator;
const runs: ActionRun[] = [];

beforeAll(async () => {
  simulator = await startSimulator({ rooms: [{ id: 1, name: 'Operations' }], tokens: [{ token: TOKEN, kind: 'addon' }] });
});
afterEach(() => simulator.reset());
afterAll(async () => {
  await simulator.close();
});

async function run(options: Partial<RunOptions> = {}): Promise<ActionRun> {
  const result = await runAction({
    event: null,
    ...options,
    inputs: { room: 'Operations', token: TOKEN, server_url: simulator.url, format: 'text', ...options.inputs },
  });
  runs.push(result);
  return result;
}

describe('template_file', () => {
  it.each([
    ['a symbolic link to /proc/self/environ', { symlinks: { 'notify.liquid': '/proc/self/environ' } }, 'notify.liquid'],
    ['a symbolic link out of the workspace through a folder', { symlinks: { templates: '/etc' } }, 'templates/hostname'],
    ['a chain of links that ends outside', { symlinks: { 'a.liquid': 'b.liquid', 'b.liquid': '/proc/self/environ' } }, 'a.liquid'],
  ] as const)('is refused when it is %s, before anything is sent', async (_, files, path) => {
    const result = await run({ ...files, inputs: { template_file: path } });
    expect(result.exitCode).toBe(1);
    expect(simulator.requests).toHaveLength(0);
    expect(annotations(result, 'error')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Invalid template_file '${path}': it leads through a symbolic link to a file outside the workspace \\(.*\\), which the action does not read\\.`,
        ),
      ),
    ]);
  });

  it.each(['../outside.liquid', '/etc/hostname'])('is refused when it names %s, outside the workspace', async (path) => {
    const result = await run({ inputs: { template_file: path } });
    expect(result.exitCode).toBe(1);
    expect(simulator.requests).toHaveLength(0);
    expect(annotations(result, 'error')[0]).toMatch(new RegExp(`^Invalid template_file '${path}': expected a path inside the workspace`));
  });

  it('may be a symbolic link that stays inside the workspace', async () => {
    const result = await run({
      files: { 'templates/build.liquid': 'Build {{ status }}' },
      symlinks: { 'notify.liquid': 'templates/build.liquid' },
      inputs: { template_file: 'notify.liquid' },
    });
    expect(result.exitCode).toBe(0);
    expect(simulator.delivered.map((notification) => notification.body.message)).toEqual(['Build success']);
  });

  it('is refused when it is not a regular file, or larger than 1 MiB', async () => {
    const folder = await run({ files: { 'templates/x.liquid': '' }, inputs: { template_file: 'templates' } });
    expect(annotations(folder, 'error')[0]).toMatch(/^Invalid template_file 'templates': cannot read .* \(it is not a regular file\)\.$/);
    const large = await run({ files: { 'big.liquid': 'x'.repeat(1024 * 1024 + 1) }, inputs: { template_file: 'big.liquid' } });
    expect(annotations(large, 'error')[0]).toMatch(
      /^Invalid template_file 'big.liquid': cannot read .* \(it is larger than the 1 MiB the action reads\)\.$/,
    );
    expect(simulator.requests).toHaveLength(0);
  });
});

describe('ca_cert', () => {
  it('may still name a file outside the workspace, as a self-hosted runner keeps its CA in /etc', async () => {
    const result = await run({ inputs: { ca_cert: '/etc/hostname' } });
    // The file is read (it is outside the workspace) and refused only because it holds no certificate.
    expect(annotations(result, 'error')[0]).toMatch(
      /^Invalid ca_cert '\/etc\/hostname': the file holds no '-----BEGIN CERTIFICATE-----' block/,
    );
  });
});

describe('GITHUB_EVENT_PATH', () => {
  it('not JSON: a warning naming the file, never a stack trace', async () => {
    const path = join(tmpdir(), `hipchat-notify-bad-event-${process.pid}.json`);
    await writeFile(path, '{"commits": [');
    const result = await run({ env: { GITHUB_EVENT_PATH: path } });
    expect(result.exitCode).toBe(0);
    expect(annotations(result, 'warning')[0]).toContain(path);
    expect(result.stderr).toBe('');
    expect(simulator.delivered).toHaveLength(1);
  });

  it('20 MB with 2,000 commits: a sensible notification with the first commits and a link to the rest', async () => {
    const commits = Array.from({ length: 2_000 }, (_, n) => ({
      id: n.toString(16).padStart(40, '0'),
      message: `Commit ${n}\n\n${'Long body line. '.repeat(600)}`,
      author: { name: `Author ${n}`, username: `author${n}` },
      url: `https://github.com/acme/api/commit/${n}`,
    }));
    const event = { ref: 'refs/heads/main', compare: 'https://github.com/acme/api/compare/a...b', commits, head_commit: commits.at(-1) };
    expect(JSON.stringify(event).length).toBeGreaterThan(19_000_000);
    const result = await run({ event });
    expect(result.exitCode).toBe(0);
    const [message] = simulator.delivered.map((notification) => notification.body.message);
    expect(message).toContain('Commit 0');
    expect(message).not.toContain('Commit 5\n');
    expect(message?.length).toBeLessThanOrEqual(10_000);
  });
});

describe('event data that holds workflow commands', () => {
  const HOSTILE =
    'x\n::error::injected\n%0A::add-mask::Operations\n::set-output name=ok::false\nok<<ghadelimiter_1\nfalse\nghadelimiter_1\n##[error]legacy';

  it('cannot add a command to the log or an output to the step', async () => {
    const commit = {
      id: 'a'.repeat(40),
      message: HOSTILE,
      author: { name: HOSTILE, username: HOSTILE },
      url: 'https://github.com/acme/api/commit/a',
    };
    const event = { ref: `refs/heads/${HOSTILE}`, commits: [commit], head_commit: commit, sender: { login: HOSTILE } };
    const result = await run({
      event,
      env: { GITHUB_REF_NAME: HOSTILE, GITHUB_ACTOR: HOSTILE, GITHUB_WORKFLOW: HOSTILE, RUNNER_DEBUG: '1' },
      jobStatus: 'failure',
      inputs: { status: 'failure', mention: '@here', fail_on_error: 'false', template: `{{ commit_title }} {{ actor }}\n${HOSTILE}` },
    });
    expect(result.exitCode).toBe(0);
    expect(simulator.delivered.length).toBeGreaterThan(0);
    const commands = result.stdout.split('\n').filter((line) => /^\s*(::|##\[)/.test(line));
    for (const line of commands) expect(line).toMatch(/^::(add-mask|debug|warning)::/);
    expect(annotations(result, 'error')).toEqual([]);
    expect(Object.keys(result.outputs).sort()).toEqual([
      'delivered_rooms',
      'failed_rooms',
      'message_id',
      'ok',
      'payload',
      'results',
      'skip_reason',
      'skipped',
    ]);
    expect(result.outputs.ok).toBe('true');
    expect(result.outputs.payload).toContain('::error::injected');
  });
});

describe('the token', () => {
  it('shows in no log line, output or summary of any run', () => {
    expect(runs.length).toBeGreaterThan(0);
    for (const result of runs) expect(leaksOf(result, TOKEN)).toEqual([]);
  });
});
