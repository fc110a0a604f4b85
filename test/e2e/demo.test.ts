// The README's first command: the demo sends its tour through dist/index.js, prints what the room got, and
// serves the room preview until Ctrl-C.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LastCheck } from '../../preview/checks.ts';
import type { PreviewEntry } from '../../preview/entries.ts';
import { runCli } from './run-action.ts';

const DEMO = resolve(import.meta.dirname, '../../scripts/demo.ts');

describe('npm run demo', () => {
  it('prints what the room received, serves the page with a card on top, and stops on Ctrl-C', async () => {
    // CI set would make the demo exit after printing; this test wants the serving demo.
    const { CI: _ci, ...env } = process.env;
    const demo = spawn(process.execPath, [DEMO, '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    demo.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const exited = new Promise<number | null>((done) => demo.on('close', done));
    const url = await new Promise<string>((found, fail) => {
      demo.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk;
        const match = /Room preview: (\S+)/.exec(stdout);
        if (match) found(match[1] as string);
      });
      void exited.then(() => fail(new Error(`The demo exited early:\n${stdout}\n${stderr}`)));
    });

    expect(stdout).toContain('▸ push (success), format card: dist/index.js exited with 0');
    expect(stdout).toContain('  card: Codertocat/Hello-World: CI #42 succeeded');
    expect(stdout).toContain('  rejected by HipChat (400): ');
    const entries = (await (await fetch(new URL('/api/notifications', url))).json()) as PreviewEntry[];
    expect(entries.map((entry) => entry.status)).toEqual([204, 400, 204, 204, 204]);
    expect(stdout).toContain('▸ push (failure), why it failed: failed steps, errors and log lines: dist/index.js exited with 0');
    expect((entries[3]?.body as { message?: string } | undefined)?.message).toMatch(
      /test \(24\)<\/a>: step &quot;Run npm test&quot; failed: <a href="[^"]+\/src\/parser\.test\.ts#L42">src\/parser\.test\.ts:42<\/a>.*<pre>.*Process completed with exit code 1\.<\/pre>$/s,
    );
    expect(entries.at(-1)?.body).toMatchObject({ card: { title: 'Codertocat/Hello-World: CI #42 succeeded' } });

    // The tour ends with the set-up check: its table on the terminal and in the page, nothing more in the room.
    expect(stdout).toContain('▸ check: the set-up, posting nothing: dist/index.js exited with 0');
    expect(stdout).toMatch(/^ {2}✓ Room 'Operations': notifications \(send_notification\) /m);
    const probesOf = async () =>
      ((await (await fetch(new URL('/api/check', url))).json()) as LastCheck).probes.map(
        (probe) => `${probe.target?.name} ${probe.status}`,
      );
    // A check probes its rooms at once: their order is the order HipChat answered.
    expect(await probesOf()).toEqual(['Operations 202']);
    // The check the demo suggests, from another shell: its table replaces the demo's.
    const suggested = /^ {2}node dist\/index\.js (check .+)$/m.exec(stdout)?.[1];
    expect(suggested).toBeDefined();
    const check = await runCli(suggested?.split(' ') ?? []);
    expect(check.exitCode, check.output).toBe(1);
    expect((await probesOf()).sort()).toEqual(['Nowhere 404', 'Operations 202']);
    expect(((await (await fetch(new URL('/api/notifications', url))).json()) as PreviewEntry[]).length).toBe(5);

    demo.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
  });

  it('stops with its parent, even a parent killed without passing a signal on', async () => {
    const { CI: _ci, ...env } = process.env;
    // A shell stands in for npm: killed with SIGKILL, it cannot tell its child anything.
    const parent = spawn('sh', ['-c', `"${process.execPath}" "${DEMO}" --port 0 --event push & wait`], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    const url = await new Promise<string>((found) => {
      parent.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk;
        const match = /Room preview: (\S+)/.exec(stdout);
        if (match) found(match[1] as string);
      });
    });
    expect((await fetch(url)).status).toBe(200);
    parent.kill('SIGKILL');
    await expect
      .poll(
        () =>
          fetch(url).then(
            () => 'serving',
            () => 'stopped',
          ),
        { timeout: 5_000 },
      )
      .toBe('stopped');
  });
});
