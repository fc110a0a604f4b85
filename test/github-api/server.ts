// A fake of the three GitHub REST API endpoints the previous-run lookup reads, on 127.0.0.1, filtering as GitHub
// does. Runs belong to repositories, and faults are set per repository, so concurrent tests do not interfere.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface FakeRun {
  /** owner/name of the repository the run belongs to. */
  repository: string;
  id: number;
  run_number: number;
  /** Defaults: workflow 1, branch main, head repository = repository, completed, attempt 1. */
  workflow_id?: number;
  head_branch?: string | null;
  head_repository?: string;
  status?: 'completed' | 'in_progress' | 'queued';
  conclusion?: string | null;
  run_attempt?: number;
  /** Conclusions of earlier attempts of this run, by attempt number. */
  attempts?: Record<number, string | null>;
}

export type GithubFault = { status: number; message?: string } | { drop: true } | { delayMs: number };

export interface GithubRequest {
  method: string;
  /** Without the base path and the query. */
  path: string;
  query: Record<string, string>;
  /** The token presented in `Authorization: token …` or `Bearer …`. */
  tokenUsed?: string;
  /** 0 when the connection was dropped. */
  status: number;
}

export interface FakeGithub {
  /** What GITHUB_API_URL is set to: http://127.0.0.1:PORT plus the base path (e.g. /api/v3 as on GHES). */
  url: string;
  requests: readonly GithubRequest[];
  /** The requests about one repository, in order. */
  requestsFor(repository: string): GithubRequest[];
  addRuns(...runs: FakeRun[]): void;
  /** Every request about the repository meets the fault from now on. */
  failFor(repository: string, fault: GithubFault): void;
  close(): Promise<void>;
}

export interface FakeGithubOptions {
  /** Tokens that are accepted; any other gets 401 Bad credentials. */
  tokens: readonly string[];
  /** '' as on github.com, '/api/v3' as on GitHub Enterprise Server. */
  basePath?: string;
  runs?: readonly FakeRun[];
}

const DOCS = 'https://docs.github.com/rest';

function runJson(run: FakeRun, attempt?: number) {
  const base = `https://github.com/${run.repository}/actions/runs/${run.id}`;
  const earlier = attempt !== undefined && attempt !== (run.run_attempt ?? 1);
  return {
    id: run.id,
    name: 'CI',
    run_number: run.run_number,
    run_attempt: attempt ?? run.run_attempt ?? 1,
    workflow_id: run.workflow_id ?? 1,
    head_branch: run.head_branch === undefined ? 'main' : run.head_branch,
    head_repository: { full_name: run.head_repository ?? run.repository },
    event: 'push',
    status: earlier ? 'completed' : (run.status ?? 'completed'),
    conclusion: earlier ? (run.attempts?.[attempt] ?? null) : (run.conclusion ?? null),
    html_url: attempt && attempt > 1 ? `${base}/attempts/${attempt}` : base,
  };
}

type Answer = { status: number; body: unknown };

function notFound(): Answer {
  return { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
}

function route(runs: readonly FakeRun[], path: string, query: URLSearchParams): { repository?: string; answer: Answer } {
  const match = /^\/repos\/([^/]+)\/([^/]+)\/actions\/(.+)$/.exec(path);
  if (!match) return { answer: notFound() };
  const repository = `${decodeURIComponent(match[1] ?? '')}/${decodeURIComponent(match[2] ?? '')}`;
  const rest = match[3] ?? '';
  const ofRepository = runs.filter((run) => run.repository === repository);

  const single = /^runs\/(\d+)(?:\/attempts\/(\d+))?$/.exec(rest);
  if (single) {
    const run = ofRepository.find((candidate) => candidate.id === Number(single[1]));
    const attempt = single[2] === undefined ? undefined : Number(single[2]);
    if (!run || (attempt !== undefined && (attempt < 1 || attempt > (run.run_attempt ?? 1)))) return { repository, answer: notFound() };
    return { repository, answer: { status: 200, body: runJson(run, attempt) } };
  }

  const list = /^workflows\/(\d+)\/runs$/.exec(rest);
  if (list) {
    const branch = query.get('branch');
    const status = query.get('status');
    const perPage = Number(query.get('per_page') ?? 30);
    const listed = ofRepository
      .filter((run) => (run.workflow_id ?? 1) === Number(list[1]))
      .filter((run) => branch === null || (run.head_branch === undefined ? 'main' : run.head_branch) === branch)
      .filter((run) => status === null || (run.status ?? 'completed') === status || run.conclusion === status)
      .sort((a, b) => b.run_number - a.run_number);
    return {
      repository,
      answer: { status: 200, body: { total_count: listed.length, workflow_runs: listed.slice(0, perPage).map((run) => runJson(run)) } },
    };
  }
  return { repository, answer: notFound() };
}

export async function startFakeGithub(options: FakeGithubOptions): Promise<FakeGithub> {
  const basePath = options.basePath ?? '';
  const runs: FakeRun[] = [...(options.runs ?? [])];
  const faults = new Map<string, GithubFault>();
  const requests: GithubRequest[] = [];

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname;
    const tokenUsed = /^(?:token|bearer) (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const recorded: GithubRequest = {
      method: request.method ?? '',
      path,
      query: Object.fromEntries(url.searchParams),
      tokenUsed,
      status: 0,
    };
    requests.push(recorded);

    const { repository, answer } = route(runs, path, url.searchParams);
    const fault = repository === undefined ? undefined : faults.get(repository);
    let reply: Answer = answer;
    if (!url.pathname.startsWith(basePath) || request.method !== 'GET') reply = notFound();
    else if (!tokenUsed || !options.tokens.includes(tokenUsed))
      reply = { status: 401, body: { message: 'Bad credentials', documentation_url: DOCS, status: '401' } };
    else if (fault && 'drop' in fault) {
      request.socket.destroy();
      return;
    } else if (fault && 'delayMs' in fault) await sleep(fault.delayMs);
    else if (fault)
      reply = {
        status: fault.status,
        body: { message: fault.message ?? 'Server Error', documentation_url: DOCS, status: String(fault.status) },
      };

    recorded.status = reply.status;
    response.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(reply.body));
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => response.destroy(error as Error));
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    requests,
    requestsFor: (repository) => requests.filter((request) => request.path.startsWith(`/repos/${repository}/`)),
    addRuns: (...added) => void runs.push(...added),
    failFor: (repository, fault) => void faults.set(repository, fault),
    close: () =>
      new Promise<void>((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}
