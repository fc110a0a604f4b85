// Loaded with import() only for a step with a topic or a file: renders the topic and finds the file before anything
// is sent, so that a template error or a path out of the workspace fails first.
import { FILE_MESSAGE_MAX } from '../hipchat/endpoints/share-file.js';
import { TOPIC_MAX } from '../hipchat/endpoints/topic.js';
import type { RealPath } from '../inputs/workspace-path.js';
import { shortenText } from '../render/limits.js';
import { renderTemplate } from '../render/template.js';
import type { NotificationView } from '../view.js';
import type { FollowUpPlan } from './plan.js';
import { findWorkspaceFile } from './workspace-file.js';

export interface FollowUpInputs {
  readonly topic: string;
  readonly file: string;
}

export interface FollowUpContext {
  readonly view: NotificationView;
  readonly workspace: string;
  readonly realPath: RealPath;
  readonly warn: (message: string) => void;
}

/** The topic on one line, within HipChat's 250 characters; a topic is plain text, so nothing is escaped. */
async function renderTopic(template: string, { view, warn }: FollowUpContext): Promise<string | undefined> {
  const rendered = (await renderTemplate({ text: template, origin: "input 'topic'" }, view, 'text')).replace(/\s+/g, ' ').trim();
  if (rendered === '') {
    warn('The topic template rendered nothing, so the rooms keep their topics.');
    return undefined;
  }
  const topic = shortenText(rendered, TOPIC_MAX);
  if (topic !== rendered) warn(`The topic had ${[...rendered].length} characters; HipChat accepts ${TOPIC_MAX}, so it was shortened.`);
  return topic;
}

/** What the file's line in the room says: "deploy.log from Deploy #13". */
function fileMessage(view: NotificationView): (name: string) => string {
  return (name) => shortenText(`${name} from ${view.workflow} #${view.run_number}`, FILE_MESSAGE_MAX);
}

export async function prepareFollowUps(inputs: FollowUpInputs, context: FollowUpContext): Promise<FollowUpPlan> {
  const topic = inputs.topic ? await renderTopic(inputs.topic, context) : undefined;
  const file = inputs.file
    ? await findWorkspaceFile(inputs.file, context.workspace, context.realPath, fileMessage(context.view))
    : undefined;
  return { ...(topic !== undefined && { topic }), ...(file && { file }) };
}
