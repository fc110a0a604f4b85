import type { NotificationView } from '../view.js';

/** This job and its duration, as the default message and card show them. */
export interface ShownFacts {
  /** This job, linked to its own log; absent with `needs`, where the job is only the report's. */
  readonly job?: { readonly text: string; readonly url: string };
  /** Empty when unknown. */
  readonly duration: string;
}

/**
 * The job is shown when the GitHub API was asked about it or the matrix input names it among its siblings; a plain
 * run's message stays as it was, and asks nothing.
 */
export function shownFacts(view: NotificationView): ShownFacts {
  const named = view.duration !== '' || Object.keys(view.matrix).length > 0;
  const job = named && view.jobs.length === 0 ? { text: view.job_name, url: view.job_url } : undefined;
  return { ...(job && { job }), duration: view.duration };
}
