import { stringAt, valueAt } from '../context/payload.js';
import { type NotificationView, under } from '../view.js';
import { clip, type Inline } from './rich-text.js';

/** What the event adds after "acme/api: CI #42 succeeded": a subject, detail lines and addresses for text. */
export interface EventDescription {
  readonly subject: readonly Inline[];
  readonly details?: readonly (readonly Inline[])[];
  readonly links?: readonly string[];
}

type Describe = (view: NotificationView) => EventDescription;

const MAX_COMMITS = 5;
const MAX_INPUTS = 5;

function by(person: string | undefined): Inline[] {
  return person ? [` by ${person}`] : [];
}

/** " on main", linked; nothing when the ref is unknown (a command line run without an event or a ref). */
function onRef(view: NotificationView, words = ' on '): Inline[] {
  return view.ref_name ? [words, { text: view.ref_name, url: view.ref_url }] : [];
}

/** "acme/api: CI #42", or as much of it as is known. */
export function runTitle(view: NotificationView): string {
  return [view.repository, `${view.workflow} #${view.run_number}`].filter(Boolean).join(': ');
}

function commitLink(view: NotificationView): Inline[] {
  return view.short_sha ? [' (', { text: view.short_sha, url: view.commit_url }, ')'] : [];
}

function branchLink(view: NotificationView, name: string): Inline {
  return { text: name, url: under(view.repository_url, `/tree/${name.split('/').map(encodeURIComponent).join('/')}`) };
}

function actionWord(view: NotificationView): string {
  const action = stringAt(view.event, 'action') ?? '';
  if (action === 'closed' && view.pull_request?.merged) return 'merged';
  if (action === 'synchronize') return 'updated';
  return action.replace(/_/g, ' ');
}

function inParentheses(words: string, person: string | undefined): Inline[] {
  return words ? [` (${words}`, ...by(person), ')'] : by(person);
}

const push: Describe = (view) => {
  const actor = view.actor;
  if (valueAt(view.event, 'deleted') === true) {
    return { subject: [` after ${view.ref_type || 'ref'} `, { strong: view.ref_name }, ' was deleted', ...by(actor)] };
  }
  const forced = valueAt(view.event, 'forced') === true ? ' (force-pushed)' : '';
  const commits = view.commits;
  const details: Inline[][] = commits
    .slice(0, MAX_COMMITS)
    .map((commit) => [
      '• ',
      { text: commit.short_sha, url: commit.url },
      ` ${clip(commit.title)}`,
      commit.author ? ` (${commit.author})` : '',
    ]);
  const more = commits.length - MAX_COMMITS;
  if (more > 0) details.push([view.compare_url ? { text: `and ${more} more`, url: view.compare_url } : `and ${more} more`]);
  return {
    subject: [...onRef(view, ` on ${view.ref_type === 'tag' ? 'tag ' : ''}`), ...commitLink(view), ...by(actor), forced],
    details,
    links: commits.length > 1 ? [view.compare_url] : [],
  };
};

const pullRequest: Describe = (view) => {
  const pr = view.pull_request;
  if (!pr) return fallback(view);
  return {
    subject: [
      ' on pull request ',
      { text: `#${pr.number} ${clip(pr.title)}`, url: pr.url },
      ...inParentheses(actionWord(view), view.actor),
    ],
    details: [[branchLink(view, pr.head), ' → ', branchLink(view, pr.base), pr.draft ? ' (draft)' : '', ...commitLink(view)]],
    links: [pr.url],
  };
};

const release: Describe = (view) => {
  const published = view.release;
  if (!published) return fallback(view);
  const notes = [published.name !== published.tag ? `tag ${published.tag}` : '', published.prerelease ? 'pre-release' : '']
    .filter(Boolean)
    .join(' · ');
  return {
    subject: [' for release ', { text: clip(published.name), url: published.url }, ...inParentheses(actionWord(view), view.actor)],
    details: notes ? [[notes]] : [],
    links: [published.url],
  };
};

const CONCLUSION_WORDS: Readonly<Record<string, string>> = {
  success: 'succeeded',
  failure: 'failed',
  cancelled: 'was cancelled',
  skipped: 'was skipped',
  timed_out: 'timed out',
};

const workflowRun: Describe = (view) => {
  const run = valueAt(view.event, 'workflow_run');
  const id = stringAt(run, 'id');
  const url = id ? under(view.repository_url, `/actions/runs/${id}`) : '';
  const name = `${stringAt(run, 'name') || 'workflow'} #${stringAt(run, 'run_number') ?? '?'}`;
  const conclusion = stringAt(run, 'conclusion');
  const status = stringAt(run, 'status');
  const outcome = conclusion
    ? ` ${CONCLUSION_WORDS[conclusion] ?? conclusion.replace(/_/g, ' ')}`
    : status
      ? ` (${status.replace(/_/g, ' ')})`
      : '';
  const branch = stringAt(run, 'head_branch');
  return {
    subject: [' after ', { text: name, url }, outcome, ...(branch ? [' on ', branchLink(view, branch)] : [])],
    details: view.commit_title ? [[clip(view.commit_title)]] : [],
    links: [url],
  };
};

const workflowDispatch: Describe = (view) => {
  const inputs = valueAt(view.event, 'inputs');
  const entries = inputs && typeof inputs === 'object' ? Object.entries(inputs).slice(0, MAX_INPUTS) : [];
  return {
    subject: [...onRef(view), ...inParentheses('run manually', view.actor)],
    details: entries.map(([name, value]) => [`${name}: ${clip(String(value), 60)}`]),
  };
};

const schedule: Describe = (view) => {
  const cron = stringAt(view.event, 'schedule');
  return { subject: [...onRef(view), ` (scheduled${cron ? `: ${cron}` : ''})`] };
};

const create: Describe = (view) => {
  const ref = stringAt(view.event, 'ref') ?? view.ref_name;
  const type = stringAt(view.event, 'ref_type') ?? 'ref';
  return { subject: [` after ${type} `, branchLink(view, ref), ' was created', ...by(view.actor)] };
};

const remove: Describe = (view) => {
  const ref = stringAt(view.event, 'ref') ?? view.ref_name;
  const type = stringAt(view.event, 'ref_type') ?? 'ref';
  return { subject: [` after ${type} `, { strong: ref }, ' was deleted', ...by(view.actor)] };
};

function deploymentTarget(view: NotificationView): Inline[] {
  const ref = stringAt(view.event, 'deployment', 'ref') ?? view.ref_name;
  const environment = stringAt(view.event, 'deployment', 'environment') ?? 'an environment';
  return [branchLink(view, ref), ' to ', { strong: environment }];
}

const deployment: Describe = (view) => {
  const description = stringAt(view.event, 'deployment', 'description');
  const creator = stringAt(view.event, 'deployment', 'creator', 'login') ?? view.actor;
  return {
    subject: [' deploying ', ...deploymentTarget(view), ...by(creator)],
    details: description ? [[clip(description)]] : [],
  };
};

const deploymentStatus: Describe = (view) => {
  const state = stringAt(view.event, 'deployment_status', 'state') ?? '';
  const description = stringAt(view.event, 'deployment_status', 'description');
  const target =
    stringAt(view.event, 'deployment_status', 'environment_url') || stringAt(view.event, 'deployment_status', 'target_url') || '';
  const details: Inline[][] = [];
  if (description) details.push([clip(description)]);
  if (target) details.push([{ text: target, url: target }]);
  return {
    subject: [' for the deployment of ', ...deploymentTarget(view), state ? `: ${state.replace(/_/g, ' ')}` : ''],
    details,
    links: [target],
  };
};

function issueLink(view: NotificationView, fragment = ''): { text: string; url: string } {
  const number = stringAt(view.event, 'issue', 'number') ?? '';
  const title = stringAt(view.event, 'issue', 'title') ?? '';
  return { text: clip(`#${number} ${title}`), url: under(view.repository_url, `/issues/${number}${fragment}`) };
}

const issues: Describe = (view) => {
  const issue = issueLink(view);
  return { subject: [' on issue ', issue, ...inParentheses(actionWord(view), view.actor)], links: [issue.url] };
};

const issueComment: Describe = (view) => {
  const id = stringAt(view.event, 'comment', 'id');
  const target = issueLink(view, id ? `#issuecomment-${id}` : '');
  const onPullRequest = valueAt(view.event, 'issue', 'pull_request') !== undefined;
  const body = stringAt(view.event, 'comment', 'body') ?? '';
  return {
    subject: [
      ` on a comment${actionWord(view) === 'created' ? '' : ` ${actionWord(view)}`}`,
      ...by(view.actor),
      ` on ${onPullRequest ? 'pull request' : 'issue'} `,
      target,
    ],
    details: body ? [[`“${clip(body, 200)}”`]] : [],
    links: [target.url],
  };
};

const repositoryDispatch: Describe = (view) => ({
  subject: [' on repository dispatch ', { strong: stringAt(view.event, 'action') ?? 'event' }, ...by(view.actor)],
});

const mergeGroup: Describe = (view) => {
  const base = (stringAt(view.event, 'merge_group', 'base_ref') ?? '').replace(/^refs\/heads\//, '');
  return {
    subject: [' in the merge queue', ...(base ? [' for ', branchLink(view, base)] : []), ...commitLink(view)],
    details: view.commit_title ? [[clip(view.commit_title)]] : [],
  };
};

function fallback(view: NotificationView): EventDescription {
  const event = view.event_name ? [` on ${view.event_name.replace(/_/g, ' ')}`] : [];
  const ref = onRef(view, event.length ? ' of ' : ' on ');
  return { subject: [...event, ...ref, ...commitLink(view), ...by(view.actor)] };
}

const DESCRIBERS: Readonly<Record<string, Describe>> = {
  push,
  pull_request: pullRequest,
  pull_request_target: pullRequest,
  release,
  workflow_run: workflowRun,
  workflow_dispatch: workflowDispatch,
  schedule,
  create,
  delete: remove,
  deployment,
  deployment_status: deploymentStatus,
  issues,
  issue_comment: issueComment,
  repository_dispatch: repositoryDispatch,
  merge_group: mergeGroup,
};

export function describeEvent(view: NotificationView): EventDescription {
  return (Object.hasOwn(DESCRIBERS, view.event_name) ? DESCRIBERS[view.event_name] : undefined)?.(view) ?? fallback(view);
}
