/**
 * Runs the simulator standalone:
 *   npm run sim -- --room Operations --room "Dev Ops" --token secret-token
 * stdout is JSON lines: first the address, then one line per request, so a demo
 * script can read it. Tokens are never printed.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_TOKENS } from './config.ts';
import type { LimitPolicy } from './rate-limits.ts';
import { type RecordedRequest, type SimToken, type SimUser, type SimulatorOptions, startSimulator } from './server.ts';

const USAGE = `Usage: npm run sim -- [options]
  --port N               listen port (default 0: a free port)
  --host ADDRESS         listen address (default 127.0.0.1)
  --room NAME            a room, repeatable; ids are 1, 2, ... in order (default: Operations)
  --token TOKEN          a valid token with send_notification, repeatable (default: sim-token)
  --v1-token TOKEN       a valid API v1 token, for POST /v1/rooms/message, repeatable
  --user-token TOKEN     a person's token: send_notification, send_message and view_group, repeatable
  --user 'NAME <EMAIL> @MENTION'   a HipChat user, repeatable; ids are 1, 2, ... in order
  --rate-limit N/SECS    per-token limit (default 100/300)
  --flood-control N/SECS per-room limit (default 30/60)
  --tls-cert FILE --tls-key FILE   serve HTTPS`;

function parseLimit(flag: string, text: string | undefined): LimitPolicy | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (!match) throw new Error(`--${flag} expects N/SECONDS, got ${text}`);
  return { limit: Number(match[1]), windowSeconds: Number(match[2]) };
}

/** What a personal access token is given to notify, message and look people up. */
const USER_SCOPES = ['send_notification', 'send_message', 'view_group'];

function parseUser(text: string, index: number): SimUser {
  const match = /^\s*(.+?)\s*<([^<>\s]+@[^<>\s]+)>\s*@(\S+)\s*$/.exec(text);
  if (!match) throw new Error(`--user expects 'NAME <EMAIL> @MENTION', got ${text}`);
  return { id: index + 1, name: match[1] as string, email: match[2] as string, mention_name: match[3] as string };
}

function optionsFromArgs(args: string[]): SimulatorOptions {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      room: { type: 'string', multiple: true },
      token: { type: 'string', multiple: true },
      'v1-token': { type: 'string', multiple: true },
      'user-token': { type: 'string', multiple: true },
      user: { type: 'string', multiple: true },
      'rate-limit': { type: 'string' },
      'flood-control': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
    },
  });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new Error(`--port expects 0-65535, got ${values.port}`);
  }
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) {
    throw new Error('--tls-cert and --tls-key go together');
  }
  const tokens: SimToken[] | undefined =
    values.token || values['v1-token'] || values['user-token']
      ? [
          ...(values.token?.map((token) => ({ token })) ?? DEFAULT_TOKENS),
          ...(values['v1-token'] ?? []).map((token) => ({ token, version: 'v1' as const })),
          ...(values['user-token'] ?? []).map((token) => ({ token, scopes: USER_SCOPES })),
        ]
      : undefined;
  const users = values.user?.map(parseUser);
  const rateLimit = parseLimit('rate-limit', values['rate-limit']);
  const floodControl = parseLimit('flood-control', values['flood-control']);
  return {
    ...(port !== undefined && { port }),
    ...(values.host !== undefined && { host: values.host }),
    ...(values.room && { rooms: values.room.map((name, index) => ({ id: index + 1, name })) }),
    ...(tokens && { tokens }),
    ...(users && { users }),
    ...(rateLimit && { rateLimit }),
    ...(floodControl && { floodControl }),
    ...(values['tls-cert'] !== undefined &&
      values['tls-key'] !== undefined && {
        tls: { cert: readFileSync(values['tls-cert']), key: readFileSync(values['tls-key']) },
      }),
  };
}

function logLine(request: RecordedRequest): Record<string, unknown> {
  const line: Record<string, unknown> = { method: request.method, path: request.path, status: request.status };
  if (request.delivered) {
    line.room = request.delivered.room.name;
    line.message = request.delivered.body.message;
  }
  if (request.privateMessage) {
    line.user = request.privateMessage.user.email;
    line.message = request.privateMessage.message;
  }
  return line;
}

const writeLine = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value)}\n`);
};

let options: SimulatorOptions;
try {
  options = optionsFromArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exit(2);
}

const simulator = await startSimulator(options);
const stop = (): void => {
  void simulator.close();
};
// Before the banner: whoever reads it may signal us straight away.
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
simulator.subscribe((request) => writeLine(logLine(request)));
writeLine({
  url: simulator.url,
  rooms: simulator.rooms,
  ...(simulator.users.length > 0 && { users: simulator.users }),
  tokens: (options.tokens ?? DEFAULT_TOKENS).length,
});
