import { CERTIFICATE_ADVICE, certificateProblem, codesOf, isRefusedTunnel, networkReason } from '../hipchat/delivery/network-failure.js';
import { type HttpResponse, type HttpTransport, RequestTimeout, seconds } from '../hipchat/transport/http.js';
import type { ApiVersion } from '../inputs/parse.js';
import { displayUrl } from '../redact.js';
import type { ProxyInUse } from './proxy.js';
import type { CheckLine } from './result.js';

/** What the server checks found, and whether the room checks can go on. */
export interface ServerAnswer {
  readonly lines: readonly CheckLine[];
  readonly usable: boolean;
}

const REACHABLE = 'Server reachable';
const CERTIFICATE = 'Certificate trusted';
const API = 'HipChat API';
/** A capabilities document is a few kilobytes. */
const CAPABILITIES_MAX_BYTES = 64 * 1024;

function line(check: string, outcome: CheckLine['outcome'], detail: string): CheckLine {
  return { check, outcome, detail };
}

/** The host and port a network error names, from the error or one of its causes. */
function endpointOf(error: unknown): { host?: string; port?: number } {
  for (let current = error; current instanceof Error; current = current.cause) {
    const { address, hostname, port } = current as { address?: unknown; hostname?: unknown; port?: unknown };
    const host = typeof address === 'string' ? address : typeof hostname === 'string' ? hostname : undefined;
    if (host) return { host, port: typeof port === 'number' ? port : undefined };
  }
  return {};
}

const NAME_NOT_FOUND = ['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL'];

/** Why no answer came, as the first check's line: the proxy named when the failure is the proxy's. */
function unreached(error: unknown, server: URL, proxy: ProxyInUse | undefined): string {
  const reason = networkReason(error);
  if (error instanceof RequestTimeout) {
    const via = proxy ? ` through the proxy in ${proxy.variable} (${proxy.shown})` : '';
    return `No answer from ${server.host}${via} within ${seconds(error.timeoutMs)}: check server_url and that the runner can reach it${proxy ? '' : ' (a runner behind a proxy needs HTTPS_PROXY)'}.`;
  }
  if (proxy) {
    const named = `the proxy in ${proxy.variable} (${proxy.shown})`;
    if (isRefusedTunnel(error)) {
      return `${named} would not open a tunnel to ${server.host}: ${reason}. Check its address and credentials, or list ${server.hostname} in NO_PROXY.`;
    }
    const { host, port } = endpointOf(error);
    if (host === proxy.host && (port === undefined || port === proxy.port)) {
      return `Cannot reach ${named}: ${reason}. Check ${proxy.variable}, or list ${server.hostname} in NO_PROXY if the runner reaches HipChat directly.`;
    }
    return `${server.host} could not be reached through ${named}: ${reason}. Check server_url, and that the proxy may reach it.`;
  }
  const codes = codesOf(error);
  if (codes.some((code) => NAME_NOT_FOUND.includes(code))) {
    return `Cannot resolve the host name ${server.hostname}: ${reason}. Check the host in server_url, and the runner's DNS.`;
  }
  if (codes.includes('ECONNREFUSED')) {
    return `Nothing accepts connections at ${server.host}: ${reason}. Check the port in server_url and that HipChat is running.`;
  }
  return `Could not connect to ${server.host}: ${reason}.`;
}

function looksLikeHtml(response: HttpResponse): boolean {
  return /html/i.test(response.headers['content-type'] ?? '') || /^\s*</.test(response.body);
}

function jsonOf(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const CHECK_SERVER_URL = 'Check server_url: it is the address of HipChat Server itself, e.g. https://hipchat.example.com';

/** Whether the answer to GET /v2/capabilities comes from a HipChat API, and which. */
function apiLine(response: HttpResponse, serverUrl: string, version: ApiVersion): CheckLine {
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.location;
    let target = '';
    try {
      target = location ? ` to ${displayUrl(new URL(location, serverUrl))}` : '';
    } catch {}
    return line(API, 'fail', `This is not the HipChat API root: it redirects${target}, as a login page does. ${CHECK_SERVER_URL}.`);
  }
  if (response.status === 200 && looksLikeHtml(response)) {
    return line(API, 'fail', `This is not the HipChat API root: it answers with an HTML page (a login page?). ${CHECK_SERVER_URL}.`);
  }
  const json = jsonOf(response.body);
  if (response.status === 200 && json && ('capabilities' in json || 'links' in json)) {
    const name = typeof json.name === 'string' ? ` (${json.name})` : '';
    return version === 'v2'
      ? line(API, 'pass', `API v2 answers: GET /v2/capabilities gave its capabilities document${name}.`)
      : line(API, 'pass', `The server speaks API v2 as well${name}; api_version v1 is checked with each room below.`);
  }
  if (json && typeof json.error === 'object') {
    // A HipChat error envelope: the API is there, and v1 servers have no capabilities document.
    return version === 'v1'
      ? line(
          API,
          'pass',
          `The server answers as HipChat (${response.status} to GET /v2/capabilities); api_version v1 is checked with each room below.`,
        )
      : line(
          API,
          'fail',
          `GET /v2/capabilities answered ${response.status}: the server does not offer API v2 here. ${CHECK_SERVER_URL}, or set api_version: v1 for a server that only speaks v1.`,
        );
  }
  return line(
    API,
    'fail',
    `GET /v2/capabilities answered ${response.status} with no HipChat document: this is not the HipChat API root. ${CHECK_SERVER_URL}.`,
  );
}

/**
 * The checks of the server itself, in the order a run meets them: reaching it (through the proxy, when one applies),
 * trusting its certificate, and finding the HipChat API there. GET /v2/capabilities needs no token, so none is sent.
 */
export interface ServerTarget {
  readonly serverUrl: string;
  readonly version: ApiVersion;
  /** false when tls_verify is off: a connection then proves nothing about the certificate. */
  readonly verify: boolean;
  readonly proxy: ProxyInUse | undefined;
  readonly timeoutMs: number;
}

function certificateLine(secure: boolean, verify: boolean): CheckLine {
  if (!secure) return line(CERTIFICATE, 'skip', 'None: server_url is http://, so the token crosses the network unencrypted.');
  if (!verify) {
    return line(
      CERTIFICATE,
      'warn',
      "Not verified, because tls_verify is false: anyone on the way could pose as HipChat. Give the CA's certificate in ca_cert and drop tls_verify.",
    );
  }
  return line(CERTIFICATE, 'pass', 'Its certificate is signed by a CA the runner trusts.');
}

export async function probeServer(transport: HttpTransport, target: ServerTarget): Promise<ServerAnswer> {
  const { serverUrl, version, proxy, timeoutMs } = target;
  const server = new URL(serverUrl);
  const secure = server.protocol === 'https:';
  const via = proxy ? ` through the proxy in ${proxy.variable} (${proxy.shown})` : '';
  let response: HttpResponse;
  try {
    response = await transport.send(
      { method: 'GET', url: `${serverUrl}/v2/capabilities`, headers: { accept: 'application/json' } },
      { timeoutMs, maxBodyBytes: CAPABILITIES_MAX_BYTES },
    );
  } catch (error) {
    const problem = certificateProblem(error);
    if (problem) {
      return {
        usable: false,
        lines: [
          line(REACHABLE, 'pass', `Connected to ${server.host}${via}.`),
          line(CERTIFICATE, 'fail', `${CERTIFICATE_ADVICE[problem]}.`),
          line(API, 'skip', 'Not checked: no connection can be trusted.'),
        ],
      };
    }
    return {
      usable: false,
      lines: [
        line(REACHABLE, 'fail', unreached(error, server, proxy)),
        line(CERTIFICATE, 'skip', 'Not checked: the server could not be reached.'),
        line(API, 'skip', 'Not checked: the server could not be reached.'),
      ],
    };
  }
  const api = apiLine(response, serverUrl, version);
  return {
    usable: api.outcome === 'pass',
    lines: [line(REACHABLE, 'pass', `${server.host} answered${via}.`), certificateLine(secure, target.verify), api],
  };
}
