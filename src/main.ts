import { readGithubContext, type ReadText } from './context/read.js';
import { type LookUpPreviousRun, previousResult } from './github/previous-result.js';
import { deliverWithCompanion } from './hipchat/companion.js';
import type { HttpTransport } from './hipchat/http.js';
import type { TransportOptions } from './hipchat/undici-transport.js';
import { v2Body } from './hipchat/v2.js';
import { messageFormatOf } from './inputs/parse.js';
import { type InputSource, readInputs } from './inputs/read.js';
import { loadTemplate } from './inputs/template-source.js';
import { redactor } from './redact.js';
import { fitMessage, MESSAGE_MAX } from './render/limits.js';
import { addMentions } from './render/mentions.js';
import { renderMessage } from './render/message.js';
import { composeNotification } from './render/notification.js';
import { type AppendSummary, type ReportCore, report, reportSkipped } from './report/report.js';
import { decide, needsPrevious } from './rules/send-when.js';
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
  readonly lookUpPreviousRun: LookUpPreviousRun;
}

const REQUEST_TIMEOUT_MS = 30_000;

export async function run(deps: Dependencies): Promise<void> {
  const { core } = deps;
  try {
    const inputs = readInputs(core, deps.env);
    const template = await loadTemplate(inputs.template, inputs.templateFile, deps.env.GITHUB_WORKSPACE ?? '.', deps.readText);
    const github = await readGithubContext(deps.env, deps.readText, (message) => core.warning(message));
    const view = buildView(github, inputs.status, inputs.needs);

    const format = messageFormatOf(inputs.format);

    // Rendered before deciding, so that a broken template or card fails on a green run, not on the first red one.
    const rendered = await renderMessage(view, format, template);
    const card = inputs.format === 'card' ? await (await import('./card/compose.js')).composeCard(view, inputs.card) : undefined;

    const previous = needsPrevious(inputs.sendWhen, inputs.status)
      ? await previousResult(deps.lookUpPreviousRun, github, inputs.githubToken, core)
      : undefined;
    const decision = decide(inputs.sendWhen, inputs.status, previous);
    if (!decision.send) {
      await reportSkipped(core, decision.reason, deps.appendSummary);
      return;
    }
    if (inputs.sendWhen.some((rule) => rule !== 'always')) core.info(decision.reason);

    const mentions = inputs.mentionOn.includes(inputs.status) ? inputs.mention : [];
    const mentioned = addMentions(rendered, format, mentions, view);
    const fitted = fitMessage(mentioned.message, format);
    if (fitted.shortenedFrom) {
      core.warning(`The message had ${fitted.shortenedFrom} characters; HipChat accepts ${MESSAGE_MAX}, so it was shortened.`);
    }
    const body = v2Body(composeNotification(view, fitted.message, card, { ...inputs, format }));
    const companion = mentioned.companion
      ? v2Body(composeNotification(view, mentioned.companion, undefined, { ...inputs, format: 'text' }))
      : undefined;
    core.debug(`Notification body: ${JSON.stringify(body)}`);

    const transport = deps.createTransport({ timeoutMs: REQUEST_TIMEOUT_MS });
    const results = await deliverWithCompanion(
      transport,
      { serverUrl: inputs.serverUrl, token: inputs.token, rooms: inputs.rooms, body },
      companion,
    ).finally(() => transport.close());

    const redact = redactor([inputs.token, inputs.githubToken]);
    await report(core, { body, results, failOnError: inputs.failOnError, companion }, deps.appendSummary, redact);
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
