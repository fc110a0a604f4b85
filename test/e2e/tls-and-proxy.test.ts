// End-to-end: dist/index.js against an HTTPS simulator whose certificate comes from a CA made at run time, and
// through an HTTP CONNECT proxy on 127.0.0.1, as on a self-hosted runner in a corporate network.
import { readdir, readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../simulator/server.ts';
import { makeCertificates, type TestCertificates } from './certificates.ts';
import { type ConnectProxy, startConnectProxy } from './connect-proxy.ts';
import { type ActionRun, annotations, leaksOf, type RunOptions, runAction } from './run-action.ts';

const TOKEN = 'tls-Token-5e6f7a8b9c0d';

let certificates: TestCertificates;
let https: Simulator;
let http: Simulator;
let proxy: ConnectProxy;
const runs: ActionRun[] = [];

beforeAll(async () => {
  certificates = await makeCertificates();
  const tokens = [{ token: TOKEN }];
  [https, http, proxy] = await Promise.all([
    startSimulator({ tokens, tls: { key: certificates.serverKey, cert: certificates.serverCert } }),
    startSimulator({ tokens }),
    startConnectProxy(),
  ]);
});
afterEach(() => {
  https.reset();
  http.reset();
  proxy.tunnels.length = 0;
});
afterAll(async () => {
  await Promise.all([https.close(), http.close(), proxy.close()]);
});

async function run(options: Partial<RunOptions> & { inputs?: Record<string, string> } = {}): Promise<ActionRun> {
  const result = await runAction({
    event: null,
    jobStatus: 'success',
    ...options,
    inputs: { room: 'Operations', token: TOKEN, server_url: https.url, ...options.inputs },
  });
  runs.push(result);
  return result;
}

const host = (simulator: Simulator) => new URL(simulator.url).host;

describe('a HipChat Server with a certificate from a private CA', () => {
  it('is trusted with ca_cert as PEM text', async () => {
    const result = await run({ inputs: { ca_cert: certificates.caCert } });
    expect(result.exitCode).toBe(0);
    expect(https.delivered).toHaveLength(1);
    expect(annotations(result, 'warning')).toEqual([]);
  });

  it('is trusted with ca_cert as a path relative to the workspace', async () => {
    const result = await run({ inputs: { ca_cert: 'certs/hipchat-ca.pem' }, files: { 'certs/hipchat-ca.pem': certificates.caCert } });
    expect(result.exitCode).toBe(0);
    expect(https.delivered).toHaveLength(1);
  });

  it('is refused without ca_cert, at once and with the fix named', async () => {
    const result = await run();
    expect(result.exitCode).toBe(1);
    expect(https.requests).toEqual([]);
    const [error] = annotations(result, 'error');
    expect(error).toMatch(
      new RegExp(
        `^HipChat notification failed for 1 of 1 room\\(s\\)\\.\\nCould not reach HipChat at ${https.url} for room 'Operations': .*\\(UNABLE_TO_VERIFY_LEAF_SIGNATURE\\)\\. `,
      ),
    );
    expect(error).toContain('give the certificate of the CA that signed it in ca_cert (PEM text or a file)');
    expect(error).toContain('set tls_verify: false');
    expect(JSON.parse(result.outputs.results ?? '')).toEqual([expect.objectContaining({ ok: false, status: 0, attempts: 1 })]);
  });

  it('is reached with tls_verify: false, which warns loudly', async () => {
    const result = await run({ inputs: { tls_verify: 'false' } });
    expect(result.exitCode).toBe(0);
    expect(https.delivered).toHaveLength(1);
    expect(result.stdout).toMatch(
      /^::warning title=TLS verification is off::tls_verify is false, so the action does not check HipChat's certificate: anyone/m,
    );
    expect(annotations(result, 'warning')[0]).toContain('Give the certificate of the CA that signed HipChat');
  });

  it.each([
    [{ ca_cert: 'certs/missing.pem' }, /^Invalid ca_cert 'certs\/missing\.pem': cannot read .*certs\/missing\.pem \(ENOENT\)\./],
    [
      { ca_cert: '-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleQ==\n-----END PRIVATE KEY-----' },
      /^Invalid ca_cert: the text holds no '-----BEGIN CERTIFICATE-----' block/,
    ],
  ])('a bad ca_cert fails before anything is sent: %#', async (inputs, message) => {
    const result = await run({ inputs });
    expect(result.exitCode).toBe(1);
    expect(https.requests).toEqual([]);
    expect(annotations(result, 'error')[0]).toMatch(message);
    expect(result.visibleLog).not.toContain('c2VjcmV0LWtleQ');
  });
});

describe('a proxy from the runner environment', () => {
  it('tunnels HTTPS through HTTPS_PROXY, with ca_cert trusted for the server behind it', async () => {
    const result = await run({ inputs: { ca_cert: certificates.caCert }, env: { HTTPS_PROXY: proxy.url } });
    expect(result.exitCode).toBe(0);
    expect(https.delivered).toHaveLength(1);
    expect(proxy.tunnels.map((tunnel) => tunnel.target)).toEqual([host(https)]);
    expect(JSON.stringify(proxy.tunnels)).not.toContain(TOKEN);
  });

  it('tunnels HTTP through HTTP_PROXY (lower case works too)', async () => {
    const result = await run({ inputs: { server_url: http.url }, env: { http_proxy: proxy.url } });
    expect(result.exitCode).toBe(0);
    expect(http.delivered).toHaveLength(1);
    expect(proxy.tunnels.map((tunnel) => tunnel.target)).toEqual([host(http)]);
  });

  it('goes direct for a host in NO_PROXY', async () => {
    const result = await run({
      inputs: { ca_cert: certificates.caCert },
      env: { HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' },
    });
    expect(result.exitCode).toBe(0);
    expect(https.delivered).toHaveLength(1);
    expect(proxy.tunnels).toEqual([]);
  });

  it('reports an untrusted certificate met through the tunnel', async () => {
    const result = await run({ env: { HTTPS_PROXY: proxy.url } });
    expect(result.exitCode).toBe(1);
    expect(proxy.tunnels).toHaveLength(1);
    expect(annotations(result, 'error')[0]).toContain('in ca_cert (PEM text or a file)');
  });

  it('reports a proxy that refuses the tunnel', async () => {
    const refusing = await startConnectProxy({ refuseWith: 403 });
    try {
      const result = await run({ inputs: { ca_cert: certificates.caCert, retries: '0' }, env: { HTTPS_PROXY: refusing.url } });
      expect(result.exitCode).toBe(1);
      expect(refusing.tunnels).toHaveLength(1);
      expect(https.requests).toEqual([]);
      expect(annotations(result, 'error')[0]).toMatch(
        new RegExp(
          `Could not reach HipChat at ${https.url} for room 'Operations': Proxy response \\(403\\).* The proxy in HTTPS_PROXY or HTTP_PROXY would not open a tunnel to HipChat: check its address and credentials, or list HipChat's host in NO_PROXY\\.$`,
        ),
      );
    } finally {
      await refusing.close();
    }
  });

  it('rejects a proxy variable that is not a URL, without quoting it', async () => {
    const result = await run({ env: { HTTPS_PROXY: 'http://ops:pr0xy-pass@[broken' } });
    expect(result.exitCode).toBe(1);
    expect(annotations(result, 'error')).toEqual([
      'Cannot use the proxy in HTTPS_PROXY or HTTP_PROXY: Invalid URL. Set it to a URL such as http://proxy.example.com:3128.',
    ]);
    expect(result.visibleLog).not.toContain('pr0xy-pass');
  });

  it('keeps undici, which runs need only behind a proxy, out of the main bundle, in a single copy', async () => {
    const dist = new URL('../../dist/', import.meta.url);
    const bundles = (await readdir(dist)).filter((name) => name.endsWith('.js'));
    const withUndici: string[] = [];
    for (const name of bundles) if ((await readFile(new URL(name, dist), 'utf8')).includes('UND_ERR_INVALID_ARG')) withUndici.push(name);
    expect(withUndici).toHaveLength(1);
    expect(withUndici).not.toContain('index.js');
  });
});

describe('the token', () => {
  it('shows in no log line, output or summary, TLS and proxy failures included', () => {
    expect(runs.length).toBeGreaterThanOrEqual(10);
    expect(runs.filter((result) => result.exitCode !== 0).length).toBeGreaterThanOrEqual(4);
    for (const result of runs) expect(leaksOf(result, TOKEN)).toEqual([]);
  });
});
