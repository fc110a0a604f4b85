import type { GithubContext } from './context/github.js';
import { type ReadText, readGithubContext } from './context/read.js';
import type { FollowUps } from './followups/follow-up.js';
import type { FollowUpPlan } from './followups/plan.js';
import type { PrivateMessages } from './followups/private-messages.js';
import type { OpenGithub } from './github/types.js';
import { deliverWithCompanion } from './hipchat/delivery/companion.js';
import { type Clock, deliverToRooms, type RoomResult, type Session } from './hipchat/delivery/deliver.js';
import { notificationCall } from './hipchat/endpoints/notification.js';
import { type V2NotificationBody, v2Body } from './hipchat/endpoints/notification-v2.js';
import type { HttpTransport } from './hipchat/transport/http.js';
import type { TransportOptions } from './hipchat/transport/transport-options.js';
import { messageFormatOf } from './inputs/parse.js';
import { isPersonReference, uniqueIgnoringCase } from './inputs/people.js';
import { type ActionInputs, type InputSource, readInputs } from './inputs/read.js';
import { loadTemplate } from './inputs/template-source.js';
import type { RealPath } from './inputs/workspace-path.js';
import type { People, PeopleQuestion } from './lookups/people.js';
import { anyLookup, type LookupPlan, planLookups } from './lookups/plan.js';
import { type Found, NOTHING_FOUND } from './lookups/types.js';
import type { UserMap } from './lookups/user-map.js';
import { redactor, secretForms } from './redact.js';
import { renderMessage } from './render/message.js';
import { type Notification, type RenderedParts, type RoomNotifications, roomNotifications } from './render/notification.js';
import type { TemplateSource } from './render/template.js';
import type { DryRunCore } from './report/dry-run.js';
import type { SentBody } from './report/outputs.js';
import { type AppendSummary, report, reportSkipped } from './report/report.js';
import { type Decision, decide, type PreviousResult } from './rules/send-when.js';
import { buildView } from './view.js';

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

/**
 * What the rooms get (the notification and the text companion that carries mentions other formats ignore, or the
 * message posted instead), and what the later stages need to add the people's mentions and follow up.
 */
export interface PreparedNotification extends RoomNotifications {
  readonly inputs: ActionInputs;
  readonly github: GithubContext;
  /** The message and card as rendered, before any mention: what the mentions of people found later are added to. */
  readonly parts: RenderedParts;
  /** Whether the message came from a template: a private message then turns its html into text. */
  readonly templated: boolean;
  readonly userMap: UserMap | undefined;
  /** Certificates to trust besides the system's, from ca_cert. */
  readonly ca: readonly string[];
  /** The previous result send_when compares with, when a rule needs it. */
  readonly previous: PreviousResult | undefined;
  /** What follows the message in each room that got it: the topic, the file. */
  readonly followUps: FollowUpPlan;
}

/** What the step was given: its inputs, the template, certificates and user_map they name, and the workflow context. */
interface Setup {
  readonly inputs: ActionInputs;
  readonly template: TemplateSource | undefined;
  readonly ca: readonly string[];
  readonly userMap: UserMap | undefined;
  readonly github: GithubContext;
}

const TLS_VERIFY_OFF =
  "tls_verify is false, so the action does not check HipChat's certificate: anyone between the runner and HipChat, such as a proxy or a hostile network, can pose as HipChat and read the token and the message. Give the certificate of the CA that signed HipChat's certificate in ca_cert instead.";

/** Reads the inputs and what they name; every problem with an input is thrown here, before any request. */
async function prepare(deps: Pick<Dependencies, 'core' | 'env' | 'readText' | 'realPath'>): Promise<Setup> {
  const { core, env } = deps;
  const workspace = env.GITHUB_WORKSPACE || '.';
  const inputs = await readInputs(core, env);
  const template = await loadTemplate(inputs.template, inputs.templateFile, workspace, deps);
  // Like its parser, the certificate check loads only for a step that gives ca_cert.
  const ca = inputs.caCert ? await (await import('./inputs/ca-cert.js')).loadCaCert(inputs.caCert, deps.readText, workspace) : [];
  // Checked whenever it is given, so that a mistake in it shows on the first run, not on the first failure.
  const userMap = inputs.userMap ? (await import('./lookups/user-map.js')).parseUserMap(inputs.userMap) : undefined;
  const github = await readGithubContext(env, deps.readText, (message) => core.warning(message));
  return { inputs, template, ca, userMap, github };
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
 * the lookups, to fail on a template or card mistake before any request is made. author and actor join the mentions
 * once they are found on HipChat, after send_when has decided to send.
 */
async function render(
  { inputs, template, ca, userMap, github }: Setup,
  found: Found,
  check = false,
): Promise<Omit<PreparedNotification, 'followUps'>> {
  const view = buildView(github, inputs.status, inputs.needs, { matrix: inputs.matrix, found });
  // A room message is plain text: the default message and templates render in their text form.
  const asMessage = inputs.sendAs === 'message' || inputs.replyTo !== undefined;
  const format = asMessage ? 'text' : messageFormatOf(inputs.format);
  const message = await renderMessage(view, format, template, { check });
  const card = inputs.format === 'card' ? await (await import('./card/compose.js')).composeCard(view, inputs.card) : undefined;
  const parts: RenderedParts = { view, message, card, options: { ...inputs, format }, asMessage };
  const mentions = inputs.mentionOn.includes(inputs.status) ? inputs.mention.filter((mention) => !isPersonReference(mention)) : [];
  const notifications = roomNotifications(parts, mentions);
  return { inputs, github, parts, templated: template !== undefined, userMap, ca, previous: found.previous, ...notifications };
}

function warnIfShortened(core: ActionCore, { shortened }: RoomNotifications): void {
  if (shortened) core.warning(`The message had ${shortened.from} characters; HipChat accepts ${shortened.max}, so it was shortened.`);
}

/** What went, or would go, to the rooms, as the outputs and the summary show it. */
function sentBodies({ notification, companion, message }: RoomNotifications): { body: SentBody; companion?: V2NotificationBody } {
  return { body: message === undefined ? v2Body(notification) : { message }, companion: companion && v2Body(companion) };
}

/** The topic, rendered, and the file, found: before any request, so that a mistake in either fails first. */
async function planFollowUps(
  { inputs }: Setup,
  view: RenderedParts['view'],
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
    logLines: setup.inputs.logLines,
  });
  if (anyLookup(plan)) await render(setup, NOTHING_FOUND, true);
  const found = await lookUp(plan, setup, deps);
  const prepared = await render(setup, found);
  warnIfShortened(core, prepared);
  const { message } = prepared;
  if (message !== undefined && setup.template && /<\/?[a-z][^<>]*>/i.test(message)) {
    core.warning('The message has html tags, which a room message shows as typed: write the template as plain text.');
  }
  const followUps = await planFollowUps(setup, prepared.parts.view, deps);
  core.debug(`Notification body: ${JSON.stringify(sentBodies(prepared).body)}`);
  return { ...prepared, followUps };
}

/** What the inputs ask of people on this run's status: nothing, on most runs. */
function peopleQuestion({ mention, mentionOn, privateMessage, privateMessageOn, status }: ActionInputs): PeopleQuestion | undefined {
  const question = {
    mention: mentionOn.includes(status) ? mention.filter(isPersonReference) : [],
    privateMessage: privateMessageOn.includes(status) ? privateMessage : [],
  };
  return question.mention.length > 0 || question.privateMessage.length > 0 ? question : undefined;
}

/**
 * Who author and actor are on HipChat, looked up through the session; without one (a dry run) user_map alone
 * answers. The resolver loads only on a run whose inputs name people on its status.
 */
async function lookUpPeople(prepared: PreparedNotification, session: Session | undefined, core: ActionCore): Promise<People | undefined> {
  const question = peopleQuestion(prepared.inputs);
  if (!question) return undefined;
  const { findPeople } = await import('./lookups/people.js');
  const { inputs, github, userMap } = prepared;
  return findPeople(question, { github, userMap, log: core, session, server: { serverUrl: inputs.serverUrl, token: inputs.token } });
}

/** The notifications again with the mentions of the people found, in the places mention gives them; else as prepared. */
function mentionPeople(prepared: PreparedNotification, people: People | undefined, core: ActionCore): PreparedNotification {
  if (!people || people.mentions.size === 0) return prepared;
  const mentions = uniqueIgnoringCase(
    prepared.inputs.mention.flatMap((mention) => (isPersonReference(mention) ? (people.mentions.get(mention) ?? []) : [mention])),
  );
  const { shortened, ...notifications } = roomNotifications(prepared.parts, mentions);
  if (shortened && !prepared.shortened) warnIfShortened(core, { ...notifications, shortened });
  return { ...prepared, ...notifications, ...(shortened && { shortened }) };
}

/**
 * What a run would send, without sending anything or asking HipChat: the notifications with whom user_map names
 * mentioned, and the people found so. A dry run's.
 */
export async function previewNotification(
  deps: Pick<Dependencies, 'core' | 'env' | 'readText' | 'realPath' | 'openGithub' | 'clock'>,
): Promise<{ readonly prepared: PreparedNotification; readonly people: People | undefined }> {
  return previewOf(await prepareNotification(deps), deps.core);
}

async function previewOf(prepared: PreparedNotification, core: ActionCore) {
  const people = await lookUpPeople(prepared, undefined, core);
  return { prepared: mentionPeople(prepared, people, core), people };
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
  prepared: RoomNotifications & Pick<PreparedNotification, 'inputs'>,
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

/** The private messages, after the rooms and what follows there: loaded only when someone is to get one. */
async function messagePeople(
  prepared: PreparedNotification,
  people: People | undefined,
  session: Session,
  core: ActionCore,
): Promise<PrivateMessages | undefined> {
  if (!people || people.recipients.length === 0) return undefined;
  const { sendPrivateMessages } = await import('./followups/private-messages.js');
  const { inputs } = prepared;
  return sendPrivateMessages(prepared, people.recipients, { serverUrl: inputs.serverUrl, token: inputs.token }, session, core);
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
  const prepared = await render(setup, NOTHING_FOUND, true);
  const { checkSetUp } = await import('./check/check.js');
  await checkSetUp({ ...prepared, template: setup.template?.text }, deps, redact);
}

/**
 * `dry_run: true`: what would have been sent, with the people user_map names mentioned, in the outputs and the job
 * summary instead of the rooms. Its report loads only for a dry run.
 */
async function reportInstead(prepared: PreparedNotification, deps: Dependencies, redact: (text: string) => string): Promise<void> {
  const { prepared: mentioned } = await previewOf(prepared, deps.core);
  const { reportDryRun } = await import('./report/dry-run.js');
  await reportDryRun(deps.core, { ...sentBodies(mentioned), rooms: prepared.inputs.rooms }, deps.appendSummary, redact);
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
    const { inputs } = prepared;
    if (inputs.dryRun) {
      await reportInstead(prepared, deps, redact);
      return;
    }
    const session = await openSession(prepared, deps, redact);
    try {
      const people = await lookUpPeople(prepared, session, core);
      const mentioned = mentionPeople(prepared, people, core);
      const results = await deliver(mentioned, session, deps, redact);
      const followUps = await followUp(mentioned, results, session, deps, redact);
      const privateMessages = await messagePeople(mentioned, people, session, core);
      const sent = { ...sentBodies(mentioned), results, failOnError: inputs.failOnError, followUps, privateMessages };
      await report(core, sent, deps.appendSummary, redact);
    } finally {
      await session.transport.close();
    }
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
