// The room preview: a web page that shows what the simulator's rooms received, as HipChat would show it, live.
// It is a sibling of the simulator rather than a route on it, so the simulator stays a faithful HipChat API.
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTML_POLICY } from '../test/simulator/html-policy.ts';
import type { RecordedRequest, Simulator } from '../test/simulator/server.ts';
import { type CheckGroup, checkProbe, closed, type LastCheck, startsCheck, withProbe } from './checks.ts';
import { type PreviewEntry, type PrivateMessageEntry, previewEntry, privateMessageEntry } from './entries.ts';

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

/** The page's files besides index.html, by path; nothing else is read from disk. */
const FILES: Readonly<Record<string, { file: string; type: string }>> = {
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

/** A word for a POSIX shell, quoted only when it needs to be. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** The command the empty room suggests: the command line, sending a card to the first room. TOKEN is the one thing to fill in. */
export function sendHint(simulator: Pick<Simulator, 'url' | 'rooms'>): string {
  const room = simulator.rooms[0]?.name ?? 'Operations';
  return `node dist/index.js --server-url ${simulator.url} --room ${shellWord(room)} --token TOKEN --format card`;
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Everything the page draws from, as it is now. */
interface PreviewState {
  readonly entries: readonly PreviewEntry[];
  readonly privateMessages: readonly PrivateMessageEntry[];
  /** The last set-up check, or null before any. */
  readonly check: LastCheck | null;
}

/**
 * index.html with what the page needs to draw at once: the policy, the simulator, every entry so far and the last
 * check, as a JSON data block (which no browser runs, so the CSP's script-src 'self' holds), and the hint. A page, or a
 * screenshot, taken at load then shows the room as it is, and the stream adds what comes after.
 */
async function pageHtml(simulator: Simulator, shown: PreviewState): Promise<string> {
  const template = await readFile(new URL('index.html', PAGE_DIR), 'utf8');
  const state = { policy: HTML_POLICY, simulator: { url: simulator.url, rooms: simulator.rooms }, ...shown };
  // `<` as \u003c: no value can close the script element or open a comment inside it.
  const json = JSON.stringify(state).replaceAll('<', '\\u003c');
  return template
    .replace('<!--initial-state-->', () => `<script type="application/json" id="initial-state">${json}</script>`)
    .replace('<!--send-hint-->', () => escapeHtml(sendHint(simulator)));
}

export async function startPreview(simulator: Simulator, options: PreviewOptions = {}): Promise<Preview> {
  const entries: PreviewEntry[] = [];
  const privateMessages: PrivateMessageEntry[] = [];
  let checkGroup: CheckGroup | undefined;
  const streams = new Set<ServerResponse>();
  let lastId = 0;
  const broadcast = (event: string): void => {
    for (const stream of streams) stream.write(event);
  };
  const add = (request: RecordedRequest): void => {
    const id = lastId + 1;
    const entry = previewEntry(request, id);
    const privateMessage = privateMessageEntry(request, id);
    const probe = checkProbe(request, id);
    if (entry) {
      entries.push(entry);
      broadcast(sseEvent('notification', entry));
    } else if (privateMessage) {
      privateMessages.push(privateMessage);
      broadcast(sseEvent('private-message', privateMessage));
    } else if (probe) {
      checkGroup = withProbe(checkGroup, probe, request.tokenUsed);
      // The whole check each time: the page replaces its table, so a new check's first probe clears the last one's.
      broadcast(sseEvent('check', checkGroup.check));
    } else {
      if (startsCheck(request)) checkGroup = closed(checkGroup);
      return;
    }
    lastId = id;
  };
  const state = (): PreviewState => ({ entries, privateMessages, check: checkGroup?.check ?? null });
  /** Everything after the id a page last saw, in the order it happened; of the checks, only the last one as it is. */
  const eventsAfter = (after: number): string[] =>
    [
      ...entries.map((entry) => ({ id: entry.id, event: sseEvent('notification', entry) })),
      ...privateMessages.map((message) => ({ id: message.id, event: sseEvent('private-message', message) })),
      ...(checkGroup ? [{ id: checkGroup.check.id, event: sseEvent('check', checkGroup.check) }] : []),
    ]
      .filter(({ id }) => id > after)
      .sort((a, b) => a.id - b.id)
      .map(({ event }) => event);
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
    if (path === '/') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8' }).end(await pageHtml(simulator, state()));
    } else if (file) {
      const content = await readFile(new URL(file.file, PAGE_DIR));
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': file.type }).end(content);
    } else if (path === '/policy.json') {
      json(res, HTML_POLICY);
    } else if (path === '/api/simulator') {
      json(res, { url: simulator.url, rooms: simulator.rooms });
    } else if (path === '/api/notifications') {
      json(res, entries);
    } else if (path === '/api/private-messages') {
      json(res, privateMessages);
    } else if (path === '/api/check') {
      json(res, state().check);
    } else if (path === '/events') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
      // Node holds the headers back until the first write: without this, a page on an empty room waits for the first
      // request to learn that it is live.
      res.flushHeaders();
      // The page asks for what came after the entries it was served with; EventSource reconnects with the last id it
      // saw. Either way a page gets only what it does not have.
      const after = Number(req.headers['last-event-id'] ?? new URL(req.url ?? '/', 'http://preview').searchParams.get('after') ?? 0) || 0;
      for (const event of eventsAfter(after)) res.write(event);
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

function sseEvent(kind: 'notification' | 'private-message' | 'check', entry: PreviewEntry | PrivateMessageEntry | LastCheck): string {
  return `id: ${entry.id}\nevent: ${kind}\ndata: ${JSON.stringify(entry)}\n\n`;
}
