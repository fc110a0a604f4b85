/**
 * The github context as a workflow sees it, rebuilt from the runner's GITHUB_* variables and the event payload.
 * Only these named variables are read: nothing else from the environment reaches a message.
 */
export interface GithubContext {
  readonly repository: string;
  readonly repository_owner: string;
  readonly ref: string;
  readonly ref_name: string;
  readonly ref_type: string;
  readonly head_ref: string;
  readonly base_ref: string;
  readonly sha: string;
  readonly actor: string;
  readonly triggering_actor: string;
  readonly event_name: string;
  readonly workflow: string;
  readonly job: string;
  readonly run_id: string;
  readonly run_number: string;
  readonly run_attempt: string;
  readonly server_url: string;
  readonly api_url: string;
  readonly event: EventPayload;
}

export type EventPayload = Readonly<Record<string, unknown>>;

type Env = Readonly<Record<string, string | undefined>>;

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

export function githubContextFrom(env: Env, event: EventPayload): GithubContext {
  const get = (name: string, fallback = ''): string => env[name] || fallback;
  const repository = get('GITHUB_REPOSITORY');
  return {
    repository,
    repository_owner: get('GITHUB_REPOSITORY_OWNER', repository.split('/')[0]),
    ref: get('GITHUB_REF'),
    ref_name: get('GITHUB_REF_NAME'),
    ref_type: get('GITHUB_REF_TYPE'),
    head_ref: get('GITHUB_HEAD_REF'),
    base_ref: get('GITHUB_BASE_REF'),
    sha: get('GITHUB_SHA'),
    actor: get('GITHUB_ACTOR'),
    triggering_actor: get('GITHUB_TRIGGERING_ACTOR', get('GITHUB_ACTOR')),
    event_name: get('GITHUB_EVENT_NAME'),
    workflow: get('GITHUB_WORKFLOW'),
    job: get('GITHUB_JOB'),
    run_id: get('GITHUB_RUN_ID'),
    run_number: get('GITHUB_RUN_NUMBER'),
    run_attempt: get('GITHUB_RUN_ATTEMPT', '1'),
    server_url: trimSlash(get('GITHUB_SERVER_URL', 'https://github.com')),
    api_url: trimSlash(get('GITHUB_API_URL', 'https://api.github.com')),
    event,
  };
}

/** Parses the event payload; anything but a JSON object is a broken runner file, reported as such. */
export function parseEventPayload(text: string, path: string): EventPayload {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`The event payload at GITHUB_EVENT_PATH '${path}' is not valid JSON.`, { cause: error });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`The event payload at GITHUB_EVENT_PATH '${path}' is not a JSON object.`);
  }
  return parsed as EventPayload;
}
