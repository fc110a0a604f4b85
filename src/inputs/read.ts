import { parseMentions, parseNotify, parseSendWhen, parseStatusList, type SendRule } from './conditions.js';
import { InputError } from './errors.js';
import { type NeededJob, parseNeeds, worstResult } from './needs.js';
import {
  type ColorChoice,
  type Format,
  type JobStatus,
  parseBoolean,
  parseColor,
  parseFormat,
  parseFrom,
  parseRooms,
  parseServerUrl,
  parseStatus,
  parseToken,
} from './parse.js';

export interface ActionInputs {
  readonly rooms: readonly string[];
  readonly token: string;
  readonly serverUrl: string;
  readonly color: ColorChoice;
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
  readonly sendWhen: readonly SendRule[];
  readonly mention: readonly string[];
  readonly mentionOn: readonly JobStatus[];
  /** The jobs of `${{ toJSON(needs) }}`, when given: their worst result becomes the status. */
  readonly needs: readonly NeededJob[] | undefined;
  /** For the previous run's status; empty when not given, which only matters to send_when's transitions. */
  readonly githubToken: string;
}

/** The part of @actions/core that reads inputs; tests pass a fake. */
export interface InputSource {
  getInput(name: string): string;
  setSecret(secret: string): void;
}

function mask(source: InputSource, raw: string): void {
  for (const secret of new Set([raw, raw.trim()])) {
    if (secret) source.setSecret(secret);
  }
}

/**
 * The only place that reads inputs. The tokens are masked before anything else happens, so no later log line,
 * error or output can show them.
 */
export function readInputs(source: InputSource, env: NodeJS.ProcessEnv): ActionInputs {
  const rawToken = source.getInput('token') || env.HIPCHAT_TOKEN || '';
  mask(source, rawToken);
  const rawGithubToken = source.getInput('github_token');
  mask(source, rawGithubToken);
  const token = parseToken(rawToken);
  const needs = parseNeeds(source.getInput('needs'));

  const format = parseFormat(source.getInput('format'));
  const card = source.getInput('card');
  if (card && format !== 'card') {
    throw new InputError(`Input 'card' is set but format is '${format}': set format: card to send a card.`);
  }

  return {
    rooms: parseRooms(source.getInput('room')),
    token,
    serverUrl: parseServerUrl(source.getInput('server_url')),
    color: parseColor(source.getInput('color')),
    notify: parseNotify(source.getInput('notify')),
    format,
    template: source.getInput('template'),
    templateFile: source.getInput('template_file'),
    card,
    from: parseFrom(source.getInput('from')),
    status: needs ? worstResult(needs) : parseStatus(source.getInput('status')),
    failOnError: parseBoolean('fail_on_error', source.getInput('fail_on_error'), true),
    sendWhen: parseSendWhen(source.getInput('send_when')),
    mention: parseMentions(source.getInput('mention')),
    mentionOn: parseStatusList('mention_on', source.getInput('mention_on'), ['failure']),
    needs,
    githubToken: rawGithubToken.trim(),
  };
}
