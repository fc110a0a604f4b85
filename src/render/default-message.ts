import type { MessageFormat } from '../inputs/parse.js';
import type { NotificationView } from '../view.js';
import { escapeHtml, link } from './html.js';

/** "acme/api: CI #42 succeeded on main (abc1234) by octocat", linked to the run in html. */
export function defaultMessage(view: NotificationView, format: MessageFormat): string {
  const { github } = view;
  const run = `${github.repository}: ${github.workflow} #${github.run_number}`;
  const ref = view.ref_label ? ` on ${view.ref_label}` : '';
  const commit = view.short_sha ? ` (${view.short_sha})` : '';
  const actor = github.actor ? ` by ${github.actor}` : '';
  if (format === 'text') {
    return `${run} ${view.status_word}${ref}${commit}${actor}\n${view.run_url}`;
  }
  return [
    link(view.run_url, run),
    ` ${escapeHtml(view.status_word)}`,
    view.ref_label ? ` on ${link(view.ref_url, view.ref_label)}` : '',
    view.short_sha ? ` (${link(view.commit_url, view.short_sha)})` : '',
    github.actor ? ` by ${escapeHtml(github.actor)}` : '',
  ].join('');
}
