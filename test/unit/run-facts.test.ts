// The pure parts of the run facts: which job this is, its duration, which lookups a run needs, the matrix input.
import { describe, expect, it } from 'vitest';
import type { GithubClient, WorkflowJob } from '../../src/github/types.js';
import { parseMatrix } from '../../src/inputs/matrix.js';
import { expectedJobName } from '../../src/lookups/job-name.js';
import { matchJob } from '../../src/lookups/match-job.js';
import { type PlanInput, planLookups, readsJobs, usesVariables } from '../../src/lookups/plan.js';
import { lookUpRunFacts } from '../../src/lookups/run-facts.js';
import { formatDuration } from '../../src/render/duration.js';

function job(name: string, fields: Partial<WorkflowJob> = {}): WorkflowJob {
  return {
    id: name.length,
    name,
    status: 'completed',
    conclusion: 'success',
    started_at: '2024-05-01T10:00:00Z',
    completed_at: '2024-05-01T10:03:12Z',
    html_url: `https://github.com/acme/api/actions/runs/1/job/${encodeURIComponent(name)}`,
    runner_name: 'GitHub Actions 9',
    steps: [],
    ...fields,
  };
}

describe('expectedJobName', () => {
  it('is the job id, then the matrix values in their order, as GitHub names matrix jobs', () => {
    expect(expectedJobName('test', undefined)).toBe('test');
    expect(expectedJobName('test', {})).toBe('test');
    expect(expectedJobName('test', { node: 24, os: 'ubuntu-latest', experimental: false })).toBe('test (24, ubuntu-latest, false)');
    expect(expectedJobName('test', { target: { arch: 'arm64' } })).toBe('test ({"arch":"arm64"})');
  });
});

describe('matchJob', () => {
  const jobs = [
    job('lint'),
    job('test (20)', { runner_name: 'GitHub Actions 2', status: 'in_progress', conclusion: null }),
    job('test (24)', { runner_name: 'GitHub Actions 3', status: 'in_progress', conclusion: null }),
    job('test (24, experimental)'),
    job('Deploy to staging', { runner_name: 'GitHub Actions 4', status: 'in_progress', conclusion: null }),
  ];

  it('finds a matrix job by its full name, not a sibling whose name differs only by its values', () => {
    expect(matchJob(jobs, { jobId: 'test', matrix: { node: 24 } }).job?.name).toBe('test (24)');
    expect(matchJob(jobs, { jobId: 'test', matrix: { node: 20 } }).job?.name).toBe('test (20)');
  });

  it('finds a job of a called workflow by the last part of its name', () => {
    expect(matchJob([job('ci / test (24)'), job('ci / lint')], { jobId: 'test', matrix: { node: 24 } }).job?.name).toBe('ci / test (24)');
  });

  it('tells a job with a name of its own by the runner running it', () => {
    expect(matchJob(jobs, { jobId: 'deploy', runnerName: 'GitHub Actions 4' }).job?.name).toBe('Deploy to staging');
  });

  it('tells jobs of the same name apart by the runner', () => {
    const twice = [
      job('caller-a / test', { runner_name: 'r1', status: 'in_progress' }),
      job('caller-b / test', { runner_name: 'r2', status: 'in_progress' }),
    ];
    expect(matchJob(twice, { jobId: 'test', runnerName: 'r2' }).job?.name).toBe('caller-b / test');
    expect(matchJob(twice, { jobId: 'test' })).toEqual({ job: undefined, expected: 'test', reason: "2 jobs are named 'test'" });
  });

  it('gives no job, and says why, rather than a wrong one', () => {
    expect(matchJob(jobs, { jobId: 'test' })).toEqual({
      job: undefined,
      expected: 'test',
      reason: "none of its 5 jobs is named 'test'",
    });
    expect(matchJob(jobs, { jobId: 'test', runnerName: 'GitHub Actions 7' })).toMatchObject({
      reason: "none of its 5 jobs is named 'test' or runs on this runner, 'GitHub Actions 7'",
    });
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [45.9, '45s'],
    [60, '1m 0s'],
    [192, '3m 12s'],
    [3599, '59m 59s'],
    [3600, '1h 0m'],
    [3840, '1h 4m'],
    [90_061, '25h 1m'],
    [-3, '0s'],
  ])('%d s is %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('lookUpRunFacts', () => {
  const nowMs = Date.parse('2024-05-01T10:10:00Z');
  const client = (jobs: WorkflowJob[]): GithubClient => ({
    getJson: async <T>() => ({ total_count: jobs.length, jobs }) as T,
    close: async () => {},
  });
  const log = { info: () => {}, warning: () => {} };
  const query = {
    repository: 'acme/api',
    runId: 1,
    attempt: 1,
    job: { jobId: 'test', matrix: { node: 24 } },
    wholeRun: false,
    nowMs,
    for: { message: true, history: false },
  };

  it("gives this job and its time so far, or a finished job's run time", async () => {
    const running = job('test (24)', { status: 'in_progress', started_at: '2024-05-01T10:06:48Z', completed_at: null });
    expect(await lookUpRunFacts(client([job('lint'), running]), query, log)).toMatchObject({ job: running, durationSeconds: 192 });
    expect(await lookUpRunFacts(client([job('test (24)')]), query, log)).toMatchObject({ durationSeconds: 192 });
  });

  it("with needs, gives the run attempt's time from its first job's start", async () => {
    const jobs = [
      job('build', { started_at: '2024-05-01T10:02:00Z' }),
      job('lint', { started_at: '2024-05-01T10:00:30Z' }),
      job('notify', { started_at: null }),
    ];
    expect(await lookUpRunFacts(client(jobs), { ...query, job: { jobId: 'notify' }, wholeRun: true }, log)).toMatchObject({
      durationSeconds: 570,
    });
  });
});

describe('planLookups', () => {
  const plain: PlanInput = {
    template: undefined,
    card: '',
    format: 'html',
    status: 'success',
    sendWhen: ['always'],
    needs: false,
    matrix: false,
  };

  it('asks nothing for the default message of a plain run', () => {
    expect(planLookups(plain)).toEqual({ runFacts: false, previous: undefined });
    expect(planLookups({ ...plain, format: 'card', template: '{{ status }}' })).toEqual({ runFacts: false, previous: undefined });
  });

  it('asks for the run facts when a template or the card uses them', () => {
    expect(planLookups({ ...plain, template: '{{ job_url }}' }).runFacts).toBe(true);
    expect(planLookups({ ...plain, template: '{% if duration_seconds > 60 %}slow{% endif %}' }).runFacts).toBe(true);
    expect(planLookups({ ...plain, format: 'card', card: 'title: "{{ job_name | upcase }}"' }).runFacts).toBe(true);
    expect(planLookups({ ...plain, template: 'job_url and duration, said in words' }).runFacts).toBe(false);
  });

  it('asks for them for the default message or card of a matrix job, which names the job', () => {
    expect(planLookups({ ...plain, matrix: true }).runFacts).toBe(true);
    expect(planLookups({ ...plain, matrix: true, format: 'card', template: 'x' }).runFacts).toBe(true);
    expect(planLookups({ ...plain, matrix: true, template: '{{ matrix.node }}' }).runFacts).toBe(false);
  });

  it('asks nothing for a message that no rule would send', () => {
    expect(planLookups({ ...plain, template: '{{ job_url }}', sendWhen: ['failure'] }).runFacts).toBe(false);
  });

  it("asks for this job's previous result when the rules depend on it, or with needs the whole run's", () => {
    expect(planLookups({ ...plain, sendWhen: ['changed'] })).toEqual({ runFacts: false, previous: 'job' });
    expect(readsJobs(planLookups({ ...plain, sendWhen: ['changed'] }))).toBe(true);
    expect(planLookups({ ...plain, sendWhen: ['changed'], needs: true })).toEqual({ runFacts: false, previous: 'run' });
    expect(readsJobs(planLookups({ ...plain, sendWhen: ['changed'], needs: true }))).toBe(false);
    expect(planLookups({ ...plain, sendWhen: ['failure', 'fixed'], status: 'failure' }).previous).toBeUndefined();
  });
});

describe('usesVariables', () => {
  it('looks inside Liquid output and tags only, by whole name', () => {
    expect(usesVariables('{{ duration }}', ['duration'])).toBe(true);
    expect(usesVariables('{{duration_seconds}}', ['duration'])).toBe(false);
    expect(usesVariables('{%- if job_url -%}x{%- endif -%}', ['job_url'])).toBe(true);
    expect(usesVariables('the duration: {{ status }}', ['duration'])).toBe(false);
  });
});

describe('parseMatrix', () => {
  it('reads toJSON(matrix), and null or nothing as no matrix', () => {
    expect(parseMatrix('{"node": 24, "os": "ubuntu-latest"}')).toEqual({ node: 24, os: 'ubuntu-latest' });
    expect(parseMatrix('')).toBeUndefined();
    expect(parseMatrix('null')).toBeUndefined();
  });

  it.each([
    [
      '{node: 24}',
      /^Invalid matrix '\{node: 24\}': it is not JSON \(.*\); pass matrix: \$\{\{ toJSON\(matrix\) \}\} from a job with a strategy\.matrix\.$/,
    ],
    [
      '[24]',
      "Invalid matrix '[24]': expected a JSON object of matrix values; pass matrix: ${{ toJSON(matrix) }} from a job with a strategy.matrix.",
    ],
  ])('names a mistake: %s', (raw, message) => {
    expect(() => parseMatrix(raw)).toThrow(message);
  });
});
