// End-to-end: the bundled command line, dist/index.js, as a shell or another CI system runs it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exampleEvent } from '../fixtures/events.ts';
import { type Simulator, startSimulator } from '../simulator/server.ts';
import { type CliRun, runCli } from './run-action.ts';

const TOKEN = 'cli-Token-5e6f7a8b9c';

let simulator: Simulator;
let dir: string;
let eventFile: string;

beforeAll(async () => {
  simulator = await startSimulator({ rooms: [{ id: 1, name: 'Operations' }], tokens: [{ token: TOKEN }] });
  dir = await mkdtemp(join(tmpdir(), 'hipchat-notify-cli-'));
  eventFile = join(dir, 'pull_request.json');
  await writeFile(eventFile, JSON.stringify(exampleEvent('pull_request', (p) => p.action === 'opened')));
});
afterEach(() => simulator.reset());
afterAll(async () => {
  await simulator.close();
  await rm(dir, { recursive: true, force: true });
});

/** A shell's environment: no GITHUB_* variables, so the context comes from the options and the payload. */
function cli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(args, { cwd: dir, env: { HOME: dir, ...env } });
}

describe('hipchat-notify', () => {
  it('sends a card for an event payload file, and prints the outputs as JSON', async () => {
    const run = await cli(
      ['--server-url', simulator.url, '--room', 'Operations', '--format', 'card', '--status', 'failure', '--event', eventFile, '--notify'],
      { HIPCHAT_TOKEN: TOKEN },
    );
    expect(run.stderr).toBe("Delivered to room 'Operations'.\n");
    expect(run.exitCode).toBe(0);
    const [notification] = simulator.delivered;
    expect(notification?.body).toMatchObject({ color: 'red', notify: true, card: { title: 'Codertocat/Hello-World: local #1 failed' } });
    expect(notification?.body.card?.attributes).toContainEqual({
      label: 'Pull request',
      value: { label: '#2', url: 'https://github.com/Codertocat/Hello-World/pull/2' },
    });
    const outputs = JSON.parse(run.stdout) as Record<string, string>;
    expect(outputs.ok).toBe('true');
    expect(JSON.parse(outputs.payload ?? '')).toEqual(notification?.body);
  });

  it('prints with --dry-run exactly the request it would send, and sends nothing', async () => {
    const args = ['--format', 'card', '--event', eventFile, '--from', 'Jenkins'];
    const dryRun = await cli([...args, '--dry-run']);
    expect(dryRun.exitCode).toBe(0);
    expect(dryRun.stderr).toBe('');
    expect(simulator.requests).toHaveLength(0);

    await cli([...args, '--server-url', simulator.url, '--room', 'Operations', '--token', TOKEN]);
    const [request] = JSON.parse(dryRun.stdout);
    expect(request).toEqual({
      method: 'POST',
      url: 'https://hipchat.example.com/v2/room/dry-run/notification',
      body: simulator.delivered[0]?.body,
    });
  });

  it('fails with exit code 1 and HipChat turned into advice, never printing the token', async () => {
    const run = await cli(['--server-url', simulator.url, '--room', 'Nowhere', '--token', TOKEN, '--repository', 'acme/api']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^error: HipChat notification failed for 1 of 1 room\(s\)\.\n.*Nowhere/);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: 'false', failed_rooms: 'Nowhere' });
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it('fails with exit code 1 on an invalid input, naming it, before sending anything', async () => {
    const run = await cli(['--server-url', simulator.url, '--room', 'Operations', '--token', TOKEN, '--color', 'grey']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("error: Invalid color 'grey': expected auto, yellow, green, red, purple, gray or random.");
    expect(simulator.requests).toHaveLength(0);
  });

  it('advises --token, --server-url or HIPCHAT_TOKEN, not workflow syntax, when one is missing', async () => {
    const noToken = await cli(['--server-url', simulator.url, '--room', 'Operations']);
    expect(noToken.stderr).toContain(
      "error: Input 'token' is required: pass a HipChat API token with the send_notification scope in the HIPCHAT_TOKEN environment variable, or with --token",
    );
    const noServer = await cli(['--room', 'Operations', '--token', TOKEN]);
    expect(noServer.stderr).toContain(
      "error: Input 'server_url' is required: give the address of your HipChat Server or Data Center, e.g. --server-url https://hipchat.example.com",
    );
    expect(noToken.stderr + noServer.stderr).not.toContain('${{');
    expect(simulator.requests).toHaveLength(0);
  });

  it.for(['text', 'html', 'card'])('with no event file, ref or run, leaves out what is unknown in %s', async (format) => {
    const run = await cli(['--dry-run', '--status', 'failure', '--format', format, '--repository', 'acme/api']);
    expect(run.exitCode).toBe(0);
    const [request] = JSON.parse(run.stdout) as { body: { message: string; card?: { title: string } } }[];
    const body = request?.body ?? { message: '' };
    expect(body.message).toBe('acme/api: local #1 failed');
    if (body.card) expect(body.card).toMatchObject({ title: 'acme/api: local #1 failed' });
    expect(run.stdout).not.toMatch(/href=\\"\\"|><\/a>| on\b|\/actions\/runs\/(\\"|")/);
  });

  it('stops at a mistake on the command line with exit code 2', async () => {
    const run = await cli(['--room', 'Operations', '--colour', 'red']);
    const { exitCode, stdout, stderr } = run;
    expect({ exitCode, stdout, stderr }).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'error: Unknown option --colour. Did you mean --color? Run with --help for the options.\n',
    });
    const missing = await cli(['--dry-run', '--event', join(dir, 'missing.json')]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain("Invalid --event '");
  });

  it('warns when nothing tells which repository the message is about', async () => {
    const run = await cli(['--dry-run']);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe(
      'warning: The message names no repository: give --event FILE (a webhook payload) or --repository OWNER/NAME.\n',
    );
    expect((await cli(['--dry-run', '--repository', 'acme/api'])).stderr).toBe('');
  });

  it('lists every option with --help', async () => {
    const run = await cli(['--help']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^Usage: hipchat-notify \[options\]/);
    expect(run.stdout).toContain('--server-url VALUE');
  });
});
