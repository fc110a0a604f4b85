// A fake of the GitHub REST API endpoints the lookups read (runs, attempts, workflow runs, jobs), on 127.0.0.1,
// filtering and paging as GitHub does. Runs belong to repositories, and faults are set per repository, so
// concurrent tests do not interfere.
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
  /**
   * The jobs of every attempt. Without them each attempt has one job, `build`, with the attempt's result (in
   * progress for the current attempt of a run in progress), so per-job history reads like the whole run's.
   */
  jobs?: FakeJob[];
}

export interface FakeStep {
  name: string;
  /** Default: completed when there is a conclusion, else in_progress. */
  status?: 'completed' | 'in_progress' | 'queued';
  conclusion?: string | null;
}

export interface FakeJob {
  /** The name GitHub shows, matrix values included: `test (24)`. */
  name: string;
  /** Assigned in order from 50001 when not given; it is also the job's check run id. */
  id?: number;
  /** The attempt the job ran in; default the run's latest. */
  attempt?: number;
  /** Default: completed when there is a conclusion, else in_progress. */
  status?: 'completed' | 'in_progress' | 'queued';
  conclusion?: string | null;
  /** ISO times; a queued job has no start. */
  started_at?: string | null;
  completed_at?: string | null;
  runner_name?: string | null;
  steps?: FakeStep[];
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
  /** The jobs of a run as served, ids assigned. */
  jobsOf(repository: string, runId: number): Required<Pick<FakeJob, 'id' | 'name' | 'attempt'>>[];
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

const STARTED = '2024-05-01T10:00:00Z';

/** Every job of a run, with ids and attempts filled in; a run without jobs gets `build` in each attempt. */
function jobsOf(run: FakeRun, nextId: () => number): (FakeJob & { id: number; attempt: number })[] {
  const latest = run.run_attempt ?? 1;
  run.jobs ??= Array.from({ length: latest }, (_, index) => {
    const attempt = index + 1;
    const conclusion = attempt === latest ? (run.conclusion ?? null) : (run.attempts?.[attempt] ?? null);
    return { name: 'build', attempt, conclusion, completed_at: conclusion ? '2024-05-01T10:03:12Z' : null };
  });
  for (const job of run.jobs) {
    job.id ??= nextId();
    job.attempt ??= latest;
  }
  return run.jobs as (FakeJob & { id: number; attempt: number })[];
}

function stepJson(step: FakeStep, index: number) {
  const conclusion = step.conclusion ?? null;
  return {
    name: step.name,
    status: step.status ?? (conclusion ? 'completed' : 'in_progress'),
    conclusion,
    number: index + 1,
    started_at: STARTED,
    completed_at: conclusion ? STARTED : null,
  };
}

function jobJson(run: FakeRun, job: FakeJob & { id: number; attempt: number }) {
  const conclusion = job.conclusion ?? null;
  return {
    id: job.id,
    run_id: run.id,
    run_attempt: job.attempt,
    workflow_name: 'CI',
    head_branch: run.head_branch === undefined ? 'main' : run.head_branch,
    name: job.name,
    status: job.status ?? (conclusion ? 'completed' : 'in_progress'),
    conclusion,
    started_at: job.started_at === undefined ? STARTED : job.started_at,
    completed_at: job.completed_at ?? null,
    html_url: `https://github.com/${run.repository}/actions/runs/${run.id}/job/${job.id}`,
    check_run_url: `https://api.github.com/repos/${run.repository}/check-runs/${job.id}`,
    runner_name: job.runner_name === undefined ? 'GitHub Actions 1' : job.runner_name,
    labels: ['ubuntu-latest'],
    steps: (job.steps ?? []).map(stepJson),
  };
}

/** GitHub's paging: per_page (at most 100, default 30) and page, counted from 1. */
function page<T>(items: readonly T[], query: URLSearchParams): T[] {
  const perPage = Math.min(Number(query.get('per_page') ?? 30), 100);
  const number = Number(query.get('page') ?? 1);
  return items.slice((number - 1) * perPage, number * perPage);
}

function route(
  runs: readonly FakeRun[],
  path: string,
  query: URLSearchParams,
  nextId: () => number,
): { repository?: string; answer: Answer } {
  const match = /^\/repos\/([^/]+)\/([^/]+)\/actions\/(.+)$/.exec(path);
  if (!match) return { answer: notFound() };
  const repository = `${decodeURIComponent(match[1] ?? '')}/${decodeURIComponent(match[2] ?? '')}`;
  const rest = match[3] ?? '';
  const ofRepository = runs.filter((run) => run.repository === repository);

  const jobs = /^runs\/(\d+)(?:\/attempts\/(\d+))?\/jobs$/.exec(rest);
  if (jobs) {
    const run = ofRepository.find((candidate) => candidate.id === Number(jobs[1]));
    const latest = run?.run_attempt ?? 1;
    const attempt = jobs[2] === undefined ? undefined : Number(jobs[2]);
    if (!run || (attempt !== undefined && (attempt < 1 || attempt > latest))) return { repository, answer: notFound() };
    const all = query.get('filter') === 'all' && attempt === undefined;
    const listed = jobsOf(run, nextId).filter((job) => all || job.attempt === (attempt ?? latest));
    return {
      repository,
      answer: { status: 200, body: { total_count: listed.length, jobs: page(listed, query).map((job) => jobJson(run, job)) } },
    };
  }

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
  let lastId = 50_000;
  const nextId = () => ++lastId;

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

    const { repository, answer } = route(runs, path, url.searchParams, nextId);
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
    jobsOf: (repository, runId) => {
      const run = runs.find((candidate) => candidate.repository === repository && candidate.id === runId);
      return run ? jobsOf(run, nextId).map(({ id, name, attempt }) => ({ id, name, attempt })) : [];
    },
    failFor: (repository, fault) => void faults.set(repository, fault),
    close: () =>
      new Promise<void>((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}
