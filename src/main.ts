import { readGithubContext, type ReadText } from './context/read.js';
import { notificationApi } from './hipchat/api.js';
import { type Clock, deliverToRooms } from './hipchat/deliver.js';
import type { HttpTransport } from './hipchat/http.js';
import type { TransportOptions } from './hipchat/undici-transport.js';
import { v2Body } from './hipchat/v2.js';
import { loadCaCert } from './inputs/ca-cert.js';
import { type InputSource, readInputs } from './inputs/read.js';
import { redactor, secretForms } from './redact.js';
import { composeNotification } from './render/notification.js';
import { type AppendSummary, type ReportCore, report } from './report/report.js';
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
  readonly clock: Clock;
  readonly random: () => number;
}

const TLS_VERIFY_OFF =
  "tls_verify is false, so the action does not check HipChat's certificate: anyone between the runner and HipChat, such as a proxy or a hostile network, can pose as HipChat and read the token and the message. Give the certificate of the CA that signed HipChat's certificate in ca_cert instead.";

export async function run(deps: Dependencies): Promise<void> {
  const { core } = deps;
  try {
    const inputs = readInputs(core, deps.env);
    const ca = inputs.caCert ? await loadCaCert(inputs.caCert, deps.readText, deps.env.GITHUB_WORKSPACE || '.') : [];
    if (!inputs.tlsVerify) core.warning(TLS_VERIFY_OFF, { title: 'TLS verification is off' });
    const github = await readGithubContext(deps.env, deps.readText, (message) => core.warning(message));
    const view = buildView(github, inputs.status);
    const notification = composeNotification(view, inputs);
    const body = v2Body(notification);
    core.debug(`Notification body: ${JSON.stringify(body)}`);

    // Masking covers the log on the runner; outputs, the summary and a server's quoted text need redacting too.
    const redact = redactor(secretForms(inputs.token));
    const api = await notificationApi(inputs.apiVersion, { serverUrl: inputs.serverUrl, token: inputs.token, notification });
    const transport = deps.createTransport({ ca, verify: inputs.tlsVerify });
    const results = await deliverToRooms({
      transport,
      api,
      serverUrl: inputs.serverUrl,
      rooms: inputs.rooms,
      retry: { retries: inputs.retries, timeoutMs: inputs.timeoutSeconds * 1000 },
      clock: deps.clock,
      random: deps.random,
      log: (message) => core.info(redact(message)),
    }).finally(() => transport.close());

    await report(core, { body, results, failOnError: inputs.failOnError }, deps.appendSummary, redact);
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
