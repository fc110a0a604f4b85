import type { GithubContext } from './context/github.js';
import { type ReadText, readGithubContext } from './context/read.js';
import type { FollowUps } from './followups/follow-up.js';
import type { FollowUpPlan } from './followups/plan.js';
import { type LookUpPreviousRun, previousResult } from './github/previous-result.js';
import { deliverWithCompanion } from './hipchat/delivery/companion.js';
import { type Clock, deliverToRooms, type RoomResult, type Session } from './hipchat/delivery/deliver.js';
import { notificationCall } from './hipchat/endpoints/notification.js';
import { v2Body } from './hipchat/endpoints/notification-v2.js';
import type { HttpTransport } from './hipchat/transport/http.js';
import type { TransportOptions } from './hipchat/transport/transport-options.js';
import { loadCaCert } from './inputs/ca-cert.js';
import { messageFormatOf } from './inputs/parse.js';
import { type ActionInputs, type InputSource, readInputs } from './inputs/read.js';
import { loadTemplate } from './inputs/template-source.js';
import type { RealPath } from './inputs/workspace-path.js';
import { redactor, secretForms } from './redact.js';
import { fitMessage, MESSAGE_MAX, ROOM_MESSAGE_MAX } from './render/limits.js';
import { addMentions } from './render/mentions.js';
import { renderMessage } from './render/message.js';
import { composeNotification, type Notification } from './render/notification.js';
import { type AppendSummary, type ReportCore, report, reportSkipped } from './report/report.js';
import { type Decision, decide, needsPrevious } from './rules/send-when.js';
import { buildView } from './view.js';

export interface ActionCore extends InputSource, ReportCore {
  debug(message: string): void;
}

/** Everything a run touches outside itself; tests pass their own. */
export interface Dependencies {
  readonly core: ActionCore;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly readText: ReadText;
  /** Reads a file of at most maxBytes, for the file input. */
  readonly readBytes: (path: string, maxBytes: number) => Promise<Uint8Array>;
  readonly realPath: RealPath;
  readonly createTransport: (options: TransportOptions) => Promise<HttpTransport>;
  readonly appendSummary: AppendSummary;
  readonly lookUpPreviousRun: LookUpPreviousRun;
  readonly clock: Clock;
  readonly random: () => number;
}

export interface PreparedNotification {
  readonly inputs: ActionInputs;
  readonly github: GithubContext;
  readonly notification: Notification;
  /** A text notification carrying the mentions, for formats in which HipChat ignores them. */
  readonly companion: Notification | undefined;
  /** Certificates to trust besides the system's, from ca_cert. */
  readonly ca: readonly string[];
  /** With send_as message or reply_to: the plain text posted as the token's user instead of the notification. */
  readonly message: string | undefined;
  /** What follows the message in each room that got it: the topic, the file. */
  readonly followUps: FollowUpPlan;
}

const TLS_VERIFY_OFF =
  "tls_verify is false, so the action does not check HipChat's certificate: anyone between the runner and HipChat, such as a proxy or a hostile network, can pose as HipChat and read the token and the message. Give the certificate of the CA that signed HipChat's certificate in ca_cert instead.";

/**
 * Everything before the network: the inputs, the context and what HipChat would receive. Every problem with an
 * input, a template or a card is thrown here, before anything is sent, even on a run that send_when skips.
 */
export async function prepareNotification(
  deps: Pick<Dependencies, 'core' | 'env' | 'readText' | 'realPath'>,
): Promise<PreparedNotification> {
  const { core, env } = deps;
  const workspace = env.GITHUB_WORKSPACE || '.';
  const inputs = readInputs(core, env);
  const template = await loadTemplate(inputs.template, inputs.templateFile, workspace, deps);
  const ca = inputs.caCert ? await loadCaCert(inputs.caCert, deps.readText, workspace) : [];
  const github = await readGithubContext(env, deps.readText, (message) => core.warning(message));
  const view = buildView(github, inputs.status, inputs.needs);

  // A room message is plain text: the default message and templates render in their text form.
  const asMessage = inputs.sendAs === 'message' || inputs.replyTo !== undefined;
  const format = asMessage ? 'text' : messageFormatOf(inputs.format);
  const rendered = await renderMessage(view, format, template);
  const card = inputs.format === 'card' ? await (await import('./card/compose.js')).composeCard(view, inputs.card) : undefined;
  const mentions = inputs.mentionOn.includes(inputs.status) ? inputs.mention : [];
  const mentioned = addMentions(rendered, format, mentions, view);
  const max = asMessage ? ROOM_MESSAGE_MAX : MESSAGE_MAX;
  const fitted = fitMessage(mentioned.message, format, max);
  if (fitted.shortenedFrom) {
    core.warning(`The message had ${fitted.shortenedFrom} characters; HipChat accepts ${max}, so it was shortened.`);
  }
  if (asMessage && template && /<\/?[a-z][^<>]*>/i.test(fitted.message)) {
    core.warning('The message has html tags, which a room message shows as typed: write the template as plain text.');
  }
  const notification = composeNotification(view, fitted.message, card, { ...inputs, format });
  const companion = mentioned.companion
    ? composeNotification(view, mentioned.companion, undefined, { ...inputs, format: 'text' })
    : undefined;
  // The topic's template engine and the file's glob load only for the steps that have them.
  const followUps: FollowUpPlan =
    inputs.topic || inputs.file
      ? await (await import('./followups/prepare.js')).prepareFollowUps(inputs, {
          view,
          workspace,
          realPath: deps.realPath,
          warn: (message) => core.warning(message),
        })
      : {};
  core.debug(`Notification body: ${JSON.stringify(asMessage ? { message: fitted.message } : v2Body(notification))}`);
  return { inputs, github, notification, companion, ca, message: asMessage ? fitted.message : undefined, followUps };
}

/** send_when, asking the GitHub API for the previous run only when a rule's answer depends on it. */
async function decideSending({ inputs, github }: PreparedNotification, deps: Dependencies): Promise<Decision> {
  const previous = needsPrevious(inputs.sendWhen, inputs.status)
    ? await previousResult(deps.lookUpPreviousRun, github, inputs.githubToken, deps.core)
    : undefined;
  const decision = decide(inputs.sendWhen, inputs.status, previous);
  if (decision.send && inputs.sendWhen.some((rule) => rule !== 'always')) deps.core.info(decision.reason);
  return decision;
}

/**
 * Every room at once over one connection pool, each with its own retries: the notification and the mentions'
 * companion after it, or the message posted as the token's user (a reply in each room's thread with reply_to).
 */
async function deliver(
  prepared: PreparedNotification,
  session: Session,
  deps: Dependencies,
  redact: (text: string) => string,
): Promise<RoomResult[]> {
  const { inputs } = prepared;
  const server = { serverUrl: inputs.serverUrl, token: inputs.token };
  if (prepared.message !== undefined) {
    const { postMessages } = await import('./hipchat/delivery/post-messages.js');
    const warn = (message: string) => deps.core.warning(redact(message), { title: 'HipChat reply sent as a new message' });
    return postMessages(session, inputs.rooms, { server, text: prepared.message, replyTo: inputs.replyTo, warn });
  }
  const send = async (notification: Notification, rooms: readonly string[]) =>
    deliverToRooms(session, rooms, await notificationCall(inputs.apiVersion, server, notification));
  return deliverWithCompanion(send, inputs.rooms, prepared.notification, prepared.companion);
}

/** The topic, then the file, in each room that got the message; loaded only for the steps that have them. */
async function followUp(
  prepared: PreparedNotification,
  results: readonly RoomResult[],
  session: Session,
  deps: Dependencies,
  redact: (text: string) => string,
): Promise<FollowUps> {
  const { inputs, followUps } = prepared;
  if (followUps.topic === undefined && followUps.file === undefined) return { results: [] };
  const { followUp: inEachRoom } = await import('./followups/follow-up.js');
  const delivered = results.filter((result) => result.ok).map((result) => result.room);
  return inEachRoom(followUps, delivered, {
    session,
    server: { serverUrl: inputs.serverUrl, token: inputs.token },
    ifFileMissing: inputs.ifFileMissing,
    readBytes: deps.readBytes,
    warn: (message, title) => deps.core.warning(redact(message), { title }),
    info: (message) => deps.core.info(redact(message)),
  });
}

/** One connection pool for every call of the run, with the run's retry settings and a log that redacts. */
async function openSession(prepared: PreparedNotification, deps: Dependencies, redact: (text: string) => string): Promise<Session> {
  const { inputs } = prepared;
  if (!inputs.tlsVerify) deps.core.warning(TLS_VERIFY_OFF, { title: 'TLS verification is off' });
  return {
    transport: await deps.createTransport({ ca: prepared.ca, verify: inputs.tlsVerify }),
    retry: { retries: inputs.retries, timeoutMs: inputs.timeoutSeconds * 1000 },
    clock: deps.clock,
    random: deps.random,
    log: (message) => deps.core.info(redact(message)),
  };
}

export async function run(deps: Dependencies): Promise<void> {
  const { core } = deps;
  try {
    const prepared = await prepareNotification(deps);
    const decision = await decideSending(prepared, deps);
    if (!decision.send) {
      await reportSkipped(core, decision.reason, deps.appendSummary);
      return;
    }
    // Masking covers the log on the runner; outputs, the summary and a server's quoted text need redacting too.
    const { inputs, notification, companion, message } = prepared;
    const redact = redactor(inputs.secrets.flatMap(secretForms));
    const session = await openSession(prepared, deps, redact);
    try {
      const results = await deliver(prepared, session, deps, redact);
      const followUps = await followUp(prepared, results, session, deps, redact);
      const body = message === undefined ? v2Body(notification) : { message };
      const sent = { body, results, failOnError: inputs.failOnError, companion: companion && v2Body(companion), followUps };
      await report(core, sent, deps.appendSummary, redact);
    } finally {
      await session.transport.close();
    }
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
