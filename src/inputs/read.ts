import { proxyCredentials } from '../hipchat/transport/transport-options.js';
import { secretForms } from '../redact.js';
import type { CaCertSource } from './ca-cert.js';
import type { ColorSetting } from './colors.js';
import { parseNotify, parseSendWhen, parseStatusList, type SendRule } from './conditions.js';
import { InputError } from './errors.js';
import type { Matrix } from './matrix.js';
import type { NeededJob } from './needs.js';
import {
  type ApiVersion,
  type Format,
  type JobStatus,
  LOG_LINES_MAX,
  parseApiVersion,
  parseBoolean,
  parseColor,
  parseFormat,
  parseFrom,
  parseRooms,
  parseServerUrl,
  parseStatus,
  parseToken,
  parseV1From,
  parseWholeNumber,
  RETRIES_MAX,
  TIMEOUT_MAX_SECONDS,
} from './parse.js';
import type { RoomInputs, RoomInputsContext } from './room-inputs.js';

export interface ActionInputs extends RoomInputs {
  readonly rooms: readonly string[];
  readonly token: string;
  readonly serverUrl: string;
  readonly color: ColorSetting;
  /** The statuses on which the notification pings the room: all for `true`, none for `false`. */
  readonly notify: readonly JobStatus[];
  readonly format: Format;
  readonly template: string;
  readonly templateFile: string;
  /** The card's shape (YAML), for format card. */
  readonly card: string;
  readonly from: string;
  /** The `status` input, or the worst result in `needs` when that is given. */
  readonly status: JobStatus;
  readonly failOnError: boolean;
  /** Check everything and send nothing: the payload output and the job summary show what would have been sent. */
  readonly dryRun: boolean;
  readonly sendWhen: readonly SendRule[];
  /** @here, @all and mention names as given, and author and actor, found on HipChat when the run mentions them. */
  readonly mention: readonly string[];
  readonly mentionOn: readonly JobStatus[];
  /** Who gets the message privately: author, actor, or HipChat users by email, @mention name or id. */
  readonly privateMessage: readonly string[];
  readonly privateMessageOn: readonly JobStatus[];
  /** GitHub login or commit email → HipChat user, as YAML or JSON; checked before anything is sent. */
  readonly userMap: string;
  /** The jobs of `${{ toJSON(needs) }}`, when given: their worst result becomes the status. */
  readonly needs: readonly NeededJob[] | undefined;
  /** The values of `${{ toJSON(matrix) }}`, which name this job among the matrix's jobs. */
  readonly matrix: Matrix | undefined;
  /** How many lines of each failed job's log the message shows; 0 reads no log. */
  readonly logLines: number;
  /** For the GitHub API reads (the job, the previous result); empty when not given, which only matters to them. */
  readonly githubToken: string;
  readonly apiVersion: ApiVersion;
  readonly retries: number;
  readonly timeoutSeconds: number;
  readonly caCert: CaCertSource | undefined;
  readonly tlsVerify: boolean;
  /** Check the set-up with auth_test instead of sending (`check: true`, or `hipchat-notify check`). */
  readonly check: boolean;
  /** Everything to keep out of what the run writes: the tokens and the proxy variables' credentials. */
  readonly secrets: readonly string[];
}

/** The part of @actions/core that reads inputs; tests pass a fake. */
export interface InputSource {
  getInput(name: string): string;
  setSecret(secret: string): void;
  /** Set when the inputs come from command-line options, so that advice names --options instead of workflow keys. */
  readonly commandLine?: boolean;
}

/** Masks a secret as given and in the encoded forms a URL or a form body would carry. */
function mask(source: InputSource, raw: string): void {
  for (const secret of new Set([raw, ...secretForms(raw.trim())])) {
    if (secret) source.setSecret(secret);
  }
}

/** A step that sends a notification and nothing more, as most do. */
const NOTIFICATION_ONLY: RoomInputs = { sendAs: 'notification', replyTo: undefined, topic: '', file: '', ifFileMissing: 'warn' };

/** The room inputs' parser loads only when one of them is set, so the usual step never pays for it. */
async function readRoomInputs(get: (name: string) => string, context: RoomInputsContext): Promise<RoomInputs> {
  const untouched =
    ['', 'notification'].includes(get('send_as').trim().toLowerCase()) &&
    ['', 'warn'].includes(get('if_file_missing').trim().toLowerCase()) &&
    ['reply_to', 'topic', 'file'].every((name) => get(name).trim() === '');
  if (untouched) return NOTIFICATION_ONLY;
  return (await import('./room-inputs.js')).parseRoomInputs(get, context);
}

/**
 * Most steps leave needs, matrix, mention, private_message and ca_cert empty: each one's parser, with its words for
 * a mistake (and private_message's email pattern), loads only for a step that gives it.
 */
async function whenGiven<T>(raw: string, parse: (raw: string) => Promise<T>): Promise<T | undefined> {
  return raw.trim() === '' ? undefined : parse(raw);
}

/** With needs, the status is its jobs' worst result. */
async function readNeeds(raw: string) {
  const { parseNeeds, worstResult } = await import('./needs.js');
  const jobs = parseNeeds(raw);
  return jobs && { jobs, status: worstResult(jobs) };
}

/** One colour is the usual setting: the parser of a colour per status (`failure=red`) loads only for a step that maps. */
async function readColor(raw: string): Promise<ColorSetting> {
  return raw.includes('=') ? (await import('./colors.js')).parseColorsByStatus(raw) : parseColor(raw);
}

/**
 * The only place that reads inputs. The tokens are masked before anything else happens, so no later log line,
 * error or output can show them.
 */
export async function readInputs(source: InputSource, env: NodeJS.ProcessEnv): Promise<ActionInputs> {
  const rawToken = source.getInput('token') || env.HIPCHAT_TOKEN || '';
  mask(source, rawToken);
  // GITHUB_TOKEN serves the command line, where no default expression fills github_token in.
  const rawGithubToken = source.getInput('github_token') || env.GITHUB_TOKEN || '';
  mask(source, rawGithubToken);
  const proxySecrets = proxyCredentials(env);
  for (const secret of proxySecrets) mask(source, secret);
  const dryRun = parseBoolean('dry_run', source.getInput('dry_run'), false);
  // A dry run sends nothing, so a workflow without the secret (a fork's pull request) can run one.
  const token = dryRun && rawToken.trim() === '' ? '' : parseToken(rawToken, source.commandLine);
  const needs = await whenGiven(source.getInput('needs'), readNeeds);
  const apiVersion = parseApiVersion(source.getInput('api_version'));
  const from = source.getInput('from');

  const format = parseFormat(source.getInput('format'));
  const card = source.getInput('card');
  if (card && format !== 'card') {
    throw new InputError(`Input 'card' is set but format is '${format}': set format: card to send a card.`);
  }
  if (format === 'card' && apiVersion === 'v1') {
    throw new InputError(
      "Invalid format 'card' with api_version 'v1': HipChat's v1 API has no cards; use html or text, or api_version v2.",
    );
  }

  const rooms = parseRooms(source.getInput('room'));
  return {
    rooms,
    token,
    serverUrl: parseServerUrl(source.getInput('server_url'), source.commandLine),
    color: await readColor(source.getInput('color')),
    notify: parseNotify(source.getInput('notify')),
    format,
    template: source.getInput('template'),
    templateFile: source.getInput('template_file'),
    card,
    from: apiVersion === 'v1' ? parseV1From(from) : parseFrom(from),
    status: needs?.status ?? parseStatus(source.getInput('status')),
    failOnError: parseBoolean('fail_on_error', source.getInput('fail_on_error'), true),
    dryRun,
    sendWhen: parseSendWhen(source.getInput('send_when')),
    mention: (await whenGiven(source.getInput('mention'), async (raw) => (await import('./mentions.js')).parseMentions(raw))) ?? [],
    mentionOn: parseStatusList('mention_on', source.getInput('mention_on'), ['failure']),
    privateMessage:
      (await whenGiven(source.getInput('private_message'), async (raw) => (await import('./hipchat-users.js')).parsePrivateMessage(raw))) ??
      [],
    privateMessageOn: parseStatusList('private_message_on', source.getInput('private_message_on'), ['failure']),
    userMap: source.getInput('user_map'),
    needs: needs?.jobs,
    matrix: await whenGiven(source.getInput('matrix'), async (raw) => (await import('./matrix.js')).parseMatrix(raw)),
    logLines: parseWholeNumber('log_lines', source.getInput('log_lines'), { min: 0, max: LOG_LINES_MAX, fallback: 0 }),
    githubToken: rawGithubToken.trim(),
    apiVersion,
    retries: parseWholeNumber('retries', source.getInput('retries'), { min: 0, max: RETRIES_MAX, fallback: 3 }),
    timeoutSeconds: parseWholeNumber('timeout', source.getInput('timeout'), {
      min: 1,
      max: TIMEOUT_MAX_SECONDS,
      fallback: 10,
      unit: 'seconds',
    }),
    caCert: await whenGiven(source.getInput('ca_cert'), async (raw) => (await import('./ca-cert.js')).parseCaCert(raw)),
    tlsVerify: parseBoolean('tls_verify', source.getInput('tls_verify'), true),
    check: parseBoolean('check', source.getInput('check'), false),
    secrets: [token, rawGithubToken.trim(), ...proxySecrets].filter((secret) => secret !== ''),
    ...(await readRoomInputs((name) => source.getInput(name), { rooms, format, apiVersion })),
  };
}
