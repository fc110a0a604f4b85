import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

let child: ChildProcessWithoutNullStreams | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

/** Starts the CLI and returns a reader that yields stdout one line at a time. */
function startCli(args: string[]): { process: ChildProcessWithoutNullStreams; nextLine: () => Promise<string> } {
  const started = spawn(process.execPath, [CLI, ...args], { stdio: 'pipe' });
  child = started;
  const lines = createInterface({ input: started.stdout })[Symbol.asyncIterator]();
  return {
    process: started,
    nextLine: async () => {
      const { value, done } = await lines.next();
      if (done) throw new Error('the CLI closed stdout');
      return value;
    },
  };
}

describe('cli', () => {
  it('prints its address, logs each request without tokens, and stops on SIGTERM', async () => {
    const cli = startCli(['--port', '0', '--room', 'Operations', '--room', 'Dev Ops', '--token', 'secret-token']);
    const banner = JSON.parse(await cli.nextLine()) as { url: string };
    expect(banner).toEqual({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      rooms: [
        { id: 1, name: 'Operations' },
        { id: 2, name: 'Dev Ops' },
      ],
      tokens: 1,
    });

    const accepted = await fetch(`${banner.url}/v2/room/Dev%20Ops/notification?auth_token=secret-token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ message: 'Deployed' }),
    });
    expect(accepted.status).toBe(204);
    const acceptedLine = await cli.nextLine();
    expect(JSON.parse(acceptedLine)).toEqual({
      method: 'POST',
      path: '/v2/room/Dev%20Ops/notification',
      status: 204,
      room: 'Dev Ops',
      message: 'Deployed',
    });
    expect(acceptedLine).not.toContain('secret-token');

    await fetch(`${banner.url}/v2/room/Operations/notification`, { method: 'POST' });
    expect(JSON.parse(await cli.nextLine())).toEqual({
      method: 'POST',
      path: '/v2/room/Operations/notification',
      status: 401,
    });

    cli.process.kill('SIGTERM');
    const [code] = await once(cli.process, 'exit');
    expect(code).toBe(0);
  });

  it('uses the defaults without flags', async () => {
    const cli = startCli([]);
    expect(JSON.parse(await cli.nextLine())).toMatchObject({ rooms: [{ id: 1, name: 'Operations' }], tokens: 1 });
    cli.process.kill('SIGINT');
    const [code] = await once(cli.process, 'exit');
    expect(code).toBe(0);
  });

  it('adds v1 tokens to the default v2 token', async () => {
    const cli = startCli(['--v1-token', 'old-token']);
    const banner = JSON.parse(await cli.nextLine()) as { url: string; tokens: number };
    expect(banner.tokens).toBe(2);
    const sent = await fetch(`${banner.url}/v1/rooms/message?format=json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'room_id=Operations&from=CI&message=Deployed&auth_token=old-token',
    });
    expect(sent.status).toBe(200);
    const line = await cli.nextLine();
    expect(JSON.parse(line)).toEqual({ method: 'POST', path: '/v1/rooms/message', status: 200, room: 'Operations', message: 'Deployed' });
    expect(line).not.toContain('old-token');
    cli.process.kill('SIGTERM');
    await once(cli.process, 'exit');
  });

  it('serves the users given, and a user token that may look them up and message them', async () => {
    const cli = startCli(['--user', 'Octo Cat <octo.cat@example.com> @OctoCat', '--user-token', 'person-token']);
    const banner = JSON.parse(await cli.nextLine()) as { url: string; users: unknown; tokens: number };
    expect(banner.users).toEqual([{ id: 1, name: 'Octo Cat', email: 'octo.cat@example.com', mention_name: 'OctoCat' }]);
    expect(banner.tokens).toBe(2);
    const sent = await fetch(`${banner.url}/v2/user/@OctoCat/message`, {
      method: 'POST',
      headers: { authorization: 'Bearer person-token', 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'CI failed' }),
    });
    expect(sent.status).toBe(204);
    const line = await cli.nextLine();
    expect(JSON.parse(line)).toEqual({
      method: 'POST',
      path: '/v2/user/@OctoCat/message',
      status: 204,
      user: 'octo.cat@example.com',
      message: 'CI failed',
    });
    expect(line).not.toContain('person-token');
    cli.process.kill('SIGTERM');
    await once(cli.process, 'exit');
  });

  it('exits 2 with usage on a bad flag', async () => {
    const cli = startCli(['--rate-limit', 'lots']);
    let stderr = '';
    cli.process.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = await once(cli.process, 'exit');
    expect(code).toBe(2);
    expect(stderr).toContain('--rate-limit expects N/SECONDS, got lots');
    expect(stderr).toContain('Usage: npm run sim -- [options]');
  });

  it("npm run sim: starts on the project's Node 24 whatever node is first on PATH, on a free port, and stops with npm", async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    // /usr/bin's node is the machine's own (Node 20 here, which cannot run .ts files).
    const npm = spawn('npm', ['run', '--silent', 'sim', '--', '--room', 'Operations'], {
      cwd: root,
      env: { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: process.env.HOME ?? '' },
      stdio: 'pipe',
    });
    const [line] = (await once(createInterface({ input: npm.stdout }), 'line')) as [string];
    const { url } = JSON.parse(line) as { url: string };
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url).not.toMatch(/:8080$/);
    expect((await fetch(`${url}/v2/capabilities`)).status).toBe(200);
    npm.kill('SIGTERM');
    await once(npm, 'exit');
    await expect
      .poll(
        () =>
          fetch(`${url}/v2/capabilities`).then(
            () => 'serving',
            () => 'stopped',
          ),
        { timeout: 5_000 },
      )
      .toBe('stopped');
  });
});
