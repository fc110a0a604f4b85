// The one request seam for the GitHub API, loaded with import() only by runs that read it. undici's request()
// streams the body, so every read is bounded, and follows no redirect on its own, so the token goes to the API host
// and nowhere else. Behind a proxy (HTTPS_PROXY, NO_PROXY) its EnvHttpProxyAgent routes as the runner's settings say.
import type { Readable } from 'node:stream';
import { Agent, type Dispatcher, EnvHttpProxyAgent, request } from 'undici';
import { redactor, secretForms } from '../redact.js';
import { GithubApiError, type GithubClient, type GithubClientOptions, type Permission, type ReadOptions } from './types.js';

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];

/** A page of a hundred jobs with their steps is some hundreds of kB; anything far beyond is not an answer to use. */
export const JSON_MAX_BYTES = 8 * 1024 * 1024;
/** An error answer is read only far enough to quote its message. */
const ERROR_MAX_BYTES = 64 * 1024;

const PERMISSIONS: Readonly<Record<Permission, { readonly what: string; readonly scope: string }>> = {
  actions: { what: 'Actions runs and jobs', scope: 'actions: read' },
  checks: { what: 'check runs and their annotations', scope: 'checks: read' },
};

/** What to do about an answer: the permission to add is named, since a job with `permissions:` lacks it by default. */
function advice(status: number, message: string, permission: Permission): string {
  const { what, scope } = PERMISSIONS[permission];
  if (status === 401) return 'the github_token was not accepted; leave github_token at its default, ${{ github.token }}';
  if (status === 403 && /rate limit/i.test(message)) return "the GitHub API's rate limit for this token is used up";
  if (status === 403) return `the github_token may not read ${what}; give the job 'permissions: ${scope}'`;
  if (status === 404) {
    return `not found; check that GITHUB_API_URL points at the GitHub API and that the github_token can read this repository (with 'permissions: ${scope}')`;
  }
  return '';
}

/** An answer with its timeout, which goes on bounding the body as it is read. */
interface Answer {
  readonly response: Dispatcher.ResponseData;
  readonly signal: AbortSignal;
}

function dispatcher(): Dispatcher {
  return PROXY_VARIABLES.some((name) => process.env[name]) ? new EnvHttpProxyAgent() : new Agent();
}

/** The body up to `maxBytes`, or undefined when it is longer: the rest is never read. */
async function readBounded(body: Readable, maxBytes: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** GitHub's error envelope is `{ message, documentation_url }`; anything else is quoted as its first line. */
function messageOf(text: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {}
  return text.split('\n', 1)[0]?.slice(0, 200) ?? '';
}

function queryString(query: ReadOptions['query']): string {
  if (!query) return '';
  const search = new URLSearchParams(Object.entries(query).map(([name, value]): [string, string] => [name, String(value)])).toString();
  return search ? `?${search}` : '';
}

export function createGithubClient(options: GithubClientOptions): GithubClient {
  const pool = dispatcher();
  const apiUrl = options.apiUrl.replace(/\/+$/, '');
  // An error text comes from the server or the network stack: it must not carry the token into a warning.
  const redact = redactor(secretForms(options.token));
  const seconds = `${options.timeoutMs / 1000} s`;

  /** GET under the API URL, with the token. Only paths are taken, so the token goes to the API host alone. */
  async function get(path: string, query: ReadOptions['query'], permission: Permission): Promise<Answer> {
    const described = `GET ${path}`;
    const signal = AbortSignal.timeout(options.timeoutMs);
    let response: Dispatcher.ResponseData;
    try {
      response = await request(`${apiUrl}${path}${queryString(query)}`, {
        method: 'GET',
        headers: {
          authorization: `Bearer ${options.token}`,
          accept: 'application/vnd.github+json',
          'x-github-api-version': '2022-11-28',
          'user-agent': 'hipchat-notify',
        },
        dispatcher: pool,
        signal,
      });
    } catch (error) {
      const reason = signal.aborted ? `nothing within ${seconds}` : (error as Error).message;
      throw new GithubApiError(redact(`${described} got no answer: ${reason}`), 0, { cause: error });
    }
    if (response.statusCode === 200) return { response, signal };
    const text = (await readBounded(response.body, ERROR_MAX_BYTES).catch(() => undefined))?.toString('utf8') ?? '';
    response.body.destroy();
    const message = messageOf(text);
    const fix = advice(response.statusCode, message, permission);
    throw new GithubApiError(
      redact(`${described} answered ${response.statusCode} ${message}${fix ? `: ${fix}` : ''}`),
      response.statusCode,
    );
  }

  return {
    async getJson<T>(path: string, { permission, query }: ReadOptions): Promise<T> {
      const { response, signal } = await get(path, query, permission);
      const described = `GET ${path}`;
      let body: Buffer | undefined;
      try {
        body = await readBounded(response.body, JSON_MAX_BYTES);
      } catch (error) {
        const reason = signal.aborted ? `it did not end within ${seconds}` : (error as Error).message;
        throw new GithubApiError(redact(`${described} broke off its answer: ${reason}`), 200, { cause: error });
      }
      if (body === undefined) {
        throw new GithubApiError(`${described} answered with more than ${JSON_MAX_BYTES / 1024 / 1024} MB, which is not read`, 200);
      }
      try {
        return JSON.parse(body.toString('utf8')) as T;
      } catch (error) {
        throw new GithubApiError(`${described} answered with something that is not JSON`, 200, { cause: error });
      }
    },
    close: () => pool.destroy(),
  };
}
