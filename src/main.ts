import { readGithubContext, type ReadText } from './context/read.js';
import { deliverToRooms } from './hipchat/deliver.js';
import type { HttpTransport } from './hipchat/http.js';
import type { TransportOptions } from './hipchat/undici-transport.js';
import { type V2NotificationBody, v2Body } from './hipchat/v2.js';
import { messageFormatOf } from './inputs/parse.js';
import { type ActionInputs, type InputSource, readInputs } from './inputs/read.js';
import { loadTemplate } from './inputs/template-source.js';
import { redactor } from './redact.js';
import { fitMessage, MESSAGE_MAX } from './render/limits.js';
import { renderMessage } from './render/message.js';
import { composeNotification } from './render/notification.js';
import { type AppendSummary, type ReportCore, report } from './report/report.js';
import { buildView } from './view.js';

export interface ActionCore extends InputSource, ReportCore {
  debug(message: string): void;
}

/** Everything a run touches outside itself; tests pass their own. */
export interface Dependencies {
  readonly core: ActionCore;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly readText: ReadText;
  readonly createTransport: (options: TransportOptions) => HttpTransport;
  readonly appendSummary: AppendSummary;
}

const REQUEST_TIMEOUT_MS = 30_000;

export interface PreparedNotification {
  readonly inputs: ActionInputs;
  readonly body: V2NotificationBody;
}

/**
 * Everything before the network: the inputs, the context and the body HipChat would receive. Errors are thrown
 * for the caller to report; the command line's --dry-run stops here.
 */
export async function prepareNotification(deps: Pick<Dependencies, 'core' | 'env' | 'readText'>): Promise<PreparedNotification> {
  const { core } = deps;
  const inputs = readInputs(core, deps.env);
  const template = await loadTemplate(inputs.template, inputs.templateFile, deps.env.GITHUB_WORKSPACE ?? '.', deps.readText);
  const github = await readGithubContext(deps.env, deps.readText, (message) => core.warning(message));
  const view = buildView(github, inputs.status);

  const format = messageFormatOf(inputs.format);
  const fitted = fitMessage(await renderMessage(view, format, template), format);
  if (fitted.shortenedFrom) {
    core.warning(`The message had ${fitted.shortenedFrom} characters; HipChat accepts ${MESSAGE_MAX}, so it was shortened.`);
  }
  const card = inputs.format === 'card' ? await (await import('./card/compose.js')).composeCard(view, inputs.card) : undefined;
  const body = v2Body(composeNotification(view, fitted.message, card, { ...inputs, format }));
  core.debug(`Notification body: ${JSON.stringify(body)}`);
  return { inputs, body };
}

export async function run(deps: Dependencies): Promise<void> {
  const { core } = deps;
  try {
    const { inputs, body } = await prepareNotification(deps);

    const transport = deps.createTransport({ timeoutMs: REQUEST_TIMEOUT_MS });
    const results = await deliverToRooms(transport, {
      serverUrl: inputs.serverUrl,
      token: inputs.token,
      rooms: inputs.rooms,
      body,
    }).finally(() => transport.close());

    await report(core, { body, results, failOnError: inputs.failOnError }, deps.appendSummary, redactor([inputs.token]));
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
