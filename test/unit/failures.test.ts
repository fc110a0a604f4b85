// The pure parts of "why it failed": log excerpts, the lines the default message says, text from the build.
import { describe, expect, it } from 'vitest';
import { githubContextFrom } from '../../src/context/github.js';
import { checkRunIdOf } from '../../src/github/annotations.js';
import { cleanLogLine, LINE_MAX, LogExcerpt } from '../../src/lookups/log-excerpt.js';
import type { FailureView } from '../../src/lookups/types.js';
import { defuseMentions } from '../../src/lookups/untrusted.js';
import { defaultMessage } from '../../src/render/default-message.js';
import { EXCERPT_MAX, excerptBlocks, failureLines } from '../../src/render/failures.js';
import { lineHtml } from '../../src/render/rich-text.js';
import { buildView } from '../../src/view.js';

const encode = (text: string) => new TextEncoder().encode(text);

/** Feeds a log in chunks of `size` bytes, as a download would, until the excerpt has what it needs. */
function excerptOf(log: string, lines: number, size = 7) {
  const excerpt = new LogExcerpt(lines);
  const bytes = encode(log);
  let read = 0;
  for (; read < bytes.length; read += size) {
    if (excerpt.push(bytes.subarray(read, read + size))) break;
  }
  return { ...excerpt.finish(), read: Math.min(read + size, bytes.length) };
}

describe('cleanLogLine', () => {
  it.each([
    ['2024-05-01T10:00:00.1234567Z npm test', 'npm test'],
    ['\uFEFF2024-05-01T10:00:00Z first', 'first'],
    ['2024-05-01T10:00:00.1Z \u001b[31;1mFAIL\u001b[0m \u001b]8;;https://x\u0007link\u001b]8;;\u0007', 'FAIL link'],
    ['2024-05-01T10:00:00.1Z ##[group]Run npm test', 'Run npm test'],
    ['##[warning]Node 16 is deprecated\r', 'Node 16 is deprecated'],
    ['a\tb\u0000c\u0007', 'a  bc'],
    ['ping @all and @here, mail a@b', 'ping @\u2060all and @\u2060here, mail a@\u2060b'],
  ])('%j reads %j', (raw, text) => {
    expect(cleanLogLine(raw)).toEqual({ text, error: false });
  });

  it('drops group ends, and tells an error line', () => {
    expect(cleanLogLine('2024-05-01T10:00:00Z ##[endgroup]')).toBeUndefined();
    expect(cleanLogLine('2024-05-01T10:00:00Z ##[error]Process completed with exit code 1.')).toEqual({
      text: 'Process completed with exit code 1.',
      error: true,
    });
    expect(cleanLogLine('echo ##[error] is not at the start')?.error).toBe(false);
  });

  it(`cuts a line to ${LINE_MAX} characters without splitting one`, () => {
    const line = cleanLogLine('😀'.repeat(LINE_MAX + 10))?.text ?? '';
    expect([...line]).toHaveLength(LINE_MAX);
    expect(line.endsWith('😀…')).toBe(true);
  });
});

describe('LogExcerpt', () => {
  const log = ['one', 'two', 'three', 'four', '##[error]boom', 'after', '##[error]second']
    .map((line) => `2024-05-01T10:00:00Z ${line}`)
    .join('\n');

  it('keeps the lines ending at the first error, and stops reading there', () => {
    const { lines, foundError, read } = excerptOf(log, 3);
    expect(lines).toEqual(['three', 'four', 'boom']);
    expect(foundError).toBe(true);
    expect(read).toBeLessThan(encode(log).length);
  });

  it('keeps the last lines when there is no error, the last one with or without a line break', () => {
    expect(excerptOf('a\nb\nc\n', 2)).toMatchObject({ lines: ['b', 'c'], foundError: false });
    expect(excerptOf('a\r\nb\r\nc', 2)).toMatchObject({ lines: ['b', 'c'], foundError: false });
  });

  it('leaves out the part of a line where the reading was cut short', () => {
    const excerpt = new LogExcerpt(5);
    excerpt.push(encode('whole\npart of a li'));
    expect(excerpt.finish({ cutShort: true }).lines).toEqual(['whole']);
  });

  it('decodes a character split between chunks', () => {
    expect(excerptOf('é😀 ünïcödé\nnext\n', 5, 1).lines).toEqual(['é😀 ünïcödé', 'next']);
  });

  it('holds only the start of a line without end, and goes on after it', () => {
    const excerpt = new LogExcerpt(3);
    excerpt.push(encode('before\n'));
    for (let n = 0; n < 1000; n++) excerpt.push(encode('x'.repeat(1000)));
    excerpt.push(encode('\nafter\n'));
    const { lines } = excerpt.finish();
    expect(lines.map((line) => [...line].length)).toEqual([6, LINE_MAX, 5]);
  });

  it('catches an error line without end', () => {
    const excerpt = new LogExcerpt(3);
    expect(excerpt.push(encode(`##[error]${'y'.repeat(5000)}`))).toBe(true);
    expect(excerpt.finish()).toMatchObject({ foundError: true });
  });
});

describe('defuseMentions', () => {
  it('keeps @all, @here and @names from pinging, and leaves other @s alone', () => {
    expect(defuseMentions('@all @here @alice.smith x@y @ 1@')).toBe('@\u2060all @\u2060here @\u2060alice.smith x@\u2060y @ 1@');
  });
});

describe('checkRunIdOf', () => {
  it("reads the check run's id from its URL, else takes the job's", () => {
    expect(checkRunIdOf({ id: 5, check_run_url: 'https://api.github.com/repos/a/b/check-runs/99' })).toBe(99);
    expect(checkRunIdOf({ id: 5, check_run_url: '' })).toBe(5);
  });
});

describe('the failure lines', () => {
  const github = githubContextFrom(
    { GITHUB_REPOSITORY: 'acme/api', GITHUB_RUN_ID: '7', GITHUB_RUN_NUMBER: '42', GITHUB_WORKFLOW: 'CI', GITHUB_SHA: 'abc1234' },
    {},
  );
  const failure = (fields: Partial<FailureView>): FailureView => ({
    job: 'test (24)',
    job_url: 'https://github.com/acme/api/actions/runs/7/job/1',
    conclusion: 'failure',
    step: 'Run npm test',
    errors: [],
    log_excerpt: '',
    ...fields,
  });
  const error = {
    path: 'src/a.ts',
    line: 42,
    title: 'a test',
    message: 'expected 1\n   to be 2',
    url: 'https://github.com/acme/api/blob/abc1234/src/a.ts#L42',
  };
  const lines = (...failures: FailureView[]) => failureLines(buildView(github, 'failure', [], { found: { failures } })).map(lineHtml);

  it('say the failed step and the first error, its file and line linked, a pathless one as text', () => {
    expect(lines(failure({ errors: [error, { ...error, message: 'second' }] }))).toEqual([
      '<a href="https://github.com/acme/api/actions/runs/7/job/1">test (24)</a>: step &quot;Run npm test&quot; failed: <a href="https://github.com/acme/api/blob/abc1234/src/a.ts#L42">src/a.ts:42</a> expected 1 to be 2',
    ]);
    expect(lines(failure({ errors: [{ ...error, path: '', line: null, url: '' }] }))[0]).toMatch(/failed: expected 1 to be 2$/);
    expect(lines(failure({ errors: [{ ...error, line: null, url: 'u' }] }))[0]).toMatch(/failed: <a href="u">src\/a\.ts<\/a> expected/);
    expect(lines(failure({ step: '' }))[0]).toMatch(/>test \(24\)<\/a> failed$/);
  });

  it('say a timed-out or cancelled job stopped, and invent no error', () => {
    expect(lines(failure({ conclusion: 'timed_out', errors: [error] }))[0]).toMatch(/<\/a> timed out in step &quot;Run npm test&quot;$/);
    expect(lines(failure({ conclusion: 'cancelled', step: '' }))[0]).toMatch(/<\/a> was cancelled$/);
  });

  it('name five jobs and count the rest', () => {
    const seven = Array.from({ length: 7 }, (_, n) => failure({ job: `job ${n}` }));
    expect(lines(...seven).slice(4)).toEqual([
      '<a href="https://github.com/acme/api/actions/runs/7/job/1">job 4</a>: step &quot;Run npm test&quot; failed',
      '<a href="https://github.com/acme/api/actions/runs/7">and 2 more</a>',
    ]);
  });

  it(`show the end of a log, at most ${EXCERPT_MAX} characters in whole lines, in a <pre> in html only`, () => {
    const log = Array.from({ length: 50 }, (_, n) => `line ${n} <${'-'.repeat(40)}>`).join('\n');
    const view = buildView(github, 'failure', [], { found: { failures: [failure({ log_excerpt: log })] } });
    const [block] = excerptBlocks(view);
    expect(block?.text.length).toBeLessThanOrEqual(EXCERPT_MAX);
    expect(block?.text.endsWith(`line 49 <${'-'.repeat(40)}>`)).toBe(true);
    expect(block?.text.startsWith('line ')).toBe(true);
    expect(defaultMessage(view, 'html')).toContain(
      `<br>Log of test (24):<pre>${block?.text.replaceAll('<', '&lt;').replaceAll('>', '&gt;')}</pre>`,
    );
    expect(defaultMessage(view, 'text')).not.toContain('line 49');
  });
});
