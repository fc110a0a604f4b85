import { InputError } from './errors.js';
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
  readonly notify: boolean;
  readonly format: Format;
  readonly template: string;
  readonly templateFile: string;
  /** The card's shape (YAML), for format card. */
  readonly card: string;
  readonly from: string;
  readonly status: JobStatus;
  readonly failOnError: boolean;
}

/** The part of @actions/core that reads inputs; tests pass a fake. */
export interface InputSource {
  getInput(name: string): string;
  setSecret(secret: string): void;
}

/**
 * The only place that reads inputs. The token is masked before anything else happens, so no later log line,
 * error or output can show it.
 */
export function readInputs(source: InputSource, env: NodeJS.ProcessEnv): ActionInputs {
  const rawToken = source.getInput('token') || env.HIPCHAT_TOKEN || '';
  for (const secret of new Set([rawToken, rawToken.trim()])) {
    if (secret) source.setSecret(secret);
  }
  const token = parseToken(rawToken);

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
    notify: parseBoolean('notify', source.getInput('notify'), false),
    format,
    template: source.getInput('template'),
    templateFile: source.getInput('template_file'),
    card,
    from: parseFrom(source.getInput('from')),
    status: parseStatus(source.getInput('status')),
    failOnError: parseBoolean('fail_on_error', source.getInput('fail_on_error'), true),
  };
}
