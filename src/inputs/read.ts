import { secretForms } from '../redact.js';
import { type CaCertSource, parseCaCert } from './ca-cert.js';
import {
  type ApiVersion,
  type ColorChoice,
  type JobStatus,
  type MessageFormat,
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

export interface ActionInputs {
  readonly rooms: readonly string[];
  readonly token: string;
  readonly serverUrl: string;
  readonly color: ColorChoice;
  readonly notify: boolean;
  readonly format: MessageFormat;
  readonly template: string;
  readonly from: string;
  readonly status: JobStatus;
  readonly failOnError: boolean;
  readonly apiVersion: ApiVersion;
  readonly retries: number;
  readonly timeoutSeconds: number;
  readonly caCert: CaCertSource | undefined;
  readonly tlsVerify: boolean;
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
  for (const secret of new Set([rawToken, ...secretForms(rawToken.trim())])) {
    if (secret) source.setSecret(secret);
  }
  const token = parseToken(rawToken);
  const apiVersion = parseApiVersion(source.getInput('api_version'));
  const from = source.getInput('from');

  return {
    rooms: parseRooms(source.getInput('room')),
    token,
    serverUrl: parseServerUrl(source.getInput('server_url')),
    color: parseColor(source.getInput('color')),
    notify: parseBoolean('notify', source.getInput('notify'), false),
    format: parseFormat(source.getInput('format')),
    template: source.getInput('template'),
    from: apiVersion === 'v1' ? parseV1From(from) : parseFrom(from),
    status: parseStatus(source.getInput('status')),
    failOnError: parseBoolean('fail_on_error', source.getInput('fail_on_error'), true),
    apiVersion,
    retries: parseWholeNumber('retries', source.getInput('retries'), { min: 0, max: RETRIES_MAX, fallback: 3 }),
    timeoutSeconds: parseWholeNumber('timeout', source.getInput('timeout'), {
      min: 1,
      max: TIMEOUT_MAX_SECONDS,
      fallback: 10,
      unit: 'seconds',
    }),
    caCert: parseCaCert(source.getInput('ca_cert')),
    tlsVerify: parseBoolean('tls_verify', source.getInput('tls_verify'), true),
  };
}
