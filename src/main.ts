import type { GithubContext } from './context/github.js';
import { type ReadText, readGithubContext } from './context/read.js';
import type { PrivateMessages } from './followups/private-messages.js';
import type { OpenGithub } from './github/types.js';
import { deliverWithCompanion } from './hipchat/delivery/companion.js';
import { type Clock, deliverToRooms, type RoomResult, type Session } from './hipchat/delivery/deliver.js';
import { notificationCall } from './hipchat/endpoints/notification.js';
import { v2Body } from './hipchat/endpoints/notification-v2.js';
import type { HttpTransport } from './hipchat/transport/http.js';
import type { TransportOptions } from './hipchat/transport/transport-options.js';
import { loadCaCert } from './inputs/ca-cert.js';
import { messageFormatOf } from './inputs/parse.js';
import { isPersonReference } from './inputs/people.js';
import { type ActionInputs, type InputSource, readInputs } from './inputs/read.js';
import { loadTemplate } from './inputs/template-source.js';
import type { RealPath } from './inputs/workspace-path.js';
import type { People, PeopleQuestion } from './lookups/people.js';
import { anyLookup, type LookupPlan, planLookups } from './lookups/plan.js';
import { type Found, NOTHING_FOUND } from './lookups/types.js';
import type { UserMap } from './lookups/user-map.js';
import { redactor, secretForms } from './redact.js';
import { MESSAGE_MAX } from './render/limits.js';
import { renderMessage } from './render/message.js';
import { type Notification, type RenderedParts, type RoomNotifications, roomNotifications } from './render/notification.js';
import type { TemplateSource } from './render/template.js';
import { type AppendSummary, type DryRunCore, report, reportDryRun, reportSkipped } from './report/report.js';
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
  readonly realPath: RealPath;
  readonly createTransport: (options: TransportOptions) => Promise<HttpTransport>;
  readonly appendSummary: AppendSummary;
  /** The GitHub API client, loaded only by runs that read the API. */
  readonly openGithub: OpenGithub;
  readonly clock: Clock;
  readonly random: () => number;
}

/** What the rooms get (the notification, and the text companion that carries mentions other formats ignore), and more. */
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
  const inputs = readInputs(core, env);
  const template = await loadTemplate(inputs.template, inputs.templateFile, workspace, deps);
  const ca = inputs.caCert ? await loadCaCert(inputs.caCert, deps.readText, workspace) : [];
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
async function render({ inputs, template, ca, userMap, github }: Setup, found: Found, check = false): Promise<PreparedNotification> {
  const view = buildView(github, inputs.status, inputs.needs, { matrix: inputs.matrix, found });
  const format = messageFormatOf(inputs.format);
  const message = await renderMessage(view, format, template, { check });
  const card = inputs.format === 'card' ? await (await import('./card/compose.js')).composeCard(view, inputs.card) : undefined;
  const parts: RenderedParts = { view, message, card, options: { ...inputs, format } };
  const mentions = inputs.mentionOn.includes(inputs.status) ? inputs.mention.filter((mention) => !isPersonReference(mention)) : [];
  const notifications = roomNotifications(parts, mentions);
  return { inputs, github, parts, templated: template !== undefined, userMap, ca, previous: found.previous, ...notifications };
}

function warnIfShortened(core: ActionCore, { shortenedFrom }: RoomNotifications): void {
  if (shortenedFrom) core.warning(`The message had ${shortenedFrom} characters; HipChat accepts ${MESSAGE_MAX}, so it was shortened.`);
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
  deps: Pick<Dependencies, 'core' | 'env' | 'openGithub' | 'clock'>,
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
  const prepared = await render(setup, found);
  warnIfShortened(core, prepared);
  core.debug(`Notification body: ${JSON.stringify(v2Body(prepared.notification))}`);
  return prepared;
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
function mentionPeople(prepared: PreparedNotification, people: People | undefined, core: ActionCore): RoomNotifications {
  if (!people || people.mentions.size === 0) return prepared;
  const seen = new Set<string>();
  const mentions = prepared.inputs.mention
    .flatMap((mention) => (isPersonReference(mention) ? (people.mentions.get(mention) ?? []) : [mention]))
    .filter((mention) => !seen.has(mention.toLowerCase()) && seen.add(mention.toLowerCase()));
  const notifications = roomNotifications(prepared.parts, mentions);
  if (!prepared.shortenedFrom) warnIfShortened(core, notifications);
  return notifications;
}

/** What a run would send, without sending or asking HipChat anything: a dry run's. */
export async function previewNotification(
  deps: Pick<Dependencies, 'core' | 'env' | 'readText' | 'realPath' | 'openGithub' | 'clock'>,
): Promise<RoomNotifications> {
  return previewOf(await prepareNotification(deps), deps.core);
}

async function previewOf(prepared: PreparedNotification, core: ActionCore): Promise<RoomNotifications> {
  return mentionPeople(prepared, await lookUpPeople(prepared, undefined, core), core);
}

/** send_when, with the previous result the look-up found when a rule needed it. */
function decideSending({ inputs, previous }: PreparedNotification, core: ActionCore): Decision {
  const decision = decide(inputs.sendWhen, inputs.status, previous);
  if (decision.send && inputs.sendWhen.some((rule) => rule !== 'always')) core.info(decision.reason);
  return decision;
}

/** Every room at once over one connection pool, each with its own retries, and the mentions' companion after. */
async function deliver(inputs: ActionInputs, notifications: RoomNotifications, session: Session): Promise<RoomResult[]> {
  const server = { serverUrl: inputs.serverUrl, token: inputs.token };
  const send = async (notification: Notification, rooms: readonly string[]) =>
    deliverToRooms(session, rooms, await notificationCall(inputs.apiVersion, server, notification));
  return deliverWithCompanion(send, inputs.rooms, notifications.notification, notifications.companion);
}

/** The private messages, after the rooms: loaded only when someone is to get one. */
async function followUp(
  prepared: PreparedNotification,
  people: People | undefined,
  session: Session,
  core: ActionCore,
): Promise<PrivateMessages | undefined> {
  if (!people || people.recipients.length === 0) return undefined;
  const { sendPrivateMessages } = await import('./followups/private-messages.js');
  const { inputs, parts, templated } = prepared;
  const source = { view: parts.view, format: inputs.format, rendered: parts.message, templated };
  return sendPrivateMessages(source, people.recipients, { serverUrl: inputs.serverUrl, token: inputs.token }, session, core);
}

/**
 * One connection pool for every call of the run, with the run's retry settings and a log that redacts, closed once
 * `use` is done with it.
 */
async function withSession<T>(
  prepared: PreparedNotification,
  deps: Dependencies,
  redact: (text: string) => string,
  use: (session: Session) => Promise<T>,
): Promise<T> {
  const { inputs } = prepared;
  if (!inputs.tlsVerify) deps.core.warning(TLS_VERIFY_OFF, { title: 'TLS verification is off' });
  const session: Session = {
    transport: await deps.createTransport({ ca: prepared.ca, verify: inputs.tlsVerify }),
    retry: { retries: inputs.retries, timeoutMs: inputs.timeoutSeconds * 1000 },
    clock: deps.clock,
    random: deps.random,
    log: (message) => deps.core.info(redact(message)),
  };
  return use(session).finally(() => session.transport.close());
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
      const { notification, companion } = await previewOf(prepared, core);
      await reportDryRun(
        core,
        { body: v2Body(notification), rooms: inputs.rooms, companion: companion && v2Body(companion) },
        deps.appendSummary,
        redact,
      );
      return;
    }
    const sent = await withSession(prepared, deps, redact, async (session) => {
      const people = await lookUpPeople(prepared, session, core);
      const notifications = mentionPeople(prepared, people, core);
      const results = await deliver(inputs, notifications, session);
      const privateMessages = await followUp(prepared, people, session, core);
      return { notifications, results, privateMessages };
    });
    const { notification, companion } = sent.notifications;
    await report(
      core,
      {
        body: v2Body(notification),
        results: sent.results,
        failOnError: inputs.failOnError,
        companion: companion && v2Body(companion),
        privateMessages: sent.privateMessages,
      },
      deps.appendSummary,
      redact,
    );
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
