import type { GithubContext } from './context/github.js';
import { type ReadText, readGithubContext } from './context/read.js';
import type { FollowUps } from './followups/follow-up.js';
import type { FollowUpPlan } from './followups/plan.js';
import type { OpenGithub } from './github/types.js';
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
import { anyLookup, type LookupPlan, planLookups } from './lookups/plan.js';
import { type Found, NOTHING_FOUND } from './lookups/types.js';
import { redactor, secretForms } from './redact.js';
import { fitMessage, MESSAGE_MAX, ROOM_MESSAGE_MAX } from './render/limits.js';
import { addMentions } from './render/mentions.js';
import { renderMessage } from './render/message.js';
import { composeNotification, type Notification } from './render/notification.js';
import type { TemplateSource } from './render/template.js';
import { type AppendSummary, type DryRunCore, report, reportDryRun, reportSkipped } from './report/report.js';
import { type Decision, decide, type PreviousResult } from './rules/send-when.js';
import { buildView, type NotificationView } from './view.js';

export interface ActionCore extends InputSource, DryRunCore {
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
  /** The GitHub API client, loaded only by runs that read the API. */
  readonly openGithub: OpenGithub;
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
  /** The previous result send_when compares with, when a rule needs it. */
  readonly previous: PreviousResult | undefined;
  /** With send_as message or reply_to: the plain text posted as the token's user instead of the notification. */
  readonly message: string | undefined;
  /** What follows the message in each room that got it: the topic, the file. */
  readonly followUps: FollowUpPlan;
}

/** What the step was given: its inputs, the template and certificates they name, and the workflow context. */
interface Setup {
  readonly inputs: ActionInputs;
  readonly template: TemplateSource | undefined;
  readonly ca: readonly string[];
  readonly github: GithubContext;
}

interface Rendered {
  readonly prepared: Omit<PreparedNotification, 'followUps'>;
  readonly view: NotificationView;
  /** The message's length before it was shortened to HipChat's limit, and that limit, when it was. */
  readonly shortened: { readonly from: number; readonly max: number } | undefined;
}

const TLS_VERIFY_OFF =
  "tls_verify is false, so the action does not check HipChat's certificate: anyone between the runner and HipChat, such as a proxy or a hostile network, can pose as HipChat and read the token and the message. Give the certificate of the CA that signed HipChat's certificate in ca_cert instead.";

/** Reads the inputs and what they name; every problem with an input is thrown here, before any request. */
async function prepare(deps: Pick<Dependencies, 'core' | 'env' | 'readText' | 'realPath'>): Promise<Setup> {
  const { core, env } = deps;
  const workspace = env.GITHUB_WORKSPACE || '.';
  const inputs = await readInputs(core, env);
  const template = await loadTemplate(inputs.template, inputs.templateFile, workspace, deps);
  const ca = inputs.caCert ? await loadCaCert(inputs.caCert, deps.readText, workspace) : [];
  const github = await readGithubContext(env, deps.readText, (message) => core.warning(message));
  return { inputs, template, ca, github };
}

/** What the message and send_when need from the GitHub API, asked only when they use it (lookups/plan.ts). */
async function lookUp(
  plan: LookupPlan,
  { inputs, github }: Setup,
  deps: Pick<Dependencies, 'core' | 'env' | 'openGithub' | 'clock'>,
): Promise<Found> {
  if (!anyLookup(plan)) return NOTHING_FOUND;
  const { lookUp: lookUpAll } = await import('./lookups/look-up.js');
  return lookUpAll(
    plan,
    { github, inputs, runnerName: deps.env.RUNNER_NAME },
    { openGithub: deps.openGithub, now: () => deps.clock.now(), log: deps.core },
  );
}

/**
 * The message, the card and the mentions' companion, from the context and what was looked up. `check` renders before
 * the lookups, to fail on a template or card mistake before any request is made.
 */
async function render({ inputs, template, ca, github }: Setup, found: Found, check = false): Promise<Rendered> {
  const view = buildView(github, inputs.status, inputs.needs, { matrix: inputs.matrix, found });
  // A room message is plain text: the default message and templates render in their text form.
  const asMessage = inputs.sendAs === 'message' || inputs.replyTo !== undefined;
  const format = asMessage ? 'text' : messageFormatOf(inputs.format);
  const rendered = await renderMessage(view, format, template, { check });
  const card = inputs.format === 'card' ? await (await import('./card/compose.js')).composeCard(view, inputs.card) : undefined;
  const mentions = inputs.mentionOn.includes(inputs.status) ? inputs.mention : [];
  const mentioned = addMentions(rendered, format, mentions, view);
  const max = asMessage ? ROOM_MESSAGE_MAX : MESSAGE_MAX;
  const fitted = fitMessage(mentioned.message, format, max);
  const notification = composeNotification(view, fitted.message, card, { ...inputs, format });
  const companion = mentioned.companion
    ? composeNotification(view, mentioned.companion, undefined, { ...inputs, format: 'text' })
    : undefined;
  const message = asMessage ? fitted.message : undefined;
  return {
    prepared: { inputs, github, notification, companion, ca, previous: found.previous, message },
    view,
    shortened: fitted.shortenedFrom === undefined ? undefined : { from: fitted.shortenedFrom, max },
  };
}

/** The topic, rendered, and the file, found: before any request, so that a mistake in either fails first. */
async function planFollowUps(
  { inputs }: Setup,
  view: NotificationView,
  deps: Pick<Dependencies, 'core' | 'env' | 'realPath'>,
): Promise<FollowUpPlan> {
  if (!inputs.topic && !inputs.file) return {};
  // The topic's template engine and the file's glob load only for the steps that have them.
  const { prepareFollowUps } = await import('./followups/prepare.js');
  const context = { view, workspace: deps.env.GITHUB_WORKSPACE || '.', realPath: deps.realPath, warn: deps.core.warning };
  return prepareFollowUps(inputs, context);
}

/**
 * Everything before HipChat: the inputs, what the GitHub API tells, and what HipChat would receive. Every problem
 * with an input, a template or a card is thrown before any request, even on a run that send_when skips.
 */
export async function prepareNotification(
  deps: Pick<Dependencies, 'core' | 'env' | 'readText' | 'realPath' | 'openGithub' | 'clock'>,
): Promise<PreparedNotification> {
  return completeNotification(await prepare(deps), deps);
}

async function completeNotification(
  setup: Setup,
  deps: Pick<Dependencies, 'core' | 'env' | 'realPath' | 'openGithub' | 'clock'>,
): Promise<PreparedNotification> {
  const { core } = deps;
  const plan = planLookups({
    template: setup.template?.text,
    card: setup.inputs.card,
    format: setup.inputs.format,
    status: setup.inputs.status,
    sendWhen: setup.inputs.sendWhen,
    needs: setup.inputs.needs !== undefined,
    matrix: setup.inputs.matrix !== undefined,
  });
  if (anyLookup(plan)) await render(setup, NOTHING_FOUND, true);
  const found = await lookUp(plan, setup, deps);
  const { prepared, view, shortened } = await render(setup, found);
  if (shortened) core.warning(`The message had ${shortened.from} characters; HipChat accepts ${shortened.max}, so it was shortened.`);
  const { message } = prepared;
  if (message !== undefined && setup.template && /<\/?[a-z][^<>]*>/i.test(message)) {
    core.warning('The message has html tags, which a room message shows as typed: write the template as plain text.');
  }
  const followUps = await planFollowUps(setup, view, deps);
  core.debug(`Notification body: ${JSON.stringify(message === undefined ? v2Body(prepared.notification) : { message })}`);
  return { ...prepared, followUps };
}

/** send_when, with the previous result the look-up found when a rule needed it. */
function decideSending({ inputs, previous }: PreparedNotification, core: ActionCore): Decision {
  const decision = decide(inputs.sendWhen, inputs.status, previous);
  if (decision.send && inputs.sendWhen.some((rule) => rule !== 'always')) core.info(decision.reason);
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

/**
 * `check: true`: prove the set-up with auth_test, posting nothing, instead of looking up, deciding and delivering.
 * The message is still rendered, so that a template or card mistake fails the check as it would fail the run.
 */
async function checkInstead(setup: Setup, deps: Dependencies, redact: (text: string) => string): Promise<void> {
  const { prepared } = await render(setup, NOTHING_FOUND, true);
  const { checkSetUp } = await import('./check/check.js');
  await checkSetUp({ ...prepared, template: setup.template?.text }, deps, redact);
}

export async function run(deps: Dependencies): Promise<void> {
  const { core } = deps;
  try {
    const setup = await prepare(deps);
    // Masking covers the log on the runner; outputs, the summary and a server's quoted text need redacting too.
    const redact = redactor(setup.inputs.secrets.flatMap(secretForms));
    if (setup.inputs.check) {
      await checkInstead(setup, deps, redact);
      return;
    }
    const prepared = await completeNotification(setup, deps);
    const decision = decideSending(prepared, core);
    if (!decision.send) {
      await reportSkipped(core, decision.reason, deps.appendSummary);
      return;
    }
    const { inputs, notification, companion, message } = prepared;
    const body = message === undefined ? v2Body(notification) : { message };
    if (inputs.dryRun) {
      await reportDryRun(core, { body, rooms: inputs.rooms, companion: companion && v2Body(companion) }, deps.appendSummary, redact);
      return;
    }
    const session = await openSession(prepared, deps, redact);
    try {
      const results = await deliver(prepared, session, deps, redact);
      const followUps = await followUp(prepared, results, session, deps, redact);
      const sent = { body, results, failOnError: inputs.failOnError, companion: companion && v2Body(companion), followUps };
      await report(core, sent, deps.appendSummary, redact);
    } finally {
      await session.transport.close();
    }
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
