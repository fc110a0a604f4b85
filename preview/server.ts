// The room preview: a web page that shows what the simulator's rooms received, as HipChat would show it, live.
// It is a sibling of the simulator rather than a route on it, so the simulator stays a faithful HipChat API.
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTML_POLICY } from '../test/simulator/html-policy.ts';
import type { RecordedRequest, Simulator } from '../test/simulator/server.ts';
import { type PreviewEntry, previewEntry } from './entries.ts';

export interface PreviewOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
  /** Take a free port when `port` is busy, e.g. a second demo beside a first one. */
  fallbackToFreePort?: boolean;
}

export interface Preview {
  /** e.g. http://127.0.0.1:8080/ */
  url: string;
  close(): Promise<void>;
}

const PAGE_DIR = new URL('./page/', import.meta.url);

/** The page's files, by path; nothing else is read from disk. */
const FILES: Readonly<Record<string, { file: string; type: string }>> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/render.js': { file: 'render.js', type: 'text/javascript; charset=utf-8' },
  '/sanitize.js': { file: 'sanitize.js', type: 'text/javascript; charset=utf-8' },
};

// A second line of defence behind the sanitiser: no inline script, and nothing fetched from elsewhere except the
// images a message or card links to, as HipChat shows them.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src http: https: data:; style-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export async function startPreview(simulator: Simulator, options: PreviewOptions = {}): Promise<Preview> {
  const entries: PreviewEntry[] = [];
  const streams = new Set<ServerResponse>();
  const add = (request: RecordedRequest): void => {
    const entry = previewEntry(request, entries.length + 1);
    if (!entry) return;
    entries.push(entry);
    for (const stream of streams) stream.write(sseEvent(entry));
  };
  for (const request of simulator.requests) add(request);
  const unsubscribe = simulator.subscribe(add);

  const json = (res: ServerResponse, value: unknown): void => {
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(value));
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://preview').pathname;
    if (req.method !== 'GET') {
      res.writeHead(405, { ...SECURITY_HEADERS, allow: 'GET' }).end();
      return;
    }
    const file = FILES[path];
    if (file) {
      const content = await readFile(new URL(file.file, PAGE_DIR));
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': file.type }).end(content);
    } else if (path === '/policy.json') {
      json(res, HTML_POLICY);
    } else if (path === '/api/simulator') {
      json(res, { url: simulator.url, rooms: simulator.rooms });
    } else if (path === '/api/notifications') {
      json(res, entries);
    } else if (path === '/events') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
      // EventSource reconnects with the last id it saw, so a page that lost the stream gets only what it missed.
      const after = Number(req.headers['last-event-id'] ?? 0) || 0;
      for (const entry of entries) if (entry.id > after) res.write(sseEvent(entry));
      streams.add(res);
      req.on('close', () => streams.delete(res));
    } else {
      res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    }
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      console.error('hipchat preview: internal error', error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const host = options.host ?? '127.0.0.1';
  try {
    server.listen(options.port ?? 0, host);
    await once(server, 'listening');
  } catch (error) {
    if (!(options.fallbackToFreePort && (error as NodeJS.ErrnoException).code === 'EADDRINUSE')) throw error;
    server.listen(0, host);
    await once(server, 'listening');
  }
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        unsubscribe();
        for (const stream of streams) stream.end();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function sseEvent(entry: PreviewEntry): string {
  return `id: ${entry.id}\nevent: notification\ndata: ${JSON.stringify(entry)}\n\n`;
}
