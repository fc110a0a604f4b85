// The GitHub client against a loopback server that misbehaves as no real GitHub would, or as its storage might.
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGithubClient, JSON_MAX_BYTES } from '../../src/github/client.js';

const TOKEN = 'ghs_clientUnitToken';
let server: Server;
let base: string;
const seen: { path: string; headers: IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    seen.push({ path: url.pathname, headers: request.headers });
    const redirect = (location: string) => response.writeHead(302, { location }).end();
    switch (url.pathname) {
      case '/api/logs/direct':
        return void response.end('served by the API itself\n');
      case '/api/logs/to-file':
        return redirect('file:///etc/passwd');
      case '/api/logs/loop':
      case '/loop':
        return redirect('/loop');
      case '/api/logs/expired':
        return redirect(`${base}/blob/1?sig=secret-signature`);
      case '/blob/1':
        return void response.writeHead(403, { 'content-type': 'application/xml' }).end('AuthenticationFailed: signature expired');
      case '/api/logs/same-host':
        return redirect('/blob/2');
      case '/blob/2':
        return void response.end('log\n');
      case '/api/huge':
        response.writeHead(200, { 'content-type': 'application/json' });
        return void response.end(`[${'"x",'.repeat(JSON_MAX_BYTES / 4)}"x"]`);
      default:
        return void response.writeHead(404).end('{"message":"Not Found"}');
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

async function download(path: string) {
  const client = createGithubClient({ apiUrl: `${base}/api`, token: TOKEN, timeoutMs: 5_000 });
  let text = '';
  try {
    const result = await client.download(path, {
      permission: 'actions',
      maxBytes: 1024,
      consume: (chunk) => {
        text += Buffer.from(chunk).toString();
        return false;
      },
    });
    return { ...result, text };
  } finally {
    await client.close();
  }
}

describe('the GitHub client', () => {
  it('reads a log the API serves itself', async () => {
    expect(await download('/logs/direct')).toEqual({ ended: 'end', bytes: 25, text: 'served by the API itself\n' });
  });

  it('follows a redirect without the token, even back to the API host', async () => {
    expect((await download('/logs/same-host')).text).toBe('log\n');
    expect(seen.find((request) => request.path === '/blob/2')?.headers.authorization).toBeUndefined();
    expect(seen.find((request) => request.path === '/api/logs/same-host')?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it.each([
    ['/logs/to-file', 'GET /logs/to-file redirected to something other than an http or https URL'],
    ['/logs/loop', 'GET /logs/loop redirected more than 3 times'],
    [
      '/logs/expired',
      /^GET \/logs\/expired: the download at http:\/\/127\.0\.0\.1:\d+\/blob\/1 answered 403 AuthenticationFailed: signature expired: the download link GitHub gave may have expired$/,
    ],
  ])('refuses a download that goes wrong: %s', async (path, message) => {
    const error = await download(path).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('secret-signature');
  });

  it(`reads no JSON answer beyond ${JSON_MAX_BYTES / 1024 / 1024} MB`, async () => {
    const client = createGithubClient({ apiUrl: `${base}/api`, token: TOKEN, timeoutMs: 5_000 });
    await expect(client.getJson('/huge', { permission: 'actions' })).rejects.toThrow(
      'GET /huge answered with more than 8 MB, which is not read',
    );
    await client.close();
  });
});
