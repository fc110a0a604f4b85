// The inputs beyond the notification, their checks against the rest, the file they name, and how the job summary
// reports what each room got.
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findWorkspaceFile } from '../../src/followups/workspace-file.js';
import { parseReplyTo, parseRoomInputs } from '../../src/inputs/room-inputs.js';
import { summaryMarkdown } from '../../src/report/summary.js';

const ID = '6f0bb7d2-91ad-4a41-9e4f-0b7a5c1d2e3f';

function parse(values: Record<string, string>, context: Partial<Parameters<typeof parseRoomInputs>[1]> = {}) {
  return parseRoomInputs((name) => values[name] ?? '', { rooms: ['Deploys'], format: 'html', apiVersion: 'v2', ...context });
}

describe('parseReplyTo', () => {
  it('takes one id, or the results output of an earlier step', () => {
    expect(parseReplyTo('')).toBeUndefined();
    expect(parseReplyTo(` ${ID} `)).toEqual({ id: ID });
    const results = JSON.stringify([
      { room: 'Deploys', ok: true, status: 201, attempts: 1, message_id: ID },
      { room: 'Operations', ok: false, status: 403, attempts: 1, error: 'no' },
    ]);
    expect(parseReplyTo(results)).toEqual({ byRoom: { Deploys: ID } });
  });

  it.each([
    ['with space', 'Invalid reply_to: \'with space\' is "with space", not a message id'],
    ['x'.repeat(37), 'not a message id'],
    ['[not json', "Invalid reply_to '[not json': it is not JSON"],
    ['[{"ok":true}]', 'Invalid reply_to: entry 1 has no room'],
    ['[{"room":"A","message_id":"a b"}]', 'Invalid reply_to: the message_id of room \'A\' is "a b", not a message id'],
  ])('refuses %s, saying what it takes', (raw, message) => {
    expect(() => parseReplyTo(raw)).toThrow(message);
  });
});

describe('parseRoomInputs', () => {
  it('defaults to the notification and nothing after it', () => {
    expect(parse({})).toEqual({ sendAs: 'notification', replyTo: undefined, topic: '', file: '', ifFileMissing: 'warn' });
  });

  it('reads every input', () => {
    expect(parse({ send_as: 'Message', reply_to: ID, topic: 'live', file: ' logs/*.log ', if_file_missing: 'error' })).toEqual({
      sendAs: 'message',
      replyTo: { id: ID },
      topic: 'live',
      file: 'logs/*.log',
      ifFileMissing: 'error',
    });
  });

  it.each([
    [{ send_as: 'message' }, { format: 'card' }, "Invalid format 'card' with send_as 'message'"],
    [{ reply_to: ID }, { format: 'card' }, "Invalid format 'card' with reply_to"],
    [{ send_as: 'message', file: 'a' }, { apiVersion: 'v1' }, "Invalid api_version 'v1' with send_as 'message' or file"],
    [{ reply_to: ID }, { rooms: ['A', 'B'] }, `Invalid reply_to '${ID}': one message id for 2 rooms`],
    [{ if_file_missing: 'fail' }, {}, "Invalid if_file_missing 'fail': expected warn, error or ignore."],
  ] as const)('refuses %j with %j', (values, context, message) => {
    expect(() => parse(values, context)).toThrow(message);
  });
});

describe('findWorkspaceFile', () => {
  let workspace: string;
  let outside: string;
  const message = (name: string) => `${name} from CI #1`;
  const find = (value: string) => findWorkspaceFile(value, workspace, realpath, message);

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'hipchat-ws-'));
    outside = await mkdtemp(join(tmpdir(), 'hipchat-out-'));
    await mkdir(join(workspace, 'logs'));
    await writeFile(join(workspace, 'logs/deploy.log'), 'done\n');
    await writeFile(join(workspace, 'logs/a.txt'), 'a');
    await writeFile(join(workspace, 'logs/b.txt'), 'b');
    await writeFile(join(outside, 'secret'), 'secret');
    await symlink(join(outside, 'secret'), join(workspace, 'leak.log'));
    await symlink('logs/deploy.log', join(workspace, 'inside.log'));
  });
  afterAll(async () => {
    await rm(workspace, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('finds a path, a glob that matches one file, and a link that stays inside', async () => {
    const found = {
      found: true,
      name: 'deploy.log',
      size: 5,
      message: 'deploy.log from CI #1',
      path: await realpath(join(workspace, 'logs/deploy.log')),
    };
    expect(await find('logs/deploy.log')).toEqual(found);
    expect(await find('logs/*.log')).toEqual(found);
    expect(await find('inside.log')).toEqual({ ...found, name: 'inside.log', message: 'inside.log from CI #1' });
  });

  it('reports a missing file, several matches and a folder, without throwing', async () => {
    expect(await find('logs/missing.log')).toEqual({
      found: false,
      problem: 'missing',
      reason: "'logs/missing.log' is not in the workspace",
    });
    expect(await find('*.zip')).toEqual({ found: false, problem: 'missing', reason: "the glob '*.zip' matches no file in the workspace" });
    expect(await find('logs/*.txt')).toEqual({
      found: false,
      problem: 'refused',
      reason: "the glob 'logs/*.txt' matches several files (logs/a.txt, logs/b.txt); give a path or a glob that matches one",
    });
    expect(await find('logs')).toEqual({ found: false, problem: 'refused', reason: "'logs' is not a regular file" });
  });

  it('throws an input error for a path or a link out of the workspace', async () => {
    await expect(find('../secret')).rejects.toThrow("Invalid file '../secret': expected a path inside the workspace");
    await expect(find('../*/secret')).rejects.toThrow("Invalid file '../*/secret': expected a path or a glob inside the workspace");
    await expect(find(join(outside, 'secret'))).rejects.toThrow('expected a path inside the workspace');
    await expect(find('leak.log')).rejects.toThrow('it leads through a symbolic link to a file outside the workspace');
  });
});

describe('the job summary of a message', async () => {
  it('says what each room got, and what the topic and the file did there', async () => {
    const markdown = await summaryMarkdown(
      { message: 'acme/api: Deploy #13 succeeded <b>' },
      [
        { room: 'Deploys', ok: true, status: 204, attempts: 1, reply_to: ID },
        { room: 'Ops', ok: true, status: 201, attempts: 2, message_id: 'new-id', parent_gone: ID },
      ],
      undefined,
      [
        { room: 'Deploys', kind: 'topic', ok: true, text: 'topic set to “live”' },
        { room: 'Deploys', kind: 'file', ok: false, text: 'No file shared: deploy.log is 11 MiB.' },
      ],
    );
    expect(markdown).toContain('### HipChat message');
    expect(markdown).toContain('| Room | Result | Attempts | Topic and file |');
    expect(markdown).toContain(
      `| Deploys | ✅ replied in the thread of message ${ID} | 1 | ✅ topic set to “live”<br>⚠️ No file shared: deploy.log is 11 MiB. |`,
    );
    expect(markdown).toContain(`| Ops | ✅ posted as message new-id, not as a reply: message ${ID} is gone | 2 |  |`);
    expect(markdown).toContain('<pre>acme/api: Deploy #13 succeeded &lt;b&gt;</pre>');
  });
});
