// The check runs endpoint: a job's annotations, where a build's `::error file=…,line=…::` lines end up.
import { repositoryPath } from './runs.js';
import type { CheckAnnotation, GithubClient } from './types.js';

/** GitHub keeps at most 10 error annotations per step and 50 per job: one page holds them. */
export const ANNOTATIONS_PER_PAGE = 50;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function annotationOf(value: unknown): CheckAnnotation | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const fields = value as Record<string, unknown>;
  if (typeof fields.message !== 'string') return undefined;
  return {
    path: text(fields.path),
    start_line: typeof fields.start_line === 'number' ? fields.start_line : null,
    annotation_level: text(fields.annotation_level),
    title: text(fields.title),
    message: fields.message,
  };
}

/** The id of the job's check run: the last part of its check_run_url, which for an Actions job is the job's id. */
export function checkRunIdOf(job: { readonly id: number; readonly check_run_url: string }): number {
  const id = Number(/\/check-runs\/(\d+)$/.exec(job.check_run_url)?.[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : job.id;
}

/** GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations: the `failure` ones, in the order they were made. */
export async function listFailureAnnotations(client: GithubClient, repository: string, checkRunId: number): Promise<CheckAnnotation[]> {
  const listed = await client.getJson<unknown>(`${repositoryPath(repository)}/check-runs/${checkRunId}/annotations`, {
    permission: 'checks',
    query: { per_page: ANNOTATIONS_PER_PAGE },
  });
  return (Array.isArray(listed) ? listed : [])
    .map(annotationOf)
    .filter((annotation) => annotation !== undefined && annotation.annotation_level === 'failure') as CheckAnnotation[];
}
