// GitHub's own local runner for actions, @github/local-action, run the way the README tells action authors to run it:
// `npx local-action . src/local-action.ts .env` against the simulator. It imports the entry, calls run() with no
// arguments and shows the outputs it saw through @actions/core.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../simulator/server.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TOKEN = 'local-action-token-4e1b';
let simulator: Simulator;
let dir: string;

beforeAll(async () => {
  simulator = await startSimulator({ rooms: [{ id: 1, name: 'Operations' }], tokens: [{ token: TOKEN }] });
  dir = await mkdtemp(join(tmpdir(), 'hipchat-notify-local-action-'));
});
afterAll(async () => {
  await simulator.close();
  await rm(dir, { recursive: true, force: true });
});

function localAction(envFile: string): Promise<{ code: number | null; stdout: string }> {
  const child = spawn('npx', ['local-action', '.', 'src/local-action.ts', envFile], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stdout += chunk));
  return new Promise((done) => child.on('close', (code) => done({ code, stdout })));
}

describe('npx local-action . src/local-action.ts .env', () => {
  it('sends the notification and shows the outputs', async () => {
    const envFile = join(dir, '.env');
    await writeFile(
      envFile,
      [
        'INPUT_ROOM=Operations',
        `INPUT_TOKEN=${TOKEN}`,
        `INPUT_SERVER_URL=${simulator.url}`,
        'INPUT_STATUS=success',
        'INPUT_FORMAT=text',
        'GITHUB_REPOSITORY=acme/api',
        'GITHUB_WORKFLOW=CI',
        'GITHUB_RUN_NUMBER=42',
        'GITHUB_RUN_ID=7',
        `GITHUB_STEP_SUMMARY=${join(dir, 'summary.md')}`,
      ].join('\n'),
    );
    const { code, stdout } = await localAction(envFile);
    expect(code, stdout).toBe(0);
    expect(simulator.deliveredTo('Operations').map((notification) => notification.body.message)).toEqual([
      'acme/api: CI #42 succeeded\nhttps://github.com/acme/api/actions/runs/7',
    ]);
    const outputs = stdout.slice(stdout.indexOf('Action Outputs'));
    expect(outputs).toMatch(/'ok'\s+│ 'true'/);
    expect(outputs).toMatch(/'delivered_rooms'\s+│ 'Operations'/);
    expect(outputs).toContain(`'[{"room":"Operations","ok":true,"status":204,"attempts":1}]'`);
    expect(stdout).not.toContain(TOKEN);
  }, 60_000);
});
