import type { EventPayload } from '../context/github.js';
import { stringAt } from '../context/payload.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface LocalContext {
  /** The payload file, absolute, for GITHUB_EVENT_PATH. */
  readonly eventPath?: string;
  readonly eventName?: string;
  readonly repository?: string;
}

/** Webhook payloads do not name their event (GitHub sends it in a header); these shapes are distinctive. */
const EVENT_SHAPES: ReadonlyArray<readonly [string, (payload: EventPayload) => boolean]> = [
  ['pull_request', (p) => 'pull_request' in p],
  ['release', (p) => 'release' in p],
  ['workflow_run', (p) => 'workflow_run' in p],
  ['deployment_status', (p) => 'deployment_status' in p],
  ['deployment', (p) => 'deployment' in p],
  ['issue_comment', (p) => 'issue' in p && 'comment' in p],
  ['issues', (p) => 'issue' in p],
  ['workflow_dispatch', (p) => 'inputs' in p],
];

export function guessEventName(payload: EventPayload): string {
  return EVENT_SHAPES.find(([, matches]) => matches(payload))?.[0] ?? 'push';
}

function refOf(payload: EventPayload): string {
  const ref = stringAt(payload, 'ref');
  if (ref?.startsWith('refs/')) return ref;
  const number = payload.pull_request ? payload.number : undefined;
  if (typeof number === 'number') return `refs/pull/${number}/merge`;
  const tag = stringAt(payload, 'release', 'tag_name');
  if (tag) return `refs/tags/${tag}`;
  const branch = stringAt(payload, 'workflow_run', 'head_branch') ?? stringAt(payload, 'repository', 'default_branch');
  return branch ? `refs/heads/${branch}` : '';
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * What no payload holds: the workflow run. Without them a message would read "acme/api:  # succeeded"; another
 * CI system sets GITHUB_WORKFLOW, GITHUB_RUN_NUMBER and GITHUB_RUN_ID to its own job and build. GITHUB_RUN_ID has no
 * default: it would make a link to a run that does not exist, so without it the message links no run.
 */
const RUN_DEFAULTS = { GITHUB_WORKFLOW: 'local', GITHUB_RUN_NUMBER: '1', GITHUB_JOB: 'notify' };

/**
 * The GITHUB_* variables a runner would set, for a run from a shell: the command line's options first, then the
 * variables already set (on a runner, or by the user), then what the event payload tells, then RUN_DEFAULTS.
 */
export function localGithubEnv(env: Env, payload: EventPayload, local: LocalContext): Record<string, string | undefined> {
  const ref = env.GITHUB_REF || refOf(payload);
  const fallbacks: Record<string, string | undefined> = {
    GITHUB_EVENT_NAME: guessEventName(payload),
    GITHUB_REPOSITORY: stringAt(payload, 'repository', 'full_name'),
    GITHUB_SERVER_URL: originOf(stringAt(payload, 'repository', 'html_url')),
    GITHUB_ACTOR: stringAt(payload, 'sender', 'login'),
    GITHUB_REF: ref,
    GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags|pull)\//, ''),
    GITHUB_REF_TYPE: ref ? (ref.startsWith('refs/tags/') ? 'tag' : 'branch') : undefined,
    GITHUB_SHA:
      stringAt(payload, 'after') ??
      stringAt(payload, 'head_commit', 'id') ??
      stringAt(payload, 'pull_request', 'merge_commit_sha') ??
      stringAt(payload, 'pull_request', 'head', 'sha') ??
      stringAt(payload, 'workflow_run', 'head_sha'),
    GITHUB_HEAD_REF: stringAt(payload, 'pull_request', 'head', 'ref'),
    GITHUB_BASE_REF: stringAt(payload, 'pull_request', 'base', 'ref'),
    ...RUN_DEFAULTS,
  };
  const merged: Record<string, string | undefined> = { ...env };
  for (const [name, value] of Object.entries(fallbacks)) {
    if (!merged[name] && value) merged[name] = value;
  }
  if (local.eventPath) merged.GITHUB_EVENT_PATH = local.eventPath;
  if (local.eventName) merged.GITHUB_EVENT_NAME = local.eventName;
  if (local.repository) {
    merged.GITHUB_REPOSITORY = local.repository;
    merged.GITHUB_REPOSITORY_OWNER = local.repository.split('/')[0];
  }
  return merged;
}
