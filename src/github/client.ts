// The one request seam for the GitHub API, loaded with import() only by runs that read it. undici's request()
// streams the body, so every read is bounded, and follows no redirect on its own, so the token goes to the API host
// and nowhere else. Behind a proxy (HTTPS_PROXY, NO_PROXY) its EnvHttpProxyAgent routes as the runner's settings say.
import type { Readable } from 'node:stream';
import { Agent, type Dispatcher, EnvHttpProxyAgent, request } from 'undici';
import { BoundedBody } from '../hipchat/transport/bounded-body.js';
import { PROXY_VARIABLES } from '../hipchat/transport/transport-options.js';
import { displayUrl, redactor, secretForms } from '../redact.js';
import {
  type Download,
  type DownloadOptions,
  GithubApiError,
  type GithubClient,
  type GithubClientOptions,
  type Permission,
  type ReadOptions,
} from './types.js';

/** A page of a hundred jobs with their steps is some hundreds of kB; anything far beyond is not an answer to use. */
export const JSON_MAX_BYTES = 8 * 1024 * 1024;
/** An error answer is read only far enough to quote its message. */
const ERROR_MAX_BYTES = 64 * 1024;
/** GitHub redirects a log once, to its storage; a chain longer than this is not a download. */
const MAX_REDIRECTS = 3;
const USER_AGENT = 'hipchat-notify';

const PERMISSIONS: Readonly<Record<Permission, { readonly what: string; readonly scope: string }>> = {
  actions: { what: 'Actions runs and jobs', scope: 'actions: read' },
  checks: { what: 'check runs and their annotations', scope: 'checks: read' },
};

/** What to do about an answer: the permission to add is named, since a job with `permissions:` lacks it by default. */
function advice(status: number, message: string, permission: Permission | undefined): string {
  if (!permission) return status === 403 || status === 404 ? 'the download link GitHub gave may have expired' : '';
  const { what, scope } = PERMISSIONS[permission];
  if (status === 401) return 'the github_token was not accepted; leave github_token at its default, ${{ github.token }}';
  if (status === 403 && /rate limit/i.test(message)) return "the GitHub API's rate limit for this token is used up";
  if (status === 403) return `the github_token may not read ${what}; give the job 'permissions: ${scope}'`;
  if (status === 404) {
    return `not found; check that GITHUB_API_URL points at the GitHub API and that the github_token can read this repository (with 'permissions: ${scope}')`;
  }
  return '';
}

function dispatcher(): Dispatcher {
  return PROXY_VARIABLES.some((name) => process.env[name]) ? new EnvHttpProxyAgent() : new Agent();
}

/** The body up to `maxBytes`; what follows is never read (`truncated` says there was more). */
async function readBounded(body: Readable, maxBytes: number): Promise<BoundedBody> {
  const bounded = new BoundedBody(maxBytes);
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (!bounded.add(chunk)) break;
  }
  return bounded;
}

/** GitHub's error envelope is `{ message, documentation_url }`; anything else is quoted as its first line. */
function messageOf(text: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message.replace(/\s+/g, ' ').slice(0, 300);
  } catch {}
  return text.split('\n', 1)[0]?.slice(0, 200) ?? '';
}

function queryString(query: ReadOptions['query']): string {
  if (!query) return '';
  const search = new URLSearchParams(Object.entries(query).map(([name, value]): [string, string] => [name, String(value)])).toString();
  return search ? `?${search}` : '';
}

function isRedirect(status: number): boolean {
  return [301, 302, 303, 307, 308].includes(status);
}

export function createGithubClient(options: GithubClientOptions): GithubClient {
  const pool = dispatcher();
  const apiUrl = options.apiUrl.replace(/\/+$/, '');
  // An error text comes from the server or the network stack: it must not carry the token into a warning.
  const redact = redactor(secretForms(options.token));
  const seconds = `${options.timeoutMs / 1000} s`;
  const fail = (message: string, status: number, cause?: unknown) => new GithubApiError(redact(message), status, { cause });
  const apiHeaders = {
    authorization: `Bearer ${options.token}`,
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
    'user-agent': USER_AGENT,
  };

  /** One GET through the pool; no answer becomes an error that says which request and why. */
  async function send(url: string, headers: Record<string, string>, signal: AbortSignal, described: string) {
    try {
      const response = await request(url, { method: 'GET', headers, dispatcher: pool, signal });
      // A body is often left unread (a redirect's, the rest of a log): destroying it then aborts the request, an
      // error that is the point, not a failure. Errors while it is read still reach the reader.
      response.body.on('error', () => {});
      return response;
    } catch (error) {
      throw fail(`${described} got no answer: ${signal.aborted ? `nothing within ${seconds}` : (error as Error).message}`, 0, error);
    }
  }

  /** A GET under the API URL, with the token. Only paths are taken, so the token goes to the API host alone. */
  const sendToApi = (path: string, query: ReadOptions['query'], signal: AbortSignal) =>
    send(`${apiUrl}${path}${queryString(query)}`, apiHeaders, signal, `GET ${path}`);

  async function refusal(response: Dispatcher.ResponseData, described: string, permission?: Permission): Promise<GithubApiError> {
    const text = (await readBounded(response.body, ERROR_MAX_BYTES).catch(() => undefined))?.text() ?? '';
    response.body.destroy();
    const message = messageOf(text);
    const fix = advice(response.statusCode, message, permission);
    return fail(`${described} answered ${response.statusCode} ${message}${fix ? `: ${fix}` : ''}`, response.statusCode);
  }

  /**
   * Follows the API's redirect to the signed download URL by hand. The signature in the URL is the download's
   * permission, so no token goes with it, whichever host it names; the URL is shown without its query, which holds
   * the signature.
   */
  async function followDownload(first: Dispatcher.ResponseData, path: string, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
    let response = first;
    let from = new URL(`${apiUrl}${path}`);
    for (let hops = 0; isRedirect(response.statusCode); hops++) {
      const location = response.headers.location;
      response.body.destroy();
      const target = typeof location === 'string' ? URL.parse(location, from.href) : null;
      if (hops === MAX_REDIRECTS) throw fail(`GET ${path} redirected more than ${MAX_REDIRECTS} times`, response.statusCode);
      if (!target || !/^https?:$/.test(target.protocol)) {
        throw fail(`GET ${path} redirected to something other than an http or https URL`, response.statusCode);
      }
      const described = `GET ${path}: the download at ${displayUrl(target)}`;
      response = await send(target.href, { 'user-agent': USER_AGENT }, signal, described);
      if (response.statusCode !== 200 && !isRedirect(response.statusCode)) throw await refusal(response, described);
      from = target;
    }
    return response;
  }

  return {
    async getJson<T>(path: string, { permission, query }: ReadOptions): Promise<T> {
      const described = `GET ${path}`;
      const signal = AbortSignal.timeout(options.timeoutMs);
      const response = await sendToApi(path, query, signal);
      if (response.statusCode !== 200) throw await refusal(response, described, permission);
      let body: BoundedBody;
      try {
        body = await readBounded(response.body, JSON_MAX_BYTES);
      } catch (error) {
        throw fail(
          `${described} broke off its answer: ${signal.aborted ? `it did not end within ${seconds}` : (error as Error).message}`,
          200,
          error,
        );
      }
      if (body.truncated) throw fail(`${described} answered with more than ${JSON_MAX_BYTES / 1024 / 1024} MB, which is not read`, 200);
      try {
        return JSON.parse(body.text()) as T;
      } catch (error) {
        throw fail(`${described} answered with something that is not JSON`, 200, error);
      }
    },

    async download(path: string, { permission, maxBytes, consume }: DownloadOptions): Promise<Download> {
      // One time bound for the whole download: a slow stream is cut, and what came is kept.
      const signal = AbortSignal.timeout(options.timeoutMs);
      const first = await sendToApi(path, undefined, signal);
      if (first.statusCode !== 200 && !isRedirect(first.statusCode)) throw await refusal(first, `GET ${path}`, permission);
      const response = await followDownload(first, path, signal);
      let bytes = 0;
      try {
        for await (const chunk of response.body as AsyncIterable<Buffer>) {
          const part = chunk.length > maxBytes - bytes ? chunk.subarray(0, maxBytes - bytes) : chunk;
          bytes += part.length;
          if (consume(part)) return { ended: 'enough', bytes };
          if (bytes >= maxBytes) return { ended: 'bytes', bytes };
        }
      } catch (error) {
        if (signal.aborted && bytes > 0) return { ended: 'time', bytes };
        throw fail(
          `GET ${path}: the download broke off: ${signal.aborted ? `nothing within ${seconds}` : (error as Error).message}`,
          200,
          error,
        );
      }
      return { ended: 'end', bytes };
    },

    close: () => pool.destroy(),
  };
}
