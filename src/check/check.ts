// Loaded with import() only for `check: true` (or `hipchat-notify check`): a run that sends never loads it.
import type { GithubContext } from '../context/github.js';
import type { OpenGithub } from '../github/types.js';
import type { Clock, Session } from '../hipchat/delivery/deliver.js';
import { notificationCall } from '../hipchat/endpoints/notification.js';
import type { HttpTransport } from '../hipchat/transport/http.js';
import type { TransportOptions } from '../hipchat/transport/transport-options.js';
import type { ActionInputs } from '../inputs/read.js';
import type { UserMap } from '../lookups/user-map.js';
import type { Notification } from '../render/notification.js';
import { type AppendSummary, type ReportCore, writeSummary } from '../report/report.js';
import { neededPermissions, probeGithub } from './github-probes.js';
import { probePeople } from './people-probes.js';
import { proxyFor } from './proxy.js';
import { type CheckLine, wouldFail } from './result.js';
import { probeRoom, type RoomProbe } from './room-probes.js';
import { probeServer } from './server-probe.js';
import { checkMarkdown, checkText } from './table.js';

/** What a check needs of the prepared run: the inputs, the notification whose endpoint it probes, the context. */
export interface CheckRun {
  readonly inputs: ActionInputs;
  readonly notification: Notification;
  readonly ca: readonly string[];
  readonly github: GithubContext;
  readonly userMap: UserMap | undefined;
  /** The template's text, whose variables say what the GitHub API would be asked. */
  readonly template: string | undefined;
}

export interface CheckDependencies {
  readonly core: ReportCore;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly createTransport: (options: TransportOptions) => Promise<HttpTransport>;
  readonly openGithub: OpenGithub;
  readonly appendSummary: AppendSummary;
  readonly clock: Clock;
  readonly random: () => number;
}

/**
 * The probes each room gets: the notification (or, with send_as message or reply_to, the message posted as the
 * token's user), then each follow-up the inputs turn on. A run that may not set the topic or share the file still
 * delivers, with a warning; but it would then never do what the inputs ask, every run, which is what a check is for.
 */
async function roomProbes({ inputs, notification }: CheckRun): Promise<RoomProbe[]> {
  const server = { serverUrl: inputs.serverUrl, token: inputs.token };
  const probes: RoomProbe[] = [];
  if (inputs.sendAs === 'message' || inputs.replyTo !== undefined) {
    const { messageCall } = await import('../hipchat/endpoints/message.js');
    probes.push({ what: 'messages and replies', call: messageCall(server, ''), missing: 'fail' });
  } else {
    probes.push({ what: 'notifications', call: await notificationCall(inputs.apiVersion, server, notification), missing: 'fail' });
  }
  if (inputs.topic) {
    const { topicCall } = await import('../hipchat/endpoints/topic.js');
    probes.push({ what: 'the topic', call: topicCall(server, ''), missing: 'fail' });
  }
  if (inputs.file) {
    // auth_test leaves the body out, so an empty file asks all that matters.
    const { shareFileCall } = await import('../hipchat/endpoints/share-file.js');
    probes.push({ what: 'files', call: await shareFileCall(server, '', { name: 'check', bytes: new Uint8Array() }), missing: 'fail' });
  }
  return probes;
}

async function checkRooms(session: Session, run: CheckRun): Promise<CheckLine[]> {
  const probes = await roomProbes(run);
  // Rooms at once, as a run delivers; a room's probes one after another, as a run's calls to one room come.
  const perRoom = await Promise.all(
    run.inputs.rooms.map(async (room) => {
      const lines: CheckLine[] = [];
      for (const probe of probes) lines.push(await probeRoom(session, room, probe));
      return lines;
    }),
  );
  return perRoom.flat();
}

/** author and actor found, and the private messages sent, when the inputs name anyone. */
function checkPeople(session: Session, run: CheckRun): ReturnType<typeof probePeople> {
  const { inputs, github, userMap } = run;
  const server = { serverUrl: inputs.serverUrl, token: inputs.token };
  return probePeople(session, server, { mention: inputs.mention, privateMessage: inputs.privateMessage, userMap, github });
}

async function checkHipChat(run: CheckRun, deps: CheckDependencies, log: (message: string) => void): Promise<CheckLine[]> {
  const { inputs } = run;
  const transport = await deps.createTransport({ ca: run.ca, verify: inputs.tlsVerify });
  try {
    const server = await probeServer(transport, {
      serverUrl: inputs.serverUrl,
      version: inputs.apiVersion,
      verify: inputs.tlsVerify,
      proxy: proxyFor(inputs.serverUrl, deps.env),
      timeoutMs: inputs.timeoutSeconds * 1000,
    });
    if (!server.usable) {
      const skipped = inputs.rooms.map((room) => ({
        check: `Room '${room}'`,
        outcome: 'skip' as const,
        detail: 'Not checked: the server checks above must pass first.',
      }));
      return [...server.lines, ...skipped];
    }
    const session: Session = {
      transport,
      retry: { retries: inputs.retries, timeoutMs: inputs.timeoutSeconds * 1000 },
      clock: deps.clock,
      random: deps.random,
      log,
    };
    const [people, rooms] = await Promise.all([checkPeople(session, run), checkRooms(session, run)]);
    // In the order a run meets them: the people are found before the rooms get the message, and messaged after.
    return [...server.lines, ...people.lookups, ...rooms, ...people.messages];
  } finally {
    await transport.close();
  }
}

/** HipChat first, as a run meets it; the GitHub reads the inputs would make after. */
async function runChecks(run: CheckRun, deps: CheckDependencies, log: (message: string) => void): Promise<CheckLine[]> {
  const { inputs, github } = run;
  const permissions = neededPermissions(inputs, run.template);
  const [hipchat, githubLines] = await Promise.all([
    checkHipChat(run, deps, log),
    probeGithub(permissions, github, inputs.githubToken, deps.openGithub, inputs.timeoutSeconds * 1000),
  ]);
  return [...hipchat, ...githubLines];
}

/**
 * Proves the set-up without posting anything: the server, its certificate and API, and for each room every call
 * the inputs would make, asked with auth_test. The table goes to the log and the job summary, the lines to the
 * `check` output; the step fails when something would make a real run fail.
 */
export async function checkSetUp(run: CheckRun, deps: CheckDependencies, redact: (text: string) => string): Promise<void> {
  const { core } = deps;
  const lines = (await runChecks(run, deps, (message) => core.info(redact(message)))).map((entry) => ({
    ...entry,
    detail: redact(entry.detail),
  }));
  core.info(checkText(lines));
  core.setOutput('check', JSON.stringify(lines));
  core.setOutput('ok', String(!wouldFail(lines)));
  await writeSummary(core, deps.appendSummary, checkMarkdown(lines));
  for (const entry of lines.filter((candidate) => candidate.outcome === 'warn')) core.warning(entry.detail, { title: entry.check });
  const failed = lines.filter((entry) => entry.outcome === 'fail');
  if (failed.length > 0) {
    core.setFailed(
      [
        `The set-up check found ${failed.length} problem(s) that would make a run fail:`,
        ...failed.map((entry) => `${entry.check}: ${entry.detail}`),
      ].join('\n'),
    );
  } else {
    core.info('The set-up check passed: nothing was posted.');
  }
}
