import { describe, expect, it } from 'vitest';
import type { RoomResult } from '../../src/hipchat/delivery/deliver.js';
import { v2Body } from '../../src/hipchat/endpoints/notification-v2.js';
import { redactor } from '../../src/redact.js';
import { actionOutputs } from '../../src/report/outputs.js';
import { type PrivateMessageResult, privateMessagesMarkdown } from '../../src/report/private-messages.js';
import { report, reportSkipped } from '../../src/report/report.js';
import { summaryMarkdown } from '../../src/report/summary.js';

const body = v2Body({ message: 'Build <b>ok</b> | done', format: 'html', color: 'green', notify: false, from: '' });
const delivered: RoomResult = { room: 'Ops', ok: true, status: 204, attempts: 1 };
const failed: RoomResult = { room: 'Dev|Ops', ok: false, status: 404, attempts: 1, error: "Room 'Dev|Ops' was not found" };

function fakeCore() {
  const log: string[] = [];
  const outputs: Record<string, string> = {};
  return {
    log,
    outputs,
    setOutput: (name: string, value: string) => {
      outputs[name] = value;
    },
    info: (message: string) => void log.push(`info ${message}`),
    warning: (message: string) => void log.push(`warning ${message}`),
    setFailed: (message: string) => void log.push(`failed ${message}`),
  };
}

describe('actionOutputs', () => {
  it('gives the payload, each room result and the room lists', () => {
    expect(actionOutputs(body, [delivered, failed])).toEqual({
      ok: 'false',
      payload: JSON.stringify(body),
      results: JSON.stringify([delivered, failed]),
      message_id: '',
      delivered_rooms: 'Ops',
      failed_rooms: 'Dev|Ops',
      skipped: 'false',
      skip_reason: '',
    });
    expect(actionOutputs(body, [delivered]).ok).toBe('true');
  });
});

describe('summaryMarkdown', async () => {
  it('lists each room with its result and attempts, without breaking the table', async () => {
    const markdown = await summaryMarkdown(body, [delivered, { ...failed, attempts: 3 }]);
    expect(markdown).toContain('| Ops | ✅ delivered | 1 |');
    expect(markdown).toContain('| Dev&#124;Ops | ❌ Room &#39;Dev&#124;Ops&#39; was not found | 3 |');
  });

  it('previews an html message as the room shows it, with its source', async () => {
    const markdown = await summaryMarkdown(
      v2Body({ message: 'Build <b>ok</b> &amp; done', format: 'html', color: 'green', notify: true, from: 'CI' }),
      [delivered],
    );
    expect(markdown).toContain('🟩 **Message** from <i>CI</i> · pings the room\n\n<blockquote>Build <b>ok</b> &amp; done</blockquote>');
    expect(markdown).toContain('<pre>Build &lt;b&gt;ok&lt;/b&gt; &amp;amp; done</pre>');
  });

  it('shows a text message as text', async () => {
    const markdown = await summaryMarkdown(v2Body({ message: '<b>not bold</b>', format: 'text', color: 'red', notify: false, from: '' }), [
      delivered,
    ]);
    expect(markdown).toContain('<blockquote><pre>&lt;b&gt;not bold&lt;/b&gt;</pre></blockquote>');
  });

  it('previews a card: title, description and attributes', async () => {
    const card = {
      style: 'application',
      id: 'x',
      title: 'acme | api <deployed>',
      url: 'https://ci.example/run',
      description: { format: 'html', value: '<b>v1.2</b> by mona' },
      attributes: [
        { label: 'Status', value: { label: 'success', style: 'lozenge-success' } },
        { label: 'Run', value: { label: '#4', url: 'https://ci.example/run' } },
      ],
    } as const;
    const markdown = await summaryMarkdown({ ...body, card }, [delivered]);
    expect(markdown).toContain(
      '<blockquote><b><a href="https://ci.example/run">acme | api &lt;deployed&gt;</a></b><br><b>v1.2</b> by mona</blockquote>',
    );
    expect(markdown).toContain('| Status | 🟢 success |');
    expect(markdown).toContain('| Run | <a href="https://ci.example/run">#4</a> |');
    expect(markdown).toContain('**Message for clients without cards**');
  });

  it('shows the text companion that carried the mentions', async () => {
    const companion = v2Body({ message: '@here CI failed', format: 'text', color: 'red', notify: true, from: '' });
    expect(await summaryMarkdown(body, [delivered], companion)).toContain(
      '🟥 **Mentions** · pings the room\n\n<blockquote><pre>@here CI failed</pre></blockquote>',
    );
    expect(await summaryMarkdown(body, [delivered])).not.toContain('Mentions');
  });
});

describe('report', () => {
  it('fails the step with every room error when fail_on_error is true', async () => {
    const core = fakeCore();
    await report(
      core,
      { body, results: [delivered, failed], failOnError: true },
      async () => {},
      (t) => t,
    );
    expect(core.log).toEqual([
      "info Delivered to room 'Ops'.",
      "failed HipChat notification failed for 1 of 2 room(s).\nRoom 'Dev|Ops' was not found",
    ]);
    expect(core.outputs.ok).toBe('false');
  });

  it('warns and passes when fail_on_error is false', async () => {
    const core = fakeCore();
    await report(
      core,
      { body, results: [failed], failOnError: false },
      async () => {},
      (t) => t,
    );
    expect(core.log).toEqual([
      "warning Room 'Dev|Ops' was not found",
      'info HipChat notification failed for 1 of 1 room(s). The step passes because fail_on_error is false.',
    ]);
  });

  it('redacts secrets from outputs and summary, and survives a summary that cannot be written', async () => {
    const core = fakeCore();
    const secretBody = v2Body({ message: 'token is s3cret', format: 'text', color: 'green', notify: false, from: '' });
    const summaries: string[] = [];
    await report(
      core,
      { body: secretBody, results: [delivered], failOnError: true },
      async (markdown) => {
        summaries.push(markdown);
        throw new Error('disk full');
      },
      redactor(['s3cret']),
    );
    expect(core.outputs.payload).toContain('token is ***');
    expect(JSON.stringify(core.outputs) + summaries.join('')).not.toContain('s3cret');
    expect(core.log).toContain('warning Could not write the job summary: disk full');
  });
});

describe('reportSkipped', () => {
  it('says why in the log, the outputs and the summary, and fails nothing', async () => {
    const core = fakeCore();
    const summaries: string[] = [];
    const reason = "Not sent: send_when is 'failure' and the status is success.";
    await reportSkipped(core, reason, async (markdown) => void summaries.push(markdown));
    expect(core.log).toEqual([`info ${reason}`]);
    expect(core.outputs).toEqual({
      ok: 'true',
      payload: '',
      results: '[]',
      message_id: '',
      delivered_rooms: '',
      failed_rooms: '',
      skipped: 'true',
      skip_reason: reason,
    });
    expect(summaries).toEqual([`### HipChat notification\n\n⏭️ Not sent: send_when is &#39;failure&#39; and the status is success.\n`]);
  });
});

describe('private messages', () => {
  const sent: PrivateMessageResult = { private_message: 'author, actor', user: '7', ok: true, status: 204, attempts: 1 };
  const refused: PrivateMessageResult = {
    private_message: 'a|b@example.com',
    user: 'a|b@example.com',
    ok: false,
    status: 404,
    attempts: 1,
    error: "HipChat has no user 'a|b@example.com'",
  };
  const notFound: PrivateMessageResult = {
    private_message: 'author',
    ok: false,
    status: 0,
    attempts: 0,
    error: 'The author <b>x</b> is a bot.',
  };

  it('follow the rooms in results, and leave ok and the room lists to the rooms', () => {
    const outputs = actionOutputs(body, [delivered], [sent, refused]);
    expect(JSON.parse(outputs.results)).toEqual([delivered, sent, refused]);
    expect(outputs).toMatchObject({ ok: 'true', delivered_rooms: 'Ops', failed_rooms: '' });
  });

  it('get a section of the job summary: who got one, who did not and why, and the text, escaped', () => {
    const markdown = privateMessagesMarkdown('CI <failed> | @here', [sent, refused, notFound]);
    expect(markdown).toContain('| author, actor (7) | ✅ sent | 1 |');
    expect(markdown).toContain(
      '| a&#124;b@example.com (a&#124;b@example.com) | ❌ HipChat has no user &#39;a&#124;b@example.com&#39; | 1 |',
    );
    expect(markdown).toContain('| author | ❌ The author &lt;b&gt;x&lt;/b&gt; is a bot. | 0 |');
    expect(markdown).toContain('<pre>CI &lt;failed&gt; | @here</pre>');
  });

  it('are reported without failing the step: their failures were warned about as they happened', async () => {
    const core = fakeCore();
    const summaries: string[] = [];
    await report(
      core,
      { body, results: [delivered], failOnError: true, privateMessages: { results: [refused], summary: '\n### Private messages\n' } },
      async (markdown) => void summaries.push(markdown),
      (t) => t,
    );
    expect(core.log).toEqual(["info Delivered to room 'Ops'."]);
    expect(summaries[0]).toMatch(/### HipChat notification[\s\S]*\n### Private messages\n$/);
    expect(JSON.parse(core.outputs.results ?? '')).toEqual([delivered, refused]);
  });
});
