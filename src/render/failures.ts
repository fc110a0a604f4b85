// Why it failed, as the default message and card say it: a line per failed job, and its log lines under it in html.
// Every text here comes from the build; rich-text escapes it for html.
import type { FailureError, FailureView } from '../lookups/types.js';
import type { NotificationView } from '../view.js';
import { type Block, clip, type Inline } from './rich-text.js';

/** Failed jobs the message names; the rest are counted. */
export const FAILURES_SHOWN = 5;
/** Log lines shown per job, counted in code points from the end, where the error is. */
export const EXCERPT_MAX = 1_500;

const STOPPED: Readonly<Record<string, string>> = { timed_out: 'timed out', cancelled: 'was cancelled' };

function errorInlines(error: FailureError): Inline[] {
  const message = clip(error.message || error.title, 200);
  if (!error.path) return [message];
  return [{ text: error.line ? `${error.path}:${error.line}` : error.path, url: error.url }, ` ${message}`];
}

/** `test (24): step "Run npm test" failed: src/parser.test.ts:42 expected 1 to be 2`; a stopped job says so instead. */
function failureLine(failure: FailureView): Inline[] {
  const job: Inline = { text: failure.job, url: failure.job_url };
  const step = clip(failure.step, 100);
  const stopped = STOPPED[failure.conclusion];
  if (stopped) return [job, ` ${stopped}${step ? ` in step "${step}"` : ''}`];
  const head: Inline[] = step ? [job, `: step "${step}" failed`] : [job, ' failed'];
  const [error] = failure.errors;
  return error ? [...head, ': ', ...errorInlines(error)] : head;
}

export function failureLines(view: NotificationView): Inline[][] {
  const lines = view.failures.slice(0, FAILURES_SHOWN).map(failureLine);
  const more = view.failures.length - FAILURES_SHOWN;
  return more > 0 ? [...lines, [{ text: `and ${more} more`, url: view.run_url }]] : lines;
}

/** Whole lines from the end, up to `max` code points, so that the error line always shows. */
function tail(text: string, max: number): string {
  const kept: string[] = [];
  let used = 0;
  for (const line of text.split('\n').toReversed()) {
    used += [...line].length + 1;
    if (used > max && kept.length > 0) break;
    kept.unshift(used > max ? clip(line, max) : line);
  }
  return kept.join('\n');
}

/** Each shown job's log lines, for a <pre> in html. */
export function excerptBlocks(view: NotificationView): Block[] {
  return view.failures
    .slice(0, FAILURES_SHOWN)
    .filter((failure) => failure.log_excerpt !== '')
    .map((failure) => ({ label: `Log of ${failure.job}:`, text: tail(failure.log_excerpt, EXCERPT_MAX) }));
}

/** What a text message ends with for them: each shown job's log, and the file of its first error. */
export function failureLinks(view: NotificationView): string[] {
  return view.failures.slice(0, FAILURES_SHOWN).flatMap((failure) => [failure.job_url, failure.errors[0]?.url ?? '']);
}
