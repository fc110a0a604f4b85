import { describe, expect, it } from 'vitest';
import type { RoomResult } from '../../src/hipchat/deliver.js';
import { v2Body } from '../../src/hipchat/v2.js';
import { redactor } from '../../src/redact.js';
import { actionOutputs } from '../../src/report/outputs.js';
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
    setOutput: (name: string, value: string) => void (outputs[name] = value),
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
      delivered_rooms: 'Ops',
      failed_rooms: 'Dev|Ops',
      skipped: 'false',
      skip_reason: '',
    });
    expect(actionOutputs(body, [delivered]).ok).toBe('true');
  });
});

describe('summaryMarkdown', () => {
  it('keeps table cells and the message from breaking the markdown', () => {
    const markdown = summaryMarkdown(body, [delivered, failed]);
    expect(markdown).toContain('| Dev&#124;Ops | ❌ Room &#39;Dev&#124;Ops&#39; was not found |');
    expect(markdown).toContain('<pre>Build &lt;b&gt;ok&lt;/b&gt; | done</pre>');
  });

  it('shows the text companion that carried the mentions', () => {
    const companion = v2Body({ message: '@here CI failed', format: 'text', color: 'red', notify: true, from: '' });
    expect(summaryMarkdown(body, [delivered], companion)).toContain(
      '<details><summary>Mentions (text, red, notify)</summary>\n\n<pre>@here CI failed</pre>',
    );
    expect(summaryMarkdown(body, [delivered])).not.toContain('Mentions');
  });
});

describe('report', () => {
  it('fails the step with every room error when fail_on_error is true', async () => {
    const core = fakeCore();
    await report(core, { body, results: [delivered, failed], failOnError: true }, async () => {}, (t) => t);
    expect(core.log).toEqual(["info Delivered to room 'Ops'.", "failed HipChat notification failed for 1 of 2 room(s).\nRoom 'Dev|Ops' was not found"]);
    expect(core.outputs.ok).toBe('false');
  });

  it('warns and passes when fail_on_error is false', async () => {
    const core = fakeCore();
    await report(core, { body, results: [failed], failOnError: false }, async () => {}, (t) => t);
    expect(core.log).toEqual([
      "warning Room 'Dev|Ops' was not found",
      'info HipChat notification failed for 1 of 1 room(s). The step passes because fail_on_error is false.',
    ]);
  });

  it('redacts secrets from outputs and summary, and survives a summary that cannot be written', async () => {
    const core = fakeCore();
    const secretBody = v2Body({ message: 'token is s3cret', format: 'text', color: 'green', notify: false, from: '' });
    const summaries: string[] = [];
    await report(core, { body: secretBody, results: [delivered], failOnError: true }, async (markdown) => {
      summaries.push(markdown);
      throw new Error('disk full');
    }, redactor(['s3cret']));
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
    expect(core.outputs).toEqual({ ok: 'true', payload: '', results: '[]', delivered_rooms: '', failed_rooms: '', skipped: 'true', skip_reason: reason });
    expect(summaries).toEqual([`### HipChat notification\n\n⏭️ Not sent: send_when is &#39;failure&#39; and the status is success.\n`]);
  });
});
