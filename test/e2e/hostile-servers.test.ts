// End-to-end: servers and networks that misbehave, on purpose or not. Whatever they do, the token stays with HipChat's
// own origin and out of every log, the run ends within its time budget and its memory, and the other rooms still get
// their notifications.
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net';
import { describe, expect, it, type TestContext } from 'vitest';
import { type Simulator, startSimulator } from '../simulator/server.ts';
import { closedAfter } from './per-test.ts';
import { type ActionRun, annotations, leaksOf, type RunOptions, runAction } from './run-action.ts';

const TOKEN = 'e2e-hostile-servers-token-91d3';
const ROOMS = [
  { id: 1, name: 'Operations' },
  { id: 2, name: 'QA' },
];
const runs: ActionRun[] = [];

function simulatorFor(context: TestContext): Promise<Simulator> {
  return closedAfter(context, startSimulator({ rooms: ROOMS, tokens: [{ token: TOKEN, kind: 'addon' }] }));
}

async function run(serverUrl: string, options: Partial<RunOptions> = {}): Promise<ActionRun> {
  const result = await runAction({
    event: null,
    ...options,
    inputs: { room: 'Operations', token: TOKEN, server_url: serverUrl, ...options.inputs },
  });
  runs.push(result);
  return result;
}

/** A server on another origin that records every request, to show that nothing was sent to it. */
async function otherOrigin(context: TestContext): Promise<{ url: string; received: IncomingHttpHeaders[]; close(): Promise<void> }> {
  const received: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    received.push(req.headers);
    res.writeHead(204).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return closedAfter(context, Promise.resolve({ url: `http://127.0.0.1:${port}`, received, close: () => closeServer(server) }));
}

/** A TCP server that accepts connections and then does what `onSocket` says, or nothing at all. */
async function rawServer(context: TestContext, onSocket: (socket: Socket) => void = () => {}): Promise<{ url: string }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    onSocket(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const close = async () => {
    for (const socket of sockets) socket.destroy();
    await closeServer(server);
  };
  return closedAfter(context, Promise.resolve({ url: `http://127.0.0.1:${port}`, close }));
}

function closeServer(server: { close(done: () => void): void }): Promise<void> {
  return new Promise((done) => server.close(() => done()));
}

function results(result: ActionRun): { room: string; ok: boolean; status: number; error?: string }[] {
  return JSON.parse(result.outputs.results ?? '[]');
}

describe.concurrent('redirects', () => {
  it.for([301, 302, 307, 308])('a %i to another origin is not followed: the token never leaves for it', async (status, context) => {
    const [simulator, other] = await Promise.all([simulatorFor(context), otherOrigin(context)]);
    simulator.injectFault({ fault: { kind: 'status', status, headers: { location: `${other.url}/v2/room/Operations/notification?x=1` } } });
    const result = await run(simulator.url);
    expect(result.exitCode).toBe(1);
    expect(other.received).toEqual([]);
    expect(simulator.requests).toHaveLength(1);
    expect(annotations(result, 'error')[0]).toBe(
      `HipChat notification failed for 1 of 1 room(s).\nHipChat at ${simulator.url} answered ${status} for room 'Operations', a redirect to ${other.url}/v2/room/Operations/notification. The action does not follow redirects, so that the token never goes to another address: set server_url to the address that serves the HipChat API itself.`,
    );
  });
});

describe.concurrent('answers that never end', () => {
  it('an error body of megabytes is read only up to a bound, quoted short, and the other rooms still get theirs', async (context) => {
    const simulator = await simulatorFor(context);
    simulator.injectFault({ fault: { kind: 'endless-body', status: 500 }, room: 'QA', times: Infinity });
    const result = await run(simulator.url, { inputs: { room: 'Operations\nQA', retries: '1' } });
    expect(result.exitCode).toBe(1);
    expect(simulator.deliveredTo('Operations')).toHaveLength(1);
    const endless = simulator.requests.filter((request) => request.bytesSent !== undefined);
    expect(endless).toHaveLength(2);
    // The action reads 256 KiB; what else went out sat in socket buffers when it hung up.
    for (const request of endless) expect(request.bytesSent).toBeLessThan(16 * 1024 * 1024);
    const failed = results(result).find((entry) => entry.room === 'QA');
    expect(failed?.error).toMatch(/^HipChat at .* failed with a server error for room 'QA' \(HipChat said: 500 \{"error"/);
    expect(failed?.error?.length).toBeLessThan(600);
  });

  it('a server that accepts the connection and never answers: the run ends within timeout', async (context) => {
    const silent = await rawServer(context);
    const started = Date.now();
    const result = await run(silent.url, { inputs: { timeout: '2', retries: '0' } });
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(result.exitCode).toBe(1);
    expect(annotations(result, 'error')[0]).toContain("gave no complete answer for room 'Operations' within 2 s");
  });

  it('a server that sends its answer a byte at a time: the run ends within timeout', async (context) => {
    const dripping = await rawServer(context, (socket) => {
      socket.once('data', () => {
        socket.write('HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
        const drip = setInterval(() => (socket.destroyed ? clearInterval(drip) : socket.write('1\r\nx\r\n')), 100);
        socket.on('close', () => clearInterval(drip));
      });
    });
    const started = Date.now();
    const result = await run(dripping.url, { inputs: { timeout: '2', retries: '0' } });
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(result.exitCode).toBe(1);
    expect(annotations(result, 'error')[0]).toContain('within 2 s');
  });
});

describe.concurrent('limits', () => {
  it('a 429 whose reset is a year ahead ends at once with a clear error instead of waiting', async (context) => {
    const simulator = await simulatorFor(context);
    simulator.injectFault({ fault: { kind: 'rate-limit', scope: 'token', resetInSeconds: 365 * 24 * 3600 } });
    const started = Date.now();
    const result = await run(simulator.url);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.exitCode).toBe(1);
    const year = new Date().getUTCFullYear() + 1;
    expect(annotations(result, 'error')[0]).toMatch(
      new RegExp(
        `rate limit for the token stopped the notification for room 'Operations' .* It resets at ${year}-.*\\. The action did not wait`,
      ),
    );
  });

  it('a template that loops a hundred million times ends within seconds with a clear error, sending nothing', async (context) => {
    const simulator = await simulatorFor(context);
    const started = Date.now();
    const result = await run(simulator.url, { inputs: { template: '{% for i in (1..100000000) %}{{ i }}{% endfor %}' } });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.exitCode).toBe(1);
    expect(simulator.requests).toEqual([]);
    expect(annotations(result, 'error')[0]).toMatch(/^Invalid template in input 'template' .*limit/);
  });
});

describe("30 jobs at once against one room's flood control of 10 messages", () => {
  /** Runs 30 jobs at once; each job that exits 0 must have been delivered exactly once, and each other one must say why. */
  async function thirtyJobs(context: TestContext, windowSeconds: number) {
    const simulator = await closedAfter(
      context,
      startSimulator({ rooms: ROOMS, tokens: [{ token: TOKEN, kind: 'addon' }], floodControl: { limit: 10, windowSeconds } }),
    );
    const jobs = Array.from({ length: 30 }, (_, n) => n + 1);
    const results = await Promise.all(
      jobs.map((n) =>
        run(simulator.url, { env: { GITHUB_RUN_NUMBER: String(n) }, inputs: { format: 'text', template: 'job {{ run_number }}' } }),
      ),
    );
    const delivered = simulator.deliveredTo('Operations').map((notification) => notification.body.message);
    for (const [index, result] of results.entries()) {
      const times = delivered.filter((message) => message === `job ${jobs[index]}`).length;
      if (result.exitCode === 0) expect(times).toBe(1);
      else {
        expect(times).toBe(0);
        expect(annotations(result, 'error')[0]).toMatch(
          /HipChat's flood control for the room stopped the notification for room 'Operations'/,
        );
      }
    }
    return results.map((result) => result.exitCode);
  }

  it('deliver every one when the limit resets within the time they may wait', async (context) => {
    const codes = await thirtyJobs(context, 3);
    expect(codes.filter((code) => code === 0)).toHaveLength(30);
  }, 60_000);

  it('fail loudly, never pass without a delivery, when it resets too late', async (context) => {
    const codes = await thirtyJobs(context, 600);
    expect(codes.filter((code) => code === 0)).toHaveLength(10);
    expect(codes.filter((code) => code === 1)).toHaveLength(20);
  }, 60_000);
});

describe.concurrent('credentials in addresses', () => {
  it('userinfo in server_url is refused before sending and never shown', async (context) => {
    const simulator = await simulatorFor(context);
    const result = await run(simulator.url.replace('http://', 'http://deploy:Us3rinfoSecret@'));
    expect(result.exitCode).toBe(1);
    expect(simulator.requests).toEqual([]);
    expect(annotations(result, 'error')[0]).toContain('without credentials, query string or fragment');
    expect(leaksOf(result, 'Us3rinfoSecret')).toEqual([]);
  });

  it.for(['HTTP_PROXY', 'http_proxy'])('credentials in %s and HTTPS_PROXY never show, when the proxy fails', async (name, context) => {
    const simulator = await simulatorFor(context);
    const failing = await rawServer(context, (socket) => socket.destroy());
    const proxy = (credentials: string) => failing.url.replace('http://', `http://${credentials}@`);
    const result = await run(simulator.url, {
      env: { [name]: proxy('proxyuser:Pr0xy%40Secret'), HTTPS_PROXY: proxy('HttpsPr0xyToken') },
      inputs: { retries: '0' },
    });
    expect(result.exitCode).toBe(1);
    expect(annotations(result, 'error')[0]).toMatch(/^HipChat notification failed .*\nCould not reach HipChat at/);
    for (const secret of ['Pr0xy@Secret', 'Pr0xy%40Secret', 'HttpsPr0xyToken']) expect(leaksOf(result, secret)).toEqual([]);
    for (const secret of ['Pr0xy@Secret', 'HttpsPr0xyToken']) expect(result.stdout).toContain(`::add-mask::${secret}`);
  });
});

describe('the token', () => {
  it('shows in no log line, output or summary of any run', () => {
    expect(runs.length).toBeGreaterThan(0);
    for (const result of runs) expect(leaksOf(result, TOKEN)).toEqual([]);
  });
});
